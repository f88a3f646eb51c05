"""The identity rules every stage shares: years, roman numerals, capitals, short forms,
folding and surname keys; a row per oddity met in the wild."""

from __future__ import annotations

import re

import pytest

from citeres.identity import (
    IBID,
    IDEM,
    LOWER,
    OPCIT,
    UPPER,
    YEAR,
    fold,
    is_year,
    last_year,
    letters,
    roman_numeral,
    roman_value,
    significant_words,
    slug,
    surname_key,
    surname_set,
    volume_number,
)
from citeres.model import Name
from citeres.parse.names import looks_like_name


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("1400", True),
        ("1917", True),
        ("2099", True),
        ("1399", False),  # a page or a count, not a year of print
        ("2100", False),
        ("917", False),
        ("19170", False),
        ("1917a", False),
        ("", False),
    ],
)
def test_is_year(text: str, year: bool) -> None:
    assert is_year(text) is year
    assert bool(re.fullmatch(YEAR, text)) is year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("New York: Vintage Books, 1970", "1970"),
        ("1917 in Petrograd. New York: Norton, 1976", "1976"),
        ("London, 1997a", "1997"),
        ("London, 1950 [1923]", "1923"),
        ("p. 1234567", None),
        ("pp. 1350-60", None),
        ("no year here", None),
    ],
)
def test_last_year(text: str, year: str | None) -> None:
    assert last_year(text) == year


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("i", 1),
        ("IV", 4),
        ("ix", 9),
        ("xiii", 13),
        ("xxii", 22),
        ("XL", 40),
        ("xc", 90),
        ("CD", 400),
        ("MCMXC", 1990),
        (" III ", 3),
    ],
)
def test_roman_values(numeral: str, value: int) -> None:
    assert roman_value(numeral) == value


@pytest.mark.parametrize("text", ["", "abc", "12", "ivy", "II."])
def test_not_roman(text: str) -> None:
    assert roman_value(text) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("II", "2", True), ("iii", "3", True), ("I", "II", False), (None, "I", False)],
)
def test_volume_numbers_compare_across_notations(a: str | None, b: str, same: bool) -> None:
    assert (volume_number(a) == volume_number(b)) is same


def test_a_volume_that_is_no_number() -> None:
    assert volume_number("2a") is None and volume_number("") is None


@pytest.mark.parametrize("letter", list("AZÀÖØÞĀŁŻŽǄΑΩАЯЁЖ"))
def test_capitals(letter: str) -> None:
    assert re.fullmatch(f"[{UPPER}]", letter)
    assert not re.fullmatch(f"[{LOWER}]", letter)


@pytest.mark.parametrize("letter", list("azßàöøÿāłżžαωаяёж"))
def test_small_letters(letter: str) -> None:
    assert re.fullmatch(f"[{LOWER}]", letter)
    assert not re.fullmatch(f"[{UPPER}]", letter)


@pytest.mark.parametrize("sign", list("×÷0-_ ’'"))
def test_no_sign_is_a_letter(sign: str) -> None:
    assert not re.fullmatch(f"[{UPPER}{LOWER}]", sign)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Łódź", True), ("łodz", False), ("Żeromski", True), ("żeromski", False), ("Ёлкин", True)],
)
def test_a_name_starts_with_a_capital(text: str, name: bool) -> None:
    assert looks_like_name(text) is name


@pytest.mark.parametrize(
    ("text", "ibid"),
    [
        ("Ibid.", True),
        ("ibid", True),
        ("Ibidem", True),
        ("Ebd.", True),
        ("ebenda", True),
        ("Ivi", True),
        ("Id.", True),
        ("id", False),  # a word, the psychoanalysts' id, unless it has its stop
        ("Ideas", False),
        ("Ibidemque", False),
        ("Ebdon", False),
    ],
)
def test_ibid_forms(text: str, ibid: bool) -> None:
    assert bool(re.fullmatch(IBID, text, re.IGNORECASE)) is ibid


@pytest.mark.parametrize(
    ("text", "opcit"),
    [
        ("op. cit.", True),
        ("op cit", True),
        ("op.cit.", True),
        ("loc. cit.", True),
        ("art. cit.", True),
        ("ouvr. cit.", True),
        ("ouv. cit.", True),
        ("a.a.O.", True),
        ("a. a. O.", True),
        ("opcited", False),
        ("cit.", False),  # Italian `cit.` alone: only after a comma, which the parser sees
    ],
)
def test_opcit_forms(text: str, opcit: bool) -> None:
    assert bool(re.fullmatch(OPCIT, text, re.IGNORECASE)) is opcit


def test_idem_forms() -> None:
    assert {"idem", "eadem"} <= IDEM and "ibid" not in IDEM


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Stalin's Russia", "stalins russia"),
        ("Stalin’s Russia", "stalins russia"),
        ("Lenin’s Last Struggle", "lenins last struggle"),
        ("  The Age of Revolution, 1789–1848 ", "the age of revolution 1789 1848"),
        ("Gödel, Escher, Bach", "godel escher bach"),
        ("Моя жизнь", "moya zhizn"),
        ("'Quoted'", "quoted"),
        ("L'Anarchisme", "lanarchisme"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("The Age of Revolution", ("age", "revolution")),
        ("Der Staat und die Revolution", ("staat", "revolution")),
        ("L'État et la Révolution", ("letat", "et", "revolution")),
        ("A People's Tragedy", ("peoples", "tragedy")),
    ],
)
def test_significant_words(title: str, words: tuple[str, ...]) -> None:
    assert significant_words(title) == words


def test_slug_is_the_fold_without_spaces() -> None:
    assert slug("Lenin’s Last Struggle") == "leninslaststruggle"
    assert slug("Kołakowski") == "kolakowski"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Name(family="Carr", given="E. H."), Name(family="Carr", given="Edward Hallett"), True),
        (Name(family="Kołakowski"), Name(family="Kolakowski"), True),
        (Name(family="Trotsky"), Name(family="Trotskii"), False),
    ],
)
def test_surname_keys(a: Name, b: Name, same: bool) -> None:
    assert (surname_key(a) == surname_key(b)) is same


def test_surname_set() -> None:
    names = (Name(family="Webb", given="Sidney"), Name(family="Webb", given="Beatrice"))
    assert surname_set(names) == frozenset({"webb"})


@pytest.mark.parametrize(
    ("number", "numeral"), [(1, "i"), (4, "iv"), (14, "xiv"), (40, "xl"), (1990, "mcmxc")]
)
def test_roman_numerals(number: int, numeral: str) -> None:
    assert roman_numeral(number) == numeral


def test_roman_numerals_read_back() -> None:
    assert all(roman_value(roman_numeral(n)) == n for n in range(1, 4000))


@pytest.mark.parametrize(
    ("number", "label"), [(1, "a"), (26, "z"), (27, "aa"), (52, "az"), (702, "zz"), (703, "aaa")]
)
def test_letters(number: int, label: str) -> None:
    assert letters(number) == label
