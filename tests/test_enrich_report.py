"""What `citeres build` says of enrichment: one summary line on stderr, and per work in
report.md and report.html what enrichment did (matched: the record and the query that
found it; ambiguous: the rivals; refused: the record and why; not found)."""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import pytest
from decoys import cases, catalogue_of
from enrich_support import settings_for
from fakeserver import FakeServer

from citeres.model import Enrichment, EnrichmentStatus
from citeres.pipeline import Request, run

NOTES = [
    "Vasily Grossman, Life and Fate, New York: Harper & Row, 1985, p. 12.",
    "Karl Kautsky, Selected Works, Berlin: Dietz, 1960, p. 3.",
    "Harold Lord Varney, Industrial Communism, New York: Lenox, 1919, p. 5.",
    "Alfred G. Meyer, Leninism, Cambridge: Harvard University Press, 1962, p. 40.",
]
SUMMARY = re.compile(
    r"^citeres: enriched (\d+) of (\d+) works: (\d+) matched, (\d+) ambiguous, "
    r"(\d+) refused, (\d+) not found; \d+ requests, \d+ from cache$"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The decoy catalogue (strict search) and an essay citing a work of each outcome."""
    root = tmp_path_factory.mktemp("build")
    (root / "in").mkdir()
    body = "Grossman.1 Kautsky.2 Varney.3 Meyer.4\n\nNotes\n\n"
    notes = "".join(f"{i}. {note}\n" for i, note in enumerate(NOTES, 1))
    (root / "in" / "essay.txt").write_text(body + notes, encoding="utf-8")
    server = FakeServer(catalogue_of(cases()), search="strict").start()
    stream = io.StringIO()
    try:
        settings = settings_for(server, root / "cache")
        with contextlib.redirect_stderr(stream):
            run(Request(paths=(root / "in",), output=root / "out", enrich=True,
                        settings=settings, quiet=False))  # fmt: skip
    finally:
        server.stop()
    return root / "out", stream.getvalue().splitlines()


def rows(markdown: str) -> dict[str, str]:
    """report.md's works table: key → the catalogue cell, unescaped."""
    table = markdown.split("## Works", 1)[1]
    found = {}
    lines = [line for line in table.splitlines() if line.startswith("|")]
    for line in lines[2:]:  # after the header row and its rule
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 7:
            found[cells[0]] = re.sub(r"\\(.)", r"\1", cells[6])
    return found


def html_rows(page: str) -> dict[str, str]:
    """report.html's works table: key → the catalogue cell, as text."""
    found = {}
    for key, cell in re.findall(r'<tr id="work-([^"]+)">.*?<td>([^<]*)</td></tr>', page):
        found[html.unescape(key)] = html.unescape(cell)
    return found


def test_build_prints_one_summary_line(built: tuple[Path, list[str]]) -> None:
    _, lines = built
    summaries = [line for line in lines if line.startswith("citeres: enriched ")]
    assert len(summaries) == 1, lines
    match = SUMMARY.match(summaries[0])
    assert match, summaries[0]
    enriched, total, matched, ambiguous, refused, missing = map(int, match.groups())
    assert (matched, ambiguous, refused, missing) == (1, 1, 1, 1)
    assert total == 4 and enriched == matched + ambiguous + refused


EXPECTED = {
    "grossman1985life": 'matched /works/OL9001W (openlibrary) by title "Life and Fate" + '
    "author Grossman",
    "kautsky1960selected": "ambiguous between Karl Kautsky: Selected Works (1960) "
    "[/works/OL9034W]; Karl Kautsky: Selected Works (1961) [/works/OL9035W]",
    "varney1919industrial": "refused 10.5555/reader.varney (crossref): a book-chapter, "
    "not the book cited",
    "meyer1962leninism": "not found",
}


def test_report_md_says_per_work_what_enrichment_did(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    assert rows((out / "report.md").read_text(encoding="utf-8")) == EXPECTED


def test_report_html_says_per_work_what_enrichment_did(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    assert html_rows((out / "report.html").read_text(encoding="utf-8")) == EXPECTED


@pytest.mark.parametrize(
    ("enrichment", "said"),
    [
        (Enrichment(status=EnrichmentStatus.NOT_FOUND, candidates=("A: B (1990) [x]",)),
         "not found; closest: A: B (1990) [x]"),
        (Enrichment(status=EnrichmentStatus.SKIPPED, reason="a web page"), "skipped: a web page"),
        (Enrichment(status=EnrichmentStatus.ERROR, reason="Open Library: 503"),
         "error: Open Library: 503"),
        (Enrichment(status=EnrichmentStatus.MATCHED, source="crossref", id="10.5555/x"),
         "matched 10.5555/x (crossref)"),
    ],
)  # fmt: skip
def test_each_outcome_in_one_line(enrichment: Enrichment, said: str) -> None:
    assert enrichment.outcome() == said
