"""Runs of different documents into one folder: an entry goes only when the documents that
cited it are built again and no longer cite it; the others' entries stay in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.export.record import read_works_record

CARR = "1. E.H. Carr, The Bolshevik Revolution, Vol. I, London: Macmillan, 1950, p. 5.\n"
MEYER = "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
LEWIN = "1. Moshe Lewin, Lenin's Last Struggle, New York: Vintage Books, 1970, p. 4.\n"


def essay(path: Path, *notes: str) -> Path:
    body = " ".join(f"Text.{n + 1}" for n in range(len(notes)))
    path.write_text(f"{body}\n\nNotes\n\n{''.join(notes)}", encoding="utf-8")
    return path


def build(*args: str | Path) -> str:
    result = CliRunner().invoke(app, ["build", "--no-enrich", *map(str, args)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def keys(out: Path) -> dict[str, set[str]]:
    """The keys in each output file."""
    bib = (out / "references.bib").read_text(encoding="utf-8")
    ris = (out / "references.ris").read_text(encoding="utf-8")
    return {
        "bib": {line.split("{")[1].rstrip(",") for line in bib.splitlines() if line[:1] == "@"},
        "json": {i["id"] for i in json.loads((out / "references.json").read_text())},
        "ris": {line[6:] for line in ris.splitlines() if line.startswith("ID  - ")},
    }


@pytest.fixture
def docs(tmp_path: Path) -> tuple[Path, Path, Path]:
    a = essay(tmp_path / "a.txt", CARR, MEYER)
    b = essay(tmp_path / "b.txt", LEWIN)
    return a, b, tmp_path / "bib"


def test_building_a_then_b_keeps_as_entries_in_every_format(docs) -> None:
    a, b, out = docs
    build(a, "-o", out)
    output = build(b, "-o", out)
    every = {"carr1950bolshevik", "meyer1962leninism", "lewin1970lenin"}
    assert keys(out) == {"bib": every, "json": every, "ris": every}
    assert "kept-from-other-documents" in output and "2 entries kept" in output
    cited = {key: set(c.cited_by) for key, c in (read_works_record(out).value or {}).items()}
    assert cited == {"carr1950bolshevik": {"../a.txt"}, "meyer1962leninism": {"../a.txt"},
                     "lewin1970lenin": {"../b.txt"}}  # fmt: skip


def test_an_entry_goes_when_its_own_documents_no_longer_cite_it(docs) -> None:
    a, b, out = docs
    build(a, b, "-o", out)
    essay(a, CARR)  # a no longer cites Meyer
    build(a, "-o", out)
    assert keys(out)["bib"] == keys(out)["json"] == {"carr1950bolshevik", "lewin1970lenin"}


def test_an_entry_cited_by_two_documents_stays_while_one_cites_it(docs, tmp_path: Path) -> None:
    a, _, out = docs
    c = essay(tmp_path / "c.txt", CARR)
    build(a, c, "-o", out)
    essay(a, MEYER.replace("2.", "1."))  # a drops Carr; c, not in this run, still cites it
    build(a, "-o", out)
    assert "carr1950bolshevik" in keys(out)["json"]
    essay(c, LEWIN)  # now c drops Carr too, and is built
    build(c, "-o", out)
    assert keys(out)["json"] == {"meyer1962leninism", "lewin1970lenin"}


def test_the_record_holds_paths_relative_to_the_output_folder(docs, monkeypatch) -> None:
    a, _, out = docs
    monkeypatch.chdir(a.parent)
    build("a.txt", "-o", "bib")
    monkeypatch.chdir(out)
    build("../b.txt", "-o", ".")  # run from elsewhere: a.txt is still a.txt
    assert "carr1950bolshevik" in keys(out)["json"]
    build("../a.txt", "../b.txt", "-o", ".")
    record = (out / ".citeres" / "works.json").read_text(encoding="utf-8")
    assert str(a.parent) not in record and '"../a.txt"' in record


def test_overwrite_drops_the_entries_of_other_documents(docs) -> None:
    a, b, out = docs
    build(a, "-o", out)
    build(b, "-o", out, "--overwrite")
    assert keys(out)["json"] == keys(out)["bib"] == {"lewin1970lenin"}


def test_a_folder_of_version_0_1_without_a_works_record(docs) -> None:
    """Its entries are taken for this run's, as 0.1 did: a rebuild of the same documents
    then drops what they no longer cite."""
    a, _, out = docs
    build(a, "-o", out)
    (out / ".citeres" / "works.json").unlink()
    essay(a, CARR)
    build(a, "-o", out)
    assert keys(out)["bib"] == {"carr1950bolshevik"}
