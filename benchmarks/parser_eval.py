"""Field F1 of the reference parsers on the evaluation sets, new model beside the old rules.

    CITERES_SHARED=../shared python benchmarks/parser_eval.py [--limit N] [--show FIELD]

Reads, in place, AnyStyle's gold set (res/parser/gold.xml) and LinkedBooks' clean_test.txt
from `$CITERES_SHARED/external` (default: ../shared next to the repository). The gold fields
are the labelled spans through the same normalisers as the model's; values are compared
after folding case, accents and punctuation (authors by surnames in order, years by the
4-digit year, pages by their digits, whether pages cited or the work's own range).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citeres.parse import tagger
from citeres.parse.reference import parse_reference
from citeres.parse.spans import fields_of, spans_of
from citeres.parse.tokens import tokenize
from training.corpora import read_anystyle, split_issue, token_labels
from training.linkedbooks import read_file, reference_examples
from training.scoring import BARS, FIELDS, Score, key, value
from training.train_parser import ANYSTYLE, LINKEDBOOKS, shared_external

Case = tuple[str, dict[str, Any]]


def gold_cases(examples: Any) -> list[Case]:
    cases = []
    for example in examples:
        tokens, labels = token_labels(example)
        spans = spans_of(example.text, tokenize(example.text), split_issue(tokens, labels))
        cases.append((example.text, fields_of(spans)))
    return cases


def old_parse(text: str) -> dict[str, Any]:
    parsed = parse_reference(text)
    ref = parsed.reference
    return {
        "author": [n.inverted() for n in ref.authors],
        "editor": [n.inverted() for n in ref.editors],
        "title": ref.title,
        "container": ref.container,
        "volume": ref.volume,
        "issue": ref.issue,
        "edition": ref.edition,
        "year": ref.year,
        "publisher": ref.publisher,
        "address": ref.place,
        "pages": parsed.pages,
        "url": ref.url,
        "doi": ref.doi,
    }


def run(cases: list[Case], parse: Callable[[str], dict[str, Any]]) -> tuple[Score, float]:
    score = Score()
    started = time.perf_counter()
    outputs = [parse(text) for text, _ in cases]
    rate = len(cases) / (time.perf_counter() - started)
    for (_, gold), ours in zip(cases, outputs, strict=True):
        score.add(gold, ours)
    return score, rate


def show(cases: list[Case], field: str, limit: int = 40) -> None:
    for text, gold in cases:
        ours = tagger.parse(text)
        if key(field, value(gold, field)) != key(field, value(ours, field)):
            print(f"  {field}: gold={value(gold, field)!r} ours={value(ours, field)!r}")
            print(f"    {text[:200]}")
            limit -= 1
            if not limit:
                return


def report(name: str, cases: list[Case]) -> None:
    tagger.field_model()  # loading the model is start-up, not parsing
    new, new_rate = run(cases, tagger.parse)
    old, old_rate = run(cases, old_parse)
    print(f"\n{name}: {len(cases)} references")
    print(f"{'field':<10} {'n':>5} {'new F1':>7} {'old F1':>7} {'bar':>5}")
    for field in FIELDS:
        if not new.support(field):
            continue
        bar = f"{BARS[field]:.2f}" if field in BARS and name.startswith("AnyStyle") else ""
        f_new, f_old = new.f1(field) or 0.0, old.f1(field) or 0.0
        print(f"{field:<10} {new.support(field):>5} {f_new:>7.3f} {f_old:>7.3f} {bar:>5}")
    print(f"references/s: new {new_rate:,.0f}, old {old_rate:,.0f} (one core, cold caches)")


def main(argv: list[str]) -> None:
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    field = argv[argv.index("--show") + 1] if "--show" in argv else None
    ext = shared_external()
    gold = gold_cases(read_anystyle(ext / ANYSTYLE / "gold.xml", "gold"))[:limit]
    rows = read_file(ext / LINKEDBOOKS / "dataset/clean_test.txt")
    test = gold_cases(reference_examples(rows, context=False))[:limit]
    if field:
        show(gold, field)
        show(test, field)
        return
    report("AnyStyle gold.xml", gold)
    report("LinkedBooks clean_test.txt", test)


if __name__ == "__main__":
    main(sys.argv[1:])
