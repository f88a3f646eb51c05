"""The comma segments left once a reference's special fields are cut: authors, title,
editors, and what follows the title (a chapter's book, a journal's numbers, an imprint)."""

from __future__ import annotations

import re

from citeres.identity import LOWER, UPPER, YEAR, is_year, last_year
from citeres.model import Kind, Name, WorkType
from citeres.parse import bibliography, imprint
from citeres.parse.names import (
    ET_AL,
    is_corporate,
    looks_like_name,
    looks_like_names,
    parse_names,
)
from citeres.parse.numbers import BARE_PAGES
from citeres.parse.state import Parsed

PAGE_RANGE = re.compile(r"\d\s*[-–—]\s*[A-Za-z]?\d")
YEAR_RANGE = re.compile(rf"^{YEAR}\s*[-–—]\s*\d{{2,4}}$")
BRACKET_IMPRINT = re.compile(rf"\((?P<imprint>[^()]*\b{YEAR}[^()]*)\)")
EDITOR = re.compile(
    r"^(?:(?:ed|eds|edited|trans|translated|comp|compiled)\.?(?:\s+by)?\s+(?P<after>.+)|"
    r"(?P<before>.+?),?\s+\(?(?:ed|eds|editor|editors|trans|comp)\.?\)?)$",
    re.IGNORECASE,
)
# `Social Research 56, no. 1 (1989): 5-31`, `Journal of X 54, 2592–2596 (1997)`,
# `Past and Present 38 (1967): 56-97`, `Canadian Acoustics 37(3), 144-145`
JOURNAL_NUMBERS = re.compile(
    r"^(?P<container>[^\d()]+?)[,.]?\s+(?P<volume>\d{1,4})\s*(?:\((?P<number>[^)]{1,12})\))?"
    r"(?:\s*,?\s*(?:no\.|nr\.|issue)\s*(?P<issue>[\w-]+))?\s*[,:.]?\s*"
    r"(?:\((?P<year>[^)]*\d{4}[^)]*)\))?\s*[,:.]?\s*(?:pp?\.\s*)?"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]\s*[A-Za-z]?\d+)?)?\s*[,.]?\s*"
    r"(?:\((?P<year2>\d{4})\))?$",
    re.IGNORECASE,
)


def parse_container(state: Parsed, after: str) -> None:
    if re.match(r"in\s", after, re.IGNORECASE):
        state.set(type=WorkType.CHAPTER)
        parse_book_part(state, after[3:])
        return
    bracket = BRACKET_IMPRINT.search(after)
    match = JOURNAL_NUMBERS.match(after)
    if state.fields.get("url") and not match and not bracket:
        # `“Soviet,” Encyclopaedia Britannica, https://...`: a page of a web site.
        segments = split_commas(after)
        state.set(type=WorkType.WEB, container=segments[0])
        imprint.apply_segments(state, segments[1:])
    elif match and match.group("container"):
        set_journal(state, match)
    elif bracket:
        state.set(container=after[: bracket.start()].strip(" ,"))
        imprint.apply(state, bracket.group("imprint"))
    else:
        segments = split_commas(after)
        state.set(container=segments[0])
        imprint.apply_segments(state, segments[1:])


def set_journal(state: Parsed, match: re.Match[str]) -> None:
    number = match.group("number")
    year = last_year(match.group("year") or match.group("year2") or "")
    if number and last_year(number) and not year:
        year, number = last_year(number), None  # `Past and Present 38 (1967)`
    state.set(
        type=WorkType.ARTICLE,
        container=match.group("container").strip(" ,"),
        volume=state.fields.get("volume") or match.group("volume"),
        issue=match.group("issue") or number,
        year=year or state.fields.get("year"),
    )
    journal_pages(state, match.group("pages"))


def journal_pages(state: Parsed, pages: str | None) -> None:
    """`Review 3 (1990): 12-20`: a range after a journal's numbers is the article's own; a
    single page is the page cited, unless the reference has cited its pages already."""
    if not pages:
        return
    if PAGE_RANGE.search(pages) or state.pages:
        state.set(pages=pages)
    else:
        state.pages = pages


def after_title(state: Parsed, rest: list[str]) -> None:
    """What follows a title: an editor, then a chapter's book, a journal's numbers, or an
    imprint."""
    editors, rest = take_editors(rest) if rest else ((), rest)
    if editors:
        state.set(editors=editors)
    if not rest:
        return
    text = ", ".join(rest)
    if re.match(r"in:?\s", text, re.IGNORECASE):
        state.set(type=WorkType.CHAPTER)
        parse_book_part(state, re.sub(r"^in:?\s+", "", text, flags=re.IGNORECASE))
        return
    journal = None if imprint.is_imprint(rest[0]) else JOURNAL_NUMBERS.match(text)
    if journal:
        set_journal(state, journal)
    else:
        imprint.apply_segments(state, rest)


