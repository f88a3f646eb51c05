"""Endnotes: the numbered notes section, each note's marker in the body, and the numbering's gaps.

The notes section is the longest run of lines that start with increasing numbers (`12.`,
`12)`, `[12]`); a note runs until the next one, wrapping over blank lines. Markers are
aligned with the expected numbering (a weighted longest increasing subsequence), which is
what tells a marker `reform."142` from a year, a decade or a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from citeres.identity import IBID, OPCIT, YEAR
from citeres.model import Document, Kind, Mention, Problem
from citeres.problems import ProblemKind, templated
from citeres.text import squash

K = ProblemKind

# `12. text`, `60 . text`, `12) text`, `[12] text`; the text must not be a bare URL list,
# which belongs to the URL finder.
# `12. text`, `60 . text`, `12) text`, `[12] text`, Markdown's `[^12]: text`, `¹² text`.
NOTE_START = re.compile(
    r"^[ \t\u00a0]*(?:(?P<plain>\d{1,4})[ \t\u00a0]*[.)]|\[(?P<bracket>\d{1,4})\]|"
    r"\[\^(?P<caret>\d{1,4})\]:|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})(?=[ \t\u00a0]*\S))"
    r"[ \t\u00a0]*(?<=[\s\u00a0:⁰¹²³⁴⁵⁶⁷⁸⁹])(?!https?://)(?=\S)",
    re.MULTILINE,
)
# How a section's markers look in the body, by how its notes are numbered.
MARKER_STYLE = {"plain": "glued", "sup": "glued", "bare": "glued", "bracket": "[", "caret": "[^"}
BARE_START = re.compile(r"^[ \t\u00a0]*(\d{1,4})[ \t\u00a0]+(?=[^\W\d_])", re.MULTILINE)
NOTES_HEADING = re.compile(
    r"^[ \t]*(?:end\s*notes|notes|footnotes|notes and references)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
MAX_GAP = 6  # numbers a chain may skip (missing notes) and still be one notes section
MAX_LINES_BETWEEN = 14  # lines one note may wrap over
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A marker glued to the word or punctuation it follows: `freedom".3`, `Russia.5`, `word²`.
# Markers are found by scanning for runs of digits, the cheap way, and then checking the
# characters around each run in Python: lookbehinds at every position cost four times more.
DIGITS = re.compile(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+")
GLUE = frozenset(".,;:!?'\"“”‘’)]")
DECIMAL_TAIL = re.compile(r"[.,]\d")
# A marker set off by a space at the end of a line: `Hannah Arendt 2`.
SPACED = re.compile(r"[ \t\u00a0](\d{1,4})[ \t\u00a0]*$", re.MULTILINE)
BRACKETED = re.compile(r"\[(\d{1,4})\]")
CARET = re.compile(r"\[\^(\d{1,4})\](?!:)")
CITATION_EVIDENCE = re.compile(
    rf"(?<![\d\w]){YEAR}(?![\d\w])|\bpp?\.\s*[\dxvi]|\b{IBID}|{OPCIT}|https?://|"
    r"\bvol\.|\b[A-Z][\w ]{2,30}:\s*[A-Z][\w.&' ]+(?:,|$)",
    re.IGNORECASE | re.MULTILINE,
)
TERMINAL = re.compile(r"[.!?)\]”\"']\s*$")
ABBREVIATION_END = re.compile(
    r"\b(?:Inc|Co|Ltd|Vol|vol|ed|eds|trans|pp?|St|Dr|Mr|Mrs|No|no|[A-Z])\.\s*$"
)


@dataclass(frozen=True)
class NoteStart:
    number: int
    line_start: int  # offset of the line
    text_start: int  # offset of the note's text
    style: str  # plain, bracket, caret, sup or bare: a key of MARKER_STYLE


@dataclass(frozen=True)
class Note:
    number: int
    start: int  # offset of the note's text
    end: int
    line: int  # the line of `N.`


class Marker(NamedTuple):
    number: int
    offset: int
    weight: int


@dataclass(frozen=True)
class NotesSection:
    notes: tuple[Note, ...]
    body_start: int  # the markers of these notes stand in text[body_start:body_end]
    body_end: int
    markers: str = "glued"  # a value of MARKER_STYLE

    @property
    def end(self) -> int:
        return self.notes[-1].end


def note_starts(text: str) -> list[NoteStart]:
    found = {}
    for match in NOTE_START.finditer(text):
        style = match.lastgroup or "plain"
        number = int(match.group(style).translate(SUPERSCRIPTS))
        found[match.start()] = NoteStart(number, match.start(), match.end(), style)
    # Under a `Notes` heading a bare number may start a note: `1 Eric Hobsbawm, ...`. Each
    # heading's search stops at the next heading, which searches on from there.
    headings = list(NOTES_HEADING.finditer(text))
    for n, heading in enumerate(headings):
        end = headings[n + 1].start() if n + 1 < len(headings) else len(text)
        for match in BARE_START.finditer(text, heading.end(), end):
            start = NoteStart(int(match.group(1)), match.start(), match.end(), "bare")
            found.setdefault(match.start(), start)
    return [found[k] for k in sorted(found)]


def chains(starts: list[NoteStart], document: Document) -> list[list[NoteStart]]:
    """Runs of note starts whose numbers rise by small steps on nearby lines."""
    runs: list[list[NoteStart]] = []
    for start in starts:
        run = runs[-1] if runs else None
        if run and follows(run[-1], start, document):
            run.append(start)
        else:
            runs.append([start])
    return runs


def follows(previous: NoteStart, start: NoteStart, document: Document) -> bool:
    step = start.number - previous.number
    lines = document.line_of(start.line_start) - document.line_of(previous.line_start)
    return 0 <= step <= MAX_GAP and lines <= MAX_LINES_BETWEEN


def cites(text: str, run: list[NoteStart]) -> bool:
    """Whether most entries of a run read as references (a year, a page, Ibid., op. cit.,
    an imprint), so that a numbered list of theses is not taken for notes."""
    bounds = [*(s.text_start for s in run[1:]), len(text)]
    hits = sum(
        bool(CITATION_EVIDENCE.search(text, start.text_start, min(end, start.text_start + 400)))
        for start, end in zip(run, bounds, strict=True)
    )
    return hits * 2 >= len(run)


def usable(run: list[NoteStart], document: Document) -> bool:
    """A run that could be a notes section: it starts near 1 and its entries cite; a lone
    note counts only under a `Notes` heading or when its label cannot be anything else
    (Markdown's `[^1]:`)."""
    if run[0].number > MAX_GAP or not cites(document.text, run):
        return False
    unmistakable = run[0].style == "caret"
    return len(run) >= 2 or unmistakable or heading_above(document.text, run[0].line_start)


def heading_above(text: str, first_note: int) -> bool:
    return body_end(text, first_note) != first_note


def find_sections(document: Document) -> list[NotesSection]:
    """The notes sections, in text order. The longest run of notes is one (the later on
    a tie: notes come last); another run counts too when the text before it holds the
    markers of most of its notes, as where each part of an essay has notes of its own."""
    runs = [r for r in chains(note_starts(document.text), document) if usable(r, document)]
    if not runs:
        return []
    main = max(reversed(runs), key=len)
    sections: list[NotesSection] = []
    for run in runs:
        body_start = sections[-1].end if sections else 0
        section = make_section(document, run, body_start)
        if run is main or marked_enough(document, section):
            sections.append(section)
    return sections


def make_section(document: Document, chain: list[NoteStart], body_start: int) -> NotesSection:
    text = document.text
    notes = []
    for i, start in enumerate(chain):
        end = chain[i + 1].line_start if i + 1 < len(chain) else last_note_end(text, start)
        end = start.text_start + len(text[start.text_start : end].rstrip())
        notes.append(Note(start.number, start.text_start, end, document.line_of(start.line_start)))
    markers = MARKER_STYLE[chain[0].style]
    return NotesSection(tuple(notes), body_start, body_end(text, chain[0].line_start), markers)


def marked_enough(document: Document, section: NotesSection) -> bool:
    numbers = {n.number for n in section.notes}
    markers = section_markers(document, section)
    return len({m.number for m in markers} & numbers) * 2 >= len(numbers)


def section_markers(document: Document, section: NotesSection) -> list[Marker]:
    """The markers of a section's notes, aligned with their numbering, in its body."""
    numbers = {n.number for n in section.notes}
    text, start, end = document.text, section.body_start, section.body_end
    candidates = marker_candidates(text, section.markers, start, end)  # no copy of the text
    return align(candidates, numbers, max(numbers) + MAX_GAP)


def last_note_end(text: str, start: NoteStart) -> int:
    """Where the last note stops: it wraps while it reads as unfinished."""
    end = text.find("\n", start.text_start)
    end = len(text) if end < 0 else end
    while end < len(text):
        current = text[start.text_start : end]
        following = FOLLOWING_LINE.match(text, end)
        if not following:
            break
        next_line_start = following.end()
        next_line_end = text.find("\n", next_line_start)
        next_line_end = len(text) if next_line_end < 0 else next_line_end
        next_line = text[next_line_start:next_line_end]
        if not continues(current, next_line):
            break
        end = next_line_end
    return end


FOLLOWING_LINE = re.compile(r"(\n[ \t\u00a0]*){1,3}(?=\S)")


def continues(current: str, next_line: str) -> bool:
    unfinished = not TERMINAL.search(current) or ABBREVIATION_END.search(current)
    return bool(unfinished or re.match(r"\s*(?:[a-z]|pp?\.|\d)", next_line))


def body_end(text: str, first_note: int) -> int:
    """The body stops at the notes heading, when one stands just above the first note."""
    window_start = max(0, text.rfind("\n", 0, max(0, first_note - 200)))
    headings = list(NOTES_HEADING.finditer(text, window_start, first_note))
    return headings[-1].start() if headings else first_note


def marker_candidates(
    body: str, style: str = "glued", start: int = 0, end: int | None = None
) -> list[Marker]:
    """Possible markers in body[start:end]: `[3]`, `[^3]`, or digits glued to the text."""
    end = len(body) if end is None else end
    if style != "glued":
        pattern = BRACKETED if style == "[" else CARET
        return [Marker(int(m.group(1)), m.start(1), 2) for m in pattern.finditer(body, start, end)]
    found = [
        Marker(int(m.group().translate(SUPERSCRIPTS)), m.start(), glue_weight(body, m.start()))
        for m in DIGITS.finditer(body, start, end)
        if glued(body, m.start(), m.end(), end)
    ]
    found += [
        Marker(int(m.group(1)), m.start(1), 2)
        for m in SPACED.finditer(body, start, end)
        if spaced(body, m.start())
    ]
    # `claim.[1]` against notes numbered `1.`, as in text copied from a wiki.
    found += [Marker(int(m.group(1)), m.start(1), 3) for m in BRACKETED.finditer(body, start, end)]
    return sorted(found, key=lambda m: m.offset)


def glued(body: str, start: int, end: int, limit: int) -> bool:
    """Up to four digits glued to a word or closing punctuation, and not running on into
    a word or a decimal part (before `limit`, where the body stops): `Russia.5`,
    `freedom”.3`, not `1917s`, `1.5`."""
    if end - start > 4 or start == 0:
        return False
    before = body[start - 1]
    if not (before in GLUE or before.isalpha()):
        return False
    after = body[end : min(end + 2, limit)]
    return not after or not (after[0].isalnum() or after[0] == "_" or DECIMAL_TAIL.match(after))


def spaced(body: str, space: int) -> bool:
    """A marker set off by a space at the end of a line, after a word: `Hannah Arendt 2`."""
    before = body[space - 1] if space else ""
    return before.isalpha() or before in GLUE


def glue_weight(body: str, offset: int) -> int:
    """Closing punctuation before a marker is strong evidence; a letter (`B52`), an opening
    quote or a figure (`600,000.34` may be a decimal) is weak."""
    before = body[offset - 1]
    weak = (
        before.isalpha()
        or before in "“‘"
        or (before in ".," and offset >= 2 and body[offset - 2].isdigit())
    )
    return 1 if weak else 3


def align(candidates: list[Marker], numbers: set[int], highest: int) -> list[Marker]:
    """The heaviest run of candidates whose numbers strictly rise through the text."""
    usable = [c for c in candidates if 1 <= c.number <= highest]
    best: list[tuple[int, int]] = []  # per candidate: (total weight, index of predecessor)
    tree = MaxTree(highest + 1)
    for i, marker in enumerate(usable):
        weight = marker.weight * (2 if marker.number in numbers else 1)
        total, previous = tree.best_below(marker.number)
        best.append((total + weight, previous))
        tree.offer(marker.number, total + weight, i)
    if not best:
        return []
    i = max(range(len(best)), key=lambda k: best[k][0])
    chosen = []
    while i >= 0:
        chosen.append(usable[i])
        i = best[i][1]
    return chosen[::-1]


class MaxTree:
    """A Fenwick tree of prefix maxima: the best chain ending below a number, in log time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.value = [0] * (size + 1)
        self.index = [-1] * (size + 1)

    def offer(self, number: int, value: int, index: int) -> None:
        while number <= self.size:
            if value > self.value[number]:
                self.value[number], self.index[number] = value, index
            number += number & -number

    def best_below(self, number: int) -> tuple[int, int]:
        value, index, number = 0, -1, number - 1
        while number > 0:
            if self.value[number] > value:
                value, index = self.value[number], self.index[number]
            number -= number & -number
        return value, index


def find(document: Document) -> tuple[list[Mention], list[Problem], list[tuple[int, int]]]:
    """The notes' mentions, the numbering problems, and the spans of the notes sections."""
    mentions: list[Mention] = []
    problems: list[Problem] = []
    sections = find_sections(document)
    for section in sections:
        markers = section_markers(document, section)
        problems += numbering_problems(document, section, markers)
        mentions += [m for note in section.notes for m in note_mentions(document, note)]
    return mentions, problems, [(s.body_end, s.end) for s in sections]


def note_mentions(document: Document, note: Note) -> list[Mention]:
    from citeres.find.split import split_note

    mentions = []
    for start, end in split_note(document.text, note.start, note.end):
        line = note.line if start == note.start else document.line_of(start)
        raw = squash(document.text[start:end])
        mentions.append(
            Mention(
                path=document.path,
                line=line,
                start=start,
                end=end,
                kind=Kind.FULL,
                raw=raw,
                note=note.number,
            )
        )
    return mentions


def numbering_problems(
    document: Document, section: NotesSection, markers: list[Marker]
) -> list[Problem]:
    path = document.path
    problems: list[Problem] = []
    seen: dict[int, Note] = {}
    previous = 0
    for note in section.notes:
        if note.number in seen:
            first = seen[note.number].line
            problems.append(
                templated(
                    K.DUPLICATE_NOTE,
                    path=path,
                    line=note.line,
                    note=note.number,
                    number=note.number,
                    first=first,
                )
            )
        for missing in range(previous + 1, note.number):
            problems.append(
                templated(
                    K.MISSING_NOTE,
                    path=path,
                    line=note.line,
                    note=missing,
                    number=missing,
                    before=previous,
                    after=note.number,
                )
            )
        seen.setdefault(note.number, note)
        previous = max(previous, note.number)
    marked = {m.number for m in markers}
    for marker in markers:
        if marker.number not in seen:
            line = document.line_of(marker.offset)
            problems.append(
                templated(
                    K.MARKER_WITHOUT_NOTE,
                    path=path,
                    line=line,
                    note=marker.number,
                    number=marker.number,
                )
            )
    for number, note in seen.items():
        if number not in marked:
            problems.append(
                templated(
                    K.NOTE_WITHOUT_MARKER, path=path, line=note.line, note=number, number=number
                )
            )
    return problems
