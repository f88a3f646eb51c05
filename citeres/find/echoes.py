"""Works named again in prose by the title a citation gave them: a paper cited in a note as
`Bender et al., "Stochastic Parrots," 614.` and discussed in the text as `"Stochastic
Parrots" argues ...`; a book in the reading list, `Mozilla Manifesto` in a paragraph.

This runs after the other finders and the parser, since it needs the titles they found:
each title a citation gives (its whole title, its main title before a subtitle, either
without a leading article) is looked for in the rest of the document, and each use in the
prose is a mention of that citation's work. A title is exact evidence, but only a title
of two capitalised words or more that names one work of the document, that is no person's
or periodical's name, and that is used as a name (not inside a longer Title-Case run).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from citeres.find.prose import GENRES, alone_on_line, title_places
from citeres.find.spans import Spans
from citeres.find.titles import APOSTROPHE, NOT_PEOPLE, names_an_institution, word_count
from citeres.find.typography import is_person
from citeres.model import Citation, Document, Kind, Mention
from citeres.resolve import Resolution
from citeres.text import main_title

# The citations whose titles a writer goes on to use: full ones, list entries, short forms.
SOURCES = {Kind.FULL, Kind.FURTHER_READING, Kind.SHORT, Kind.OPCIT, Kind.PARENTHETICAL}
ARTICLE = re.compile(r"(?:The|A|An|Der|Die|Das|Le|La|Les|El|Los|Il)\s+")
BARE_WORDS = 3  # words of a title its work's name in prose even without quotes or italics
MAX_WORDS = 12  # a longer title is never written out again in running text
# A capitalised word next to a use: the use is part of a longer name (`the Mozilla
# Manifesto Foundation`, `New Data Feminism`), not the title.
WORD_BEFORE = re.compile(r"[^\W\d_][\w’'\-]*[ \t\u00a0]+$")
WORD_AFTER = re.compile(r"[ \t\u00a0]+[^\W\d_]")
# A subtitle after a use: the title written out in full, a citation's, not a mention.
SUBTITLE = re.compile(r"(?::|[ \t\u00a0][-–—])[ \t\u00a0]+[A-Z]")
# The head of a review: the line that says what it reviews, within its first characters.
HEAD_CHARS = 3000
REVIEW_HEAD = re.compile(
    r"(?:Rezension[ ]zu|Besprechung[ ]von|Review[ ]of|Compte[ ]rendu[ ]de|Reseña[ ]de)"
    r"[:\s](?P<reviewed>[^\n]{10,600})",
    re.IGNORECASE,
)
# A locator and nothing else: pages, a chapter, a figure or table (`(S. 36)`, `(p. 12 f.)`,
# `(Kap. 1/2, bis S. 37)`, `(Fig. 9)`), in the words of the languages reviews are written in.
LOCATOR_WORD = r"(?:S|p|pp|Kap|chap|ch|Fig|Abb|Tab)\.|Seiten?|pages?|Table|Tabelle"
PAGE_ONLY = re.compile(
    rf"\((?P<pages>(?:{LOCATOR_WORD})[ \u00a0]?\d[\d./–-]*"
    rf"(?:(?:,|;)?[ \u00a0](?:bis[ \u00a0]|and[ \u00a0]|und[ \u00a0])?(?:{LOCATOR_WORD})[ \u00a0]?"
    rf"[\dIVXLC][\dIVXLC./–-]*|[ \u00a0]?ff?\.)*)\)"
)
PAGES_ALONE = re.compile(r"(?:S|p|pp)\.[ \u00a0]?(\d[\d–-]*(?:[ \u00a0]?ff?\.)?)")
OPENING = "\"“‘'«„"
CLOSING = "\"”’'»“"
GENRE = re.compile(rf"\b(?:{GENRES})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Form:
    """A form of a title, the citation that defines the work it names, and whether the
    prose may use it bare: a whole title of a work with an author, or one whose words say
    it is a work (`Mozilla Manifesto`). A main title alone (`Old Weather` of `Old Weather:
    Approaching Collections ...`) and a page with no author named after its subject
    (`Mozilla VR`) name the thing they are about as often as the work: they count only in
    quotation marks."""

    anchor: int
    bare: bool


def find(document: Document, mentions: Sequence[Mention], resolution: Resolution) -> Resolution:
    """The resolution with the uses in prose of the titles its citations give (outside
    every mention found) added in text order, each a mention of its title's work, and
    in a review the page-only locators into the work it reviews."""
    citations, anchors = resolution.citations, resolution.anchors
    forms = title_forms(citations, anchors)
    echoes = [
        (echo(document, citations[anchor], start, end), anchor)
        for start, end, anchor in uses(document, mentions, forms)
    ]
    echoes += review_pages(document, mentions, resolution)
    if not echoes:
        return resolution
    return merged(resolution, echoes)


def review_pages(
    document: Document, mentions: Sequence[Mention], resolution: Resolution
) -> list[tuple[Citation, int]]:
    """`(S. 36)`, `(p. 12)` in a review whose head says which work it reviews (`Rezension
    zu: ...`, `Review of ...`) and names it by a title some citation gives: each page-only
    locator cites that work. Elsewhere a bare page has no work to point to."""
    head = REVIEW_HEAD.search(document.text, 0, HEAD_CHARS)
    if head is None:
        return []
    anchor = reviewed_anchor(head.group("reviewed").casefold(), resolution)
    if anchor is None:
        return []
    work = resolution.citations[anchor]
    claimed = Spans()
    for mention in mentions:
        claimed.claim(mention.start, mention.end)
    found = []
    for match in PAGE_ONLY.finditer(document.text, head.end()):
        if claimed.claim(match.start(), match.end()):
            citation = echo(document, work, match.start(), match.end())
            pages = match.group("pages")
            bare = PAGES_ALONE.fullmatch(pages)
            pages = bare.group(1) if bare else pages  # `S. 36`: page 36
            citation = replace(citation, kind=Kind.PARENTHETICAL, pages=pages)
            found.append((citation, anchor))
    return found


def reviewed_anchor(head: str, resolution: Resolution) -> int | None:
    """The one work whose title (two words or more) the review's head line holds."""
    works = {
        anchor
        for citation, anchor in zip(resolution.citations, resolution.anchors, strict=True)
        if anchor is not None
        and citation.reference.title
        and len(citation.reference.title.split()) >= 2
        and citation.reference.title.casefold() in head
    }
    return works.pop() if len(works) == 1 else None


