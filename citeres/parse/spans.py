"""Labelled tokens → spans → the fields of one work, each span through its own normaliser.

The model decides which span is what; the rules here only normalise: names split by
`parse_names`, a date to its year, volumes and pages to their numbers, identifiers by the
parser's own patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from citeres.identity import YEAR_IN_TEXT, roman_value
from citeres.parse.names import parse_names
from citeres.parse.numbers import PAGE_RANGE
from citeres.parse.reference import DOI, IBID, ISBN, OPCIT, URL
from citeres.parse.tokens import Token
from citeres.text import squash

LABELS = (
    "author editor translator title container collection volume issue edition pages date "
    "publisher location url doi isbn note locator short-form commentary"
).split()
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}
TEXT_FIELDS = {
    "title": "title",
    "container": "container",
    "collection": "series",
    "publisher": "publisher",
    "location": "address",
}
FIELDS = (
    "type author editor translator title container series volume issue edition year "
    "publisher address pages url doi isbn locator form"
).split()

# What announces a name's role (`edited by`, `(eds.)`, `trans.`, `a cura di`, `hrsg. v.`):
# cut before the names are split, so the role word never becomes a name.
ROLE = re.compile(
    r"^\s*in\b:?|\b(?:edited|translated|compiled|introduced|herausgegeben|übersetzt|traduit|"
    r"editors?|a\s+cura\s+di|by)\b|\b(?:eds?|edd|éds?|dirs?|hrsg|hg|hgg|cur|curr|trans|transl|"
    r"tr|trad|übers|ed(?:ited)?\s+by)\.",
    re.IGNORECASE,
)
LEADING_NUMBER = re.compile(r"^[\W\d_]+(?=\w)")
EDITED = re.compile(  # `(ed.)`, `(Hrsg.)`, `eds.`, `editors`, `a cura di` closing a name list
    r"(?:\((?i:eds?|editors?|edd|hrsg|hg|dir|éds?)\.?\)|\b(?:eds?|edd|hrsg|hg|dir|éds?)\.|"
    r"\b(?:editors?|eds)\b|\ba cura di)[.,:]?$"
)
CONJUNCTION = re.compile(r"\s+(?:e|et|und|y)\s+")
FAMILY_INITIALS = re.compile(
    r"^(?P<family>(?:[a-z]+\s)*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s[A-ZÀ-ÖØ-Þ][\w'’-]+)?)\s+"
    r"(?P<initials>[A-Z]{1,3}|(?:[A-Z]\.\s?){1,3})$"
)
EDGE = " \t.,:;()[]{}“”\"'‘’«»„/"
NUMBER = re.compile(r"\d+|\b[IVXLCDM]+\b|\b[ivxlcdm]+\b")
PAGES = re.compile(PAGE_RANGE, re.IGNORECASE)
ISSUE = re.compile(r"\(\s*([\w/–-]+)\s*\)|\b(?:no|nr|n|num|heft|fasc|issue)\.?\s*([\w/–-]+)", re.I)
CONTAINER_CUE = re.compile(r"^(?:in|dans|en|im|aus)\b:?\s*", re.IGNORECASE)
IDEM = re.compile(r"^(?:idem|eadem|iidem|eaedem|id)\b", re.IGNORECASE)
EDITION_WORD = re.compile(r"\b(?:ed|edn|edition|édition|éd|ausgabe|aufl|auflage|ediz)\b\.?", re.I)


class Span(NamedTuple):
    label: str
    start: int
    end: int
    text: str


def spans_of(text: str, tokens: Sequence[Token], labels: Sequence[str]) -> list[Span]:
    """Runs of tokens with one label, as spans of `text` (the original spacing kept)."""
    spans: list[Span] = []
    for token, label in zip(tokens, labels, strict=True):
        if spans and spans[-1].label == label:
            last = spans[-1]
            spans[-1] = Span(label, last.start, token.end, text[last.start : token.end])
        else:
            spans.append(Span(label, token.start, token.end, token.text))
    return spans


def clean(text: str) -> str | None:
    return squash(text).strip(EDGE) or None


def names(text: str) -> list[str]:
    text = LEADING_NUMBER.sub("", text)  # `27. Boyle, Frank`: a list number, never a name
    bare = ROLE.sub(" ", text) if ROLE.search(text) else text
    bare = CONJUNCTION.sub(" and ", squash(bare).strip(EDGE + "&"))
    return [n.inverted() for n in parse_names(family_first(bare))]


def family_first(text: str) -> str:
    """`Pérez-Higueras JJ, Arias A` → `J. J. Pérez-Higueras and A. Arias`, which the name
    splitter reads; other lists are left as they are."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    matches = [FAMILY_INITIALS.match(p) for p in parts]
    if not parts or not all(matches):
        return text
    return " and ".join(
        " ".join(f"{ch}." for ch in m.group("initials") if ch.isalpha()) + " " + m.group("family")
        for m in matches
        if m
    )