def parse_book_part(state: Parsed, text: str) -> None:
    """The book a chapter is in: `James E. Conner, ed., Container, Place: Publisher, Year`."""
    bracket = BRACKET_IMPRINT.search(text)
    if bracket:
        imprint.apply(state, bracket.group("imprint"))
        text = text[: bracket.start()] + text[bracket.end() :]
    segments = split_commas(text)
    trailing_pages(state, segments)
    editors, segments = take_editors(segments)
    if segments:
        container, rest = title_with_tail(segments)
        state.set(container=container)
        more, rest = take_editors(rest)
        editors = editors or more
        imprint.apply_segments(state, rest)
    if editors:
        state.set(editors=editors)


def split_commas(text: str) -> list[str]:
    """Top-level comma segments (commas inside brackets stay)."""
    if "(" not in text and "[" not in text:
        return [s for s in (part.strip() for part in text.split(",")) if s]
    segments: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += (ch in "([" and 1) or (ch in ")]" and -1) or 0
        if ch == "," and depth <= 0:
            segments.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    segments.append("".join(current).strip())
    return [s for s in segments if s]


def take_editors(segments: list[str]) -> tuple[tuple[Name, ...], list[str]]:
    """`James E. Conner, ed.`, `ed. R. W. Davies, Mark Harrison and S. G. Wheatcroft` or
    `Mary Smith (ed.)` at the head of the segments."""
    if len(segments) >= 2 and re.fullmatch(r"\(?eds?\.?\)?|editors?", segments[1], re.I):
        return parse_names(segments[0]), segments[2:]
    match = EDITOR.match(segments[0]) if segments else None
    if not match:
        return (), segments
    if match.group("before"):
        names = match.group("before")
        return (parse_names(names), segments[1:]) if looks_like_names(names) else ((), segments)
    names, rest = [match.group("after")], segments[1:]
    while rest and looks_like_names(rest[0]) and not imprint.is_imprint(rest[0]):
        names.append(rest.pop(0))
    if not looks_like_names(names[0]):
        return (), segments
    return parse_names(", ".join(names)), rest


def parse_segments(state: Parsed) -> None:
    """`Authors, Title, [ed.], [Place: Publisher, Year]` once the special fields are cut."""
    segments = split_commas(state.text)
    state.text = ""
    if bibliography.period_style(segments):
        segments = bibliography.period_segments(", ".join(segments))
    trailing_pages(state, segments)
    if not segments:
        return
    contribution = next((i for i, s in enumerate(segments) if re.match(r"in\s", s)), None)
    if contribution == 1:
        parse_contribution(state, segments)
        return
    segments = join_inverted(join_suffix(segments))
    editors_first = leading_editors(segments)
    if editors_first:
        state.set(editors=parse_names(segments[0]))
        segments = segments[2:]
    elif is_author(segments, state.form, state.pages is not None):
        count = author_segments(segments) if state.form is Kind.FULL else 1
        authors = ", ".join(segments[:count])
        state.set(authors=parse_names(authors), et_al=bool(ET_AL.search(authors)))
        segments = segments[count:]
    if segments:
        title, rest = title_with_tail(segments)
        state.set(title=title)
        if rest and re.match(r"in\s", rest[0]):
            state.set(type=WorkType.CHAPTER)
            parse_book_part(state, ", ".join(rest)[3:])
            return
        editors, rest = take_editors(rest) if rest else ((), rest)
        if editors:
            state.set(editors=editors)
        imprint.apply_segments(state, rest)


def title_with_tail(segments: list[str]) -> tuple[str, list[str]]:
    """A title runs on over commas into a year range (`The Soviet Union, 1913–1945`) or a
    lower-case continuation."""
    title, rest = segments[0], segments[1:]
    while rest and (YEAR_RANGE.match(rest[0]) or (rest[0][:1].islower() and " " in rest[0])):
        if re.match(r"(?:ed|eds|trans|in)\b", rest[0]):
            break
        title += ", " + rest.pop(0)
    return title, rest


