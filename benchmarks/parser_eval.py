"""Field accuracy of the reference parser on real labelled references (optional).

Reads AnyStyle's gold set in place from ../shared/external when it is there (it is not part
of the project) and prints, per field, how often citeres agrees with the human labels.

    python benchmarks/parser_eval.py [path/to/gold.xml] [--limit N] [--show FIELD]
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from citeres.identity import YEAR_IN_TEXT, fold
from citeres.parse.reference import parse_reference
from citeres.text import similarity

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared/external/anystyle/c6f5fb2/res/parser/gold.xml"
)


def sequences(path: Path) -> list[list[tuple[str, str]]]:
    root = ET.parse(path).getroot()
    return [[(child.tag, (child.text or "").strip()) for child in seq] for seq in root]


def gold_fields(parts: list[tuple[str, str]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag, text in parts:
        fields.setdefault(tag, text)
    return fields


def agree(field: str, gold: str | None, ours: str | None) -> bool | None:
    """None when the gold has no such field and we found none either (not counted)."""
    if not gold:
        return None if not ours else False
    if not ours:
        return False
    if field == "year":
        match = YEAR_IN_TEXT.search(gold)
        return bool(match) and match.group(1) == ours
    if field == "author":
        return fold(ours) in fold(gold).split()
    return similarity(gold.strip(" .,:;“”\"'"), ours) >= 0.85


def evaluate(path: Path, limit: int | None, show: str | None) -> None:
    scores: dict[str, Counter[bool]] = {}
    for parts in sequences(path)[:limit]:
        raw = " ".join(text for tag, text in parts if tag != "citation-number")
        gold = gold_fields(parts)
        ref = parse_reference(raw).reference
        ours = {
            "author": ref.authors[0].family if ref.authors else None,
            "title": ref.title,
            "year": ref.year,
            "container": ref.container,
            "publisher": ref.publisher,
            "location": ref.place,
        }
        gold_container = gold.get("journal") or gold.get("container-title")
        golds = {
            **gold,
            "year": gold.get("date"),
            "container": re.sub(r"^in:?\s+", "", gold_container or "", flags=re.I),
        }
        for field, value in ours.items():
            verdict = agree(field, golds.get(field), value)
            if verdict is not None:
                scores.setdefault(field, Counter())[verdict] += 1
            if show == field and verdict is False:
                print(f"  {field}: gold={golds.get(field)!r} ours={value!r}\n    {raw[:160]}")
    print(f"{'field':<10} {'agree':>6} {'of':>6} {'rate':>6}")
    for field, counts in scores.items():
        total = counts[True] + counts[False]
        print(f"{field:<10} {counts[True]:>6} {total:>6} {counts[True] / total:>6.1%}")


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv and not argv[0].startswith("--") else DEFAULT
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    show = argv[argv.index("--show") + 1] if "--show" in argv else None
    if not path.exists():
        sys.exit(f"no labelled data at {path}; pass the path of an AnyStyle XML file")
    evaluate(path, limit, show)


if __name__ == "__main__":
    main(sys.argv[1:])
