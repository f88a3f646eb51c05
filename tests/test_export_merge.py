"""Re-running `build` never loses hand edits of references.bib (export/merge.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.model import Entry
from export_works import WORKS
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citeres.export.bibfile import BibFile
from citeres.export.bibtex import to_bibtex, to_entries
from citeres.export.merge import entry_state, merge, pieces
from citeres.export.record import bib_record_path as sidecar_path
from citeres.model import Problem, Work

USER_ENTRY = """@string{ny = "New York"}

@Article{Smith2001,
    author    = "Smith, Jane",
    title     = {A hand-made {entry}},
    journal   = jhist,
    address   = ny,
    year      = 2001
}
"""


def write_bib(path: Path, works: tuple[Work, ...], overwrite: bool = False) -> list[Problem]:
    bib = BibFile.open(path, overwrite)
    return bib.write(to_entries(works), bib.last)


def build(path: Path, works: tuple[Work, ...] = WORKS, overwrite: bool = False) -> list[str]:
    return [p.message for p in write_bib(path, works, overwrite=overwrite)]


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


KING = "@book{king1964why,"
DAMAGES = {
    "a half-typed entry line": lambda t: t.replace(KING, "@book{\n\n" + KING),
    "an empty entry": lambda t: t.replace(KING, "@{,}\n" + KING),
    "an unclosed last entry": lambda t: t.rstrip().removesuffix("}") + "\n",
    "an unclosed entry in the middle": lambda t: t.replace("{1964},\n}", "{1964},\n"),
    "a stray brace": lambda t: t.replace(KING, "}\n" + KING),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_file_is_kept_once_and_settles(bib: Path, damage) -> None:
    damaged = damage(bib.read_text(encoding="utf-8"))
    bib.write_text(damaged, encoding="utf-8")
    build(bib)
    first = bib.read_text(encoding="utf-8")
    for _ in range(2):
        build(bib)
        assert bib.read_text(encoding="utf-8") == first
    unreadable = [b.raw for b in bibtexparser.parse_string(damaged).failed_blocks]
    for raw in unreadable:  # each unparsable block is there, verbatim and once
        assert first.count(raw.strip()) == damaged.count(raw.strip())
    assert len(first) < len(damaged) + 600  # at most the damaged entry written again


def damage_strategy() -> st.SearchStrategy:
    """Edits as a hurried hand or a bad merge makes them: a cut, a paste, an insertion of
    BibTeX's own punctuation, a truncation."""
    text = st.text(alphabet='@{}=,"#%\n\r abkoy', max_size=12)
    edit = st.tuples(st.sampled_from(["cut", "insert", "paste", "truncate"]),
                     st.floats(0, 1), st.floats(0, 1), text)  # fmt: skip
    return st.lists(edit, min_size=1, max_size=4)


def damage(text: str, edits: list[tuple[str, float, float, str]]) -> str:
    for op, a, b, insert in edits:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + insert + text[i:]
        elif op == "paste":
            text = text[:j] + text[i : i + 80] + text[j:]
        else:
            text = text[:j]
    return text


@settings(max_examples=150, deadline=None)
@given(damage_strategy(), st.sets(st.sampled_from([w.key for w in WORKS])))
@example(  # the file cut to its one entry, which is no longer cited: nothing is left
    edits=[("truncate", 0.0, b, "") for b in (0.796875, 0.6953125, 0.69921875, 0.17578125)],
    dropped={"beethoven1961letters"},
)
def test_after_any_damage_a_second_rebuild_changes_nothing(edits, dropped: set[str]) -> None:
    """Whatever the damage, the first rebuild settles the file: the next leaves it as is,
    and every block the parser cannot read is still in it."""
    generated = to_entries(WORKS)
    state = {e.key: entry_state(e) for e in generated}
    damaged = damage(to_bibtex(WORKS), edits)
    now = to_entries([w for w in WORKS if w.key not in dropped])
    first = merge(damaged, state, now, "x")
    second = merge(first.text, first.state, now, "x")
    assert second.text == first.text
    found, _ = pieces(damaged)
    for block, piece in found:
        if not isinstance(block, Entry):
            assert piece.body in first.text


FRAGMENTS = [
    *"@book{|@{,}|@string{s = |@comment{|@preamble{|title| = ".split("|"),
    *'}{",k% ',
    "\n",
    "\r\n",
    "@book{a,\n  title = {T},\n}\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_the_pieces_of_any_text_give_it_back_exactly(text: str) -> None:
    found, tail = pieces(text)
    assert "".join(piece.gap + piece.body for _, piece in found) + tail == text
