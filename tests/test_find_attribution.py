"""Attributions: signed quotations and views credited to a named person, with no work."""

from __future__ import annotations

import pytest

from citeres.find import attribution
from citeres.model import Document, Severity
from tests.find_table import rows

A, AO = "attribution", "author-only"

CASES = [
    ("“…falling even faster into servitude.” – Karl Kautsky, 1902\n", [(A, None, "Kautsky")]),
    (
        "“…the conquest of political power.” – Karl Kautsky, The Road to Power, 1909\n",
        [(A, "The Road to Power", "Kautsky")],
    ),
    (
        "“…a party that fights with a program.” – Amadeo Bordiga\n",
        [(A, None, "Bordiga")],
    ),
    ("“A quotation on its own line.”\n\n— Rosa Luxemburg\n", [(A, None, "Luxemburg")]),
    (
        "According to Theodore Draper the organization saw prominent participation.",
        [(AO, None, "Draper")],
    ),
    ("the venture was described by Theodore Draper as “inglorious”.", [(AO, None, "Draper")]),
    (
        "(reflected in the works of Theodore Draper and Harvey Klehr) has been to paint",
        [(AO, None, "Draper")],
    ),
    # Must yield nothing: a historical actor, a sourced sentence, a dash inside a sentence.
    ("According to Lenin it was more important to end the war.", []),
    ("According to Lenin, “He who seeks to advance toward socialism.”4", []),
    ("According to Philip Foner, the rank-and-file was supportive (Foner, Labor, p. 12).", []),
    ("the old slave Russia – Karl Marx would have said so – continued", []),
    ("the treaty of Brest-Litovsk was signed", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_attribution(text: str, expected: list) -> None:
    assert rows(attribution.find, text) == expected


def test_each_vague_attribution_is_an_info_problem() -> None:
    document = Document.from_text(
        "t.txt", "x\n“Words.” – Amadeo Bordiga\nAccording to Jeremy Brecher, no."
    )
    mentions, problems = attribution.find(document)
    assert [(p.kind, p.severity, p.line) for p in problems] == [
        ("vague-attribution", Severity.INFO, 2),
        ("vague-attribution", Severity.INFO, 3),
    ]
    assert len(mentions) == 2


def test_a_signature_naming_a_work_is_not_vague() -> None:
    document = Document.from_text("t.txt", "“Words.” – Karl Kautsky, The Road to Power, 1909")
    _, problems = attribution.find(document)
    assert problems == []
