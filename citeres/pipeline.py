"""The order of the stages, written once: read → find → parse → resolve → cluster → keys.

Enrichment and export are separate steps the CLI runs on the Analysis this returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from citeres import cluster, find, keys, parse, resolve
from citeres.model import Analysis, Document, DocumentResult, Problem
from citeres.read import read_all


def analyse_documents(documents: Sequence[Document]) -> Analysis:
    per_document = []
    for document in documents:
        mentions, found = find.find_all(document)
        citations = [parse.parse_mention(mention) for mention in mentions]
        citations, resolved = resolve.resolve(citations)
        per_document.append((document.path, citations, [*found, *resolved]))
    citations_by_path = {path: citations for path, citations, _ in per_document}
    works, citations_by_path, clustered = cluster.cluster(citations_by_path)
    works, citations_by_path = keys.assign_keys(works, citations_by_path)
    problems = [p for _, _, found in per_document for p in found] + clustered
    return Analysis(
        documents=tuple(
            DocumentResult(path, tuple(citations), problems_of(path, problems))
            for path, citations in citations_by_path.items()
        ),
        works=tuple(works),
    )


def problems_of(path: str, problems: Sequence[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted((p for p in problems if p.path == path), key=problem_order))


def analyse_paths(paths: Sequence[Path]) -> Analysis:
    read = read_all(list(paths))
    analysis = analyse_documents(read.documents)
    return attach_read_problems(analysis, read.problems)


def attach_read_problems(analysis: Analysis, problems: Sequence[Problem]) -> Analysis:
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    documents = [
        DocumentResult(d.path, d.citations, tuple(by_path.pop(d.path, [])) + d.problems)
        for d in analysis.documents
    ]
    orphans = [p for group in by_path.values() for p in group]
    return Analysis(tuple(documents), analysis.works, tuple(orphans) + analysis.problems)


def problem_order(problem: Problem) -> tuple[int, str, int]:
    return (problem.line, problem.kind, problem.note or 0)
