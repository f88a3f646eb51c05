"""Crossref: articles, chapters and the books Open Library lacks; DOIs looked up directly.

Every Crossref record is one publication (kind: its Crossref type); it is pinned only when
found by the document's own DOI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from citeres.enrich.catalogue import Entry, Query, Service
from citeres.enrich.http import Http
from citeres.enrich.match import Candidate
from citeres.enrich.record import Malformed, first_text, objects, readable, text, texts
from citeres.model import Work, WorkType
from citeres.settings import Limits, Settings

NAME = "crossref"
# Crossref's public pool allows 1 search/s and 1 request in flight, its polite pool
# (mailto) 3 searches/s and 3 in flight; single-DOI lookups get 5/s and 10/s.
SERVICE = Service(
    name=NAME,
    label="Crossref",
    base_url="https://api.crossref.org",
    limits=Limits(1, {"search": 1.0, "lookup": 5.0}),
    polite=Limits(3, {"search": 3.0, "lookup": 10.0}),
    contact_param="mailto",
)
SELECT = (
    "DOI,type,title,subtitle,author,editor,container-title,issued,published-print,"
    "volume,issue,page,publisher,publisher-location,ISBN"
)
ROWS = 5  # items asked for, and the most that are scored
TYPES = {
    "journal-article": WorkType.ARTICLE,
    "proceedings-article": WorkType.ARTICLE,
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


class Crossref:
    name = NAME
    types = frozenset({WorkType.ARTICLE, WorkType.CHAPTER, WorkType.BOOK, WorkType.MISC})
    identifiers = frozenset({"doi"})
    queries = frozenset({"title"})  # one bibliographic query says it all

    def __init__(self, http: Http) -> None:
        self.http = http

    def prepare(self, works: Sequence[Work]) -> None:
        pass

    def lookup(self, query: Query) -> list[Candidate]:
        if query.kind == "doi":
            return self.by_doi(query.identifier)
        params = {
            "query.bibliographic": bibliographic(query.work),
            "rows": str(ROWS),
            "select": SELECT,
        }
        data = self.http.get_json(NAME, "/works", params)
        message = data.get("message") if isinstance(data, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        found, bad = readable(items[:ROWS] if isinstance(items, list) else [], from_item)
        if bad or (data is not None and not isinstance(items, list)):
            self.http.forget(NAME, "/works", params)
        return found

    def by_doi(self, doi: str) -> list[Candidate]:
        path = f"/works/{quote(doi.strip(), safe='/:;()<>')}"
        data = self.http.get_json(NAME, path, {}, "lookup")
        message = data.get("message") if isinstance(data, dict) else None
        found, bad = readable([message] if message is not None else [], from_item)
        if bad:
            self.http.forget(NAME, path, {})
        return found


def from_item(item: Mapping[str, Any]) -> Candidate | None:
    title, doi = first_text(item, "title"), text(item, "DOI")
    if not title or not doi:
        return None
    year = issued_year(item)
    kind = text(item, "type") or "other"
    return Candidate(
        source=NAME,
        id=doi.lower(),
        title=title,
        subtitle=first_text(item, "subtitle"),
        authors=people(item, "author"),
        editors=people(item, "editor"),
        year=year,
        years=(year,) if year else (),
        volume=text(item, "volume"),
        issue=text(item, "issue"),
        pages=text(item, "page"),
        container=first_text(item, "container-title"),
        publisher=text(item, "publisher"),
        place=text(item, "publisher-location"),
        isbn=next(iter(texts(item, "ISBN")), None),
        doi=doi.lower(),
        type=TYPES.get(kind, WorkType.MISC),
        kind=kind,
    )


def people(item: Mapping[str, Any], key: str) -> tuple[str, ...]:
    names = []
    for entry in objects(item, key):
        name = " ".join(p for p in (text(entry, "given"), text(entry, "family")) if p)
        names.append(name or text(entry, "name") or "")
    return tuple(n for n in names if n)


def issued_year(item: Mapping[str, Any]) -> int | None:
    """The year of `issued` (or `published-print`): {"date-parts": [[1990, 5]]}."""
    for key in ("issued", "published-print"):
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise Malformed(f"{key}: not an object")
        parts = value.get("date-parts")
        if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
            raise Malformed(f"{key}: date-parts")
        year = parts[0][0] if parts[0] else None
        if isinstance(year, int) and not isinstance(year, bool):
            return year
    return None


def open_catalogue(settings: Settings, http: Http) -> Crossref:
    return Crossref(http)


ENTRY = Entry(NAME, SERVICE, open_catalogue)