def volume(text: str) -> str | None:
    match = NUMBER.search(text)
    if not match:
        return None
    number = match.group()
    return number.upper() if not number.isdigit() and roman_value(number) else number


def issue(text: str) -> str | None:
    match = ISSUE.search(text)
    if match:
        return match.group(1) or match.group(2)
    found = NUMBER.search(text)
    return found.group() if found else None


def pages(text: str) -> str | None:
    found = [re.sub(r"\s*[-–—]+\s*", "-", m.group()) for m in PAGES.finditer(text)]
    found = [p for p in found if any(ch.isdigit() for ch in p) or len(found) == 1]
    return ", ".join(found) or None


def year(text: str) -> str | None:
    match = YEAR_IN_TEXT.search(text)
    return match.group(1) if match else None


def edition(text: str) -> str | None:
    return clean(EDITION_WORD.sub(" ", text))


def identifier(pattern: re.Pattern[str], group: int) -> Any:
    def normalise(text: str) -> str | None:
        match = pattern.search(text)
        return match.group(group).replace(" ", "") if match else None

    return normalise


def isbn(text: str) -> str | None:
    found = identifier(ISBN, 1)(text)
    if found:
        return found
    digits = re.sub(r"[^\dX]", "", text.upper())
    return digits if len(digits) in (10, 13) else None


NORMALISE = {
    "volume": volume,
    "issue": issue,
    "edition": edition,
    "pages": pages,
    "locator": pages,
    "date": year,
    "url": identifier(URL, 0),
    "doi": identifier(DOI, 1),
    "isbn": isbn,
}
TARGET = {"date": "year"}


def fields_of(spans: Sequence[Span]) -> dict[str, Any]:
    """The work shape of the contract, plus `locator` (the pages cited) and `form`."""
    out: dict[str, Any] = dict.fromkeys(FIELDS)
    for key in NAME_FIELDS.values():
        out[key] = []
    by_label: dict[str, list[Span]] = {}
    for span in spans:
        if span.label == "author" and EDITED.search(span.text.strip()):
            span = span._replace(label="editor")  # `Solbrig, Otto (ed.).` names an editor
        by_label.setdefault(span.label, []).append(span)
    for label, key in NAME_FIELDS.items():
        if label in by_label:
            out[key] = names("; ".join(s.text for s in by_label[label]))
    for label, key in TEXT_FIELDS.items():
        if label in by_label:
            out[key] = clean(by_label[label][0].text)
    if out["container"]:
        out["container"] = clean(CONTAINER_CUE.sub("", out["container"]))
    for label, normalise in NORMALISE.items():
        for span in by_label.get(label, ()):
            value = normalise(span.text)
            if value:
                out[TARGET.get(label, label)] = value
                break
    if out["issue"] is None and "volume" in by_label:
        rest = NUMBER.sub("", by_label["volume"][0].text, count=1)
        out["issue"] = issue(rest) if NUMBER.search(rest) else None
    out["form"] = form(by_label, out)
    out["type"] = work_type(by_label, out)
    if out["type"] == "book" and out["pages"] and not out["locator"]:
        out["locator"], out["pages"] = out["pages"], None  # a whole book has no range of its own
    return out


def form(by_label: dict[str, list[Span]], out: dict[str, Any]) -> str:
    short = " ".join(s.text for s in by_label.get("short-form", ()))
    idem = IDEM.match(short.strip()) if short else None
    if idem and out["title"]:
        out["author"] = out["author"] or [idem.group()]
        if OPCIT.search(", " + short):
            return "opcit"  # `Id., Il Mediterraneo, cit.`: the same author's work cited before
        return "full" if has_imprint(out) else "short"
    if short and IBID.match(short.strip()) and not out["title"]:
        return "ibid"
    if short and OPCIT.search(", " + short):  # `cit.` alone counts after a comma
        return "opcit"
    if (out["author"] or out["title"]) and not has_imprint(out):
        return "short"
    return "full"


def has_imprint(out: dict[str, Any]) -> bool:
    keys = ("publisher", "address", "year", "container", "url", "doi", "isbn")
    return any(out[k] for k in keys)


def work_type(by_label: dict[str, list[Span]], out: dict[str, Any]) -> str:
    if out["container"]:
        cued = CONTAINER_CUE.match(by_label["container"][0].text.strip())
        if cued or out["editor"] or out["publisher"] or out["address"]:
            return "incollection"
        return "article"
    if out["url"] and not (out["publisher"] or out["address"]):
        return "online"
    if out["title"] or out["publisher"] or out["isbn"]:
        return "book"
    return "misc"
