"""Enrichment: each distinct work looked up once in the catalogues, checked, filled.

    enrich_works(works, settings, reporter) -> {work key: Enriched}

Works that read alike to a catalogue share one look-up; each look-up asks the catalogues
of `catalogues.CATALOGUES` in order, one query at a time (`catalogue.plan`), and stops at
the first accepted match. Verdicts are cached with the answers, so a warm run neither asks
nor matches. The network is in http.py, the judging in match.py, the order here.
"""

from __future__ import annotations

import dataclasses
import queue
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from citeres.enrich import verdicts
from citeres.enrich.cache import CacheStats, ResponseCache
from citeres.enrich.catalogue import Catalogue
from citeres.enrich.catalogues import CATALOGUES, local_names, services
from citeres.enrich.fill import Finding, apply
from citeres.enrich.http import Http
from citeres.enrich.lookup import cached_look_up, look_up
from citeres.enrich.progress import Reporter, Silent
from citeres.enrich.verdicts import Looked
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


@dataclass(frozen=True)
class Enriched:
    """What enrichment found for one work: the work filled (its `enrichment` set), and
    the problems it raises, without a place yet (the caller knows where the work is cited)."""

    work: Work
    enrichment: Enrichment
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # why the catalogues could not be asked


def enrich_analysis(
    analysis: Analysis, settings: Settings, progress: Reporter | None = None
) -> Analysis:
    """A new Analysis whose works carry `enrichment` and whose problems include the catalogue's."""
    citations = sum(len(d.citations) for d in analysis.documents)
    found = enrich_works(analysis.works, settings, progress, citations=citations)
    return attach(analysis, [found[w.key] for w in analysis.works])


def enrich_works(
    works: Sequence[Work],
    settings: Settings,
    reporter: Reporter | None = None,
    *,
    citations: int | None = None,
    catalogues: Callable[[Settings, Http], list[Catalogue]] | None = None,
    local: Callable[[list[Work]], Iterable[Looked]] | None = None,
) -> dict[str, Enriched]:
    """Every work by its key, enriched; never fails the run on the network. Ctrl-C stops
    at once (requests in flight are abandoned, the cache keeps what it has).

    The local catalogues (those with no service) are asked first, for every look-up, and
    only what they do not settle goes to the services. `local` looks works up in them
    elsewhere (worker processes, a Dask cluster); by default it is done here."""
    reporter = reporter or Silent()
    http = Http(
        settings,
        services(),
        on_open=lambda service, reason: reporter.say(stopped(http, service, reason)),
        warn=reporter.say,
    )
    try:
        sources = (catalogues or open_catalogues)(settings, http)
        groups = distinct(works)
        reporter.say(counts(citations, len(works), len(groups)))
        reporter.start(len(groups))
        nearby = [s for s in sources if s.name in local_names()]
        online = [s for s in sources if s.name not in local_names()]
        looked = look_up_locally(groups, nearby, local, reporter) if nearby else {}
        residue = {k: group for k, group in groups.items() if not settled(looked.get(k))}
        if nearby:
            reporter.say(
                f"{len(groups) - len(residue):,} look-ups settled by the local catalogue, "
                f"{len(residue):,} left for the services"
            )
        for source in online:
            source.prepare([group[0] for group in residue.values()])
        answered = run(residue, online, http, reporter)
        looked |= {k: combined(looked.get(k), answer) for k, answer in answered.items()}
    except BaseException:
        # Ctrl-C (or a bug): nothing more is asked. The client is left open, as daemon
        # threads may still be reading from it; they end with the process, and the cache
        # keeps every answer it had written (SQLite transactions are atomic).
        http.stop()
        reporter.stop()
        raise
    http.close()
    found = {w.key: result(w, blamed(looked.get(verdicts.key(w)), http.down)) for w in works}
    reporter.finish(summary(list(found.values()), http, settings))
    return found


def open_catalogues(settings: Settings, http: Http) -> list[Catalogue]:
    return [c for entry in CATALOGUES if (c := entry.open(settings, http)) is not None]


def open_local(settings: Settings) -> list[Catalogue]:
    """The local catalogues alone, for a process that looks works up in them (they have
    no service, so they need no HTTP client)."""
    nobody = cast(Http, None)
    return [
        c
        for entry in CATALOGUES
        if entry.service is None and (c := entry.open(settings, nobody)) is not None
    ]


def stopped(http: Http, service: str, reason: str) -> str:
    name = http.labels.get(service, service)
    return f"{name} is not answering ({reason}); not asking it again during this run"


def catalogued(work: Work) -> bool:
    """Only works with a title can be looked up; web pages are not in these catalogues."""
    return bool(work.title) and work.type is not WorkType.WEB


