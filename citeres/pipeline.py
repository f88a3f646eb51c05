"""The order of the stages, written once: read → find → parse → resolve → cluster → keys.

Enrichment and export are separate steps the CLI runs on the Analysis this returns.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from citeres import cluster, find, keys, parse, resolve
from citeres.model import Analysis, Document, DocumentResult, Problem
from citeres.read import read_all


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


def analyse_documents(documents: Sequence[Document]) -> Analysis:
    """The analysis of the documents; in path order, so that nothing (keys, the fields a
    work takes when two editions meet) depends on the order they were given in."""
    with without_cyclic_gc():
        return analyse_sorted(sorted(documents, key=lambda d: d.path))


def analyse_sorted(documents: Sequence[Document]) -> Analysis:
    resolutions = {}
    problems: list[Problem] = []
    for document in documents:
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
    problems.extend(clustered)
    by_path = group_by_path(problems)
    return Analysis(
        documents=tuple(
            DocumentResult(
                path=path,
                citations=tuple(citations),
                problems=tuple(sorted(by_path.get(path, []), key=problem_order)),
            )
            for path, citations in citations_by_path.items()
        ),
        works=tuple(works),
    )


def group_by_path(problems: Sequence[Problem]) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped


def analyse_paths(paths: Sequence[Path]) -> Analysis:
    read = read_all(list(paths))
    analysis = analyse_documents(read.documents)
    return attach_read_problems(analysis, read.problems)


def attach_read_problems(analysis: Analysis, problems: Sequence[Problem]) -> Analysis:
    by_path = group_by_path(problems)
    documents = [
        DocumentResult(
            path=d.path, citations=d.citations, problems=tuple(by_path.pop(d.path, [])) + d.problems
        )
        for d in analysis.documents
    ]
    orphans = [p for group in by_path.values() for p in group]
    problems = tuple(orphans) + analysis.problems
    return Analysis(documents=tuple(documents), works=analysis.works, problems=problems)


def problem_order(problem: Problem) -> tuple[int, str, int]:
    return (problem.line, problem.kind, problem.note or 0)
