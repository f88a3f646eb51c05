"""The whole run, its stages written once and in order:
read → find → parse → resolve → cluster → keys → enrich → export → report.

`run` takes a Request (what the user asked for) and returns a Result; the CLI only builds
the one and prints the other. Problems are attached to their documents and ordered here.
A run without an output (`extract`, `check`) holds every document in memory; a build
analyses each document on its own (`analyse_input`, in worker processes with `jobs`),
keeps it on disk and joins the archive at the end (`build`): the same stages, the same
output, memory flat in the number of documents.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from citeres import cluster, find, keys, parse, resolve
from citeres.errors import InputError
from citeres.find import echoes as echoed
from citeres.model import Analysis, Document, DocumentResult, Problem, ProblemKind, Work
from citeres.problems import ordered
from citeres.read import nothing_read, read_all, read_one, unreadable
from citeres.read.inputs import Input, expand, input_limit
from citeres.report import Totals, totals
from citeres.resolve import Resolution
from citeres.settings import Settings
from citeres.unfound import no_references
from citeres.write import check_output_dir

if TYPE_CHECKING:
    from citeres.archive.executors import Executor
    from citeres.archive.outline import Joined, Outline
    from citeres.archive.spool import Spool
    from citeres.enrich.verdicts import Looked

FORMATS = ("bibtex", "csljson", "ris")  # the default of `build --format`


@dataclass(frozen=True, kw_only=True)
class Request:
    """One run: the inputs, whether to ask the catalogues, and where to write (if at all)."""

    paths: tuple[Path, ...]
    enrich: bool = False
    settings: Settings = field(default_factory=Settings)
    quiet: bool = True  # no progress on stderr
    output: Path | None = None  # the folder for the bibliography and the report; None: none
    formats: tuple[str, ...] = FORMATS  # names of export.Format
    per_document: bool = False
    overwrite: bool = False  # throw hand edits of the .bib files away
    jobs: int = 1  # worker processes of a build (1: this process alone)
    dask: str | None = None  # a build on a Dask cluster: its scheduler's address, or "local"


@dataclass(frozen=True, kw_only=True)
class Result:
    analysis: Analysis | None  # every document's citations and problems, and the works;
    # None for a build, whose documents went to the output one by one
    totals: Totals
    kept: tuple[Problem, ...] = ()  # hand edits of the .bib files kept while writing


def run(request: Request) -> Result:
    """Read, analyse, enrich, export and report, in that order; raises CiteresError only when
    the run cannot go on (nothing readable, an output that cannot be written)."""
    if request.output is not None:
        check_output_dir(request.output)  # before any work: a bad -o costs nothing
        return build(request, request.output)
    read = read_all(list(request.paths))
    analysis, problems = analyse(read.documents)
    problems = [*read.problems, *problems]
    if request.enrich:
        analysis, found = enrich(analysis, request)
        problems += found
    analysis = attach(analysis, problems)
    return Result(analysis=analysis, totals=totals(analysis))


@dataclass(frozen=True, kw_only=True)
class Analysed:
    """One document after find → parse → resolve: its citations, which of them define a
    work (`resolution.anchors`), and its own problems, reading's first."""

    path: str
    resolution: Resolution
    problems: tuple[Problem, ...]


def analyse_document(document: Document, read: Sequence[Problem] = ()) -> Analysed:
    """find → parse → resolve: everything that one document alone decides."""
    mentions, found = find.find_all(document)
    citations = []
    problems = list(read)
    for mention in mentions:
        citation, complaints = parse.parse_mention(mention)
        citations.append(citation)
        problems.extend(complaints)
    resolution = resolve.resolve(citations)
    resolution = echoed.find(document, mentions, resolution)  # titles named again in prose
    problems += [*found, *resolution.problems, *no_references(document, mentions)]
    return Analysed(path=document.path, resolution=resolution, problems=tuple(problems))


def analysed_or_failed(
    document: Document, read: Sequence[Problem] = ()
) -> Analysed | list[Problem]:
    """analyse_document, or, when a stage fails on this document (a bug it meets), its
    `analysis-failed` problem: the document is skipped and the run goes on."""
    try:
        return analyse_document(document, read)
    except Exception as error:
        if os.environ.get("CITERES_DEBUG"):
            raise
        return [*read, failed(document.path, f"{type(error).__name__}: {error}")]


def analyse_input(limit: int, item: Input) -> Analysed | list[Problem]:
    """read → find → parse → resolve for one input (in a worker process, or here); the
    problems alone when it gives no document."""
    document, problems = read_one(item, limit)
    return problems if document is None else analysed_or_failed(document, problems)


def failed(path: str, reason: str) -> Problem:
    message = f"citeres failed on this document and skipped it ({reason})"
    return Problem(path=path, line=1, kind=ProblemKind.ANALYSIS_FAILED, message=message)


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
            analysed = analysed_or_failed(document)
            if isinstance(analysed, Analysed):
                resolutions[document.path] = analysed.resolution
                analysed = list(analysed.problems)
            problems.extend(analysed)
        works, citations_by_path, clustered = cluster.cluster(resolutions)
        works, citations_by_path = keys.assign_keys(works, citations_by_path)
    documents_found = tuple(
        DocumentResult(path=path, citations=tuple(citations), problems=())
        for path, citations in citations_by_path.items()
    )
    return Analysis(documents=documents_found, works=tuple(works)), [*problems, *clustered]


