"""Re-running never loses work: merge freshly generated entries into an existing .bib file.

citeres tells its own fields from hand edits by a sidecar, `.citeres/<file>.json` next to
the .bib file, holding the values it generated last time. A field whose text still equals
that value belongs to citeres and is updated; any other field (edited, added or deleted
by hand) is kept as the user left it, and what citeres would have written is reported.
Entries citeres never generated, comments, @string and unparsable blocks are kept verbatim.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.model import Block, Entry, Field

from citeres.errors import OutputError
from citeres.export.bibtex import write_entries
from citeres.model import Problem, ProblemKind
from citeres.paths import shown
from citeres.write import write_atomic

TYPE = "@type"  # the entry type, compared like a field
State = dict[str, dict[str, str]]  # key → field → the text citeres generated


@dataclass(frozen=True)
class Merged:
    text: str
    state: State  # what citeres generated this run, for the next run's comparison
    problems: tuple[Problem, ...]


def sidecar_path(path: Path) -> Path:
    return path.parent / ".citeres" / f"{path.name}.json"


def entry_state(entry: Entry) -> dict[str, str]:
    values = {field.key.lower(): field.value for field in entry.fields}
    return {TYPE: entry.entry_type.lower(), **values}


def bare(value: str | None) -> str | None:
    """A value without its outer braces or quotes and with its spaces collapsed, so that
    re-spacing or re-quoting a field is not taken for a change of its content."""
    if value is None:
        return None
    text = value.strip()
    if len(text) >= 2 and (text[0], text[-1]) in {("{", "}"), ('"', '"')}:
        text = text[1:-1]
    return " ".join(text.split())


def same(a: str | None, b: str | None) -> bool:
    return bare(a) == bare(b)


@dataclass
class EntryMerge:
    """Merges one entry: the existing text, citeres' last values and its new values."""

    existing: Entry
    last: dict[str, str]
    new: dict[str, str]
    path: str

    def run(self) -> tuple[Entry, list[Problem]]:
        problems: list[Problem] = []
        fields: list[Field] = []
        for field in self.existing.fields:
            value = self.resolve(field.key.lower(), field.value, problems)
            if value is not None:
                fields.append(Field(field.key, value))
        seen = {field.key.lower() for field in self.existing.fields} | {TYPE}
        for key in self.new:
            if key not in seen:
                kept = self.resolve(key, None, problems)
                if kept is not None:
                    fields.append(Field(key, kept))
        entry_type = self.resolve(TYPE, self.existing.entry_type.lower(), problems)
        return Entry(entry_type or self.existing.entry_type, self.existing.key, fields), problems

    def resolve(self, key: str, mine: str | None, problems: list[Problem]) -> str | None:
        """The value to write for one field; `mine` is the file's (None: absent)."""
        last, new = self.last.get(key), self.new.get(key)
        if same(mine, last):  # untouched since citeres wrote it: citeres may update it
            return new if not same(mine, new) else mine
        # Edited, added or removed by hand: kept. A field citeres never wrote and would
        # not write (the user's own note, say) is no news; anything else is reported.
        if not same(mine, new) and not (new is None and last is None):
            problems.append(self.kept(key, mine, new))
        return mine

    def kept(self, key: str, mine: str | None, new: str | None) -> Problem:
        name = "entry type" if key == TYPE else f"field {key}"
        state = "removed" if mine is None else "edited"
        wants = f"would write {new}" if new is not None else "would remove it"
        return Problem(
            path=self.path,
            line=(self.existing.start_line or 0) + 1,
            kind=ProblemKind.HAND_EDIT_KEPT,
            message=f"{self.existing.key}: {name} {state} by hand, kept; citeres {wants}"
            " (--overwrite to replace)",
        )


@dataclass
class Piece:
    """One block of the output: the text before it (kept as the user spaced it) and its own."""

    key: str | None  # the entry key; None for comments, @string and unparsable blocks
    gap: str
    body: str