def parse_contribution(state: Parsed, segments: list[str]) -> None:
    """`Jane Doe, in Hannah Arendt, Title, ...` (an introduction inside a book) and
    `Ann Lake, in Emma Goldman Speaks, op. cit.`: the work is the book."""
    inner = [segments[1][3:].strip(), *segments[2:]]
    if len(inner) >= 2 and looks_like_name(inner[0]) and not imprint.is_imprint(inner[1]):
        state.set(authors=parse_names(inner[0]))
        inner = inner[1:]
    state.set(title=inner[0])
    imprint.apply_segments(state, inner[1:])


SUFFIX_SEGMENT = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
EDITOR_SEGMENT = re.compile(r"^\(?(?:eds?|editors?|comp|trans)\.?\)?$", re.IGNORECASE)


def join_suffix(segments: list[str]) -> list[str]:
    """`Martin Luther King, Jr., Title`: the suffix belongs to the name before it."""
    if len(segments) > 2 and SUFFIX_SEGMENT.match(segments[1]):
        return [f"{segments[0]} {segments[1]}", *segments[2:]]
    return segments


INITIALS_SEGMENT = re.compile(r"^(?:[A-Z]\.?[ -]?){1,4}$")
GIVEN_SEGMENT = re.compile(rf"^[{UPPER}][{LOWER}'’-]+(?: [{UPPER}]\.)?$")
TITLE_LIKE = re.compile(r"^(?:The|A|An)\b|\s(?:of|and|the|in|on|for|to|a)\s")


def join_inverted(segments: list[str]) -> list[str]:
    """`Carr, E.H., Title, ...` and `Hobsbawm, Eric, The Age of Revolution, ...`: an author
    written surname first, then a comma. Initials are never a title; a lone given name is
    taken as one only when a title-like segment follows (`Meyer, Leninism, Frederick A.
    Praeger, ...` keeps `Leninism` as the title)."""
    if len(segments) < 3 or len(segments[0].split()) > 2 or not looks_like_name(segments[0]):
        return segments
    second, third = segments[1], segments[2]
    initials = INITIALS_SEGMENT.match(second)
    given = GIVEN_SEGMENT.match(second) and TITLE_LIKE.search(third)
    if (initials or given) and not imprint.is_imprint(third):
        return [f"{segments[0]}, {second}", *segments[2:]]
    return segments


def leading_editors(segments: list[str]) -> bool:
    """`Ronald Grigor Suny, ed., Title`: a book known by its editor."""
    return (
        len(segments) > 2
        and EDITOR_SEGMENT.match(segments[1]) is not None
        and looks_like_names(segments[0])
    )


def is_author(segments: list[str], form: Kind, has_pages: bool = False) -> bool:
    """Whether the first segment names the authors rather than the title."""
    first = segments[0]
    if is_corporate(first) and len(segments) > 1 and not imprint.is_imprint(segments[1]):
        return True  # `Central Committee of the CPSU, History of ...`
    if not looks_like_names(first):
        return False
    if len(segments) == 1:
        # `Bloch, op. cit.` and `Smith, 45` name an author; `The Great Fear.` is a title.
        return form is not Kind.FULL or has_pages
    if re.search(r"\b[A-Z]\.", first):
        return True  # initials: `S. A. Smith` is a person, whatever follows
    # `Emma Goldman Speaks, New York: Norton, 1972`: the name-like part is the title,
    # unless a later segment holds the imprint (`Name, Title: Subtitle, Place: Publisher`)
    # or the colon segment runs on into a year range (`Red Vienna: ..., 1919–1934`).
    rest = segments[2:]
    second_is_imprint = (
        imprint.is_imprint(segments[1])
        and not any(":" in s for s in rest)
        and not (rest and YEAR_RANGE.match(rest[0]))
    )
    return not (second_is_imprint and form is Kind.FULL and len(first.split()) > 2)


def author_segments(segments: list[str]) -> int:
    """How many leading segments are authors: `L. Ding, A. B. Smith, and C. Jones, Title`.
    A further segment counts only when it is a full name (or `and X`) and a title that is
    not an imprint still follows it."""
    count = 1
    while count + 1 < len(segments):
        candidate = re.sub(r"^(?:and|&)\s+", "", segments[count])
        parts = re.split(r"\s+(?:and|&)\s+", candidate)
        full_names = looks_like_names(candidate) and all(len(p.split()) >= 2 for p in parts)
        following = segments[count + 1]
        if not full_names or imprint.is_imprint(following) or re.match(r"in\s", following):
            break
        count += 1
    return count


def trailing_pages(state: Parsed, segments: list[str]) -> None:
    """`Figes, A People's Tragedy, 4`: a bare number at the end is a page."""
    if state.pages or len(segments) < 2:
        return
    last = segments[-1]
    if BARE_PAGES.match(last) and not is_year(last):
        state.pages = last
        segments.pop()
