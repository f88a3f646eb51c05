"""Titles the typography names: `_Lyrical Ballads_` in plain text, and what the readers
saw in italics (Markdown `*A Cloud of Pinafores*`, HTML `<i>`, `<em>`, `<cite>`). Each use
counts, as a reader sees each.

Italics also stress words and set foreign ones, so a span counts only when it reads as a
title: two capitalised words or more, not a person's name, not a sentence (no inner full
stop). Quotation marks are left to the finders with evidence: in measured prose they quote
far more often than they name.
"""

from __future__ import annotations

import re

from citeres.find.titles import (
    INITIALS,
    PERSON,
    clean_person,
    head_word,
    strip_title,
    word_count,
)
from citeres.model import Document, Kind, Mention, Problem, Reference
from citeres.parse import tagger

MAX_WORDS = 15
# `_Title_`, `*Title*`: within one sentence, not inside words (snake_case, a*b).
EMPHASISED = re.compile(
    r"(?<![\w*_])(?P<mark>[*_])(?P<title>[^\W\d_][^*_\n]{0,200}?[^\s*_])(?P=mark)(?![\w*_])"
)
INITIAL = re.compile(INITIALS)
# A full stop inside is a sentence's end, unless it ends an abbreviation or an initial
# (`Life of Dr. Bentley`, `St. Paul`, `E. M. Forster`).
# Where the span itself ends with a full stop it is a sentence or a credit (`From Mr.
# Métivier.`), and every full stop counts.
SENTENCE_INSIDE = re.compile(
    r"(?<!\b(?:Dr|Mr|Ms|St|Jr|Sr|Mt|Ft|Co|No))(?<!\b(?:Mrs|Vol|Rev))(?<!\b[A-Z])[.!?;]\s+\S"
)
STOP_INSIDE = re.compile(r"[.!?;]\s+\S")
WHOLE_PERSON = re.compile(PERSON)
# A caption's or a part's label set in italics: `*Figure 3.*`, `_Chapter IV_`.
LABEL = re.compile(
    r"(?:Figure|Fig|Table|Plate|Map|Chart|Chapter|Section|Part|Appendix|Illustration|No)\.?"
    r"\s+[\dIVXLC]+[a-z]?\W*$"
)

PERIODICALS = frozenset(
    "journal review magazine quarterly gazette times herald tribune post news bulletin "
    "transactions proceedings monthly weekly daily".split()
)
# What cites a periodical rather than names it: `_Merchants' Magazine_ in 1869`, `*Journal
# of Social History* 44.4`, `American Historical Review, x, p. 245`.
LOCATOR_AFTER = re.compile(
    r"[*_’'\"”]*,?[ \t\n]+(?:\(?\d|vols?\b|no\b|nos\b|[ivxlc]+[,.]|in[ \t\n]+\d{4})",
    re.IGNORECASE,
)

# Nouns that a name set in italics modifies: what a project, a site or a programme has.
NAME_NOUNS = frozenset(
    "project projects site website platform team data dataset transcriptions transcription "
    "volunteers board forum app database community campaign tool software initiative "
    "program programme portal".split()
)
# Music is heard, not cited: `He also wrote an oratorio: *La Sete di Christo*`, `we who
# go to hear the *Magic Flute*`, `whistling *The Land of the Leal*`.
MUSIC = frozenset(
    "opera operas oratorio oratorios sonata sonatas cantata cantatas symphony concerto "
    "overture mass song songs hymn aria ballet hear heard sing sang sung whistling "
    "movement movements".split()
)
NAMED_AS = (
    NAME_NOUNS
    | MUSIC
    | frozenset("conference symposium workshop exhibition festival congress meeting".split())
)
WORD_BEFORE = re.compile(r"([a-z]+)[:,]?(?:[ \t\u00a0]+(?:the|a|an))?[ \t\u00a0]+[*_“‘\"']*$")
NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    text = document.text
    linked = dict(document.links)
    spans = [(m.start("title"), m.end("title")) for m in EMPHASISED.finditer(text)]
    titles: list[tuple[int, str]] = []
    names: set[str] = set()  # what the document uses as a name once is a name throughout
    for start, end in sorted({*spans, *document.italics}):
        while start < end and text[start].isspace():
            start += 1  # an italic's span may open on the space the reader wrote before it
        title = strip_title(text[start:end])
        title_end = start + len(title)
        if not reads_as_title(title) or periodical_named(text, title, title_end, linked):
            continue
        if (
            used_as_name(text, title, after_marks(text, title_end, linked))
            or named_as(text, start)
            or head_word(title) in NAME_NOUNS  # `*The Driskell Papers Project*`
        ):
            names.add(title.casefold())  # `the *Old Weather* transcriptions`: a project
            continue
        titles.append((start, title))
    mentions = [
        Mention.at(document, start, start + len(title), Kind.MENTION, Reference(title=title))
        for start, title in titles
        if title.casefold() not in names
    ]
    return mentions, []


def after_marks(text: str, end: int, linked: dict[int, int]) -> int:
    """Where the text after an emphasised span goes on, past its closing marks and the
    address of a link it is the text of."""
    while end < len(text) and text[end] in "*_":
        end += 1
    address = next((linked[at] for at in range(end, end + 3) if at in linked), None)
    return end if address is None else address


def named_as(text: str, start: int) -> bool:
    """`the conference *Crowdsourcing and the Humanities*`, `its sister project *AnnoTate*`,
    `an oratorio: *La Sete di Christo*`: the word before the italics says what they name,
    and it is no work cited."""
    before = WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1) in NAMED_AS


def used_as_name(text: str, title: str, end: int) -> bool:
    """`the *Old Weather* transcriptions`, `the *Shakespeare’s World* Talk board`: italics
    that name a project, site or programme, which a noun after them describes. A title is
    followed by its verb or punctuation (`*Data Feminism* argues`, `*King Lear.* Act 3`)."""
    after = NEXT_WORD.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    if word.islower():
        return word in NAME_NOUNS
    return word[0].isupper() and not title.endswith((".", "!", "?", ":"))


def periodical_named(text: str, title: str, end: int, linked: dict[int, int]) -> bool:
    """`the March number of the *Fortnightly Review*`: a periodical named as a place to
    write in, not a work cited; with a volume, number or year after it, or a link to what
    it printed, it is cited."""
    if head_word(title) not in PERIODICALS:
        return False
    if any(at in linked for at in range(end, end + 4)):
        return False
    return LOCATOR_AFTER.match(text, end, min(len(text), end + 30)) is None


def reads_as_title(title: str) -> bool:
    words = title.split()
    if not 2 <= len(words) <= MAX_WORDS or not title[0].isupper():
        return False
    inside = STOP_INSIDE if title.endswith(".") else SENTENCE_INSIDE
    if word_count(title) < 2 or inside.search(title) or LABEL.match(title):
        return False
    return not is_person(title)


def is_person(title: str) -> bool:
    """`Hannah Arendt`, `E. H. Carr`: a given name or initials first, a name after, and
    nothing but the name (`Mary Russell Mitford and Her Surroundings` is a title)."""
    first = title.split()[0]
    if WHOLE_PERSON.fullmatch(title) is None:
        return False
    return clean_person(title) == title and (
        first.lower() in tagger.given_names() or INITIAL.fullmatch(first) is not None
    )
