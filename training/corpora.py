"""Labelled reference corpora, read in place, each mapped onto citeres' label set.

Every reader yields `Example`s: the reference text and labelled character spans. Spans may
carry `<` (take the label of the token before) or `>` (of the token after), for the
punctuation and cue words a corpus leaves outside its fields.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from citeres.parse.tokens import tokenize

PREV, NEXT = "<", ">"


class Example(NamedTuple):
    text: str
    spans: tuple[tuple[int, int, str], ...]
    source: str


def token_labels(example: Example) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tokens of an example and one label each, the `<`/`>` labels resolved."""
    tokens = tokenize(example.text)
    spans = sorted(example.spans)
    labels: list[str] = []
    at = 0
    for token in tokens:
        while at < len(spans) and spans[at][1] <= token.start:
            at += 1
        inside = at < len(spans) and spans[at][0] <= token.start
        labels.append(spans[at][2] if inside else "note")
    return tuple(t.text for t in tokens), resolve_attached(labels)


def resolve_attached(labels: list[str]) -> tuple[str, ...]:
    out = list(labels)
    for i in range(len(out)):  # `<`: what came before, left to right
        if out[i] == PREV:
            out[i] = out[i - 1] if i and out[i - 1] not in (PREV, NEXT) else NEXT
    for i in reversed(range(len(out))):  # `>`: what comes after, right to left
        if out[i] == NEXT:
            out[i] = out[i + 1] if i + 1 < len(out) else (out[i - 1] if i else "note")
    return tuple("note" if label in (PREV, NEXT) else label for label in out)


def joined(parts: list[tuple[str, str]], source: str) -> Example:
    """Labelled pieces joined by single spaces."""
    text, spans = "", []
    for label, piece in parts:
        piece = " ".join(piece.split())
        if not piece:
            continue
        if text:
            text += " "
        spans.append((len(text), len(text) + len(piece), label))
        text += piece
    return Example(text, tuple(spans), source)


# AnyStyle (and CORA in AnyStyle's format): one element per field, punctuation inside.
ANYSTYLE = {
    "author": "author",
    "director": "author",
    "editor": "editor",
    "translator": "translator",
    "title": "title",
    "container-title": "container",
    "journal": "container",
    "booktitle": "container",
    "collection-title": "collection",
    "volume": "volume",
    "pages": "pages",
    "date": "date",
    "publisher": "publisher",
    "institution": "publisher",
    "authority": "publisher",
    "location": "location",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
    "edition": "edition",
}
ISSUE_CUE = frozenset("( no nr n issue heft h fasc num number".split())


def read_anystyle(path: Path, source: str) -> Iterator[Example]:
    for sequence in ET.parse(path).getroot():
        parts = [(ANYSTYLE.get(el.tag, "note"), "".join(el.itertext())) for el in sequence]
        if parts:
            yield joined(parts, source)


def split_issue(tokens: tuple[str, ...], labels: tuple[str, ...]) -> tuple[str, ...]:
    """AnyStyle keeps the issue in the volume (`12(3)`, `Vol. 9, No. 2`): the tokens from an
    issue cue to the end of that volume run become the issue, as GROBID labels them."""
    out = list(labels)
    i = 0
    while i < len(out):
        if out[i] != "volume":
            i += 1
            continue
        end = i
        while end < len(out) and out[end] == "volume":
            end += 1
        cue = next((j for j in range(i + 1, end) if tokens[j].lower() in ISSUE_CUE), None)
        if cue is not None and any(t.isdigit() for t in tokens[i:cue]):
            stop = next((j + 1 for j in range(cue, end) if tokens[j] == ")"), end)
            out[cue:stop] = ["issue"] * (stop - cue)
        i = end
    return tuple(out)


# GROBID's TEI <bibl>: fields as elements, punctuation and cue words between them.
GROBID_SCOPE = {"vol": "volume", "volume": "volume", "issue": "issue"}
GROBID_SCOPE |= {"pp": "pages", "page": "pages"}
GROBID_TAGS = {
    "author": "author",
    "editor": "editor",
    "date": "date",
    "pubPlace": "location",
    "publisher": "publisher",
    "orgName": "publisher",
    "ptr": "url",
    "note": "note",
}
TEI = "{http://www.tei-c.org/ns/1.0}"
ATTACH_NEXT = frozenset("( [ “ « ‘ in In IN pp p vol Vol no No".split())


def grobid_label(el: ET.Element, has_article: bool) -> str:
    tag = el.tag.removeprefix(TEI)
    if tag == "title":
        level = el.get("level", "m")
        if level == "a" or (level == "m" and not has_article):
            return "title"
        return "collection" if level == "s" else "container"
    if tag == "biblScope":
        return GROBID_SCOPE.get(el.get("unit") or el.get("type") or "", "note")
    if tag == "idno":
        kind = (el.get("type") or "").lower()
        return kind if kind in ("doi", "isbn") else "note"
    return GROBID_TAGS.get(tag, "note")


def read_grobid(folder: Path) -> Iterator[Example]:
    for path in sorted(folder.glob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for bibl in root.iter():
            if bibl.tag.removeprefix(TEI) == "bibl":
                yield grobid_example(bibl)


def grobid_example(bibl: ET.Element) -> Example:
    has_article = any(el.tag.removeprefix(TEI) == "title" and el.get("level") == "a" for el in bibl)
    text, spans = "", []

    def add(piece: str, label: str | None) -> None:
        nonlocal text
        piece = re.sub(r"\s+", " ", piece)
        if label is None:  # between fields: cue words go forward, punctuation back
            for word in re.finditer(r"\S+", piece):
                bare = word.group().strip(".:,")
                attach = NEXT if word.group() in ATTACH_NEXT or bare in ATTACH_NEXT else PREV
                if word.group() in ('"', "'") and word.end() == len(piece.rstrip()):
                    attach = NEXT  # a straight quote right before a field opens it
                if any(ch.isalpha() for ch in bare) and attach == PREV:
                    attach = "note"
                spans.append((len(text) + word.start(), len(text) + word.end(), attach))
        else:
            spans.append((len(text), len(text) + len(piece), label))
        text += piece

    add(bibl.text or "", None)
    for el in bibl:
        add("".join(el.itertext()), grobid_label(el, has_article))
        add(el.tail or "", None)
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    spans = [(s - shift, e - shift, lab) for s, e, lab in spans if e - shift > 0]
    return Example(stripped.rstrip(), tuple(spans), "grobid")
