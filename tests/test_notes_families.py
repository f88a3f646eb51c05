"""Notes as real documents lay them out, one family a test: per chapter, after each
paragraph, `[Footnote N: ...]`, `[page:note]`, under a rule at a page's foot, `N text`,
far from 1, URL-only, any length; and the numbered lines that are not notes."""

from __future__ import annotations

from citeres.find import notes
from citeres.model import Document, Kind

CARR = "E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. {}."
MEYER = "Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. {}."
HILL = "Christopher Hill, Lenin and the Russian Revolution, London: Penguin Books, 1971, p. {}."
FILLER = (
    "The argument of this chapter runs over several lines of plain prose, which say\n"
    "nothing that could be taken for a note and carry no numbers at all.\n"
)


def blocks(text: str) -> list[notes.NotesBlock]:
    return notes.find_blocks(Document.from_text("essay.txt", text))


def numbers(text: str) -> list[list[str]]:
    """The labels of each block's notes."""
    return [[n.label for n in block.notes] for block in blocks(text)]


def problems(text: str) -> list[tuple[str, str]]:
    _, found, _ = notes.find(Document.from_text("essay.txt", text))
    return sorted((p.kind.value, p.message) for p in found)


def lines_of(text: str) -> list[list[int]]:
    return [[n.line for n in block.notes] for block in blocks(text)]


def test_notes_that_restart_under_each_chapter_are_blocks_of_their_own() -> None:
    chapter = (
        "CHAPTER {n}\n\n" + FILLER + "Carr said so.1 Meyer did not.2 Hill agreed.3\n\n"
        "NOTES\n\n1. " + CARR.format(5) + "\n2. " + MEYER.format(6) + "\n3. Ibid.\n\n"
    )
    text = chapter.format(n="I") + chapter.format(n="II")
    assert numbers(text) == [["1", "2", "3"], ["1", "2", "3"]]
    first, second = blocks(text)
    assert [m.number for m in second.markers] == [1, 2, 3]
    assert all(m.offset > first.end for m in second.markers)  # its own chapter's markers
    assert problems(text) == []


def test_a_restart_without_a_heading_is_a_new_block_too() -> None:
    text = (
        FILLER + "One claim.1 Another.2\n\n1. " + CARR.format(1) + "\n2. Ibid.\n\n"
        "PART TWO\n\n" + FILLER + "A third claim.1 A fourth.2\n\n1. " + HILL.format(4) + "\n"
        "2. " + MEYER.format(5) + "\n"
    )
    assert numbers(text) == [["1", "2"], ["1", "2"]]
    assert problems(text) == []


def test_a_lone_numbered_line_needs_a_heading_even_with_a_marker() -> None:
    text = FILLER + "One claim.1\n\n1. All power to the soviets, as they said in 1917.\n"
    assert blocks(text) == []


def test_numbering_problems_are_reported_per_block() -> None:
    chapter_one = FILLER + "Carr.1 Hill.2\n\nNotes\n\n1. " + CARR.format(1) + "\n2. Ibid.\n\n"
    chapter_two = (
        FILLER + "Meyer.1 Lewin.2 Serge.3\n\nNotes\n\n1. " + MEYER.format(2) + "\n3. Ibid.\n"
    )
    assert problems(chapter_one + chapter_two) == [
        ("marker-without-note", "marker 2 in the text has no note"),
        ("missing-note", "note 2 is missing from the notes (between 1 and 3)"),
    ]


def test_notes_numbered_without_a_full_stop_under_a_heading() -> None:
    text = (
        FILLER + "Hobsbawm wrote.1 So did Carr.2\n\nNotes\n\n"
        "1 Eric Hobsbawm, The Age of Extremes, London: Michael Joseph, 1994, p. 3.\n"
        "2 " + CARR.format(9) + "\n"
    )
    assert numbers(text) == [["1", "2"]]
    assert problems(text) == []


def test_a_page_that_is_only_notes_written_n_text() -> None:
    text = (
        "5 Karl Vogt, The Iron Road, Verso (1990), p.40\n"
        "6 Ibid., p.41\n"
        "7 Anna Berg, Rivers and Ports, Bristol (1983), p.12\n"
        "8 Vogt, The Iron Road, p.52\n"
    )
    assert numbers(text) == [["5", "6", "7", "8"]]


