"""References that stand as entries of their own, under any heading or none: the items of a
course schedule's readings, a CV's publications, a paragraph that is only a reference.

Candidates are cheap: each list item, and each paragraph (its wrapped lines joined). The
learned models decide: the note model cuts the reference from the commentary after it, the
field model reads it, and the candidate is kept only when it reads as a reference, with a
name at its head (or a quoted title followed by `in` a book), a title, and an imprint
(a year, a publisher, a journal, pages, a URL). Prose sentences that open with a name fail
the test at the seam between name and title, where a reference has punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from citeres.find.titles import NOT_PEOPLE, OPEN_QUOTE
from citeres.identity import YEAR
from citeres.model import Document, Kind, Mention, Problem
from citeres.parse import tagger
from citeres.parse.names import looks_like_name

MAX_ENTRY = 600  # characters: longer paragraphs are prose that may cite, not entries
MIN_ENTRY = 15
MIN_UNIT = 5  # `*HAE*, 1-9`: an entry in italics and its pages may be shorter
MAX_TITLE_WORDS = 40
# The start of a list item: bullets, `1.`/`(a)` labels and the emoji some pages set before
# each reading, none of which belong to the reference.
LEAD = re.compile(r"[ \t]*(?:(?:[-*+•–—▪◦]|\(?\d{1,3}[.)]|\(?[a-z][.)])[ \t]+)?[^\w\"“‘'(\[_*]*")
BULLET = re.compile(r"[ \t]*(?:[-*+•–—▪◦]|\(?\d{1,3}[.)])[ \t]")
HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[=\-]{3,}[ \t]*$)")
# A short line with no stop or comma, shorter than any line a writer wraps at: a heading.
HEADING_LIKE = re.compile(r"[ \t]*[A-Z0-9][^.,;!?\n]{0,44}")
ALPHANUMERIC = re.compile(r"[^\W_]")
PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\Z")
# Where a sentence ends and commentary begins: `7–30. REMEMBER that`, `~10 pp. A monk`.
SENTENCE_END = re.compile(r"[.!?][\"”’)]?[ \t\n]+(?=[\"“‘(]?[A-Z][\w’'-]*[ \t])")
# What a reference has and a sentence of prose rarely has after a name.
IMPRINT_LABELS = frozenset(
    {"date", "publisher", "location", "container", "pages", "volume", "url", "doi"}
)
IMPRINT_FIELDS = ("year", "publisher", "container", "pages", "locator", "url", "doi", "isbn")
# Tokens that are imprint whatever the model labels them: a year, a URL.
ANCHOR = re.compile(rf"{YEAR}[a-z]?|(?:https?://|www\.)\S+")
# Cheap signs, before any model: the head of an entry (`E.H. Carr,`, `Anna Green and
# Kathleen Troup,`, `"Title,"`) and an imprint within its first characters.
OPENING = re.compile(
    r"[\"“‘']|(?:[A-Z][\w.'’-]*\.?[ \t]+(?:(?:and|&|de|van|von|der|la|le)[ \t]+)?){0,6}"
    r"[A-Z][\w'’-]*\.?[ \t]*[,.:(]"
)
IMPRINT_SIGN = re.compile(
    rf"{YEAR}|https?://|www\.|\bpp?\.[ \t]*\d|\d[-–]+\d|[A-Z][a-z]+:[ \t]+[A-Z]"
)
SIGN_WINDOW = 400
LINK_AFTER = re.compile(
    r"[ \t]+(?:(?:Available|Retrieved|Accessed)[^:\n]{0,40}:?[ \t]+|doi:[ \t]*)?"
    r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]]"
)
# The rest of an entry when it is only its imprint and link: `Shakespeare & Beyond, March
# 26, 2019. https://...`.
DATED_LINK = re.compile(
    rf"[^\n]{{0,120}}?\b{YEAR}\b[^\n]{{0,40}}?(?:https?://|www\.)\S*[^\s.,;:!?)\]](?=\S*\s*\Z)"
)
CONTAINER_AFTER = re.compile(r"[ \t]+In[ \t]+[A-Z][^\n]{0,120}?\d[^\n]{0,60}?(?=\s*\Z)")
SEAM = re.compile(r"[,.:;(]\s*$")  # the punctuation that ends a name before its title
ADVERB_ENDINGS = ("ally", "ily", "ously", "ently", "ively", "ately", "antly", "edly")
ET_AL = re.compile(r",?[ \t]+et[ \t]+al\b\.?")
PARTICLE = re.compile(r"^(?:Van|Von|De|Del|Della|Da|Di|Du|Le|La|Ten|Ter)[ \t]+(?=[A-Z])")
QUOTED_START = re.compile(f"[{OPEN_QUOTE}]")
IN_BOOK = re.compile(r"[,.”\"’]*[ \t]+in[ \t]", re.IGNORECASE)
CLOSE_QUOTE = re.compile(r"[\"”’](?=[,.;:]|[ \t]+(?:in[ \t]|[A-Z])|[ \t]*$)")
AFTER_QUOTE = re.compile(r"[,.”\"’]*[ \t]+[A-Z]")


# What follows a title in italics in a schedule's entry: the pages, and maybe the chapter
# they make (`, 1-31 (1: Cuisine of Contact).`, `, xi-xv.`, `, 1--39`).
PAGE = r"(?:\d{1,4}|[ivxlc]{1,6})"
PAGES_READ = re.compile(
    r"(?:[ \t]*\([^()\n]{1,80}\))?"  # `*HAE* (7: Food Habits and Racial Thinking), 169-78.`
    rf"[ \t]*[,:][ \t]*(?:pp?\.[ \t]*)?{PAGE}[ \t]*(?:-{{1,3}}|–|—)[ \t]*{PAGE}"
    r"(?:[ \t]*\([^()\n]{1,80}\))?[ \t]*[.;]?[ \t]*"
)
# A few words, capitalised, then the address of the link they label, then at most a stop.
LINKED = re.compile(r"(?P<words>[A-Z\"“‘][^\n]{0,150}?)[ \t]+(?:https?://|www\.)[^\s<>]+")
MAX_LINK_WORDS = 16


class Candidate(NamedTuple):
    start: int
    end: int
    list: int  # the items of one list share a number; each paragraph has its own


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    """Entries that read as references on their own, or that are a title in italics and
    the pages read (`*Tastes like Chicken*, 1--39`); then, in a list that holds one, the
    other items that name an author and a title (`Sidney Mintz, "Eating American".`) or
    are a linked title (`Mary Randolph [The Virginia Housewife](...)`): a reading list's
    items are references even where they give no imprint."""
    found: dict[int, Mention] = {}
    lists = set()
    units = list(candidates(document.text))
    italic_ends = dict(document.italics)
    for unit in units:
        reading = italic_reading(document.text, unit, italic_ends)
        if reading is not None:
            found[unit.start] = Mention.at(document, unit.start, reading, Kind.FURTHER_READING)
            lists.add(unit.list)
            continue
        if unit.end - unit.start < MIN_ENTRY or not worth_reading(document.text, unit):
            continue
        reference = reference_part(document.text[unit.start : unit.end])
        if reference is not None and reads_as_reference(reference):
            found[unit.start] = mention(document, unit.start, reference)
            lists.add(unit.list)
    for unit in units:
        if unit.list in lists and unit.start not in found and unit.end - unit.start >= MIN_ENTRY:
            text = document.text[unit.start : unit.end]
            reference = text[: sentence_end(text, 0)]
            if names_author_and_title(reference) or linked_title(reference):
                found[unit.start] = mention(document, unit.start, reference)
    return sorted(found.values(), key=lambda m: m.start), []


def italic_reading(text: str, unit: Candidate, italic_ends: dict[int, int]) -> int | None:
    """The end of an entry that is only a title set in italics and the pages to read,
    `*HAE*, xi-xv.` or `*HAE*, 33-55 (2: Food and the Founding).`, as a course schedule
    lists its readings (a title known by its abbreviation alike); None for any other."""
    end = italic_ends.get(unit.start)
    if end is None or end >= unit.end:
        return None
    rest = PAGES_READ.fullmatch(text, end, unit.end)
    return None if rest is None else unit.start + len(text[unit.start : unit.end].rstrip())


def linked_title(reference: str) -> bool:
    """`Mary Randolph The Virginia Housewife https://...`, `First Thanksgiving Menu
    https://...`: a list item that is a few words ending in the link they label, with no
    sentence running on after the link (`Browse the essays here https://..., and find`)."""
    link = LINKED.fullmatch(reference.rstrip())
    return link is not None and len(link.group("words").split()) <= MAX_LINK_WORDS


def worth_reading(text: str, unit: Candidate) -> bool:
    """What the models must read: a unit that opens as a reference does (names and then
    punctuation, or a quotation mark) and holds an imprint's cheapest sign. Most
    paragraphs of prose fail here, before the models cost anything."""
    return bool(
        OPENING.match(text, unit.start, unit.end)
        and IMPRINT_SIGN.search(text, unit.start, min(unit.end, unit.start + SIGN_WINDOW))
    )


def mention(document: Document, start: int, reference: str) -> Mention:
    return Mention.at(document, start, start + len(reference), Kind.FURTHER_READING)


def candidates(text: str) -> Iterator[Candidate]:
    """Each list item and each paragraph, bullets and labels left out."""
    at = 0
    size = len(text)
    number = 0
    while at < size:
        line_end = text.find("\n", at)
        line_end = size if line_end < 0 else line_end
        line = text[at:line_end]
        if not line.strip() or HEADING.match(line):
            at = line_end + 1
            continue
        # A heading whose marks the reader dropped (`### Other Stuff`) is a unit of its own,
        # not the first line of the entry under it.
        end = line_end if HEADING_LIKE.fullmatch(line) else unit_end(text, line_end)
        if not BULLET.match(line):
            number += 1  # a paragraph ends the list before it and is a unit of its own
        lead = LEAD.match(text, at, end)
        start = lead.end() if lead else at
        if MIN_UNIT <= end - start <= MAX_ENTRY and starts_as_entry(text[start]):
            yield Candidate(start, end, number)
        if not BULLET.match(line):
            number += 1
        at = end + 1


def starts_as_entry(char: str) -> bool:
    return char.isupper() or bool(QUOTED_START.match(char))


def unit_end(text: str, line_end: int) -> int:
    """The end of the item or paragraph whose first line ends at `line_end`: it runs on
    over wrapped lines until a blank line, a heading or the next item."""
    end = line_end
    while end < len(text):
        next_end = text.find("\n", end + 1)
        next_end = len(text) if next_end < 0 else next_end
        line = text[end + 1 : next_end]
        if not line.strip() or BULLET.match(line) or HEADING.match(line):
            break
        if not ALPHANUMERIC.search(line):
            break  # `'%}`, the close of a template's block: markup, no part of the item
        end = next_end
    return end


def reference_part(text: str) -> str | None:
    """The reference at the head of an entry, without the commentary after it: the note
    model's first reference, cut at the first sentence end after its imprint."""
    spans = tagger.split_note(" ".join(text.split("\n")))
    if not spans or spans[0][0] > 2:
        return None
    head = text[: spans[0][1]]
    tokens, labels = tagger.tag(head)
    titled = False  # `Durkin, P., 2017. Release notes ...`: the year before the title
    for token, label in zip(tokens, labels, strict=True):
        titled = titled or label == "title"
        if titled and (label in IMPRINT_LABELS or ANCHOR.fullmatch(token.text)):
            return with_link(text, head[: sentence_end(head, token.end)])
    return None


