"""Parenthetical references in running text: `(Smith, Red Vienna, p. 165)`, a title alone
whose author the sentence names, and author-date forms `(Smith 1998: 45)`, `Smith (1998)`.

Author-date citations carry only authors and a year; the lead's resolver matches them to the
document's reference list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeres.find.reading import FOREIGN_HEADINGS, NUMBERED_ALONE, SECTION_NUMBER
from citeres.find.spans import Spans
from citeres.find.titles import (
    PEOPLE,
    PEOPLE_ENDING,
    QUOTED,
    TITLE,
    author_before,
    clean_person,
    person_names,
)
from citeres.identity import IBID, YEAR
from citeres.model import Document, Kind, Mention, Name, Problem, Reference
from citeres.parse.names import ET_AL, parse_name, parse_names

PARENS = re.compile(r"\(([^()\n]{2,400})\)")
SEGMENT = re.compile(r"[^;]+")
CUE = re.compile(
    r"^(?:see(?:[ ]also)?|cf\.|e\.g\.,?|compare|for example,?"
    r"|as[ ](?:described|discussed|argued|noted|shown|quoted|cited)[ ]in)[ ]+",
    re.IGNORECASE,
)
PAGE_NUMBER = r"(?:\d+|[ivxlc]+)(?:[ ]?[-–—][ ]?(?:\d+|[ivxlc]+))?(?:[ ]?ff?\.?)?"
PAGES = rf"{PAGE_NUMBER}(?:,[ ]?{PAGE_NUMBER})*"
LOCATOR = re.compile(rf",?[ ]*(?:pp?\.|pages?|at)[ ]*(?P<pages>{PAGES})[ ]*$")
TRAILING_YEAR = re.compile(rf"(?:,[ ]*|[ ]*\()(?P<year>{YEAR})\)?[ ]*$")
TITLE_RE = re.compile(rf"(?:{TITLE}|{QUOTED})")
CITED_IN = re.compile(r"^(?P<speaker>.+?)[ ]+(?:cited|quoted)(?:[ ]+(?:in|by))?[ ]+(?P<rest>.+)$")
DATED = rf"{YEAR}[a-z]?"  # `1998`, `1998a`
AUTHOR_DATE = re.compile(
    rf"^(?P<authors>{PEOPLE}),?[ ]+(?P<year>{DATED})"
    rf"(?:[ ]*[,:][ ]*(?:pp?\.[ ]*)?(?P<pages>{PAGES}))?[ ]*$"
)
CLOSING_AUTHOR_DATE = re.compile(r",[ ]+(?P<tail>[^,]+)$")
IBID_PAGES = re.compile(rf"^{IBID}(?:,?[ ]*(?:pp?\.[ ]*)?(?P<pages>{PAGES}))?$", re.IGNORECASE)
AUTHOR_PAGE = re.compile(rf"^(?P<authors>{PEOPLE})[ ]+(?P<pages>{PAGES})$")
YEAR_IN_PARENS = re.compile(
    rf"[ \u00a0]\((?P<year>{DATED})(?:[ ]*[,:][ ]*(?:pp?\.[ ]*)?(?P<pages>{PAGES}))?\)"
)
REFERENCE_HEADING = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?{SECTION_NUMBER}(?:references|reference list|bibliography|"
    rf"works cited|sources|literature|{FOREIGN_HEADINGS})[ \t]*:?[ \t]*${NUMBERED_ALONE}",
    re.IGNORECASE | re.MULTILINE,
)
# An entry of an author-date list, one a paragraph: `Jacquesson, Alain ; von Roten,
# Gabrielle (2019). Histoire d'une (r)évolution. Genève: ...`. The title runs to its first
# full stop; the names are parsed as the list writes them, surname first.
LIST_ENTRY = re.compile(
    rf"^[ \t]*(?:[-*•][ \t]+)?(?P<authors>[^\W\d_][^()\n]{{1,200}}?)[ ]\((?P<year>{DATED})\)"
    rf"[.:,]?[ ]+(?P<title>[^\n]{{2,300}}?)(?=\.[ ]|\.?[ \t]*$)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Found:
    mention: Mention
    strong: bool  # author-date with a locator or several authors: no other evidence needed
    author_date: bool
    narrative: bool = False  # `Smith (1998)`, outside the parentheses


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    found: list[Found] = list_entries(document)
    families: set[str] = set()
    for match in PARENS.finditer(document.text):
        found.extend(in_parentheses(document, match, families))
    claimed = Spans()
    found = [f for f in found if claimed.claim(f.mention.start, f.mention.end)]
    found.extend(narrative(document, claimed))
    listed_works = bool(REFERENCE_HEADING.search(document.text))
    trusted = listed_works or any(f.strong for f in found if f.author_date) or repeated(found)
    kept = [f for f in found if not f.author_date or f.strong or trusted]
    return sorted((f.mention for f in kept), key=lambda m: m.start), []


def repeated(found: list[Found]) -> bool:
    """Author-date is the document's way of citing when several distinct works are cited
    within parentheses, `(White, 1973)` then `(Eco, 1994)`. `Surname (Year)` does not
    count: `China (1985)` is a date in prose, and a table of them is no citing."""
    works = {
        (f.mention.reference.authors[0].family, f.mention.reference.year)
        for f in found
        if f.author_date and not f.narrative and f.mention.reference and f.mention.reference.authors
    }
    return len(works) >= REPEATED_WORKS


REPEATED_WORKS = 3


def list_entries(document: Document) -> list[Found]:
    """The entries of the document's author-date reference list, each a work the
    citations `(Jacquesson 1995)` resolve to: found here, before the parentheses, so the
    entry's `(1995)` is not itself read as a citation."""
    heading = REFERENCE_HEADING.search(document.text)
    if heading is None:
        return []
    found = []
    for match in LIST_ENTRY.finditer(document.text, heading.end()):
        authors = parse_names(match.group("authors").replace(" ; ", "; "))
        if not authors or any(not name.family[:1].isupper() for name in authors):
            continue
        title = unquote(match.group("title").strip("*_ "))  # italics kept as written
        reference = Reference(authors=authors, year=match.group("year"), title=title)
        start = match.start("authors")
        raw = document.text[start : match.end("title")]
        entry = mention(document, start, raw, Kind.FURTHER_READING, reference, None)
        found.append(Found(entry, False, False))
    return found


