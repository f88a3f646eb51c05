"""The Open Library dump files: what kind each is, its records streamed, and the line format.

A line is `type TAB key TAB revision TAB last_modified TAB json`. Open Library writes the
JSON with `json.dumps`, which escapes every tab and newline inside strings, so splitting on
the first four tabs is exact; a line that does not split so, or whose key or JSON is bad,
is malformed: counted and skipped. A file that is not gzip, is truncated, holds no record,
holds records of another type, or is mostly malformed stops the build with one line.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from citeres.errors import InputError

# The dump types a catalogue is built from, with the key each record of it carries.
KINDS = {"/type/author": "authors", "/type/work": "works", "/type/edition": "editions"}
KEY_PREFIX = {"authors": b"/authors/OL", "works": b"/works/OL", "editions": b"/books/OL"}
KEY_SUFFIX = {"authors": b"A", "works": b"W", "editions": b"M"}
CHUNK = 1 << 20  # decompressed bytes read at a time
SNIFF_LINES = 1000  # lines read to tell what a file holds
MALFORMED_ALLOWED = 100  # a few bad lines are the dumps' own; more, and the file is not one
MALFORMED_SHARE = 0.01
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")

Row = TypeVar("Row")


class DumpError(InputError):
    """A dump file cannot be used: the build stops and the previous catalogue stays."""


@dataclass(frozen=True)
class Dump:
    """One dump file and what it holds."""

    path: Path
    kind: str  # authors | works | editions
    date: str | None  # from the file's name, ol_dump_works_2024-04-30.txt.gz


@dataclass
class Tally:
    """What streaming one file met; the build reports it and `catalogue info` shows it."""

    lines: int = 0
    records: int = 0
    malformed: int = 0
    other: int = 0  # well-formed lines of another type
    newest: str = ""  # the latest last_modified met, the dump's date when its name has none


def inspect(path: Path) -> Dump:
    """The kind of records a file holds, from its first well-formed lines."""
    seen = 0
    for line in raw_lines(path):
        seen += 1
        parts = line.split(b"\t", 4)
        if len(parts) == 5 and parts[0].startswith(b"/type/"):
            type_name = parts[0].decode("utf-8", "replace")
            if type_name not in KINDS:
                raise DumpError(
                    f"{path}: holds {type_name} records, not authors, works or editions"
                )
            return Dump(path, KINDS[type_name], dump_date(path))
        if seen >= SNIFF_LINES:
            break
    if not seen:
        raise DumpError(f"{path}: the dump is empty")
    raise DumpError(
        f"{path}: not an Open Library dump (no line of type, key, revision, date, JSON)"
    )


def dump_date(path: Path) -> str | None:
    match = DATE.search(path.name)
    return match.group(1) if match else None


def records(dump: Dump, decode: Callable[[int, bytes], Row | None], tally: Tally) -> Iterator[Row]:
    """The decoded records of the dump's kind; `decode(number, json)` returns None for a
    record it does not keep and raises ValueError for bad JSON (counted as malformed)."""
    want = next(t for t, k in KINDS.items() if k == dump.kind).encode()
    prefix, suffix = KEY_PREFIX[dump.kind], KEY_SUFFIX[dump.kind]
    start = len(prefix)
    newest = tally.newest.encode()
    for line in raw_lines(dump.path):
        tally.lines += 1
        parts = line.split(b"\t", 4)
        if len(parts) != 5 or parts[0] != want:
            if len(parts) == 5 and parts[0].startswith(b"/type/"):
                tally.other += 1
            else:
                tally.malformed += 1
            continue
        key = parts[1]
        number = key[start:-1]
        if not (key.startswith(prefix) and key.endswith(suffix) and number.isdigit()):
            tally.malformed += 1
            continue
        try:
            row = decode(int(number), parts[4])
        except ValueError:
            tally.malformed += 1
            continue
        tally.records += 1
        newest = max(newest, parts[3])
        if row is not None:
            yield row
    tally.newest = newest.decode("ascii", "replace")
    check_tally(dump, tally)


def check_tally(dump: Dump, tally: Tally) -> None:
    if not tally.records:
        raise DumpError(f"{dump.path}: holds no {dump.kind} record")
    if tally.malformed > max(MALFORMED_ALLOWED, MALFORMED_SHARE * tally.lines):
        raise DumpError(
            f"{dump.path}: {tally.malformed:,} of {tally.lines:,} lines are malformed; "
            "is it an Open Library dump?"
        )


def raw_lines(path: Path) -> Iterator[bytes]:
    """The file's lines, without their newline; gzip faults become one DumpError."""
    try:
        with gzip.open(path, "rb") as stream:
            rest = b""
            while chunk := stream.read(CHUNK):
                lines = (rest + chunk).split(b"\n")
                rest = lines.pop()
                yield from (line for line in lines if line)
            if rest:
                yield rest
    except FileNotFoundError:
        raise DumpError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DumpError(f"{path}: is a directory, not a dump file") from None
    except (gzip.BadGzipFile, zlib.error):
        raise DumpError(f"{path}: not a gzip file, or damaged") from None
    except EOFError:
        raise DumpError(f"{path}: the file is truncated (the gzip stream ends early)") from None
    except OSError as error:
        raise DumpError(f"{path}: cannot read: {error.strerror or error}") from None


def dump_line(type_name: str, key: str, revision: int, modified: str, record: object) -> str:
    """One line as Open Library writes it."""
    return "\t".join([type_name, key, str(revision), modified, json.dumps(record)])


def write_dump(path: Path, lines: Iterable[str], level: int = 6) -> None:
    """A gzipped dump file of these lines (for tests and the benchmark's synthetic dump)."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=level) as out:
        for line in lines:
            out.write(line + "\n")
