"""Citations → works: one work per distinct (authors, title, volume) across all documents.

Within a document the resolver has already tied short forms to their full citation; here
the works of all documents are merged, spelling variants of a title or a surname become
problems, and each citation learns its work (a provisional id until keys are assigned).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from citeres.identity import fold, significant_words, surname_set, volume_number
from citeres.model import Citation, Kind, Problem, ProblemKind, Reference, Work
from citeres.resolve import Resolution
from citeres.text import main_title, same_words, similarity

SURNAME_LIKENESS = 0.8  # `Hobsbwam` / `Hobsbawm`


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
            c.with_work(work_of.get((path, anchor))) if anchor is not None else c
            for c, anchor in zip(res.citations, res.anchors, strict=True)
        ]
        for path, res in resolutions.items()
    }
    return works, citations, problems


@dataclass(frozen=True)
class Shape:
    """What a node's identity depends on, computed once: the significant words of its
    title and main title, its volume, and its URL."""

    words: tuple[str, ...]
    main: tuple[str, ...]
    volume: int | None
    url: str | None

    @classmethod
    def of(cls, ref: Reference) -> Shape:
        title = ref.title or ""
        return cls(
            significant_words(title),
            significant_words(main_title(title)),
            volume_number(ref.volume),
            ref.url if not ref.title else None,
        )

    def wholes(self) -> set[tuple[str, ...]]:
        return {w for w in (self.words, self.main) if w}

    def keys(self) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        """Index keys for the title itself and for the short titles it could be cited by."""
        if self.url:
            return [("url", self.url)], []
        own: list[tuple[object, ...]] = [(w, self.volume) for w in self.wholes()]
        return own, [(p, self.volume) for p in self.parts()]

    def parts(self) -> set[tuple[str, ...]]:
        """The short titles this title could be cited by: its heads and its tails of two
        words or more (see text.title_matches)."""
        words = self.words
        heads = {words[:n] for n in range(1, len(words))}
        tails = {words[-n:] for n in range(2, len(words))}
        return heads | tails


def group_nodes(nodes: list[Node]) -> list[list[Node]]:
    """Nodes of one work together, in order of first appearance. Candidates come from
    indexes of whole titles and of their heads and tails, filed by the first letter of
    each surname (a misspelt surname keeps it), so no two works are compared unless one
    could stand for the other."""
    clusters = Clusters(len(nodes))
    wholes: dict[tuple[object, ...], list[int]] = defaultdict(list)
    parts: dict[tuple[object, ...], list[int]] = defaultdict(list)
    seen: dict[tuple[object, ...], int] = {}
    for i, node in enumerate(nodes):
        shape = Shape.of(node.reference)
        names = surnames(node.reference)
        if (shape, names) in seen:  # the same work again: nothing new to index
            clusters.join(seen[(shape, names)], i)
            continue
        seen[(shape, names)] = i
        own, pieces = shape.keys()
        asked = filed_under(names, asking=True)
        candidates = [j for k in own for f in asked for j in (*wholes[k, f], *parts[k, f])]
        candidates += [j for k in pieces for f in asked for j in wholes[k, f]]
        for j in candidates:
            if clusters.find(i) != clusters.find(j) and authors_agree(
                node.reference, nodes[j].reference
            ):
                clusters.join(i, j)
        for f in filed_under(names, asking=False):
            for key in own:
                wholes[key, f].append(i)
            for key in pieces:
                parts[key, f].append(i)
    grouped: dict[int, list[Node]] = defaultdict(list)
    for i, node in enumerate(nodes):
        grouped[clusters.find(i)].append(node)
    return list(grouped.values())


def filed_under(names: frozenset[str], asking: bool) -> set[str]:
    """Index shelves: a work with names sits under each surname's first letter and under
    `any`; one with none sits under `none`. A named work asks its letters and `none`; an
    unnamed one asks `any`, since a work without names agrees with every other."""
    letters = {name[:1] for name in names}
    if asking:
        return (letters | {"none"}) if names else {"any"}
    return (letters | {"any"}) if names else {"none", "any"}


def surnames(ref: Reference) -> frozenset[str]:
    return surname_set(ref.authors + ref.editors)


def authors_agree(a: Reference, b: Reference) -> bool:
    """A shared surname, or one spelt nearly alike; a work with no names agrees with any."""
    names_a, names_b = surnames(a), surnames(b)
    if not names_a or not names_b or names_a & names_b:
        return True
    # A slip of the pen keeps the first letter (`Hobsbwam`); checking it first spares
    # most of the slow comparisons.
    return any(
        x[:1] == y[:1] and similarity(x, y) >= SURNAME_LIKENESS for x in names_a for y in names_b
    )


def richness(node: Node) -> tuple[int, int, int]:
    """Prefer a full citation with the most fields; then the earliest."""
    ref = node.reference
    filled = sum(1 for f in fields(ref) if getattr(ref, f.name) not in (None, (), ""))
    return (node.citation.kind in (Kind.FULL, Kind.FURTHER_READING), filled, -node.index)


def merge_work(key: str, members: list[Node]) -> Work:
    """The richest reference, with fields it lacks taken from the others."""
    ordered = sorted(members, key=richness, reverse=True)
    best = ordered[0].reference
    values: dict[str, Any] = {f.name: getattr(best, f.name) for f in fields(Reference)}
    for node in ordered[1:]:
        for name, value in values.items():
            if value in (None, (), False):
                values[name] = getattr(node.reference, name)
    return Work(key=key, **values)


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
    found: list[tuple[ProblemKind, str]] = []
    if a.title and b.title and not (same_words(a.title, b.title) or same_words(b.title, a.title)):
        found.append(
            (
                ProblemKind.TITLE_VARIANT,
                f"`{b.title}` and `{a.title}` ({where}) are taken as one work",
            )
        )
    for name in (*b.authors, *b.editors):
        spelt = [
            n.family
            for n in (*a.authors, *a.editors)
            if fold(n.family) != fold(name.family)
            and similarity(n.family, name.family) >= SURNAME_LIKENESS
        ]
        if spelt and not any(fold(n.family) == fold(name.family) for n in (*a.authors, *a.editors)):
            found.append(
                (ProblemKind.AUTHOR_VARIANT, f"`{name.family}` is spelt `{spelt[0]}` at {where}")
            )
    if a.year and b.year and a.year != b.year:
        found.append((ProblemKind.YEAR_CONFLICT, f"year {b.year} here, {a.year} at {where}"))
    c = other.citation
    return [
        Problem(path=c.path, line=c.line, kind=kind, message=message, note=c.note)
        for kind, message in found
    ]
