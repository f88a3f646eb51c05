"""One reference string → its Reference, the form it takes (full, Ibid., op. cit., short) and
the pages it cites. The trained tagger decides which span is what (tagger.py), the exact
rules correct it where a pattern is certain (exact.py), and each span is normalised by its
own rule (spans.py: names, years, volumes, pages, identifiers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from citeres.model import Kind, Name, ProblemKind, Reference, WorkType
from citeres.parse import tagger
from citeres.parse.exact import IBID, OPCIT
from citeres.parse.names import parse_name
from citeres.parse.numbers import BARE_PAGES, LOCATOR, find_pages
from citeres.text import squash

# Markdown or plain-text emphasis around a title: `*The Age of Extremes*`, `_Title_`.
EMPHASIS = re.compile(
    r"(?<![\w*_])(?P<mark>\*{1,2}|_{1,2})(?P<text>[^\s*_](?:[^*_]*[^\s*_])?)(?P=mark)(?![\w*_])"
)
# The page a short form cites, closing it: `…, 45`, `… op. cit. 4`.
TRAILING_PAGE = re.compile(rf",?\s*(?P<bare>{BARE_PAGES.pattern[1:-1]})[\s.]*$")
# Far longer than any reference (a note of several is split before it is parsed): a string
# past it is read up to it, so that a megabyte of text on one line costs what a note does.
MAX_LENGTH = 4_000
NAME_KEYS = {"author": "authors", "editor": "editors", "translator": "translators"}
TEXT_KEYS = "title container series volume issue edition publisher year pages url doi isbn".split()


@dataclass(frozen=True)
class Parsed:
    """What one reference string says: the work's fields, how it cites the work, the pages
    it cites (the locator; the work's own range is `reference.pages`), and what is odd in
    how it is written."""

    form: Kind
    reference: Reference
    pages: str | None = None
    complaints: tuple[tuple[ProblemKind, str], ...] = ()


Emphasis = tuple[tuple[int, int], ...]


class Cut(NamedTuple):
    rest: str
    pages: str
    complaint: str | None


EMPTY = Parsed(form=Kind.FULL, reference=Reference())


def marked(raw: str) -> tuple[str, Emphasis]:
    """One line of plain text, spacing squashed, emphasis marks dropped (the models were
    trained on references without them), no longer than MAX_LENGTH; and where it was set
    in italics (the marks' insides)."""
    text = squash(raw[: MAX_LENGTH * 2])[:MAX_LENGTH]
    if "*" not in text and "_" not in text:
        return text, ()
    out, spans, at = [], [], 0
    for match in EMPHASIS.finditer(text):
        out.append(text[at : match.start()])
        start = sum(map(len, out))
        out.append(match.group("text"))
        spans.append((start, start + len(match.group("text"))))
        at = match.end()
    out.append(text[at:])
    return "".join(out), tuple(spans)


def parse_reference(raw: str) -> Parsed:
    """The parse of one reference string; never raises, and a blank string gives an
    empty one. Notes repeat a short form with other pages
    (`Smith, op. cit., p. 33.`, `…, p. 35.`, `Ibid., p. 4.`): a short form cites no range of
    its own, so its last page is the page cited and the rest is parsed once, from a cache
    that hits far more often. Everything else is parsed whole (tagger.py caches that)."""
    text, emphasis = marked(raw)
    cut = short_form_pages(text)
    if cut is None:
        return parse_prepared(text, emphasis)
    base = parse_prepared(cut.rest, tuple(e for e in emphasis if e[1] <= len(cut.rest)))
    complaints = tuple(c for c in base.complaints if c[0] is not ProblemKind.MALFORMED_LOCATOR)
    if cut.complaint:
        complaints = ((ProblemKind.MALFORMED_LOCATOR, cut.complaint), *complaints)
    return replace(base, pages=cut.pages, complaints=complaints)


def short_form_pages(text: str) -> Cut | None:
    """A short form's closing page (a locator, or a bare number after `Ibid.` or `op.
    cit.`) and what is left without it; None when the text is no short form so ending."""
    if not (IBID.match(text) or OPCIT.search(text)):
        return None
    located = list(LOCATOR.finditer(text))
    last = located[-1] if located else None
    if last and not text[last.end() :].strip(" .,;"):
        found = find_pages(text)
        assert found is not None
        rest = text[: last.start()].rstrip(" ,")
        return Cut(rest, found.value, found.complaint) if rest else None
    bare = TRAILING_PAGE.search(text)
    if bare and bare.start() > 0:
        rest = text[: bare.start()].rstrip(" ,")
        if rest and (IBID.fullmatch(rest) or OPCIT.search(rest[-12:])):
            return Cut(rest, re.sub(r"\s*[-–—]+\s*", "-", bare.group("bare")), None)
    return None


@lru_cache(maxsize=32768)
def parse_prepared(text: str, emphasis: Emphasis = ()) -> Parsed:
    """The parse of a prepared reference string, whole."""
    pairs, complaints = tagger.parsed(text, emphasis)
    if not pairs:
        return EMPTY
    return from_fields(dict(pairs), complaints)


def from_fields(fields: dict[str, Any], complaints: tuple[tuple[ProblemKind, str], ...]) -> Parsed:
    """The work shape of tagger.parse as a Reference, with the form and the locator."""
    values: dict[str, Any] = {key: fields.get(key) for key in TEXT_KEYS}
    for key, target in NAME_KEYS.items():
        values[target] = names_of(fields.get(key) or ())
    reference = Reference(
        **values,
        place=fields.get("address"),
        et_al=bool(fields.get("et_al")),
        type=WorkType(fields.get("type") or WorkType.BOOK),
    )
    return Parsed(
        form=Kind(fields.get("form") or Kind.FULL),
        reference=reference,
        pages=fields.get("locator"),
        complaints=complaints,
    )


def names_of(inverted: tuple[str, ...] | list[str]) -> tuple[Name, ...]:
    """`Family, Given` strings (as the work shape writes them) back into names."""
    return tuple(parse_name(name) for name in inverted if name.strip(" ,.;"))


def has_imprint(ref: Reference) -> bool:
    return bool(ref.publisher or ref.place or ref.year or ref.container or ref.url or ref.doi)
