"""A note, its references and its commentary: exact signals cut, the note-span model trims
commentary where a signal confirms it, and nothing else is ever cut off a reference."""
# ruff: noqa: E501  (tables of real strings read best one row to a line)

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeres.find.split import split_note
from citeres.model import Document
from citeres.pipeline import analyse_documents


def references(note: str) -> list[str]:
    return [note[a:b] for a, b in split_note(note, 0, len(note))]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "See: A. Smith, Title, London 1990; Also: Carr, op. cit., p. 5",
            ["A. Smith, Title, London 1990", "Carr, op. cit., p. 5"],
        ),
        ("Quoted in: Moshe Lewin, Lenin's Last Struggle, 12.", ["Moshe Lewin, Lenin's Last Struggle, 12."]),
        # The signals of German, French and Italian notes.
        ("Vgl. dazu: Brandt, Susanne (2010): Gedankenflüge. Wetzlar.", ["Brandt, Susanne (2010): Gedankenflüge. Wetzlar."]),
        ("Voir Braudel, La Méditerranée, p. 4; cfr. Rossi, Storia, cit., p. 5", ["Braudel, La Méditerranée, p. 4", "Rossi, Storia, cit., p. 5"]),
        # A web page's note label and its link back are no part of the reference.
        ("[05] Barthes, Roland: The Pleasure of Text. New York: Hill and Wang, 1975 [zurück]", ["Barthes, Roland: The Pleasure of Text. New York: Hill and Wang, 1975"]),
        # A semicolon between authors, or inside a quoted title, cuts nothing.
        ("Friedman, Alon; Thellefsen, Martin (2011): Concept theory. Journal of Documentation 67.", ["Friedman, Alon; Thellefsen, Martin (2011): Concept theory. Journal of Documentation 67."]),
        ('K. Faircloth (2012). "Tech Celeb Makes Donation; Internet Goes Berserk" BetaBeat.', ['K. Faircloth (2012). "Tech Celeb Makes Donation; Internet Goes Berserk" BetaBeat.']),
        # A page list ending in a comma keeps its comma, which the parser complains about.
        ("Carr, The Bolshevik Revolution, Vol. I, op. cit., pp. 195, 202,", ["Carr, The Bolshevik Revolution, Vol. I, op. cit., pp. 195, 202,"]),
    ],
)  # fmt: skip
def test_exact_signals(note: str, expected: list[str]) -> None:
    assert references(note) == expected


def test_commentary_before_a_signal_is_left_out() -> None:
    note = (
        'For the audit, see Joy Buolamwini and Timnit Gebru, "Gender Shades," accessed '
        "May 15, 2022, http://gendershades.org/index.html."
    )
    (found,) = references(note)
    assert found.startswith("Joy Buolamwini") and found.endswith("index.html.")


def test_a_note_of_two_references_and_commentary() -> None:
    note = (
        "See E. H. Carr, The Bolshevik Revolution (London: Macmillan, 1950), 12; but compare "
        "Moshe Lewin, Lenin's Last Struggle (New York: Vintage Books, 1970), 4–5, who argues "
        "that the testament was suppressed."
    )
    carr, lewin = references(note)
    assert carr == "E. H. Carr, The Bolshevik Revolution (London: Macmillan, 1950), 12"
    assert lewin.startswith("Moshe Lewin") and "who argues" not in lewin


def test_names_in_reading_order_are_never_cut() -> None:
    note = "Catherine D'Ignazio and Lauren F. Klein, Data Feminism (Cambridge: MIT Press, 2020)."
    assert references(note) == [note]


def test_commentary_is_never_a_title() -> None:
    text = (
        "Claims.1\n\nNotes\n\n1. See E. H. Carr, The Bolshevik Revolution (London: Macmillan, "
        "1950), 12; but compare Moshe Lewin, Lenin's Last Struggle (New York: Vintage Books, "
        "1970), 4–5, who argues that the testament was suppressed.\n"
    )
    analysis = analyse_documents([Document.from_text("a.txt", text)])
    titles = sorted(w.title or "" for w in analysis.works)
    assert titles == ["Lenin's Last Struggle", "The Bolshevik Revolution"]
    pages = [c.pages for c in analysis.documents[0].citations]
    assert pages == ["12", "4-5"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120), st.integers(0, 10), st.integers(0, 10))