def in_parentheses(document: Document, match: re.Match[str], families: set[str]) -> list[Found]:
    found = []
    segments = list(SEGMENT.finditer(match.group(1)))
    author_dates = sum(1 for s in segments if AUTHOR_DATE.match(s.group().strip()))
    for segment in segments:
        start = match.start(1) + segment.start()
        raw = segment.group()
        lead = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        cue = CUE.match(raw)
        if cue:
            lead, raw = lead + cue.end(), raw[cue.end() :]
        start += lead
        one = read_segment(document, raw, start, bool(cue), author_dates > 1, families)
        if one is None:
            one = closing_author_date(document, raw, start)
        if one is not None:
            found.append(one)
    return found


def closing_author_date(document: Document, raw: str, start: int) -> Found | None:
    """An aside that closes on its source, `(a late example, Jacquesson 1995: 245–265)`:
    the author-date after the last comma, taken only with its pages, which no date in
    prose has."""
    tail = CLOSING_AUTHOR_DATE.search(raw)
    if tail is None:
        return None
    dated = AUTHOR_DATE.match(tail.group("tail"))
    if dated is None or not dated.group("pages"):
        return None
    at = start + tail.start("tail")
    return author_date(document, dated, at, start + len(raw), several=False)


def read_segment(
    document: Document, raw: str, start: int, cued: bool, several: bool, families: set[str]
) -> Found | None:
    if not raw:
        return None
    ibid = IBID_PAGES.match(raw)
    if ibid:
        found = mention(document, start, raw, Kind.IBID, Reference(), ibid.group("pages"))
        return Found(found, False, False)
    dated = AUTHOR_DATE.match(raw)
    if dated:
        return author_date(document, dated, start, start + len(raw), several)
    paged = AUTHOR_PAGE.match(raw)
    if paged:
        return author_page(document, paged, start, start + len(raw))
    reference, pages = author_title(document.text, raw, start, cued, families)
    if reference is None:
        return None
    families.update(n.family for n in reference.authors)
    return Found(mention(document, start, raw, Kind.PARENTHETICAL, reference, pages), False, False)


