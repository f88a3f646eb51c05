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
    # Signatures in italics, as Gutenberg texts print them; a story signed by its informant.
    ("    “And elvish sprites.”\n\n                --_Marlowe._\n\nNext.", [(A, None, "Marlowe")]),
    ("so it sank.--_From Mr. Henry\nOzanne and others._\n\nNext.", [(A, None, "Ozanne")]),
    ("and so it sank.--_From Ann Ozanne, an old woman of the Vale._\n", [(A, None, "Ozanne")]),
    # ... but a work signed so is not a person, nor is a signature inside a paragraph.
    ("and so it sank.--_Ozanne’s Dictionary_, page 36.\n", []),
    ("and so it sank.--_From Ann Ozanne._ Then the tide rose.\n", []),
    ("The list ran on--_Ozanne._\n", []),
    # A lone surname the text writes as a name, ending its phrase.
    ("Of Garnett.\nAccording to Garnett, the song was old.", [(AO, None, "Garnett")]),
    ("Of Holt.\nIt was, according to Holt and Garnett, a late song.", [(AO, None, "Holt")]),
    ("Of Holt.\nas one is led by the works of Holt to believe.", [(AO, None, "Holt")]),
    # ... never a tradition, a report, a country, or a word the text also writes in lower case.
    ("According to tradition, the mill was built by monks.", []),
    ("According to the report, the mill was built by monks.", []),
    ("The islands are claimed by Argentina, which disputes it.", []),
    ("According to Rumour, it burned.\nrumour has it so.", []),
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


# Views credited with a verb of saying, read as the sentences view gives them (one
# paragraph a line). A lone surname counts when the document writes it inside a sentence
# and never in lower case; the first line of each text supplies that evidence.


def one(family: str) -> list[tuple[str, None, str]]:
    return [(AO, None, family)]


SAYINGS = [
    ("Ideas of Mill spread.\nMill acutely replies: “There is a difference.”", one("Mill")),
    ("Of Darwin.\nThe Bible said one thing, Darwin said that man descended.", one("Darwin")),
    ("It was, as Spencer observed, a discharge.\nAnd Spencer.", one("Spencer")),
    ("J. F. Stephen pointed out that the decisions of judges differ.", one("Stephen")),
    ("“I have no choice,” says Kuhnau, in lawyer-like language.\nOf Kuhnau.", one("Kuhnau")),
    ("This was expressed in the words of Mr. Gladstone: “Upon the grounds.”", one("Gladstone")),
    ("Let us lay down, with Mill, that the end is self-protection.\nOf Mill.", one("Mill")),
    ("Faisst, however, justly observes that the basis is old.\nOf Faisst.", one("Faisst")),
    ("Faisst, however, justly observes that the basis is old.", one("Faisst")),  # once, plainly
    ("Of Mitford.\n‘It was late,’ Miss Mitford writes. ‘The room was cold.’", one("Mitford")),
    ("Of Brown.\nMrs. Brown tells me there is a story of the hump.", one("Brown")),
    ("the voice of Mr. Hutton in the following passage: “It was.”", one("Hutton")),
    ("The account which follows was obtained from Mrs. Hale, who saw it.", one("Hale")),
    (  # a sentence that names a work of his elsewhere is no reading-list entry
        "Kuhnau, in Das Orchester (1713), speaks of it.\nLater, Kuhnau relates that it was old.",
        one("Kuhnau"),
    ),
    ("On my visit I heard from Thomas Rudd a story of the flood.", one("Rudd")),
    ("This piece of information was furnished by Mary le Marchant.", one("Marchant")),
    # A writer's text told in the present: `mentions`, `speaks of`, `gives` need nothing more.
    ("Of Spitta.\nSpitta mentions the fine fugue of the fourth sonata.", one("Spitta")),
    ("Of Hontan.\nLa Hontan speaks of the Outchepoues as good warriors.", one("Hontan")),
    # Must yield nothing.
    ("Of Spitta.\nSpitta mentioned the fugue to his wife.", []),  # the past narrates
    ("Of Leech.\nThe Leech Lake records show the same.", []),  # a noun
    ("Of Mozilla.\nMozilla gives users control. See mozilla.org.", []),  # lower case too
    ("The grain was obtained from New York and sold at once.", []),  # a place
    ("The grain was obtained from Canada.\nOf Canada.", []),
    ("Reality says otherwise.", []),  # named once, no manner word to vouch for it
    ("Of Mozilla.\nMozilla believes the web is open. See mozilla.org.", []),  # lower case too
    ("- E.H. Carr, What Is History? (1961), Ch. 1.\n- Carr says historians choose.", []),
    ("Critics argued that it failed.\nThe critics.", []),  # a common noun, not a person
    ("Furthermore, semantically described sources help.", []),  # opens sentences only
    ("Of Kuhnau.\nIn addition, Kuhnau wrote thirteen sonatas.", []),  # narrates
    ("Of Grossman.\nthe people Grossman describes in the cemetery", []),  # narrates
    ("Of Darwin.\nDarwin said that man descended (Darwin, Descent, p. 12).", []),  # sourced
    ("Of Lewin.\nas Lewin says, ‘the Party was absolute. It ruled’ (Lewin, p. 10).", []),
    ("As Victor Serge tells us, ‘Stalin packs it. Then’ (Serge, From Lenin, p. 43).", []),
    ("As Don Filtzer showed in his seminal book Soviet Workers, the class ceased.", []),
    ("Jan Vansina, Oral Tradition as History (1985), 1–13.\nVansina argues that it is.", []),
    ("the Governor of Louisiana wrote: “The Americans come.”", []),  # a place
    ("Of Black Cat.\nWewillemuck said, “Why did you not tell me?”", []),  # a tale's dialogue
    ("Of Trotsky.\nTrotsky was arguing for the militarisation of labour.", []),
]


