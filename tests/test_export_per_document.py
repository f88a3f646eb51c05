"""`--per-document` folder names stay inside `-o`: never `.` or `..`, never a name citeres
writes itself, never a separator, and two inputs never share a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.export import document_folders, folder_name
from citeres.model import Analysis, DocumentResult

NOTE = "Text.1\n\nNotes\n\n1. {author}, {title}, London: Macmillan, 19{year}, p. 5.\n"
NAMES = ["...txt", "..txt", "report.html.txt", "references.bib.txt", "REPORT.MD.txt",
         "one/essay.txt", "two/essay.txt", "two/Essay.txt", ".citeres.txt"]  # fmt: skip


def folders_for(*paths: str) -> list[str]:
    return document_folders(
        Analysis(
            documents=tuple(DocumentResult(path=p, citations=(), problems=()) for p in paths),
            works=(),
        )
    )


@pytest.mark.parametrize(
    ("path", "name"),
    [("...txt", "document"), ("..txt", "document"), (".txt", "txt"), ("a/.hidden.txt", "hidden"),
     ("back\\slash.txt", "back_slash"), ("nul.txt", "_nul"), ("essay. .txt", "essay"),
     ("tab\there.txt", "tab_here"), ("plain.txt", "plain")],
)  # fmt: skip
def test_folder_name(path: str, name: str) -> None:
    assert folder_name(path) == name


def test_names_citeres_writes_and_repeated_stems_get_a_number() -> None:
    assert folders_for(*NAMES) == [
        "document", "document-2", "report.html-2", "references.bib-2", "REPORT.MD-2",
        "essay", "essay-2", "Essay-3", "citeres",
    ]  # fmt: skip


def test_per_document_writes_inside_the_output_folder_only(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    for i, name in enumerate(NAMES):
        path = inputs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(NOTE.format(author=f"Author{i} Name", title=f"Title {i}", year=10 + i))
    out = tmp_path / "work" / "bib"
    out.parent.mkdir()
    (out.parent / "references.json").write_text("[]", encoding="utf-8")  # a neighbour's
    paths = [str(inputs / name) for name in NAMES]  # named: a folder's hidden files are skipped
    args = ["build", "--no-enrich", *paths, "-o", str(out), "--per-document"]
    for _ in range(2):  # and a second build is not broken by the first
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    assert (tmp_path / "work" / "references.json").read_text() == "[]"
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["bib", "references.json"]
    assert (out / "report.html").is_file() and (out / "references.bib").is_file()
    combined = json.loads((out / "references.json").read_text(encoding="utf-8"))
    assert len(combined) == len(NAMES)  # not one document's set written over it
    sets = [p for p in out.iterdir() if p.is_dir() and p.name != ".citeres"]
    assert len(sets) == len(NAMES)
    for folder in sets:
        assert len(json.loads((folder / "references.json").read_text(encoding="utf-8"))) == 1
    assert "per-document-renamed" in result.output
