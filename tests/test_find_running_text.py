"""Properties of every running-text finder, and the seeds against the hand-labelled gold."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeres.find import attribution, parenthetical, prose, reading, urls
from citeres.model import Document

ROOT = Path(__file__).resolve().parent.parent
FINDERS = [parenthetical.find, prose.find, reading.find, urls.find, attribution.find]
FINDERS += [attribution.find_sayings]
# Text made of the pieces the finders look for, so the properties reach deep into them.
PIECES = st.sampled_from(
    [
        "(",
        ")",
        ", ",
        "; ",
        ": ",
        ". ",
        "\n",
        "\n\n",
        " ",
        "’s ",
        "'s ",
        " by ",
        " and ",
        "p. 12",
        "pp. 3–4",
        "1998",
        "(1998)",
        "Smith",
        "S. A. Smith",
        "Red Petrograd",
        "The Road to Power",
        "his book ",
        "a pamphlet called ",
        "see ",
        "According to ",
        "“",
        "”",
        "‘",
        "’",
        " – ",
        "—",
        "[1]",
        "[2]",
        "https://example.org/a_(b).",
        "Further reading:",
        "References",
        "et al.",
        "of the",
        "Karl Kautsky",
        " says ",
        " argued that ",
        "Mr. ",
        "“I see,” ",
        ":\n\n",
        "(White, 1973)",
        "References\n\nSmith, Ann (1998). A Book. ",
        "\u00a0",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_finders_never_raise_and_spans_are_sound(text: str) -> None:
    document = Document.from_text("t.txt", text)
    for find in FINDERS:
        mentions, problems = find(document)
        spans = sorted((m.start, m.end) for m in mentions)
        for mention in mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.raw
            assert 1 <= mention.line <= document.line_count
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, f"{find.__module__} overlaps"
        for problem in problems:
            assert 1 <= problem.line <= document.line_count


@pytest.mark.parametrize("gold", sorted((ROOT / "tests" / "gold").glob("*_labels.json")))
def test_seed_meets_the_gold_labels(gold: Path) -> None:
    """Precision on the labelled seeds stays high; recall is measured, not forced."""
    script = ROOT / "benchmarks" / "finders_eval.py"
    out = subprocess.run(
        [sys.executable, str(script), str(gold)], capture_output=True, text=True, check=True
    ).stdout
    total = next(line for line in out.splitlines() if line.startswith("all "))
    precision, recall = (float(x) for x in total.split()[-2:])
    assert precision >= 0.9
    assert recall >= 0.8
    assert json.loads(gold.read_text(encoding="utf-8"))["labels"]