def uses(
    document: Document, mentions: Sequence[Mention], forms: dict[str, Form]
) -> list[tuple[int, int, int]]:
    """(start, end, anchor) of each use in prose of a form, outside every mention."""
    text = document.text
    claimed = Spans()
    for mention in mentions:
        claimed.claim(mention.start, mention.end)
    found = []
    places = title_places(text, forms)
    italics = Italics(document.italics)
    for form in sorted(forms, key=len, reverse=True):
        kept = forms[form]
        for start in places.get(form, ()):
            end = start + len(form)
            if in_italics(text, italics, start, end):
                continue
            if not (kept.bare or marked(text, start, end)):
                continue
            if not used_as_title(text, start, end) or alone_on_line(text, start, end):
                continue
            if claimed.claim(start, end):
                found.append((start, end, kept.anchor))
    return found


def echo(document: Document, work: Citation, start: int, end: int) -> Citation:
    return Citation(
        path=document.path,
        line=document.line_of(start),
        kind=Kind.MENTION,
        raw=document.text[start:end],
        reference=work.reference,
        start=start,
    )


def merged(resolution: Resolution, echoes: list[tuple[Citation, int]]) -> Resolution:
    """The citations and the echoes in text order, the anchors renumbered to match."""
    old = [(c.start, 0, i) for i, c in enumerate(resolution.citations)]
    new = [(c.start, 1, k) for k, (c, _) in enumerate(echoes)]
    order = sorted(old + new)
    place = {(kind, i): at for at, (_, kind, i) in enumerate(order)}
    citations: list[Citation] = []
    anchors: list[int | None] = []
    for _, kind, i in order:
        if kind == 0:
            citations.append(resolution.citations[i])
            anchor = resolution.anchors[i]
        else:
            citations.append(echoes[i][0])
            anchor = echoes[i][1]
        anchors.append(None if anchor is None else place[(0, anchor)])
    return Resolution(citations, anchors, resolution.problems)


