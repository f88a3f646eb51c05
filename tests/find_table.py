"""Shared by the finder tests: run one finder over one string, get (kind, title, author)."""

from __future__ import annotations

from collections.abc import Callable

from citeres.model import Document, Mention, Problem

Finder = Callable[[Document], tuple[list[Mention], list[Problem]]]


def rows(finder: Finder, text: str) -> list[tuple[str, str | None, str | None]]:
    """Each mention as (kind, title, first author's family name), checking its span."""
    document = Document.from_text("t.txt", text)
    mentions, _ = finder(document)
    found = []
    for mention in mentions:
        assert document.text[mention.start : mention.end] == mention.raw
        assert mention.line == document.line_of(mention.start)
        reference = mention.reference
        title = reference.title if reference else None
        author = reference.authors[0].family if reference and reference.authors else None
        found.append((mention.kind.value, title, author))
    return found
