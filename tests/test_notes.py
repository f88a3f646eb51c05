"""Endnotes: the notes section, each note's marker in the body, and the numbering's problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeres.find import notes
from citeres.model import Document, Problem
from citeres.pipeline import analyse_documents
from citeres.read import read_document

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_6b9c40ab48327787.txt"

CARR = "E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. {}."
MEYER = "Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. {}."
HILL = "Christopher Hill, Lenin and the Russian Revolution, London: Penguin Books, 1971, p. {}."


def document(text: str, path: str = "essay.txt") -> Document:
    return Document.from_text(path, text)


def found(text: str) -> tuple[list[notes.Note], list[Problem], str]:
    doc = document(text)
    sections = notes.find_blocks(doc)
    _, problems, spans = notes.find(doc)
    body_end = spans[0][0] if spans else len(doc.text)
    return [n for s in sections for n in s.notes], problems, doc.text[:body_end]


def only_section(doc: Document) -> notes.NotesBlock:
    sections = notes.find_blocks(doc)
    assert len(sections) == 1
    return sections[0]


def kinds(problems: list[Problem]) -> list[tuple[str, int | None, int]]:
    return sorted((p.kind, p.note, p.line) for p in problems)


def essay(body: str, note_lines: list[str]) -> str:
    return body.rstrip("\n") + "\n\nNotes\n\n" + "\n".join(note_lines) + "\n"


def test_simple_section_every_note_at_its_line() -> None:
    text = essay(
        "Carr says so.1 Meyer disagrees.2\n\nHill agrees.3\n",
        ["1. " + CARR.format(65), "", "2. " + MEYER.format(4), "", "3. " + HILL.format(7)],
    )
    found_notes, problems, body = found(text)
    assert [(n.number, n.line) for n in found_notes] == [(1, 7), (2, 9), (3, 11)]
    assert problems == []
    assert "Notes" not in body  # the heading belongs to the notes, not the body


def test_note_wrapping_over_a_blank_line_is_one_note() -> None:
    text = essay(
        "A claim.1 Another.2\n",
        [
            "1. Moshe Lewin, Lenin’s Last Struggle, New York: Vintage",
            "",
            "Books, 1970, p. 4.",
            "",
            "2. Ibid., p. xii.",
        ],
    )
    doc = document(text)
    analysis = analyse_documents([doc])
    (result,) = analysis.documents
    first = result.citations[0]
    assert first.note == 1 and first.line == 5
    assert first.raw == "Moshe Lewin, Lenin’s Last Struggle, New York: Vintage Books, 1970, p. 4."
    assert first.pages == "4"
    (work,) = analysis.works
    assert work.publisher == "Vintage Books" and work.year == "1970"
    assert result.citations[1].work == first.work


@pytest.mark.parametrize(
    "start",
    ["60 . Leszek", "60. Leszek", "60.\u00a0 Leszek", "60.\u00a0\u00a0 Leszek", "  60. Leszek"],
)
def test_odd_spacing_after_the_number(start: str) -> None:
    lines = [f"{n}. Ibid., p. {n}." for n in range(2, 5)]
    lines.append(start.replace("60", "5") + " Kolakowski, Marxism and Beyond, London: 1969, p. 92.")
    lines.append("6. Ibid.")
    body = " ".join(f"Sentence {n}.{n}" for n in range(1, 7))
    text = essay(body, ["1. " + CARR.format(1), *lines])
    found_notes, _, _ = found(text)
    assert [n.number for n in found_notes] == list(range(1, 7))
    (kolakowski,) = [n for n in found_notes if n.number == 5]
    assert text[kolakowski.start :].startswith("Leszek Kolakowski")


def test_ibid_after_non_breaking_space() -> None:
    text = essay(
        "One.1 Two.2 Three.3 Four.4\n",
        [
            "1. " + CARR.format(1),
            "2. " + MEYER.format(2),
            "3. " + HILL.format(3),
            "4.\u00a0 Ibid.",
        ],
    )
    analysis = analyse_documents([document(text)])
    citations = analysis.documents[0].citations
    assert [c.note for c in citations] == [1, 2, 3, 4]
    assert citations[3].kind.value == "ibid"
    assert citations[3].work == citations[2].work is not None


def test_trailing_junk_after_the_last_note_is_not_swallowed() -> None:
    text = essay(
        "One.1 Two.2\n",
        ["1. " + CARR.format(1), "2. " + MEYER.format(5), "Leave a Reply", "", "Share this:"],
    )
    found_notes, _, _ = found(text)
    last = found_notes[-1]
    assert text[last.start : last.end] == MEYER.format(5)


def test_a_wrapped_last_note_keeps_its_continuation() -> None:
    text = essay(
        "One.1 Two.2\n",
        [
            "1. " + CARR.format(1),
            "2. Max Shachtman, Behind the Moscow Trial, New York:",
            "Pioneer Publishers, 1936, pp. 20-1.",
            "Leave a Reply",
        ],
    )
    found_notes, _, _ = found(text)
    last = found_notes[-1]
    assert text[last.start : last.end].endswith("1936, pp. 20-1.")


def test_numbered_theses_in_the_body_are_not_notes() -> None:
    body = (
        "Lenin set out his programme in ten points.\n\n"
        "1. All power to the soviets.\n"
        "2. No support for the provisional government.\n"
        "3. Nationalisation of the land.\n"
        "4. A single national bank.\n\n"
        "The argument is made by Carr.1 It is disputed.2\n"
    )
    text = essay(body, ["1. " + CARR.format(65), "2. " + MEYER.format(4)])
    found_notes, problems, body_text = found(text)
    assert [n.line for n in found_notes] == [12, 13]
    assert "All power to the soviets" in body_text
    assert problems == []


def test_theses_without_notes_give_no_notes() -> None:
    body = (
        "1. All power to the soviets.\n2. No support for the provisional government.\n"
        "3. Nationalisation of the land.\n"
    )
    found_notes, problems, _ = found(body)
    assert found_notes == [] and problems == []


# Marker finding: (body sentence, expected marker numbers in order).
MARKERS = [
    ("of socialism”.1 Then X.2", [1, 2]),
    ('of socialism".1 Then X.2', [1, 2]),
    ("as argued by Leon Trotsky 1\nwho wrote.2", [1, 2]),
    ("drive us to passivity.”1 and more.2", [1, 2]),
    ("his colleagues;1 and others:2", [1, 2]),
    # figures, years, decades and a glued decimal are not markers
    ("In 1917 some 700,000 men.1 In the 1920s, 3.5 million.2", [1, 2]),
    ("Some 700,000.1 In 1921 the party had 12 cells.2", [1, 2]),
    ("The year 1905 and 2 men.1 Then.2", [1, 2]),
]


@pytest.mark.parametrize(("body", "expected"), MARKERS)
def test_markers(body: str, expected: list[int]) -> None:
    text = essay(body, ["1. " + CARR.format(1), "2. " + MEYER.format(2)])
    doc = document(text)
    section = only_section(doc)
    assert [m.number for m in section.markers] == expected
    _, problems, _ = notes.find(doc)
    assert problems == []


def test_figure_glued_marker_is_taken_when_the_numbering_expects_it() -> None:
    # `700,000.4` ends a sentence with marker 4 (seed 003's `700,000.34`).
    sentences = [f"Claim {n}.{n}" for n in range(1, 4)]
    sentences.append("The camps held 700,000.4")
    sentences.append("Then another.5")
    text = essay(" ".join(sentences), [f"{n}. " + CARR.format(n) for n in range(1, 6)])
    doc = document(text)
    section = only_section(doc)
    body = text[: section.body_end]
    markers = section.markers
    assert [m.number for m in markers] == list(range(1, 6))
    (m4,) = [m for m in markers if m.number == 4]
    assert body[m4.offset - 8 : m4.offset + 1] == "700,000.4"


def test_missing_note_and_its_orphan_marker() -> None:
    body = "One.1\nTwo.2\nThree.3\nFour.4\n"
    text = essay(body, ["1. " + CARR.format(1), "2. " + MEYER.format(2), "4. Ibid., p. 9."])
    _, problems, _ = found(text)
    assert kinds(problems) == [("marker-without-note", 3, 3), ("missing-note", 3, 10)]
    ibid = analyse_documents([document(text)]).documents[0].citations[-1]
    assert ibid.note == 4 and ibid.work is None and ibid.ambiguous


def test_note_without_marker() -> None:
    text = essay(
        "One.1 Two, unmarked. Three.3\n",
        ["1. " + CARR.format(1), "2. " + MEYER.format(2), "3. " + HILL.format(3)],
    )
    _, problems, _ = found(text)
    assert kinds(problems) == [("note-without-marker", 2, 6)]
    assert problems[0].severity.value == "warning"


def test_duplicate_note() -> None:
    text = essay(
        "One.1 Two.2 Three.3\n",
        ["1. " + CARR.format(1), "2. " + MEYER.format(2), "2. " + HILL.format(3), "3. Ibid."],
    )
    found_notes, problems, _ = found(text)
    assert [n.number for n in found_notes] == [1, 2, 2, 3]
    assert ("duplicate-note", 2, 7) in kinds(problems)


def test_bracketed_notes_and_markers() -> None:
    text = (
        "Carr says so.[1] Meyer disagrees[2].\n\n[1] "
        + CARR.format(1)
        + "\n[2] "
        + (MEYER.format(2) + "\n")
    )
    found_notes, problems, _ = found(text)
    assert [n.number for n in found_notes] == [1, 2]
    assert problems == []


# Seed 003: the notes section as a careful editor reads it.
@pytest.fixture(scope="module")
def seed() -> tuple[Document, notes.NotesBlock, list[Problem]]:
    doc, _ = read_document(SEED, "seeds/003.txt")
    section = only_section(doc)
    _, problems, _ = notes.find(doc)
    return doc, section, problems


def test_seed_every_note_found_at_its_line(seed) -> None:
    doc, section, _ = seed
    lines = {n.number: n.line for n in section.notes}
    assert sorted(lines) == [n for n in range(1, 165) if n not in (141, 142)]
    for number, line in lines.items():
        text = doc.text[doc.line_starts[line - 1] :]
        assert text.split(".", 1)[0].strip() == str(number)
    assert (lines[1], lines[81], lines[82], lines[164]) == (504, 703, 707, 881)
    assert (lines[60], lines[143]) == (659, 831)


def test_seed_wrapped_note_81(seed) -> None:
    doc, section, _ = seed
    (n81,) = [n for n in section.notes if n.number == 81]
    assert " ".join(doc.text[n81.start : n81.end].split()) == (
        "Moshe Lewin, Lenin’s Last Struggle, New York: Vintage Books, 1970, p. 4."
    )


def test_seed_last_note_stops_before_the_comments(seed) -> None:
    doc, section, _ = seed
    last = section.notes[-1]
    assert doc.text[last.start : last.end] == "Cohn-Bendit, op. cit., p. 250."


def test_seed_numbering_problems(seed) -> None:
    _, _, problems = seed
    assert kinds(problems) == [
        ("marker-without-note", 141, 411),
        ("marker-without-note", 142, 413),
        ("missing-note", 141, 831),
        ("missing-note", 142, 831),
    ]


def test_seed_markers(seed) -> None:
    doc, section, _ = seed
    body = doc.text[: section.body_end]
    markers = section.markers
    assert [m.number for m in markers] == list(range(1, 165))
    where = {m.number: doc.line_of(m.offset) for m in markers}
    assert (where[141], where[142]) == (411, 413)
    assert body[markers[141].offset - 11 : markers[141].offset + 3] == "passivity.”142"


@pytest.mark.parametrize(
    ("number", "line", "before"),
    [
        (2, 5, "Leon Trotsky "),
        (3, 13, "socialism”."),
        (34, 115, "700,000."),
        (141, 411, "lesson.'”"),
        (142, 413, "passivity.”"),
    ],
)
def test_seed_marker_spots(seed, number: int, line: int, before: str) -> None:
    doc, section, _ = seed
    body = doc.text[: section.body_end]
    markers = section.markers
    (marker,) = [m for m in markers if m.number == number]
    assert doc.line_of(marker.offset) == line
    assert body[: marker.offset].endswith(before)


def test_each_part_with_notes_of_its_own() -> None:
    part_one = essay("Part one. A claim.1 Another claim.2", ["1. " + CARR.format(3), "2. Ibid."])
    part_two = essay("Part two. A third claim.1 And more.2", ["1. " + MEYER.format(5), "2. Ibid."])
    doc = document(part_one + "\n" + part_two)
    sections = notes.find_blocks(doc)
    assert [[n.number for n in s.notes] for s in sections] == [[1, 2], [1, 2]]
    mentions, problems, _ = notes.find(doc)
    assert problems == []
    assert [m.raw.split(",")[0] for m in mentions] == [
        "E.H. Carr",
        "Ibid.",
        "Alfred G. Meyer",
        "Ibid.",
    ]


def test_a_numbered_list_that_cites_is_no_second_section_without_markers() -> None:
    reading = "Read these:\n\n1. " + HILL.format(9) + "\n2. " + MEYER.format(4) + "\n\n"
    text = essay(
        reading + "A claim.1 Another.2 A third.3", [f"{n}. " + CARR.format(n) for n in (1, 2, 3)]
    )
    sections = notes.find_blocks(document(text))
    assert [len(s.notes) for s in sections] == [3]


def test_a_lone_endnote_under_a_heading() -> None:
    text = essay("One claim only.1", ["1. " + CARR.format(7)])
    notes_found, problems, _ = found(text)
    assert [n.number for n in notes_found] == [1]
    assert problems == []


def test_a_lone_numbered_line_without_heading_is_not_a_note() -> None:
    text = "Intro.\n\n1. " + CARR.format(7) + "\n\nMore text follows here.\n"
    notes_found, _, _ = found(text)
    assert notes_found == []


def test_a_lone_markdown_footnote_needs_no_heading() -> None:
    text = (
        "# Notes on a book\n\nA claim.[^1]\n\n"
        "[^1]: Hannah Arendt, *On Revolution* (New York: Viking, 1963), 5.\n"
    )
    notes_found, problems, _ = found(text)
    assert [n.number for n in notes_found] == [1]
    assert problems == []


def test_every_citation_of_a_wrapped_note_is_reported_at_the_note() -> None:
    text = essay(
        "Carr says so.1 Meyer disagrees.2\n",
        ["1. " + CARR.format(65) + " See also", "   " + MEYER.format(4), "2. " + HILL.format(7)],
    )
    mentions, _, _ = notes.find(document(text))
    assert [(m.note, m.line, m.raw[:10]) for m in mentions] == [
        (1, 5, "E.H. Carr,"),
        (1, 5, "Alfred G. "),
        (2, 7, "Christophe"),
    ]


def test_a_legal_note_gives_the_legal_citations() -> None:
    text = (
        "The Court held so.1\n——————\n"
        "  1 As the Court said in Grutter v. Bollinger, 539 U. S. 306, 339 (2003), it is\n"
        "settled. But, Grutter also explained, it is not required. Ibid.\n"
    )
    mentions, _, _ = notes.find(document(text))
    assert [(m.note, m.line, m.kind.value, m.raw) for m in mentions] == [
        (1, 3, "full", "Grutter v. Bollinger, 539 U. S. 306, 339 (2003)"),
        (1, 3, "mention", "Grutter"),
        (1, 3, "ibid", "Ibid."),
    ]


def test_a_note_ending_in_italics_ends_before_the_next_heading() -> None:
    text = (
        "The story is old.[1]\n\n"
        "[1] See Métivier, _Dictionnaire_, p. 36.\n\n"
        "It is told again.[2]\n\n"
        "[2] “Ceux qui effleurent tout.”--_Georges Métivier._\n\n\n"
        "“LE PONT DU DIABLE.”\n\nThe bridge stood there.\n"
    )
    found = [n for block in notes.find_blocks(document(text)) for n in block.notes]
    assert [n.number for n in found] == [1, 2]
    assert text[found[1].start : found[1].end].endswith("Métivier._")


def test_a_note_telling_a_year_in_a_sentence_cites_nothing() -> None:
    text = essay(
        "Froberger wrote it.1 Meyer disagrees.2 Hill agrees.3\n",
        [
            "1. Johann Jakob Froberger died in 1667.",
            "2. " + MEYER.format(4),
            "3. He was born about 1580, and came to Rome.",
        ],
    )
    mentions, _, _ = notes.find(document(text))
    assert [m.note for m in mentions] == [2]


def test_commentary_in_a_note_is_no_citation_however_it_mentions_years() -> None:
    text = essay(
        "Brenner taught there.1 The organ was rebuilt.2 A copy survives.3 So it is told.4\n",
        [
            "1. This is the year given by Holm. Older lexicons say 1702; this, however, "
            "must be an error, for Brenner (1702) would then be twelve years old.",
            "2. See also next chapter.",
            "3. The copy was made from a manuscript in the town library, which bears no "
            "such *titulus*; the name may once have been given to it in 1714.",
            '4. "Si puo suonare a due cembali."',
        ],
    )
    mentions, _, _ = notes.find(document(text))
    assert mentions == []


def test_a_note_naming_a_book_in_italics_or_a_letter_still_cites() -> None:
    text = essay(
        "A. So it was printed.1 B.2 C.3 D.4 E.5\n",
        [
            "1. The rondo is printed in *The Harpsichord Treasury* with its ornaments.",
            "2. Ibid.",
            "3. Marta Quell, letter to the author, March 3, 2019.",
            "4. Minutes of the vestry meetings held 1788–1790.",
            "5. *Gallimore*, under the article “Wells.”",
        ],
    )
    mentions, _, _ = notes.find(document(text))
    assert [m.note for m in mentions] == [1, 2, 3, 4, 5]
