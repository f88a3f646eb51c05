"""What the catalogue keeps of each dump record: one small tuple per author, work, edition.

Only the fields matching and filling use are decoded (msgspec skips the rest unparsed);
they are read tolerantly, as decades of Open Library imports left them: a list may be a
string, a key may be an object or a bare string, a date is free text.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import msgspec

from citeres.enrich.match import year_of

ISBN_CHARS = re.compile(r"[^0-9X]")


class AuthorJson(msgspec.Struct):
    name: Any = None
    personal_name: Any = None
    alternate_names: Any = None


class WorkJson(msgspec.Struct):
    title: Any = None
    subtitle: Any = None
    authors: Any = None
    first_publish_date: Any = None


class EditionJson(msgspec.Struct):
    title: Any = None
    subtitle: Any = None
    works: Any = None
    isbn_10: Any = None
    isbn_13: Any = None
    publishers: Any = None
    publish_places: Any = None
    publish_date: Any = None


class Author(NamedTuple):
    id: int
    name: str
    other_names: tuple[str, ...]  # personal name and alternate names


class WorkRow(NamedTuple):
    id: int
    title: str
    subtitle: str | None
    year: int | None  # first_publish_date
    authors: tuple[int, ...]


class Edition(NamedTuple):
    id: int
    work: int
    title: str | None
    subtitle: str | None
    year: int | None
    publisher: str | None
    place: str | None
    isbns: tuple[int, ...]  # ISBN-13, ISBN-10s converted


AUTHOR = msgspec.json.Decoder(AuthorJson)
WORK = msgspec.json.Decoder(WorkJson)
EDITION = msgspec.json.Decoder(EditionJson)


def author(number: int, data: bytes) -> Author | None:
    record = AUTHOR.decode(data)
    name = text(record.name) or text(record.personal_name)
    if not name:
        return None
    others = (text(record.personal_name), *texts(record.alternate_names))
    return Author(number, name, tuple(dict.fromkeys(o for o in others if o and o != name)))


def work(number: int, data: bytes) -> WorkRow | None:
    record = WORK.decode(data)
    title = text(record.title)
    if not title:
        return None  # a work without a title cannot be matched
    return WorkRow(
        number,
        title,
        text(record.subtitle),
        year(record.first_publish_date),
        author_numbers(record.authors),
    )


def edition(number: int, data: bytes) -> Edition | None:
    record = EDITION.decode(data)
    works = key_numbers(record.works, "/works/OL", "W")
    if not works:
        return None  # an edition of no work: nothing to tie an ISBN to
    isbns = dict.fromkeys(
        i for i in map(isbn13, (*texts(record.isbn_13), *texts(record.isbn_10))) if i
    )
    return Edition(
        number,
        works[0],
        text(record.title),
        text(record.subtitle),
        year(record.publish_date),
        next(iter(texts(record.publishers)), None),
        next(iter(texts(record.publish_places)), None),
        tuple(isbns),
    )


def year(value: object) -> int | None:
    """match.year_of, at once for the plain four digits most dates are."""
    if isinstance(value, str) and len(value) == 4 and value.isdigit():
        return int(value) if "1400" <= value <= "2099" else None
    return year_of(text(value))


def text(value: object) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    if isinstance(value, dict):  # a /type/text value
        return text(value.get("value"))
    return None


def texts(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [t for t in map(text, items) if t]


def author_numbers(entries: object) -> tuple[int, ...]:
    """`[{"author": {"key": "/authors/OL1A"}, "type": ...}]`, and the older shapes."""
    if not isinstance(entries, list):
        return ()
    keys = []
    for entry in entries:
        if isinstance(entry, dict):
            entry = entry.get("author", entry)
        keys.append(entry)
    return key_numbers(keys, "/authors/OL", "A")


def key_numbers(entries: object, prefix: str, suffix: str) -> tuple[int, ...]:
    if not isinstance(entries, list):
        return ()
    numbers: dict[int, None] = {}
    for entry in entries:
        key = entry.get("key") if isinstance(entry, dict) else entry
        if isinstance(key, str) and key.startswith(prefix) and key.endswith(suffix):
            digits = key[len(prefix) : -len(suffix)]
            if digits.isdigit():
                numbers[int(digits)] = None
    return tuple(numbers)


def isbn13(raw: str) -> int | None:
    """An ISBN as the number of its ISBN-13 form; an ISBN-10 gets the 978 prefix and
    the check digit recomputed. Anything else is not an ISBN."""
    isbn = raw if raw.isdigit() else ISBN_CHARS.sub("", raw.upper())
    if len(isbn) == 13 and isbn.isdigit():
        return int(isbn)
    if len(isbn) == 10 and isbn[:9].isdigit():
        body = 978_000_000_000 + int(isbn[:9])
        # The ISBN-13 check digit: weights 1, 3, 1, ... over 978 and the nine digits.
        total = 9 + 3 * 7 + 8 + sum(int(d) * w for d, w in zip(isbn[:9], WEIGHTS, strict=True))
        return body * 10 + (-total % 10)
    return None


WEIGHTS = (3, 1, 3, 1, 3, 1, 3, 1, 3)
