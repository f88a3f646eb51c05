"""One .bib file on disk: read in its own encoding, merged with what citeres generates, and
written back the same way (BOM, UTF-16/32, CRLF: the user's bytes stay the user's bytes)."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bibtexparser.model import Entry

from citeres.errors import OutputError
from citeres.export import record
from citeres.export.bibtex import write_entries
from citeres.export.merge import Edits, Merged, entry_state, merge
from citeres.export.record import State
from citeres.model import Problem
from citeres.paths import shown
from citeres.write import write_atomic

# Longest first: a UTF-32 LE BOM begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class BibText:
    """A file's text and how to write it back: its byte-order mark and codec."""

    text: str
    bom: bytes = b""
    codec: str = "utf-8"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def decode(data: bytes) -> BibText:
    """The text of a .bib file: Unicode with a BOM, else UTF-8 (ValueError otherwise)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return BibText(data[len(bom) :].decode(codec), bom, codec)
    return BibText(data.decode("utf-8"))


def read_bib(path: Path) -> BibText | None:
    try:
        return decode(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(
            f"cannot read {shown(path)} to merge with it: {exc.strerror or exc}"
        ) from None
    except ValueError:
        raise OutputError(
            f"cannot merge with {shown(path)}: it is not UTF-8 (nor UTF-16/32 with a BOM); "
            "save it as UTF-8, or --overwrite to replace it"
        ) from None


@dataclass(frozen=True)
class BibFile:
    """A .bib file as found before the run: its text (None: absent) and citeres' record."""

    path: Path
    existing: BibText | None
    last: State | None
    problems: tuple[Problem, ...] = ()  # a damaged record

    @classmethod
    def open(cls, path: Path, overwrite: bool = False) -> BibFile:
        """The file and its record; with `overwrite`, as if neither were there."""
        if overwrite:
            return cls(path, None, None)
        loaded = record.read_bib_record(path)
        return cls(path, read_bib(path), loaded.value, loaded.problems)

    def merge(self, entries: Sequence[Entry], last: State | None) -> Merged | None:
        """The file merged with `entries`, against citeres' values `last`; None if absent."""
        if self.existing is None:
            return None
        return merge(self.existing.text, last, entries, shown(self.path))

    def edits(self, entries: Sequence[Entry], last: State | None) -> Edits:
        """What the user changed in the file, against what citeres generates from `entries`."""
        merged = self.merge(entries, last)
        return merged.edits if merged is not None else Edits()

    def write(self, entries: Sequence[Entry], last: State | None) -> list[Problem]:
        """Merge `entries` into the file and write it, then the record; returns the hand
        edits kept. The .bib goes first: if a run stops between the two, the next one takes
        citeres' new values for hand edits equal to what it generates, which is harmless."""
        merged = self.merge(entries, last)
        if self.existing is None or merged is None:
            write_atomic(self.path, write_entries(entries))
            problems: tuple[Problem, ...] = ()
        else:
            write_atomic(self.path, self.existing.encode(merged.text))
            problems = merged.problems
        record.write_bib_record(self.path, {e.key: entry_state(e) for e in entries})
        return [*self.problems, *problems]
