"""Locators and volumes, and the complaints about broken ones (numerals, years: test_identity)."""

from __future__ import annotations

import pytest

from citeres.parse.numbers import find_pages, find_volume


@pytest.mark.parametrize(
    ("text", "pages", "rest"),
    [
        ("Carr, op. cit., p. 65", "65", "Carr, op. cit., "),
        ("pp. 185-6", "185-6", ""),
        ("pp392-3", "392-3", ""),
        ("p. xiii", "xiii", ""),
        ("p. xxii.", "xxii", "."),
        ("pp. 48, 59", "48, 59", ""),
        ("pp. 396-7, 407", "396-7, 407", ""),
        ("pp. 118 - 19", "118-19", ""),
        ("pp. 599–613", "599-613", ""),
        ("pages 4-5", "4-5", ""),
        ("Ibid., p. 106.", "106", "Ibid., ."),
    ],
)
def test_pages(text: str, pages: str, rest: str) -> None:
    found = find_pages(text)
    assert found is not None
    assert found.value == pages
    assert found.rest == rest


@pytest.mark.parametrize(
    "text",
    [
        "Stalin, New York: Pathfinder, 1972",
        "Leninism",  # `p` inside a word is no label
        "Pathfinder Press, 1972",
        "Ibid.",
    ],
)
def test_no_pages(text: str) -> None:
    assert find_pages(text) is None


def test_the_last_locator_is_the_cited_one() -> None:
    found = find_pages("Quoted in X, p. 3, in Y, p. 10")
    assert found is not None and found.value == "10"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("pp392-3", "no space or full stop"),
        ("pp. 195, 202,", "ends in a comma"),
    ],
)
def test_malformed_locators_are_complained_about(text: str, complaint: str) -> None:
    found = find_pages(text)
    assert found is not None and found.complaint is not None
    assert complaint in found.complaint


@pytest.mark.parametrize("text", ["p. 65", "pp. 185-6", "p.65", "pp 48, 59", "p. xiii"])
def test_well_formed_locators_are_not_complained_about(text: str) -> None:
    found = find_pages(text)
    assert found is not None and found.complaint is None


@pytest.mark.parametrize(
    ("text", "volume", "typo"),
    [
        ("Vol. I", "I", False),
        ("Vol. III", "III", False),
        ("vol. 2", "2", False),
        ("Volume I", "I", False),
        ("Vol II", "II", True),
        ("Vol, II", "II", True),
        ("Vio. III", "III", True),
        ("Vol. II.", "II", False),
    ],
)
def test_volumes(text: str, volume: str, typo: bool) -> None:
    found = find_volume(f"Deutscher, The Prophet Unarmed, {text}, op. cit.")
    assert found is not None
    assert found.value == volume
    assert (found.complaint is not None) is typo
    assert "Vol" not in found.rest and "Vio" not in found.rest
    assert found.rest.startswith("Deutscher, The Prophet Unarmed")


@pytest.mark.parametrize(
    "text",
    ["The Bolshevik Revolution", "Violence and Revolution", "Involution, 1970", "Revolution II"],
)
def test_no_volume(text: str) -> None:
    assert find_volume(text) is None
