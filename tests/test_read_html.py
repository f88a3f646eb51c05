# ruff: noqa: E501  (the pages are written as the tools that make them write them)
"""HTML inputs as the web saves them: footnotes in the shapes of the tools that write them
found end to end (marker paired with note, the right works) at the original file's lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.read import read_document

CARR = "E.H. Carr, <i>The Bolshevik Revolution</i>, Vol. I, Baltimore: Penguin Books, 1950, p. 65."
MEYER = "Alfred G. Meyer, <i>Leninism</i>, New York: Praeger, 1962, p. 169."
WORKS = {"carr1950bolshevik", "meyer1962leninism"}
CARR_WRAPPED = CARR.replace(", p. 65", ",\n      p. 65")  # a note over two lines
CARR_SPLIT = CARR.replace("Vol. I,", "Vol. I,\n")

# The same two notes, in the markup each tool or site writes.
SHAPES = {
    "pandoc": f"""<!DOCTYPE html>
<html><head><title>Essay</title>
<style>
body {{ margin: 0 auto; }}
</style></head>
<body>
<p>Carr describes the revolution.<a href="#fn1" class="footnote-ref"
id="fnref1" role="doc-noteref"><sup>1</sup></a> Meyer disagrees.<a href="#fn2"
class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<section class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr />
<ol>
<li id="fn1" role="doc-endnote"><p>{CARR}<a href="#fnref1" class="footnote-back"
role="doc-backlink">↩︎</a></p></li>
<li id="fn2" role="doc-endnote"><p>{MEYER}<a href="#fnref2" class="footnote-back"
role="doc-backlink">↩︎</a></p></li>
</ol>
</section>
</body></html>
""",
    "python-markdown": f"""<p>Carr describes the revolution.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>
Meyer disagrees.<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup></p>
<div class="footnote">
<hr />
<ol>
<li id="fn:1">
<p>{CARR}&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>
</li>
<li id="fn:2">
<p>{MEYER}&#160;<a class="footnote-backref" href="#fnref:2" title="Jump back to footnote 2 in the text">&#8617;</a></p>
</li>
</ol>
</div>
""",
    "kramdown": f"""<html><body><article>
<p>Carr describes the revolution.<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup>
Meyer disagrees.<sup id="fnref:2" role="doc-noteref"><a href="#fn:2" class="footnote" rel="footnote">2</a></sup></p>
<div class="footnotes" role="doc-endnotes">
  <ol>
    <li id="fn:1" role="doc-endnote">
      <p>{CARR_WRAPPED} <a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p>
    </li>
    <li id="fn:2" role="doc-endnote">
      <p>{MEYER}&nbsp;<a href="#fnref:2" class="reversefootnote" role="doc-backlink">&#8617;</a></p>
    </li>
  </ol>
</div>
</article></body></html>
""",
    "wikipedia": f"""<!DOCTYPE html>