def build(request: Request, folder: Path) -> Result:
    """`citeres build`: each input read and analysed on its own (on worker processes or a
    Dask cluster) and spooled to disk; then the archive joined (cluster → keys), enriched,
    exported, and reported from the spool, one document at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from citeres.archive.executors import open_executor
    from citeres.archive.spool import Spool

    inputs, bad = expand(list(request.paths))
    problems = [unreadable(path, reason) for path, reason in bad]
    executor = open_executor(max(1, min(request.jobs, len(inputs))), request.dask)
    try:
        with Spool() as spool:
            with without_cyclic_gc():
                outlines = spool_inputs(inputs, executor, spool, problems, request.quiet)
                if not outlines:
                    raise InputError(nothing_read(problems))
                joined = join(outlines, spool)
            outline = joined.outline
            if request.enrich:
                outline, found = enrich_outline(outline, joined.citations, request, executor)
                problems += found
            # The bibliography is written here while the workers make the report.
            with ThreadPoolExecutor(1) as beside:
                exported = beside.submit(export, outline, request, folder)
                counted = report_spooled(
                    folder, outlines, joined, outline, problems, spool, executor
                )
                kept = exported.result()
    except BaseException:
        executor.stop()
        raise
    executor.close()
    return Result(analysis=None, totals=counted, kept=kept)


def spool_inputs(
    inputs: Sequence[Input], executor: Executor, spool: Spool, problems: list[Problem], quiet: bool
) -> list[Outline]:
    """read → find → parse → resolve, input by input, each analysis spooled as it comes;
    returns the documents' outlines in path order, and adds the inputs' problems."""
    from citeres.archive import work
    from citeres.archive.executors import Here
    from citeres.archive.progress import progress

    analyse = partial(work.analyse, input_limit())
    files = [item for item in inputs if item.path is not None]
    here = [item for item in inputs if item.path is None]  # standard input is ours to read
    arrivals = chain(Here().imap(analyse, here), executor.imap(analyse, files, work.lost))
    outlines: dict[str, Outline] = {}  # without their anchors: those wait in the spool
    shown = progress(len(inputs), quiet)
    try:
        for arrived in arrivals:
            problems.extend(arrived.problems)
            if arrived.outline is not None:
                spool.add("analysis", arrived.outline.path, arrived.record)
                spool.add("anchors", arrived.outline.path, arrived.anchors)
                outlines[arrived.outline.path] = arrived.outline
            shown.advance()
    finally:
        shown.close()
    return sorted(outlines.values(), key=lambda o: o.path)


def join(outlines: Sequence[Outline], spool: Spool) -> Joined:
    """cluster → keys across the archive, from the outlines and their spooled anchors."""
    from citeres.archive import outline

    return outline.join(outline.anchored(outlines, spool))


MATCHES = 64  # works sent to a worker at a time to be looked up in the local catalogue


def enrich_outline(
    outline: Analysis, citations: int, request: Request, executor: Executor
) -> tuple[Analysis, list[Problem]]:
    """enrich, for a build: the outline says where each work is first cited, which is
    all enrichment needs; the local catalogue is asked on the executor's workers."""
    from citeres.archive import work
    from citeres.enrich import attach, enrich_works
    from citeres.enrich.progress import make_reporter

    def local(works: list[Work]) -> Iterable[Looked]:
        chunks = [works[i : i + MATCHES] for i in range(0, len(works), MATCHES)]
        return chain.from_iterable(executor.imap(partial(work.match, request.settings), chunks))

    reporter = make_reporter(request.quiet)
    found = enrich_works(
        outline.works, request.settings, reporter, citations=citations, local=local
    )
    enriched = attach(outline, [found[w.key] for w in outline.works])
    problems = [p for d in enriched.documents for p in d.problems] + list(enriched.problems)
    return replace(outline, works=enriched.works), problems


def report_spooled(
    folder: Path,
    outlines: Sequence[Outline],
    joined: Joined,
    outline: Analysis,
    problems: Sequence[Problem],
    spool: Spool,
    executor: Executor,
) -> Totals:
    """report.md and report.html, each document's section made from the spool (on the
    workers) and written as it comes; returns the run's totals."""
    from citeres import report_html
    from citeres.archive import work
    from citeres.report import markdown_parts
    from citeres.write import write_atomic_parts

    found = {o.path: list(joined.problems.get(o.path, ())) for o in outlines}
    orphans = []
    for problem in problems:
        found[problem.path].append(problem) if problem.path in found else orphans.append(problem)
    run_problems = ordered(orphans)
    count = sum(o.problems + len(found[o.path]) for o in outlines) + len(run_problems)
    counted = Totals(len(outlines), joined.citations, len(outline.works), count)
    works = {w.key: w for w in outline.works}
    sections = (
        work.Section(
            i,
            spool.get("analysis", o.path),
            joined.keys[o.path],
            tuple(found[o.path]),
            {key: works[key] for key in set(joined.keys[o.path].values())},
        )
        for i, o in enumerate(outlines, 1)
    )

    def markdown() -> Iterator[str]:  # the HTML sections wait in the spool meanwhile
        for i, (text, html) in enumerate(executor.imap(work.render, sections), 1):
            spool.add("html", str(i), html.encode("utf-8"))
            yield text

    parts = markdown_parts(counted, markdown(), run_problems, outline.works)
    write_atomic_parts(folder / "report.md", parts)
    entries = [
        report_html.Entry(o.path, o.citations, o.problems + len(found[o.path])) for o in outlines
    ]
    html = (spool.get("html", str(i)).decode("utf-8") for i in range(1, len(outlines) + 1))
    pages = report_html.html_parts(counted, entries, html, run_problems, outline.works)
    write_atomic_parts(folder / "report.html", pages)
    return counted


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
