"""Re-running never loses work: merge freshly generated entries into an existing .bib text.

citeres tells its own fields from hand edits by the record (export/record.py) of the values
it generated last time. A field whose text still equals that value belongs to citeres and is
updated; any other field (edited, added or removed by hand) is kept as the user left it,
and what citeres would have written is reported. Entries citeres never generated, comments,
@string and unparsable blocks are kept verbatim, once each: the file is cut into pieces that
put together give back the text exactly, so a block the parser cannot read never moves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import Block, Entry, Field, String

from citeres.export.bibtex import write_entries
from citeres.export.record import State
from citeres.model import Problem, ProblemKind

TYPE = "@type"  # the entry type, compared like a field
LONE_LF = re.compile(r"(?<!\r)\n")


@dataclass(frozen=True)
class Edits:
    """The user's changes to the entries citeres generates, as data for the other formats."""

    fields: dict[str, dict[str, str | None]] = field(default_factory=dict)  # None: removed
    removed: frozenset[str] = frozenset()  # entries deleted by hand
    own: tuple[Entry, ...] = ()  # entries kept that citeres did not generate this run
    strings: tuple[String, ...] = ()  # the file's @string definitions, to read values with


@dataclass(frozen=True)
class Merged:
    text: str
    state: State  # what citeres generated this run, for the next run's comparison
    problems: tuple[Problem, ...]
    edits: Edits


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
    problems: list[Problem] = field(default_factory=list)
    edits: dict[str, str | None] = field(default_factory=dict)  # field → the user's value

    def run(self) -> Entry:
        fields: list[Field] = []
        for old in self.existing.fields:
            value = self.resolve(old.key.lower(), old.value)
            if value is not None:
                fields.append(Field(old.key, value))
        seen = {old.key.lower() for old in self.existing.fields} | {TYPE}
        for key in self.new:
            if key not in seen:
                kept = self.resolve(key, None)
                if kept is not None:
                    fields.append(Field(key, kept))
        entry_type = self.resolve(TYPE, self.existing.entry_type.lower())
        return Entry(entry_type or self.existing.entry_type, self.existing.key, fields)

    def resolve(self, key: str, mine: str | None) -> str | None:
        """The value to write for one field; `mine` is the file's (None: absent)."""
        last, new = self.last.get(key), self.new.get(key)
        if same(mine, last):  # untouched since citeres wrote it: citeres may update it
            return new if not same(mine, new) else mine
        if same(mine, new):
            return mine
        # Edited, added or removed by hand: kept. A field citeres never wrote and would
        # not write (the user's own note, say) is no news; anything else is reported.
        self.edits[key] = mine
        if not (new is None and last is None):
            self.problems.append(self.kept(key, mine, new))
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
    ours: bool = False  # written by citeres this run rather than kept from the file


def pieces(text: str) -> tuple[list[tuple[Block, Piece]], str]:
    """The blocks of `text`, each with its verbatim text and the spacing before it, and the
    text after the last: joined, they give back `text` exactly.

    A block the parser gave up on may claim the first characters of the block after it
    (`@book{` on a line of its own ends where the next `@book` begins): it gives them back,
    so no text is counted twice and the cursor always moves forward.
    """
    blocks = bibtexparser.parse_string(text, parse_stack=[]).blocks  # values as written
    found: list[tuple[Block, Piece]] = []
    cursor = 0
    for block in blocks:
        raw = block.raw or ""
        at = text.find(raw, cursor) if raw else -1
        if at < 0 and raw and found and not isinstance(found[-1][0], Entry):
            before = found[-1][1]
            start = cursor - len(before.body)
            at = text.find(raw, start + 1)
            if 0 <= at < cursor:
                before.body, cursor = text[start:at], at
            else:
                at = -1
        if at < 0:
            continue  # nothing to place: whatever text it had stays in the next gap
        key = block.key if isinstance(block, Entry) else None
        found.append((block, Piece(key, text[cursor:at], raw)))
        cursor = at + len(raw)
    return found, text[cursor:]


def newline_of(text: str) -> str:
    """The file's own line end: CRLF when most of its lines end so."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def render(entry: Entry, newline: str) -> str:
    return LONE_LF.sub(newline, write_entries([entry]).rstrip("\n"))


def merge(existing: str, last: State | None, generated: Sequence[Entry], path: str) -> Merged:
    """The merged file text; `last` is None when citeres has no record of the file."""
    last = last or {}
    nl = newline_of(existing)
    new = {entry.key: entry for entry in generated}
    out: list[Piece] = []
    problems: list[Problem] = []
    edits: dict[str, dict[str, str | None]] = {}
    own: list[Entry] = []
    strings: list[String] = []
    found, tail = pieces(existing)
    dropped_gap: str | None = None  # a dropped block's spacing goes to the next block
    for block, piece in found:
        if dropped_gap is not None:
            piece, dropped_gap = Piece(piece.key, dropped_gap, piece.body), None
        if not isinstance(block, Entry):
            out.append(piece)
            strings += [block] if isinstance(block, String) else []
            continue
        fresh = new.pop(block.key, None)
        before = last.get(block.key)
        if fresh is None:
            if before is None or not same_entry(block, before):
                out.append(piece)  # the user's own entry, or one edited by hand
                own.append(block)
            else:
                dropped_gap = piece.gap  # citeres' own entry for a work no longer cited
            continue
        one = EntryMerge(block, before or {}, entry_state(fresh), path)
        merged = one.run()
        problems += one.problems
        if one.edits:
            edits[block.key] = one.edits
        if not same_fields(merged, block):
            piece = Piece(piece.key, piece.gap, render(merged, nl), ours=True)
        out.append(piece)
    removed = []
    for key, entry in sorted(new.items()):
        if key in last:
            problems.append(removed_by_hand(key, path))
            removed.append(key)
        else:
            insert_sorted(out, Piece(key, nl * 2 if out else "", render(entry, nl), ours=True))
    state = {entry.key: entry_state(entry) for entry in generated}
    text = "".join(piece.gap + piece.body for piece in out) + tail
    # A file left with nothing is one line end, as a fresh build with no works writes it.
    if not text or (not text.endswith("\n") and (ends_line(existing) or (out and out[-1].ours))):
        text += nl
    found_edits = Edits(edits, frozenset(removed), tuple(own), tuple(strings))
    return Merged(text, state, tuple(problems), found_edits)


def ends_line(text: str) -> bool:
    """A file that ends its last line (or has none) is given a final line end again."""
    return text.endswith("\n") or not text.strip()


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
