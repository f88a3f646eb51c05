"""One reference string → its fields, and the form it takes (full, Ibid., op. cit., short).

The string passes through small cutters in a fixed order: each takes one field out
(Ibid., pages, op. cit., volume, identifiers, a quoted title, a bracketed imprint) and
leaves the rest; what remains is split at commas into author, title and imprint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from citeres.model import Kind, Name, Reference, WorkType
from citeres.parse import imprint
from citeres.parse.names import looks_like_name, parse_names
from citeres.parse.numbers import BARE_PAGES, find_pages, find_volume
from citeres.text import squash

IBID = re.compile(r"^(?:ibid|ibidem|id)\b\.?,?\s*", re.IGNORECASE)
OPCIT = re.compile(r",?\s*\b(?:op\.?\s*cit|loc\.?\s*cit|art\.?\s*cit)\b\.?", re.IGNORECASE)
URL = re.compile(r"https?://[^\s<>\"”]+[^\s<>\"”.,;)]")
DOI = re.compile(
    r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"”<>]+[^\s\"”<>.,;])", re.I
)
ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX])\b", re.I)
QUOTED = re.compile(r"[“\"](?P<title>[^”\"]{2,}?)[,.]?[”\"][,.]?")
BRACKET_IMPRINT = re.compile(r"\((?P<imprint>[^()]*\b(?:1[4-9]\d\d|20\d\d)[^()]*)\)")
EDITOR = re.compile(
    r"^(?:(?:ed|eds|edited|trans|translated|comp|compiled)\.?(?:\s+by)?\s+(?P<after>.+)|"
    r"(?P<before>.+?),?\s+(?:ed|eds|editor|editors|trans|comp)\.?)$",
    re.IGNORECASE,
)
JOURNAL_NUMBERS = re.compile(
    r"^(?P<container>.*?)[,\s]+(?P<volume>\d{1,4})(?:\s*,?\s*(?:no\.|issue|nr\.)\s*(?P<issue>[\w-]+))?"
    r"\s*(?:\((?P<year>[^)]*\d{4}[^)]*)\))?\s*:?\s*(?P<pages>\d+(?:\s*[-–—]\s*\d+)?)?$",
    re.IGNORECASE,
)


@dataclass
class Parsed:
    """The parser's working state, and its result."""

    text: str
    form: Kind = Kind.FULL
    pages: str | None = None
    reference: Reference = field(default_factory=Reference)
    complaints: list[tuple[str, str]] = field(default_factory=list)

    def set(self, **changes: object) -> None:
        self.reference = replace(self.reference, **changes)  # type: ignore[arg-type]


def parse_reference(raw: str) -> Parsed:
    """Fields of one reference; never raises."""
    state = Parsed(squash(raw).rstrip(" ."))
    for cutter in CUTTERS:
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
            state.complaints.append(("malformed-locator", found.complaint))
    elif state.form is Kind.IBID and BARE_PAGES.match(state.text.strip(" ,.")):
        state.pages, state.text = state.text.strip(" ,."), ""


def cut_opcit(state: Parsed) -> None:
    match = OPCIT.search(state.text)
    if match:
        state.form = Kind.OPCIT
        state.text = (state.text[: match.start()] + state.text[match.end() :]).strip(" ,.")


def cut_volume(state: Parsed) -> None:
    found = find_volume(state.text)
    if found:
        state.set(volume=found.value)
        state.text = re.sub(r",\s*,", ",", found.rest).strip(" ,.")
        if found.complaint:
            state.complaints.append(("volume-typo", found.complaint))


def cut_identifiers(state: Parsed) -> None:
    for pattern, name in ((DOI, "doi"), (ISBN, "isbn"), (URL, "url")):
        match = pattern.search(state.text)
        if match:
            value = match.group(1) if name != "url" else match.group(0)
            state.set(**{name: value.replace(" ", "")})
            state.text = (state.text[: match.start()] + state.text[match.end() :]).strip(" ,.")
    if state.reference.url and not state.text:
        state.set(type=WorkType.WEB)


