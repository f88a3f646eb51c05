"""Seed 003, whole: `extract --format json` against tests/golden/003.json, reviewed by hand.

Regenerate only on purpose: `CITERES_REGOLD=1 python -m pytest tests/test_golden.py`, then
review the diff line by line before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from citeres.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "003.json"
SEED = "seeds/003_6b9c40ab48327787.txt"


def extract(monkeypatch) -> dict:
    monkeypatch.chdir(ROOT)  # the JSON names the path as given
    result = CliRunner().invoke(app, ["extract", SEED, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_seed_003_matches_the_golden_file(monkeypatch) -> None:
    got = extract(monkeypatch)
    if os.environ.get("CITERES_REGOLD") == "1":
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    (doc,) = got["documents"]
    (want,) = expected["documents"]
    # Compare piecewise so a failure names the note that changed.
    got_notes = [c for c in doc["citations"] if c["note"] is not None]
    want_notes = [c for c in want["citations"] if c["note"] is not None]
    for g, w in zip(got_notes, want_notes, strict=False):
        assert g == w, f"note {w['note']} (line {w['line']})"
    assert len(got_notes) == len(want_notes)
    assert doc["problems"] == want["problems"]
    assert got["works"] == expected["works"]
    assert got == expected
