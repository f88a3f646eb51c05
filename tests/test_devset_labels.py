"""The development set stays consistent: every label points into its document, every
kind is a contract kind, every work id is declared and used, every file has a source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeres.model import Kind

DEVSET = Path(__file__).resolve().parent.parent / "benchmarks" / "devset"
KINDS = {kind.value for kind in Kind}  # the JSON contract's kinds
UNNAMED = {"author-only", "attribution"}
LABEL_KEYS = {"kind", "line", "note", "title", "author", "year", "pages", "work"}
LABEL_FILES = sorted((DEVSET / "labels").glob("*.json"))


def lines_of(path: Path) -> list[str]:
    """The document's lines as citeres numbers them (CRLF and CR are line ends)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def test_the_set_has_enough_documents_and_conventions():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in LABEL_FILES]
    assert len(golds) >= 20
    assert len({g["convention"] for g in golds}) >= 8
    documents = {p.name for p in (DEVSET / "docs").iterdir()}
    assert documents == {Path(g["document"]).name for g in golds}


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.stem)
def test_labels_point_into_their_document(path: Path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    document = DEVSET / "docs" / Path(gold["document"]).name
    assert document.is_file(), gold["document"]
    assert gold["format"] == {".md": "md", ".html": "html"}.get(document.suffix, "txt")
    lines = lines_of(document)
    works = {w["id"] for w in gold["works"]}
    assert len(works) == len(gold["works"]), "work ids are unique"
    used = set()
    previous = 0
    for label in gold["labels"]:
        where = f"{path.name} line {label['line']}"
        assert set(label) >= LABEL_KEYS, where
        assert label["kind"] in KINDS, where
        assert 1 <= label["line"] <= len(lines), where
        assert label["line"] >= previous, f"{where}: labels are in line order"
        previous = label["line"]
        text = lines[label["line"] - 1]
        assert text.strip(), f"{where}: a label sits on a blank line"
        if label["note"] is not None:
            assert str(label["note"]) in text, f"{where}: note {label['note']} is not on its line"
        if label["kind"] in UNNAMED:
            assert label["work"] is None and label["author"], where
        else:
            assert label["work"] in works, where
            used.add(label["work"])
        if label["kind"] == "url" and label.get("url"):
            assert label["url"] in text, f"{where}: the URL is not on its line"
    assert used == works, f"{path.name}: works declared but never cited: {works - used}"


def test_every_file_has_its_source_and_licence_recorded():
    sources = (DEVSET / "SOURCES.md").read_text(encoding="utf-8")
    for folder in ("docs", "prose"):
        for path in (DEVSET / folder).iterdir():
            if path.name != "KNOWN.json":
                assert f"`{folder}/{path.name}`" in sources, path.name


def test_known_references_in_the_prose_are_real_lines():
    known = json.loads((DEVSET / "prose" / "KNOWN.json").read_text(encoding="utf-8"))
    for name, entries in known.items():
        lines = lines_of(DEVSET / "prose" / name)
        for entry in entries:
            assert entry["text"] in lines[entry["line"] - 1], (name, entry)
