"""BibLaTeX: the BibTeX view with biblatex's own fields (location, date, journaltitle,
subtitle, maintitle/volume for a volume of a multi-volume work, @online)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bibtexparser.model import Entry

from citeres.export.bibtex import EntryTypes, Pairs, entries_by, write_entries
from citeres.export.fields import bare_doi, is_volume_of_set, nonempty, page_range, year_number
from citeres.identity import volume_number as volume_value
from citeres.model import Work, WorkType

YEAR_RANGE = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{2,4})$")


def iso_date(year: str | None) -> tuple[str, str | None]:
    """(field, value): `date` for a year or a range (`1917-18` → `1917/1918`), which biber
    parses; anything else goes to `year` as written rather than being lost."""
    if not year or not year.strip():
        return "date", None
    text = year.strip()
    if year_number(text) is not None:
        return "date", text
    if match := YEAR_RANGE.match(text):
        start, end = match.groups()
        return "date", f"{start}/{start[: 4 - len(end)]}{end}"
    return "year", text


def dates(work: Work) -> list[tuple[str, str | None]]:
    (field, value), (_, original) = iso_date(work.year), iso_date(work.original_year)
    return [(field, value), ("origdate", original)]


def imprint(work: Work) -> list[tuple[str, str | None]]:
    return [("edition", work.edition), ("location", work.place), ("publisher", work.publisher)]


def identifiers(work: Work) -> list[tuple[str, str | None]]:
    return [("doi", bare_doi(work.doi)), ("isbn", work.isbn), ("url", work.url)]


def titles(work: Work) -> list[tuple[str, str | None]]:
    """Title and subtitle; a volume of a set also names its set as maintitle.

    The model knows only the set's title, so title and maintitle are the same and
    biblatex's standard styles print it once (they clear a maintitle equal to title).
    """
    main = work.title if is_volume_of_set(work) else None
    return [("title", work.title), ("subtitle", work.subtitle), ("maintitle", main)]


def volume_number(volume: str | None) -> str | None:
    """biblatex's volume is an integer: `III` → `3`; anything else is kept as written."""
    value = volume_value(volume)
    return str(value) if value is not None else volume


def book(work: Work) -> Pairs:
    return nonempty(
        [
            *titles(work),
            ("series", work.series),
            ("volume", volume_number(work.volume)),
            *imprint(work),
            *dates(work),
            *identifiers(work),
        ]
    )


def chapter(work: Work) -> Pairs:
    return nonempty(
        [
            *titles(work),
            ("booktitle", work.container),
            ("series", work.series),
            ("volume", volume_number(work.volume)),
            *imprint(work),
            *dates(work),
            ("pages", page_range(work.pages, "--")),
            *identifiers(work),
        ]
    )


def article(work: Work) -> Pairs:
    return nonempty(
        [
            *titles(work),
            ("journaltitle", work.container),
            ("volume", volume_number(work.volume)),
            ("number", work.issue),
            *dates(work),
            ("pages", page_range(work.pages, "--")),
            *identifiers(work),
        ]
    )


def online(work: Work) -> Pairs:
    return nonempty(
        [
            *titles(work),
            ("organization", work.container or work.publisher),
            *dates(work),
            *identifiers(work),
        ]
    )


def misc(work: Work) -> Pairs:
    return nonempty(
        [*titles(work), ("howpublished", work.container), *imprint(work), *dates(work),
         *identifiers(work)]
    )  # fmt: skip


ENTRY_TYPES: EntryTypes = {
    WorkType.BOOK: ("book", book),
    WorkType.CHAPTER: ("incollection", chapter),
    WorkType.ARTICLE: ("article", article),
    WorkType.WEB: ("online", online),
    WorkType.MISC: ("misc", misc),
}


def to_entries(works: Iterable[Work]) -> list[Entry]:
    return entries_by(ENTRY_TYPES, works)


def to_biblatex(works: Iterable[Work]) -> str:
    return write_entries(to_entries(works))
