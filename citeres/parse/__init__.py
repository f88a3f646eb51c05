"""What one reference says: a Mention becomes a Citation with parsed fields and its form."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from citeres.model import Citation, Kind, Mention, Problem, Reference, Severity
from citeres.parse.reference import parse_reference

SEVERITY = {"malformed-locator": Severity.WARNING, "volume-typo": Severity.WARNING}


class Fields(NamedTuple):
    form: Kind
    reference: Reference
    pages: str | None
    complaints: tuple[tuple[str, str], ...]


@lru_cache(maxsize=32768)
def fields_of(raw: str) -> Fields:
    """The parse of one reference string; notes repeat (`Ibid.`, `Smith, op. cit., p. 33.`),
    and the same string always parses the same way."""
    parsed = parse_reference(raw)
    return Fields(parsed.form, parsed.reference, parsed.pages, tuple(parsed.complaints))


def parse_mention(mention: Mention) -> tuple[Citation, list[Problem]]:
    """Parse the mention's raw text unless its finder already knew the fields."""
    if mention.reference is not None:
        citation = Citation(
            mention.path,
            mention.line,
            mention.kind,
            mention.raw,
            mention.reference,
            mention.note,
            mention.pages,
            mention.start,
        )
        return citation, []
    fields = fields_of(mention.raw)
    kind = fields.form if mention.kind is Kind.FULL else mention.kind
    citation = Citation(
        mention.path,
        mention.line,
        kind,
        mention.raw,
        fields.reference,
        mention.note,
        fields.pages,
        mention.start,
    )
    problems = [
        Problem(mention.path, mention.line, k, SEVERITY.get(k, Severity.WARNING), m, mention.note)
        for k, m in fields.complaints
    ]
    return citation, problems
