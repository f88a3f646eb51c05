"""Field F1: values compared after folding case, accents and punctuation; authors by their
surnames in order, years by the 4-digit year, pages by their digits."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from citeres.text import fold

FIELDS = (
    "author editor title container series volume issue edition year publisher address pages url doi"
).split()
BARS = {
    "author": 0.95,
    "title": 0.93,
    "year": 0.97,
    "container": 0.88,
    "publisher": 0.93,
    "address": 0.93,
    "volume": 0.90,
    "pages": 0.93,
}


def surnames(value: list[str]) -> tuple[str, ...]:
    return tuple(fold(name.split(",")[0]) for name in value if fold(name.split(",")[0]))


def key(field: str, value: Any) -> Any:
    """The comparable form of a field value, or None for no value."""
    if not value:
        return None
    if field in ("author", "editor"):
        return surnames(value) or None
    if field == "year":
        found = re.search(r"\d{4}", str(value))
        return found.group() if found else None
    if field == "pages":
        return tuple(re.findall(r"\d+", str(value))) or fold(str(value)) or None
    if field == "doi":
        return str(value).lower()
    return fold(str(value)) or None


def value(fields: dict[str, Any], field: str) -> Any:
    """Pages are scored whatever their role: a corpus's `pages` may be the pages cited."""
    if field == "pages":
        return fields.get("pages") or fields.get("locator")
    return fields.get(field)


class Score:
    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}

    def add(self, gold: dict[str, Any], ours: dict[str, Any]) -> None:
        for field in FIELDS:
            g, o = key(field, value(gold, field)), key(field, value(ours, field))
            c = self.counts[field]
            if g is not None and g == o:
                c["tp"] += 1
            else:
                c["fp"] += o is not None
                c["fn"] += g is not None

    def f1(self, field: str) -> float | None:
        c = self.counts[field]
        if not (c["tp"] + c["fn"]):
            return None
        p = c["tp"] / max(c["tp"] + c["fp"], 1)
        r = c["tp"] / (c["tp"] + c["fn"])
        return 2 * p * r / (p + r) if p + r else 0.0

    def support(self, field: str) -> int:
        return self.counts[field]["tp"] + self.counts[field]["fn"]


def score(
    cases: Iterable[tuple[str, dict[str, Any]]], parse: Callable[[str], dict[str, Any]]
) -> Score:
    result = Score()
    for text, gold in cases:
        result.add(gold, parse(text))
    return result
