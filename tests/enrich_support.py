"""Helpers for the enrichment tests: the local catalogue's contents, fast settings, works."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from fakeserver import Catalogue, FakeServer, cr_item, ol_doc, ol_edition

from citeres.enrich.catalogues import services
from citeres.enrich.http import Http
from citeres.model import (
    Analysis,
    Citation,
    DocumentResult,
    Kind,
    Name,
    Reference,
    Work,
    WorkType,
)
from citeres.settings import Limits, Settings

FAST = {
    "openlibrary": Limits(2, {"search": 50.0, "lookup": 50.0}),
    "crossref": Limits(2, {"search": 50.0, "lookup": 50.0}),
}


def catalogue() -> Catalogue:
    """Right answers with their decoys: same title other author, same author other book,
    another volume of the same work."""
    return Catalogue(
        ol_docs=[
            ol_doc("/works/OL101W", "Life and Fate", ["Vasily Grossman"], 1980, [1985, 2006]),
            ol_doc("/works/OL102W", "Life and Fate", ["Jane Otherwriter"], 2001, editions=9),
            ol_doc("/works/OL103W", "Everything Flows", ["Vasily Grossman"], 1970, [1972, 2010]),
            ol_doc(
                "/works/OL104W",
                "The Gulag Archipelago",
                ["Aleksandr Solzhenitsyn"],
                1973,
                [1974, 1975, 1978],
                subtitle="1918-1956: An Experiment in Literary Investigation, Vol. 1",
            ),
            ol_doc(
                "/works/OL105W",
                "The Gulag Archipelago",
                ["Aleksandr Solzhenitsyn"],
                1974,
                [1975],
                subtitle="1918-1956: An Experiment in Literary Investigation, Vol. 2",
            ),
            ol_doc("/works/OL106W", "Notes from Underground", ["Fyodor Dostoyevsky"], 1864),
            ol_doc("/works/OL107W", "Collected Stories", ["Anna Twin"], 1990),
            ol_doc("/works/OL108W", "Collected Stories", ["Anna Twin"], 1991),
        ],
        ol_editions={
            "9782070427796": ol_edition(
                "/books/OL900M", "Les ombres errantes", ["Pascal Quignard"], "2002", "Gallimard"
            ),
        },
        cr_items=[
            cr_item(
                "10.5555/right.article",
                "journal-article",
                "The Uses of Memory in Soviet Fiction",
                [("Maria", "Petrova")],
                1999,
                container="Slavic Review",
                volume="58",
                page="1-20",
            ),
            cr_item(
                "10.5555/decoy.article",
                "journal-article",
                "The Uses of Memory in Soviet Fiction and Film: A Much Longer Survey",
                [("Ivan", "Sidorov")],
                2004,
                container="Another Journal",
            ),
        ],
    )


def settings_for(server: FakeServer | str, cache_dir: Path, **changes: object) -> Settings:
    """Both services on one local server (or any base URL), fast limits, quick retries.

    The timeouts stay generous: a test that counts requests must not see a retry because
    a loaded machine was slow to answer (that made a cache test flaky). Tests of silence
    and stalls set their own."""
    base = server if isinstance(server, str) else server.url
    values: dict[str, object] = {
        "urls": {"openlibrary": f"{base}/ol", "crossref": f"{base}/cr"},
        "cache_dir": cache_dir,
        "connect_timeout": 5.0,
        "read_timeout": 30.0,
        "backoff": 0.02,
        "limits": FAST,
    }
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


def client(settings: Settings, **options: Any) -> Http:
    """An Http for the real catalogues' services, with these settings."""
    return Http(settings, services(), **options)


def book(
    key: str,
    title: str,
    *authors: str,
    year: str | None = None,
    volume: str | None = None,
    **fields: object,
) -> Work:
    names = tuple(Name(family=a.split()[-1], given=" ".join(a.split()[:-1])) for a in authors)
    kind = fields.pop("type", WorkType.BOOK)
    return Work(key=key, type=kind, authors=names, title=title, year=year, volume=volume, **fields)  # type: ignore[arg-type]


def analysis_of(*works: Work) -> Analysis:
    """An Analysis with one document citing each work once, on line 10, 20, 30..."""
    citations = tuple(
        Citation(
            path="essay.txt",
            line=10 * (i + 1),
            kind=Kind.FULL,
            raw=w.title or "",
            reference=Reference(title=w.title),
            note=i + 1,
            work=w.key,
        )
        for i, w in enumerate(works)
    )
    return Analysis(
        documents=(DocumentResult(path="essay.txt", citations=citations, problems=()),),
        works=tuple(works),
    )


def closed_port() -> int:
    """A local port nobody listens on: a dead network that answers at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
