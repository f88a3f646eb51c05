"""`citeres build`: which files each --format writes, --per-document, merge and --overwrite."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app

SEED = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]


def build(*args: str) -> tuple[int, str]:
    # --no-enrich: these tests are about the files written, not the catalogues.
    result = CliRunner().invoke(app, ["build", "--no-enrich", *args], terminal_width=100)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def essay(tmp_path: Path) -> Path:
    target = tmp_path / "essays" / SEED.name
    target.parent.mkdir()
    shutil.copy(SEED, target)
    return target


def test_default_formats_and_reports(essay: Path, tmp_path: Path) -> None:
    out = tmp_path / "bib"
    code, _ = build(str(essay), "-o", str(out))
    assert code == 0
    names = {p.name for p in out.iterdir() if p.is_file()}
    assert names == {"references.bib", "references.json", "references.ris", "report.md",
                     "report.html"}  # fmt: skip
    assert json.loads((out / "references.json").read_text(encoding="utf-8"))


def test_format_list_and_per_document(essay: Path, tmp_path: Path) -> None:
    out = tmp_path / "bib"
    code, _ = build(str(essay), "-o", str(out), "--format", "biblatex,ris", "--per-document")
    assert code == 0
    assert (out / "references-biblatex.bib").is_file() and not (out / "references.bib").exists()
    assert (out / essay.stem / "references-biblatex.bib").is_file()
    assert (out / essay.stem / "references.ris").is_file()


def test_unknown_format_is_a_usage_error(essay: Path, tmp_path: Path) -> None:
    code, output = build(str(essay), "-o", str(tmp_path / "bib"), "--format", "bibtex,word")
    assert code == 2
    assert "unknown format 'word'" in output


def test_hand_edits_survive_rebuilds_until_overwrite(essay: Path, tmp_path: Path) -> None:
    out = tmp_path / "bib"
    build(str(essay), "-o", str(out))
    bib = out / "references.bib"
    original = bib.read_text(encoding="utf-8")
    edited = original.replace("  title = {", "  title = {Hand-edited ", 1)
    assert edited != original
    bib.write_text(edited, encoding="utf-8")
    for _ in range(2):
        code, output = build(str(essay), "-o", str(out))
        assert code == 0
        assert bib.read_text(encoding="utf-8") == edited
        assert "hand-edit-kept" in output
    build(str(essay), "-o", str(out), "--overwrite")
    assert bib.read_text(encoding="utf-8") == original


def test_an_output_folder_that_cannot_be_one_is_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "bib").write_text("a file where the folder should be", encoding="utf-8")
    missing = tmp_path / "no-such-essay.txt"  # the input is not even looked at
    code, output = build(str(missing), "-o", str(tmp_path / "bib"))
    assert code == 2
    assert output.strip().splitlines() == [
        f"citeres: error: cannot write {tmp_path / 'bib'}: {tmp_path / 'bib'} is not a folder"
    ]


def test_temporary_files_of_a_killed_build_are_removed(essay: Path, tmp_path: Path) -> None:
    out = tmp_path / "bib"
    build(str(essay), "-o", str(out))
    stale = [out / ".references.bib.x1y2z3ab.tmp", out / ".report.html.k_9x0a2b.tmp",
             out / ".citeres" / ".works.json.abcdefgh.tmp"]  # fmt: skip
    other = out / ".notes.txt.abcdefgh.tmp"  # not a file citeres writes: not its own
    for path in [*stale, other]:
        path.write_text("half written", encoding="utf-8")
        os.utime(path, (1_000_000_000, 1_000_000_000))
    code, _ = build(str(essay), "-o", str(out))
    assert code == 0
    assert [p for p in stale if p.exists()] == [] and other.exists()