def title_forms(citations: Sequence[Citation], anchors: Sequence[int | None]) -> dict[str, Form]:
    """Each form of a title that names exactly one work, and that work's anchor."""
    named: dict[str, Form] = {}
    clashing: set[str] = set()
    for citation, anchor in zip(citations, anchors, strict=True):
        ref = citation.reference
        if citation.kind not in SOURCES or not ref.title or anchor is None:
            continue
        for form, whole in forms_of(ref.title):
            bare = whole and (GENRE.search(form) is not None or (bool(ref.authors) and long(form)))
            other = named.get(form)
            if other is None:
                named[form] = Form(anchor, bare)
            elif other.anchor != anchor:
                clashing.add(form)
            elif bare and not other.bare:
                named[form] = Form(anchor, True)
    return {form: kept for form, kept in named.items() if form not in clashing}


def long(form: str) -> bool:
    """Three words or more: a two-word title (`Dataset Retrieval`) is as often the name of
    the subject an essay writes about, and is a title only when marked as one."""
    return len(form.split()) >= BARE_WORDS


@lru_cache(maxsize=65536)  # a work's title comes back in each of its short forms
def forms_of(title: str) -> frozenset[tuple[str, bool]]:
    """The whole title and its main title, each also without a leading article, that can
    stand alone as a name; each with whether it is the whole title."""
    forms: set[tuple[str, bool]] = set()
    main = main_title(title)
    for part, whole in ((title, True), (main, main == title)):
        part = part.strip().strip(APOSTROPHE + '"“”‘,;:. ')
        bare = ARTICLE.sub("", part, count=1) if ARTICLE.match(part) else part
        forms.update((form, whole) for form in (part, bare) if is_name(form))
    return frozenset(forms)


def is_name(form: str) -> bool:
    words = form.split()
    if not 2 <= len(words) <= MAX_WORDS or not form[:1].isupper():
        return False
    if word_count(form) < 2 or not all(w[:1].isupper() or w.islower() for w in words):
        return False
    return not names_an_institution(form) and not is_person(form)


def marked(text: str, start: int, end: int) -> bool:
    """In quotation marks, a comma or stop before the closing one (`"Stochastic Parrots,"`)."""
    if end < len(text) and text[end] in ",.;:":
        end += 1
    return start > 0 and end < len(text) and text[start - 1] in OPENING and text[end] in CLOSING


class Italics:
    """Whether a span lies inside an italic of the document, in log time: the italics
    sorted by start, and the furthest end reached by any that starts at or before each."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))

    def holds(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start) - 1
        return at >= 0 and self.reach[at] >= end


def in_italics(text: str, italics: Italics, start: int, end: int) -> bool:
    """Italics are typography's to read: it takes a title there and leaves a name."""
    if start > 0 and end < len(text) and text[start - 1] in "*_" and text[end] in "*_":
        return True
    return italics.holds(start, end)


def used_as_title(text: str, start: int, end: int) -> bool:
    """A use stands on its own in a sentence: no capitalised word joins it before or after
    within the line (a quotation mark or italics between break the run) but a sentence's
    first word (`In Data Feminism, ...`); not the start of a title written out in full
    (`Old Weather: Approaching ...`, an entry no finder took)."""
    before = WORD_BEFORE.search(text, max(0, start - 40), start)
    word = before.group().strip() if before is not None else ""
    if word[:1].isupper() and word not in NOT_PEOPLE:
        return False
    after = WORD_AFTER.match(text, end)
    if after is not None and after.group().strip()[:1].isupper():
        return False
    return SUBTITLE.match(text, end) is None