<html class="client-nojs" lang="en" dir="ltr">
<head><meta charset="UTF-8"><title>Essay - Wikipedia</title>
<script>document.documentElement.className="client-js";</script></head>
<body>
<a class="mw-jump-link" href="#bodyContent">Jump to content</a>
<nav id="p-navigation" class="vector-menu" role="navigation"><ul><li><a href="/wiki/Main_Page">Main page</a></li></ul></nav>
<div id="content" class="mw-body" role="main"><div class="mw-parser-output">
<p>Carr describes the revolution.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">&#91;1&#93;</a></sup> Meyer
disagrees.<sup id="cite_ref-Meyer_2-0" class="reference"><a href="#cite_note-Meyer-2">&#91;2&#93;</a></sup><sup class="noprint Inline-Template"><i><a href="/wiki/Wikipedia:Citation_needed">citation needed</a></i></sup>
He says so twice.<sup id="cite_ref-Meyer_2-1" class="reference"><a href="#cite_note-Meyer-2">&#91;2&#93;</a></sup></p>
<h2><span class="mw-headline" id="Notes">Notes</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Essay&amp;action=edit&amp;section=1">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
<div class="reflist"><div class="mw-references-wrap"><ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span class="reference-text">{CARR}</span>
</li>
<li id="cite_note-Meyer-2"><span class="mw-cite-backlink">^ <a href="#cite_ref-Meyer_2-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-Meyer_2-1"><sup><i><b>b</b></i></sup></a></span> <span class="reference-text">{MEYER}</span>
</li>
</ol></div></div>
<div class="printfooter">Retrieved from "<a dir="ltr" href="https://en.wikipedia.org/w/index.php?title=Essay">https://en.wikipedia.org/w/index.php?title=Essay</a>"</div>
</div></div>
<footer id="footer" role="contentinfo"><ul><li>This page was last edited on 1 May 2024.</li></ul></footer>
</body></html>
""",
    "wikipedia-parsoid": f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"/><base href="//en.wikipedia.org/wiki/"/></head>
<body class="mw-content-ltr"><section data-mw-section-id="0">
<p>Carr describes the revolution.<sup class="mw-ref reference" id="cite_ref-1" typeof="mw:Extension/ref"><a href="./Essay#cite_note-1"><span class="mw-reflink-text">[1]</span></a></sup>
Meyer disagrees.<sup class="mw-ref reference" id="cite_ref-2"><a href="./Essay#cite_note-2"><span class="mw-reflink-text">[2]</span></a></sup></p></section>
<section data-mw-section-id="1"><h2 id="References">References</h2>
<div class="mw-references-wrap"><ol class="mw-references references">
<li about="#cite_note-1" id="cite_note-1"><span class="mw-cite-backlink" rel="mw:referencedBy"><a href="./Essay#cite_ref-1"><span class="mw-linkback-text">↑ </span></a></span> <span class="mw-reference-text reference-text">{CARR}</span></li>
<li about="#cite_note-2" id="cite_note-2"><span class="mw-cite-backlink" rel="mw:referencedBy"><a href="./Essay#cite_ref-2"><span class="mw-linkback-text">↑ </span></a></span> <span class="mw-reference-text reference-text">{MEYER}</span></li>
</ol></div></section>
</body></html>
""",
    "word": f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<style><!-- p.MsoNormal {{margin:0cm;}} --></style></head>
<body lang=EN-GB><div class=WordSection1>
<p class=MsoNormal>Carr describes the revolution.<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span><![endif]></span></a> Meyer
disagrees.<a style='mso-footnote-id:ftn2' href="#_ftn2" name="_ftnref2" title=""><span class=MsoFootnoteReference>[2]</span></a></p>
</div>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
<div style='mso-element:footnote' id=ftn1>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference>[1]</span></a> {CARR}</p>
</div>
<div style='mso-element:footnote' id=ftn2>
<p class=MsoFootnoteText><a style='mso-footnote-id:ftn2' href="#_ftnref2" name="_ftn2" title=""><span class=MsoFootnoteReference>[2]</span></a> {MEYER}</p>
</div></div>
</body></html>
""",
    "libreoffice": f"""<html><body>
<p>Carr describes the revolution.<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>
Meyer disagrees.<a class="sdfootnoteanc" name="sdfootnote2anc" href="#sdfootnote2sym"><sup>2</sup></a></p>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>{CARR}</p></div>
<div id="sdfootnote2"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote2sym" href="#sdfootnote2anc">2</a>{MEYER}</p></div>
</body></html>
""",
    "google-docs": f"""<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"></head><body class="c5 doc-content"><p class="c1"><span class="c0">Carr describes the revolution.</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span class="c0">&nbsp;Meyer disagrees.</span><sup><a href="#ftnt2" id="ftnt_ref2">[2]</a></sup></p><hr class="c6"><div><p class="c3"><a href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c2">&nbsp;{CARR}</span></p></div><div><p class="c3"><a href="#ftnt_ref2" id="ftnt2">[2]</a><span class="c2">&nbsp;{MEYER}</span></p></div></body></html>
""",
    "substack": f"""<html><body><div class="available-content"><div class="body markup">
<p>Carr describes the revolution.<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1" target="_self">1</a> Meyer disagrees.<a class="footnote-anchor" id="footnote-anchor-2" href="#footnote-2" target="_self">2</a></p>
<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content"><p>{CARR}</p></div></div>
<div class="footnote"><a id="footnote-2" href="#footnote-anchor-2" class="footnote-number" contenteditable="false" target="_self">2</a><div class="footnote-content"><p>{MEYER}</p></div></div>
</div></div></body></html>
""",
    "gutenberg": f"""<!DOCTYPE html>
