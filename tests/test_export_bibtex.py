"""BibTeX export: entry types, names, escaping, and a clean parse back through bibtexparser."""

from __future__ import annotations

import random

import bibtexparser
import pytest
from export_works import KEYS, WORKS
from hypothesis import given, settings
from hypothesis import strategies as st

from citeres.export.bibtex import bibtex_name, escape, to_bibtex, to_entries
from citeres.model import Name, Work, WorkType


def fields_of(key: str) -> dict[str, str]:
    entry = next(e for e in to_entries(WORKS) if e.key == key)
    return {f.key: f.value for f in entry.fields} | {"@type": entry.entry_type}


def test_round_trip_has_no_failed_blocks_and_the_same_keys() -> None:
    library = bibtexparser.parse_string(to_bibtex(WORKS))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == KEYS


def test_output_is_sorted_and_independent_of_input_order() -> None:
    shuffled = list(WORKS)
    random.Random(7).shuffle(shuffled)
    assert to_bibtex(shuffled) == to_bibtex(WORKS)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("carr1950bolshevik", {"@type": "book", "author": "{Carr, E. H.}", "volume": "{I}",
                               "address": "{London}", "year": "{1950}"}),
        ("lenin1966state", {"@type": "incollection", "editor": "{Conner, James E.}",
                            "booktitle": "{Lenin on Politics and Revolution}",
                            "pages": "{185--196}"}),
        ("fitzpatrick1988bolsheviks", {"@type": "article", "journal": "{Slavic Review}",
                                       "number": "{4}", "doi": "{10.5555/12345678}",
                                       "title": "{The Bolsheviks' Dilemma: Class, Culture, and "
                                                "Politics}"}),
        ("mia2007trotsky", {"@type": "misc", "author": "{{Marxists Internet Archive}}",
                            "url": "{https://www.marxists.org/archive/trotsky/index.htm}"}),
        ("king1964why", {"author": "{King, Jr., Martin Luther}", "isbn": "{978-3-16-148410-0}",
                         "publisher": "{Harper \\& Row}"}),
        ("trotskii1930moia", {"author": "{Троцкий, Лев}",
                              "title": "{Моя жизнь: Опыт автобиографии}"}),
        ("cpsu1939history", {"title": "{History of the {CPSU}(B): Short Course}"}),
    ],
)  # fmt: skip
def test_fields_per_work_type(key: str, expected: dict[str, str]) -> None:
    assert fields_of(key).items() >= expected.items()


def test_pages_cited_never_become_a_pages_field() -> None:
    """Only a chapter's or article's own range is written; books have none."""
    assert "pages" not in fields_of("carr1950bolshevik")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (Name(family="Beethoven", given="Ludwig", particle="van"), "van Beethoven, Ludwig"),
        (Name(family="King", given="Martin Luther", suffix="Jr."), "King, Jr., Martin Luther"),
        (Name(family="Tabari", given="Muhammad", particle="al-"), "al-Tabari, Muhammad"),
        (Name(family="Alembert", given="Jean le Rond", particle="d'"), "d'Alembert, Jean le Rond"),
        (Name(family="Carr", given="E.H."), "Carr, E. H."),
        (Name(family="Kołakowski", given="Leszek"), "Kołakowski, Leszek"),
        (Name(family="Marx and Engels Institute", corporate=True), "{Marx and Engels Institute}"),
        (Name(family="Smith & Sons", corporate=True), "{Smith \\& Sons}"),
        (Name(family="Plato"), "Plato"),
    ],
)
def test_names(name: Name, expected: str) -> None:
    assert bibtex_name(name) == expected


def test_every_special_is_escaped() -> None:
    assert escape("& % $ # _ { } ~ ^ \\") == (
        r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


def test_braces_that_do_not_pair_are_written_as_commands() -> None:
    """BibTeX counts escaped braces too, so a lone \\{ would unbalance the field."""
    assert escape("a } b {") == r"a \textbraceright{} b \textbraceleft{}"


def test_empty_works_give_an_empty_file() -> None:
    assert to_bibtex([]) == ""


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
names = st.builds(Name, family=text.filter(str.strip), given=text, particle=text, suffix=text,
                  corporate=st.booleans())  # fmt: skip
works = st.builds(
    Work, key=st.from_regex(r"[a-z][a-z0-9]{0,12}", fullmatch=True),
    type=st.sampled_from(WorkType), authors=st.tuples(names), editors=st.tuples(names),
    title=text, subtitle=text, container=text, volume=text, year=text, pages=text, url=text,
    doi=text, publisher=text, place=text,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(works, max_size=4, unique_by=lambda w: w.key))
def test_any_text_parses_back_cleanly(generated: list[Work]) -> None:
    library = bibtexparser.parse_string(to_bibtex(generated))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == sorted(w.key for w in generated)
