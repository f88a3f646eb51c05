"""One reference string → its fields, and the form it takes (full, Ibid., op. cit., short).

The string passes through small cutters in a fixed order: each takes one field out
(Ibid., pages, op. cit., volume, identifiers, a quoted title, a bracketed imprint) and
leaves the rest; what remains is read as comma segments (segments.py): author, title,
imprint.
"""

from __future__ import annotations

import re
from typing import Literal

from citeres.identity import IBID as IBID_FORM
from citeres.identity import OPCIT as OPCIT_FORM
from citeres.model import Kind, ProblemKind, Reference, WorkType
from citeres.parse import bibliography, imprint
from citeres.parse.names import ET_AL, parse_names
from citeres.parse.numbers import BARE_PAGES, find_pages, find_volume
from citeres.parse.segments import (
    BRACKET_IMPRINT,
    after_title,
    parse_container,
    parse_segments,
    title_with_tail,
)
from citeres.parse.state import Parsed
from citeres.text import squash

# Markdown or plain-text emphasis around a title: `*The Age of Extremes*`, `_Title_`.
EMPHASIS = re.compile(
    r"(?<![\w*_])(?P<mark>\*{1,2}|_{1,2})(?P<text>[^\s*_](?:[^*_]*[^\s*_])?)(?P=mark)(?![\w*_])"
)
# The short forms of every language (identity.py); Italian `cit.` counts alone after a comma.
IBID = re.compile(rf"^{IBID_FORM},?\s*", re.IGNORECASE)
OPCIT = re.compile(rf",?\s*(?:{OPCIT_FORM}|(?<=,)\s*cit\.)", re.IGNORECASE)
BRACKETED_EDITION = re.compile(
    r"\s*\((?P<edition>(?:\d+(?:st|nd|rd|th)|rev\.?|revised|new)\s+ed(?:ition|n)?\.?)\)",
    re.IGNORECASE,
)
ACCESSED = re.compile(
    r",?\s*\(?(?:accessed|retrieved|last (?:modified|updated)|viewed|consulted)(?:\s+on)?\s+"
    r"(?:[^,()]*?\d{1,2},\s*\d{4}|[^,()]*?\d{4}|[^,()]*?\d{1,2})\)?(?=,|$)",
    re.IGNORECASE,
)
IDENTIFIER_HINT = re.compile(
    r"10\.|isbn|https?:|www\.|doi|ccessed|etrieved|viewed|consulted|last", re.I
)
URL = re.compile(r"https?://[^\s<>\"”]+[^\s<>\"”.,;)]")
DOI = re.compile(
    r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"”<>]+[^\s\"”<>.,;])", re.I
)
ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX])\b", re.I)
IDENTIFIERS: tuple[tuple[re.Pattern[str], Literal["doi", "isbn", "url"]], ...] = (
    (DOI, "doi"),
    (ISBN, "isbn"),
    (URL, "url"),
)
QUOTED = re.compile(r"[“\"](?P<title>[^”\"]{2,}?)[,.]?[”\"][,.]?")


PAGES_FOUND = "pages found"  # stands for the pages cut off before parsing; never returned


def prepare(raw: str) -> str:
    """One line of plain text: spacing squashed, emphasis marks and the final stop dropped."""
    return EMPHASIS.sub(r"\g<text>", squash(raw)).rstrip(" .")


def parse_reference(raw: str) -> Parsed:
    """Fields of one reference; never raises."""
    return parse_prepared(prepare(raw))


def parse_prepared(text: str, pages_cut: bool = False) -> Parsed:
    """Fields of a prepared reference; with `pages_cut`, its locator was taken off before
    (see parse.fields_of), and the later rules must know that pages were found."""
    state = Parsed(text, pages=PAGES_FOUND if pages_cut else None)
    for cutter in CUTTERS:
        if not (pages_cut and cutter is cut_pages):
            cutter(state)
        if not state.text:
            break
    if state.text and state.form is not Kind.IBID:
        parse_segments(state)
    classify(state)
    return state


def cut_ibid(state: Parsed) -> None:
    match = IBID.match(state.text)
    if match:
        state.form = Kind.IBID
        state.text = state.text[match.end() :]


def cut_pages(state: Parsed) -> None:
    found = find_pages(state.text)
    if found:
        state.pages, state.text = found.value, found.rest.strip(" ,")
        if found.complaint:
            state.complaints.append((ProblemKind.MALFORMED_LOCATOR, found.complaint))
    elif state.form is Kind.IBID and BARE_PAGES.match(state.text.strip(" ,.")):
        state.pages, state.text = state.text.strip(" ,."), ""


