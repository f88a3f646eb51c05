"""Clustering across documents: a work is a complete link (every two of its forms agree),
near spellings of a surname still meet, and many works sharing a title are told apart
without comparing each with all the others."""

from __future__ import annotations

from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeres import cluster
from citeres.model import Citation, Document, Kind, Name, Reference
from citeres.pipeline import analyse_documents
from citeres.resolve import Resolution


def document(path: str, note: str) -> Document:
    return Document.from_text(path, f"A claim in the text.1\n\nNotes\n\n1. {note}\n")


def works_by_author(notes: list[str]) -> dict[str, str]:
    """Each note in a document of its own, in this order: the work of each note's author."""
    docs = [document(f"{n:02d}.txt", note) for n, note in enumerate(notes)]
    analysis = analyse_documents(docs)
    return {
        c.reference.authors[0].family: c.work
        for d in analysis.documents
        for c in d.citations
        if c.reference.authors
    }


KOWALSKI = "Jan Kowalski, Collected Works, Warsaw: PWN, 1950, p. 3."
KOWALSKY = "Jan Kowalsky, Collected Works, Warsaw: PWN, 1950, p. 4."  # one slip from each
KOVALSKY = "Jan Kovalsky, Collected Works, Warsaw: PWN, 1950, p. 5."  # two from Kowalski


@pytest.mark.parametrize("order", list(permutations([KOWALSKI, KOWALSKY, KOVALSKY])))
def test_near_spellings_never_chain_two_authors_into_one_work(order) -> None:
    work = works_by_author(list(order))
    assert work["Kowalski"] != work["Kovalsky"]
    assert work["Kowalsky"] in (work["Kowalski"], work["Kovalsky"])


def test_a_slip_in_a_surname_is_one_work_and_reported() -> None:
    notes = [
        "Eric Hobsbawm, The Age of Revolution, London: Abacus, 1962, p. 4.",
        "Eric Hobsbwam, The Age of Revolution, London: Abacus, 1962, p. 9.",
    ]
    docs = [document(f"{n}.txt", note) for n, note in enumerate(notes)]
    analysis = analyse_documents(docs)
    assert len(analysis.works) == 1
    assert [p.kind for p in analysis.documents[1].problems] == ["author-variant"]


def test_a_short_title_does_not_join_two_works_it_could_stand_for() -> None:
    notes = [
        "Isaac Deutscher, The Prophet, New York: Vintage, 1954, p. 1.",
        "Isaac Deutscher, The Prophet Armed, New York: Vintage, 1954, p. 2.",
        "Isaac Deutscher, The Prophet Unarmed, New York: Vintage, 1959, p. 3.",
    ]
    docs = [document(f"{n}.txt", note) for n, note in enumerate(notes)]
    analysis = analyse_documents(docs)
    work = [d.citations[0].work for d in analysis.documents]
    assert work[1] != work[2]
    assert work[0] == work[1]  # the short title joins the work first seen


def test_a_work_naming_no_author_does_not_join_two_authors() -> None:
    notes = [
        "Collected Works, Moscow: Progress, 1960, p. 1.",
        "Jan Kowalski, Collected Works, Warsaw: PWN, 1950, p. 3.",
        "Karl Marx, Collected Works, London: Lawrence, 1975, p. 5.",
    ]
    work = works_by_author(notes)
    assert work["Kowalski"] != work["Marx"]


def same_title(surnames: list[str]) -> dict[str, Resolution]:
    citations = [
        Citation(
            path=f"{n:05d}.txt",
            line=1,
            kind=Kind.FULL,
            raw="",
            reference=Reference(authors=(Name(family=family),), title="Collected Works"),
        )
        for n, family in enumerate(surnames)
    ]
    return {c.path: Resolution([c], [0], []) for c in citations}


def distinct_surnames(count: int) -> list[str]:
    """Names no two of which are alike: three letters, each written three times, so two
    names differ in three letters or more (`aaabbbccc`, `aaabbbddd`)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    codes = (letters[n // 676 % 26] + letters[n // 26 % 26] + letters[n % 26] for n in range(count))
    return ["".join(ch * 3 for ch in code) for code in codes]


def test_works_sharing_a_title_are_compared_with_few_others(monkeypatch) -> None:
    """2,000 works titled `Collected Works` by 2,000 authors: 2,000 works, and each form
    compared with a few, not with every form before it."""
    compared = 0
    agrees = cluster.Form.agrees

    def counting(self, other):
        nonlocal compared
        compared += 1
        return agrees(self, other)

    monkeypatch.setattr(cluster.Form, "agrees", counting)
    names = distinct_surnames(2000)
    works, _, _ = cluster.cluster(same_title(names))
    assert len(works) == len(names)
    assert compared <= 2 * len(names)


def test_many_works_by_near_spellings_form_no_chain() -> None:
    """A chain of names each one slip from the next: no work holds two names that are
    not near spellings of each other."""
    chain = ["abcdefgh", "abcdefgx", "abcdefxx", "abcdexxx", "abcdxxxx", "abcxxxxx"]
    works, citations, _ = cluster.cluster(same_title(chain))
    members: dict[str, list[str]] = {}
    for cs in citations.values():
        members.setdefault(cs[0].work, []).append(cs[0].reference.authors[0].family)
    for names in members.values():
        assert all(cluster.near_spelt(x, y) for x in names for y in names if x != y)
    assert len(works) >= len(chain) // 2


letters = st.sampled_from("abcdeo")


@st.composite
def spelt_pairs(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.text(letters, min_size=1, max_size=12))
    other = name
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(other)))
        edit = draw(st.sampled_from(["drop", "add", "change"]))
        if edit == "drop" and len(other) > 1:
            other = other[:at] + other[at + 1 :]
        elif edit == "add":
            other = other[:at] + draw(letters) + other[at:]
        else:
            other = other[:at] + draw(letters) + other[at + 1 :]
    return name, other


@settings(max_examples=3000, deadline=None)
@given(spelt_pairs(), st.lists(st.text(letters, min_size=1, max_size=10), max_size=4))
def test_near_spellings_are_all_found(pair, others) -> None:
    x, y = pair
    near = cluster.near_spellings([x, y, *others])
    if x != y:
        assert (y in near.get(x, ())) == cluster.near_spelt(x, y)
    assert cluster.near_spelt(x, y) == cluster.near_spelt(y, x)