def pieces(text: str) -> tuple[list[tuple[Block, Piece]], str]:
    """The blocks of `text` with their verbatim text and spacing, and the text after them."""
    # No middleware: values keep their braces, quotes and @string references exactly.
    blocks = bibtexparser.parse_string(text, parse_stack=[]).blocks
    found, cursor = [], 0
    for block in blocks:
        raw = block.raw or ""
        at = text.find(raw, cursor) if raw else -1
        gap = text[cursor:at] if at >= 0 else "\n\n"
        cursor = at + len(raw) if at >= 0 else cursor
        key = block.key if isinstance(block, Entry) else None
        found.append((block, Piece(key, gap, raw)))
    return found, text[cursor:]


def render(entry: Entry) -> str:
    return write_entries([entry]).rstrip("\n")


def merge(existing: str, last: State | None, generated: Sequence[Entry], path: str) -> Merged:
    """The merged file text; `last` is None when citeres has no record of the file."""
    last = last or {}
    new = {entry.key: entry for entry in generated}
    out: list[Piece] = []
    problems: list[Problem] = []
    found, tail = pieces(existing)
    dropped_gap: str | None = None  # a dropped block's spacing goes to the next block
    for block, piece in found:
        if dropped_gap is not None:
            piece, dropped_gap = Piece(piece.key, dropped_gap, piece.body), None
        if not isinstance(block, Entry):
            out.append(piece)
            continue
        fresh = new.pop(block.key, None)
        before = last.get(block.key)
        if fresh is None:
            if before is None or not same_entry(block, before):
                out.append(piece)  # the user's own entry, or one edited by hand
            else:
                dropped_gap = piece.gap  # citeres' own entry for a work no longer cited
            continue
        merged, found_here = EntryMerge(block, before or {}, entry_state(fresh), path).run()
        problems += found_here
        if not same_fields(merged, block):
            piece = Piece(piece.key, piece.gap, render(merged))
        out.append(piece)
    for key, entry in sorted(new.items()):
        if key in last:
            problems.append(removed_by_hand(key, path))
        else:
            insert_sorted(out, Piece(key, "\n\n" if out else "", render(entry)))
    state = {entry.key: entry_state(entry) for entry in generated}
    text = "".join(piece.gap + piece.body for piece in out) + (tail or "\n")
    return Merged(text, state, tuple(problems))


def same_fields(a: Entry, b: Entry) -> bool:
    """The same type and the same fields with the same text, in the same order."""
    pairs = [(f.key, f.value) for f in a.fields], [(f.key, f.value) for f in b.fields]
    return a.entry_type.lower() == b.entry_type.lower() and pairs[0] == pairs[1]


def same_entry(entry: Entry, values: dict[str, str]) -> bool:
    mine = entry_state(entry)
    return mine.keys() == values.keys() and all(same(mine[k], values[k]) for k in mine)


def insert_sorted(out: list[Piece], piece: Piece) -> None:
    """Insert before the first entry with a greater key, so a sorted file stays sorted."""
    assert piece.key is not None
    for index, other in enumerate(out):
        if other.key is not None and other.key > piece.key:
            if index == 0:  # the new first block takes the file's leading spacing
                piece.gap, other.gap = other.gap, piece.gap
            out.insert(index, piece)
            return
    out.append(piece)


def removed_by_hand(key: str, path: str) -> Problem:
    return Problem(
        path=path,
        line=1,
        kind=ProblemKind.HAND_EDIT_KEPT,
        message=f"{key}: entry removed by hand, not written again (--overwrite to restore)",
    )


def read_state(path: Path) -> State | None:
    try:
        data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no record: every existing field counts as the user's
    entries = data.get("entries") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else None


def write_bib(path: Path, entries: Sequence[Entry], overwrite: bool = False) -> list[Problem]:
    """Write `entries` to `path`, merging with the file there unless `overwrite`.

    The .bib is written before its sidecar: if a run stops between the two, the next run
    sees citeres' new values as hand edits equal to what it generates, which is harmless.
    """
    existing = None if overwrite else read_existing(path)
    problems: tuple[Problem, ...] = ()
    if existing is None:
        text, state = write_entries(entries), None
    else:
        merged = merge(existing, read_state(path), entries, shown(path))
        text, state, problems = merged.text, merged.state, merged.problems
    write_atomic(path, text)
    state = state if state is not None else {e.key: entry_state(e) for e in entries}
    record = {"version": 1, "file": path.name, "entries": state}
    write_atomic(
        sidecar_path(path), json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    return list(problems)


def read_existing(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"cannot read {path} to merge with it: {exc}") from None
