"""Where a note starts and where it stops: the labels notes are numbered with at a line's
start (`12.`, `12)`, `[12]`, `(12)`, `[^12]:`, `[Footnote 12: ...]`, `[177:2]`, `¹²`, `12 text`) and
the extent of each note's text.

A label says nothing yet about whether its line is a note: notes.py decides that for whole
runs of labels, from their numbering and their evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeres.find.note_evidence import NOTES_HEADING, RULE

# `12. text`, `60 . text`, `12) text`, `[12] text`, `(12) text`, Markdown's `[^12]: text`, Project
# Gutenberg's `[Footnote 12: text]` and `[177:2] text` (page 177, note 2), `¹² text`, and a
# bare `12 text`. The text must start right after the label and its spacing. Numbers run to
# nine digits (a note numbered in the billions is a figure).
LABEL = re.compile(
    r"^[ \t\u00a0]*(?:"
    r"(?P<plain>\d{1,9})[ \t\u00a0]*[.)]"
    r"|\[(?P<bracket>\d{1,9})\]"
    r"|\((?P<paren>\d{1,9})\)"
    r"|\[\^(?P<caret>\d{1,9})\]:"
    r"|\[(?P<page>\d{1,9}):(?P<pagenote>\d{1,9})\]"
    r"|\[(?:foot)?note[ \t\u00a0]*(?P<footnote>\d{1,9})[ \t\u00a0]*:"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,9})(?=[ \t\u00a0]*\S)"
    r"|(?P<bare>\d{1,9})(?=[ \t\u00a0]{1,2}(?:[^\W\d_]|[“\"‘(*_\[]))"
    r")[ \t\u00a0]*(?<=[\s\u00a0:⁰¹²³⁴⁵⁶⁷⁸⁹])(?=\S)",
    re.MULTILINE | re.IGNORECASE,
)
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# How the markers of notes labelled in each style look in the body.
FAMILY = {
    "plain": "glued",
    "sup": "glued",
    "bare": "glued",
    "bracket": "bracket",
    "paren": "paren",
    "footnote": "bracket",
    "caret": "caret",
    "pagenote": "pagenote",
}
# Labels that are nothing but a note's: one such note is a note without further evidence.
UNMISTAKABLE = frozenset(("caret", "footnote"))
# A line ends a sentence, or a reference (`p. 40`): what may stand before a bare `12 text`.
ENDED = re.compile(r"[.!?)\]”\"'’:;\d]\s*$")
# A running head or a heading in capitals: `2    FISHER v. UNIVERSITY OF TEXAS`.
CAPITALS = re.compile(r"[^\W\d_]")
# A sentence's end, also inside the close of italics (`--_Georges Métivier._`).
TERMINAL = re.compile(r"[.!?)\]”\"'][_*]*\s*$")
ABBREVIATION_END = re.compile(
    r"\b(?:Inc|Co|Ltd|Vol|vol|ed|eds|trans|pp?|St|Dr|Mr|Mrs|No|no|[A-Z])\.\s*$"
)
# What starts a line that goes on with the note before: lower case, a parenthesis, a page
# locator, or a reference signal opening another paragraph of it (`See also ...`).
CONTINUATION = re.compile(r"[ \t\u00a0]*(?:[a-z(]|pp?\.|(?:See|Cf\.|Compare|Ibid)\b)")
NEXT_LINE = re.compile(r"(?:\n[ \t\u00a0]*){1,3}(?=\S)")
MAX_WRAP_LINES = 60  # lines the last note of a run may wrap over


Key = tuple[int, int]  # (page, number): page 0 except for `[177:2]` labels


@dataclass(frozen=True)
class Label:
    number: int  # the note's number (on its page, for `[177:2]`)
    page: int  # 0, or the page of a `[177:2]` label
    line_start: int  # offset of the label's line
    text_start: int  # offset of the note's text
    style: str  # a key of FAMILY
    row: int  # the line of text it stands on, counted from 0 (in HTML, not the file's line)
    closed: int | None = None  # a `[Footnote 12: ...]` note: the offset of its `]`

    @property
    def key(self) -> Key:
        return (self.page, self.number)

    @property
    def family(self) -> str:
        return FAMILY[self.style]

    @property
    def shown(self) -> str:
        """The number as the document writes it: `12`, `177:2`."""
        return f"{self.page}:{self.number}" if self.page else str(self.number)


def labels(text: str) -> list[Label]:
    """Every label at a line's start, in text order; a bare `12 text` only where a note may
    start (after a blank line, a finished sentence or a rule) and not in a running head."""
    found = []
    row, counted = 0, 0
    for match in LABEL.finditer(text):
        style = match.lastgroup or "plain"
        if style == "page":  # lastgroup names the last group that matched: pagenote
            style = "pagenote"
        if style == "bare" and not bare_note(text, match):
            continue
        digits = match.group("pagenote" if style == "pagenote" else style)
        page = int(match.group("page")) if style == "pagenote" else 0
        number = int(digits.translate(SUPERSCRIPTS))
        closed = closing_bracket(text, match.end()) if style == "footnote" else None
        row, counted = row + text.count("\n", counted, match.start()), match.start()
        found.append(Label(number, page, match.start(), match.end(), style, row, closed))
    return found


def bare_note(text: str, match: re.Match[str]) -> bool:
    line_end = text.find("\n", match.end())
    rest = text[match.end() : line_end if line_end >= 0 else len(text)]
    letters = CAPITALS.findall(rest[:80])
    if len(letters) >= 6 and sum(c.isupper() for c in letters) * 5 >= len(letters) * 4:
        return False
    if match.start() == 0:
        return True
    previous_end = match.start() - 1  # the newline ending the line before
    previous = text[text.rfind("\n", 0, previous_end) + 1 : previous_end]
    return not previous.strip() or bool(ENDED.search(previous) or RULE.fullmatch(previous))


def closing_bracket(text: str, start: int) -> int | None:
    """The `]` that closes a `[Footnote 12: ...` note, brackets inside counted; None when the
    note is not closed before the next one starts."""
    depth = 1
    stop = text.find("[Footnote", start)
    stop = len(text) if stop < 0 else stop
    for match in re.finditer(r"[\[\]]", text[start:stop]):
        depth += 1 if match.group() == "[" else -1
        if depth == 0:
            return start + match.start()
    return None


def natural_end(text: str, label: Label, bound: int) -> int:
    """Where a note stops when no next note bounds it: at its closing bracket, or where it
    stops reading as unfinished (it may wrap over blank lines), never past `bound`."""
    if label.closed is not None and label.closed <= bound:
        return label.closed
    end = line_end(text, label.text_start, bound)
    for _ in range(MAX_WRAP_LINES):
        following = NEXT_LINE.match(text, end)
        if not following or following.end() >= bound:
            break
        next_end = line_end(text, following.end(), bound)
        next_line = text[following.end() : next_end]
        if not continues(text[label.text_start : end], next_line) or furniture(next_line):
            break
        end = next_end
    return end


def line_end(text: str, start: int, bound: int) -> int:
    end = text.find("\n", start, bound)
    return bound if end < 0 else end


def furniture(line: str) -> bool:
    """A notes heading or a footnote rule: what starts the next notes, never a note's text."""
    return bool(NOTES_HEADING.fullmatch(line) or RULE.fullmatch(line))


def continues(current: str, next_line: str) -> bool:
    """A note runs on to the next line while it reads as unfinished, or when the next line
    starts in lower case or with a page locator."""
    tail = current[-80:]
    unfinished = not TERMINAL.search(tail) or ABBREVIATION_END.search(tail)
    return bool(unfinished or CONTINUATION.match(next_line))