def distinct(works: Iterable[Work]) -> dict[str, list[Work]]:
    """The catalogued works grouped by what a catalogue is asked and judged on."""
    groups: dict[str, list[Work]] = {}
    for work in works:
        if catalogued(work):
            groups.setdefault(verdicts.key(work), []).append(work)
    return groups


def counts(citations: int | None, works: int, lookups: int) -> str:
    head = f"{citations:,} citations → " if citations is not None else ""
    return f"{head}{works:,} distinct works → {lookups:,} look-ups"


def look_up_locally(
    groups: dict[str, list[Work]],
    sources: list[Catalogue],
    local: Callable[[list[Work]], Iterable[Looked]] | None,
    reporter: Reporter,
) -> dict[str, Looked]:
    """Each group's verdict from the local catalogues alone. Not cached: they answer as
    fast as the cache would, and a rebuilt catalogue may answer otherwise."""
    works = [group[0] for group in groups.values()]
    answers = local(works) if local else (Looked.of(look_up(w, sources)) for w in works)
    looked = {}
    for (key, group), answer in zip(groups.items(), answers, strict=True):
        looked[key] = answer
        if settled(answer):
            reporter.advance(answer.line(group[0].title or key))
    return looked


def settled(looked: Looked | None) -> bool:
    """A verdict no other catalogue can change: a match, rivals, a contradiction."""
    if looked is None:
        return False
    return looked.status in ("matched", "ambiguous") or bool(looked.conflict)


def combined(near: Looked | None, far: Looked) -> Looked:
    """The verdict of a look-up the local catalogues left open: the services', unless
    they were not asked (offline: the local answer is the answer) or both found nothing
    acceptable (then the more telling of the two: a refusal, then the closer record)."""
    if near is None or settled(far) or far.status == "error":
        return far
    if far.status == "skipped":
        return near
    return far if telling(far) > telling(near) else near


def telling(looked: Looked) -> tuple[int, bool, float]:
    best = looked.best
    rank = {"refused": 2, "not-found": 1}.get(looked.status, 0)
    return rank, best is not None, best.score if best else 0.0


def run(
    groups: dict[str, list[Work]], sources: list[Catalogue], http: Http, reporter: Reporter
) -> dict[str, Looked]:
    """Each group looked up on a pool of daemon threads, so that an interrupted run can
    leave without waiting for the answers in flight."""
    jobs: queue.SimpleQueue[tuple[str, Work]] = queue.SimpleQueue()
    done: queue.SimpleQueue[tuple[str, Looked | BaseException]] = queue.SimpleQueue()
    for key, group in groups.items():
        jobs.put((key, group[0]))

    def worker() -> None:
        while True:
            try:
                key, work = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                done.put((key, cached_look_up(work, sources, http)))
            except Exception as error:  # a bug: raised again on the main thread
                done.put((key, error))

    for _ in range(max(1, min(http.settings.workers, len(groups)))):
        threading.Thread(target=worker, daemon=True).start()
    deadline: float | None = time.monotonic() + http.settings.run_deadline
    looked: dict[str, Looked] = {}
    while len(looked) < len(groups):
        try:
            wait = max(0.01, deadline - time.monotonic()) if deadline is not None else None
            key, value = done.get(timeout=wait)
        except queue.Empty:
            http.stop()  # the run's deadline: the rest end as errors, at once
            deadline = None
            reporter.say(
                f"the enrichment deadline ({http.settings.run_deadline:g} s) has passed; "
                "the works not looked up yet are left as they are"
            )
            continue
        if isinstance(value, BaseException):
            raise value
        looked[key] = value
        reporter.advance(value.line(groups[key][0].title or key))
    return looked


def blamed(looked: Looked | None, down: Mapping[str, str]) -> Looked | None:
    """A failure at a service that stopped answering reads the same for every work: which
    request met the failure itself and which found the breaker open is up to the threads."""
    if looked is None or looked.status != "error" or not looked.reason:
        return looked
    for label, reason in down.items():
        if looked.reason.startswith(f"{label}:"):
            return dataclasses.replace(looked, reason=f"{label}: not answering ({reason})")
    return looked


