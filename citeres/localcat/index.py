"""Querying a catalogue, read-only: works by title and author, editions by ISBN, as the
same `Candidate` records the online Open Library path makes, for match.choose/confirm.

Candidates carry source "openlibrary" and Open Library's own keys (/works/OL…W,
/books/OL…M): they are Open Library's records, read from its dump instead of its API, so
a work matched here is enriched exactly as one matched online (its `openlibrary` key too).
Several processes and threads may open one catalogue at once; nothing is ever written.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from citeres.enrich.match import WHOLE_WORK, Candidate
from citeres.enrich.openlibrary import normal_isbn
from citeres.localcat import store
from citeres.localcat.fulltext import Reader, enough_shared
from citeres.localcat.records import isbn13
from citeres.model import Work, WorkType

SOURCE = "openlibrary"
LIMIT = 10  # candidates per search, as the online search asks for
OVERFETCH = 3  # hits read per candidate kept: some share too few of the title's words

WORKS = """
SELECT w.id, w.title, w.subtitle, w.year, w.authors, s.editions, s.years
FROM works w LEFT JOIN ed.work_editions s ON s.work = w.id WHERE w.id IN ({})
"""
EDITIONS = """
SELECT i.isbn, e.id, e.work, e.title, e.subtitle, e.year, p.text, l.text
FROM ed.isbns i JOIN ed.editions e ON e.id = i.edition
LEFT JOIN ed.strings p ON p.id = e.publisher LEFT JOIN ed.strings l ON l.id = e.place
WHERE i.isbn IN ({})
"""


class LocalCatalogue:
    """An embedded Open Library catalogue. `LocalCatalogue.open(dir)`; close when done."""

    def __init__(self, build: Path) -> None:
        self.build = build
        self.info = store.read_info(build)
        self.fulltext = Reader(build / store.FULLTEXT)
        self.local = threading.local()  # one SQLite connection per thread

    @classmethod
    def open(cls, directory: Path | str) -> LocalCatalogue:
        """The catalogue's current build; raises InputError when `directory` holds none."""
        return cls(store.current(Path(directory).expanduser()))

    def __reduce__(self) -> tuple[Any, tuple[Path]]:
        # Sent to another process (a Dask worker), it reopens the very same build there.
        return (LocalCatalogue, (self.build,))

    def __enter__(self) -> LocalCatalogue:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        db = getattr(self.local, "db", None)
        if db is not None:
            db.close()
            self.local.db = None

    def db(self) -> sqlite3.Connection:
        db = getattr(self.local, "db", None)
        if db is None:
            db = self.local.db = connect_read_only(self.build)
        return db

    def search(self, title: str, names: Sequence[str] = (), limit: int = LIMIT) -> list[Candidate]:
        """Works ranked by how well they fit a title ("Main: Subtitle" too) and author
        names (surnames or full names), best first: candidates for match.choose, which
        alone decides. Only works that share a word of a name and enough of the main
        title's words to pass match.py's title gate are returned."""
        numbers = list(dict.fromkeys(self.fulltext.search(title, names, limit * OVERFETCH)))
        rows = self.rows(numbers)
        fit = [n for n in numbers if n in rows and enough_shared(title, rows[n][1], rows[n][2])]
        return self.candidates_of(fit[:limit], rows)

    def candidates(self, work: Work, limit: int = LIMIT) -> list[Candidate]:
        """`search` for a cited work: its title and its authors' (or editors') surnames.
        Open Library catalogues books: as online, a chapter or an article gets none."""
        if work.type not in (WorkType.BOOK, WorkType.MISC) or not work.title:
            return []
        people = work.authors or work.editors
        title = f"{work.title}: {work.subtitle}" if work.subtitle else work.title or ""
        return self.search(title, [n.family for n in people], limit)

    def by_isbn(self, isbns: Iterable[str]) -> dict[str, Candidate]:
        """Editions by ISBN (10 or 13, any punctuation), keyed by the ISBN as
        openlibrary.normal_isbn writes it; ISBNs the catalogue lacks are absent. Like
        Open Library's /api/books records they are not pinned: match.confirm pins them."""
        wanted: dict[int, list[str]] = {}
        for isbn in isbns:
            number = isbn13(isbn)
            if number is not None:
                wanted.setdefault(number, []).append(normal_isbn(isbn))
        if not wanted:
            return {}
        rows = self.db().execute(EDITIONS.format(marks(wanted)), list(wanted)).fetchall()
        works = {c.id: c for c in self.works(sorted({row[2] for row in rows}))}
        found = {}
        for isbn, number, work, title, subtitle, year, publisher, place in rows:
            of = works.get(f"/works/OL{work}W")
            for key in wanted[isbn]:
                found[key] = Candidate(
                    source=SOURCE,
                    id=f"/books/OL{number}M",
                    title=title or (of.title if of else ""),
                    subtitle=subtitle,
                    authors=of.authors if of else (),
                    aliases=of.aliases if of else (),
                    year=year,
                    years=(year,) if year else (),
                    publisher=publisher,
                    place=place,
                    isbn=key,
                    type=WorkType.BOOK,
                    kind="edition",
                )
        return found

    def work(self, key: str) -> Candidate | None:
        """A work by its key (/works/OL…W), or the work of an edition (/books/OL…M)."""
        number = key_number(key, "/works/OL", "W")
        if number is None and (edition := key_number(key, "/books/OL", "M")) is not None:
            row = self.db().execute("SELECT work FROM ed.editions WHERE id = ?", (edition,))
            number = next((r[0] for r in row), None)
        found = self.works([number]) if number is not None else []
        return found[0] if found else None

    def works(self, numbers: list[int]) -> list[Candidate]:
        """Work records in the order asked, as /search.json docs would give them."""
        return self.candidates_of(numbers, self.rows(numbers))

    def rows(self, numbers: list[int]) -> dict[int, tuple[Any, ...]]:
        if not numbers:
            return {}
        return {row[0]: row for row in self.db().execute(WORKS.format(marks(numbers)), numbers)}

    def candidates_of(
        self, numbers: list[int], rows: dict[int, tuple[Any, ...]]
    ) -> list[Candidate]:
        db = self.db()
        people = sorted({int(a) for n in numbers if n in rows for a in (rows[n][4] or "").split()})
        query = f"SELECT id, name, aliases FROM authors WHERE id IN ({marks(people)})"
        names = {a: (name, aliases) for a, name, aliases in db.execute(query, people)}
        return [work_candidate(rows[n], names) for n in numbers if n in rows]


