"""The rules that tell one thing from another, written once for every stage: what a year is,
roman numerals, capital letters, the short forms (`Ibid.`, `op. cit.` and their kin), and the
folded forms titles and surnames are compared in.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from citeres.model import Name

# Years: printed books from the incunabula on, and this century. A four-digit number
# outside the range is a page, a figure or a count, never a year.
YEAR_MIN, YEAR_MAX = 1400, 2099
YEAR = r"(?:1[4-9]\d\d|20\d\d)"  # a regex fragment without groups, to build patterns from
YEAR_IN_TEXT = re.compile(rf"(?<!\d)({YEAR})(?:[a-z])?(?!\d)")  # `1998`, `1998a`


def is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and YEAR_MIN <= int(text) <= YEAR_MAX


def last_year(text: str) -> str | None:
    """The last year written in `text`: `London, 1950 [1923]` → `1923`."""
    years = YEAR_IN_TEXT.findall(text)
    return years[-1] if years else None


ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(numeral: str) -> int | None:
    """`xiv` → 14, `MCMXC` → 1990; None when `numeral` is not made of roman digits."""
    numeral = numeral.strip().lower()
    if not numeral or any(ch not in ROMAN for ch in numeral):
        return None
    total = 0
    for ch, after in zip(numeral, [*numeral[1:], ""], strict=True):
        value = ROMAN[ch]
        total += -value if after and ROMAN[after] > value else value
    return total


NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman_numeral(number: int) -> str:
    """14 → `xiv`, lower case; the inverse of roman_value for 1 and up."""
    numeral = ""
    for value, letters in NUMERALS:
        while number >= value:
            numeral, number = numeral + letters, number - value
    return numeral


def letters(number: int) -> str:
    """1 → `a`, 26 → `z`, 27 → `aa`, …: list labels and key suffixes, without end."""
    label = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def volume_number(volume: str | None) -> int | None:
    """`II` and `2` are the same volume; None when the volume is not a number."""
    if not volume or not volume.strip():
        return None
    text = volume.strip()
    return int(text) if text.isdigit() else roman_value(text)


def letter_class(categories: frozenset[str]) -> str:
    """The body of a regex character class (`A-ZÀ-Ö...`) of the Latin, Greek and Cyrillic
    letters in the given Unicode categories, as ranges."""
    blocks = (range(0x41, 0x7B), range(0xC0, 0x250), range(0x370, 0x530))
    points = [p for block in blocks for p in block if unicodedata.category(chr(p)) in categories]
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


# A capital letter, upper case only (`Łódź` starts with one, `łodz` does not), and a small one.
UPPER = letter_class(frozenset({"Lu", "Lt"}))
LOWER = letter_class(frozenset({"Ll"}))

# Short forms, in every language the parser knows: `Ibid.` (English, Latin `ibidem`, German
# `ebd.`/`ebenda`, Italian `ivi`, legal `Id.`, which needs its stop: `id` alone is a word)
# and `op. cit.` with its kin (`loc. cit.`, `art. cit.`, French `ouvr. cit.`, German
# `a.a.O.`). Italian `cit.` alone after a comma is the parser's to cut, as it needs the comma.
IBID = r"(?:ibidem|ibid|ebenda|ebd|ivi|id(?=\.))\b\.?"
OPCIT = r"(?:\b(?:op|loc|art|ouvr?)\.?\s*cit\b\.?|\ba\.\s?a\.\s?O\.)"
IDEM = frozenset({"idem", "eadem", "iidem", "eaedem"})  # `Idem, Another Title`: same author

# Titles and names are compared folded: ASCII, lower case, one space between words, the
# apostrophe inside a word dropped (`Stalin's Russia` → `stalins russia`).
STOP_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "from", "by", "with", "its"}
    | {"his", "her", "their", "or", "as", "into"}
    # French, Spanish, Italian and German articles and conjunctions
    | {"le", "la", "les", "l", "de", "des", "du", "un", "une", "el", "los", "las", "il", "lo"}
    | {"der", "die", "das", "den", "ein", "eine", "und"}
)
NON_WORD = re.compile(r"[^a-z0-9]+")
APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def ascii_fold(text: str) -> str:
    """Latin diacritics dropped, other scripts transliterated: `Gödel` → `Godel`."""
    return anyascii(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, for comparing."""
    text = APOSTROPHE.sub("", ascii_fold(text).lower())
    return NON_WORD.sub(" ", text).strip()


def slug(text: str) -> str:
    """The folded text without spaces, for keys: `Lenin's Last` → `leninslast`."""
    return fold(text).replace(" ", "")


@lru_cache(maxsize=65536)
def significant_words(text: str) -> tuple[str, ...]:
    """The folded words that tell titles apart: articles and particles left out."""
    return tuple(w for w in fold(text).split() if w not in STOP_WORDS)


def surname_key(name: Name) -> str:
    """The part of a name that identifies it across spellings of the given names."""
    return fold(name.family)


@lru_cache(maxsize=16384)
def surname_set(names: tuple[Name, ...]) -> frozenset[str]:
    return frozenset(surname_key(n) for n in names)
