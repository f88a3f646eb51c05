"""What one reference says: a Mention becomes a Citation with parsed fields and its form."""

from __future__ import annotations

from citeres.model import Citation, Kind, Mention, Problem
from citeres.parse.reference import parse_reference


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
    fields = parse_reference(mention.raw)
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
