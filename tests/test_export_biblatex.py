"""BibLaTeX export: location, date, maintitle/volume, journaltitle, @online."""

from __future__ import annotations

import bibtexparser
import pytest
from export_works import KEYS, WORKS

from citeres.export.biblatex import iso_date, to_biblatex, to_entries, volume_number


def fields_of(key: str) -> dict[str, str]:
    entry = next(e for e in to_entries(WORKS) if e.key == key)
    return {f.key: f.value for f in entry.fields} | {"@type": entry.entry_type}


@pytest.mark.parametrize(
    ("key", "expected", "absent"),
    [
        ("carr1950bolshevik", {"@type": "book", "maintitle": "{The Bolshevik Revolution 1917–1923}",
                               "volume": "{1}", "location": "{London}", "date": "{1950}"},
         {"address", "year"}),
        ("kolakowski1978main", {"origdate": "{1976}", "volume": "{3}"}, set()),
        ("cpsu1939history", {"title": "{History of the {CPSU}(B)}", "subtitle": "{Short Course}"},
         {"maintitle"}),
        ("lenin1966state", {"@type": "incollection",
                            "booktitle": "{Lenin on Politics and Revolution}",
                            "editor": "{Conner, James E.}"}, {"maintitle"}),
        ("fitzpatrick1988bolsheviks", {"@type": "article", "journaltitle": "{Slavic Review}"},
         {"journal"}),
        ("mia2007trotsky", {"@type": "online", "url": "{https://www.marxists.org/archive/trotsky/index.htm}"},
         set()),
        ("guerin1965anarchisme", {"date": "{1917/1918}"}, {"year"}),
    ],
)  # fmt: skip
def test_fields(key: str, expected: dict[str, str], absent: set[str]) -> None:
    fields = fields_of(key)
    assert fields.items() >= expected.items()
    assert not absent & fields.keys()


@pytest.mark.parametrize(
    ("year", "expected"),
    [("1950", ("date", "1950")), ("1917-18", ("date", "1917/1918")),
     ("1998–2001", ("date", "1998/2001")), ("n.d.", ("year", "n.d.")), (None, ("date", None))],
)  # fmt: skip
def test_iso_date(year: str | None, expected: tuple[str, str | None]) -> None:
    assert iso_date(year) == expected


@pytest.mark.parametrize(
    ("volume", "expected"),
    [("I", "1"), ("IV", "4"), ("XIV", "14"), ("47", "47"), ("2a", "2a"), (None, None)],
)
def test_volumes_are_integers_where_they_can_be(volume: str | None, expected: str | None) -> None:
    assert volume_number(volume) == expected


def test_round_trip() -> None:
    library = bibtexparser.parse_string(to_biblatex(WORKS))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == KEYS
