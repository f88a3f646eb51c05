"""Hand edits reach every format: what the user corrects, removes or adds in references.bib
(or references-biblatex.bib) is in references.json, .ris and the other .bib after a build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from export_works import ANALYSIS

from citeres.export import Format, write_bibliography

ALL = (Format.BIBTEX, Format.BIBLATEX, Format.CSLJSON, Format.RIS)
OWN = """
@Article{Smith2001,
    author    = "Smith, Jane and Doe, J{\\"o}rg",
    title     = {A Hand-made {Entry} \\& More},
    journal   = jhist,
    year      = 2001,
    pages     = "10--20"
}
"""


def build(folder: Path) -> list[str]:
    return [p.message for p in write_bibliography(folder, ANALYSIS, ALL)]


def items(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "references.json").read_text(encoding="utf-8"))
    return {item["id"]: item for item in data}


def entries(path: Path) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    return {e.key: {f.key: f.value for f in e.fields} | {"@type": e.entry_type}
            for e in library.entries}  # fmt: skip


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "bib"
    build(out)
    return out


def test_a_title_corrected_in_references_bib_reaches_every_format(folder: Path) -> None:
    edit(folder / "references.bib", "{Why We Can't Wait}", "{Why We Can’t Wait \\& Other {Essays}}")
    build(folder)
    title = "Why We Can’t Wait & Other Essays"
    assert items(folder)["king1964why"]["title"] == title
    assert f"TI  - {title}\n" in (folder / "references.ris").read_text(encoding="utf-8")
    biblatex = entries(folder / "references-biblatex.bib")["king1964why"]
    assert biblatex["title"] == "Why We Can’t Wait \\& Other Essays"  # through the model
    assert "Why We Can’t Wait \\& Other {Essays}" in (folder / "references.bib").read_text()


def test_names_removed_fields_and_types_edited_by_hand(folder: Path) -> None:
    bib = folder / "references.bib"
    edit(bib, "author = {Carr, E. H.},\n  title = {The Bolshevik Revolution 1917–1923},\n"
         "  volume = {I}", "author = {Carr, Edward Hallett and others},\n"
         "  title = {The Bolshevik Revolution 1917–1923},\n  volume = {I}")  # fmt: skip
    edit(bib, "  address = {New York},\n  publisher = {Pegasus},", "  publisher = {Pegasus},")
    edit(bib, "@misc{odd,", "@book{odd,")
    build(folder)
    item = items(folder)
    assert item["carr1950bolshevik"]["author"] == [{"family": "Carr", "given": "Edward Hallett"}]
    assert "publisher-place" not in item["lenin1966state"]
    assert item["odd"]["type"] == "book"
    ris = (folder / "references.ris").read_text(encoding="utf-8")
    assert "AU  - Carr, Edward Hallett\n" in ris
    assert "location" not in entries(folder / "references-biblatex.bib")["lenin1966state"]


def test_an_entry_removed_by_hand_leaves_every_format(folder: Path) -> None:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{odd,")
    bib.write_text(text[:start] + text[text.index("@book{tabari", start) :], encoding="utf-8")
    build(folder)
    assert "odd" not in items(folder)
    assert "ID  - odd\n" not in (folder / "references.ris").read_text(encoding="utf-8")
    assert "odd" not in entries(folder / "references-biblatex.bib")


def test_the_users_own_entry_reaches_json_and_ris(folder: Path) -> None:
    bib = folder / "references.bib"
    bib.write_text('@string{jhist = "Journal of History"}\n' + bib.read_text() + OWN)
    build(folder)
    smith = items(folder)["Smith2001"]
    assert smith["type"] == "article-journal"
    assert smith["title"] == "A Hand-made Entry & More"
    assert smith["container-title"] == "Journal of History"
    assert smith["author"] == [{"family": "Smith", "given": "Jane"},
                               {"family": "Doe", "given": "Jörg"}]  # fmt: skip
    assert smith["page"] == "10-20" and smith["issued"] == {"date-parts": [[2001]]}
    assert "ID  - Smith2001\n" in (folder / "references.ris").read_text(encoding="utf-8")
    assert bib.read_text(encoding="utf-8").endswith(OWN)  # and the .bib keeps it verbatim


def test_an_edit_in_the_biblatex_file_reaches_the_others(folder: Path) -> None:
    edit(folder / "references-biblatex.bib", "location = {Albany}", "location = {Albany, NY}")
    build(folder)
    assert items(folder)["tabari1989history"]["publisher-place"] == "Albany, NY"
    assert entries(folder / "references.bib")["tabari1989history"]["address"] == "Albany, NY"
    assert build(folder) == build(folder)  # and it settles


def test_references_bib_wins_when_both_files_change_a_field(folder: Path) -> None:
    edit(folder / "references-biblatex.bib", "location = {Albany}", "location = {Albany, NY}")
    edit(folder / "references.bib", "address = {Albany}", "address = {Albany, New York}")
    build(folder)
    assert items(folder)["tabari1989history"]["publisher-place"] == "Albany, New York"


def test_without_edits_every_format_is_the_plain_export(folder: Path, tmp_path: Path) -> None:
    """Decoding is only for what the user changed: a file without a record (every field
    the user's) but unedited gives exactly the fresh outputs."""
    shutil.rmtree(folder / ".citeres")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert build(folder) == []
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_pandoc_renders_the_corrected_title_from_the_json(folder: Path) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        message = "pandoc is not installed (.ci/run installs it)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    edit(folder / "references.bib", "{Why We Can't Wait}", "{Why We Could Not Wait}")
    build(folder)
    (folder / "essay.md").write_text("King wrote [@king1964why].\n", encoding="utf-8")
    result = subprocess.run(
        [pandoc, "--citeproc", "--bibliography", "references.json", "-t", "plain", "essay.md"],
        cwd=folder, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "Why We Could Not Wait" in result.stdout
