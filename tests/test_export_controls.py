"""No control character reaches an output, and report.md shows notes as text: their raw
HTML stays text and their `|` stays inside its cell."""

from __future__ import annotations

import re
from pathlib import Path

from export_works import DIRTY, DIRTY_ANALYSIS
from markdown_it import MarkdownIt

from citeres.export import Format, write_bibliography
from citeres.report import problem_lines, to_markdown
from citeres.report_html import to_html

ALL = tuple(Format)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_control_characters_never_reach_a_bibliography_file(tmp_path: Path) -> None:
    problems = write_bibliography(tmp_path, DIRTY_ANALYSIS, ALL)
    for path in tmp_path.glob("references*"):
        text = path.read_text(encoding="utf-8")
        assert not CONTROL.search(text), path.name
        assert "Ordinary Title[31m with a bell" in text or path.suffix == ".bib"
    assert "Journal of Tests" in (tmp_path / "references.ris").read_text(encoding="utf-8")
    (found,) = [p for p in problems if p.kind == "control-character"]
    assert (found.path, found.line, found.severity.value) == ("essays/dirty\x1b.txt", 7, "warning")
    assert found.message.startswith(f"{DIRTY.key}: control characters removed from authors, ")
    assert "(from the document and the catalogue (crossref))" in found.message


def test_a_rebuild_reports_again_and_the_files_stay_clean(tmp_path: Path) -> None:
    write_bibliography(tmp_path, DIRTY_ANALYSIS, ALL)
    first = {p.name: p.read_bytes() for p in tmp_path.glob("references*")}
    problems = write_bibliography(tmp_path, DIRTY_ANALYSIS, ALL)
    assert [p.kind for p in problems] == ["control-character"]  # no edit seen in the .bib
    assert {p.name: p.read_bytes() for p in tmp_path.glob("references*")} == first


def test_report_md_has_no_control_characters() -> None:
    markdown = to_markdown(DIRTY_ANALYSIS)
    assert not CONTROL.search(markdown)
    assert not any(CONTROL.search(line) for line in problem_lines(
        [p for d in DIRTY_ANALYSIS.documents for p in d.problems]))  # fmt: skip


def rendered() -> str:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser.render(to_markdown(DIRTY_ANALYSIS))


def test_raw_html_in_a_note_stays_text_in_report_md() -> None:
    html = rendered()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "<em>" not in html and 'href="javascript' not in html


def test_a_pipe_in_a_note_stays_in_its_cell() -> None:
    html = rendered()
    table = html[html.index("<th>line</th>") : html.index("</table>")]
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL) if "<td>" in row]
    assert rows and all(row.count("<td>") == 6 for row in rows)
    assert "<td>5|6</td>" in rows[0]
    assert "&lt;/script&gt; | Smith, *Ordinary* [x](javascript:y) \\</td>" in rows[0]


def test_report_html_has_no_control_characters() -> None:
    assert not CONTROL.search(to_html(DIRTY_ANALYSIS))


def test_markdown_escapes_keep_file_names_and_keys_readable() -> None:
    from citeres.report import inline

    assert inline("seeds/003_6b9c40ab48327787.txt") == "seeds/003_6b9c40ab48327787.txt"
    html = MarkdownIt("commonmark").render(inline("_emphasis_ and __strong__ and a_b"))
    assert html == "<p>_emphasis_ and __strong__ and a_b</p>\n"


def test_a_messages_quoted_text_stays_a_code_span() -> None:
    from citeres.report import message

    html = MarkdownIt("commonmark").render(message("`<img src=x>` is taken as `*A* | B`"))
    assert html == "<p><code>&lt;img src=x&gt;</code> is taken as <code>*A* | B</code></p>\n"
    assert MarkdownIt("commonmark").render(message("odd ` <b>x</b>")) == (
        "<p>odd ` &lt;b&gt;x&lt;/b&gt;</p>\n"
    )


def test_an_ampersand_is_escaped_only_where_it_would_be_an_entity() -> None:
    from citeres.report import inline

    assert inline("Grosset & Dunlap") == "Grosset & Dunlap"
    html = MarkdownIt("commonmark").render(inline("&lt;b&gt; and &#60;i&#62;"))
    assert html == "<p>&amp;lt;b&amp;gt; and &amp;#60;i&amp;#62;</p>\n"
