"""The parser's working state: the text not yet read, and the fields read so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from citeres.model import Kind, ProblemKind, Reference


@dataclass
class Parsed:
    """The parser's working state, and its result. Fields gather in a dict and become a
    Reference once, at the end: rebuilding a frozen dataclass per field is slow."""

    text: str
    form: Kind = Kind.FULL
    pages: str | None = None
    fields: dict[str, object] = field(default_factory=dict)
    complaints: list[tuple[ProblemKind, str]] = field(default_factory=list)

    def set(self, **changes: object) -> None:
        self.fields.update(changes)

    def get(self, name: str) -> object:
        return self.fields.get(name)

    @property
    def reference(self) -> Reference:
        return Reference(**self.fields)  # type: ignore[arg-type]
