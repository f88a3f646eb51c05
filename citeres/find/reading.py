"""Reading lists: the entries under a heading such as `Further reading`, `Bibliography`,
`References`, `Works cited` or `Sources`, one per line.

`Title by Author` and `Author (Year) Title` entries carry their fields; comma and period
styles (`Author, Title (Year)`, `Author. Title. Place: Publisher, Year.`) are left to the
general reference parser, which reads `raw`.
"""

from __future__ import annotations

import re

from citeres.find.titles import PEOPLE, clean_person, person_names
from citeres.identity import YEAR
from citeres.model import Document, Kind, Mention, Problem, Reference
from citeres.text import squash

HEADING = re.compile(  # `*+`: a line of spaces is not split between the two runs each way
    r"^[ \t]*+(?:#+[ \t]*+)?(?:further|suggested|recommended|additional|select(?:ed)?)?[ \t]*+"
    r"(?:reading(?:s| list)?|bibliography|references|works[ \t]+cited|sources|"
    r"literature)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# What ends a reading list: another heading of the page, or site boilerplate.
STOP = re.compile(
    r"^(?:notes|end\s*notes|footnotes|comments?|add new comment|about the author|related\b|"
    r"share\b|tags?\b|leave a (?:comment|reply)|reply\b|posted in\b|filed under\b|"
    r"this website uses cookies|by continuing to use)",
    re.IGNORECASE,
)
LINE = re.compile(r"^.*$", re.MULTILINE)
BULLET = re.compile(r"^[ \t]*(?:[-*•–—][ \t]+)?")
MAX_ENTRY = 400  # characters: a longer line is prose, and the list has ended
BY_AUTHOR = re.compile(rf"^(?P<title>.+?)[ \t]+by[ \t]+(?P<authors>{PEOPLE})[ \t]*\.?$")
AUTHOR_YEAR_TITLE = re.compile(
    rf"^(?P<authors>{PEOPLE})[ \t]+\((?P<year>{YEAR})[a-z]?\)[ \t.,:]+(?P<title>[^.]+)"
)
URL_OR_MARKER = re.compile(r"^(?:\[\d+\]|https?://|www\.)")
LETTERS = re.compile(r"[^\W\d_]{2,}")


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    mentions: list[Mention] = []
    for heading in HEADING.finditer(document.text):
        if mentions and heading.start() < mentions[-1].end:
            continue
        mentions.extend(entries(document, heading.end()))
    return mentions, []


def entries(document: Document, start: int) -> list[Mention]:
    """Each entry line after a heading, until the list ends."""
    found: list[Mention] = []
    for line in LINE.finditer(document.text, start):
        raw = line.group().strip()
        if not raw:
            continue
        if len(raw) > MAX_ENTRY or STOP.match(raw) or HEADING.fullmatch(raw):
            break
        if URL_OR_MARKER.match(raw) or not LETTERS.search(raw):
            continue
        bullet = BULLET.match(line.group())
        offset = line.start() + (bullet.end() if bullet else 0)
        raw = document.text[offset : line.end()].rstrip()
        if raw:
            found.append(entry(document, offset, raw))
    return found


def entry(document: Document, start: int, raw: str) -> Mention:
    return Mention.at(document, start, start + len(raw), Kind.FURTHER_READING, fields(raw))


def fields(raw: str) -> Reference | None:
    """The fields of the shapes this finder knows; None leaves the entry to the parser."""
    by = BY_AUTHOR.match(raw)
    if by and clean_person(by.group("authors").split(" and ")[0].split(",")[0]):
        return Reference(authors=person_names(by.group("authors")), title=squash(by.group("title")))
    dated = AUTHOR_YEAR_TITLE.match(raw)
    if dated and not raw[dated.end() :].strip(" ."):  # more after the title: the parser's
        return Reference(
            authors=person_names(dated.group("authors")),
            title=dated.group("title").strip(),
            year=dated.group("year"),
        )
    if looks_like_bare_title(raw):
        return Reference(title=raw.rstrip("."))
    return None


def looks_like_bare_title(raw: str) -> bool:
    """`Manifesto of the Workers Group`: no comma, period, year or author, just a title."""
    return not re.search(r"[,.;:()]|\d{4}", raw.rstrip(".")) and raw[:1].isupper()
