"""Short forms → the citation that names their work, in one ordered pass over a document.

Each citation gets an anchor: the index of the citation whose fields define its work (its
own index for a full citation), or None when it names no work or cannot be resolved.
`Ibid.` takes the previous note's work and refuses when that note cites several or is
missing; `op. cit.` and short titles match earlier works by author, title and volume, and
only when nothing earlier matches do they look ahead (which is reported).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice

from citeres.identity import is_idem as idem_word
from citeres.identity import significant_words, surname_key, surname_set, volume_number
from citeres.model import Citation, Kind, Problem, ProblemKind, Reference
from citeres.parse.reference import has_imprint
from citeres.shelf import Shelf, in_order
from citeres.text import main_title, same_words, title_matches

K = ProblemKind

NO_WORK = {Kind.ATTRIBUTION, Kind.AUTHOR_ONLY}
DEFINING = {Kind.FULL, Kind.FURTHER_READING, Kind.URL}
SHOWN = 4  # works an ambiguous form names in its problem; two tell it is ambiguous


@dataclass(frozen=True)
class Resolution:
    citations: list[Citation]
    anchors: list[int | None]
    problems: list[Problem]


class Resolver:
    """The pass's memory: the anchors so far, and the citations that define a work so far,
    filed on a Shelf under what could match them; updated as the pass goes, never rebuilt."""

    def __init__(self, citations: Sequence[Citation]) -> None:
        self.citations = list(citations)
        self.anchors: list[int | None] = [None] * len(citations)
        self.problems: list[Problem] = []
        self.keys = [index_keys(c.reference) for c in self.citations]
        self.defined = Shelf()  # the citations before this one that define their work
        self.current, self.asking = -1, set[str]()  # the citation resolved, its keys

    @cached_property
    def later(self) -> Shelf:
        """The full citations, as written, for the short forms that look ahead. Filed when
        first asked for: the look-ahead reads only those after the asking citation, which
        the pass has not reached and so not changed."""
        shelf = Shelf()
        for j, citation in enumerate(self.citations):
            if citation.kind in DEFINING:
                shelf.file(j, citation.reference)
        return shelf

    def related(
        self, i: int, buckets: Sequence[list[int]], after: int = -1, descending: bool = False
    ) -> Iterator[int]:
        """The citations in `buckets`, in text order (or the reverse), that share a surname,
        a title's first or last word, or the URL with citation i (as first written, but for
        the citation being resolved): how far a short form reaches."""
        keys = self.asking if i == self.current else self.keys[i]
        return (
            j for j in in_order(buckets, after, descending) if not keys.isdisjoint(self.keys[j])
        )

    def run(self) -> Resolution:
        for i, citation in enumerate(self.citations):
            self.current, self.asking = i, self.keys[i]
            if i and is_idem(citation.reference):
                self.citations[i] = citation = same_author(citation, self.citations[i - 1])
                self.asking = index_keys(citation.reference)
            rule = RULES.get(citation.kind, resolve_by_fields)
            self.anchors[i] = rule(self, i)
            if self.anchors[i] == i:
                self.defined.file(i, self.citations[i].reference)
        return Resolution(self.citations, self.anchors, self.problems)

    def report(self, i: int, kind: ProblemKind, message: str) -> None:
        c = self.citations[i]
        self.problems.append(
            Problem(path=c.path, line=c.line, kind=kind, message=message, note=c.note)
        )

    def mark_ambiguous(self, i: int) -> None:
        self.citations[i] = replace(self.citations[i], ambiguous=True)


def first(count: int, found: Iterable[int]) -> list[int]:
    return list(islice(found, count))


def is_idem(ref: Reference) -> bool:
    """`Idem, Another Title, ...` (`Id.`, `Ead.`, `ders.`): the author of the citation
    before, another work."""
    return len(ref.authors) == 1 and idem_word(ref.authors[0].family)


def same_author(citation: Citation, before: Citation) -> Citation:
    names = before.reference.authors or before.reference.editors
    return replace(citation, reference=replace(citation.reference, authors=names))


def resolve_ibid(r: Resolver, i: int) -> int | None:
    citation = r.citations[i]
    if citation.reference.title:
        # The finder knew what it repeats (a legal `Id.` names the legal citation before it,
        # wherever notes fall between): matched by that title like any short form.
        return resolve_by_fields(r, i)
    previous = previous_group(r, i)
    if previous is None:
        r.report(i, K.UNRESOLVED_SHORT_FORM, "`Ibid.` with nothing before it")
        return None
    if citation.note is not None and previous_note_missing(r, i, previous):
        r.mark_ambiguous(i)
        r.report(
            i,
            K.IBID_AFTER_MISSING_NOTE,
            f"`Ibid.` in note {citation.note} follows a missing note: its work is unknown",
        )
        return None
    targets = {r.anchors[j] for j in previous}
    if len(targets) > 1:
        r.mark_ambiguous(i)
        notes = r.citations[previous[0]].note
        where = f"note {notes}" if notes is not None else "the previous citation"
        r.report(
            i,
            K.IBID_AFTER_MULTI,
            f"`Ibid.` follows {where}, which cites {len(targets)} works: which one is meant?",
        )
        return None
    target = targets.pop()
    if target is None:
        unknown_antecedent(r, i, previous[-1])
    return target


def unknown_antecedent(r: Resolver, i: int, j: int) -> None:
    """`Ibid.` after a citation that names no known work inherits the doubt, and says so."""
    if r.citations[j].ambiguous:
        r.mark_ambiguous(i)
        message = f"`Ibid.` follows an ambiguous citation (line {r.citations[j].line})"
        r.report(i, K.IBID_AFTER_AMBIGUOUS, message)
    else:
        message = (
            f"`Ibid.` follows a citation that names no known work (line {r.citations[j].line})"
        )
        r.report(i, K.UNRESOLVED_SHORT_FORM, message)


def previous_group(r: Resolver, i: int) -> list[int] | None:
    """The citations `Ibid.` points back to: the one before it in its note, else the whole
    previous note, else (running text) the previous citation."""
    citation = r.citations[i]
    if i == 0:
        return None
    before = r.citations[i - 1]
    if citation.note is None or before.note == citation.note:
        return [i - 1]
    note = before.note
    if note is None:
        return [i - 1]
    first = i - 1
    while first > 0 and r.citations[first - 1].note == note:
        first -= 1
    return list(range(first, i))


def previous_note_missing(r: Resolver, i: int, previous: list[int]) -> bool:
    before = r.citations[previous[0]].note
    current = r.citations[i].note
    return before is not None and current is not None and current - before > 1


def resolve_full(r: Resolver, i: int) -> int | None:
    """A full citation defines its work, unless it repeats one already cited; a repeat
    with no imprint of its own (`Fitzpatrick, Russian Revolution, 60`) is a short form."""
    citation = r.citations[i]
    if not names_something(citation.reference):
        r.report(i, K.UNPARSED_REFERENCE, f"`{citation.raw}` names no author, title or URL")
        return None
    latest = next(earlier_same(r, i, citation.reference), None)
    if latest is None:
        return i
    if citation.kind is Kind.FULL and not has_imprint(citation.reference):
        r.citations[i] = replace(citation, kind=Kind.SHORT)
        note_variants(r, i, latest)
    year_conflict(r, i, latest)
    return latest


def earlier_same(r: Resolver, i: int, ref: Reference) -> Iterator[int]:
    """The citations before i that define the work of `ref`, the latest first."""
    found = r.related(i, r.defined.same(ref), descending=True)
    return (j for j in found if same_work(r.citations[j].reference, ref))


def year_conflict(r: Resolver, i: int, j: int) -> None:
    """The same work cited in full twice with different years: a slip, or another edition."""
    year, first = r.citations[i].reference.year, r.citations[j].reference.year
    if year and first and year != first:
        r.report(
            i,
            K.YEAR_CONFLICT,
            f"year {year} here, {first} where first cited (line {r.citations[j].line})",
        )


def names_something(ref: Reference) -> bool:
    return bool(ref.authors or (ref.title and any(ch.isalnum() for ch in ref.title)) or ref.url)


def resolve_by_fields(r: Resolver, i: int) -> int | None:
    """op. cit., short titles, volume-only and running-text forms: match by fields. A
    signed quotation or an `According to X` names a work only when it gives a title."""
    citation = r.citations[i]
    ref = citation.reference
    if (citation.kind in NO_WORK and not ref.title) or not names_something(ref):
        return None
    earlier = one_work(r, in_author_order(r, i, first(SHOWN, candidates(r, i))))
    if len(earlier) == 1:
        note_variants(r, i, earlier[0])
        return earlier[0]
    if len(earlier) > 1:
        ambiguous(r, i, earlier)
        return None
    later = first(SHOWN, (j for j in candidates(r, i, later=True) if defines_later(r, j)))
    later = one_work(r, in_author_order(r, i, later))
    if len(later) == 1:
        return forward(r, i, later[0])
    if len(later) > 1:
        ambiguous(r, i, later)
        return None
    return by_title_alone(r, i) if not ref.volume else other_volume(r, i)


def in_author_order(r: Resolver, i: int, found: list[int]) -> list[int]:
    """Of several works, the one whose authors begin as the citation names them: `Koesten
    et al. 2017` is Koesten's paper, not Chapman's with Koesten among its authors."""
    named = [surname_key(n) for n in r.citations[i].reference.authors]
    if len(found) < 2 or not named:
        return found
    for strict in (True, False):
        heading = [j for j in found if led_by(r.citations[j].reference, named, strict)]
        if len(heading) == 1:
            return heading
    return found


def led_by(ref: Reference, named: list[str], strict: bool) -> bool:
    """The work's authors begin as named (`Gregory, Groth, et al.`, not Gregory, Cousijn
    and Groth); or, less strictly, its first author is the first named and the others
    named are among its authors."""
    authors = [surname_key(n) for n in (ref.authors or ref.editors)]
    if strict:
        return authors[: len(named)] == named
    return authors[:1] == named[:1] and set(named) <= set(authors)


def one_work(r: Resolver, found: list[int]) -> list[int]:
    """Several citations that all cite one work (`Data Feminism`, then `Data Feminism,
    chap. 1` with its own URL) are not a choice: the first of them is the work."""
    head = r.citations[found[0]].reference if found else None
    if head and all(same_work(head, r.citations[j].reference) for j in found[1:]):
        return found[:1]
    return found


def other_volume(r: Resolver, i: int) -> int | None:
    """`Author, Title, Vol. III, op. cit.` where only Vol. II of that title was cited: a
    slip in the volume or an uncited volume. The title decides, and the clash is reported."""
    ref = r.citations[i].reference
    if not ref.title:
        return unresolved(r, i)
    loose = replace(ref, volume=None)
    found = first(2, defined_matching(r, i, loose))
    if len(found) != 1:
        return unresolved(r, i)
    full = r.citations[found[0]]
    r.report(
        i,
        K.VOLUME_CONFLICT,
        f"Vol. {ref.volume} here; `{full.reference.title}` was cited as "
        f"Vol. {full.reference.volume or '(none)'} at line {full.line}",
    )
    return found[0]


def by_title_alone(r: Resolver, i: int) -> int | None:
    """`Ann Lake, Goldman Speaks, op. cit.`: the editor named as author. A title that
    matches exactly one earlier work is that work, and the name is reported."""
    ref = r.citations[i].reference
    if not ref.title or not ref.authors:
        return unresolved(r, i)
    untitled = replace(ref, authors=())
    found = first(2, defined_matching(r, i, untitled))
    if len(found) != 1:
        return unresolved(r, i)
    full = r.citations[found[0]].reference
    named = ", ".join(n.family for n in ref.authors)
    authors = ", ".join(n.display() for n in (*full.authors, *full.editors)) or "no author"
    r.report(
        i,
        K.AUTHOR_VARIANT,
        f"`{named}` is not named on `{full.title}` (line {r.citations[found[0]].line}: {authors})",
    )
    note_variants(r, i, found[0])
    return found[0]


def candidates(r: Resolver, i: int, later: bool = False) -> Iterator[int]:
    """The works citation i could name, in text order: earlier citations that define one,
    or (`later`) full citations after it."""
    if not later:
        return defined_matching(r, i, r.citations[i].reference)
    ref = r.citations[i].reference
    found = r.related(i, r.later.matching(ref), after=i)
    return (j for j in found if matches(ref, r.citations[j].reference))


def defined_matching(r: Resolver, i: int, short: Reference) -> Iterator[int]:
    """Earlier citations defining a work that `short` (citation i's reference, or a loosened
    copy of it) could name, in text order."""
    found = r.related(i, r.defined.matching(short))
    return (j for j in found if matches(short, r.citations[j].reference))


def defines_later(r: Resolver, j: int) -> bool:
    """A later full citation that no earlier one already defined."""
    return next(earlier_same(r, j, r.citations[j].reference), None) is None


def forward(r: Resolver, i: int, j: int) -> int:
    citation = r.citations[i]
    if citation.kind in (Kind.OPCIT, Kind.VOLUME_ONLY, Kind.SHORT, Kind.IBID):
        r.report(
            i,
            K.OPCIT_BEFORE_FULL,
            f"`{citation.raw}` comes before the full citation at line {r.citations[j].line}",
        )
    note_variants(r, i, j)
    return j


def ambiguous(r: Resolver, i: int, found: list[int]) -> None:
    r.mark_ambiguous(i)
    names = "; ".join(describe(r.citations[j].reference) for j in found[:SHOWN])
    kind = (
        K.AMBIGUOUS_OPCIT
        if r.citations[i].kind in (Kind.OPCIT, Kind.VOLUME_ONLY)
        else K.AMBIGUOUS_REFERENCE
    )
    r.report(i, kind, f"`{r.citations[i].raw}` could be any of: {names}")


def unresolved(r: Resolver, i: int) -> int | None:
    """Nothing matches: a form with a title still names a work; an author alone does not."""
    citation = r.citations[i]
    title = citation.reference.title
    if unlisted_author_date(citation):
        return misdated_entry(r, i)
    if citation.kind in (Kind.OPCIT, Kind.VOLUME_ONLY, Kind.SHORT) and citation.note is not None:
        r.report(
            i,
            K.UNRESOLVED_SHORT_FORM,
            f"`{citation.raw}`: no full citation of this work in the document",
        )
    elif not title and not citation.reference.url and citation.kind not in NO_WORK:
        # `(Arendt, p. 50)` or `(Smith 1998)` with no work of that author in the document.
        r.report(
            i,
            K.UNRESOLVED_SHORT_FORM,
            f"`{citation.raw}`: no work by this author is cited in full in the document",
        )
    if citation.reference.title or citation.reference.url:
        if citation.kind is Kind.SHORT:
            r.citations[i] = replace(citation, kind=Kind.FULL)
        return i
    return None


def unlisted_author_date(citation: Citation) -> bool:
    """`(White, 1973)` with no entry to resolve to: its author and year still name one
    work, which it defines for the later citations of both, and is reported (info)."""
    ref = citation.reference
    return citation.kind is Kind.PARENTHETICAL and bool(ref.authors and ref.year) and not ref.title


def misdated_entry(r: Resolver, i: int) -> int:
    """An author-date citation no entry names by year: the one entry by all its authors,
    if there is one, with the year reported as a slip (`Jacquesson & von Roten
    2018` for their 2019 book); else the citation stands for its own work."""
    citation = r.citations[i]
    undated = replace(citation.reference, year=None)
    authors = surname_set(undated.authors)
    listed = {*defined_matching(r, i, undated), *candidates_after(r, i, undated)}
    same = [j for j in listed if authors <= surname_set(r.citations[j].reference.authors)]
    if len(same) == 1:
        j = same[0]
        year = r.citations[j].reference.year
        r.report(i, K.YEAR_CONFLICT, f"year {citation.reference.year} here, {year} in its entry")
        return j
    message = f"`{citation.raw}`: no reference list entry names this author and year"
    r.report(i, K.NO_REFERENCE_LIST_ENTRY, message)
    return i


def candidates_after(r: Resolver, i: int, short: Reference) -> Iterator[int]:
    found = r.related(i, r.later.matching(short), after=i)
    return (j for j in found if matches(short, r.citations[j].reference) and defines_later(r, j))


def note_variants(r: Resolver, i: int, j: int) -> None:
    """A short title spelt unlike its full form is worth a look (`Goldman Speaks`)."""
    short, full = r.citations[i].reference, r.citations[j].reference
    if not short.title or not full.title:
        return
    if same_words(short.title, full.title):
        return
    r.report(
        i,
        K.TITLE_VARIANT,
        f"`{short.title}` is taken as `{full.title}` (line {r.citations[j].line})",
    )


def matches(short: Reference, full: Reference) -> bool:
    """Whether a short form can name the work of a full reference."""
    if short.url:
        return short.url == full.url
    if full.url and not (full.title or full.authors):
        return False  # a bare address is named again only by itself
    if short.authors and full.authors and not shares_surname(short, full):
        return False
    if short.authors and not short.title and not shares_surname(short, full):  # `(Jopp 1991)`
        return False
    if short.title and not (full.title and title_matches(short.title, full.title)):
        return False
    if short.volume and volume_number(short.volume) != volume_number(full.volume):
        return False
    if short.year and full.year and not short.title and short.year != full.year:
        return False
    return bool(short.title or short.authors)


def shares_surname(a: Reference, b: Reference) -> bool:
    return bool(surname_set(a.authors + a.editors) & surname_set(b.authors + b.editors))


def index_keys(ref: Reference) -> set[str]:
    """What a reference is filed under: its surnames, the first and last significant words
    of its title and main title (a short title keeps the head or the tail), its URL."""
    keys = {"a:" + s for s in surname_set(ref.authors + ref.editors)}
    if ref.url:
        keys.add("u:" + ref.url)
    if ref.title:
        for words in (significant_words(ref.title), significant_words(main_title(ref.title))):
            if words:
                keys.update(("t:" + words[0], "t:" + words[-1]))
    return keys


def same_work(a: Reference, b: Reference) -> bool:
    """Two full references of one work: same title, a shared surname, the same volume."""
    if not a.title or not b.title or volume_number(a.volume) != volume_number(b.volume):
        return a.url is not None and a.url == b.url
    if a.authors and b.authors and not shares_surname(a, b):
        return False
    return title_matches(a.title, b.title) or title_matches(b.title, a.title)


def describe(ref: Reference) -> str:
    author = ref.authors[0].family if ref.authors else ""
    volume = f", Vol. {ref.volume}" if ref.volume else ""
    return f"{author}, {ref.title or ''}{volume}".strip(", ")


RULES: dict[Kind, Callable[[Resolver, int], int | None]] = {
    Kind.IBID: resolve_ibid,
    Kind.FULL: resolve_full,
    Kind.FURTHER_READING: resolve_full,
    Kind.URL: resolve_full,
}


def resolve(citations: Sequence[Citation]) -> Resolution:
    return Resolver(citations).run()
