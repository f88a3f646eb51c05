"""Markdown inputs: converted line for line, so what the finders report is the file's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.read.markdown import convert, convert_spans

# A row per construct met in Markdown saved from the web.
ROWS = [
    ("## Notes", "Notes"),
    ("### Further reading ###", "Further reading"),
    ("**Notes**", "Notes"),
    ("#hashtag stays", "#hashtag stays"),
    ("See [the report](https://example.org/r).", "See the report https://example.org/r."),
    ('See [the report](<https://example.org/r> "Title").', "See the report https://example.org/r."),
    (
        "A [page](https://en.wikipedia.org/wiki/Mercury_(planet)) here",
        "A page https://en.wikipedia.org/wiki/Mercury_(planet) here",
    ),
    ("[https://example.org](https://example.org)", "https://example.org"),
    ("A [local page](../other.md) link", "A local page link"),
    ("An image ![a map](map.png) inline", "An image a map inline"),
    ("Claim.[1](#fn1) And [[2]](#fn2)", "Claim.[1] And [2]"),
    ("Wiki copy.[3][4] stays", "Wiki copy.[3][4] stays"),
    ("Auto <https://example.org/x> link", "Auto https://example.org/x link"),
    ("Marker[^3] and note", "Marker[^3] and note"),
    ("[^3]: Smith, *Title*, London, 1990.", "[^3]: Smith, *Title*, London, 1990."),
    ("[^3]: Smith, [Title](https://ex.org/t), 1990.", "[^3]: Smith, Title https://ex.org/t, 1990."),
    ("his book *Soviet Workers* and __Bold__", "his book Soviet Workers and Bold"),
    ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
    (r"escaped \*stars\* and \[1\]", "escaped *stars* and [1]"),
    ("code `[a](https://b)` kept", "code `[a](https://b)` kept"),
    ("titled &#8220;Criticism&#8221; at MITH&#x2019;s", "titled “Criticism” at MITH’s"),
    ("[A &amp; B](https://ex.org/?a=1&amp;b=2)", "A & B https://ex.org/?a=1&b=2"),
    (r"written \&amp; and AT&T &copy", "written &amp; and AT&T &copy"),
    ("code `&amp;` kept", "code `&amp;` kept"),
    # inline HTML from the web: shown as a browser shows it
    ("in *West 86<sup>th</sup>* 28", "in West 86th 28"),
    ("a claim.<sup>3</sup> Then", "a claim.[3] Then"),
    ('a claim.<sup><a href="#fn4">4</a></sup>', "a claim.[4]"),
    (
        'see <a href="https://ex.org/r" title="r">the report</a>.',
        "see the report https://ex.org/r.",
    ),
    ('<span class="x">one</span><br/>two', "one two"),
    ("[^2]: Smith, <i>Title</i>, 1990.", "[^2]: Smith, *Title*, 1990."),
    ("code `<i>x</i>` kept", "code `<i>x</i>` kept"),
]


@pytest.mark.parametrize(("line", "expected"), ROWS)
def test_markdown_lines(line: str, expected: str) -> None:
    assert convert(line) == expected


def test_reference_links_and_fenced_code() -> None:
    text = "See [the report][r] and [Other][].\n```\n## [a](https://b)\n```\n[r]: https://r.org\n"
    assert convert(text) == (
        "See the report and [Other][].\n```\n## [a](https://b)\n```\n[r]: https://r.org\n"
    )


def test_markdown_essay_end_to_end_at_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_text(
        "# An essay\n\nCarr describes [the revolution](https://example.org/rev).[^1]\n"
        "Meyer disagrees.[^2]\n\n## Notes\n\n"
        "[^1]: E.H. Carr, *The Bolshevik Revolution*, Vol. I, Baltimore: Penguin Books, 1950.\n"
        "[^2]: Alfred G. Meyer, [*Leninism*](https://example.org/l), New York: Praeger, 1962.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    data = json.loads(result.output)
    (document,) = data["documents"]
    found = [(c["kind"], c["line"], c["note"], c["work"]) for c in document["citations"]]
    # the link in running text is markup, not a URL the essay cites; the notes' links are
    assert found == [
        ("full", 8, 1, "carr1950bolshevik"),
        ("full", 9, 2, "meyer1962leninism"),
    ]
    assert document["problems"] == []
    meyer = next(w for w in data["works"] if w["key"] == "meyer1962leninism")
    assert meyer["url"] == "https://example.org/l" and meyer["title"] == "Leninism"


def test_html_italics_mark_a_title_as_emphasis_does() -> None:
    text, links, italics = convert_spans(
        'His <cite>Leninism</cite> and <em>Soviet Workers</em>, <a href="https://ex.org">here</a>.'
    )
    assert [text[a:b] for a, b in italics] == ["Leninism", "Soviet Workers"]
    assert [text[a:b] for a, b in links] == ["https://ex.org"]


def test_a_link_address_with_entities_is_found_where_it_is_written() -> None:
    text, links, _ = convert_spans("See [A](https://ex.org/?a=1&amp;b=2).")
    assert [text[a:b] for a, b in links] == ["https://ex.org/?a=1&b=2"]
