"""Parenthetical references: tables of real sentences → (kind, title, author)."""

from __future__ import annotations

import pytest

from citeres.find import parenthetical
from citeres.model import Document, Kind
from tests.find_table import rows

P = "parenthetical"

CASES = [
    (
        "was a crucial reason for their growing appeal’ (S. A. Smith, Red Petrograd, p. 165).",
        [(P, "Red Petrograd", "Smith")],
    ),
    (
        "‘voted to transform the Factory Committees into union organs’ (Maurice Brinton, "
        "The Bolsheviks and Workers’ Control, p. 32).",
        [(P, "The Bolsheviks and Workers’ Control", "Brinton")],
    ),
    (
        "‘to act’ (Filtzer, Soviet Workers, p. 255).",
        [(P, "Soviet Workers", "Filtzer")],
    ),
    (
        "the masses (Cathy Porter, Alexandra Kollontai: A Biography, pp. 367ff.).",
        [(P, "Alexandra Kollontai: A Biography", "Porter")],
    ),
    (
        "‘with sufficient caution’ (Lenin cited Lewin, Lenin’s Last Struggle, p. 80).",
        [(P, "Lenin’s Last Struggle", "Lewin")],
    ),
    (
        "‘from that post’ (Lewin, Lenin’s Last Struggle, p. 84; my italics).",
        [(P, "Lenin’s Last Struggle", "Lewin")],
    ),
    (
        "This was, as Serge called it, ‘the incessant massacre of an entire revolutionary "
        "generation’ (Memoirs of a Revolutionary, p. 396).",
        [(P, "Memoirs of a Revolutionary", "Serge")],
    ),
    (
        "Stalin had to be worshipped, wrote Victor Serge, ‘because he was the incarnation of "
        "the party’ (From Lenin to Stalin, p. 82).",
        [(P, "From Lenin to Stalin", "Serge")],
    ),
    ("as the data show (Smith 1998, 45).", [(P, None, "Smith")]),
    (
        "as others have argued (Smith 1998: 45; Jones and Brown 2001).",
        [(P, None, "Smith"), (P, None, "Jones")],
    ),
    ("as shown before (see Thompson et al. 1987).", [(P, None, "Thompson")]),
    ("Smith (1998: 12) disagrees.", [(P, None, "Smith")]),
    # Must yield nothing: dates, asides, figures, acronyms.
    ("The revolution broke out (March 1917) in Petrograd.", []),
    ("the party (the Bolsheviks) took power", []),
    ("the Industrial Workers of the World (IWW), arguably the most radical", []),
    ("from 1917-1945 (see below) the period", []),
    ("the Revolution (1917) was", []),
    ("a figure (Table 3) shows", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parenthetical(text: str, expected: list) -> None:
    assert rows(parenthetical.find, text) == expected


def test_pages_are_kept() -> None:
    document = Document.from_text("t.txt", "the party (Serge, From Lenin to Stalin, p. 43–44).")
    (mention,), _ = parenthetical.find(document)
    assert mention.pages == "43–44"
    assert mention.raw == "Serge, From Lenin to Stalin, p. 43–44"


def test_author_date_needs_evidence_without_a_locator() -> None:
    """`Smith (1998)` alone is a weak form: kept when the document has a reference list."""
    text = "As Smith (1998) argued, it was so."
    assert rows(parenthetical.find, text) == []
    listed = text + "\n\nReferences\n\nSmith, J. (1998) A Book. London: Verso.\n"
    assert rows(parenthetical.find, listed) == [(P, None, "Smith")]


def test_a_lone_family_name_already_cited_is_an_author() -> None:
    text = "one (Serge, From Lenin to Stalin, p. 43). two (Serge, p. 50)."
    assert rows(parenthetical.find, text)[1] == (P, None, "Serge")


@pytest.mark.parametrize(
    "form", ["ibid.", "Ibid.", "ibidem", "ebd.", "Ebd.", "ebenda", "ivi", "Id."]
)
def test_ibid_in_running_text_in_every_language_the_parser_knows(form: str) -> None:
    document = Document.from_text("t.txt", f"Their decline was rapid ({form}, p. 90).")
    (mention,), _ = parenthetical.find(document)
    assert (mention.kind, mention.pages, mention.raw) == (Kind.IBID, "90", f"{form}, p. 90")


def test_a_word_in_brackets_is_no_ibid() -> None:
    assert rows(parenthetical.find, "what Freud called the it (id) and the ego") == []
