"""Where the citations are: the notes finder claims its sections first, then the finders of
running text look at what is left. Mentions never overlap."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from citeres.find import (
    attribution,
    entries,
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
# The finders of running text, in order of precedence, and whether each reads sentences
# (which may wrap across lines) or lines (reading lists, URL entries, signatures).
FINDERS: tuple[tuple[Finder, bool], ...] = (
    (reading.find, False),
    (entries.find, False),
    (urls.find, False),
    (parenthetical.find, True),
    (prose.find, True),
    (typography.find, True),
    (attribution.find, False),
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
    sentences = unwrapped(document)
    for finder, reads_sentences in FINDERS:
        found, found_problems = finder(sentences if reads_sentences else document)
        problems.extend(found_problems)
        mentions.extend(m for m in found if claimed.claim(m.start, m.end))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, problems


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
