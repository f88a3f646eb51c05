"""One look-up: the catalogues asked in order, query by query, until a record is accepted.

The document's own identifiers go first, in every catalogue; then the searches. A form
of the question is skipped when the answers so far show it cannot help, which keeps a run
near one request per work. The verdict is cached beside the answers it was drawn from.
"""

from __future__ import annotations

from citeres.enrich import verdicts
from citeres.enrich.catalogue import Catalogue, plan
from citeres.enrich.http import Http, NotCached
from citeres.enrich.match import MIN_TITLE, Verdict, choose, confirm
from citeres.enrich.verdicts import Looked
from citeres.errors import NetworkError
from citeres.model import Work

FOR_WHAT_IT_IS = ("a ", "another volume")  # rejections no other query can change
CROWDED = 5  # an answer this long may have ranked the work out of it
NARROWER = frozenset({"title", "full-title", "editor"})  # the title alone, and a name


def cached_look_up(work: Work, sources: list[Catalogue], http: Http) -> Looked:
    """The cached verdict for this look-up, or a fresh one (cached unless it failed)."""
    names = [s.name for s in sources]
    known = verdicts.load(http.cache, work, names)
    if known is not None:
        return known
    forgotten = http.forgotten()
    try:
        looked = Looked.of(look_up(work, sources))
    except NotCached:
        return Looked("skipped", reason="offline, and not in the cache")
    except NetworkError as error:
        return Looked("error", reason=str(error))
    if http.forgotten() == forgotten:  # drawn from answers that are all kept
        verdicts.store(http.cache, work, names, looked)
    return looked


def look_up(work: Work, sources: list[Catalogue]) -> Verdict:
    """The document's own identifiers first, in every catalogue; then searches, catalogue
    by catalogue, query by query, until one is accepted. A catalogue that cannot answer is
    passed over; if nothing is accepted, its failure is the answer (not really asked)."""
    closest = Verdict("not-found", None, ())
    failure: NetworkError | None = None
    for identifiers in (True, False):
        for source in sources:
            if work.type not in source.types:
                continue
            try:
                verdict = ask(work, source, identifiers)
            except NetworkError as error:
                failure = failure or error
                continue
            if settled(verdict):
                return verdict
            closest = nearer(closest, verdict)
    if failure is not None:
        raise failure
    return closest


def settled(verdict: Verdict) -> bool:
    """Accepted, contradicted, or a DOI of the document's own that the catalogue lacks
    (then no other DOI may be attached to the work)."""
    if verdict.status in ("matched", "ambiguous") or verdict.conflict:
        return True
    return bool(verdict.query and verdict.query.startswith("doi "))


def ask(work: Work, source: Catalogue, identifiers: bool) -> Verdict:
    """One catalogue's identifier queries, or its searches, in order, until one is
    accepted; a search is skipped when earlier answers show it cannot help."""
    closest = Verdict("not-found", None, ())
    seen: list[tuple[str, Verdict]] = []
    for query in plan(work, source):
        if bool(query.identifier) != identifiers:
            continue
        if query.identifier:
            named = f"{query.kind.upper()} {query.identifier}"
            verdict = tagged(confirm(work, source.lookup(query), named), query.describe())
            if settled(verdict):
                return verdict
            continue
        if not worth_asking(query.kind, seen):
            continue
        verdict = tagged(choose(work, source.lookup(query)), query.describe())
        if verdict.status in ("matched", "ambiguous"):
            return verdict
        seen.append((query.kind, verdict))
        closest = nearer(closest, verdict)
    return closest


def worth_asking(kind: str, seen: list[tuple[str, Verdict]]) -> bool:
    """Whether the answers so far leave this form of the question anything to find.

    - Once an answer held the work's record and refused it for what it is (another type,
      another volume), every other form finds that record again: the verdict stands.
    - A title with a name can only narrow the title alone: it is worth asking after the
      title alone only when that answer was crowded (the work may have been ranked out).
    - A longer title can only narrow an answer: likewise, when the first was crowded.
    - Free text (all fields: alternate titles) when nothing came back yet.
    - No author at all when nothing came back, or the title came back unaccepted (a
      reissue, a native spelling), unless the answers already held other authors' records
      (the catalogue does not filter by author: asking without one finds nothing new).
    """
    ranked = [s for _, v in seen for s in v.ranked]
    if any(s.rejected and s.rejected.startswith(FOR_WHAT_IT_IS) for s in ranked):
        return False
    alone = [v for k, v in seen if k == "any-author"]
    if kind in NARROWER and any(len(v.ranked) < CROWDED for v in alone):
        return False
    if kind == "full-title":
        return len(ranked) >= CROWDED
    if kind == "free":
        return not ranked
    if kind == "any-author":
        others = any(s.rejected == "no cited author in the record" for s in ranked)
        return not ranked or (not others and any(s.title >= MIN_TITLE for s in ranked))
    return True


def tagged(verdict: Verdict, query: str) -> Verdict:
    return Verdict(verdict.status, verdict.best, verdict.ranked, verdict.conflict, query)


def nearer(a: Verdict, b: Verdict) -> Verdict:
    """Of two unaccepted verdicts, the one worth reporting: a refusal, else a closest."""
    rank = {"refused": 2, "not-found": 1}
    key_a = (rank.get(a.status, 0), a.best is not None, a.best.score if a.best else 0.0)
    key_b = (rank.get(b.status, 0), b.best is not None, b.best.score if b.best else 0.0)
    return b if key_b > key_a else a
