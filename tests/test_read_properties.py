"""Properties of the read stage: decoding and converting never raise; the map from converted
text to the original file rises and stays inside the file; and in HTML every word lands on
the original line that holds it, so every line a later stage reports is the file's own."""

from __future__ import annotations

import html as htmllib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeres.model import Document
from citeres.pipeline import analyse_documents
from citeres.read import html, markdown
from citeres.read.decode import NotText, decode

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BYTES = st.binary(max_size=600) | st.lists(
    st.sampled_from(
        [b"a", b" ", b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xc3\xa9", b"\xe2\x80"]
    ),
    max_size=200,
).map(b"".join)
TAG_SOUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<sup>",
            "</sup>",
            "3",
            "[4]",
            "<a href='#f1'>",
            "<a id='f1'>",
            "</a>",
            "<li id='f2'>",
            "<ol class='footnotes'>",
            "</ol>",
            "<i>",
            "</i>",
            "<cite>",
            "<br>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<pre>",
            "</pre>",
            "&amp;",
            "&#x2014;",
            "\n",
            "  ",
            "word",
            "Carr,",
            "1950",
            "<div\n class='x'>",
            "</div>",
            "<table><tr><td>",
            "<",
            "<q>",
            "</q>",
            "<a href='https://ex.org'>",
            "<nav>",
            "</nav>",
            "\u00ad",
            "<?x?>",
        ]
    ),
    max_size=80,
).map("".join)


@FAST
@given(BYTES)
def test_decoding_never_raises_and_leaves_no_control_characters(data: bytes) -> None:
    try:
        decoded = decode(data)
    except NotText:
        return
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", decoded.text)
    lines = decoded.text.count("\n") + 1
    assert all(1 <= line <= lines for line, _ in decoded.warnings)


@FAST
@given(TAG_SOUP)
def test_html_conversion_never_raises_and_its_map_rises_inside_the_file(source: str) -> None:
    converted = html.convert(source)
    lines = source.count("\n") + 1
    offsets = [o for o, _ in converted.origins]
    assert offsets == sorted(offsets) and all(0 <= o < len(converted.text) for o in offsets)
    origin_lines = [line for _, line in converted.origins]
    assert origin_lines == sorted(set(origin_lines))
    assert all(1 <= line <= lines for line in origin_lines)
    document = Document.converted("x.html", converted.text, converted.origins, lines)
    assert document.line_count == lines
    seen = [document.line_of(i) for i in range(len(document.text))]
    assert seen == sorted(seen) and all(1 <= line <= lines for line in seen)


@FAST
@given(st.text(st.sampled_from("ab*_[]()#<>`\\!:^1 \n"), max_size=120))
def test_markdown_keeps_every_line_in_its_place(source: str) -> None:
    assert markdown.convert(source).count("\n") == source.count("\n")


WORDS = ["amber", "basalt", "cobalt", "delta", "ember", "fjord", "garnet", "harbour"]
SPACE = st.sampled_from([" ", " ", "\n", "\n   ", " \n\n "])


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """Words in inline markup, broken over lines anywhere a space may stand."""
    pieces = []
    for word in draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)):
        wrap = draw(st.sampled_from(["{}", "<i>{}</i>", "<b>{}</b>", "<a href='#x'>{}</a>"]))
        pieces.append(wrap.format(word) + draw(SPACE))
    marker = draw(st.sampled_from(["", "<sup>1</sup>", "<sup><a href='#fn1'>[1]</a></sup>"]))
    return draw(st.sampled_from(["<p>", "<p\n class='x'>", "<div>"])) + "".join(pieces) + marker


@FAST
@given(st.lists(paragraph(), min_size=1, max_size=6), st.sampled_from(["\n", "", "\n\n"]))
def test_every_html_word_maps_to_the_original_line_that_holds_it(
    paragraphs: list[str], joint: str
) -> None:
    source = f"<html>\n<body>{joint.join(paragraphs)}\n</body></html>"
    converted = html.convert(source)
    lines = source.split("\n")
    document = Document.converted("x.html", converted.text, converted.origins, len(lines))
    for match in re.finditer("|".join(WORDS), document.text):
        assert match.group() in lines[document.line_of(match.start()) - 1], match.group()


NAMES = ["Carr", "Meyer", "Lewin", "Deutscher"]
TITLES = ["The Bolshevik Revolution", "Leninism", "Lenin's Last Struggle", "The Prophet Armed"]


@st.composite
def essay(draw: st.DrawFn) -> str:
    """A page with notes, the markup wrapped over lines at random."""
    count = draw(st.integers(1, 4))
    gap = draw(SPACE)
    body = "".join(
        f"<p>{NAMES[i]} wrote{gap}about it.<sup id='r{i + 1}'><a href='#fn{i + 1}'>{i + 1}</a>"
        f"</sup>{draw(SPACE)}</p>"
        for i in range(count)
    )
    notes = "".join(
        f"<li id='fn{i + 1}'>{draw(SPACE)}<p>E. H. {NAMES[i]},{draw(SPACE)}<i>{TITLES[i]}</i>,"
        f"{draw(SPACE)}London: Macmillan, {1950 + i}, p. {i + 4}.{draw(SPACE)}"
        f"<a href='#r{i + 1}'>↩</a></p></li>"
        for i in range(count)
    )
    shell = draw(st.sampled_from(["<ol class='footnotes'>{}</ol>", "<section>\n<ol>{}</ol>"]))
    return f"<html><body>\n{body}\n{shell.format(notes)}\n</body></html>\n"


@FAST
@given(essay())
def test_every_line_reported_for_an_html_essay_holds_what_it_reports(source: str) -> None:
    converted = html.convert(source)
    lines = source.split("\n")
    document = Document.converted("x.html", converted.text, converted.origins, len(lines))
    analysis = analyse_documents([document])
    citations = [c for d in analysis.documents for c in d.citations]
    assert citations
    for citation in citations:
        first = re.search(r"[^\W\d_]+", citation.raw)
        assert first and first.group() in htmllib.unescape(lines[citation.line - 1]), citation
    for problem in (p for d in analysis.documents for p in d.problems):
        assert 1 <= problem.line <= len(lines)
