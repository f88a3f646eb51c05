"""What one reference says: a Mention becomes a Citation with parsed fields and its form."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from citeres.model import Citation, Kind, Mention, Problem, ProblemKind, Reference
from citeres.parse.numbers import find_pages
from citeres.parse.reference import IBID, parse_prepared, prepare


class Fields(NamedTuple):
    form: Kind
    reference: Reference
    pages: str | None
    complaints: tuple[tuple[ProblemKind, str], ...]


def fields_of(raw: str) -> Fields:
    """The parse of one reference string. Notes repeat a reference with other pages
    (`Smith, op. cit., p. 33.`, `..., p. 35.`), so the reference without its last page
    locator is parsed once and the pages are put back: the same result as parsing the
    whole, from a cache that hits far more often."""
    text = prepare(raw)
    found = find_pages(text)
    rest = found.rest.strip(" ,") if found else ""
    # Taking the locator off first must not bring `Ibid.` to the front (`p. 5, Ibid.`).
    if found is None or bool(IBID.match(text)) != bool(IBID.match(rest)):
        return parsed(text, pages_cut=False)
    base = parsed(rest, pages_cut=True)
    complaint = ((ProblemKind.MALFORMED_LOCATOR, found.complaint),) if found.complaint else ()
    return base._replace(pages=found.value, complaints=complaint + base.complaints)


@lru_cache(maxsize=32768)
def parsed(text: str, pages_cut: bool) -> Fields:
    state = parse_prepared(text, pages_cut)
    return Fields(state.form, state.reference, state.pages, tuple(state.complaints))


def parse_mention(mention: Mention) -> tuple[Citation, list[Problem]]:
    """Parse the mention's raw text unless its finder already knew the fields."""
    if mention.reference is not None:
        citation = Citation(
            path=mention.path,
            line=mention.line,
            kind=mention.kind,
            raw=mention.raw,
            reference=mention.reference,
            note=mention.note,
            pages=mention.pages,
            start=mention.start,
        )
        return citation, []
    fields = fields_of(mention.raw)
    kind = fields.form if mention.kind is Kind.FULL else mention.kind
    citation = Citation(
        path=mention.path,
        line=mention.line,
        kind=kind,
        raw=mention.raw,
        reference=fields.reference,
        note=mention.note,
        pages=fields.pages,
        start=mention.start,
    )
    problems = [
        Problem(path=mention.path, line=mention.line, kind=kind, message=message, note=mention.note)
        for kind, message in fields.complaints
    ]
    return citation, problems
