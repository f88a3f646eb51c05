"""Citations → works: one work per distinct (authors, title, volume) across all documents.

Within a document the resolver has already tied short forms to their full citation; here
the works of all documents are merged, spelling variants of a title or a surname become
problems, and each citation learns its work (a provisional id until keys are assigned).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
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
    title and main title, its volume, its URL, and its year."""

    words: tuple[str, ...]
    main: tuple[str, ...]
    volume: int | None
    url: str | None
    year: str | None

    @classmethod
    def of(cls, ref: Reference) -> Shape:
        title = ref.title or ""
        return cls(
            significant_words(title),
            significant_words(main_title(title)),
            volume_number(ref.volume),
            ref.url if not ref.title else None,
            ref.year,
        )

    def wholes(self) -> set[tuple[str, ...]]:
        return {w for w in (self.words, self.main) if w}

    def keys(self) -> tuple[frozenset[TitleKey], frozenset[TitleKey], frozenset[TitleKey]]:
        """Index keys for the title itself (and its main title), for the short titles it
        could be cited by, and for the title as written whole."""
        return title_keys(self)

    def parts(self) -> set[tuple[str, ...]]:
        """The short titles this title could be cited by: its heads and its tails of two
        words or more (see text.title_matches)."""
        words = self.words
        heads = {words[:n] for n in range(1, len(words))}
        tails = {words[-n:] for n in range(2, len(words))}
        return heads | tails


TitleKey = tuple[object, ...]


@lru_cache(maxsize=65536)
def title_keys(
    shape: Shape,
) -> tuple[frozenset[TitleKey], frozenset[TitleKey], frozenset[TitleKey]]:
    """Shape.keys, once per shape: works by many authors often share one title."""
    if shape.url:
        url = frozenset([("url", shape.url)])
        return url, frozenset(), url
    own = frozenset((w, shape.volume) for w in shape.wholes())
    whole = frozenset([(shape.words, shape.volume)]) if shape.words else frozenset()
    return own, frozenset((p, shape.volume) for p in shape.parts()), whole


class Form:
    """One distinct way a work is written (shape and surnames), and the keys it is shelved
    under: its whole titles and the short titles it could be cited by."""

    def __init__(self, shape: Shape, names: frozenset[str]) -> None:
        self.names = names
        self.own, self.pieces, self.whole = shape.keys()
        self.year = shape.year
        self.cluster = -1

    def agrees(self, other: Form) -> bool:
        """One title (or one stands for the other), the same volume, and authors agreeing.
        A main title that is only the head of the other title (`Google Dataset Search:
        Building a Search Engine`, `Google Dataset Search by the Numbers`) is one title
        only if the years do not differ: a short form, or a title the parser read too far."""
        titled = not self.own.isdisjoint(other.own) or not self.whole.isdisjoint(other.pieces)
        titled = titled or not self.pieces.isdisjoint(other.whole)
        if not titled and not (self.year and other.year and self.year != other.year):
            titled = not self.own.isdisjoint(other.pieces) or not self.pieces.isdisjoint(other.own)
        return titled and names_agree(self.names, other.names)


def group_nodes(nodes: list[Node]) -> list[list[Node]]:
    """Nodes of one work together, in order of first appearance.

    A work is a complete link: a form joins a cluster only when it agrees with every form
    already in it, so `Smyth` never joins `Smith` through `Smithe`, nor `A B C` joins `A B D`
    through the short title `A B`. A form that could join several clusters joins the one
    first seen. (Two clusters never need merging later: the first form of the later one
    disagreed with a form of the earlier, and clusters only grow.) Candidates come from
    shelves of whole titles and of their heads and tails, by exact surname, and a form asks
    only the shelves of its surnames and of their near spellings, so no two works are
    compared unless one could stand for the other."""
    shelves = Shelves(near_spellings(n for node in nodes for n in surnames(node.reference)))
    forms: dict[tuple[Shape, frozenset[str]], Form] = {}
    clusters: list[list[Form]] = []
    grouped: dict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        shape, names = Shape.of(node.reference), surnames(node.reference)
        form = forms.get((shape, names))
        if form is None:  # a new way of writing a work: find its cluster
            form = forms[(shape, names)] = Form(shape, names)
            join(form, shelves.candidates(form), clusters)
            shelves.add(form)
        grouped[form.cluster].append(node)
    return list(grouped.values())


def join(form: Form, candidates: Iterable[Form], clusters: list[list[Form]]) -> None:
    """Put the form in the first cluster all of whose forms it agrees with, or a new one."""
    for number in sorted({c.cluster for c in candidates}):
        if all(form.agrees(member) for member in clusters[number]):
            form.cluster = number
            clusters[number].append(form)
            return
    form.cluster = len(clusters)
    clusters.append([form])


# Shelves by whom a form names: a surname (folded, so never one of these two), no one, or
# anyone (every form, for a form that names no one).
NO_NAMES = "*no one*"
ANY = "*anyone*"