def author_title(
    text: str, raw: str, start: int, cued: bool, families: set[str]
) -> tuple[Reference | None, str | None]:
    """`Author, Title[, Year], p. N`, `Title, p. N` or `X cited Author, Title, p. N`."""
    locator = LOCATOR.search(raw)
    if locator is None and not cued:
        return None, None
    body = raw[: locator.start()] if locator else raw
    pages = locator.group("pages") if locator else None
    year = TRAILING_YEAR.search(body)
    if year:
        body = body[: year.start()]
    cited = CITED_IN.match(body)
    if cited and "," in cited.group("rest"):
        body = cited.group("rest")
    head, comma, title = body.partition(", ")
    if not comma:
        return lone_part(text, body.strip(), start, families, locator is not None, year), pages
    person = clean_person(head.strip())
    if person != head.strip() or not re.fullmatch(PEOPLE, person):
        return None, None
    title = title.strip()
    if not is_title(title, strict=locator is None):
        return None, None
    return Reference(
        authors=person_names(person), title=unquote(title), year=year and year.group("year")
    ), pages


def lone_part(
    text: str, part: str, start: int, families: set[str], located: bool, year: re.Match | None
) -> Reference | None:
    """`(Title, p. N)` with the author taken from the sentence, or `(Author, p. N)` when
    the word is a family name already cited in the document."""
    if not located or not part:
        return None
    if part in families:
        return Reference(authors=(Name(family=part),), year=year and year.group("year"))
    if not is_title(part, strict=True):
        return None
    return Reference(
        authors=author_before(text, start),
        title=unquote(part),
        year=year and year.group("year"),
    )


def is_title(title: str, strict: bool) -> bool:
    """A title between commas: capitalised, not a sentence; strict means a whole Title-Case run."""
    if not title or len(title) > 200 or not (title[0].isupper() or title[0] in "‘“\"'"):
        return False
    if strict:
        return TITLE_RE.fullmatch(title) is not None
    return not re.search(r"[.!?]\s", title)


# Between the surnames of a citation in the text: `Gregory, Cousijn, et al.`, `Sanderson und
# Croft`, `Kunze & Auer`, `Lefort et Ricœur`.
AND_WORDS = r"and|und|et|e|y"
CITED_SEPARATOR = re.compile(rf"\s*,\s*(?:(?:{AND_WORDS}|&)\s+)?|\s+(?:{AND_WORDS})\s+|\s*&\s*")
INITIAL = re.compile(r"^(?:[^\W\d_]\.\s?)+$")


def cited_names(text: str) -> tuple[Name, ...]:
    """The authors a citation in the text names: surnames only, so every comma parts two
    of them (`Gregory, Cousijn` is two authors, not Cousijn Gregory); a name with its
    initials (`Smith, J.`) is read as any author list is."""
    parts = [p.strip() for p in CITED_SEPARATOR.split(ET_AL.sub("", text).strip()) if p.strip()]
    if len(parts) < 2 or any(INITIAL.match(p) for p in parts):
        return person_names(text)
    return tuple(parse_name(p) for p in parts)


def unquote(title: str) -> str:
    return title.strip("‘’“”\"' ")


