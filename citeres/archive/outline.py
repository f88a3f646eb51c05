"""What the archive keeps in memory of a document while the others are analysed (its
`Outline`: the citations that define a work, and where those works are cited), and the
join across the archive: cluster → keys, from the outlines alone.

Clustering and keys see exactly what they see in a one-process run (the same citations,
in the same places), so the works, their keys and the problems are the same, byte for
byte; the citations themselves wait in the spool.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from citeres import cluster, keys
from citeres.archive.spool import Spool, loads
from citeres.model import Analysis, Citation, DocumentResult, Kind, Problem, Reference, Work
from citeres.resolve import Resolution

NOWHERE = Reference()  # the reference of a citation kept only for its place


@dataclass(frozen=True, slots=True)
class Anchor:
    """A citation that defines a work, and where the citations resolved to it are."""

    index: int  # its place among the document's citations
    citation: Citation  # without its raw text: clustering reads only its fields and place
    first: int  # the place of the first citation resolved to it (a short form may precede it)
    line: int  # that first citation's line and note
    note: int | None
    earliest: int  # the smallest line of the citations resolved to it

    def citing(self, reference: Reference) -> Anchor:
        """This anchor with an equal reference kept elsewhere (built directly, as
        dataclasses.replace is slow for the tens of thousands of anchors of an archive)."""
        c = self.citation
        citation = Citation(
            path=c.path, line=c.line, kind=c.kind, raw=c.raw, reference=reference,
            note=c.note, start=c.start,
        )  # fmt: skip
        return Anchor(self.index, citation, self.first, self.line, self.note, self.earliest)


@dataclass(frozen=True, kw_only=True)
class Outline:
    path: str
    citations: int
    problems: int  # the document's own problems (reading, finding, parsing, resolving)
    anchors: tuple[Anchor, ...]


def outline_of(path: str, resolution: Resolution, problems: int) -> Outline:
    anchored = resolution.anchors
    resolved: dict[int, list[int]] = {}
    for i, anchor in enumerate(anchored):
        if anchor is not None and anchored[anchor] == anchor:
            resolved.setdefault(anchor, []).append(i)
    anchors = []
    for index, members in resolved.items():
        citation = resolution.citations[index]
        first = resolution.citations[members[0]]
        anchors.append(
            Anchor(
                index=index,
                citation=Citation(
                    path=citation.path,
                    line=citation.line,
                    kind=citation.kind,
                    raw="",
                    reference=citation.reference,
                    note=citation.note,
                    start=citation.start,
                ),
                first=members[0],
                line=first.line,
                note=first.note,
                earliest=min(resolution.citations[i].line for i in members),
            )
        )
    anchors.sort(key=lambda a: a.index)
    return Outline(
        path=path, citations=len(resolution.citations), problems=problems, anchors=tuple(anchors)
    )


def anchored(outlines: Sequence[Outline], spooled: Spool) -> list[Outline]:
    """The outlines with their anchors, from the spool, for the join. Equal references
    are kept once: an archive cites the same works again and again."""
    seen: dict[Reference, Reference] = {}
    found = []
    for outline in outlines:
        anchors = []
        for anchor in loads(spooled.get("anchors", outline.path)):
            reference = anchor.citation.reference
            kept = seen.setdefault(reference, reference)
            anchors.append(anchor if kept is reference else anchor.citing(kept))
        found.append(replace(outline, anchors=tuple(anchors)))
    return found


@dataclass(frozen=True)
class Joined:
    """The archive joined: its works (keyed, sorted by key), each anchor's work key by
    document, the clustering's problems by document, and the outline analysis: every
    document with one citation per work it cites (its first), which is all enrichment
    and export need to know of where works are cited."""

    works: list[Work]
    keys: dict[str, dict[int, str]]
    problems: dict[str, list[Problem]]
    outline: Analysis
    citations: int


def join(outlines: Sequence[Outline]) -> Joined:
    """cluster → keys over the outlines, in path order (as a one-process run does)."""
    nodes = [cluster.Node(o.path, a.index, a.citation) for o in outlines for a in o.anchors]
    works: list[Work] = []
    problems: dict[str, list[Problem]] = {}
    keys_of: dict[str, dict[int, str]] = {o.path: {} for o in outlines}  # anchor → work
    for number, members in enumerate(cluster.group_nodes(nodes)):
        key = f"w{number}"
        works.append(cluster.merge_work(key, members))
        for problem in cluster.variant_problems(members):
            problems.setdefault(problem.path, []).append(problem)
        for node in members:
            keys_of[node.path][node.index] = key
    del nodes, members
    keyed, renamed = assign_keys(works, outlines, keys_of)
    for anchors in keys_of.values():
        for index, key in anchors.items():
            anchors[index] = renamed[key]
    documents = tuple(firsts(o, keys_of[o.path]) for o in outlines)
    return Joined(
        works=keyed,
        keys=keys_of,
        problems=problems,
        outline=Analysis(documents=documents, works=tuple(keyed)),
        citations=sum(o.citations for o in outlines),
    )


def assign_keys(
    works: list[Work], outlines: Sequence[Outline], keys_of: dict[str, dict[int, str]]
) -> tuple[list[Work], dict[str, str]]:
    """keys.assign_keys, told where each work is first cited (by path and line: all it
    reads of the citations); returns the keyed works and each provisional key's final one."""
    earliest: dict[str, tuple[str, int]] = {}
    for o in outlines:
        for a in o.anchors:
            key = keys_of[o.path][a.index]
            earliest[key] = min(earliest.get(key, (o.path, a.earliest)), (o.path, a.earliest))
    placed: dict[str, list[Citation]] = {}
    for key, (path, line) in earliest.items():
        stub = Citation(path=path, line=line, kind=Kind.FULL, raw="", reference=NOWHERE, work=key)
        placed.setdefault(path, []).append(stub)
    keyed, updated = keys.assign_keys(works, placed)
    renamed = {
        before.work: after.work
        for path, cs in placed.items()
        for before, after in zip(cs, updated[path], strict=True)
        if before.work and after.work
    }
    return keyed, renamed


def firsts(outline: Outline, keys_of: dict[int, str]) -> DocumentResult:
    """The document with one citation per work it cites: its first, in citation order."""
    first: dict[str, Anchor] = {}
    for anchor in outline.anchors:
        key = keys_of[anchor.index]
        if key not in first or anchor.first < first[key].first:
            first[key] = anchor
    citations = tuple(
        Citation(
            path=outline.path,
            line=a.line,
            kind=Kind.FULL,
            raw="",
            reference=NOWHERE,
            note=a.note,
            work=key,
        )
        for key, a in sorted(first.items(), key=lambda item: item[1].first)
    )
    return DocumentResult(path=outline.path, citations=citations, problems=())


def document_result(
    path: str, resolution: Resolution, keys_of: dict[int, str], problems: Sequence[Problem]
) -> DocumentResult:
    """A document's citations pointing at their works' keys, as cluster and keys leave
    them in a one-process run, with its problems (already in the one order)."""
    citations = tuple(
        c.with_work(keys_of.get(anchor)) if anchor is not None else c
        for c, anchor in zip(resolution.citations, resolution.anchors, strict=True)
    )
    return DocumentResult(path=path, citations=citations, problems=tuple(problems))
