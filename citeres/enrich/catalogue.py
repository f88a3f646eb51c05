"""What a catalogue is to enrichment: a `Catalogue` answers `Query`s with `Candidate`s.

A catalogue says which work types and identifiers it serves and which query kinds it tells
apart; `plan` lists the queries for one work, in the one fixed order every catalogue is
asked in. A catalogue on the network also has a `Service`: its base URL and its limits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from citeres.enrich.match import Candidate, anthology_author, fold, respelt
from citeres.model import Work, WorkType
from citeres.settings import Limits, Settings

if TYPE_CHECKING:
    from citeres.enrich.http import Http

# Query kinds, in the order they are tried; each is one request, and the first accepted
# match ends the search. `title` sends the main title as a title and the cited surname as
# free text (found among the authors, their alternate names and the contributors);
# `full-title` the same with the subtitle; `any-author` the title alone; `free` title and
# surname as free text (alternate titles too); `editor` the title with the other name an
# edited collection may be listed under.
QUERY_ORDER = ("doi", "isbn", "title", "full-title", "any-author", "free", "editor")
# A work that may be listed under a name other than the one cited (an edited collection
# whose texts' author and editor are both cited; an anthology whose title names the
# author of its texts; a surname romanisations spell in several ways) is asked by title
# alone first: one answer holds it under any name, and matching still needs the name.
LISTED_OTHERWISE = ("doi", "isbn", "any-author", "title", "editor", "full-title", "free")


@dataclass(frozen=True)
class Query:
    """One way of asking for a work. `title` and `surname` are what this kind sends;
    the work is there for catalogues that want more (Crossref's year, container)."""

    kind: str  # one of QUERY_ORDER
    work: Work
    title: str = ""
    surname: str = ""
    identifier: str = ""

    def describe(self) -> str:
        """For the report: `title "Life and Fate" + author Grossman`."""
        if self.identifier:
            return f"{self.kind} {self.identifier}"
        said = f'{self.kind} "{self.title}"'
        return f"{said} + author {self.surname}" if self.surname else said


class Catalogue(Protocol):
    """A source of records. `lookup` raises a NetworkError when it cannot answer; an
    answer of no record is an empty list. Every candidate is judged by match.choose
    (searches) or match.confirm (identifiers), whichever catalogue it came from."""

    name: str
    types: frozenset[WorkType]  # the work types it holds
    identifiers: frozenset[str]  # the identifier query kinds it answers: "doi", "isbn"
    queries: frozenset[str]  # the search query kinds it tells apart (see QUERY_ORDER)

    def prepare(self, works: Sequence[Work]) -> None:
        """Told every work of the run before the first lookup (to batch identifiers)."""
        ...

    def lookup(self, query: Query) -> list[Candidate]: ...


@dataclass(frozen=True)
class Service:
    """A catalogue's web service: how to reach it and how hard it may be asked."""

    name: str  # the key of its settings: CITERES_<NAME>_URL, `<name>_url` in citeres.toml
    label: str  # for messages: "Open Library"
    base_url: str
    limits: Limits  # for anonymous clients
    polite: Limits  # with a contact address in the User-Agent
    contact_param: str | None = None  # a query parameter that carries the contact too

    def limits_for(self, settings: Settings) -> Limits:
        override = (settings.limits or {}).get(self.name)
        return override or (self.polite if settings.mailto else self.limits)

    def url(self, settings: Settings) -> str:
        return settings.urls.get(self.name, self.base_url).rstrip("/")


@dataclass(frozen=True)
class Entry:
    """One line of the catalogue list: its service (None for a local one) and how to open
    it for a run (None when the run does not use it, e.g. no index folder given)."""

    name: str
    service: Service | None
    open: Callable[[Settings, Http], Catalogue | None]


def main_title(title: str) -> str:
    return title.split(":")[0].strip()


def plan(work: Work, catalogue: Catalogue) -> list[Query]:
    """The queries this catalogue is asked for this work, in QUERY_ORDER, or in
    LISTED_OTHERWISE for a work that may be listed under another name."""
    title = work.title or ""
    people = work.authors or work.editors
    surname = people[0].family if people else ""
    full = f"{title}: {work.subtitle}" if work.subtitle else title
    candidates = [
        Query("doi", work, identifier=work.doi or ""),
        Query("isbn", work, identifier=work.isbn or ""),
        Query("title", work, main_title(title), surname),
        Query("full-title", work, full, surname),
        Query("free", work, short_title(title), surname),
        Query("editor", work, main_title(title), editor_of(work)),
        Query("any-author", work, main_title(title)),
    ]
    wanted = catalogue.identifiers | catalogue.queries
    order = LISTED_OTHERWISE if listed_otherwise(work, surname) else QUERY_ORDER
    asked = [q for q in candidates if q.kind in wanted and applies(q)]
    return sorted(asked, key=lambda q: order.index(q.kind))


def applies(query: Query) -> bool:
    work = query.work
    if query.kind == "doi":
        return bool(query.identifier)
    if query.kind == "isbn":  # a chapter's ISBN is its book's
        return bool(query.identifier) and work.type in (WorkType.BOOK, WorkType.MISC)
    if query.kind == "full-title":
        return query.title != main_title(query.title) or bool(work.subtitle)
    if query.kind == "editor":
        return bool(query.surname)
    if query.kind == "any-author":
        return bool(work.authors or work.editors)
    return bool(query.title)


def listed_otherwise(work: Work, surname: str) -> bool:
    """Whether the catalogue may list the work under another name, or another spelling,
    than the one a title-and-name query would send."""
    return bool(editor_of(work)) or respelt(surname)


def editor_of(work: Work) -> str:
    """The other name an edited collection may be listed under: its editor when the
    texts' author is cited, the texts' author when the title names them (`Bakunin on
    Anarchy`, cited by its editor)."""
    if work.authors and work.editors:
        return work.editors[0].family
    named = anthology_author(work.title or "")
    people = {fold(n.family) for n in work.authors + work.editors}
    return named if named and fold(named) not in people else ""


def short_title(title: str, words: int = 6) -> str:
    """The main title's first words: enough to find it, few enough to match a record
    whose full title is longer or spelt a little differently."""
    return " ".join(main_title(title).split()[:words])