def cut_quoted_title(state: Parsed) -> None:
    """`Author, “Title,” Journal 12 (1990): 45` or `“Title,” in Book`: an article or chapter."""
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


def parse_container(state: Parsed, after: str) -> None:
    if re.match(r"in\s", after, re.IGNORECASE):
        state.set(type=WorkType.CHAPTER)
        parse_book_part(state, after[3:])
        return
    bracket = BRACKET_IMPRINT.search(after)
    match = JOURNAL_NUMBERS.match(after)
    if match and match.group("container"):
        state.set(
            container=match.group("container").strip(" ,"),
            volume=state.reference.volume or match.group("volume"),
            issue=match.group("issue"),
            year=imprint.year_of(match.group("year") or ""),
        )
        if match.group("pages") and not state.pages:
            state.pages = match.group("pages")
    elif bracket:
        state.set(container=after[: bracket.start()].strip(" ,"))
        imprint.apply(state, bracket.group("imprint"))
    else:
        segments = split_commas(after)
        state.set(container=segments[0])
        imprint.apply_segments(state, segments[1:])


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
        state.set(container=segments[0])
        more, rest = take_editors(segments[1:])
        editors = editors or more
        imprint.apply_segments(state, rest)
    if editors:
        state.set(editors=editors)


def cut_bracket_imprint(state: Parsed) -> None:
    """Chicago notes: `Title (New York: Vintage, 1970), 4.`"""
    match = BRACKET_IMPRINT.search(state.text)
    if not match:
        return
    imprint.apply(state, match.group("imprint"))
    after = state.text[match.end() :].strip(" ,.")
    if after and BARE_PAGES.match(after) and not state.pages:
        state.pages = after
        after = ""
    state.text = (state.text[: match.start()] + (", " + after if after else "")).strip(" ,.")


def split_commas(text: str) -> list[str]:
    """Top-level comma segments (commas inside brackets stay)."""
    segments, depth, current = [], 0, []
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
    """`James E. Conner, ed.` or `ed. James E. Conner` at the head of the segments."""
    if len(segments) >= 2 and re.fullmatch(r"eds?\.?|editors?", segments[1], re.I):
        return parse_names(segments[0]), segments[2:]
    match = EDITOR.match(segments[0]) if segments else None
    if match and (match.group("after") or match.group("before")):
        names = match.group("after") or match.group("before")
        if looks_like_name(names.split(" and ")[0]):
            return parse_names(names), segments[1:]
    return (), segments


def parse_segments(state: Parsed) -> None:
    """`Authors, Title, [ed.], [Place: Publisher, Year]` once the special fields are cut."""
    segments = split_commas(state.text)
    state.text = ""
    if period_style(segments):
        segments = period_segments(", ".join(segments))
    trailing_pages(state, segments)
    if not segments:
        return
    contribution = next((i for i, s in enumerate(segments) if re.match(r"in\s", s)), None)
    if contribution == 1:
        parse_contribution(state, segments)
        return
    if is_author(segments, state.form, state.pages is not None):
        state.set(authors=parse_names(segments[0]))
        segments = segments[1:]
    if segments:
        state.set(title=segments[0])
        rest = segments[1:]
        if rest and re.match(r"in\s", rest[0]):
            state.set(type=WorkType.CHAPTER)
            parse_book_part(state, ", ".join(rest)[3:])
            return
        editors, rest = take_editors(rest) if rest else ((), rest)
        if editors:
            state.set(editors=editors)
        imprint.apply_segments(state, rest)


def parse_contribution(state: Parsed, segments: list[str]) -> None:
    """`Joseph Hansen, in Leon Trotsky, Title, ...` (an introduction inside a book) and
    `Sarah Lovell, in Leon Trotsky Speaks, op. cit.`: the work is the book."""
    inner = [segments[1][3:].strip(), *segments[2:]]
    if len(inner) >= 2 and looks_like_name(inner[0]) and not imprint.is_imprint(inner[1]):
        state.set(authors=parse_names(inner[0]))
        inner = inner[1:]
    state.set(title=inner[0])
    imprint.apply_segments(state, inner[1:])


