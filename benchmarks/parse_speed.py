"""Throughput of the learned reference parser on one core.

    python benchmarks/parse_speed.py [FILE]

FILE holds one reference per line; without it, AnyStyle's gold strings and LinkedBooks'
test references are read in place from `$CITERES_SHARED/external` (or ../shared). Prints the
model load time, references/s on distinct strings (every parse computed) and references/s
when the strings come again (the cache per distinct string).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from citeres.parse import tagger


def references(argv: list[str]) -> list[str]:
    if argv:
        return [line for line in Path(argv[0]).read_text("utf-8").splitlines() if line.strip()]
    from training.corpora import read_anystyle
    from training.linkedbooks import read_file, reference_examples
    from training.train_parser import ANYSTYLE, LINKEDBOOKS, shared_external

    ext = shared_external()
    gold = [e.text for e in read_anystyle(ext / ANYSTYLE / "gold.xml", "gold")]
    rows = read_file(ext / LINKEDBOOKS / "dataset/clean_test.txt")
    return gold + [e.text for e in reference_examples(rows, context=False)]


def rate(texts: list[str]) -> str:
    """References/s by the wall clock, and by this process's CPU time (what one core does
    when other work shares the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        tagger.parse(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return f"{len(texts) / wall:,.0f} references/s ({len(texts) / cpu:,.0f} per CPU second)"


def main(argv: list[str]) -> None:
    texts = list(dict.fromkeys(references(argv)))
    started = time.perf_counter()
    tagger.field_model()
    print(f"model loaded in {time.perf_counter() - started:.2f} s")
    print(f"{len(texts)} distinct references: {rate(texts)}")
    print(f"the same again, from the cache: {rate(texts)}")


if __name__ == "__main__":
    main(sys.argv[1:])