def test_gutenberg_footnote_blocks_after_their_paragraphs() -> None:
    text = (
        FILLER + "Mr. Warren, in his History,[1] bases his belief on tradition.\n\n"
        "    [Footnote 1: Coll. Minn. Hist. Soc., 1885, vol. 5, p. 130.]\n\n"
        + FILLER
        + "La Hontan[2] says so, and Hennepin[3] agrees.\n\n"
        "[Footnote 2: New Voyages to North America, London, 1703, vol. 2,\n"
        "pp. 47, 48.]\n\n"
        "[Footnote 3: History of the Ojebway Indians, London [1843(?)],\n"
        "pp. 143,144.]\n\n" + FILLER
    )
    (block,) = blocks(text)
    assert [n.label for n in block.notes] == ["1", "2", "3"]
    assert len(block.parts) == 2
    doc = Document.from_text("essay.txt", text)
    last = block.notes[-1]
    assert doc.text[last.start : last.end] == (
        "History of the Ojebway Indians, London [1843(?)],\npp. 143,144."
    )
    assert problems(text) == []


def test_a_gutenberg_footnote_that_only_comments_gives_no_citation() -> None:
    text = (
        FILLER + "He greeted me.[1] Then he left.[2]\n\n"
        "[Footnote 1: My surprise at this coincidence was very great.]\n\n"
        "[Footnote 2: _Some Indoor and Outdoor Games of the Wabanaki Indians_,\n"
        "Trans. Roy. Soc. Canada, Section II. 1889.]\n"
    )
    mentions, found, _ = notes.find(Document.from_text("essay.txt", text))
    assert [m.note for m in mentions] == [2]
    assert found == []


def test_bracketed_notes_after_each_paragraph_continuing_the_book() -> None:
    paragraphs = []
    for n in range(65, 71, 2):
        paragraphs.append(FILLER + f"A story of the old days.[{n}] And another one.[{n + 1}]\n")
        paragraphs.append(f"[{n}] From Miss Lane, of Rocquaine.\n\n[{n + 1}] From Rachel Duport.\n")
    text = "\n".join(paragraphs)
    (block,) = blocks(text)
    assert [n.number for n in block.notes] == list(range(65, 71))
    assert len(block.parts) == 3
    assert [m.number for m in block.markers] == list(range(65, 71))
    numbering = [p for p in problems(text) if p[0] != "vague-attribution"]
    assert numbering == []  # no missing notes 1-64: the excerpt starts at 65
    # each note names its informant, who is cited at the note (no work named)
    mentions, _, _ = notes.find(Document.from_text("essay.txt", text))
    credits = [(m.note, m.raw) for m in mentions if m.kind is Kind.AUTHOR_ONLY]
    assert credits == [(n, "Miss Lane" if n % 2 else "Rachel Duport") for n in range(65, 71)]


def test_page_note_labels() -> None:
    text = (
        "THE SIGNIFICANCE OF THE VALLEY[177:1]\n\n"
        + FILLER
        + "as he said.[177:2]\n\n"
        + FILLER
        + "of true sentiment.[178:1]\n\nFOOTNOTES:\n\n"
        "[177:1] Proceedings of the Historical Association for 1909-10.\n\n"
        "[177:2] _Harper's Magazine_, February, 1900, p. 413.\n\n"
        '[178:1] Roosevelt, "The Northwest in the Nation," p. 92.\n'
    )
    (block,) = blocks(text)
    assert [n.label for n in block.notes] == ["177:1", "177:2", "178:1"]
    assert [n.number for n in block.notes] == [1, 2, 1]
    assert len(block.markers) == 3
    assert problems(text) == []


def test_a_page_note_marker_without_its_note() -> None:
    text = (
        "Claim.[177:1] Another.[177:2] A third.[178:1]\n\nFOOTNOTES:\n\n"
        "[177:1] Proceedings, 1909-10.\n\n[178:1] Roosevelt, p. 92.\n"
    )
    # A page's last note cannot be missed by the numbering alone: its marker tells.
    assert problems(text) == [("marker-without-note", "marker 177:2 in the text has no note")]


def test_a_page_whose_first_note_is_missing() -> None:
    text = (
        "Claim.[177:1] Another.[178:2]\n\nFOOTNOTES:\n\n"
        "[177:1] Proceedings, 1909-10.\n\n[178:2] Roosevelt, p. 92.\n"
    )
    assert problems(text) == [
        ("missing-note", "note 178:1 is missing from the notes (between 177:1 and 178:2)")
    ]


OPINION = (
    "   JUSTICE {name}, concurring.\n"
    "I join the Court's opinion. Racial antagonism never can.” Id., at 216.{a} Aside\n"
    "from that case, the Court has recognized only two instances.\n\n"
    "——————\n"
    "  {a} The standard of “pressing public necessity” is more frequently called\n\n"
    "a “compelling governmental interest.” I use the terms interchangeably.\n"
    "                 Cite as: 570 U. S. ____ (2013)            3\n\n"
)