def result(work: Work, looked: Looked | None) -> Enriched:
    """The Enriched of one work from its group's verdict (None: not catalogued)."""
    if looked is None:
        reason = "a web page" if work.type is WorkType.WEB else "no title"
        return finish(work, Enrichment(status=EnrichmentStatus.SKIPPED, reason=reason))
    if looked.status in ("skipped", "error"):
        enrichment = Enrichment(status=EnrichmentStatus(looked.status), reason=looked.reason)
        return finish(work, enrichment, error=looked.reason if looked.status == "error" else None)
    best = looked.best
    if looked.status == "matched" and best is not None:
        filled_work, filled, findings = apply(work, best)
        record = best.candidate
        enrichment = Enrichment(
            status=EnrichmentStatus.MATCHED,
            source=record.source,
            id=record.id,
            score=best.score,
            filled=filled,
            query=looked.query,
        )
        return finish(filled_work, enrichment, tuple(findings))
    enrichment = Enrichment(
        status=EnrichmentStatus(looked.status),
        source=best.candidate.source if best and looked.status == "refused" else None,
        id=best.candidate.id if best and looked.status == "refused" else None,
        score=best.score if best else 0.0,
        candidates=looked.rivals,
        query=looked.query,
        reason=best.rejected if best and looked.status == "refused" else None,
    )
    return finish(work, enrichment, unmatched(work, looked))


def finish(
    work: Work, enrichment: Enrichment, findings: tuple[Finding, ...] = (), error: str | None = None
) -> Enriched:
    return Enriched(with_enrichment(work, enrichment), enrichment, findings, error)


def with_enrichment(work: Work, enrichment: Enrichment) -> Work:
    return dataclasses.replace(work, enrichment=enrichment)


def unmatched(work: Work, looked: Looked) -> tuple[Finding, ...]:
    if looked.conflict:
        message = f"{work.title!r}: the {looked.conflict}"
        return (Finding("catalogue-identifier-conflict", Severity.WARNING, message),)
    if looked.status == "ambiguous":
        choices = "; ".join(looked.rivals)
        message = f"{work.title!r}: several catalogue records fit equally well: {choices}"
        return (Finding("catalogue-ambiguous", Severity.INFO, message),)
    message = f"{work.title!r} was not found in the catalogues"
    best = looked.best
    if looked.status == "refused" and best is not None:
        message += f"; refused {best.candidate.label()}: {best.rejected}"
    elif best is not None:
        message += f"; closest: {best.candidate.label()}"
    return (Finding("not-in-catalogue", Severity.INFO, message),)


STATUS_WORDS = (
    ("matched", "matched"),
    ("ambiguous", "ambiguous"),
    ("refused", "refused"),
    ("not-found", "not found"),
)


def summary(found: list[Enriched], http: Http, settings: Settings) -> str:
    """`enriched 41 of 54 works: 38 matched, 2 ambiguous, 1 refused, 13 not found`."""
    statuses = Counter(e.enrichment.status.value for e in found)
    enriched = statuses["matched"] + statuses["ambiguous"] + statuses["refused"]
    parts = [f"{statuses[s]} {word}" for s, word in STATUS_WORDS]
    if statuses["skipped"]:
        parts.append(f"{statuses['skipped']} not asked")
    if statuses["error"]:
        parts.append(f"{statuses['error']} failed")
    asked = sum(http.stats.requests.values())
    hits = sum(http.stats.hits.values())
    mode = " (offline)" if settings.offline else ""
    return (
        f"enriched {enriched} of {len(found)} works{mode}: {', '.join(parts)}; "
        f"{asked} requests, {hits} from cache"
    )


def attach(analysis: Analysis, found: list[Enriched]) -> Analysis:
    """Each finding goes to the document, line and note where its work is first cited."""
    firsts = first_citations(analysis)
    extra: dict[str, list[Problem]] = {}
    orphans: list[Problem] = []
    for item in found:
        place = firsts.get(item.work.key)
        for finding in item.findings:
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
    works = tuple(item.work for item in found)
    problems = analysis.problems + tuple(orphans) + unavailable(found)
    return Analysis(documents=documents, works=works, problems=problems)


def unavailable(found: list[Enriched]) -> tuple[Problem, ...]:
    """One problem for the whole run when catalogues failed, not one per work."""
    failed = [e for e in found if e.error]
    if not failed:
        return ()
    reasons = "; ".join(sorted({e.error for e in failed if e.error})[:3])
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


def cache_stats(settings: Settings, warn: Callable[[str], None] | None = None) -> CacheStats:
    cache = ResponseCache(settings.cache_dir, warn=warn or say)
    try:
        return cache.stats()
    finally:
        cache.close()


def clear_cache(settings: Settings, warn: Callable[[str], None] | None = None) -> int:
    """Removes every cached answer and verdict; returns how many there were."""
    cache = ResponseCache(settings.cache_dir, warn=warn or say)
    try:
        return cache.clear()
    finally:
        cache.close()


def say(message: str) -> None:
    print(f"citeres: {message}", file=sys.stderr)
