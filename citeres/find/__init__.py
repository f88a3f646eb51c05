"""Where the citations are: the notes finder claims its section first, then the finders of
running text look at what is left. Mentions never overlap."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from citeres.find import notes
from citeres.find.spans import Spans
from citeres.model import Document, Mention, Problem

Finder = Callable[[Document], tuple[list[Mention], list[Problem]]]
# The finders of running text, in order of precedence; a module not yet present is skipped.
RUNNING_TEXT = ("urls", "reading", "parenthetical", "prose", "attribution")


def running_text_finders() -> list[Finder]:
    finders = []
    for name in RUNNING_TEXT:
        try:
            module = importlib.import_module(f"citeres.find.{name}")
        except ModuleNotFoundError:
            continue
        finders.append(module.find)
    return finders


FINDERS = running_text_finders()


def find_all(document: Document) -> tuple[list[Mention], list[Problem]]:
    """Every mention in the document, in text order, and the problems finding them met."""
    mentions, problems, sections = notes.find(document)
    claimed = Spans()
    for start, end in sections:
        claimed.claim(start, end)
    for finder in FINDERS:
        found, found_problems = finder(document)
        problems.extend(found_problems)
        mentions.extend(m for m in found if claimed.claim(m.start, m.end))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, problems
