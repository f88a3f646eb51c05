"""Re-running `build` never loses hand edits of references.bib (export/merge.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import bibtexparser
import pytest
from export_works import WORKS
from hypothesis import given, settings
from hypothesis import strategies as st

from citeres.export.bibtex import to_bibtex, to_entries
from citeres.export.merge import entry_state, merge, sidecar_path, write_bib
from citeres.model import Work

USER_ENTRY = """@string{ny = "New York"}

@Article{Smith2001,
    author    = "Smith, Jane",
    title     = {A hand-made {entry}},
    journal   = jhist,
    address   = ny,
    year      = 2001
}
"""


def build(path: Path, works: tuple[Work, ...] = WORKS, overwrite: bool = False) -> list[str]:
    return [p.message for p in write_bib(path, to_entries(works), overwrite=overwrite)]


def hand_edit(path: Path) -> str:
    """Edit a title, remove a field, add a note and add a whole entry, as a user would."""
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title = {The Bolshevik Revolution 1917–1923},\n  volume = {I},",
        "title = {The Bolshevik Revolution, 1917--1923},\n  volume = {I},",
    )
    text = text.replace(
        "  address = {New York},\n  publisher = {Pegasus},", "  publisher = {Pegasus},"
    )
    text = text.replace(
        "  isbn = {978-3-16-148410-0},\n",
        "  isbn = {978-3-16-148410-0},\n  note = {Library copy},\n",
    )
    text = "% My bibliography\n" + text + "\n" + USER_ENTRY
    path.write_text(text, encoding="utf-8")
    return text  # fmt: skip


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "bib" / "references.bib"
    build(path)
    return path


def test_first_build_writes_the_plain_export_and_a_sidecar(bib: Path) -> None:
    assert bib.read_text(encoding="utf-8") == to_bibtex(WORKS)
    assert sidecar_path(bib).is_file()


def test_a_hand_edited_file_survives_two_rebuilds_unchanged(bib: Path) -> None:
    edited = hand_edit(bib)
    first = build(bib)
    assert bib.read_text(encoding="utf-8") == edited
    second = build(bib)
    assert bib.read_text(encoding="utf-8") == edited
    assert first == second
    assert any("carr1950bolshevik: field title edited by hand" in m for m in first)
    assert any("lenin1966state: field address removed by hand" in m for m in first)
    assert not any("note" in m for m in first)  # the user's own field is no news
    assert bibtexparser.parse_string(edited).failed_blocks == []


def test_new_works_are_added_and_untouched_fields_updated(bib: Path) -> None:
    edited = hand_edit(bib)
    changed = (
        *(dataclasses.replace(w, publisher="Penguin", title="Changed title")
          if w.key in {"carr1950bolshevik", "carr1952bolshevik"} else w
          for w in WORKS),
        Work(key="aaron2000new", type=WORKS[0].type, title="A New Work", year="2000"),
    )  # fmt: skip
    messages = build(bib, changed)
    text = bib.read_text(encoding="utf-8")
    entries = {e.key: e for e in bibtexparser.parse_string(text).entries}
    assert entries["carr1952bolshevik"]["title"] == "Changed title"  # citeres' own field
    assert entries["carr1950bolshevik"]["title"] == "The Bolshevik Revolution, 1917--1923"
    assert entries["carr1950bolshevik"]["publisher"] == "Penguin"
    assert "aaron2000new" in entries and text.index("aaron2000new") < text.index("beethoven")
    assert any("would write {Changed title}" in m for m in messages)
    assert USER_ENTRY.split("\n\n")[1] in text and "% My bibliography" in text
    assert edited != text


def test_overwrite_replaces_hand_edits(bib: Path) -> None:
    hand_edit(bib)
    assert build(bib, overwrite=True) == []
    assert bib.read_text(encoding="utf-8") == to_bibtex(WORKS)


def test_an_entry_removed_by_hand_stays_removed(bib: Path) -> None:
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{odd,")
    without = text[:start] + text[text.index("@book{tabari", start) :]
    bib.write_text(without, encoding="utf-8")
    messages = build(bib)
    assert bib.read_text(encoding="utf-8") == without
    assert any("odd: entry removed by hand" in m for m in messages)


def test_entries_no_longer_cited_go_unless_edited(bib: Path) -> None:
    hand_edit(bib)
    remaining = tuple(w for w in WORKS if w.key not in {"carr1950bolshevik", "odd"})
    build(bib, remaining)
    keys = {e.key for e in bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries}
    assert "carr1950bolshevik" in keys  # edited by hand: the user's now
    assert "odd" not in keys  # citeres' own, untouched: regenerated if cited again


def test_without_a_sidecar_every_existing_field_counts_as_the_users(bib: Path) -> None:
    edited = hand_edit(bib)
    sidecar_path(bib).unlink()
    messages = build(bib)
    text = bib.read_text(encoding="utf-8")
    entries = {e.key: e for e in bibtexparser.parse_string(text).entries}
    assert entries["carr1950bolshevik"]["title"] == "The Bolshevik Revolution, 1917--1923"
    assert entries["lenin1966state"]["address"] == "New York"  # absent: citeres may add it
    assert any("carr1950bolshevik: field title" in m for m in messages)
    assert text.startswith("% My bibliography\n") and text.endswith(USER_ENTRY)
    assert len(text) == len(edited) + len("  address = {New York},\n")


@settings(max_examples=40, deadline=None)
@given(
    st.sets(st.sampled_from([w.key for w in WORKS])),
    st.sets(st.sampled_from([w.key for w in WORKS])),
)
def test_merging_citeres_own_output_gives_the_plain_export(before: set[str], now: set[str]) -> None:
    """Without hand edits, a rebuild equals a fresh build, whatever was cited last time."""
    old = [e for e in to_entries(WORKS) if e.key in before]
    state = {e.key: entry_state(e) for e in old}
    new = [w for w in WORKS if w.key in now]
    merged = merge(to_bibtex([w for w in WORKS if w.key in before]), state, to_entries(new), "x")
    assert merged.text == (to_bibtex(new) or "\n") and merged.problems == ()
