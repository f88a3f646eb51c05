"""Reference-list styles: fields separated by full stops (`Hobsbawm, Eric. Title. Place:
Publisher, Year.`) and author-date forms (`Smith, J. (1998). Title.`, `Smith 1998, 45`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeres.identity import UPPER, YEAR
from citeres.parse import imprint
from citeres.parse.names import looks_like_names

NAME = rf"[{UPPER}][\w'’\-]*"
INITIALS = rf"[{UPPER}]\.(?:\s?[{UPPER}]\.)*"
# `Hobsbawm, Eric.`, `Smith, J. A.`, `Getty, J. Arch, and Oleg V. Naumov.`,
# `Marx, Karl, and Friedrich Engels.`:
# an inverted first author, perhaps others in reading order, closed by a full stop.
INVERTED_AUTHOR = re.compile(
    rf"^(?P<author>(?:(?!and\s)[a-z]+\s){{0,2}}{NAME}(?:[ -]{NAME})?,\s+"
    rf"(?:{INITIALS}(?:\s{NAME}(?=[.,]\s))?|{NAME}(?:\s+{INITIALS})?(?:\s+{NAME})?)"
    rf"(?:,?\s+(?:and|&)\s+(?:{INITIALS}|{NAME})(?:\s+(?:{INITIALS}|{NAME}))*)?)"
    r"(?:(?<=[A-Z]\.)\s+|\.\s+)"
    r"(?P<rest>[A-Z“\"‘'\d].*)$"
)
# A full stop that ends a field: not after an initial or an abbreviation.
FIELD_STOP = re.compile(
    r"(?<![\s.][A-Z])(?<!\bVol)(?<!\beds)(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bed)\.\s+"
)
EDITION_HEAD = re.compile(
    r"^(?P<edition>(?:\d+(?:st|nd|rd|th)|rev\.?|revised|new)\s+ed(?:ition|n)?\.?)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
AUTHOR_DATE = re.compile(
    rf"^(?P<authors>[^()\d]+?)[,.]?\s+\(?(?P<year>{YEAR}[a-z]?|n\.\s?d\.)\)?"
    r"(?:[.,:]\s*|(?<=\))\s+|$)(?P<rest>.*)$"
)
FAMILY = rf"(?<![\w'’])(?:(?!and\s)[a-z]+\s){{0,2}}[{UPPER}][\w'’]+(?:[ -]\s?[{UPPER}][\w'’]+)?"
# An initial without its full stop must be followed by punctuation: `Figes, A People's
# Tragedy` is a name and a title, not `Figes, A.`
INVERTED_INITIALS = rf"{FAMILY},\s?(?:[{UPPER}](?:\.\s?|\.?-|(?=[,&;:(])|\.(?=[,.&;:(]))){{1,4}}"
# APA and kin: `Bergk, V., Haefeli, W. E., Gasse, C. & Martin-Facklam, M.` before the year
# or the title; the initials are what make it a list of names and not a title.
AUTHOR_BLOCK = re.compile(
    rf"^(?P<authors>{INVERTED_INITIALS}(?:,?\s*(?:&|and)?\s*{INVERTED_INITIALS})*"
    r"(?:,?\s*et\s+al\.?)?)\s*[.,:]?\s*(?P<rest>\S.*)$"
)
LEADING_YEAR = re.compile(rf"^\(?(?P<year>{YEAR})[a-z]?\)?[.,:]?\s*")


@dataclass(frozen=True)
class AuthorDate:
    authors: str
    year: str | None
    rest: str


def author_date(text: str) -> AuthorDate | None:
    """The authors and year heading an author-date reference, and what follows them."""
    block = AUTHOR_BLOCK.match(text)
    if block:
        rest = block.group("rest")
        year = LEADING_YEAR.match(rest)
        # One `Surname, I.` with no year after it may go on (`Getty, J. Arch, and ...`):
        # the full-stop style reads that better.
        if year or len(re.findall(INVERTED_INITIALS, block.group("authors"))) > 1:
            rest = rest[year.end() :] if year else rest
            authors = block.group("authors").strip(" ,")
            return AuthorDate(authors, year and year.group("year"), rest)
    match = AUTHOR_DATE.match(text)
    if not match or not looks_like_names(match.group("authors")):
        return None
    dated = match.group("year")
    return AuthorDate(
        match.group("authors").strip(" ,."),
        None if dated.startswith("n") else dated,
        match.group("rest").strip(" ,."),
    )


def period_style(segments: list[str]) -> bool:
    """Whether comma segments hide an inverted author followed by full-stop fields."""
    if len(segments) < 2 or len(segments[0].split()) > 3:
        return False
    return bool(INVERTED_AUTHOR.match(", ".join(segments)))


def period_segments(text: str) -> list[str]:
    """Author, title, then the imprint split at its commas."""
    author = INVERTED_AUTHOR.match(text)
    if not author:
        return period_segments_rest(text)
    return [author.group("author").strip(" ."), *period_segments_rest(author.group("rest"))]


def period_segments_rest(text: str) -> list[str]:
    """The title whole (it may hold commas and colons), then the other fields."""
    pieces = [p.strip() for p in FIELD_STOP.split(text) if p.strip()]
    if not pieces:
        return []
    segments = [pieces[0]]
    for piece in pieces[1:]:
        edition = EDITION_HEAD.match(piece)
        if edition:
            segments.append(edition.group("edition"))
            piece = edition.group("rest")
        segments.extend(imprint.split_imprint(piece) if imprint.is_imprint(piece) else [piece])
    return segments