class Shelves:
    """Forms by title key and by whom they name."""

    def __init__(self, near: dict[str, set[str]]) -> None:
        # title key → whom the forms name → forms
        self.wholes: dict[TitleKey, dict[str, list[Form]]] = defaultdict(dict)
        self.parts: dict[TitleKey, dict[str, list[Form]]] = defaultdict(dict)
        self.near = near  # near spellings of each surname

    def add(self, form: Form) -> None:
        for tag in (*(form.names or [NO_NAMES]), ANY):
            for key in form.own:
                self.wholes[key].setdefault(tag, []).append(form)
            for key in form.pieces:
                self.parts[key].setdefault(tag, []).append(form)

    def candidates(self, form: Form) -> Iterator[Form]:
        """Forms that share a title key with `form` and could agree on the authors."""
        if form.names:
            near = {y for x in form.names for y in self.near.get(x, ())}
            asked = [*form.names, *near, NO_NAMES]
        else:
            asked = [ANY]
        for key in form.own:
            yield from shelved(self.wholes.get(key), asked)
            yield from shelved(self.parts.get(key), asked)
        for key in form.pieces:
            yield from shelved(self.wholes.get(key), asked)


def shelved(shelf: dict[str, list[Form]] | None, tags: list[str]) -> Iterator[Form]:
    if shelf:
        for tag in tags:
            yield from shelf.get(tag, ())


def near_spellings(names: Iterable[str]) -> dict[str, set[str]]:
    """Which surnames are near spellings of which (near_spelt), without comparing every
    pair: two near spellings meet on what is left of each with letters left out.

    The longer of two names leaves at least as many letters unmatched as the shorter, so
    taking names shortest first, each asks with as many letters left out as it may leave
    unmatched what the names before it left when filed with one out (two for names of ten
    letters or more, the only ones where both may leave two unmatched and still look
    alike): far fewer keys to keep than two letters for every name, and the same pairs."""
    # By first letter, then variant: the name filed under it, or a list when several are
    # (most variants belong to one name; a list for each would double the memory).
    filed: dict[str, dict[str, str | list[str]]] = defaultdict(dict)
    near: dict[str, set[str]] = defaultdict(set)
    for name in sorted(set(names), key=lambda n: (len(n), n)):
        shelf = filed[name[:1]]
        met: set[str] = set()
        for variant in variants(name, slips(name)):
            others = shelf.get(variant)
            if others is not None:
                met.update([others] if isinstance(others, str) else others)
        for other in met:
            if near_spelt(name, other):
                near[name].add(other)
                near[other].add(name)
        for variant in variants(name, 2 if len(name) >= BOTH_SLIP else 1):
            others = shelf.setdefault(variant, name)
            if isinstance(others, list):
                others.append(name)
            elif others != name:
                shelf[variant] = [others, name]
    return near


TWO_SLIPS = 8  # a name this long may leave two letters unmatched, a shorter one one
BOTH_SLIP = 10  # two names of equal length each leaving two unmatched: at least this long


def slips(name: str) -> int:
    """Letters of a name a near spelling of it may leave unmatched."""
    return 2 if len(name) >= TWO_SLIPS else 1


def variants(name: str, slips: int) -> set[str]:
    """The name with up to `slips` letters left out (of one or two), and no more than a third
    of them (a likeness of SURNAME_LIKENESS leaves at most a third of a name unmatched)."""
    n = len(name)
    slips = min(slips, n // 3)
    if not slips:
        return {name}
    once = [name[:i] + name[i + 1 :] for i in range(n)]
    if slips == 1:
        return {name, *once}
    # Each pair of letters once: the second left out at or after the first's place.
    return {name, *once, *(w[:j] + w[j + 1 :] for i, w in enumerate(once) for j in range(i, n - 1))}


def surnames(ref: Reference) -> frozenset[str]:
    return surname_set(ref.authors + ref.editors)


def authors_agree(a: Reference, b: Reference) -> bool:
    """A shared surname, or one spelt nearly alike; a work with no names agrees with any."""
    return names_agree(surnames(a), surnames(b))


def names_agree(names_a: frozenset[str], names_b: frozenset[str]) -> bool:
    if not names_a or not names_b or names_a & names_b:
        return True
    return any(near_spelt(x, y) for x in names_a for y in names_b)


def near_spelt(x: str, y: str) -> bool:
    return spelt_alike(x, y) if x < y else spelt_alike(y, x)  # the same either way round


@lru_cache(maxsize=65536)
def spelt_alike(x: str, y: str) -> bool:
    """A slip of the pen (`Hobsbwam`, `Hobsbawm`): the same first letter, a likeness of
    SURNAME_LIKENESS, and no more letters of either name unmatched than its slips (one,
    two in a long name: `Dostoevsky`, `Dostoyevskiy`)."""
    if x[:1] != y[:1]:
        return False
    likeness = similarity(x, y)
    matched = round(likeness * (len(x) + len(y)) / 2)
    return likeness >= SURNAME_LIKENESS and all(len(n) - matched <= slips(n) for n in (x, y))


FIELDS = tuple(f.name for f in fields(Reference))


def richness(node: Node) -> tuple[int, int, int]:
    """Prefer a full citation with the most fields; then the earliest."""
    ref = node.reference
    filled = sum(1 for name in FIELDS if getattr(ref, name) not in (None, (), ""))
    return (node.citation.kind in (Kind.FULL, Kind.FURTHER_READING), filled, -node.index)


def merge_work(key: str, members: list[Node]) -> Work:
    """The richest reference, with fields it lacks taken from the others."""
    ordered = sorted(members, key=richness, reverse=True)
    best = ordered[0].reference
    values: dict[str, Any] = {name: getattr(best, name) for name in FIELDS}
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
