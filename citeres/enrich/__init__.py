"""Enrichment: each distinct work looked up once in Open Library or Crossref, checked, filled.

`enrich_analysis` is the one entry point; the network is in http.py, the judging in match.py.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from citeres.enrich import crossref, openlibrary
from citeres.enrich.cache import CacheStats, ResponseCache
from citeres.enrich.fill import Finding, apply
from citeres.enrich.http import SERVICE_NAMES, Http, NotCached
from citeres.enrich.match import Candidate, Verdict, choose, confirm
from citeres.enrich.progress import Reporter, Silent
from citeres.errors import NetworkError
from citeres.model import (
    Analysis,
    DocumentResult,
    Enrichment,
    EnrichmentStatus,
    Problem,
    ProblemKind,
    Severity,
    Work,
    WorkType,
)
from citeres.settings import Settings

SHOWN_CANDIDATES = 3
SKIPPED = Enrichment(status=EnrichmentStatus.SKIPPED)
FAILED = Enrichment(status=EnrichmentStatus.ERROR)
Editions = tuple[dict[str, Candidate], NetworkError | None]  # by ISBN; or why none came


@dataclass(frozen=True)
class Outcome:
    work: Work
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # why the catalogue could not be asked


def enrich_analysis(
    analysis: Analysis, settings: Settings, progress: Reporter | None = None
) -> Analysis:
    """A new Analysis whose works carry `enrichment` and whose problems include the catalogue's."""
    progress = progress or Silent()
    http = Http(settings, on_open=lambda service, reason: progress.say(stopped(service, reason)))
    try:
        outcomes = enrich_works(analysis.works, http, progress)
    finally:
        http.close()
    progress.finish(summary(outcomes, http, settings))
    return attach(analysis, outcomes)


def stopped(service: str, reason: str) -> str:
    name = SERVICE_NAMES.get(service, service)
    return f"{name} is not answering ({reason}); not asking it again during this run"


def enrich_works(works: tuple[Work, ...], http: Http, progress: Reporter) -> list[Outcome]:
    progress.start(len(works))
    outcomes: list[Outcome | None] = [None] * len(works)
    with ThreadPoolExecutor(max_workers=http.settings.workers) as pool:
        # The ISBN batch runs beside the searches; only works with an ISBN wait for it.
        editions = pool.submit(isbn_editions, works, http)
        futures = {
            pool.submit(enrich_work, work, http, editions): i for i, work in enumerate(works)
        }
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[futures[future]] = outcome
            progress.advance(label(outcome.work))
    return [o for o in outcomes if o is not None]


def isbn_editions(works: tuple[Work, ...], http: Http) -> Editions:
    """Every ISBN in the documents, asked of Open Library in a few batched requests."""
    isbns = [w.isbn for w in works if w.isbn and catalogued(w)]
    if not isbns:
        return {}, None
    try:
        return openlibrary.lookup_isbns(http, isbns), None
    except NetworkError as error:
        return {}, error


def catalogued(work: Work) -> bool:
    """Only works with a title can be looked up; web pages are not in these catalogues."""
    return bool(work.title) and work.type is not WorkType.WEB


def enrich_work(work: Work, http: Http, editions: Future[Editions]) -> Outcome:
    if not catalogued(work):
        return Outcome(dataclasses.replace(work, enrichment=SKIPPED))
    try:
        verdict = look_up(work, http, editions)
    except NotCached:
        return Outcome(dataclasses.replace(work, enrichment=SKIPPED))
    except NetworkError as error:
        return Outcome(dataclasses.replace(work, enrichment=FAILED), error=str(error))
    return judged(work, verdict)


def look_up(work: Work, http: Http, editions: Future[Editions]) -> Verdict:
    """Identifiers first, then the catalogue that suits the type; one request when it can."""
    if work.doi:
        return confirm(work, crossref.lookup_doi(http, work.doi), f"DOI {work.doi}")
    if work.isbn:
        found, isbn_failure = editions.result()
        edition = found.get(openlibrary.normal_isbn(work.isbn))
        if edition is not None:
            return confirm(work, edition, f"ISBN {work.isbn}")
        if isbn_failure is not None:
            raise isbn_failure
    if work.type is WorkType.BOOK:
        verdict = choose(work, openlibrary.search(http, work))
        if verdict.status != "not-found":
            return verdict
    return choose(work, crossref.search(http, work))


