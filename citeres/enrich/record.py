"""Reading a catalogue's JSON field by field: a field of the wrong shape makes its record
Malformed (skipped, and the answer not cached), never a crash.

Absent and null fields are simply missing; `"author_name": 5` or `"issued": [1990]` are not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class Malformed(ValueError):
    """A record with a field of the wrong shape."""


def text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a volume or an issue given as a number
    raise Malformed(f"{key}: {type(value).__name__}")


def texts(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Malformed(f"{key}: not a list of strings")
    return tuple(" ".join(v.split()) for v in value if v.strip())


def first_text(record: Mapping[str, Any], key: str) -> str | None:
    values = texts(record, key)
    return values[0] if values else None


def integer(record: Mapping[str, Any], key: str) -> int | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Malformed(f"{key}: {type(value).__name__}")


def integers(record: Mapping[str, Any], key: str) -> tuple[int, ...]:
    value = record.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Malformed(f"{key}: not a list")
    return tuple(v for v in value if isinstance(v, int) and not isinstance(v, bool))


def objects(record: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Malformed(f"{key}: not a list of objects")
    return value


def readable(
    records: Iterable[object], read: Callable[[Mapping[str, Any]], T | None]
) -> tuple[list[T], int]:
    """The records `read` could make sense of, and how many it could not."""
    kept: list[T] = []
    bad = 0
    for record in records:
        try:
            if not isinstance(record, dict):
                raise Malformed("not an object")
            value = read(record)
        except Malformed:
            bad += 1
            continue
        if value is not None:
            kept.append(value)
    return kept, bad
