"""Open Library: works found by title and author, editions found by ISBN (batched)."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from citeres.enrich.catalogue import Entry, Query, Service
from citeres.enrich.http import Http
from citeres.enrich.match import WHOLE_WORK, Candidate, year_of
from citeres.enrich.record import Malformed, integer, integers, objects, readable, text, texts
from citeres.errors import NetworkError
from citeres.model import Work, WorkType
from citeres.settings import Limits, Settings

NAME = "openlibrary"
# Open Library asks for about 1 request/s from anonymous clients and allows 3/s with a
# contact in the User-Agent.
SERVICE = Service(
    name=NAME,
    label="Open Library",
    base_url="https://openlibrary.org",
    limits=Limits(1, {"search": 1.0, "lookup": 1.0}),
    polite=Limits(3, {"search": 3.0, "lookup": 3.0}),
)
FIELDS = (
    "key,title,subtitle,author_name,author_alternative_name,first_publish_year,"
    "publish_year,edition_count"
)
LIMIT = 10  # docs asked for, and the most that are scored
ISBN_BATCH = 20  # bibkeys per /api/books request


def normal_isbn(isbn: str) -> str:
    return re.sub(r"[^0-9X]", "", isbn.upper())


class OpenLibrary:
    name = NAME
    types = frozenset({WorkType.BOOK, WorkType.MISC})
    identifiers = frozenset({"isbn"})
    queries = frozenset({"title", "full-title", "free", "editor", "any-author"})

    def __init__(self, http: Http) -> None:
        self.http = http
        self.wanted: list[str] = []
        self.editions: dict[str, Candidate] | None = None
        self.failure: NetworkError | None = None
        self.lock = threading.Lock()

    def prepare(self, works: Sequence[Work]) -> None:
        self.wanted = sorted({normal_isbn(w.isbn) for w in works if w.isbn} - {""})

    def lookup(self, query: Query) -> list[Candidate]:
        if query.kind == "isbn":
            edition = self.batch().get(normal_isbn(query.identifier))
            return [edition] if edition else []
        return self.search(search_params(query))

    def search(self, params: dict[str, str]) -> list[Candidate]:
        """Works whose title and author fit, as Open Library's search ranks them."""
        data = self.http.get_json(NAME, "/search.json", params)
        docs = data.get("docs") if isinstance(data, dict) else None
        found, bad = readable(docs[:LIMIT] if isinstance(docs, list) else [], from_doc)
        if bad or (data is not None and not isinstance(docs, list)):
            self.http.forget(NAME, "/search.json", params)
        return found

    def batch(self) -> dict[str, Candidate]:
        """Every ISBN of the run, asked in a few batched requests, once."""
        with self.lock:
            if self.editions is None and self.failure is None:
                try:
                    self.editions = self.fetch_editions()
                except NetworkError as error:
                    self.failure = error
            if self.failure is not None:
                raise self.failure
            return self.editions or {}

    def fetch_editions(self) -> dict[str, Candidate]:
        found: dict[str, Candidate] = {}
        for start in range(0, len(self.wanted), ISBN_BATCH):
            batch = self.wanted[start : start + ISBN_BATCH]
            params = {
                "bibkeys": ",".join(f"ISBN:{isbn}" for isbn in batch),
                "format": "json",
                "jscmd": "data",
            }
            data = self.http.get_json(NAME, "/api/books", params, pool="lookup") or {}
            records = data if isinstance(data, dict) else {}
            for isbn in batch:
                record = records.get(f"ISBN:{isbn}")
                editions, bad = readable([record] if record is not None else [], from_edition)
                if bad:
                    self.http.forget(NAME, "/api/books", params)
                if editions:
                    found[isbn] = dataclasses.replace(editions[0], isbn=isbn)
        return found


def search_params(query: Query) -> dict[str, str]:
    """Open Library ANDs `q` with the field parameters: `title=` holds the title to its
    title field, and the surname as `q` is found among the authors' names, their
    alternate names and the contributors (an editor, a translator) in one request."""
    params = {"fields": FIELDS, "limit": str(LIMIT)}
    if query.kind == "free":
        return params | {"q": plain(f"{query.title} {query.surname}")}
    params["title"] = query.title
    if query.surname and query.kind != "any-author":
        # The surname alone: catalogues spell given names in too many ways.
        params["q"] = plain(query.surname)
    return params


def plain(text: str) -> str:
    """Words only: `q` is read as a Lucene query, where `:`, `-`, quotes, brackets and
    the operator words would change what is asked."""
    words = re.sub(r'[+\-&|!(){}\[\]^"~*?:\\/]', " ", text).split()
    return " ".join(w for w in words if w not in ("AND", "OR", "NOT"))


def from_doc(doc: Mapping[str, Any]) -> Candidate | None:
    title, key = text(doc, "title"), text(doc, "key")
    if not title or not key:
        return None
    years = tuple(sorted(integers(doc, "publish_year")))
    first = integer(doc, "first_publish_year")
    return Candidate(
        source=NAME,
        id=key,
        title=title,
        subtitle=text(doc, "subtitle"),
        authors=texts(doc, "author_name"),
        aliases=texts(doc, "author_alternative_name"),
        year=first if first is not None else (years[0] if years else None),
        years=years,
        type=WorkType.BOOK,
        kind=WHOLE_WORK,
        editions=integer(doc, "edition_count") or 0,
    )


def from_edition(record: Mapping[str, Any]) -> Candidate | None:
    title, key = text(record, "title"), text(record, "key")
    if not title or not key:
        raise Malformed("an edition without title or key")
    year = year_of(text(record, "publish_date"))
    return Candidate(
        source=NAME,
        id=key,
        title=title,
        subtitle=text(record, "subtitle"),
        authors=names(record, "authors"),
        year=year,
        years=(year,) if year else (),
        publisher=next(iter(names(record, "publishers")), None),
        place=next(iter(names(record, "publish_places")), None),
        type=WorkType.BOOK,
        kind="edition",
    )


def names(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(n for entry in objects(record, key) if (n := text(entry, "name")))


def open_catalogue(settings: Settings, http: Http) -> OpenLibrary:
    return OpenLibrary(http)


ENTRY = Entry(NAME, SERVICE, open_catalogue)
