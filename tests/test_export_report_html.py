"""report.html: self-contained, every document, citations in order, problems, a chart."""

from __future__ import annotations

import re

from export_works import ANALYSIS

from citeres.report_html import to_html

HTML = to_html(ANALYSIS)


def test_self_contained() -> None:
    assert "default-src 'none'" in HTML
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", HTML)
    assert "<script" not in HTML and "<link" not in HTML


def test_every_document_with_citations_in_order() -> None:
    assert HTML.count('<section class="document"') == 2
    one = HTML[HTML.index("essays/one.txt</h2>") : HTML.index("essays/two.txt</h2>")]
    lines = [int(n) for n in re.findall(r'<tr><td class="n">(\d+)</td>', one)]
    assert lines[:5] == [10, 12, 14, 20, 22]
    assert "ibid" in one
    assert "op. cit. &lt;without&gt; an earlier work" in one


def test_unresolved_and_ambiguous_citations_are_told_apart() -> None:
    one = HTML[HTML.index("essays/one.txt</h2>") : HTML.index("essays/two.txt</h2>")]
    one = one[one.index("Citations, in order") : one.index("<h3>Problems")]
    rows = {int(n): row for n, row in re.findall(r'<tr><td class="n">(\d+)</td>(.*?)</tr>', one)}
    assert '<span class="unresolved">unresolved</span>' in rows[20]
    assert '<span class="ambiguous">ambiguous</span>' in rows[22]
    assert "unresolved" not in rows[22]


def test_raw_text_is_escaped() -> None:
    assert "&lt;raw &amp; text of line 10&gt;" in HTML
    assert "<raw" not in HTML


def test_chart_counts_citations_per_work() -> None:
    chart = HTML[HTML.index("<svg") : HTML.index("</svg>")]
    assert re.search(r">carr1950bolshevik</text><rect[^>]*></rect><text[^>]*>2</text>", chart)
    assert ">trotskii1930moia</text>" in chart


def test_works_are_listed_with_anchors() -> None:
    assert 'id="work-kolakowski1978main"' in HTML
    assert "Троцкий" in HTML
