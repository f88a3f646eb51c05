"""Field F1 of the reference parser on the evaluation sets: citeres' parser (the trained
tagger with the exact rules of citeres/parse/exact.py, as `extract`, `build` and `parse` use
it), the tagger's labels alone, and citeres 0.1's rule parser (removed; its figures are
pinned in parser_eval_old.json, measured by this script on main at 40e06d3).

    CITERES_SHARED=../shared python benchmarks/parser_eval.py [--limit N] [--show FIELD]

Reads, in place, AnyStyle's gold set (res/parser/gold.xml) and LinkedBooks' clean_test.txt
from `$CITERES_SHARED/external` (default: ../shared next to the repository). The gold fields
are the labelled spans through the same normalisers as the model's; values are compared
after folding case, accents and punctuation (authors by surnames in order, years by the
4-digit year, pages by their digits, whether pages cited or the work's own range).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citeres.model import Work
from citeres.parse import tagger
from citeres.parse.lines import work_of
from citeres.parse.reference import parse_reference
from citeres.parse.spans import fields_of, spans_of
from citeres.parse.tokens import tokenize
from citeres.report import work_json
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


OLD = json.loads((Path(__file__).parent / "parser_eval_old.json").read_text("utf-8"))["sets"]


def citeres_parse(text: str) -> dict[str, Any]:
    """The parse citeres makes of a reference, in the work shape."""
    parsed = parse_reference(text)
    work: Work = work_of("", parsed.reference)
    return {**work_json(work), "locator": parsed.pages}


def model_parse(text: str) -> dict[str, Any]:
    """The tagger's labels alone, each span through its normaliser: no exact rule."""
    tokens, labels = tagger.tag(text)
    return fields_of(spans_of(text, tokens, labels)) if tokens else {}


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
        ours = citeres_parse(text)
        if key(field, value(gold, field)) != key(field, value(ours, field)):
            print(f"  {field}: gold={value(gold, field)!r} ours={value(ours, field)!r}")
            print(f"    {text[:200]}")
            limit -= 1
            if not limit:
                return


def report(name: str, cases: list[Case]) -> None:
    tagger.field_model()  # loading the model is start-up, not parsing
    new, new_rate = run(cases, citeres_parse)
    model, _ = run(cases, model_parse)
    old = OLD.get(name, {})
    print(f"\n{name}: {len(cases)} references")
    print(f"{'field':<10} {'n':>5} {'citeres':>8} {'model':>7} {'0.1':>7} {'bar':>5}")
    for field in FIELDS:
        if not new.support(field):
            continue
        bar = f"{BARS[field]:.2f}" if field in BARS and name.startswith("AnyStyle") else ""
        f_new, f_model = new.f1(field) or 0.0, model.f1(field) or 0.0
        f_old = f"{old[field]:.3f}" if field in old else "-"
        line = f"{field:<10} {new.support(field):>5} {f_new:>8.3f} {f_model:>7.3f} {f_old:>7}"
        print(f"{line} {bar:>5}")
    rate = f"{old['references/s']:,}" if "references/s" in old else "-"
    print(f"references/s: citeres {new_rate:,.0f}, 0.1 {rate} (one core, cold caches)")


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
