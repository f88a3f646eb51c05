"""Analysis → text for people and tools: the JSON contract, linter lines, the Markdown report."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from citeres.controls import strip_controls
from citeres.model import Analysis, Citation, DocumentResult, Kind, Problem, Work
from citeres.problems import ordered


def all_problems(analysis: Analysis) -> list[Problem]:
    found = [p for d in analysis.documents for p in d.problems] + list(analysis.problems)
    return list(ordered(found))


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "line": c.line,
        "note": c.note,
        "raw": c.raw,
        "work": c.work,
        "pages": c.pages,
        "ambiguous": c.ambiguous,
    }


def problem_json(p: Problem) -> dict[str, Any]:
    return {
        "kind": p.kind,
        "severity": p.severity.value,
        "line": p.line,
        "note": p.note,
        "message": p.message,
    }


def work_json(w: Work) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": w.key,
        "type": w.type.value,
        "author": [n.inverted() for n in w.authors],
        "editor": [n.inverted() for n in w.editors],
        "translator": [n.inverted() for n in w.translators],
        "et_al": w.et_al,
        "title": w.title,
        "container": w.container,
        "series": w.series,
        "volume": w.volume,
        "issue": w.issue,
        "edition": w.edition,
        "year": w.year,
        "publisher": w.publisher,
        "address": w.place,
        "pages": w.pages,
        "url": w.url,
        "doi": w.doi,
        "isbn": w.isbn,
    }
    if w.enrichment is not None:
        data.update(enrichment_json(w))
    return data


def enrichment_json(w: Work) -> dict[str, Any]:
    e = w.enrichment
    assert e is not None
    filled = {name: getattr(w, name) for name in e.filled if hasattr(w, name)}
    extra = {"subtitle": w.subtitle, "original_year": w.original_year, "openlibrary": w.openlibrary}
    return {
        **{k: v for k, v in extra.items() if v is not None},
        "enrichment": {
            "status": e.status,
            "source": e.source,
            "id": e.id,
            "score": round(e.score, 3),
            "filled": sorted(filled),
            "candidates": list(e.candidates),
            "query": e.query,
            "reason": e.reason,
        },
    }


def to_data(analysis: Analysis) -> dict[str, Any]:
    documents = [
        {
            "path": d.path,
            "citations": [citation_json(c) for c in d.citations],
            "problems": [problem_json(p) for p in d.problems],
        }
        for d in analysis.documents
    ]
    data: dict[str, Any] = {"documents": documents, "works": [work_json(w) for w in analysis.works]}
    if analysis.problems:
        data["problems"] = [{"path": p.path, **problem_json(p)} for p in analysis.problems]
    return data


def to_json(analysis: Analysis) -> str:
    return json.dumps(to_data(analysis), ensure_ascii=False, indent=2)


def where(p: Problem) -> str:
    """`path:line: `, or nothing for a problem of the whole run (a catalogue unreachable)."""
    return f"{p.path}:{p.line}: " if p.path else ""


def placed(p: Problem) -> str:
    """where(p) in Markdown, its space kept (inline() would trim it)."""
    return f"{inline(where(p).rstrip())} " if p.path else ""


def problem_lines(problems: list[Problem]) -> list[str]:
    """Linter lines for a terminal, which a control character in a note must not drive:
    `path:line:col: severity: kind: message`, as ruff and flake8 write them, so editors and
    CI annotators that read theirs read these (a problem of the whole run has no place)."""
    return [strip_controls(problem_line(p)) for p in problems]


def problem_line(p: Problem) -> str:
    # Problems are placed by line; the column is 1, the start of it, until they carry one.
    place = f"{p.path}:{p.line}:{COLUMN}: " if p.path else ""
    return f"{place}{p.severity.value}: {p.kind}: {p.message}"


COLUMN = 1


def problems_json(problems: list[Problem]) -> str:
    return json.dumps(
        [{"path": p.path, **problem_json(p)} for p in problems], ensure_ascii=False, indent=2
    )


@dataclass(frozen=True)
class Totals:
    """What a run found, counted: the summary line of the report and of `build`."""

    documents: int
    citations: int
    works: int
    problems: int

    def __str__(self) -> str:
        return (
            f"{self.documents} documents, {self.citations} citations, "
            f"{self.works} works, {self.problems} problems"
        )


def totals(analysis: Analysis) -> Totals:
    citations = sum(len(d.citations) for d in analysis.documents)
    problems = len(all_problems(analysis))
    return Totals(len(analysis.documents), citations, len(analysis.works), problems)


def summary(analysis: Analysis) -> str:
    return str(totals(analysis))


# What Markdown (CommonMark and GitHub's tables) reads as markup inside a line: emphasis,
# code, links and images, raw HTML, entities (`&amp;`, not a lone `&`), strikethrough, table
# cells. An underscore inside a word (`003_6b9c.txt`) is no emphasis and stays as it is.
MARKUP = re.compile(r"([\\`*\[\]<>|~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_]))")


def inline(text: object) -> str:
    """Text from a document as literal Markdown on one line: no control characters, every
    markup character escaped, so a note's raw HTML stays text and a `|` stays in its cell."""
    return escape_markup(one_line(str(text if text is not None else "")))


