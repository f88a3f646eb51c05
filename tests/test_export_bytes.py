"""Hand edits kept byte for byte: line ends, byte-order marks and encodings, symbolic
links and file modes of references.bib survive a rebuild."""

from __future__ import annotations

import codecs
import dataclasses
import os
import stat
from pathlib import Path

import bibtexparser
import pytest
from export_works import ANALYSIS, WORKS

from citeres.export import Format, write_bibliography
from citeres.model import Analysis, Work, WorkType

FORMATS = (Format.BIBTEX, Format.CSLJSON)
NEW = Work(key="aaron2000new", type=WorkType.BOOK, title="A New Work", year="2000")
# The same analysis, citing one more work and with a publisher changed by the document.
CHANGED = Analysis(
    documents=ANALYSIS.documents,
    works=(*(dataclasses.replace(w, publisher="Penguin") if w.key == "king1964why" else w
       for w in WORKS), NEW),
)  # fmt: skip


def build(folder: Path, analysis: Analysis = ANALYSIS) -> None:
    write_bibliography(folder, analysis, FORMATS)


def hand_edit(text: str) -> str:
    return "% my notes\n" + text.replace("{Main Currents of Marxism}", "{Main Currents}")


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    build(tmp_path / "bib")
    return tmp_path / "bib" / "references.bib"


def test_crlf_stays_crlf_also_in_lines_citeres_writes(bib: Path) -> None:
    edited = hand_edit(bib.read_text(encoding="utf-8")).replace("\n", "\r\n")
    bib.write_bytes(edited.encode("utf-8"))
    build(bib.parent, CHANGED)  # adds an entry and rewrites one
    data = bib.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"\r\r" not in data
    text = data.decode("utf-8")
    assert text.startswith("% my notes\r\n") and "{Main Currents}" in text
    assert "@book{aaron2000new,\r\n" in text and "publisher = {Penguin},\r\n" in text
    build(bib.parent, CHANGED)
    assert bib.read_bytes() == data


def test_mixed_line_ends_are_kept_as_they_are(bib: Path) -> None:
    lines = hand_edit(bib.read_text(encoding="utf-8")).split("\n")
    mixed = "".join(line + ("\r\n" if i % 3 else "\n") for i, line in enumerate(lines[:-1]))
    bib.write_bytes(mixed.encode("utf-8"))
    build(bib.parent)
    assert bib.read_bytes() == mixed.encode("utf-8")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_the_encoding_and_its_bom_are_kept(bib: Path, codec: str) -> None:
    edited = hand_edit(bib.read_text(encoding="utf-8"))
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    bib.write_bytes(bom + edited.encode(codec))
    build(bib.parent, CHANGED)
    data = bib.read_bytes()
    assert data.startswith((bom + edited.encode(codec))[:12])  # the same BOM and codec
    text = data[len(bom) :].decode(codec)
    assert text.startswith("% my notes\n") and "aaron2000new" in text and "Троцкий" in text
    assert bibtexparser.parse_string(text.removeprefix("\ufeff")).failed_blocks == []
    build(bib.parent, CHANGED)
    assert bib.read_bytes() == data


def test_a_symlinked_bib_stays_a_link_and_its_target_is_merged(bib: Path, tmp_path: Path) -> None:
    library = tmp_path / "Zotero" / "library.bib"
    library.parent.mkdir()
    library.write_text(hand_edit(bib.read_text(encoding="utf-8")), encoding="utf-8")
    library.chmod(0o640)
    bib.unlink()
    bib.symlink_to(os.path.relpath(library, bib.parent))
    build(bib.parent, CHANGED)
    assert bib.is_symlink()
    text = library.read_text(encoding="utf-8")
    assert text.startswith("% my notes\n") and "aaron2000new" in text
    assert stat.S_IMODE(library.stat().st_mode) == 0o640
    assert [p.name for p in library.parent.iterdir()] == ["library.bib"]


def test_the_mode_of_every_output_is_kept(bib: Path) -> None:
    json_file = bib.parent / "references.json"
    for path in (bib, json_file):
        path.chmod(0o604)
    build(bib.parent, CHANGED)
    assert {stat.S_IMODE(p.stat().st_mode) for p in (bib, json_file)} == {0o604}
