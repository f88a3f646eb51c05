"""Reference strings → tokens with exact character offsets, the unit the sequence models label.

A token is a run of letters and digits (`O'Brien` and `Lévi` stay whole), one punctuation
mark, or a whole URL or DOI, so an identifier gets one label and is never cut inside.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

TOKEN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"”]*[^\s<>\"”.,;:)\]]"  # URL, its final punctuation left out
    r"|(?:doi:)?10\.\d{4,9}/[^\s\"”<>]*[^\s\"”<>.,;)\]]"  # DOI
    r"|[^\W_]+(?:['’][^\W_]+)*"  # a word or a number
    r"|\S",  # one mark of punctuation or a symbol
    re.IGNORECASE,
)


class Token(NamedTuple):
    text: str
    start: int
    end: int


@lru_cache(maxsize=16384)
def tokenize(text: str) -> tuple[Token, ...]:
    """Every token of `text`, in order; `text[t.start:t.end] == t.text` for each."""
    return tuple(Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text))