<html lang="en">
<body>
<h2>CHAPTER I</h2>
<p>Carr describes the revolution.<a id="FNanchor_1_1" href="#Footnote_1_1" class="fnanchor">[1]</a>
Meyer disagrees.<a id="FNanchor_2_2" href="#Footnote_2_2" class="fnanchor">[2]</a></p>
<div class="footnote">
<p><a id="Footnote_1_1" href="#FNanchor_1_1" class="label">[1]</a> {CARR}</p>
</div>
<div class="footnote">
<p><a id="Footnote_2_2" href="#FNanchor_2_2" class="label">[2]</a> {MEYER}</p>
</div>
</body>
</html>
""",
    "epub-aside": f"""<html><body><section epub:type="chapter">
<p>Carr describes the revolution.<a epub:type="noteref" href="#n1" role="doc-noteref">1</a>
Meyer disagrees.<a epub:type="noteref" href="#n2" role="doc-noteref">2</a></p>
<aside epub:type="footnote" id="n1" role="doc-footnote"><p>{CARR}</p></aside>
<aside epub:type="footnote" id="n2" role="doc-footnote"><p>{MEYER}</p></aside>
</section></body></html>
""",
    "sup-and-paragraphs": f"""<html><body>
<p>Carr describes the revolution.<sup>1</sup> Meyer disagrees.<sup>2</sup></p>
<div class="footnotes">
<p id="fn1"><sup>1</sup> {CARR_SPLIT}</p>
<p id="fn2"><sup>2</sup> {MEYER}</p>
</div>
</body></html>
""",
    "sup-and-footnotes-list": f"""<html><body>
