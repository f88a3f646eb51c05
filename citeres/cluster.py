"""Citations → works: one work per distinct (authors, title, volume) across all documents.

Within a document the resolver has already tied short forms to their full citation; here
the works of all documents are merged, spelling variants of a title or a surname become
problems, and each citation learns its work (a provisional id until keys are assigned).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from citeres.model import Citation, Kind, Problem, Reference, Severity, Work
from citeres.parse.numbers import volume_number
from citeres.resolve import Resolution
from citeres.text import fold, main_title, significant_words, similarity, title_matches

SURNAME_LIKENESS = 0.8  # `Rabinowtich` / `Rabinowitch`


@dataclass(frozen=True)
class Node:
    """A citation that defines a work: where it is and what it says."""

    path: str
    index: int
    citation: Citation

    @property
    def reference(self) -> Reference:
        return self.citation.reference


class Clusters:
    """Union-find over nodes."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(
    resolutions: Mapping[str, Resolution],
) -> tuple[list[Work], dict[str, list[Citation]], list[Problem]]:
    nodes = [
        Node(path, i, res.citations[i])
        for path, res in resolutions.items()
        for i, anchor in enumerate(res.anchors)
        if anchor == i
    ]
    groups = group_nodes(nodes)
    works: list[Work] = []
    problems: list[Problem] = []
    work_of: dict[tuple[str, int], str] = {}
    for number, members in enumerate(groups):
        provisional = f"w{number}"
        works.append(merge_work(provisional, members))
        problems.extend(variant_problems(members))
        for node in members:
            work_of[(node.path, node.index)] = provisional
    citations = {
        path: [
            replace(c, work=work_of.get((path, anchor)) if anchor is not None else None)
            for c, anchor in zip(res.citations, res.anchors, strict=True)
        ]
        for path, res in resolutions.items()
    }
    return works, citations, problems


def group_nodes(nodes: list[Node]) -> list[list[Node]]:
    """Nodes of one work together, in order of first appearance."""
    clusters = Clusters(len(nodes))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for word in block_words(node.reference):
            for j in blocks[word]:
                if clusters.find(i) != clusters.find(j) and same_work(nodes[i], nodes[j]):
                    clusters.join(i, j)
            blocks[word].append(i)
    grouped: dict[int, list[Node]] = defaultdict(list)
    for i, node in enumerate(nodes):
        grouped[clusters.find(i)].append(node)
    return list(grouped.values())


def block_words(ref: Reference) -> list[str]:
    """Two works are compared only when their titles share one of these words."""
    if ref.url and not ref.title:
        return [ref.url]
    return significant_words(main_title(ref.title or ""))[:2] or [fold(ref.title or "")]


def same_work(a: Node, b: Node) -> bool:
    ra, rb = a.reference, b.reference
    if ra.url or rb.url:
        return ra.url == rb.url and (not ra.title or not rb.title or ra.title == rb.title)
    if not ra.title or not rb.title or volume_number(ra.volume) != volume_number(rb.volume):
        return False
    if not (title_matches(ra.title, rb.title) or title_matches(rb.title, ra.title)):
        return False
    return authors_agree(ra, rb)


def authors_agree(a: Reference, b: Reference) -> bool:
    names_a = [fold(n.family) for n in (*a.authors, *a.editors)]
    names_b = [fold(n.family) for n in (*b.authors, *b.editors)]
    if not names_a or not names_b:
        return True
    return any(similarity(x, y) >= SURNAME_LIKENESS for x in names_a for y in names_b)


def richness(node: Node) -> tuple[int, int, int]:
    """Prefer a full citation with the most fields; then the earliest."""
    ref = node.reference
    filled = sum(1 for f in fields(ref) if getattr(ref, f.name) not in (None, (), ""))
    return (node.citation.kind in (Kind.FULL, Kind.FURTHER_READING), filled, -node.index)


def merge_work(key: str, members: list[Node]) -> Work:
    """The richest reference, with fields it lacks taken from the others."""
    ordered = sorted(members, key=richness, reverse=True)
    best = ordered[0].reference
    values = {f.name: getattr(best, f.name) for f in fields(best)}
    for node in ordered[1:]:
        for name, value in values.items():
            if value in (None, ()):
                values[name] = getattr(node.reference, name)
    return Work(
        key=key,
        type=values["type"],
        authors=values["authors"],
        editors=values["editors"],
        title=values["title"],
        container=values["container"],
        volume=values["volume"],
        issue=values["issue"],
        edition=values["edition"],
        place=values["place"],
        publisher=values["publisher"],
        year=values["year"],
        url=values["url"],
        doi=values["doi"],
        isbn=values["isbn"],
    )


def variant_problems(members: list[Node]) -> list[Problem]:
    """Spellings of one work that differ: titles, surnames, years."""
    problems: list[Problem] = []
    first = members[0]
    for node in members[1:]:
        problems.extend(compare(first, node))
    return problems


def compare(first: Node, other: Node) -> list[Problem]:
    a, b = first.reference, other.reference
    where = f"{first.path}:{first.citation.line}"
    found = []
    if a.title and b.title and fold(main_title(a.title)) != fold(main_title(b.title)):
        found.append(
            ("title-variant", f"`{b.title}` and `{a.title}` ({where}) are taken as one work")
        )
    for name in (*b.authors, *b.editors):
        spelt = [
            n.family
            for n in (*a.authors, *a.editors)
            if fold(n.family) != fold(name.family)
            and similarity(n.family, name.family) >= SURNAME_LIKENESS
        ]
        if spelt and not any(fold(n.family) == fold(name.family) for n in (*a.authors, *a.editors)):
            found.append(("author-variant", f"`{name.family}` is spelt `{spelt[0]}` at {where}"))
    if a.year and b.year and a.year != b.year:
        found.append(("year-conflict", f"year {b.year} here, {a.year} at {where}"))
    c = other.citation
    return [
        Problem(
            c.path,
            c.line,
            kind,
            Severity.WARNING if kind != "title-variant" else Severity.INFO,
            msg,
            c.note,
        )
        for kind, msg in found
    ]
