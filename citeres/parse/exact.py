"""The exact signals of a reference, laid over the model's labels: the model decides which
span is what, and where a pattern is certain these rules have the last word.

Each rule takes the tokens and their labels and changes labels in place, in the order of
RULES: short forms (Ibid., op. cit. and their kin, identity.py), italics, identifiers,
volumes, page locators, then the structure of a reference the model left untitled (where
its names end), a corporate author, a book's title read as a container. Volumes and
locators written oddly are complained about; their value is still read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from citeres.identity import IBID as IBID_FORM
from citeres.identity import OPCIT as OPCIT_FORM
from citeres.identity import UPPER, is_year
from citeres.model import ProblemKind
from citeres.parse import names
from citeres.parse.names import NOT_IN_NAMES, PARTICLES, SUFFIXES, is_corporate
from citeres.parse.numbers import BARE_PAGES, LOCATOR, find_volume, locator_complaint
from citeres.parse.tokens import Token

IBID = re.compile(rf"^{IBID_FORM},?", re.IGNORECASE)
# `cit.` alone counts after a comma (Italian `Rossi, Storia, cit.`).
OPCIT = re.compile(rf"{OPCIT_FORM}|(?<=,)\s*cit\b\.?", re.IGNORECASE)
URL = re.compile(r"https?://[^\s<>\"”]+[^\s<>\"”.,;)]")
DOI = re.compile(
    r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"”<>]+[^\s\"”<>.,;])", re.I
)
ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX])\b", re.I)
IDENTIFIER_TOKEN = re.compile(r"(?:https?://|www\.|(?:doi:)?10\.\d)", re.IGNORECASE)
# What the model read a page label as that no page label overrides (`R. E. Page. 1987`,
# `Agre, P. 1997`, `core PG1351`).
KEPT = frozenset({"author", "editor", "translator", "volume", "title", "container"})
NUMBERED = frozenset({"volume", "issue", "pages", "locator", "date"})
INITIALS = re.compile(rf"^(?:[{UPPER}]\.?[ -]?){{1,4}}$")
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
IN = frozenset({"in", "In", "dans", "en", "im"})


@dataclass
class Labelled:
    """The tokens of one reference and their labels, as the rules correct them."""

    text: str
    tokens: Sequence[Token]
    labels: list[str]
    given: frozenset[str]  # given names (lower case) the training data holds
    emphasis: tuple[tuple[int, int], ...] = ()  # what the document set in italics
    complaints: list[tuple[ProblemKind, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ends = [t.end for t in self.tokens]
        self.starts = [t.start for t in self.tokens]

    def covered(self, start: int, end: int) -> range:
        """The indices of the tokens that overlap text[start:end]."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def set(self, indices: range, label: str) -> None:
        for i in indices:
            self.labels[i] = label

    def identifier(self, i: int) -> bool:
        """Whether token i is a URL or a DOI (the tokenizer keeps each whole)."""
        return IDENTIFIER_TOKEN.match(self.tokens[i].text) is not None

    def punct(self, i: int) -> bool:
        return not self.tokens[i].text[0].isalnum()


def short_forms(r: Labelled) -> None:
    """`Ibid.` heading the reference, `op. cit.` (and `cit.` after a comma) anywhere."""
    head = IBID.match(r.text)
    if head:
        r.set(r.covered(0, head.end()), "short-form")
        rest = r.text[head.end() :].strip(" ,.")
        if BARE_PAGES.match(rest):  # `Ibid., 45`: nothing but the page after it
            r.set(r.covered(head.end(), len(r.text)), "locator")
    for match in OPCIT.finditer(r.text):
        r.set(r.covered(match.start(), match.end()), "short-form")


def emphasised(r: Labelled) -> None:
    """What a document sets in italics in a note is a title, or a journal's or a book's
    name (`*Wicked Flesh: Black Women, Intimacy, and Freedom in the Atlantic World*`): one
    field, the one the model gives most of it; never a short form (`*op. cit.*`)."""
    for start, end in r.emphasis:
        span = r.covered(start, end)
        if not any(ch.isalpha() for ch in r.text[start:end]):
            continue
        if any(r.labels[i] == "short-form" or r.identifier(i) for i in span):
            continue
        container = sum(r.labels[i] == "container" for i in span) * 2 > len(span)
        r.set(span, "container" if container else "title")


