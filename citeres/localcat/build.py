"""Building a catalogue: the dumps streamed once into SQLite and the full-text index.

Two parts run side by side, one process each, as the dumps allow: authors then works
(records.sqlite and the full-text index, which needs the authors' names), and editions
(editions.sqlite). Both write into a staging folder that becomes current only when both
have finished; any failure removes it and leaves the previous catalogue in use.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from citeres.errors import OutputError
from citeres.localcat import records, store
from citeres.localcat.dump import Dump, DumpError, Tally, inspect
from citeres.localcat.dump import records as stream

BATCH = 20_000  # rows per executemany
PROGRESS_EVERY = 1_000_000  # records between progress lines
T = TypeVar("T")
# Forked, the parts start at once and need no `__main__` guard in a caller's script; the
# build starts no thread before them. Elsewhere fork is unsafe (macOS) or absent.
START = "fork" if sys.platform == "linux" else "spawn"

RECORDS_SCHEMA = """
CREATE TABLE works (
    id INTEGER PRIMARY KEY,   -- the number of /works/OL…W
    title TEXT NOT NULL,
    subtitle TEXT,
    year INTEGER,             -- from first_publish_date; the editions' years come first
    authors TEXT              -- author numbers, space-separated, in the record's order
);
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,   -- the number of /authors/OL…A; only authors of some work
    name TEXT NOT NULL,
    aliases TEXT              -- personal and alternate names, one a line
);
"""

EDITIONS_SCHEMA = """
CREATE TABLE editions (
    id INTEGER PRIMARY KEY,   -- the number of /books/OL…M
    work INTEGER NOT NULL,
    title TEXT,
    subtitle TEXT,
    year INTEGER,
    publisher INTEGER,        -- strings.id
    place INTEGER             -- strings.id
);
CREATE TABLE strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE isbns (isbn INTEGER PRIMARY KEY, edition INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE work_editions (
    work INTEGER PRIMARY KEY,
    editions INTEGER NOT NULL,
    years TEXT                -- the distinct edition years, comma-separated
);
"""


@dataclass
class Part:
    """What one part of the build read and wrote."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # seconds of CPU the part used

    def read(self, dump: Dump, tally: Tally) -> None:
        self.files.append({"name": dump.path.name, "kind": dump.kind, "date": dump.date})
        self.files[-1].update(asdict(tally))


def build(
    paths: Sequence[Path], directory: Path, jobs: int = 2, quiet: bool = True
) -> store.CatalogueInfo:
    """Build a catalogue in `directory` from the dump files; the new build becomes current."""
    dumps = classify(paths)
    staged = store.staging(directory)
    try:
        start = time.perf_counter()
        parts = run_parts(dumps, staged, jobs, quiet)
        counts = {k: v for part in parts for k, v in part.counts.items()}
        files = [f for part in parts for f in part.files]
        cpu = {k: round(v, 1) for part in parts for k, v in part.cpu.items()}
        info = store.CatalogueInfo(
            dump_date=dump_date(dumps, files),
            built=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            counts=counts,
            files=files,
            seconds=round(time.perf_counter() - start, 1),
            cpu_seconds=cpu,
        )
        info.write(staged)
        store.publish(directory, staged, info)
    except BaseException:
        store.discard(staged)
        raise
    return info


def classify(paths: Sequence[Path]) -> dict[str, Dump]:
    """The dumps by kind, whatever their order; authors and works are required."""
    dumps: dict[str, Dump] = {}
    for path in paths:
        dump = inspect(path)
        if dump.kind in dumps:
            raise DumpError(f"two {dump.kind} dumps given: {dumps[dump.kind].path} and {path}")
        dumps[dump.kind] = dump
    missing = [kind for kind in ("authors", "works") if kind not in dumps]
    if missing:
        raise DumpError(f"no {' or '.join(missing)} dump given (ol_dump_{missing[0]}_*.txt.gz)")
    return dumps


def dump_date(dumps: dict[str, Dump], files: list[dict[str, Any]]) -> str | None:
    """The works dump's date from its name, else the newest change the dumps hold."""
    if dumps["works"].date:
        return dumps["works"].date
    newest = max((f["newest"] for f in files), default="")
    return newest[:10] or None


def run_parts(dumps: dict[str, Dump], staged: Path, jobs: int, quiet: bool) -> list[Part]:
    editions = dumps.get("editions")
    tasks: list[tuple[Any, tuple[Any, ...]]] = [
        (works_part, (dumps["authors"], dumps["works"], staged, quiet)),
        (editions_part, (editions, staged, quiet)),
    ]
    if jobs < 2 or editions is None:
        return [task(*args) for task, args in tasks]
    # Separate processes, each with its own files: nothing is shared but the result.
    with multiprocessing.get_context(START).Pool(2) as pool:
        pending = [pool.apply_async(task, args) for task, args in tasks]
        while not all(p.ready() for p in pending):
            for p in pending:
                if p.ready() and not p.successful():
                    p.get()  # raises the part's error; leaving `with` stops the other
            pending[0].wait(0.1)
        return [p.get() for p in pending]


def works_part(authors: Dump, works: Dump, staged: Path, quiet: bool) -> Part:
    """records.sqlite and the full-text index: works with their authors' names."""
    from citeres.localcat.fulltext import Writer

    part = Part()
    start = time.process_time()
    names, aliases, folded_names = read_authors(authors, part, quiet)
    db = connect(staged / store.RECORDS, RECORDS_SCHEMA)
    index = Writer(staged / store.FULLTEXT)
    used: set[int] = set()
    tally = Tally()
    kept = 0
    for batch in batched(progress(stream(works, records.work, tally), "works", quiet)):
        db.executemany(
            "INSERT OR IGNORE INTO works VALUES (?, ?, ?, ?, ?)",
            [(w.id, w.title, w.subtitle, w.year, joined(w.authors)) for w in batch],
        )
        for w in batch:
            known = [a for a in w.authors if a in names]
            used.update(known)
            index.add(w.id, w.title, w.subtitle, " ".join(folded_names[a] for a in known))
        kept += len(batch)
    part.read(works, tally)
    db.executemany(
        "INSERT INTO authors VALUES (?, ?, ?)",
        ((a, names[a], aliases.get(a)) for a in sorted(used)),
    )
    finish(db)
    index.close()
    part.counts.update(works=kept, authors=len(used))
    part.cpu["works"] = time.process_time() - start
    return part


def read_authors(
    dump: Dump, part: Part, quiet: bool
) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Every author's name; the other names of those who have some; all their names
    folded for the index."""
    from citeres.localcat.fulltext import plain

    names: dict[int, str] = {}
    aliases: dict[int, str] = {}
    folded: dict[int, str] = {}
    tally = Tally()
    for author in progress(stream(dump, records.author, tally), "authors", quiet):
        names[author.id] = author.name
        if author.other_names:
            aliases[author.id] = "\n".join(author.other_names)
        folded[author.id] = plain(" ".join((author.name, *author.other_names)))
    part.read(dump, tally)
    return names, aliases, folded


def editions_part(dump: Dump | None, staged: Path, quiet: bool) -> Part:
    """editions.sqlite: editions, ISBN → edition, and each work's edition count and years."""
    part = Part()
    start = time.process_time()
    db = connect(staged / store.EDITIONS, EDITIONS_SCHEMA)
    scratch = staged / "scratch.sqlite"
    db.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
    db.execute("CREATE TABLE scratch.isbns (isbn INTEGER, edition INTEGER)")
    strings: dict[str, int] = {}
    kept = 0
    if dump is not None:
        tally = Tally()
        for batch in batched(progress(stream(dump, records.edition, tally), "editions", quiet)):
            db.executemany(
                "INSERT OR IGNORE INTO editions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [edition_row(e, strings) for e in batch],
            )
            db.executemany(
                "INSERT INTO scratch.isbns VALUES (?, ?)",
                [(isbn, e.id) for e in batch for isbn in e.isbns],
            )
            kept += len(batch)
        part.read(dump, tally)
    db.executemany("INSERT INTO strings VALUES (?, ?)", ((i, s) for s, i in strings.items()))
    # Sorted once at the end: an ordered insert packs the ISBN tree full.
    db.execute(
        "INSERT OR IGNORE INTO isbns SELECT isbn, edition FROM scratch.isbns ORDER BY isbn, edition"
    )
    db.execute(
        "INSERT INTO work_editions SELECT work, count(*), group_concat(DISTINCT year)"
        " FROM editions GROUP BY work"
    )
    db.commit()
    db.execute("DETACH DATABASE scratch")
    scratch.unlink()
    isbns = db.execute("SELECT count(*) FROM isbns").fetchone()[0]
    finish(db)
    part.counts.update(editions=kept, isbns=isbns)
    part.cpu["editions"] = time.process_time() - start
    return part


def edition_row(e: records.Edition, strings: dict[str, int]) -> tuple[object, ...]:
    publisher, place = interned(strings, e.publisher), interned(strings, e.place)
    return (e.id, e.work, e.title, e.subtitle, e.year, publisher, place)


def connect(path: Path, schema: str) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, isolation_level=None)
        # A staging file: nothing to recover if the build dies, so no journal and no syncs.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -1000000")
        db.executescript(schema)
        db.execute("BEGIN")
    except sqlite3.Error as error:
        raise OutputError(f"cannot write {path}: {error}") from None
    return db


def finish(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        db.commit()
    db.close()


def joined(numbers: tuple[int, ...]) -> str | None:
    return " ".join(map(str, numbers)) or None


def interned(strings: dict[str, int], text: str | None) -> int | None:
    if text is None:
        return None
    return strings.setdefault(text, len(strings) + 1)


def batched(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def progress(items: Iterable[T], label: str, quiet: bool) -> Iterator[T]:
    """The items, with a line on stderr every million."""
    start = time.perf_counter()
    for n, item in enumerate(items, 1):
        if not quiet and n % PROGRESS_EVERY == 0:
            rate = n / (time.perf_counter() - start)
            print(f"citeres: catalogue: {label}: {n:,} ({rate:,.0f}/s)", file=sys.stderr)
        yield item
