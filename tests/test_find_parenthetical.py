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
    assert rows(parenthetical.find, listed) == [
        (P, None, "Smith"),
        ("further-reading", "A Book", "Smith"),  # the list's entry, a work to resolve to
    ]


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


def test_author_date_without_a_list_counts_when_several_works_are_cited_so() -> None:
    """One `(White, 1973)` may be a date in prose; three distinct works cited that way
    are the document's way of citing, list or no list."""
    one = "poetics (White, 1973). Nothing else."
    three = one + " Status (Veblen, 1914). Cybertext (as described in Aarseth, 1997)."
    assert rows(parenthetical.find, one) == []
    assert [author for _, _, author in rows(parenthetical.find, three)] == [
        "White",
        "Veblen",
        "Aarseth",
    ]


def test_dates_in_prose_do_not_make_author_date() -> None:
    table = "Members: China (1985), India (1983), Italy (1987), Japan (1977), Peru (1981)."
    assert rows(parenthetical.find, table) == []


def test_entries_of_an_author_date_list_are_works() -> None:
    text = (
        "As shown (Jacquesson 1995: 29).\n\n### Literatur\n\n"
        "Jacquesson, Alain (1995). *L'informatisation des bibliothèques: Historique*. "
        "Paris: Cercle, 1995\n\n"
        "Jacquesson, Alain ; von Roten, Gabrielle (2019). Histoire d'une (r)évolution. "
        "Genève: L'Esprit, 2019\n"
    )
    document = Document.from_text("t.md", text)
    mentions, _ = parenthetical.find(document)
    entries = [m for m in mentions if m.kind is Kind.FURTHER_READING]
    assert [(m.line, m.reference.title, m.reference.year) for m in entries] == [
        (5, "L'informatisation des bibliothèques: Historique", "1995"),
        (7, "Histoire d'une (r)évolution", "2019"),
    ]
    assert [n.family for n in entries[1].reference.authors] == ["Jacquesson", "Roten"]
    # the entry's `(1995)` is the entry's own date, not another citation
    assert sum(m.kind is Kind.PARENTHETICAL for m in mentions) == 1


def test_an_aside_closing_on_an_author_date_with_pages_cites_it() -> None:
    text = "as they came (on mainframes, Jacquesson 1995: 245–265) or (in 1995, Smith 2001)."
    found = rows(parenthetical.find, text)
    assert found == [(P, None, "Jacquesson")]