def identifiers(r: Labelled) -> None:
    """A DOI, a URL, an ISBN: a link to doi.org stays a URL if the model says so (the DOI
    is read from it, spans.py)."""
    for pattern, label in ((DOI, "doi"), (URL, "url"), (ISBN, "isbn")):
        for match in pattern.finditer(r.text):
            span = r.covered(match.start(), match.end())
            if label == "doi" and all(r.labels[i] == "url" for i in span):
                continue
            if label == "url" and any(r.labels[i] == "doi" for i in span):
                continue
            r.set(span, label)


def volumes(r: Labelled) -> None:
    """`Vol. II`, `Volume I`, and the misspelt `Vol II`, `Vio. III` (complained about)."""
    found = find_volume(r.text)
    if found is None:
        return
    span = r.covered(*found.span)
    if any(r.labels[i] in ("short-form", "collection") or r.identifier(i) for i in span):
        return  # `Series II, Vol. V`: a series' volume, which the model reads with it
    r.set(span, "volume")
    if found.complaint:
        r.complaints.append((ProblemKind.VOLUME_TYPO, found.complaint))


def locators(r: Labelled) -> None:
    """`p. 65`, `pp. 185-6`, `pp392-3`, `S. 12`: pages, cited or the work's own (which the
    model tells apart); a page list ending in a comma, or a label run into its number, is
    complained about. A bare number closing the reference after a comma is the page cited."""
    last = None
    for match in LOCATOR.finditer(r.text):
        span = r.covered(match.start("label"), match.end())
        if any(r.labels[i] in KEPT or r.identifier(i) for i in span[:1]):
            continue
        # One locator, one label: the work's own range only where the model says so for
        # most of it, and never in a short form, which cites pages of a work named before.
        own = sum(r.labels[i] == "pages" for i in span) * 2 > len(span)
        label = "pages" if own and "short-form" not in r.labels else "locator"
        for i in span:  # a year closing the list stays the date: `pages 741-747, 1983`
            if not (r.labels[i] == "date" or r.identifier(i) or r.labels[i] == "volume"):
                r.labels[i] = label
        last = match
    if last is None:
        bare_page(r)
    elif complaint := locator_complaint(last):
        r.complaints.append((ProblemKind.MALFORMED_LOCATOR, complaint))


def bare_page(r: Labelled) -> None:
    """`Lewin, Lenin's Last Struggle, 12.`, `Smith, op. cit. 4`: a number closing a short
    reference (no imprint, no journal) after a comma or a short form, not a year."""
    words = [i for i, t in enumerate(r.tokens) if not r.punct(i)]
    if len(words) < 2:
        return
    last = words[-1]
    number = r.tokens[last].text
    before = last - 1
    after_mark = r.tokens[before].text == "," or r.labels[before] == "short-form"
    if not number.isdigit() or is_year(number) or not after_mark:
        return
    imprint = {"date", "publisher", "location", "container"} & set(r.labels)
    if r.labels[last] not in NUMBERED | {"collection"} and not imprint:
        r.labels[last] = "locator"


def names_end(r: Labelled) -> None:
    """An author span holds names and nothing else. Read part by part (at commas), the
    first part is a name; a part after it is a given name (`Hobsbawm, Eric`, `Carr, E.H.`),
    a suffix (`King, Jr.`) or another name (`A, B and C`); the first part that is none of
    these starts the title the model ran into the names (`Deutscher, The Prophet Unarmed,
    op. cit.`). A span the model left unlabelled (`note`) at the head of a reference is
    read the same way. After `in`, a lone part is the book's title and otherwise names
    the book's author (`Joseph Hansen, in Leon Trotsky, Stalin's Frame-Up System`)."""
    head = head_span(r)
    if head is None:
        return
    start, end = head
    parts = comma_parts(r, start, end)
    if not parts:
        return
    if len(parts) > 1 and runs_on(r, end) and r.labels[end] == "publisher":
        # A publisher named after a person (`Alfred A. Knopf`, `Frederick A. Praeger`):
        # the given names run on into the name without a mark between them.
        r.set(range(parts[-1][0], end), r.labels[end])
        end = parts.pop()[0]
    glued = end < len(r.tokens) and not (r.punct(end - 1) or r.punct(end))
    if len(parts) > 1 and glued and r.labels[end] == "title" and not looks_like_name(r, parts[-1]):
        r.set(range(parts[-1][0], end), "title")  # `Pierre Lewin, Council and Republic Prophet`
        return
    contribution = next((k for k, p in enumerate(parts) if r.tokens[p[0]].text in IN), None)
    if contribution is not None and contribution > 0:
        title_from = read_contribution(r, parts, contribution)
    elif untitled(r):
        title_from = first_title_part(r, parts)
    else:
        return  # the model found the title: the names are its call
    if title_from is None:
        if r.labels[start] == "note" and looks_like_name(r, parts[0]):
            r.set(range(start, end), "author")
        elif r.labels[start] == "author" and end < len(r.labels) and r.labels[end] == "note":
            # `Leszek Rabinowitch, A Dream, Vol. II, New York: …`: what follows the names
            # where the title goes, in a reference without one, is the title.
            r.set(range(end, run_end(r.labels, end)), "title")
        return
    names_to = parts[title_from][0]
    if names_to == start:
        return
    r.set(range(start, names_to), "author")
    r.set(range(names_to, end), "title")


