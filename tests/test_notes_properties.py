"""Properties of the notes finder on documents mixed from the pieces real ones are made of
(labels of every style, markers, headings, rules, prose, numbers at line starts): it never
raises, every note and problem lies inside the file, blocks and their parts never overlap,
and every marker stands before its note, outside the notes."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeres.find import notes
from citeres.model import Document

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBERS = st.integers(min_value=0, max_value=12) | st.integers(min_value=1, max_value=20000)
REFERENCES = st.sampled_from(
    [
        "E.H. Carr, The Bolshevik Revolution, London: Macmillan, 1950, p. 4.",
        "Ibid., p. 12.",
        "Id., at 216.",
        "Ebd., S. 76.",
        "https://example.org/page, 19.7.2016",
        "From Miss Lane.",
        "Carr, op. cit., pp. 5-6.",
        "_Some Indoor Games_, Trans. Roy. Soc. Canada, 1889.",
        "The standard is more frequently called",
        "",
    ]
)
LABELS = st.sampled_from(
    ["{}. ", "{} . ", "{}) ", "[{}] ", "[^{}]: ", "[Footnote {}: ", "[177:{}] ", "{} ", "  {} "]
)
MARKERS = st.sampled_from(["word.{}", "word”.{}", "word[{}]", "word[^{}]", "x[177:{}]", "a {}"])
PROSE = st.sampled_from(
    [
        "The argument runs on over the line",
        "1917 was the year of the revolution.",
        "12 per cent of the workers joined.",
        "Notes",
        "FOOTNOTES:",
        "——————",
        "____",
        "",
        "]",
        "CHAPTER II",
        "    Cite as: 570 U. S. ____ (2013)            3",
    ]
)


@st.composite
def note_line(draw: st.DrawFn) -> str:
    label = draw(LABELS).format(draw(NUMBERS))
    return label + draw(REFERENCES) + draw(st.sampled_from(["", "]", "\n", "\n\ncontinued"]))


@st.composite
def body_line(draw: st.DrawFn) -> str:
    words = [draw(PROSE)]
    for _ in range(draw(st.integers(0, 3))):
        words.append(draw(MARKERS).format(draw(NUMBERS)))
    return " ".join(words)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    lines = draw(
        st.lists(note_line() | body_line() | st.text(max_size=30), min_size=1, max_size=40)
    )
    text = "\n".join(lines).replace("\r", "\n")
    return Document.from_text("doc.txt", text)


@SETTINGS
@given(documents())
def test_notes_are_found_without_raising_and_inside_the_file(doc: Document) -> None:
    mentions, problems, spans = notes.find(doc)
    for mention in mentions:
        assert 1 <= mention.line <= doc.line_count
        assert 0 <= mention.start <= mention.end <= len(doc.text)
        assert mention.note is not None
    for problem in problems:
        assert 1 <= problem.line <= doc.line_count
    for start, end in spans:
        assert 0 <= start <= end <= len(doc.text)


@SETTINGS
@given(documents())
def test_blocks_never_overlap(doc: Document) -> None:
    parts = [part for block in notes.find_blocks(doc) for part in block.parts]
    offsets = sorted((part.top, part.end) for part in parts)
    for (_, end), (start, _) in pairwise(offsets):
        assert end <= start
    for part in parts:
        assert part.top <= part.notes[0].start
        for note, after in pairwise(part.notes):
            assert note.start <= note.end <= after.start


@SETTINGS
@given(documents())
def test_markers_stand_before_their_notes_and_outside_them(doc: Document) -> None:
    for block in notes.find_blocks(doc):
        starts = {n.key: n.start for n in reversed(block.notes)}
        last_top = block.parts[-1].top
        for marker in block.markers:
            assert marker.offset < starts.get(marker.key, last_top)
            assert not any(p.top <= marker.offset < p.end for p in block.parts)
        keys = [m.key for m in block.markers]
        assert keys == sorted(set(keys))  # strictly rising through the text