def test_footnotes_under_a_rule_at_the_foot_of_each_page() -> None:
    text = (
        OPINION.format(name="THOMAS", a=1) + "   JUSTICE GINSBURG, dissenting.\n"
        "Like so many educational institutions across the Nation,1 the University\n"
        "has taken care to follow the model.\n"
        "——————\n"
        "  1 See Brief for Amherst College et al. as Amici Curiae 33–35; Brief for\n\n"
        "Association of American Law Schools as Amicus Curiae 6.\n"
        "2           FISHER v. UNIVERSITY OF TEXAS AT AUSTIN\n\n"
        "It is race consciousness, not blindness to race, that\n"
        "drives such plans.2 As for holistic review, universities may resort to it.\n"
        "——————\n"
        "    2 The\n"
        "        notion that the law is race neutral calls to mind a statement: “you\n"
        "have a legal mind.” T. Arnold, The Symbols of Government 101 (1935)\n"
        "(internal quotation marks omitted). Only that kind of mind could say so.\n"
        "                     Cite as: 570 U. S. ____ (2013)                    3\n"
        "race remains necessary, see id., at 226.\n"
    )
    assert numbers(text) == [["1"], ["1", "2"]]
    assert problems(text) == []
    doc = Document.from_text("opinion.txt", text)
    second = notes.find_blocks(doc)[1]
    note_two = second.notes[1]
    assert doc.text[note_two.start : note_two.end].endswith("Only that kind of mind could say so.")
    assert "FISHER" not in doc.text[second.notes[0].start : second.notes[0].end]


def test_notes_that_start_far_from_one_under_a_heading() -> None:
    body = " ".join(f"Claim number {n}.[{n}]" for n in range(36, 41))
    notes_text = "\n\n".join(f"{n}. " + CARR.format(n) for n in range(36, 41))
    text = FILLER + body + "\n\nFOOTNOTES\n\n" + notes_text + "\n"
    assert numbers(text) == [[str(n) for n in range(36, 41)]]
    assert problems(text) == []


def test_a_lone_note_far_from_one_under_a_heading_with_its_marker() -> None:
    text = FILLER + "As Mr. Rhys truly says, it is unnecessary.[13]\n\nNotes\n\n"
    text += "13. *Modern English Essays*, edited by Ernest Rhys, 5 vols. (Dent).\n"
    assert numbers(text) == [["13"]]


def test_url_only_notes_are_notes() -> None:
    text = (
        FILLER + "A page.[1] A magazine.[2] An interview.[3] Ditto.[4]\n\nNotes\n\n"
        "1. https://www.facebook.com/StadtbuechereiNordenham/, 19.7.2016\n\n"
        "2. Buch und Bibliothek 10 (2016), S.592-593\n\n"
        "3. https://www.srf.ch/kultur/literatur/buecher-sind-von-gestern\n\n"
        "4. Ebd.\n"
    )
    assert numbers(text) == [["1", "2", "3", "4"]]
    assert problems(text) == []
    mentions, _, _ = notes.find(Document.from_text("essay.txt", text))
    assert [(m.note, m.kind) for m in mentions] == [
        (1, Kind.URL),
        (2, Kind.FULL),
        (3, Kind.URL),
        (4, Kind.FULL),
    ]
    assert mentions[0].raw == "https://www.facebook.com/StadtbuechereiNordenham/"
    assert mentions[2].line == 11


def test_a_list_of_bracketed_urls_is_left_to_the_url_finder() -> None:
    text = FILLER + "See this[1] and that[2].\n\n[1] https://a.example/x\n[2] https://b.example/y\n"
    assert blocks(text) == []


def test_note_numbers_of_any_length() -> None:
    numbers_ = list(range(9998, 10003))
    body = " ".join(f"Claim {n}.{n}" for n in numbers_)
    text = body + "\n\nNotes\n\n" + "\n".join(f"{n}. " + MEYER.format(n % 100) for n in numbers_)
    assert numbers(text) == [[str(n) for n in numbers_]]
    assert problems(text) == []


def test_superscript_markers_and_notes() -> None:
    text = FILLER + "Carr says so¹ and Meyer² disagrees.\n\n¹ " + CARR.format(3) + "\n² "
    text += MEYER.format(4) + "\n"
    assert numbers(text) == [["1", "2"]]
    assert problems(text) == []