def untitled(r: Labelled) -> bool:
    """A work cited without its title, as the model reads it: a short form or a page cited
    (`Deutscher, The Prophet Unarmed, op. cit.`) or an imprint (`Leon Trotsky, Leon Trotsky
    Speaks, New York: …`), and no title or container labelled. Elsewhere a list of names
    is just that."""
    labels = set(r.labels)
    if "title" in labels or "container" in labels:
        return False
    return bool({"short-form", "locator", "publisher", "location", "date"} & labels)


def runs_on(r: Labelled, end: int) -> bool:
    """Whether the token at `end` continues the words before it, with no mark between
    but an initial's stop (`Frederick A. Praeger`)."""
    if end >= len(r.tokens) or r.punct(end):
        return False
    before = r.tokens[end - 1].text
    initial = before == "." and end >= 2 and INITIALS.match(r.tokens[end - 2].text)
    return not r.punct(end - 1) or bool(initial)


def head_span(r: Labelled) -> tuple[int, int] | None:
    """The run of author (or unlabelled) tokens heading the reference."""
    if not r.labels or r.labels[0] not in ("author", "note"):
        return None
    label, end = r.labels[0], run_end(r.labels, 0)
    if label == "note" and any(x == "author" for x in r.labels[end:]):
        return None
    return 0, end


def run_end(labels: Sequence[str], start: int) -> int:
    """Where the run of labels equal to labels[start] ends."""
    end = start
    while end < len(labels) and labels[end] == labels[start]:
        end += 1
    return end


def comma_parts(r: Labelled, start: int, end: int) -> list[tuple[int, int]]:
    """(first, end) token ranges between commas, without the commas and other marks at
    their edges; a part of punctuation alone is left out."""
    parts, first = [], start
    for i in range(start, end + 1):
        if i == end or r.tokens[i].text == ",":
            words = [k for k in range(first, i) if not r.punct(k)]
            if words:
                parts.append((words[0], words[-1] + 1))
            first = i + 1
    return parts


def part_text(r: Labelled, part: tuple[int, int]) -> str:
    return r.text[r.tokens[part[0]].start : r.tokens[part[1] - 1].end]


def words_of(r: Labelled, part: tuple[int, int]) -> list[str]:
    """The words of a part, hyphenated names whole (`Bailer-Jones`)."""
    return WORD.findall(part_text(r, part))


def is_given(r: Labelled, part: tuple[int, int]) -> bool:
    """Initials, or up to three given names the training data knows: `E.H.`, `Eric`,
    `J. Arch`, `Ludwig von`."""
    if INITIALS.match(part_text(r, part)):
        return True
    words = words_of(r, part)
    return 0 < len(words) <= 3 and all(
        (len(w) == 1 and w.isupper()) or w.lower() in PARTICLES or
        (w[0].isupper() and w.lower() in r.given and w.lower() not in NOT_IN_NAMES)
        for w in words
    )  # fmt: skip


def looks_like_name(r: Labelled, part: tuple[int, int]) -> bool:
    return names.looks_like_name(part_text(r, part))


def is_display_name(r: Labelled, part: tuple[int, int]) -> bool:
    """`Leon Trotsky`, `Oleg V. Naumov`, `and Gabriel Cohn-Bendit`: given names the data
    knows (or initials) before one family name."""
    words = [w for w in words_of(r, part) if w not in ("and", "&", "e", "et", "und", "y")]
    if len(words) < 2 or not looks_like_name(r, part):
        return False
    text = part_text(r, part)
    return all(
        (len(w) == 1 and w.isupper() and f"{w}." in text)  # `A Class` is no initial
        or w.lower() in PARTICLES
        or w.lower() in r.given
        for w in words[:-1]
    )


