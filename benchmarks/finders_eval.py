"""Precision and recall of the running-text finders against hand-labelled seeds.

    python benchmarks/finders_eval.py [tests/gold/*_labels.json]

A found citation counts as right when a label has its kind and line, the same title
(folded) when the label names one, and the same first author's family name when both
name one. Citations from endnotes (they carry a note number) are not counted; URL
references are, though they carry their entry's number.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeres.find import find_all  # noqa: E402
from citeres.identity import fold  # noqa: E402
from citeres.model import Document, Kind, Mention  # noqa: E402

RUNNING_TEXT = {Kind.PARENTHETICAL, Kind.MENTION, Kind.FURTHER_READING, Kind.URL}
RUNNING_TEXT |= {Kind.ATTRIBUTION, Kind.AUTHOR_ONLY}


def agrees(label: dict, mention: Mention) -> bool:
    if label["kind"] != mention.kind.value or label["line"] != mention.line:
        return False
    reference = mention.reference
    if label.get("url"):
        return reference is not None and reference.url == label["url"]
    title = label.get("title")
    if title and (reference is None or fold(reference.title or "") != fold(title)):
        return False
    if label.get("author") and reference is not None and reference.authors:
        return fold(reference.authors[0].family) == fold(label["author"].split()[-1])
    return True


def evaluate(gold_path: Path, found: Counter, right: Counter, wanted: Counter) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = ROOT / gold["document"]
    document = Document.from_text(gold["document"], path.read_text(encoding="utf-8"))
    mentions, _ = find_all(document)
    mentions = [
        m for m in mentions if m.kind in RUNNING_TEXT and (m.note is None or m.kind == Kind.URL)
    ]
    labels = list(gold["labels"])
    for label in labels:
        wanted[label["kind"]] += 1
    for mention in mentions:
        found[mention.kind.value] += 1
        match = next((label for label in labels if agrees(label, mention)), None)
        if match is not None:
            labels.remove(match)
            right[mention.kind.value] += 1
        else:
            print(f"  false  {gold_path.name} {mention.line}: {mention.kind} {mention.raw[:60]!r}")
    for label in labels:
        print(f"  missed {gold_path.name} {label['line']}: {label['kind']} {label.get('title')!r}")


def main(paths: list[str]) -> None:
    golds = [Path(p) for p in paths] or sorted((ROOT / "tests" / "gold").glob("*_labels.json"))
    found: Counter = Counter()
    right: Counter = Counter()
    wanted: Counter = Counter()
    for gold in golds:
        evaluate(gold, found, right, wanted)
    print(f"{'kind':16} {'found':>6} {'right':>6} {'gold':>6} {'precision':>10} {'recall':>8}")
    for kind in sorted(set(found) | set(wanted)):
        precision = right[kind] / found[kind] if found[kind] else 1.0
        recall = right[kind] / wanted[kind] if wanted[kind] else 1.0
        print(
            f"{kind:16} {found[kind]:6} {right[kind]:6} {wanted[kind]:6} "
            f"{precision:10.2f} {recall:8.2f}"
        )
    total_found, total_right, total_wanted = (sum(c.values()) for c in (found, right, wanted))
    print(
        f"{'all':16} {total_found:6} {total_right:6} {total_wanted:6} "
        f"{total_right / max(total_found, 1):10.2f} {total_right / max(total_wanted, 1):8.2f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