def author_page(document: Document, match: re.Match[str], start: int, end: int) -> Found | None:
    """MLA's `(Figes 45)`, `(Getty and Naumov 590)`: taken only when the first surname
    heads an entry of the document's own list of works (`Figes, Orlando. ...`)."""
    authors_text = match.group("authors")
    names = cited_names(authors_text)
    if not names or not listed(document.text, names[0].family):
        return None
    raw = document.text[start:end]
    reference = Reference(authors=names)
    found = mention(document, start, raw, Kind.PARENTHETICAL, reference, match.group("pages"))
    return Found(found, False, True)


def listed(text: str, family: str) -> bool:
    """Whether an entry starts `Family,`: at a line's start, or after the full stop that
    ends the entry before it (the sentence finders read wrapped lines joined)."""
    if family and not family[0].isspace() and "," not in family and len(family) <= LONGEST_HEAD:
        return family in entry_heads(text)
    entry = rf"(?:^|\.\s+)[ \t]*(?:[-*•][ \t]+)?{re.escape(family)},"
    return re.search(entry, text, re.MULTILINE) is not None


ENTRY_START = re.compile(r"^[ \t]*|\.\s+", re.MULTILINE)
LONGEST_HEAD = 100
last_heads: tuple[str, frozenset[str]] | None = None


def entry_heads(text: str) -> frozenset[str]:
    """Every `Family` that an entry could start `Family,` with, collected in one pass, so
    that each `(Word 123)` of a document does not search the whole text again. Kept for
    the text last asked about, known by identity: comparing a long text with another
    equal one would cost as much as a search."""
    global last_heads
    if last_heads is not None and last_heads[0] is text:
        return last_heads[1]
    heads = set()
    for start in ENTRY_START.finditer(text):
        at = start.end()
        heads.add(head_at(text, at))
        if text[at : at + 1] in ("-", "*", "•") and text[at + 1 : at + 2] in (" ", "\t"):
            at += 1
            while text[at : at + 1] in (" ", "\t"):
                at += 1
            heads.add(head_at(text, at))
    last_heads = (text, frozenset(heads))
    return last_heads[1]


def head_at(text: str, at: int) -> str:
    comma = text.find(",", at, at + LONGEST_HEAD + 1)
    return text[at:comma] if comma > at else ""


def author_date(
    document: Document, match: re.Match[str], start: int, end: int, several: bool
) -> Found | None:
    authors_text = match.group("authors")
    if clean_person(authors_text.split(" and ")[0].split(",")[0]) is None:
        return None
    raw = document.text[start:end]
    reference = Reference(authors=cited_names(authors_text), year=match.group("year"))
    strong = bool(match.group("pages")) or several or "et al" in authors_text
    return Found(
        mention(document, start, raw, Kind.PARENTHETICAL, reference, match.group("pages")),
        strong,
        True,
    )


def narrative(document: Document, claimed: Spans) -> list[Found]:
    """`Smith (1998)` and `Smith and Jones (1998: 45)`: the author named in the sentence."""
    found = []
    text = document.text
    for match in YEAR_IN_PARENS.finditer(text):
        named = PEOPLE_ENDING.search(text, max(0, match.start() - 120), match.start())
        authors = clean_person(named.group()) if named else None
        if named is None or authors is None:
            continue
        start = named.end() - len(authors)
        reference = Reference(authors=cited_names(authors), year=match.group("year"))
        raw = text[start : match.end()]
        pages = match.group("pages")
        found.append(
            Found(
                mention(document, start, raw, Kind.PARENTHETICAL, reference, pages),
                bool(pages),
                True,
                narrative=True,
            )
        )
    return [f for f in found if claimed.claim(f.mention.start, f.mention.end)]


def mention(
    document: Document, start: int, raw: str, kind: Kind, reference: Reference, pages: str | None
) -> Mention:
    return Mention.at(document, start, start + len(raw), kind, reference, pages=pages)
