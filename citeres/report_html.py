"""bib/report.html: one self-contained page per run, for people rather than diffs.

Per document: a chart of how often each work is cited, the citations in order and the
problems with their lines. No scripts and no fetches: a Content-Security-Policy of
`default-src 'none'` makes the browser refuse anything that would leave the file.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from citeres.controls import strip_controls
from citeres.model import Analysis, Citation, DocumentResult, Problem, Work
from citeres.report import Totals, totals

CHART_LIMIT = 25  # bars per chart; the rest are summed in one line below it
BAR_HEIGHT = 18
LABEL_WIDTH = 230
BAR_WIDTH = 330

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.5rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #e4e4e4;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.raw{font-size:.9em;max-width:34rem}code{font-size:.9em}
.error{color:#a00}.warning{color:#a60}.info{color:#357}
.unresolved{color:#a00;font-style:italic}.ambiguous{color:#a60;font-style:italic}
svg text{font:12px system-ui,sans-serif}
"""


def escape(text: str) -> str:
    """Text as HTML: markup escaped, and no control character (which HTML forbids)."""
    return html.escape(strip_controls(text))


@dataclass(frozen=True)
class Entry:
    """A document in the table of contents."""

    path: str
    citations: int
    problems: int


def to_html(analysis: Analysis) -> str:
    works = {work.key: work for work in analysis.works}
    entries = [Entry(d.path, len(d.citations), len(d.problems)) for d in analysis.documents]
    sections = (document_section(i, doc, works) for i, doc in enumerate(analysis.documents, 1))
    counted = totals(analysis)
    return "".join(html_parts(counted, entries, sections, analysis.problems, analysis.works))


def html_parts(
    counted: Totals,
    entries: Sequence[Entry],
    sections: Iterable[str],
    problems: Sequence[Problem],
    works: Sequence[Work],
) -> Iterator[str]:
    """report.html piece by piece, the documents' sections (document_section) as they come."""
    head, tail = page("\0").split("\0")
    yield head
    yield "\n".join(["<h1>citeres report</h1>", summary(counted), contents(entries)])
    for part in sections:
        yield "\n" + part
    for part in (problems_table("Problems outside any document", problems), works_table(works)):
        if part:
            yield "\n" + part
    yield tail


def page(body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>citeres report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def summary(counted: Totals) -> str:
    return f"<p>{counted}.</p>"


def contents(entries: Sequence[Entry]) -> str:
    items = "".join(
        f'<li><a href="#doc-{i}">{escape(e.path)}</a> ({e.citations} citations, '
        f"{e.problems} problems)</li>"
        for i, e in enumerate(entries, 1)
    )
    return f"<ul>{items}</ul>"


def document_section(index: int, doc: DocumentResult, works: dict[str, Work]) -> str:
    return "\n".join(
        [
            f'<section class="document" id="doc-{index}">',
            f"<h2>{escape(doc.path)}</h2>",
            "<h3>Citations per work</h3>",
            chart(Counter(c.work for c in doc.citations if c.work), works),
            citations_table(doc.citations, works),
            problems_table("Problems", doc.problems),
            "</section>",
        ]
    )


def chart(counts: Counter[str], works: dict[str, Work]) -> str:
    """Horizontal bars, most cited first, as inline SVG (no script, no image file)."""
    if not counts:
        return "<p>No citation resolves to a work.</p>"
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown, rest = ranked[:CHART_LIMIT], ranked[CHART_LIMIT:]
    top = shown[0][1]
    height = BAR_HEIGHT * len(shown)
    bars = [bar(row, key, count, top, works.get(key)) for row, (key, count) in enumerate(shown)]
    width = LABEL_WIDTH + BAR_WIDTH + 40
    svg = (
        f'<svg role="img" aria-label="citations per work" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )
    more = (
        f"<p>and {len(rest)} more works cited {sum(n for _, n in rest)} times.</p>" if rest else ""
    )
    return svg + more


def bar(row: int, key: str, count: int, top: int, work: Work | None) -> str:
    y = row * BAR_HEIGHT
    length = max(2, round(BAR_WIDTH * count / top))
    label = key if len(key) <= 28 else key[:27] + "…"
    tip = escape(describe(work) if work else key)
    return (
        f"<g><title>{tip}: {count}</title>"
        f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>'
        f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="{BAR_HEIGHT - 6}" '
        f'fill="#4a7ab5"></rect>'
        f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 13}">{count}</text></g>'
    )


def citations_table(citations: Sequence[Citation], works: dict[str, Work]) -> str:
    if not citations:
        return "<p>No citations.</p>"
    head = row("th", ["Line", "Note", "Kind", "Raw text", "Work", "Pages"])
    rows = [citation_row(citation, works) for citation in citations]
    return f"<h3>Citations, in order</h3><table>{head}{''.join(rows)}</table>"


def citation_row(citation: Citation, works: dict[str, Work]) -> str:
    work = works.get(citation.work) if citation.work else None
    if citation.ambiguous:  # several works fit, and none is guessed
        target = '<span class="ambiguous">ambiguous</span>'
    elif citation.work is None:
        target = '<span class="unresolved">unresolved</span>'
    else:
        title = escape(describe(work)) if work else ""
        target = (
            f'<a href="#work-{escape(citation.work)}" title="{title}">'
            f"<code>{escape(citation.work)}</code></a>"
        )
    return (
        f'<tr><td class="n">{citation.line}</td><td class="n">{citation.note or ""}</td>'
        f'<td>{escape(citation.kind.value)}</td><td class="raw">{escape(citation.raw)}</td>'
        f"<td>{target}</td><td>{escape(citation.pages or '')}</td></tr>"
    )


def problems_table(heading: str, problems: Sequence[Problem]) -> str:
    if not problems:
        return "" if heading != "Problems" else "<h3>Problems</h3><p>None.</p>"
    head = row("th", ["Line", "Note", "Severity", "Kind", "Message"])
    rows = "".join(
        f'<tr><td class="n">{p.line}</td><td class="n">{p.note or ""}</td>'
        f'<td class="{escape(p.severity.value)}">{escape(p.severity.value)}</td>'
        f"<td>{escape(p.kind)}</td><td>{escape(p.message)}</td></tr>"
        for p in problems
    )
    return f"<h3>{escape(heading)}</h3><table>{head}{rows}</table>"


def works_table(works: Iterable[Work]) -> str:
    rows = "".join(
        f'<tr id="work-{escape(w.key)}"><td><code>{escape(w.key)}</code></td>'
        f"<td>{escape(w.type.value)}</td><td>{escape(describe(w))}</td>"
        f"<td>{escape(w.enrichment.outcome() if w.enrichment else 'not enriched')}</td></tr>"
        for w in sorted(works, key=lambda w: w.key)
    )
    if not rows:
        return ""
    head = row("th", ["Key", "Type", "Work", "Catalogue"])
    return f"<h2>Works</h2><table>{head}{rows}</table>"


def describe(work: Work) -> str:
    """`Hobsbawm, E. J., The Age of Revolution (1962)` for tooltips and the list."""
    names = "; ".join(n.display() for n in work.authors or work.editors)
    parts = [names, work.title or "(untitled)"]
    if work.volume:
        parts.append(f"Vol. {work.volume}")
    text = ", ".join(p for p in parts if p)
    return f"{text} ({work.year})" if work.year else text


def row(cell: str, values: Sequence[str]) -> str:
    return "<tr>" + "".join(f"<{cell}>{escape(v)}</{cell}>" for v in values) + "</tr>"
