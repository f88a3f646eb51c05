"""The resolver's index: citations filed so that each short form is compared with the few
that could be its work (those `resolve.matches` or `resolve.same_work` could hold for),
not with every citation before it.

Citations are shelved by author (two references that both name authors must share a
surname), and a shelf that grows long is indexed by title: under its significant words,
its main title's, each head and tail a short title could keep, and each spelling one slip
away from it (see text.title_matches), so a title that matches meets it under some key.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache

from citeres.identity import fold, significant_words, surname_set, volume_number
from citeres.model import Reference
from citeres.text import main_title

Key = tuple[object, ...]
ANYONE = ("anyone",)  # the shelf of every titled citation
NO_AUTHOR = ("no author",)  # titled citations that name no author
FEW = 64  # buckets holding as many indices in all are merged by sorting
SHORT_SHELF = 32  # a shelf this long is read whole; a longer one by its title index
SLIP_LENGTH = 5  # text.one_slip: a slip of the pen is seen only in words of five letters


class Titles:
    """Titled citations of one author (or of none, or of anyone), in the order filed;
    indexed by title once there are more than SHORT_SHELF, and only when asked."""

    def __init__(self) -> None:
        self.members: list[int] = []
        self.titles: list[str] = []
        self.indexed = 0  # members[:indexed] are in the indexes
        self.as_full: dict[Key, list[int]] = defaultdict(list)  # under filed(title)
        self.as_short: dict[Key, list[int]] = defaultdict(list)  # under asked(title)

    def add(self, j: int, title: str) -> None:
        self.members.append(j)
        self.titles.append(title)

    def holding(self, title: str, both_ways: bool) -> list[list[int]]:
        """Buckets holding every member whose title `title` could name as a short form
        and, `both_ways`, every member whose title could name `title`."""
        if len(self.members) <= SHORT_SHELF:
            return [self.members]
        if self.indexed < len(self.members):
            self.index_the_rest()
        found = [self.as_full[k] for k in asked(title) if k in self.as_full]
        if both_ways:
            found += [self.as_short[k] for k in filed(title) if k in self.as_short]
        return found

    def index_the_rest(self) -> None:
        for j, title in zip(self.members[self.indexed :], self.titles[self.indexed :], strict=True):
            for key in filed(title):
                self.as_full[key].append(j)
            for key in asked(title):
                self.as_short[key].append(j)
        self.indexed = len(self.members)


class Shelf:
    """Citation indices in the order they were filed, by what could match them."""

    def __init__(self) -> None:
        self.titled: dict[Key, Titles] = defaultdict(Titles)  # by author tag
        self.named: dict[Key, list[int]] = defaultdict(list)  # by surname (and volume)
        self.urls: dict[str, list[int]] = defaultdict(list)

    def file(self, j: int, ref: Reference) -> None:
        """File citation j (indices must be filed in increasing order)."""
        if ref.url:
            self.urls[ref.url].append(j)
        surnames = surname_set(ref.authors + ref.editors)
        if ref.title:
            tags = [("s", s) for s in surnames] if ref.authors else [NO_AUTHOR]
            for tag in (*tags, ANYONE):
                self.titled[tag].add(j, ref.title)
        if surnames:  # an edited book is cited by its editor: `(Jopp 1991)`
            number = volume_number(ref.volume)
            for s in surnames:
                self.named[("a", s)].append(j)
                self.named[("av", s, number)].append(j)
                self.named[("ay", s, ref.year or None)].append(j)

    def matching(self, short: Reference) -> list[list[int]]:
        """Buckets holding every filed reference `short` could match (resolve.matches)."""
        if short.url:
            return [self.urls[short.url]] if short.url in self.urls else []
        if short.title:
            return [b for t in asking_tags(short) for b in self.holding(t, short.title)]
        if short.authors:
            surnames = surname_set(short.authors + short.editors)
            if short.volume:
                number = volume_number(short.volume)
                return self.get([("av", s, number) for s in surnames])
            if short.year:  # `(Smith 1998)`: works of that year, or of none
                return self.get([("ay", s, y) for s in surnames for y in (short.year, None)])
            return self.get([("a", s) for s in surnames])
        return []

    def same(self, ref: Reference) -> list[list[int]]:
        """Buckets holding every filed reference that could be the same work as `ref`
        (resolve.same_work, whose title test runs both ways)."""
        found = [self.urls[ref.url]] if ref.url in self.urls else []
        if ref.title:
            found += [b for t in asking_tags(ref) for b in self.holding(t, ref.title, True)]
        return found

    def holding(self, tag: Key, title: str, both_ways: bool = False) -> list[list[int]]:
        titles = self.titled.get(tag)
        return titles.holding(title, both_ways) if titles else []

    def get(self, keys: list[Key]) -> list[list[int]]:
        return [self.named[k] for k in keys if k in self.named]


def in_order(
    buckets: Sequence[list[int]], after: int = -1, descending: bool = False
) -> Iterator[int]:
    """Each index of the buckets once, ascending (or descending), above `after`."""
    if sum(map(len, buckets)) <= FEW:  # the common case, where sorting beats merging
        few = sorted(set().union(*buckets), reverse=descending)
        return iter(few if after < 0 else [j for j in few if j > after])
    return merged(buckets, after, descending)


def merged(buckets: Sequence[list[int]], after: int, descending: bool) -> Iterator[int]:
    if descending:
        stream: Iterator[int] = heapq.merge(*map(reversed, buckets), reverse=True)
    else:
        # Lazily from the first index above `after`: the caller often stops early.
        runs = [map(b.__getitem__, range(bisect.bisect_right(b, after), len(b))) for b in buckets]
        stream = runs[0] if len(runs) == 1 else heapq.merge(*runs)
    last = None
    for j in stream:
        if j != last:
            yield j
            last = j


def asking_tags(ref: Reference) -> list[Key]:
    """Whose titles a reference can match: a reference that names authors, those of the
    authors it shares a surname with and those naming none; one that names none, anyone's."""
    if not ref.authors:
        return [ANYONE]
    return [*(("s", s) for s in surname_set(ref.authors + ref.editors)), NO_AUTHOR]


@lru_cache(maxsize=65536)
def asked(short: str) -> tuple[Key, ...]:
    """Keys of a title as a short form: its significant words, and its spellings with
    each long word left out (for a slip of the pen in that word)."""
    return (("w", significant_words(short)), *slips(fold(short).split()))


@lru_cache(maxsize=65536)
def filed(full: str) -> tuple[Key, ...]:
    """Keys of a title as a full form, one of which a short form that text.title_matches
    it shares: the significant words of the title and of its main title, the heads and
    tails a short title keeps, and the slips of the title and of its main title."""
    words = significant_words(full)
    keys: set[Key] = {("w", words), ("w", significant_words(main_title(full)))}
    keys.update(("w", words[:n]) for n in range(1, len(words)))
    keys.update(("w", words[-n:]) for n in range(2, len(words)))
    keys.update(slips(fold(full).split()))
    keys.update(slips(fold(main_title(full)).split()))
    return tuple(keys)


def slips(words: list[str]) -> list[Key]:
    """Keys two titles share when they differ by one slip in one word (text.near_spelling):
    the other words in place; for a title of one word, the word with a letter left out."""
    if len(words) == 1:
        word = words[0]
        if len(word) < SLIP_LENGTH:
            return []
        return [("1", word), *(("1", word[:i] + word[i + 1 :]) for i in range(len(word)))]
    return [
        ("n", i, (*words[:i], *words[i + 1 :]))
        for i, word in enumerate(words)
        if len(word) >= SLIP_LENGTH
    ]
