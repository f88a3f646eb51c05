"""What a matched record adds to a work, and what it contradicts.

The cited facts (edition, publisher, place, year) stay as the document has them; the
record fills what is missing and adds identifiers; contradictions become findings.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from citeres.enrich.match import WHOLE_WORK, Candidate, Scored, title_key, year_of
from citeres.model import Severity, Work


@dataclass(frozen=True)
class Finding:
    """A problem without its place yet: the caller knows where the work is first cited."""

    kind: str
    severity: Severity
    message: str


def apply(work: Work, scored: Scored) -> tuple[Work, tuple[str, ...], list[Finding]]:
    """The work with the record's additions, the fields filled, and the contradictions."""
    changes = additions(work, scored.candidate)
    return with_fields(work, changes), tuple(sorted(changes)), findings(work, scored)


def additions(work: Work, record: Candidate) -> dict[str, str]:
    """What the record may add. A search hit adds only the catalogue's identifiers, the
    full title, the subtitle and a whole work's first year; a record pinned by the
    document's own DOI or ISBN names its very publication, so its imprint may fill gaps."""
    changes: dict[str, str] = {}
    if record.source == "openlibrary" and record.id.startswith("/works/"):
        changes["openlibrary"] = record.id.removeprefix("/works/")
    if record.doi and not work.doi:
        changes["doi"] = record.doi
    changes.update(title_changes(work, record.title, record.subtitle))
    cited = year_of(work.year)
    first = record.year if record.kind == WHOLE_WORK else None
    if first and (cited is None or first < cited) and not work.original_year:
        changes["original_year"] = str(first)
    if record.pinned:
        for name in ("publisher", "place", "container", "volume", "issue", "pages", "isbn"):
            value = getattr(record, name)
            if value and not getattr(work, name):
                changes[name] = value
        if record.year and not work.year:
            changes["year"] = str(record.year)
    return {k: v for k, v in changes.items() if getattr(work, k) != v}


def with_fields(work: Work, changes: dict[str, str]) -> Work:
    """The one place a work is rebuilt with catalogue values."""
    values: dict[str, Any] = dict(changes)  # every field named here holds text
    return dataclasses.replace(work, **values) if values else work


def title_changes(work: Work, title: str, subtitle: str | None) -> dict[str, str]:
    """The full title where the document used a short one, and the subtitle it left out."""
    changes = {}
    cited = title_key(work.title or "")
    found = title_key(title)
    if found.startswith(cited + " ") and ":" not in (work.title or ""):
        changes["title"] = title  # the document cited a short title
    if subtitle and not work.subtitle and title_key(subtitle) not in cited:
        changes["subtitle"] = subtitle
    return changes


def findings(work: Work, scored: Scored) -> list[Finding]:
    found = []
    for cited, spelled in scored.variants:
        found.append(
            Finding(
                "catalogue-author-variant",
                Severity.WARNING,
                f"the catalogue spells the author {spelled!r}; the document has {cited!r}",
            )
        )
    if scored.year_conflict:
        found.append(
            Finding(
                "catalogue-year-conflict",
                Severity.WARNING,
                f"cited as {work.year}, but the catalogue's earliest year for "
                f"{scored.candidate.title!r} is {scored.candidate.year}",
            )
        )
    if scored.type_differs:
        found.append(
            Finding(
                "catalogue-type-differs",
                Severity.INFO,
                f"cited as {work.type.value}; the catalogue's record "
                f"{scored.candidate.id} is a {scored.candidate.kind}",
            )
        )
    return found