def one_line(text: str) -> str:
    return " ".join(strip_controls(text).split())


def escape_markup(text: str) -> str:
    return MARKUP.sub(r"\\\1", text)


cell = inline  # a table cell is one line of literal text


def message(text: str) -> str:
    """A problem's message: its `quoted` parts stay code spans, which Markdown shows
    literally whatever they hold; the rest is escaped as literal text."""
    parts = one_line(text).split("`")
    if len(parts) % 2 == 0:  # a backtick without its pair: all of it literal
        return inline(text)
    return "".join(f"`{part}`" if i % 2 else escape_markup(part) for i, part in enumerate(parts))


def to_markdown(analysis: Analysis) -> str:
    sections = (markdown_section(d) for d in analysis.documents)
    parts = markdown_parts(totals(analysis), sections, analysis.problems, analysis.works)
    return "".join(parts)


def markdown_parts(
    counted: Totals, sections: Iterable[str], problems: Sequence[Problem], works: Sequence[Work]
) -> Iterator[str]:
    """report.md piece by piece, the documents' sections (markdown_section) as they come."""
    yield text_of(["# citeres report", "", str(counted), ""])
    yield from sections
    lines = []
    if problems:
        lines += ["## Other problems", ""]
        lines += [f"- {placed(p)}{p.kind}: {message(p.message)}" for p in problems]
        lines.append("")
    lines += [
        "## Works",
        "",
        "| key | type | authors | title | vol. | year | catalogue |",
        "|---|---|---|---|---|---|---|",
    ]
    for w in works:
        authors = "; ".join(n.inverted() for n in (w.authors or w.editors))
        row = (w.key, w.type.value, authors, w.title or w.url, w.volume, w.year, catalogue(w))
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    yield text_of(lines)


def text_of(lines: Iterable[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def markdown_section(document: DocumentResult) -> str:
    return text_of(document_markdown(document))


def catalogue(w: Work) -> str:
    """What enrichment did: `matched /works/OL…W (openlibrary) by title "…" + author …`,
    the rivals, the record refused and why, or `not enriched`."""
    return w.enrichment.outcome() if w.enrichment else "not enriched"


def document_markdown(document: DocumentResult) -> list[str]:
    kinds = Counter(c.kind for c in document.citations)
    counts = ", ".join(f"{kinds[k]} {k.value}" for k in Kind if kinds[k]) or "no citations"
    cited = Counter(c.work for c in document.citations if c.work)
    lines = [f"## {inline(document.path)}", "", f"Citations: {counts}.", ""]
    if cited:
        works_cited = ", ".join(f"{inline(k)} ({n})" for k, n in sorted(cited.items()))
        lines += [f"Works cited: {works_cited}", ""]
    lines += [f"### Problems ({len(document.problems)})", ""]
    lines += [
        f"- line {p.line}: **{p.severity.value}** {p.kind}: {message(p.message)}"
        for p in document.problems
    ]
    lines += [
        "",
        "### Citations",
        "",
        "| line | note | kind | text | work | pages |",
        "|---|---|---|---|---|---|",
    ]
    for c in document.citations:
        work = c.work or ("ambiguous" if c.ambiguous else "")
        row = (c.line, c.note, c.kind.value, c.raw, work, c.pages)
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    lines.append("")
    return lines
