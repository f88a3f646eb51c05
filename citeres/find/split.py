"""One note, several references: `See: A; Also: B; C`, `Quoted in: X`, `X; See also: Y`."""

from __future__ import annotations

import itertools
import re

# Signals that introduce a reference without being part of it.
SIGNAL = re.compile(
    r"(?:(?:see|cf\.?|compare|also|but see|see also|see further|for example|e\.g\.|"
    r"(?:as\s+)?(?:quoted|cited|reprinted|translated)\s+in)\s*[,:]?\s+)+",
    re.IGNORECASE,
)
# The backlinks a wiki puts before each reference: `^`, `^ a b`.
BACKLINKS = re.compile(r"\^(?:[ \t]+[a-z]{1,2}\b)*[ \t]+")
OPENERS, CLOSERS = "([{“", ")]}”"


def top_level_semicolons(text: str) -> list[int]:
    """Offsets of `;` outside brackets and curly quotes."""
    if ";" not in text:
        return []
    depth, found = 0, []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            found.append(i)
    return found


def split_note(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the references in text[start:end], signals left out."""
    note = text[start:end]
    cuts = [-1, *top_level_semicolons(note), len(note)]
    spans = []
    for left, right in itertools.pairwise(cuts):
        piece = note[left + 1 : right]
        signal = SIGNAL.match(piece.lstrip()) or BACKLINKS.match(piece.lstrip())
        skip = len(piece) - len(piece.lstrip()) + (signal.end() if signal else 0)
        body = piece[skip:].rstrip()
        if body.strip(" .,"):
            spans.append((start + left + 1 + skip, start + left + 1 + skip + len(body)))
    return spans
