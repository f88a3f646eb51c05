"""What one look-up concluded (`Looked`), and its place in the cache beside the answers.

A look-up is keyed by what the catalogues are asked and judged on, folded, so works that
read alike share it. Its verdict is cached for as long as the answers behind it, under
the matcher's version and the catalogues asked, so a warm run does no matching at all.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from citeres.enrich.cache import ResponseCache
from citeres.enrich.match import Candidate, Scored, Verdict, fold, title_key, volume_number
from citeres.model import Work, WorkType

VERSION = "m3"  # change it whenever matching or the queries change: old verdicts are ignored
SHOWN = 3


@dataclass(frozen=True)
class Looked:
    """matched (best: the record), ambiguous (rivals), refused (best: the refused record),
    not-found (best: the closest, if any), skipped or error (reason)."""

    status: str
    best: Scored | None = None
    rivals: tuple[str, ...] = ()  # candidate labels shown to the editor
    query: str | None = None
    conflict: str | None = None
    reason: str | None = None

    @classmethod
    def of(cls, verdict: Verdict) -> Looked:
        shown = verdict.ranked[:SHOWN] if verdict.status == "ambiguous" else ()
        if verdict.status == "not-found" and verdict.best is not None:
            shown = (verdict.best,)
        return cls(
            verdict.status,
            verdict.best,
            tuple(s.candidate.label() for s in shown),
            verdict.query,
            verdict.conflict,
        )

    def line(self, title: str) -> str | None:
        """The progress line of this look-up; none when nothing was asked."""
        if self.status in ("skipped", "error"):
            return None
        record = f" {self.best.candidate.id}" if self.best and self.status != "not-found" else ""
        how = f" by {self.query}" if self.query and self.status == "matched" else ""
        return f"{self.status}{record}{how}: {title}"


def key(work: Work) -> str:
    """What a catalogue is asked and judged on, folded: equal keys, equal verdicts."""
    fields = {
        "type": work.type.value,
        "authors": [fold(n.family) for n in work.authors],
        "editors": [fold(n.family) for n in work.editors],
        "title": title_key(work.title or ""),
        "subtitle": title_key(work.subtitle or ""),
        "container": fold(work.container or ""),
        "volume": volume_number(work.volume) or fold(work.volume or ""),
        "year": work.year or "",
        "doi": (work.doi or "").lower(),
        "isbn": (work.isbn or "").replace("-", "").upper(),
    }
    return json.dumps(fields, sort_keys=True)


def cache_key(work: Work, catalogues: list[str]) -> str:
    return f"{VERSION} {','.join(catalogues)} {key(work)}"


def load(cache: ResponseCache, work: Work, catalogues: list[str]) -> Looked | None:
    data = cache.get_verdict(cache_key(work, catalogues))
    if data is None:
        return None
    try:
        return decode(data)
    except (KeyError, TypeError, ValueError):
        return None  # a verdict of another shape: look again


def store(cache: ResponseCache, work: Work, catalogues: list[str], looked: Looked) -> None:
    if looked.status in ("skipped", "error"):
        return  # failures are never cached
    found = looked.status != "not-found"
    cache.put_verdict(cache_key(work, catalogues), encode(looked), found=found)


def encode(looked: Looked) -> dict[str, Any]:
    return dataclasses.asdict(looked)


def decode(data: dict[str, Any]) -> Looked:
    best = data.get("best")
    return Looked(
        status=str(data["status"]),
        best=scored(best) if best else None,
        rivals=tuple(data.get("rivals") or ()),
        query=data.get("query"),
        conflict=data.get("conflict"),
        reason=data.get("reason"),
    )


def scored(data: dict[str, Any]) -> Scored:
    return Scored(
        candidate=candidate(data["candidate"]),
        score=float(data["score"]),
        variants=tuple((str(a), str(b)) for a, b in data.get("variants") or ()),
        year_conflict=bool(data.get("year_conflict")),
        rejected=data.get("rejected"),
        type_differs=bool(data.get("type_differs")),
        title=float(data.get("title") or 0.0),
    )


def candidate(data: dict[str, Any]) -> Candidate:
    values = dict(data)
    for name in ("authors", "editors", "aliases", "years"):
        values[name] = tuple(values.get(name) or ())
    values["type"] = WorkType(values["type"]) if values.get("type") else None
    return Candidate(**values)
