"""What one reference says: a Mention becomes a Citation with parsed fields and its form."""

from __future__ import annotations

from citeres.model import Citation, Kind, Mention, Problem, Severity
from citeres.parse.reference import parse_reference

SEVERITY = {"malformed-locator": Severity.WARNING, "volume-typo": Severity.WARNING}


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
    parsed = parse_reference(mention.raw)
    kind = parsed.form if mention.kind is Kind.FULL else mention.kind
    citation = Citation(
        mention.path,
        mention.line,
        kind,
        mention.raw,
        parsed.reference,
        mention.note,
        parsed.pages,
        mention.start,
    )
    problems = [
        Problem(mention.path, mention.line, k, SEVERITY.get(k, Severity.WARNING), m, mention.note)
        for k, m in parsed.complaints
    ]
    return citation, problems
