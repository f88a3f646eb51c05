"""CSL-JSON, the format Zotero and pandoc read: a list of items, one per work."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from citeres.export.fields import bare_doi, full_title, page_range, year_number
from citeres.export.names import csl_name
from citeres.model import Work, WorkType

CSL_TYPES = {
    WorkType.BOOK: "book",
    WorkType.CHAPTER: "chapter",
    WorkType.ARTICLE: "article-journal",
    WorkType.WEB: "webpage",
    WorkType.MISC: "document",
}


def csl_date(year: str | None) -> dict[str, Any] | None:
    """`{"date-parts": [[1950]]}`, or a literal when the year is not a plain number."""
    if not year or not year.strip():
        return None
    number = year_number(year)
    return {"date-parts": [[number]]} if number is not None else {"literal": year.strip()}


def to_item(work: Work) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": work.key,
        "type": CSL_TYPES[work.type],
        "author": [csl_name(n) for n in work.authors],
        "editor": [csl_name(n) for n in work.editors],
        "translator": [csl_name(n) for n in work.translators],
        "title": full_title(work),
        "container-title": work.container,
        "collection-title": work.series,
        "volume": work.volume,
        "issue": work.issue,
        "edition": work.edition,
        "page": page_range(work.pages, "-"),
        "publisher": work.publisher,
        "publisher-place": work.place,
        "issued": csl_date(work.year),
        "original-date": csl_date(work.original_year),
        "ISBN": work.isbn,
        "DOI": bare_doi(work.doi),
        "URL": work.url,
    }
    # Empty fields are left out: consumers treat "" and [] as values, not absences.
    return {key: value for key, value in item.items() if value}


def to_items(works: Iterable[Work]) -> list[dict[str, Any]]:
    return [to_item(work) for work in sorted(works, key=lambda w: w.key)]


def to_csljson(works: Iterable[Work]) -> str:
    return json.dumps(to_items(works), ensure_ascii=False, indent=2) + "\n"
