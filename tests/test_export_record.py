"""The `.citeres/` records: whatever a file holds, a damaged record is a `record-damaged`
warning and a complete build that loses nothing; what is valid in it is still used."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from export_works import ANALYSIS
from typer.testing import CliRunner

from citeres.cli import app
from citeres.export import Format, write_bibliography
from citeres.export.record import bib_record_path, read_bib_record, read_works_record

FORMATS = (Format.BIBTEX, Format.CSLJSON, Format.RIS)
TITLE = "title = {The Bolshevik Revolution 1917–1923},\n  volume = {I},"
EDITED = "title = {The Bolshevik Revolution, 1917--1923},\n  volume = {I},"


def build(folder: Path) -> list[tuple[str, str]]:
    return [(p.kind, p.message) for p in write_bibliography(folder, ANALYSIS, FORMATS)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A built folder whose references.bib has one title edited by hand."""
    out = tmp_path / "bib"
    build(out)
    bib = out / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(TITLE, EDITED), encoding="utf-8")
    return out


def record_of(folder: Path) -> Path:
    return bib_record_path(folder / "references.bib")


DAMAGE = {
    "a list": "[1, 2, 3]",
    "entries a string": '{"version": 1, "entries": "carr1950bolshevik"}',
    "entries a number": '{"version": 1, "entries": 5}',
    "an entry a string": '{"version": 1, "entries": {"carr1950bolshevik": "x"}}',
    "a field a number": '{"version": 1, "entries": {"carr1950bolshevik": {"@type": "book", '
    '"title": 5}}}',
    "version a string": '{"version": "1", "entries": {}}',
    "version true": '{"version": true, "entries": {}}',
    "deep nesting": "[" * 100_000 + "]" * 100_000,
    "deep nesting in an entry": '{"version": 1, "entries": {"k": ' + "[" * 50_000 + "]" * 50_000
    + "}}",
    "truncated": '{"version": 1, "entries": {"carr1950bolshevik": {"@type": "bo',
    "conflict markers": '<<<<<<< HEAD\n{"version": 1, "entries": {}}\n=======\n'
    '{"version": 1, "entries": {"x": {"@type": "book"}}}\n>>>>>>> other\n',
    "not UTF-8": b"\xff\xfe\x00garbage",
    "empty": "",
    "null": "null",
    "another file's": '{"version": 1, "file": "other.bib", "entries": {}}',
}  # fmt: skip


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_record_warns_and_the_build_loses_nothing(
    folder: Path, damage: str | bytes
) -> None:
    path = record_of(folder)
    path.write_bytes(damage.encode() if isinstance(damage, str) else damage)
    bib = folder / "references.bib"
    edited = bib.read_text(encoding="utf-8")
    problems = build(folder)
    assert [k for k, _ in problems if k == "record-damaged"] == ["record-damaged"]
    assert bib.read_text(encoding="utf-8") == edited  # every field counted as the user's
    assert "The Bolshevik Revolution, 1917–1923" in (folder / "references.json").read_text()
    assert read_bib_record(folder / "references.bib").problems == ()  # written afresh
    assert {kind for kind, _ in build(folder)} == {"hand-edit-kept"}  # healed


def test_a_record_with_one_damaged_entry_keeps_the_others(folder: Path) -> None:
    path = record_of(folder)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["odd"] = {"@type": "misc", "title": ["not", "text"]}
    data["entries"]["king1964why"]["publisher"] = "{Harper \\& Row}"  # still valid
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = build(folder)
    damaged = [m for k, m in problems if k == "record-damaged"]
    assert len(damaged) == 1 and "1 entries unusable (odd)" in damaged[0]
    # the valid part still tells citeres' own fields from the user's: only the edit is kept
    kept = [m for k, m in problems if k == "hand-edit-kept"]
    assert any(m.startswith("carr1950bolshevik: field title edited") for m in kept)
    assert not any(m.startswith("king1964why") for m in kept)


def test_a_damaged_works_record_drops_no_entry(tmp_path: Path) -> None:
    folder = tmp_path / "bib"
    build(folder)
    (folder / ".citeres" / "works.json").write_text("{broken", encoding="utf-8")
    one = ANALYSIS.documents[:1]
    cited = {c.work for c in one[0].citations}
    fewer = dataclasses.replace(
        ANALYSIS, documents=one, works=tuple(w for w in ANALYSIS.works if w.key in cited)
    )
    problems = write_bibliography(folder, fewer, FORMATS)
    assert "record-damaged" in [p.kind for p in problems]
    text = (folder / "references.bib").read_text(encoding="utf-8")
    assert all(f"{{{w.key}," in text for w in ANALYSIS.works)  # not one entry lost
    assert read_works_record(folder).problems == ()


def test_build_with_a_damaged_record_is_one_warning_and_exit_0(tmp_path: Path) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(
        "Carr wrote.1\n\nNotes\n\n1. E.H. Carr, The Bolshevik Revolution, Vol. I, "
        "London: Macmillan, 1950, p. 5.\n",
        encoding="utf-8",
    )
    out = tmp_path / "bib"
    args = ["build", "--no-enrich", str(essay), "-o", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    record_of(out).write_text('{"version": 1, "entries": {"carr1950bolshevik": 7}}')
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    damaged = "references.bib.json:1:1: warning: record-damaged: record partly damaged"
    assert damaged in result.output
