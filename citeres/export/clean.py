"""The export boundary: no control character from a document or a catalogue reaches a
bibliography file; each work that had some is reported with where it came from."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from citeres.controls import CONTROL, strip_controls
from citeres.model import Analysis, Name, Problem, ProblemKind, Work


def clean_name(name: Name) -> Name:
    parts: dict[str, Any] = {f.name: getattr(name, f.name) for f in dataclasses.fields(Name)}
    cleaned: dict[str, Any] = {
        k: strip_controls(v) if isinstance(v, str) else v for k, v in parts.items()
    }
    return Name(**cleaned)


def texts(value: object) -> list[str]:
    """The text in one field: itself, or every part of every name in a name list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        names = [n for n in value if isinstance(n, Name)]
        return [part for n in names for part in (n.family, n.given, n.particle, n.suffix)]
    return []


def dirty_fields(work: Work) -> list[str]:
    """The fields of `work` that hold a control character."""
    fields = [f.name for f in dataclasses.fields(work)]
    return [f for f in fields if any(CONTROL.search(t) for t in texts(getattr(work, f)))]


def clean_work(work: Work, fields: Iterable[str]) -> Work:
    changes: dict[str, Any] = {}
    for name in fields:
        value = getattr(work, name)
        if isinstance(value, str):
            changes[name] = strip_controls(value)
        else:
            changes[name] = tuple(clean_name(n) for n in value)
    return dataclasses.replace(work, **changes)


def first_citations(analysis: Analysis) -> dict[str, tuple[str, int]]:
    """Each work's first citation: where a reader can see the text it came from."""
    first: dict[str, tuple[str, int]] = {}
    for document in analysis.documents:
        for citation in document.citations:
            if citation.work:
                first.setdefault(citation.work, (citation.path, citation.line))
    return first


def clean_works(analysis: Analysis) -> tuple[list[Work], list[Problem]]:
    """The analysis' works with control characters removed, and one warning per work."""
    first = first_citations(analysis)
    works, problems = [], []
    for work in analysis.works:
        fields = dirty_fields(work)
        if not fields:
            works.append(work)
            continue
        works.append(clean_work(work, fields))
        path, line = first.get(work.key, ("", 1))
        problems.append(control_problem(work, fields, path, line))
    return works, problems


def control_problem(work: Work, fields: list[str], path: str, line: int) -> Problem:
    filled = set(work.enrichment.filled) if work.enrichment else set()
    source = work.enrichment.source if work.enrichment else None
    origin = [f"the catalogue ({source})" if f in filled else "the document" for f in fields]
    return Problem(
        path=path,
        line=line,
        kind=ProblemKind.CONTROL_CHARACTER,
        message=f"{work.key}: control characters removed from {', '.join(fields)} "
        f"(from {' and '.join(dict.fromkeys(origin))})",
    )
