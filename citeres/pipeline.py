"""The whole run, its stages written once and in order:
read → find → parse → resolve → cluster → keys → enrich → export → report.

`run` takes a Request (what the user asked for) and returns a Result; the CLI only builds
the one and prints the other. Problems are attached to their documents and ordered here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from citeres import cluster, find, keys, parse, resolve
from citeres.model import Analysis, Document, DocumentResult, Problem
from citeres.problems import ordered
from citeres.read import read_all
from citeres.settings import Settings
from citeres.write import check_output_dir

FORMATS = ("bibtex", "csljson", "ris")  # the default of `build --format`


@dataclass(frozen=True, kw_only=True)
class Request:
    """One run: the inputs, whether to ask the catalogues, and where to write (if at all)."""

    paths: tuple[Path, ...]
    enrich: bool = False
    settings: Settings = field(default_factory=Settings)
    quiet: bool = True  # no enrichment progress on stderr
    output: Path | None = None  # the folder for the bibliography and the report; None: none
    formats: tuple[str, ...] = FORMATS  # names of export.Format
    per_document: bool = False
    overwrite: bool = False  # throw hand edits of the .bib files away


@dataclass(frozen=True, kw_only=True)
class Result:
    analysis: Analysis  # every document's citations and problems, and the works
    kept: tuple[Problem, ...] = ()  # hand edits of the .bib files kept while writing


def run(request: Request) -> Result:
    """Read, analyse, enrich, export and report, in that order; raises CiteresError only when
    the run cannot go on (nothing readable, an output that cannot be written)."""
    if request.output is not None:
        check_output_dir(request.output)  # before any work: a bad -o costs nothing
    read = read_all(list(request.paths))
    analysis, problems = analyse(read.documents)
    problems = [*read.problems, *problems]
    if request.enrich:
        analysis, found = enrich(analysis, request)
        problems += found
    analysis = attach(analysis, problems)
    if request.output is None:
        return Result(analysis=analysis)
    kept = export(analysis, request, request.output)
    report(analysis, request.output)
    return Result(analysis=analysis, kept=kept)


def analyse_documents(documents: Sequence[Document]) -> Analysis:
    """The analysis of documents already read, problems attached (for tests and benchmarks)."""
    return attach(*analyse(documents))


def analyse(documents: Sequence[Document]) -> tuple[Analysis, list[Problem]]:
    """find → parse → resolve → cluster → keys, in path order so that nothing (keys, the
    fields a work takes when two editions meet) depends on the order of the inputs. The
    analysis comes without problems; they are returned beside it."""
    with without_cyclic_gc():
        resolutions = {}
        problems: list[Problem] = []
        for document in sorted(documents, key=lambda d: d.path):
            mentions, found = find.find_all(document)
            citations = []
            for mention in mentions:
                citation, complaints = parse.parse_mention(mention)
                citations.append(citation)
                problems.extend(complaints)
            resolution = resolve.resolve(citations)
            resolutions[document.path] = resolution
            problems.extend([*found, *resolution.problems])
        works, citations_by_path, clustered = cluster.cluster(resolutions)
        works, citations_by_path = keys.assign_keys(works, citations_by_path)
    documents_found = tuple(
        DocumentResult(path=path, citations=tuple(citations), problems=())
        for path, citations in citations_by_path.items()
    )
    return Analysis(documents=documents_found, works=tuple(works)), [*problems, *clustered]


def enrich(analysis: Analysis, request: Request) -> tuple[Analysis, list[Problem]]:
    """The works as the catalogues fill them, and the problems the catalogues raise. The
    analysis given carries no problems, so every problem enrichment returns is its own."""
    from citeres.enrich import enrich_analysis
    from citeres.enrich.progress import make_reporter

    enriched = enrich_analysis(analysis, request.settings, make_reporter(request.quiet))
    found = [p for d in enriched.documents for p in d.problems] + list(enriched.problems)
    return replace(analysis, works=enriched.works), found


def attach(analysis: Analysis, problems: Sequence[Problem]) -> Analysis:
    """Each problem on its document, in the one order; a problem of no document read (an
    unreadable file, the whole run) on the analysis."""
    by_path: dict[str, list[Problem]] = {d.path: list(d.problems) for d in analysis.documents}
    orphans = list(analysis.problems)
    for problem in problems:
        by_path.get(problem.path, orphans).append(problem)
    documents = tuple(replace(d, problems=ordered(by_path[d.path])) for d in analysis.documents)
    return replace(analysis, documents=documents, problems=ordered(orphans))


def export(analysis: Analysis, request: Request, folder: Path) -> tuple[Problem, ...]:
    """The bibliography files; returns the hand edits kept in them."""
    from citeres import export as formats

    wanted = formats.parse_formats(",".join(request.formats))
    kept = formats.write_bibliography(folder, analysis, wanted, request.overwrite)
    if request.per_document:
        kept += formats.write_per_document(folder, analysis, wanted, request.overwrite)
    return tuple(kept)


def report(analysis: Analysis, folder: Path) -> None:
    from citeres import report_html
    from citeres.report import to_markdown
    from citeres.write import write_atomic

    write_atomic(folder / "report.md", to_markdown(analysis))
    write_atomic(folder / "report.html", report_html.to_html(analysis))


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """The stages build many small values that hold no cycles; on a large run the cyclic
    collector rescans them again and again (a quarter of the time at 50 MB) and frees
    nothing. Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
