"""The local catalogue as one of enrichment's catalogues: the `Catalogue` protocol over
`LocalCatalogue`, and its `Entry` for citeres/enrich/catalogues.py (first in the list, so
that only what it lacks reaches the services). Opened when a catalogue folder is set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from citeres.enrich.catalogue import Entry, Query
from citeres.enrich.match import Candidate
from citeres.model import Work, WorkType
from citeres.settings import Settings

if TYPE_CHECKING:
    from citeres.enrich.http import Http
    from citeres.localcat.index import LocalCatalogue

NAME = "local"


class Local:
    """Open Library's records from the dump: asked as the online Open Library is."""

    name = NAME
    types = frozenset({WorkType.BOOK, WorkType.MISC})
    identifiers = frozenset({"isbn"})
    queries = frozenset({"title", "full-title", "free", "editor", "any-author"})

    def __init__(self, catalogue: LocalCatalogue) -> None:
        self.catalogue = catalogue

    def prepare(self, works: Sequence[Work]) -> None:
        """Nothing to batch: every answer is on disk."""

    def lookup(self, query: Query) -> list[Candidate]:
        if query.kind == "isbn":
            return list(self.catalogue.by_isbn([query.identifier]).values())
        return self.catalogue.search(query.title, [query.surname] if query.surname else [])


def open_catalogue(settings: Settings, http: Http) -> Local | None:
    """The catalogue in `settings.catalogue_dir` (`--catalogue`, CITERES_CATALOGUE), if any;
    a folder that holds none is an InputError."""
    if settings.catalogue_dir is None:
        return None
    from citeres.localcat.index import LocalCatalogue

    return Local(LocalCatalogue.open(settings.catalogue_dir))


ENTRY = Entry(NAME, None, open_catalogue)
