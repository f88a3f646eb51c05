"""Open Library: works found by title and author, editions found by ISBN (batched)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from citeres.enrich.http import Http
from citeres.enrich.match import Candidate, year_of
from citeres.model import Work, WorkType

SERVICE = "openlibrary"
FIELDS = (
    "key,title,subtitle,author_name,author_key,first_publish_year,publish_year,"
    "publisher,publish_place,isbn,edition_count,language"
)
LIMIT = "10"
ISBN_BATCH = 20  # bibkeys per /api/books request


def search(http: Http, work: Work) -> list[Candidate]:
    """Works whose title and author fit, as Open Library's search ranks them."""
    names = work.authors or work.editors
    params = {"title": work.title or "", "fields": FIELDS, "limit": LIMIT}
    if names:
        # The surname alone: catalogues spell given names in too many ways.
        params["author"] = names[0].family
    data = http.get_json(SERVICE, "/search.json", params)
    docs = data.get("docs", []) if isinstance(data, dict) else []
    return [from_doc(doc) for doc in docs if isinstance(doc, dict) and doc.get("title")]


def from_doc(doc: Mapping[str, Any]) -> Candidate:
    years = tuple(sorted(y for y in doc.get("publish_year", []) if isinstance(y, int)))
    first = doc.get("first_publish_year")
    return Candidate(
        source=SERVICE,
        id=str(doc.get("key", "")),
        title=str(doc["title"]),
        subtitle=doc.get("subtitle") or None,
        authors=tuple(str(n) for n in doc.get("author_name", [])),
        year=first if isinstance(first, int) else (years[0] if years else None),
        years=years,
        type=WorkType.BOOK,
        editions=int(doc.get("edition_count") or 0),
    )


def normal_isbn(isbn: str) -> str:
    return re.sub(r"[^0-9X]", "", isbn.upper())


def lookup_isbns(http: Http, isbns: Iterable[str]) -> dict[str, Candidate]:
    """Editions by ISBN, asked in batches; ISBNs Open Library lacks are simply absent."""
    wanted = sorted({normal_isbn(i) for i in isbns if normal_isbn(i)})
    found: dict[str, Candidate] = {}
    for start in range(0, len(wanted), ISBN_BATCH):
        batch = wanted[start : start + ISBN_BATCH]
        params = {
            "bibkeys": ",".join(f"ISBN:{isbn}" for isbn in batch),
            "format": "json",
            "jscmd": "data",
        }
        data = http.get_json(SERVICE, "/api/books", params, pool="lookup") or {}
        for isbn in batch:
            record = data.get(f"ISBN:{isbn}") if isinstance(data, dict) else None
            if isinstance(record, dict) and record.get("title"):
                found[isbn] = from_edition(record, isbn)
    return found


def from_edition(record: Mapping[str, Any], isbn: str) -> Candidate:
    year = year_of(str(record.get("publish_date", "")))
    return Candidate(
        source=SERVICE,
        id=str(record.get("key", "")),
        title=str(record["title"]),
        subtitle=record.get("subtitle") or None,
        authors=names_of(record.get("authors")),
        year=year,
        years=(year,) if year else (),
        publisher=first_name(record.get("publishers")),
        place=first_name(record.get("publish_places")),
        isbn=isbn,
        type=WorkType.BOOK,
        pinned=True,
    )


def names_of(entries: object) -> tuple[str, ...]:
    if not isinstance(entries, list):
        return ()
    return tuple(str(e["name"]) for e in entries if isinstance(e, dict) and e.get("name"))


def first_name(entries: object) -> str | None:
    names = names_of(entries)
    return names[0] if names else None
