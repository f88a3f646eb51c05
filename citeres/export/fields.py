"""Field values shared by every format: the full title, page ranges, years, bare DOIs."""

from __future__ import annotations

import re

from citeres.model import Work, WorkType

PAGE_DASH = re.compile(r"\s*[-‐‑‒–—]+\s*")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
YEAR = re.compile(r"^\d{3,4}$")


def full_title(work: Work) -> str | None:
    """Title and subtitle as one string, for formats without a subtitle field."""
    if work.title and work.subtitle:
        joiner = " " if work.title.rstrip().endswith(("?", "!", ":")) else ": "
        return f"{work.title.rstrip()}{joiner}{work.subtitle}"
    return work.title or work.subtitle


def page_bounds(pages: str | None) -> tuple[str | None, str | None]:
    """(start, end), with an abbreviated end written out: `185-6` → (185, 186), because
    RIS readers and CSL processors take the end page literally."""
    if not pages or not pages.strip():
        return None, None
    start, _, end = PAGE_DASH.sub("-", pages.strip()).partition("-")
    if start.isdigit() and end.isdigit() and len(end) < len(start) and int(end) < int(start):
        end = start[: len(start) - len(end)] + end
    return start or None, end or None


def page_range(pages: str | None, dash: str) -> str | None:
    """`185-196` with the format's dash (`--` in BibTeX, `-` in CSL)."""
    start, end = page_bounds(pages)
    if start and end:
        return f"{start}{dash}{end}"
    return start or end


def year_number(year: str | None) -> int | None:
    """The year as a number when it is one; CSL date-parts need integers."""
    return int(year) if year and YEAR.match(year.strip()) else None


def bare_doi(doi: str | None) -> str | None:
    return DOI_PREFIX.sub("", doi.strip()) if doi else None


def is_volume_of_set(work: Work) -> bool:
    """A book with a volume is one volume of a multi-volume work (Vol. I, Vol. II ...)."""
    return work.type is WorkType.BOOK and bool(work.volume)


def nonempty(pairs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """The pairs whose value says something, in their order."""
    return [(key, value.strip()) for key, value in pairs if value and value.strip()]
