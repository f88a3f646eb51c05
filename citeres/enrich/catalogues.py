"""The catalogues, in the order each work is asked of them.

A new catalogue is one module (a class with the `Catalogue` protocol, its `Service` if it
is on the network, and an `Entry`) and one line here. A local index goes first, so that
only what it lacks reaches the services.
"""

from __future__ import annotations

from citeres.enrich import crossref, openlibrary
from citeres.enrich.catalogue import Entry, Service
from citeres.localcat import catalogue as local

CATALOGUES: tuple[Entry, ...] = (
    local.ENTRY,  # opened only when a catalogue folder is set (--catalogue, CITERES_CATALOGUE)
    openlibrary.ENTRY,
    crossref.ENTRY,
)


def services() -> dict[str, Service]:
    return {e.service.name: e.service for e in CATALOGUES if e.service is not None}


def local_names() -> frozenset[str]:
    """The catalogues on this machine: asked first, and their answers not cached."""
    return frozenset(e.name for e in CATALOGUES if e.service is None)
