"""The catalogue directory: its layout, its description, and the atomic swap to a new build.

    DIR/CURRENT                  the name of the build in use, one line, replaced atomically
    DIR/<build>/catalogue.json   format, dump date, files read and what they held, counts
    DIR/<build>/records.sqlite   works and their authors' names
    DIR/<build>/editions.sqlite  editions, ISBN → edition, and each work's editions and years
    DIR/<build>/fulltext/        the tantivy index of work titles and author names
    DIR/.staging-…/              a build under way; removed if it fails

A build is written beside the one in use and becomes current by one rename of CURRENT, so
a failed or interrupted build leaves the previous catalogue as it was, and a reader that
opened the old build keeps reading it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from citeres.errors import InputError, OutputError
from citeres.write import write_atomic

FORMAT = 1  # bumped when the layout changes; an older catalogue must be rebuilt
POINTER = "CURRENT"
META = "catalogue.json"
RECORDS = "records.sqlite"
EDITIONS = "editions.sqlite"
FULLTEXT = "fulltext"


@dataclass(frozen=True)
class CatalogueInfo:
    """What a catalogue was built from, and what it holds."""

    dump_date: str | None
    built: str  # UTC, ISO 8601
    counts: dict[str, int]  # authors, works, editions, isbns
    files: list[dict[str, Any]] = field(default_factory=list)  # path, kind, date, tally
    seconds: float = 0.0  # wall time
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # per part of the build
    format: int = FORMAT

    def write(self, directory: Path) -> None:
        write_atomic(directory / META, json.dumps(asdict(self), indent=2) + "\n")


def read_info(build: Path) -> CatalogueInfo:
    try:
        data = json.loads((build / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(f"{build}: not a citeres catalogue (no readable {META})") from None
    if data.get("format") != FORMAT:
        raise InputError(f"{build}: catalogue format {data.get('format')}; rebuild it")
    return CatalogueInfo(**data)


def current(directory: Path) -> Path:
    """The build in use: DIR/CURRENT's build, or DIR itself when it is a build."""
    if (directory / META).is_file():
        return directory.resolve()
    try:
        name = (directory / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        raise InputError(
            f"{directory}: not a citeres catalogue; build one with `citeres catalogue build`"
        ) from None
    return (directory / name).resolve()


def staging(directory: Path) -> Path:
    """A fresh folder in DIR for a new build; DIR must be a catalogue, empty, or new."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: exists and is not a directory")
    if directory.is_dir() and not (directory / POINTER).exists() and strangers(directory):
        raise OutputError(f"{directory}: not empty and not a citeres catalogue; not touching it")
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".staging-{stamp}-", dir=directory))
    except OSError as error:
        raise OutputError(f"cannot create a build in {directory}: {error.strerror}") from None


def strangers(directory: Path) -> bool:
    """Whether the folder holds anything a build did not put there."""
    return any(not p.name.startswith(".staging-") for p in directory.iterdir())


def publish(directory: Path, built: Path, info: CatalogueInfo) -> Path:
    """Make the staged build the current one, then remove the build it replaces."""
    previous = (directory / POINTER).read_text().strip() if (directory / POINTER).exists() else ""
    name = f"build-{info.dump_date or 'undated'}-{built.name.removeprefix('.staging-')}"
    final = directory / name
    try:
        built.rename(final)
    except OSError as error:
        raise OutputError(f"cannot move the new build into place: {error.strerror}") from None
    write_atomic(directory / POINTER, name + "\n")
    if previous and previous != name and "/" not in previous:
        # A reader that has the old build open keeps its files until it closes them.
        shutil.rmtree(directory / previous, ignore_errors=True)
    return final


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)


def size(build: Path) -> int:
    return sum(p.stat().st_size for p in build.rglob("*") if p.is_file())