<p>Carr describes the revolution.<sup>1</sup> Meyer disagrees.<sup>2</sup></p>
<ol class="footnotes">
<li>{CARR}</li>
<li>{MEYER}</li>
</ol>
</body></html>
""",
    "minified": f'<html><body><p>Carr describes the revolution.<sup><a href="#f1" id="r1">1</a></sup> Meyer disagrees.<sup><a href="#f2" id="r2">2</a></sup></p><ol><li id="f1">{CARR} <a href="#r1">↩</a></li><li id="f2">{MEYER} <a href="#r2">↩</a></li></ol></body></html>',
}


def extract(path: Path) -> dict:
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def line_holding(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.split("\n"), 1) if text in line)


@pytest.mark.parametrize("shape", SHAPES)
def test_footnotes_found_with_their_markers_at_the_original_lines(
    tmp_path: Path, shape: str
) -> None:
    source = SHAPES[shape]
    path = tmp_path / "essay.html"
    path.write_text(source, encoding="utf-8")
    data = extract(path)
    (document,) = data["documents"]
    notes = [(c["note"], c["line"], c["work"]) for c in document["citations"] if c["note"]]
    assert notes == [
        (1, line_holding(source, "E.H. Carr"), "carr1950bolshevik"),
        (2, line_holding(source, "Alfred G. Meyer"), "meyer1962leninism"),
    ]
    # every marker paired with its note: no marker-without-note, note-without-marker
    assert document["problems"] == []
    assert {w["key"] for w in data["works"]} == WORKS
    assert CliRunner().invoke(app, ["check", str(path)]).exit_code == 0


def converted(tmp_path: Path, source: str, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return read_document(path)[0].text


def test_page_furniture_is_dropped_and_entities_decoded(tmp_path: Path) -> None:
    text = converted(
        tmp_path,
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<header><a href='/'>Home</a></header><nav>Menu</nav>"
        "<script>var x = '<p>not text</p>';</script><noscript>Enable scripts</noscript>"
        "<p>Smith &amp; Jo<span class='pagenum'><a id='Page_3'>[Pg 3]</a></span>nes"
        "&nbsp;wrote&#8212;&ldquo;quickly&rdquo;.</p>"
        "<p hidden>secret</p><div style='display: none'>gone</div>"
        "<article><header>Article header</header><p>Body</p></article>"
        "<footer>Copyright</footer></body></html>",
    )
    assert text == "Smith & Jones wrote—“quickly”.\n\nArticle header\n\nBody"


def test_blocks_are_lines_and_br_breaks_a_line(tmp_path: Path) -> None:
    text = converted(
        tmp_path,
        "<h1>Title</h1><p>One\n  paragraph,\n  wrapped.</p><p>Line<br>break</p>"
        "<ul><li>first</li><li>second</li></ul><ol start='3'><li>third</li><li>fourth</li></ol>"
        "<table><tr><td>a</td><td>b</td></tr></table><pre>keep\n  this</pre>",
    )
    assert text == (
        "Title\n\nOne paragraph, wrapped.\n\nLine\nbreak\n\nfirst\nsecond\n\n3. third\n"
        "4. fourth\n\na b\n\nkeep\n  this"
    )


def test_italics_are_titles_in_notes_and_plain_in_running_text(tmp_path: Path) -> None:
    """The reference parser reads `*Title*`; the finders of running text do not (they miss
    `his book *Title*`), so running text keeps the words only."""
    source = (
        "<p>In his seminal book <i>Soviet Workers and Stalinist Industrialization</i>, "
        "Hiroaki Kuromiya argues that the plan failed.<sup>1</sup></p>"
        "<ol class='footnotes'><li>Hiroaki Kuromiya, <em>Stalin's Industrial Revolution</em>, "
        "Cambridge: Cambridge University Press, 1988, p. 4.</li></ol>"
    )
    text = converted(tmp_path, source)
    assert "book Soviet Workers and Stalinist Industrialization," in text
    assert "1. Hiroaki Kuromiya, *Stalin's Industrial Revolution*, Cambridge" in text
    data = extract(tmp_path / "page.html")
    titles = {w["title"] for w in data["works"]}
    assert {"Soviet Workers and Stalinist Industrialization", "Stalin's Industrial Revolution"} <= (
        titles
    )


def test_a_whole_citation_in_cite_is_not_one_title(tmp_path: Path) -> None:
    text = converted(
        tmp_path,
        "<p>Claim.<sup>1</sup></p><ol class='references'><li><cite class='citation book'>"
        "Smith, S. A. (1983). <i>Red Petrograd</i>. Cambridge: CUP.</cite></li>"
        '<li><cite>Capital</cite> and <cite>"An Article"</cite></li></ol>',
    )
    assert "1. Smith, S. A. (1983). *Red Petrograd*. Cambridge: CUP." in text
    assert '2. *Capital* and "An Article"' in text


def test_links_to_other_sites_keep_their_address(tmp_path: Path) -> None:
    text = converted(
        tmp_path,
        "<p>See <a href='https://example.org/report'>the report</a>, "
        "<a href='https://example.org/x'>https://example.org/x</a>, "
        "<a href='/local/page'>a local page</a> and <a href='mailto:a@b.org'>mail</a>.</p>",
    )
    assert text == (
        "See the report https://example.org/report, https://example.org/x, a local page and mail."
    )


def test_letter_numbered_lists_are_not_notes(tmp_path: Path) -> None:
    text = converted(
        tmp_path,
        "<p>Text.<sup>1</sup></p><div class='reflist reflist-lower-alpha'>"
        "<ol class='references'><li>A remark.</li><li>Another.</li></ol></div>",
    )
    assert text == "Text.[1]\n\na. A remark.\nb. Another."


def test_a_notes_heading_is_written_once_above_the_notes(tmp_path: Path) -> None:
    page = SHAPES["sup-and-footnotes-list"]
    assert converted(tmp_path, page).count("Notes") == 1
    assert converted(tmp_path, page.replace("<ol", "<h2>Notes</h2><ol")).count("Notes") == 1


def test_the_parser_giving_up_is_reported_and_what_came_before_kept(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    deep = "<div>" * 3000 + "deep" + "</div>" * 3000
    path.write_text(f"<html><body>\n<p>Before.</p>\n{deep}\n<p>After.</p></body></html>")
    document, problems = read_document(path)
    assert document.text.startswith("Before.")
    assert [(p.kind, p.severity.value, p.line) for p in problems] == [
        ("html-truncated", "warning", 3)
    ]


def test_html_without_a_suffix_and_on_stdin_is_read_as_html(tmp_path: Path) -> None:
    page = SHAPES["pandoc"]
    (tmp_path / "saved-page").write_text(page, encoding="utf-8")
    for args, kwargs in (([str(tmp_path / "saved-page")], {}), (["-"], {"input": page})):
        result = CliRunner().invoke(app, ["extract", *args, "--format", "json"], **kwargs)
        data = json.loads(result.output)
        assert {w["key"] for w in data["works"]} == WORKS, args


def test_a_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    page = "<html><head><meta charset='windows-1252'></head><body><p>Mëyer’s “book”</p>"
    path.write_bytes(page.encode("cp1252"))
    document, problems = read_document(path)
    assert document.text == "Mëyer’s “book”"
    assert problems == []


def test_an_html_file_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body> </body></html>")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "no text" in result.output
