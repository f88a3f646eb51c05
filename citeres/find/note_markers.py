"""Note markers in the body, and their alignment with a run of notes.

Candidates are found once per document and style: digits glued to a word or closing
punctuation (`reform."142`, `word²`, `Trotsky 2` at a line's end), `[3]`, `(3)`, `[^3]`,
`[177:2]`.
A run of notes takes the heaviest run of candidates whose numbers strictly rise through the
text (a weighted longest increasing subsequence), which is what tells a marker from a year,
a decade or a figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from citeres.find.note_labels import SUPERSCRIPTS, Key

# Markers are found by scanning for runs of digits, the cheap way, and then checking the
# characters around each run in Python: lookbehinds at every position cost four times more.
DIGITS = re.compile(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+")
SUPERSCRIPT_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
GLUE = frozenset(".,;:!?'\"“”‘’)]")
DECIMAL_TAIL = re.compile(r"[.,]\d")
SECTION = re.compile(r"[ \t]*(?:[^\W\d_]|\d{1,3}(?:\.\d{1,3})*)\.")  # `5.`, `A.`, `2.3.`
# A marker set off by a space at the end of a line: `Hannah Arendt 2`.
SPACED = re.compile(r"[ \t\u00a0](\d{1,9})[ \t\u00a0]*$", re.MULTILINE)
BRACKETED = re.compile(r"\[(\d{1,9})\]")
# `[181, 20]`, `[3-5]`, `[2, 7–9]`: several references marked at once, in numbered styles.
BRACKETED_LIST = re.compile(r"\[\d{1,9}(?:[ \t]*[,;–-][ \t]*\d{1,9}){1,19}\]")
LISTED = re.compile(r"(\d{1,9})(?:[ \t]*[–-][ \t]*(\d{1,9}))?")
MAX_RANGE = 20  # numbers a range such as `[3-5]` may stand for
PARENS = re.compile(r"\((\d{1,9})\)")
CARET = re.compile(r"\[\^(\d{1,9})\](?!:)")
PAGE_NOTE = re.compile(r"\[(\d{1,9}):(\d{1,9})\]")
MAX_DIGITS = 9  # as labels: a longer run of digits is a figure
NEAREST = 16  # candidates of one number a run looks at: the last ones before its note


class Marker(NamedTuple):
    key: Key
    offset: int
    weight: int

    @property
    def number(self) -> int:
        return self.key[1]


def candidates(text: str, family: str) -> list[Marker]:
    """Possible markers of notes of one family, in text order."""
    if family == "bracket":
        found = [Marker((0, int(m.group(1))), m.start(1), 2) for m in BRACKETED.finditer(text)]
        found += [m for group in BRACKETED_LIST.finditer(text) for m in listed(group)]
    elif family == "paren":
        found = [Marker((0, int(m.group(1))), m.start(1), 2) for m in PARENS.finditer(text)]
    elif family == "caret":
        found = [Marker((0, int(m.group(1))), m.start(1), 2) for m in CARET.finditer(text)]
    elif family == "pagenote":
        found = [
            Marker((int(m.group(1)), int(m.group(2))), m.start(1), 3)
            for m in PAGE_NOTE.finditer(text)
        ]
    else:
        found = glued_candidates(text)
    return sorted(found, key=lambda m: m.offset)


def listed(group: re.Match[str]) -> list[Marker]:
    """The markers of `[181, 20]` or `[3-5]`, each at its own number."""
    found = []
    for item in LISTED.finditer(group.group()):
        first = int(item.group(1))
        last = int(item.group(2)) if item.group(2) else first
        span = range(first, last + 1) if 0 <= last - first < MAX_RANGE else (first,)
        found += [Marker((0, n), group.start() + item.start(), 2) for n in span]
    return found


def glued_candidates(text: str) -> list[Marker]:
    found = [
        Marker((0, int(m.group().translate(SUPERSCRIPTS))), m.start(), glue_weight(text, m.start()))
        for m in DIGITS.finditer(text)
        if glued(text, m.start(), m.end())
    ]
    found += [
        Marker((0, int(m.group(1))), m.start(1), 2)
        for m in SPACED.finditer(text)
        if spaced(text, m.start())
    ]
    # `claim.[1]` against notes numbered `1.`: web pages, and text copied from a wiki.
    found += [Marker((0, int(m.group(1))), m.start(1), 3) for m in BRACKETED.finditer(text)]
    return found


def glued(text: str, start: int, end: int) -> bool:
    """Digits glued to a word or closing punctuation, and not running on into a word or a
    decimal part: `Russia.5`, `freedom”.3`, not `1917s`, `1.5`, `A.1`, `p.40`."""
    if start == 0 or end - start > MAX_DIGITS:
        return False
    before = text[start - 1]
    if not (before in GLUE or before.isalpha() or text[start] in SUPERSCRIPT_DIGITS):
        return False
    after = text[end : end + 2]
    if after and (after[0].isalnum() or after[0] == "_" or DECIMAL_TAIL.match(after)):
        return False
    return not (before == "." and section_number(text, start))


def section_number(text: str, start: int) -> bool:
    """Whether the digits at `start` end a section number that opens its line: `5.1`,
    `A.1`, `2.3.1` (unlike `at 216.1`, a marker after a page)."""
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start <= 16 and bool(SECTION.fullmatch(text, line_start, start))


def spaced(text: str, space: int) -> bool:
    """A marker set off by a space at the end of a line, after a word: `Hannah Arendt 2`."""
    before = text[space - 1] if space else ""
    return before.isalpha() or before in GLUE


def glue_weight(text: str, offset: int) -> int:
    """A superscript or closing punctuation before a marker is strong evidence; a letter
    (`B52`), an opening quote or a figure (`600,000.34` may be a decimal) is weak."""
    before = text[offset - 1]
    if text[offset] in SUPERSCRIPT_DIGITS:
        return 3
    weak = (
        before.isalpha()
        or before in "“‘"
        or (before in ".," and offset >= 2 and text[offset - 2].isdigit())
    )
    return 1 if weak else 3


class MarkerIndex:
    """The candidates of one family, by number, for picking those of one run of notes."""

    def __init__(self, found: list[Marker]) -> None:
        self.by_key: dict[Key, list[Marker]] = {}
        for marker in found:
            self.by_key.setdefault(marker.key, []).append(marker)
        self.keys = sorted(self.by_key)
        self.offsets = {k: [m.offset for m in ms] for k, ms in self.by_key.items()}

    def keys_between(self, low: Key, high: Key) -> list[Key]:
        return self.keys[bisect.bisect_left(self.keys, low) : bisect.bisect_right(self.keys, high)]

    def before(self, key: Key, start: int, end: int, nearest: int = NEAREST) -> list[Marker]:
        """The last `nearest` candidates of `key` in text[start:end]."""
        offsets = self.offsets.get(key)
        if not offsets:
            return []
        hi = bisect.bisect_left(offsets, end)
        lo = max(bisect.bisect_left(offsets, start), hi - nearest)
        return self.by_key[key][lo:hi]

    def any_between(self, low: Key, high: Key, start: int, end: int) -> bool:
        return any(self.before(key, start, end, 1) for key in self.keys_between(low, high))


def align(found: Iterable[Marker], numbers: set[Key]) -> list[Marker]:
    """The heaviest run of candidates whose numbers strictly rise through the text; a
    candidate that is the number of a note weighs double."""
    usable = sorted(found, key=lambda m: m.offset)
    ranks = {key: i + 1 for i, key in enumerate(sorted({m.key for m in usable}))}
    best: list[tuple[int, int]] = []  # per candidate: (total weight, index of predecessor)
    tree = MaxTree(len(ranks) + 1)
    for i, marker in enumerate(usable):
        weight = marker.weight * (2 if marker.key in numbers else 1)
        rank = ranks[marker.key]
        total, previous = tree.best_below(rank)
        best.append((total + weight, previous))
        tree.offer(rank, total + weight, i)
    if not best:
        return []
    i = max(range(len(best)), key=lambda k: best[k][0])
    chosen = []
    while i >= 0:
        chosen.append(usable[i])
        i = best[i][1]
    return chosen[::-1]


class MaxTree:
    """A Fenwick tree of prefix maxima: the best chain ending below a rank, in log time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.value = [0] * (size + 1)
        self.index = [-1] * (size + 1)

    def offer(self, rank: int, value: int, index: int) -> None:
        while rank <= self.size:
            if value > self.value[rank]:
                self.value[rank], self.index[rank] = value, index
            rank += rank & -rank

    def best_below(self, rank: int) -> tuple[int, int]:
        value, index, rank = 0, -1, rank - 1
        while rank > 0:
            if self.value[rank] > value:
                value, index = self.value[rank], self.index[rank]
            rank -= rank & -rank
        return value, index