def judged(work: Work, verdict: Verdict) -> Outcome:
    shown = tuple(s.candidate.label() for s in verdict.ranked[:SHOWN_CANDIDATES])
    if verdict.status != "matched" or verdict.best is None:
        enrichment = Enrichment(
            status=EnrichmentStatus(verdict.status),
            score=verdict.best.score if verdict.best else 0.0,
            candidates=shown if verdict.best or verdict.conflict else (),
        )
        return Outcome(dataclasses.replace(work, enrichment=enrichment), unmatched(work, verdict))
    best = verdict.best
    filled_work, filled, findings = apply(work, best)
    enrichment = Enrichment(
        status=EnrichmentStatus.MATCHED,
        source=best.candidate.source,
        id=best.candidate.id,
        score=best.score,
        filled=filled,
    )
    return Outcome(dataclasses.replace(filled_work, enrichment=enrichment), tuple(findings))


def unmatched(work: Work, verdict: Verdict) -> tuple[Finding, ...]:
    if verdict.conflict:
        message = f"{work.title!r}: the {verdict.conflict}"
        return (Finding("catalogue-identifier-conflict", Severity.WARNING, message),)
    if verdict.status == "ambiguous":
        choices = "; ".join(s.candidate.label() for s in verdict.ranked[:SHOWN_CANDIDATES])
        message = f"{work.title!r}: several catalogue records fit equally well: {choices}"
        return (Finding("catalogue-ambiguous", Severity.INFO, message),)
    message = f"{work.title!r} was not found in Open Library or Crossref"
    if verdict.best is not None:
        message += f"; closest: {verdict.best.candidate.label()}"
    return (Finding("not-in-catalogue", Severity.INFO, message),)


def label(work: Work) -> str:
    status = work.enrichment.status if work.enrichment else "?"
    return f"{status}: {work.title or work.key}"


def summary(outcomes: list[Outcome], http: Http, settings: Settings) -> str:
    statuses = Counter(o.work.enrichment.status for o in outcomes if o.work.enrichment)
    counts = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    asked = sum(http.stats.requests.values())
    hits = sum(http.stats.hits.values())
    mode = " (offline)" if settings.offline else ""
    counts = counts or "none"
    return f"enriched {len(outcomes)} works{mode}: {counts}; {asked} requests, {hits} from cache"


def attach(analysis: Analysis, outcomes: list[Outcome]) -> Analysis:
    """Each finding goes to the document, line and note where its work is first cited."""
    firsts = first_citations(analysis)
    extra: dict[str, list[Problem]] = {}
    orphans: list[Problem] = []
    for outcome in outcomes:
        place = firsts.get(outcome.work.key)
        for finding in outcome.findings:
            path, line, note = place or ("", 0, None)
            kind = ProblemKind(finding.kind)
            problem = Problem(path=path, line=line, kind=kind, message=finding.message, note=note)
            (extra.setdefault(path, []) if place else orphans).append(problem)
    documents = tuple(
        DocumentResult(
            path=d.path,
            citations=d.citations,
            problems=ordered(d.problems + tuple(extra.get(d.path, ()))),
        )
        for d in analysis.documents
    )
    works = tuple(o.work for o in outcomes)
    problems = analysis.problems + tuple(orphans) + unavailable(outcomes)
    return Analysis(documents=documents, works=works, problems=problems)


def unavailable(outcomes: list[Outcome]) -> tuple[Problem, ...]:
    """One problem for the whole run when catalogues failed, not one per work."""
    failed = [o for o in outcomes if o.error]
    if not failed:
        return ()
    reasons = "; ".join(sorted({o.error for o in failed if o.error})[:3])
    message = f"{len(failed)} works not enriched: {reasons}"
    return (Problem(path="", line=0, kind=ProblemKind.CATALOGUE_UNAVAILABLE, message=message),)


def first_citations(analysis: Analysis) -> dict[str, tuple[str, int, int | None]]:
    firsts: dict[str, tuple[str, int, int | None]] = {}
    for document in analysis.documents:
        for citation in document.citations:
            if citation.work and citation.work not in firsts:
                firsts[citation.work] = (citation.path, citation.line, citation.note)
    return firsts


def ordered(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line, p.kind, p.note or 0)))


def cache_stats(settings: Settings) -> CacheStats:
    cache = ResponseCache(settings.cache_dir)
    try:
        return cache.stats()
    finally:
        cache.close()


def clear_cache(settings: Settings) -> int:
    """Removes every cached answer; returns how many there were."""
    cache = ResponseCache(settings.cache_dir)
    try:
        return cache.clear()
    finally:
        cache.close()