def test_a_numbered_reference_list_whose_markers_are_mostly_not_recognised() -> None:
    entries = "\n".join(
        f"[{n}] A. Author, Title {n}, Journal {n} (1990), pp. 1-9." for n in range(1, 9)
    )
    text = FILLER + "As shown in [3-5], and as [7, 2] argue.\n\nReferences\n\n" + entries + "\n"
    (block,) = blocks(text)
    assert [m.number for m in block.markers] == [3, 4, 5, 7]  # [7, 2]: one rises
    assert problems(text) == [
        ("note-without-marker", f"note {n} has no marker in the text") for n in (1, 2, 6, 8)
    ]
    fewer = text.replace(", and as [7, 2] argue", "")
    assert problems(fewer) == [
        ("unmarked-notes", "5 of these 8 notes have no marker that citeres recognises in the text")
    ]


def test_notes_labelled_in_parentheses() -> None:
    text = (
        FILLER + "Comme le dit Michelet (1), et après lui Quinet (2).\n\n"
        "(1) Michelet, Histoire de France, Paris, 1833, t. II, p. 4.\n"
        "(2) Quinet, Le Christianisme et la Révolution, Paris, 1845, p. 12.\n"
    )
    assert numbers(text) == [["1", "2"]]
    assert problems(text) == []


def test_points_counted_in_parentheses_are_not_notes() -> None:
    text = (
        FILLER + "You need to (1) open it, (2) change it and (3) save it:\n\n"
        "(1) Open the file.\n(2) Change the line.\n(3) Save the file.\n"
    )
    assert blocks(text) == []


def test_notes_under_a_heading_for_their_chapter() -> None:
    text = FILLER + "Carr.1 Meyer.2\n\nNOTES TO CHAPTER III\n\n1. " + CARR.format(1)
    text += "\n2. Ibid.\n"
    (block,) = blocks(text)
    assert block.body_end == text.index("NOTES TO")


# What is not notes


def test_steps_of_a_procedure_are_not_notes() -> None:
    text = (
        "To install it:\n\n1. Download the archive.\n2. Unpack it in a folder.\n"
        "3. Run the installer and follow it.\n4. Restart the machine.\n\n" + FILLER
    )
    assert blocks(text) == []


def test_a_table_of_contents_with_years_is_not_notes() -> None:
    contents = (
        "CONTENTS\n\n1. Lenin and the State, 1917-1921\n2. The Civil War, 1918-1920\n"
        "3. The New Economic Policy, 1921-1928\n4. Collectivisation, 1929-1933\n\n"
    )
    assert blocks(contents + FILLER * 40) == []


def test_years_at_line_starts_are_not_notes() -> None:
    text = (
        "A chronology of the revolution.\n\n"
        "1917 The February Revolution; Lenin returns in April (see p. 4).\n"
        "1918 The treaty of Brest-Litovsk, signed in March 1918.\n"
        "1919 The Third International is founded in Moscow, 1919.\n"
        "1920 The war with Poland; vol. 2 covers it.\n\n" + FILLER
    )
    assert blocks(text) == []


def test_a_figure_at_a_line_start_is_not_a_note() -> None:
    text = "The party grew in the cities, where some\n12 per cent of workers joined it.\n"
    assert blocks(text + FILLER) == []


def test_numbered_paragraphs_of_the_essay_are_not_notes() -> None:
    paragraphs = "\n\n".join(
        f"{n}. In 19{10 + n} the party held its congress, as Carr argues.{2 * n - 1} The "
        f"delegates quarrelled over the programme, Meyer says.{2 * n}"
        for n in range(1, 6)
    )
    endnotes = "\n".join(f"{k}. " + (CARR if k % 2 else MEYER).format(k) for k in range(1, 11))
    text = paragraphs + "\n\nNotes\n\n" + endnotes + "\n"
    (block,) = blocks(text)
    assert [n.number for n in block.notes] == list(range(1, 11))
    assert [m.number for m in block.markers] == list(range(1, 11))


def test_paragraphs_numbered_between_which_digits_are_glued_are_not_notes() -> None:
    text = "\n\n".join(
        f"{n}. The congress of 1917 met in Petrograd.{n + 1} " + FILLER * 2 for n in range(1, 5)
    )
    assert blocks(text) == []


def test_a_numbered_list_inside_a_note_does_not_break_the_notes() -> None:
    text = (
        FILLER + "One.1 Two.2 Three.3\n\nNotes\n\n"
        "1. " + CARR.format(1) + "\n"
        "2. On this see the following:\n1. " + HILL.format(2) + "\n2. " + MEYER.format(3) + "\n"
        "3. Ibid.\n"
    )
    assert numbers(text)[0] == ["1", "2", "3"]
