"""Crossref: articles, chapters and the books Open Library lacks; DOIs looked up directly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from citeres.enrich.http import Http
from citeres.enrich.match import Candidate
from citeres.model import Work, WorkType

SERVICE = "crossref"
SELECT = (
    "DOI,type,title,subtitle,author,editor,container-title,issued,published-print,"
    "volume,issue,page,publisher,publisher-location,ISBN"
)
ROWS = "5"
TYPES = {
    "journal-article": WorkType.ARTICLE,
    "book-chapter": WorkType.CHAPTER,
    "book-section": WorkType.CHAPTER,
    "book-part": WorkType.CHAPTER,
    "book": WorkType.BOOK,
    "monograph": WorkType.BOOK,
    "edited-book": WorkType.BOOK,
    "reference-book": WorkType.BOOK,
}


def bibliographic(work: Work) -> str:
    """The reference as one string, the way Crossref's bibliographic query wants it."""
    names = " ".join(n.family for n in (work.authors or work.editors)[:3])
    parts = [names, work.title, work.subtitle, work.container, work.volume, work.year]
    return " ".join(p for p in parts if p)


def search(http: Http, work: Work) -> list[Candidate]:
    params = {"query.bibliographic": bibliographic(work), "rows": ROWS, "select": SELECT}
    data = http.get_json(SERVICE, "/works", params)
    message = data.get("message", {}) if isinstance(data, dict) else {}
    items = message.get("items", []) if isinstance(message, dict) else []
    return [c for item in items if isinstance(item, dict) and (c := from_item(item))]


def lookup_doi(http: Http, doi: str) -> Candidate | None:
    data = http.get_json(SERVICE, f"/works/{quote(doi.strip(), safe='/:;()<>')}", {}, "lookup")
    message = data.get("message") if isinstance(data, dict) else None
    return from_item(message) if isinstance(message, dict) else None


def from_item(item: Mapping[str, Any]) -> Candidate | None:
    title = first(item.get("title"))
    if not title or not item.get("DOI"):
        return None
    year = issued_year(item)
    return Candidate(
        source=SERVICE,
        id=str(item["DOI"]).lower(),
        title=title,
        subtitle=first(item.get("subtitle")),
        authors=people(item.get("author")),
        editors=people(item.get("editor")),
        year=year,
        years=(year,) if year else (),
        volume=item.get("volume") or None,
        issue=item.get("issue") or None,
        pages=item.get("page") or None,
        container=first(item.get("container-title")),
        publisher=item.get("publisher") or None,
        place=item.get("publisher-location") or None,
        isbn=first(item.get("ISBN")),
        doi=str(item["DOI"]).lower(),
        type=TYPES.get(str(item.get("type")), WorkType.MISC),
        pinned=True,
    )


def first(values: object) -> str | None:
    if isinstance(values, list) and values and isinstance(values[0], str):
        return " ".join(values[0].split()) or None
    return None


def people(entries: object) -> tuple[str, ...]:
    if not isinstance(entries, list):
        return ()
    names = []
    for entry in entries:
        if isinstance(entry, dict):
            name = " ".join(p for p in (entry.get("given"), entry.get("family")) if p)
            names.append(name or str(entry.get("name", "")))
    return tuple(n for n in names if n)


def issued_year(item: Mapping[str, Any]) -> int | None:
    for key in ("issued", "published-print"):
        parts = (item.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None
