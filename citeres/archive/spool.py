"""Every document's analysis on disk, from the moment it arrives until the report has
been written: one file of pickled records in a temporary folder (TMPDIR), read back by
offset, and removed at the end of the run whatever happens.

A record is written and read by this run alone, so pickle (fast, and exact for the
frozen dataclasses) is safe here; nothing outlives the run.
"""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path
from typing import Any

from citeres.errors import OutputError

PROTOCOL = pickle.HIGHEST_PROTOCOL


def dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=PROTOCOL)


class Spool:
    """Records by kind and name (a document's "analysis", its "anchors", its "html"
    section): `add` as they come, `get` in any order. Use it as a context manager."""

    def __init__(self) -> None:
        try:
            self.folder = tempfile.TemporaryDirectory(prefix="citeres-spool-")
            self.file = open(Path(self.folder.name) / "records", "w+b")  # noqa: SIM115
        except OSError as error:
            raise OutputError(f"cannot make a spool in {tempfile.gettempdir()}: {error}") from None
        self.places: dict[tuple[str, str], tuple[int, int]] = {}
        self.end = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        self.file.close()
        self.folder.cleanup()

    def add(self, kind: str, name: str, record: bytes) -> None:
        try:
            if self.file.tell() != self.end:  # a read moved away: seeking drops the buffer
                self.file.seek(self.end)
            self.file.write(record)
        except OSError as error:
            raise OutputError(f"cannot write the spool (TMPDIR): {error}") from None
        self.places[kind, name] = (self.end, len(record))
        self.end += len(record)

    def get(self, kind: str, name: str) -> bytes:
        """A record's bytes, as added (a worker may be sent them as they are)."""
        offset, size = self.places[kind, name]
        self.file.seek(offset)
        return self.file.read(size)


def loads(record: bytes) -> Any:
    return pickle.loads(record)
