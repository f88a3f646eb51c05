"""The catalogues, in the order each work is asked of them.

A new catalogue is one module (a class with the `Catalogue` protocol, its `Service` if it
is on the network, and an `Entry`) and one line here. A local index goes first, so that
only what it lacks reaches the services.
"""

from __future__ import annotations

from citeres.enrich import crossref, openlibrary
from citeres.enrich.catalogue import Entry, Service

CATALOGUES: tuple[Entry, ...] = (
    openlibrary.ENTRY,
    crossref.ENTRY,
)


def services() -> dict[str, Service]:
    return {e.service.name: e.service for e in CATALOGUES if e.service is not None}