def cut_opcit(state: Parsed) -> None:
    match = OPCIT.search(state.text)
    if match:
        state.form = Kind.OPCIT
        state.text = (state.text[: match.start()] + state.text[match.end() :]).strip(" ,.")


def cut_edition(state: Parsed) -> None:
    """`The Russian Revolution (4th ed.)`: an edition in brackets after the title."""
    match = BRACKETED_EDITION.search(state.text)
    if match:
        state.set(edition=match.group("edition"))
        state.text = (state.text[: match.start()] + state.text[match.end() :]).strip(" ,.")


def cut_volume(state: Parsed) -> None:
    found = find_volume(state.text)
    if found:
        state.set(volume=found.value)
        state.text = re.sub(r",\s*,", ",", found.rest).strip(" ,.")
        if found.complaint:
            state.complaints.append((ProblemKind.VOLUME_TYPO, found.complaint))


def cut_identifiers(state: Parsed) -> None:
    # Cheap substring tests first: most references hold none of these, and each regex
    # search costs more than all the tests together.
    if not IDENTIFIER_HINT.search(state.text):
        return
    state.text = ACCESSED.sub("", state.text)
    for pattern, name in IDENTIFIERS:
        match = pattern.search(state.text)
        if match:
            value = match.group(1) if name != "url" else match.group(0)
            state.fields[name] = value.replace(" ", "")
            state.text = (state.text[: match.start()] + state.text[match.end() :]).strip(" ,.")
    if state.fields.get("url") and not state.text:
        state.set(type=WorkType.WEB)


def cut_quoted_title(state: Parsed) -> None:
    """`Author, “Title,” Journal 12 (1990): 45` or `“Title,” in Book`: an article or chapter."""
    if "“" not in state.text and '"' not in state.text:
        return
    match = QUOTED.search(state.text)
    if not match or match.start() > len(state.text) // 2 + 40:
        return
    before = state.text[: match.start()].strip(" ,.")
    after = state.text[match.end() :].strip(" ,.")
    state.set(title=squash(match.group("title")), type=WorkType.ARTICLE)
    if before:
        state.set(authors=parse_names(before))
    state.text = ""
    if after:
        parse_container(state, after)


def cut_bracket_imprint(state: Parsed) -> None:
    """Chicago notes: `Title (New York: Norton, 1970), 4.`"""
    if "(" not in state.text:
        return
    match = BRACKET_IMPRINT.search(state.text)
    if not match:
        return
    imprint.apply(state, match.group("imprint"))
    after = state.text[match.end() :].strip(" ,.")
    if after and BARE_PAGES.match(after) and not state.pages:
        state.pages = after
        after = ""
    state.text = (state.text[: match.start()] + (", " + after if after else "")).strip(" ,.")


def classify(state: Parsed) -> None:
    """Refine the form: an op. cit. with only a volume is volume-only; a reference with no
    imprint may be a short form of an earlier one (the resolver decides)."""
    title, authors = state.fields.get("title"), state.fields.get("authors")
    if state.form is Kind.OPCIT and state.fields.get("volume") and not title:
        state.form = Kind.VOLUME_ONLY
    elif state.form is Kind.FULL and authors and title is None and not state.fields.get("url"):
        state.form = Kind.SHORT  # `Smith, 45` or `Smith 1998, 45`: the resolver finds the work


def has_imprint(ref: Reference) -> bool:
    return bool(ref.publisher or ref.place or ref.year or ref.container or ref.url or ref.doi)


def cut_author_date(state: Parsed) -> None:
    """`Smith 1998, 45`, `Smith, J. (1998). Title. Place: Publisher.`"""
    found = bibliography.author_date(state.text)
    if found is None:
        return
    state.set(
        authors=parse_names(found.authors), year=found.year, et_al=bool(ET_AL.search(found.authors))
    )
    state.text = ""
    if BARE_PAGES.match(found.rest) and not state.pages:
        state.pages = found.rest
    elif found.rest:
        segments = bibliography.period_segments_rest(found.rest)
        title, rest = title_with_tail(segments)
        state.set(title=title)
        after_title(state, rest)


CUTTERS = (
    cut_ibid,
    cut_pages,
    cut_opcit,
    cut_volume,
    cut_edition,
    cut_identifiers,
    cut_author_date,
    cut_quoted_title,
    cut_bracket_imprint,
)
