"""`no-references-found`: a document long enough to cite something in which the finders
found nothing. Silence there more likely means a layout citeres cannot read (notes kept
in another file, a style it does not know) than an essay without references, and `check`
should say so rather than pass it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeres.find.note_markers import candidates
from citeres.model import Document, Problem, ProblemKind

MIN_WORDS = 150  # shorter (a note, an abstract) may well cite nothing
MIN_MARKERS = 3  # markers 1, 2, 3 in order: a numbering, not stray figures
MARKER_FAMILIES = ("glued", "caret")  # `word.1`, `word²`, `claim.[1]`, `[^1]`
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
LOOKED_FOR = "author-date citations, reference list, URLs or titles that citeres recognises"


def no_references(document: Document, mentions: Sequence[object]) -> list[Problem]:
    """The warning for `document` when it is long and its finders found no mention."""
    if mentions:
        return []
    words = sum(1 for _ in WORD.finditer(document.text))
    if words < MIN_WORDS:
        return []
    markers = numbered_markers(document.text)
    if markers >= MIN_MARKERS:
        seen = f"{markers} note markers (1 to {markers}) but no notes they refer to"
    else:
        seen = "no numbered notes or note markers"
    message = f"no references found in {words:,} words: {seen}; no {LOOKED_FOR}"
    kind = ProblemKind.NO_REFERENCES_FOUND
    return [Problem(path=document.path, line=1, kind=kind, message=message)]


def numbered_markers(text: str) -> int:
    """How far marker-like numbers glued to the text count 1, 2, 3 … in text order: the
    notes' numbering a reader would see, whatever else (years, figures) lies between."""
    best = 0
    for family in MARKER_FAMILIES:
        expected = 1
        for marker in candidates(text, family):
            if marker.number == expected:
                expected += 1
        best = max(best, expected - 1)
    return best
