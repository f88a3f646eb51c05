"""RIS, the tagged format every reference manager imports: `TY  - BOOK` ... `ER  - `."""

from __future__ import annotations

from collections.abc import Iterable

from citeres.export.fields import bare_doi, full_title, page_bounds
from citeres.export.names import ris_name
from citeres.model import Work, WorkType

RIS_TYPES = {
    WorkType.BOOK: "BOOK",
    WorkType.CHAPTER: "CHAP",
    WorkType.ARTICLE: "JOUR",
    WorkType.WEB: "ELEC",
    WorkType.MISC: "GEN",
}


def tag(name: str, value: str | None) -> list[str]:
    """One `XX  - value` line; RIS values are single lines, so newlines become spaces."""
    if not value or not value.strip():
        return []
    return [f"{name}  - {' '.join(value.split())}"]


def to_record(work: Work) -> list[str]:
    start, end = page_bounds(work.pages)
    lines = [f"TY  - {RIS_TYPES[work.type]}", *tag("ID", work.key)]
    for name in work.authors:
        lines += tag("AU", ris_name(name))
    for name in work.editors:
        lines += tag("ED", ris_name(name))
    for name in work.translators:
        lines += tag("A4", ris_name(name))
    lines += [
        *tag("TI", full_title(work)),
        *tag("T2", work.container),
        *tag("T3", work.series),
        *tag("VL", work.volume),
        *tag("IS", work.issue),
        *tag("ET", work.edition),
        *tag("SP", start),
        *tag("EP", end),
        *tag("PY", work.year),
        *tag("PB", work.publisher),
        *tag("CY", work.place),
        *tag("SN", work.isbn),
        *tag("DO", bare_doi(work.doi)),
        *tag("UR", work.url),
    ]
    return [*lines, "ER  - "]


def to_ris(works: Iterable[Work]) -> str:
    records = ["\n".join(to_record(work)) + "\n" for work in sorted(works, key=lambda w: w.key)]
    return "\n".join(records)
