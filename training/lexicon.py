"""Word lists learned from the training data only: given names, surnames, and the words
that mostly stand in one field (publishers, places, journals, months, editions, ...)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from citeres.parse.names import parse_names
from citeres.parse.spans import spans_of
from citeres.parse.tokens import tokenize

# list name → the labels whose words it learns
FIELD_LISTS = {
    "publisher": ("publisher",),
    "place": ("location",),
    "journal": ("container",),
    "month": ("date",),
    "edition": ("edition",),
    "series": ("collection",),
    "pages": ("pages", "locator"),
    "volume": ("volume", "issue"),
    "short": ("short-form",),
    "comment": ("commentary",),
    "role": ("editor", "translator"),
}
MIN_COUNT, MIN_SHARE, MAX_WORDS = 3, 0.6, 2500


def learn(sequences: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, list[str]]:
    """`sequences`: (text, one label per token). Lists of lower-case words."""
    by_label: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for text, labels in sequences:
        tokens = tokenize(text)
        for token, label in zip(tokens, labels, strict=True):
            if token.text.isalpha():
                low = token.text.lower()
                total[low] += 1
                by_label.setdefault(label, Counter())[low] += 1
        for span in spans_of(text, tokens, labels):
            if span.label in ("author", "editor", "translator"):
                count_names(span.text, given, family)
    lists = {}
    for name, labels in FIELD_LISTS.items():
        counts: Counter[str] = Counter()
        for label in labels:
            counts.update(by_label.get(label, Counter()))
        lists[name] = top(
            w for w, n in counts.items() if n >= MIN_COUNT and n >= MIN_SHARE * total[w]
        )(counts)
    lists["given"] = top(w for w, n in given.items() if n >= 2 and n > family[w])(given)
    lists["surname"] = top(w for w, n in family.items() if n >= 2 and n > given[w])(family)
    return lists


def top(words: Iterable[str]):  # type: ignore[no-untyped-def]
    chosen = set(words)

    def by_count(counts: Counter[str]) -> list[str]:
        best = sorted(chosen, key=lambda w: (-counts[w], w))[:MAX_WORDS]
        return sorted(best)

    return by_count


def count_names(text: str, given: Counter[str], family: Counter[str]) -> None:
    for name in parse_names(text):
        if name.corporate:
            continue
        family.update(w.lower() for w in name.family.split() if len(w) > 1 and w.isalpha())
        given.update(w.lower() for w in name.given.split() if len(w) > 1 and w.isalpha())


def write(lists: dict[str, list[str]], path: Path) -> None:
    path.write_text(json.dumps(lists, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