def first_title_part(r: Labelled, parts: list[tuple[int, int]]) -> int | None:
    """The index of the first part that is no name, or None when every part is one."""
    if not looks_like_name(r, parts[0]):
        return None  # not a list of persons (a corporate author, a title): the model's call
    inverted = len(words_of(r, parts[0])) <= 2  # `Carr`, `van Gogh`: a surname first
    for k in range(1, len(parts)):
        words = words_of(r, parts[k])
        if words and words[-1].lower().rstrip(".") in SUFFIXES and len(words) == 1:
            continue
        if k == 1 and inverted and is_given(r, parts[k]):
            continue
        if is_display_name(r, parts[k]) or (INITIALS.match(part_text(r, parts[k])) and k > 1):
            continue
        return k
    return None


def read_contribution(r: Labelled, parts: list[tuple[int, int]], at: int) -> int | None:
    """`X, in Y, Title`: the work is Y's book; `X, in Title`: the work is the book named.
    Returns the index of the part the title starts at; the contributor is dropped."""
    first, end = parts[at]
    r.set(range(parts[0][0], first + 1), "commentary")  # the contributor and `in`
    if at + 1 < len(parts):
        return at + 1
    if "title" not in r.labels[end:]:
        r.set(range(first + 1, end), "title")
    return None


def author_heading_title(r: Labelled) -> None:
    """`Central Committee of the CPSU, History of the Communist Party…`, `Leszek von Mises,
    Labour and Workers Reform, …`: a body's name or a person's, in reading order, heading a
    title the model read whole, is its author."""
    if "author" in r.labels or "editor" in r.labels or not r.labels or r.labels[0] != "title":
        return
    parts = comma_parts(r, 0, run_end(r.labels, 0))
    if len(parts) >= 2 and (is_corporate(part_text(r, parts[0])) or is_display_name(r, parts[0])):
        r.set(range(0, parts[1][0]), "author")


def bracket_imprint(r: Labelled) -> None:
    """Chicago's `Title (Place: Publisher, Year), 4`: a bracket holding the year and the
    publisher holds the imprint, so what the model ran into it from the title before is
    the place (`Labour and Silence (Middlesex, England: Pathfinder Press, 1968)`)."""
    for i, token in enumerate(r.tokens):
        if token.text != "(" or r.labels[i] not in ("title", "author", "note"):
            continue
        close = next((k for k in range(i + 1, len(r.tokens)) if r.tokens[k].text == ")"), None)
        inside = r.labels[i + 1 : close]
        if close is None or "date" not in inside or "publisher" not in inside:
            continue
        run = i + 1
        while run < close and r.labels[run] == r.labels[i] and r.tokens[run].text not in ":;":
            run += 1
        if run < close and r.labels[run] == "location":
            r.set(range(i, run), "location")


def container_as_title(r: Labelled) -> None:
    """A book's title the model took for a container (`Ludwig von Mises, Socialism, New
    Haven: Yale University Press`): a container with no title before it and no `in`, in a
    reference with a publisher or place, no journal numbers and no editor."""
    labels = r.labels
    if "title" in labels or "container" not in labels or "editor" in labels:
        return  # an edited book's name is the container of a chapter, or the corpus's
    if not ({"publisher", "location"} & set(labels)) or {"volume", "issue"} & set(labels):
        return
    first = labels.index("container")
    if r.tokens[first].text not in IN:
        r.set(range(first, run_end(labels, first)), "title")


Rule = Callable[[Labelled], None]
RULES: tuple[Rule, ...] = (
    short_forms,
    emphasised,
    identifiers,
    volumes,
    locators,
    names_end,
    bracket_imprint,
    author_heading_title,
    container_as_title,
)


def relabel(
    text: str,
    tokens: Sequence[Token],
    labels: Sequence[str],
    given: frozenset[str],
    emphasis: tuple[tuple[int, int], ...] = (),
) -> tuple[tuple[str, ...], tuple[tuple[ProblemKind, str], ...]]:
    """The model's labels with the exact rules applied, and the complaints they raised."""
    state = Labelled(text, tokens, list(labels), given, emphasis)
    for rule in RULES:
        rule(state)
    return tuple(state.labels), tuple(state.complaints)