def test_spans_lie_inside_the_note_in_order(text: str, left: int, right: int) -> None:
    start, end = min(left, len(text)), max(len(text) - right, 0)
    last = start
    for a, b in split_note(text, start, max(start, end)):
        assert last <= a < b <= max(start, end)
        last = b


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # An editor's note in brackets: its semicolons still separate its references.
        (
            '[See W. G. Brown, "Lower South"; W. E. Dodd, "Expansion and Conflict."]',
            ['W. G. Brown, "Lower South"', 'W. E. Dodd, "Expansion and Conflict."'],
        ),
        # A bracket that closes before the note ends is not the note's own.
        (
            "[1] A. Smith, The Title, 1990; B. Jones, Other [2nd ed.]",
            ["A. Smith, The Title, 1990", "B. Jones, Other [2nd ed.]"],
        ),
    ],
)
def test_a_note_in_brackets_is_split_inside_them(note: str, expected: list[str]) -> None:
    assert references(note) == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # A paragraph of a note that opens on a signal is cut from the one before.
        (
            "A similar story. See MacTaggart, _Encyclopaedia_, p. 4.\n\nSee also _Mélusine_, Vol. II., p. 357.",
            ["MacTaggart, _Encyclopaedia_, p. 4.", "_Mélusine_, Vol. II., p. 357."],
        ),
        # One that does not (a page break inside a sentence) stays with it.
        (
            "Brief for Amherst College 33; Brief for\n\nAssociation of Law Schools 6",
            ["Brief for Amherst College 33", "Brief for\n\nAssociation of Law Schools 6"],
        ),
    ],
)
def test_a_paragraph_of_a_note_opening_on_a_signal_is_cut(note: str, expected: list[str]) -> None:
    assert references(note) == expected


def test_a_piece_opening_on_a_locator_cites_the_work_before_it() -> None:
    note = "See D'Ignazio and Klein, *Data Feminism*, chap. 1, https://a.org/1; and chap. 5, https://a.org/5."
    assert references(note) == [
        "D'Ignazio and Klein, *Data Feminism*, chap. 1, https://a.org/1; and chap. 5, https://a.org/5."
    ]
    assert references("Carr, Revolution, p. 4; pp. 9-12; Hill, Lenin, p. 5") == [
        "Carr, Revolution, p. 4; pp. 9-12",
        "Hill, Lenin, p. 5",
    ]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            'Katherine Bode, "Model Away Bias," *MLQ* 81 (2020): 95-124. For an example, see Benjamin Fagan, "Chronicling," *AP* 26 (2016): 10.',
            [
                'Katherine Bode, "Model Away Bias," *MLQ* 81 (2020): 95-124.',
                'Benjamin Fagan, "Chronicling," *AP* 26 (2016): 10.',
            ],
        ),
        (
            "Carr, *Revolution*, p. 4. See also Hill, *Lenin*, p. 5.",
            ["Carr, *Revolution*, p. 4.", "Hill, *Lenin*, p. 5."],
        ),
        # A reference after the signal may open on its quoted title.
        (
            'Peter Howson, "Climate Crises," *Frontiers* 3 (2020), https://doi.org/10.3389/x.2020.22. For the outages, see "Échale la culpa a Bitcoin," iProUP, Dec. 31, 2021.',
            [
                'Peter Howson, "Climate Crises," *Frontiers* 3 (2020), https://doi.org/10.3389/x.2020.22.',
                '"Échale la culpa a Bitcoin," iProUP, Dec. 31, 2021.',
            ],
        ),
        # An abbreviation is no reference's end: the note is not cut after `Dr.`.
        (
            "On Dr. Gebru's firing, see Cade Metz, *Fired*, 2020.",
            ["On Dr. Gebru's firing, see Cade Metz, *Fired*, 2020."],
        ),
    ],
)
def test_a_sentence_of_commentary_opening_a_reference_on_a_signal_is_cut(
    note: str, expected: list[str]
) -> None:
    assert references(note) == expected