def is_author(segments: list[str], form: Kind, has_pages: bool = False) -> bool:
    """Whether the first segment names the authors rather than the title."""
    first = segments[0]
    names = [n for n in re.split(r"\s+and\s+|\s*&\s*", re.sub(r",?\s*et al\.?$", "", first)) if n]
    if not names or not all(looks_like_name(n) for n in names):
        return False
    if len(segments) == 1:
        # `Meyer, op. cit.` and `Smith, 45` name an author; `The Peasant War.` is a title.
        return form is not Kind.FULL or has_pages
    # `Leon Trotsky Speaks, New York: Pathfinder, 1972`: the name-like part is the title,
    # unless a later segment holds the imprint (`Name, Title: Subtitle, Place: Publisher`).
    second_is_imprint = imprint.is_imprint(segments[1]) and not any(":" in s for s in segments[2:])
    return not (second_is_imprint and form is Kind.FULL and len(first.split()) > 2)


def period_style(segments: list[str]) -> bool:
    """`Lewin, Moshe. Lenin's Last Struggle. New York: Vintage, 1970`: inverted author,
    then fields separated by full stops."""
    if len(segments) < 2 or len(segments[0].split()) > 3:
        return False
    return bool(re.match(r"^[A-Z][\w.\- ]*?(?:\s[A-Z]\.)*\.\s+\S", segments[1]))


INVERTED_AUTHOR = re.compile(
    r"^(?P<author>[^,.]+,\s+(?:[A-Z]\.\s*)+|[^,.]+,\s+[^\s,.]+(?:\s+[A-Z]\.)?(?:\s+[^\s,.]+)?)"
    r"(?:\.\s+|\s+(?=[A-Z“\"]))(?P<rest>.*)$"
)


def period_segments(text: str) -> list[str]:
    """Split at full stops that end a field (not after an initial or an abbreviation)."""
    author = INVERTED_AUTHOR.match(text)
    if author:
        return [author.group("author").strip(" ."), *period_segments_rest(author.group("rest"))]
    pieces = period_segments_rest(text)
    return pieces


def period_segments_rest(text: str) -> list[str]:
    pieces = re.split(
        r"(?<![\s.][A-Z])(?<!\bVol)(?<!\beds)(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bed)\.\s+", text
    )
    segments: list[str] = []
    for piece in pieces:
        segments.extend(split_commas(piece) if imprint.is_imprint(piece) else [piece])
    return segments


def trailing_pages(state: Parsed, segments: list[str]) -> None:
    """`Lewin, Lenin's Last Struggle, 4`: a bare number at the end is a page."""
    if state.pages or len(segments) < 2:
        return
    last = segments[-1]
    if BARE_PAGES.match(last) and not re.fullmatch(r"1[4-9]\d\d|20\d\d", last):
        state.pages = last
        segments.pop()


def classify(state: Parsed) -> None:
    """Refine the form: an op. cit. with only a volume is volume-only; a reference with no
    imprint may be a short form of an earlier one (the resolver decides)."""
    ref = state.reference
    if state.form is Kind.OPCIT and ref.volume and not ref.title:
        state.form = Kind.VOLUME_ONLY
    elif state.form is Kind.FULL and not has_imprint(ref) and ref.authors and ref.title is None:
        state.form = Kind.SHORT


def has_imprint(ref: Reference) -> bool:
    return bool(ref.publisher or ref.place or ref.year or ref.container or ref.url or ref.doi)


CUTTERS = (
    cut_ibid,
    cut_pages,
    cut_opcit,
    cut_volume,
    cut_identifiers,
    cut_quoted_title,
    cut_bracket_imprint,
)
