"""Token features for the reference models: what a token looks like, where it stands, and
which word lists learned from the training data hold it.

A token's own features, and the same features as its neighbours see them, are computed
once per distinct token text and cached; only the few features of position, bracket and
quote depth are computed per occurrence.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping, Sequence
from itertools import groupby
from pathlib import Path

from citeres.parse.tokens import Token

Lexicon = Mapping[str, frozenset[str]]

YEAR = re.compile(r"(?:1[4-9]\d\d|20\d\d)[a-z]?")
ROMAN = re.compile(r"(?=[ivxlcdm]+$)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|e|er|re|ème|eme|a|o|°|º|te|ten|nd)")
ASCII_SHAPE = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase + string.digits, "X" * 26 + "x" * 26 + "d" * 10
)
OPEN = frozenset("([{")
CLOSE = frozenset(")]}")
QUOTES = frozenset("“”\"«»„‘’'‹›")
CUT = frozenset(".:;")
CLOSING_QUOTES = frozenset("”»’\"'›")
CACHE_LIMIT = 200_000
POSITION = [f"pos={n}" for n in range(10)]
INDEX = [f"i={n}" for n in range(7)]
CUTS = [f"cut={n}" for n in range(5)]
COMMAS = [f"comma={n}" for n in range(6)]
BOS, EOS = ("-1BOS",), ("+1EOS",)


def shape(text: str) -> str:
    """`Smith` → `Xx`, `1990` → `d`, `pp.` → `x.`, `J.-P.` → `X.-X.`."""
    text = text[:12]
    if text.isascii():
        mapped = text.translate(ASCII_SHAPE)
    else:
        mapped = "".join(
            "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
            for ch in text
        )
    return "".join(ch for ch, _ in groupby(mapped))  # runs collapsed: `Xxxxx` → `Xx`


def flags(text: str) -> list[str]:
    low = text.lower()
    out: list[str] = []
    if text.isdigit():
        out.append(f"digits={min(len(text), 5)}")
        if YEAR.fullmatch(text):
            out.append("year")
    elif YEAR.fullmatch(low):
        out.append("year")
    if low and ROMAN.fullmatch(low) and len(low) <= 7:
        out.append("roman" if text.isupper() else "roman-low" if text.islower() else "roman-mix")
    if ORDINAL.fullmatch(low):
        out.append("ordinal")
    if text.isalpha():
        if len(text) == 1:
            out.append("initial" if text.isupper() else "letter")
        elif text.isupper():
            out.append("caps")
        elif text[0].isupper():
            out.append("capital")
        elif text.islower():
            out.append("lower")
    elif any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text):
        out.append("alnum")
    if low.startswith(("http", "www.")):
        out.append("url")
    elif low.startswith(("10.", "doi:10.")) and "/" in low:
        out.append("doi")
    return out


class Featurizer:
    """Features of every token of a string, for a given lexicon (word lists by name)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lists: dict[str, tuple[str, ...]] = {}
        for name, words in sorted(lexicon.items()):
            for word in words:
                self.lists[word] = (*self.lists.get(word, ()), "L=" + name)
        self.cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def of_word(self, text: str) -> tuple[tuple[str, ...], ...]:
        """(own, as seen from the next token, from the previous, from 2 after, 2 before)."""
        found = self.cache.get(text)
        if found is not None:
            return found
        low = text.lower()
        word = "w=" + (low if not text.isdigit() or len(text) <= 2 else shape(text))
        core = [word, "s=" + shape(text), *flags(text)]
        core += self.lists.get(low, ())
        if not text[0].isalnum():
            core.append("punct")
        extra = [f"n={min(len(text), 8)}"]
        if len(low) > 3 and text.isalpha():
            extra += ["p3=" + low[:3], "s3=" + low[-3:]]
        near = (word, "s=" + shape(text))
        found = (
            (*core, *extra),
            tuple("-1" + f for f in core),
            tuple("+1" + f for f in core),
            tuple("-2" + f for f in near),
            tuple("+2" + f for f in near),
        )
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        self.cache[text] = found
        return found

    def __call__(self, text: str, tokens: Sequence[Token]) -> list[list[str]]:
        words = [self.of_word(t.text) for t in tokens]
        count = len(tokens)
        years = [i for i, w in enumerate(words) if "year" in w[0]]
        first_year, last_year = (years[0], years[-1]) if years else (count, -1)
        depth = quote = cuts = commas = 0
        seen_in = False
        rows: list[list[str]] = []
        for i, token in enumerate(tokens):
            ch = token.text
            if ch in CLOSE:
                depth = max(depth - 1, 0)
            row = [*words[i][0], POSITION[10 * i // count], INDEX[min(i, 6)], CUTS[min(cuts, 4)]]
            row.append(COMMAS[min(commas, 5)])
            row += words[i - 1][1] if i else BOS
            row += words[i + 1][2] if i + 1 < count else EOS
            if i >= 2:
                row += words[i - 2][3]
            if i + 2 < count:
                row += words[i + 2][4]
            if depth:
                row.append("bracket")
            if quote:
                row.append("quoted")
            if i > first_year:
                row.append("after-year")
            if i < last_year:
                row.append("before-year")
            if seen_in:
                row.append("after-in")
            if i and token.start == tokens[i - 1].end:
                row.append("glued")
            rows.append(row)
            if ch in OPEN:
                depth += 1
            elif ch in QUOTES:
                quote = 0 if quote and ch in CLOSING_QUOTES else 1
            elif ch in CUT and i and len(tokens[i - 1].text) > 1:
                cuts += 1
            elif ch == ",":
                commas += 1
            elif i and (ch == "in" or ch == "In") and not tokens[i - 1].text.isalnum():
                seen_in = True
        return rows


def load_lexicon(path: Path) -> dict[str, frozenset[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: frozenset(words) for name, words in sorted(data.items())}