def with_link(text: str, reference: str) -> str:
    """The reference with the URL written right after it (`... 2019. https://...`), which
    locates it and is no reference of its own, or with the rest of the entry when that is
    where it was printed (`... 2015. In Journal of American History 103.4 (2017): 1067-68.`)."""
    at = len(reference)
    for tail in (LINK_AFTER, DATED_LINK, CONTAINER_AFTER):
        found = tail.match(text, at)
        if found:
            return text[: found.end()]
    return reference


def sentence_end(text: str, after: int) -> int:
    """The end of the sentence running at `after` (its full stop kept), or of the text."""
    found = SENTENCE_END.search(text, after)
    return found.start() + 1 if found else len(text)


def reads_as_reference(text: str) -> bool:
    fields = tagger.parse(text)
    title = fields.get("title") or ""
    if not title or len(title.split()) > MAX_TITLE_WORDS:
        return False
    if not any(fields.get(name) for name in IMPRINT_FIELDS):
        return False
    return headed_by_name(text, fields) or headed_by_quoted_title(text, fields)


def names_author_and_title(text: str) -> bool:
    fields = tagger.parse(text)
    title = fields.get("title") or ""
    return 0 < len(title.split()) <= MAX_TITLE_WORDS and headed_by_name(text, fields)


def headed_by_name(text: str, fields: dict[str, Any]) -> bool:
    """`E.H. Carr, What Is History? (1961)`: names first, then punctuation, then the title."""
    people = fields.get("author") or fields.get("editor") or []
    tokens, labels = tagger.tag(text)
    if not people or not labels or labels[0] not in ("author", "editor"):
        return False
    seam = next((i for i, label in enumerate(labels) if label not in ("author", "editor")), None)
    if seam is None or not SEAM.search(text[: tokens[seam].start]):
        return False
    dated = re.fullmatch(YEAR, tokens[seam].text) is not None  # `Durkin, P., 2017. Title`
    if not (starts_as_entry(text[tokens[seam].start]) or dated):
        return False  # `Kravchenko, a former official, ...`: an apposition, not a title
    head = ET_AL.sub("", text[: tokens[seam - 1].end]).rstrip(",.:;( ")
    if opening_word(head.split()[0].strip(",.")):
        return False  # `However, Trotsky, usually ...`: a sentence's opening word
    parts = [part for part in re.split(r",|\band\b|&", head) if part.strip()]
    return all(name_part(part) for part in parts)


