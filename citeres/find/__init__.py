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
from citeres.model import Document, Mention, Problem

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


def unwrapped(document: Document) -> Document:
    """The document with its wrapped lines joined, for the finders that read sentences.
    Each break becomes one space, so offsets and line numbers stay exact."""
    if "\n" not in document.text:
        return document
    text = WRAP.sub(" ", document.text)
    return dataclasses.replace(document, text=text)


def find_all(document: Document) -> tuple[list[Mention], list[Problem]]:
    """Every mention in the document, in text order, and the problems finding them met."""
    mentions, problems, sections = notes.find(document)
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