def work_candidate(row: tuple[Any, ...], names: dict[int, tuple[str, str | None]]) -> Candidate:
    number, title, subtitle, first, authors, editions, years_text = row
    years = tuple(sorted({int(y) for y in (years_text or "").split(",") if y}))
    people = [names[int(a)] for a in (authors or "").split() if int(a) in names]
    return Candidate(
        source=SOURCE,
        id=f"/works/OL{number}W",
        title=title,
        subtitle=subtitle,
        authors=tuple(name for name, _ in people),
        aliases=tuple(alias for _, aliases in people for alias in (aliases or "").splitlines()),
        # Open Library's search takes its editions' earliest year; the work's own
        # first_publish_date, when earlier, is better evidence of first publication.
        year=min((y for y in (first, *years[:1]) if y), default=None),
        years=years,
        type=WorkType.BOOK,
        kind=WHOLE_WORK,
        editions=editions or 0,
    )


def connect_read_only(build: Path) -> sqlite3.Connection:
    """Immutable: SQLite takes no lock and reads a catalogue on a read-only disk too."""
    db = sqlite3.connect(uri(build / store.RECORDS), uri=True, check_same_thread=False)
    db.execute("ATTACH DATABASE ? AS ed", (uri(build / store.EDITIONS),))
    return db


def uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def marks(values: Sequence[object] | dict[Any, Any]) -> str:
    return ", ".join("?" * len(values))


def key_number(key: str, prefix: str, suffix: str) -> int | None:
    digits = key.removeprefix(prefix).removesuffix(suffix)
    if key.startswith(prefix) and key.endswith(suffix) and digits.isdigit():
        return int(digits)
    return None
