"""Where the citations are: the notes finder claims its sections first, then the finders of
running text look at what is left. Mentions never overlap."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from citeres.find import (
    attribution,
    entries,
    legal,
    notes,
    parenthetical,
    prose,
    reading,
    typography,
    urls,
)
from citeres.find.spans import Spans
from citeres.model import Document, Mention, Problem, ProblemKind

Finder = Callable[[Document], tuple[list[Mention], list[Problem]]]
# The finders of running text, in order of precedence, and the view each reads: lines
# (reading lists, URL entries, signatures), sentences (which may wrap across lines), or
# the lines outside the notes (entries.py, whose models would read every note in vain).
LINES, SENTENCES, OUTSIDE_NOTES = "lines", "sentences", "outside notes"
FINDERS: tuple[tuple[Finder, str], ...] = (
    (legal.find, LINES),
    (reading.find, LINES),
    (entries.find, OUTSIDE_NOTES),
    (urls.find, LINES),
    (parenthetical.find, SENTENCES),
    (prose.find, SENTENCES),
    (typography.find, SENTENCES),
    (attribution.find, LINES),
    (attribution.find_sayings, SENTENCES),
)
# A single line break between two characters of a paragraph: hard-wrapped text. The `\n`
# comes first so the regex engine can search for it at memory speed.
WRAP = re.compile(r"\n(?<=\S\n)(?=[ \t]*\S)")
# The characters of one line that are searched for references. A longer line (a table
# pasted whole, a scraped page) is read as text but not searched: no line of an essay is
# that long, and it bounds the work any one line can cost.
LINE_CAP = 100_000


def unwrapped(document: Document) -> Document:
    """The document with its wrapped lines joined, for the finders that read sentences.
    Each break becomes one space, so offsets and line numbers stay exact."""
    if "\n" not in document.text:
        return document
    text = WRAP.sub(" ", document.text)
    return dataclasses.replace(document, text=text)


def find_all(document: Document) -> tuple[list[Mention], list[Problem]]:
    """Every mention in the document, in text order, and the problems finding them met."""
    document, problems = capped(document)
    mentions, noted, sections = notes.find(document)
    problems.extend(noted)
    claimed = Spans()
    for start, end in sections:
        claimed.claim(start, end)
    views = {
        LINES: document,
        SENTENCES: unwrapped(document),
        OUTSIDE_NOTES: blanked(document, sections),
    }
    for finder, view in FINDERS:
        found, found_problems = finder(views[view])
        problems.extend(found_problems)
        mentions.extend(m for m in found if claimed.claim(m.start, m.end))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, problems


def blanked(document: Document, sections: list[tuple[int, int]]) -> Document:
    """The document with the given spans turned to spaces, line ends kept."""
    if not sections:
        return document
    text = document.text
    pieces, done = [], 0
    for start, end in sorted(sections):
        start = max(start, done)
        pieces += [text[done:start], SPACES.sub(" ", text[start:end])]
        done = max(done, end)
    return dataclasses.replace(document, text="".join([*pieces, text[done:]]))


SPACES = re.compile(r"[^\n]")


def capped(document: Document) -> tuple[Document, list[Problem]]:
    """The document with each line over LINE_CAP characters blanked (spaces, so offsets
    and line numbers stay exact), and an `oversized-line` problem for each."""
    long = oversized_lines(document.text, LINE_CAP)
    if not long:
        return document, []
    parts, at = [], 0
    for start, end in long:
        parts += [document.text[at:start], " " * (end - start)]
        at = end
    parts.append(document.text[at:])
    text = "".join(parts)
    blanked = Document(path=document.path, text=text, line_starts=document.line_starts)
    return blanked, [oversized(document, start, end) for start, end in long]


def oversized_lines(text: str, cap: int) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` longer than `cap` characters. Each step jumps
    to the last line break within cap + 1 characters, so the text is crossed in about
    len(text) / cap steps (two at most per cap characters), each a fast `find`."""
    found: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > cap:
        last = text.rfind("\n", start, start + cap + 1)
        if last >= 0:
            start = last + 1
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        found.append((start, end))
        start = end + 1
    return found


def oversized(document: Document, start: int, end: int) -> Problem:
    message = (
        f"a line of {end - start:,} characters (over {LINE_CAP:,}): read as text but not "
        "searched for references"
    )
    line = document.line_of(start)
    return Problem(path=document.path, line=line, kind=ProblemKind.OVERSIZED_LINE, message=message)
