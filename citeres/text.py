"""Spacing and similarity: whether two titles or names are alike (folding is identity.py's)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from citeres.identity import fold, significant_words

_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"[^\S ]")


def squash(text: str) -> str:
    """Collapse runs of white space (non-breaking ones too) into one space."""
    if "  " not in text and not _ODD_SPACE.search(text):
        return text.strip()  # the common case, without building a new string
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """0..1 likeness of two folded strings."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    return SequenceMatcher(None, fa, fb).ratio()


@lru_cache(maxsize=65536)
def main_title(title: str) -> str:
    """The title before its subtitle: `Stalin: An Appraisal` → `Stalin`."""
    return re.split(r"[:.;]\s|\s[-–—]\s", title, maxsplit=1)[0].strip()


@lru_cache(maxsize=65536)
def title_matches(short: str, full: str) -> bool:
    """Whether `short` names the same title as `full`: equal, its main title, a
    contraction (`Goldman Speaks` / `Emma Goldman Speaks`) or a near spelling."""
    s, f = fold(short), fold(full)
    if not s or not f:
        return False
    if s == f or s == fold(main_title(full)):
        return True
    sw, fw = significant_words(short), significant_words(full)
    if sw == fw:
        return True
    # A short title keeps the head (`Age of Revolution`, `Memoirs`) or the tail of the full one
    # (`Goldman Speaks` for `Emma Goldman Speaks`); a scatter of its words is not enough.
    if (
        sw
        and len(sw) < len(fw)
        and (fw[: len(sw)] == sw or (len(sw) >= 2 and fw[-len(sw) :] == sw))
    ):
        return True
    return near_spelling(s, f) or near_spelling(s, fold(main_title(full)))


def near_spelling(a: str, b: str) -> bool:
    """Word for word the same but for one slip of a letter in a long word
    (`Bolshevicks`); `Armed` and `Unarmed` are different words, not a slip."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(differing) == 1 and one_slip(*differing[0])


def one_slip(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped, in a word of 5+."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def same_words(short: str, full: str) -> bool:
    """The same title but for articles, case and punctuation, or the main title alone."""
    words = significant_words(short)
    return words in (significant_words(full), significant_words(main_title(full)))
