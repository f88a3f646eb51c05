"""CSL-JSON export: types, names (particles, suffixes, literals), dates, identifiers."""

from __future__ import annotations

import json

import pytest
from export_works import KEYS, WORKS

from citeres.export.csljson import to_csljson, to_items
from citeres.export.names import csl_name
from citeres.model import Name

ITEMS = {item["id"]: item for item in to_items(WORKS)}


def test_valid_json_sorted_by_id() -> None:
    assert [item["id"] for item in json.loads(to_csljson(WORKS))] == KEYS


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("carr1950bolshevik", {"type": "book", "volume": "I", "publisher-place": "London",
                               "issued": {"date-parts": [[1950]]},
                               "author": [{"family": "Carr", "given": "E. H."}]}),
        ("lenin1966state", {"type": "chapter",
                            "container-title": "Lenin on Politics and Revolution",
                            "editor": [{"family": "Conner", "given": "James E."}],
                            "page": "185-196"}),
        ("fitzpatrick1988bolsheviks", {"type": "article-journal", "DOI": "10.5555/12345678",
                                       "issue": "4", "container-title": "Slavic Review"}),
        ("mia2007trotsky", {"type": "webpage", "author": [{"literal": "Marxists Internet Archive"}],
                            "URL": "https://www.marxists.org/archive/trotsky/index.htm"}),
        ("king1964why", {"ISBN": "978-3-16-148410-0"}),
        ("kolakowski1978main", {"original-date": {"date-parts": [[1976]]}}),
        ("guerin1965anarchisme", {"issued": {"literal": "1917-18"}}),
        ("trotskii1930moia", {"title": "Моя жизнь: Опыт автобиографии", "publisher": "Гранит"}),
    ],
)  # fmt: skip
def test_fields(key: str, expected: dict[str, object]) -> None:
    assert ITEMS[key].items() >= expected.items()


def test_empty_fields_are_left_out() -> None:
    assert set(ITEMS["odd"]) == {"id", "type", "title", "container-title"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            Name(family="Beethoven", given="Ludwig", particle="van"),
            {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
        ),
        (
            Name(family="King", given="Martin Luther", suffix="Jr."),
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        ),
        (
            Name(family="Communist Party of Great Britain", corporate=True),
            {"literal": "Communist Party of Great Britain"},
        ),
        (Name(family="Plato"), {"family": "Plato"}),
        (
            Name(family="Tabari", given="Muhammad", particle="al-"),
            {"family": "al-Tabari", "given": "Muhammad"},
        ),
    ],
)
def test_names(name: Name, expected: dict[str, str]) -> None:
    assert csl_name(name) == expected
