"""The parser's working state: the text not yet read, and the fields read so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from citeres.model import Kind, Name, ProblemKind, Reference, WorkType


class Fields(TypedDict, total=False):
    """The fields of a Reference, as the parser gathers them (a test holds the two equal)."""

    authors: tuple[Name, ...]
    editors: tuple[Name, ...]
    translators: tuple[Name, ...]
    et_al: bool
    title: str | None
    container: str | None
    series: str | None
    volume: str | None
    issue: str | None
    edition: str | None
    place: str | None
    publisher: str | None
    year: str | None
    pages: str | None
    url: str | None
    doi: str | None
    isbn: str | None
    type: WorkType


@dataclass
class Parsed:
    """The parser's working state, and its result. Fields gather in a typed dict and become
    a Reference once, at the end: rebuilding a frozen dataclass per field is slow.

    `pages` is the locator the reference cites; the work's own range is `fields["pages"]`.
    """

    text: str
    form: Kind = Kind.FULL
    pages: str | None = None
    fields: Fields = field(default_factory=lambda: Fields())
    complaints: list[tuple[ProblemKind, str]] = field(default_factory=list)

    def set(self, **changes: Unpack[Fields]) -> None:
        self.fields.update(changes)

    @property
    def reference(self) -> Reference:
        return Reference(**self.fields)