@pytest.mark.parametrize(("text", "expected"), SAYINGS)
def test_sayings(text: str, expected: list) -> None:
    assert rows(attribution.find_sayings, text) == expected


def test_a_saying_is_reported_at_its_line_as_vague() -> None:
    document = Document.from_text("t.txt", "Of Mill.\n\nHere Mill replies: no.")
    mentions, problems = attribution.find_sayings(document)
    assert [(m.line, m.raw) for m in mentions] == [(3, "Mill replies")]
    assert [(p.kind, p.severity, p.line) for p in problems] == [
        ("vague-attribution", Severity.INFO, 3)
    ]


def test_fiction_dialogue_credits_no_one() -> None:
    """Where most paragraphs open with a quotation mark the text is a story: its
    characters speak, no source is credited."""
    story = "\n\n".join(["“Come in,” said he.", "“Holmes remarks that it is late,” I said."] * 3)
    essay = "Of Holmes.\n\nHolmes remarks that the hour is late."
    assert rows(attribution.find_sayings, story) == []
    assert attribution.is_dialogue(story)
    assert not attribution.is_dialogue("One.\n\nTwo.\n\n“Three.”")
    assert attribution.is_dialogue("'I came,' said he.\n\n'So?'\n\nHe went.")  # straight quotes
    assert rows(attribution.find_sayings, essay) == [(AO, None, "Holmes")]


# Credits inside notes are cited at the note: the line of its number, with the number.

NOTES_FILLER = (
    "The argument of this chapter runs over several lines of plain prose, which say\n"
    "nothing that could be taken for a note and carry no numbers at all.\n"
)


def credits_in(text: str) -> list[tuple[int, int | None, str]]:
    from citeres.find import find_all

    mentions, _ = find_all(Document.from_text("essay.txt", text))
    return [(m.line, m.note, m.raw) for m in mentions if m.kind.value in (A, AO)]


def test_a_credit_inside_a_footnote_is_cited_at_the_notes_line() -> None:
    text = (
        NOTES_FILLER + "The dance is held at night.[1]\n\n"
        "[Footnote 1: I never saw it myself. The account which follows\n"
        "was checked with care, and Dr. Hartley tells me that it is still\n"
        "danced in the north.]\n\n" + NOTES_FILLER
    )
    assert credits_in(text) == [(5, 1, "Dr. Hartley tells")]  # (the credit is on line 6)


def test_a_note_that_names_only_its_informant_cites_the_informant() -> None:
    text = (
        NOTES_FILLER + "A story of the old mill.[12] And one of the well.[13]\n\n"
        "[12] From Miss Carter, of Ambleside.\n\n[13] From Thomas Ashby.\n\n" + NOTES_FILLER
    )
    assert credits_in(text) == [(5, 12, "Miss Carter"), (7, 13, "Thomas Ashby")]


def test_a_note_naming_a_place_or_a_report_credits_no_one() -> None:
    text = (
        NOTES_FILLER + "A story of the old mill.[12] And one of the well.[13]\n\n"
        "[12] From Boston.\n\n[13] According to the report, it was rebuilt.\n\n" + NOTES_FILLER
    )
    assert credits_in(text) == []


def test_a_participle_is_no_credit() -> None:
    text = "Of Black Cat.\nThe Black Cat referred to is not the hero of the tale.\n"
    assert rows(attribution.find_sayings, text) == []
