"""Whole seeds: `extract --format json` against tests/golden/<seed number>.json, each
reviewed by hand. A golden file is found by glob; adding one adds a case.

Regenerate only on purpose: `CITERES_REGOLD=1 python -m pytest tests/test_golden.py`, then
review the diff line by line before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


def seed_of(golden: Path) -> str:
    (seed,) = (ROOT / "seeds").glob(f"{golden.stem}_*.txt")
    return seed.relative_to(ROOT).as_posix()


def extract(monkeypatch, seed: str) -> dict:
    monkeypatch.chdir(ROOT)  # the JSON names the path as given
    result = CliRunner().invoke(app, ["extract", seed, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.stem for g in GOLDEN])
def test_seed_matches_its_golden_file(monkeypatch, golden: Path) -> None:
    got = extract(monkeypatch, seed_of(golden))
    if os.environ.get("CITERES_REGOLD") == "1":
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    (doc,) = got["documents"]
    (want,) = expected["documents"]
    # Compare piecewise so a failure names the citation that changed.
    for g, w in zip(doc["citations"], want["citations"], strict=False):
        assert g == w, f"citation at line {w['line']} (note {w['note']})"
    assert len(doc["citations"]) == len(want["citations"])
    assert doc["problems"] == want["problems"]
    assert got["works"] == expected["works"]
    assert got == expected


def test_there_are_golden_files() -> None:
    assert {g.stem for g in GOLDEN} >= {"001", "003"}