def opening_word(word: str) -> bool:
    """`However`, `Originally`: a word that opens sentences, never a name (`Emily` is)."""
    if word in NOT_PEOPLE:
        return True
    return word.lower().endswith(ADVERB_ENDINGS) and word.lower() not in tagger.given_names()


def name_part(part: str) -> bool:
    """A name of the entry's head; `Van Hyning` is read as `Hyning` is."""
    part = part.strip()
    if not part[:1].isupper():
        return False
    return looks_like_name(part) or looks_like_name(PARTICLE.sub("", part))


def headed_by_quoted_title(text: str, fields: dict[str, Any]) -> bool:
    """`"The Poetics of Digital Scholarship," in ... (eds.), Ontic Flows, 101-122.` and
    `"Poisonous Properties," Preternature 2.1 (2013): 19-46.`: a quoted title, then the
    book it is in or the journal with its volume, year or pages."""
    if not QUOTED_START.match(text):
        return False
    close = CLOSE_QUOTE.search(text, 1)
    if close is None or len(text[1 : close.start()].split()) > MAX_TITLE_WORDS:
        return False
    if IN_BOOK.match(text, close.start() + 1):
        return bool(fields.get("container") or fields.get("publisher"))
    journal = fields.get("container") and AFTER_QUOTE.match(text, close.start() + 1)
    return bool(journal) and any(fields.get(f) for f in ("volume", "pages", "year"))
