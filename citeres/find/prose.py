"""Works named in prose: `Hobsbawm's The Age of Extremes`, `in his seminal book The Making
of the English Working Class`, `a pamphlet called Common Sense`, `see Fanon, Black Skin`.

A Title-Case run counts only with evidence (a genre noun, a possessive author, `by Author`,
`see Author, Title`); once a title has been named with evidence, its later exact uses count
too. Organisations, events and places are not works; a missed title beats an invented one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from citeres.find.spans import Spans
from citeres.find.titles import (
    NOT_PEOPLE,
    PERSON,
    PERSON_ENDING,
    QUOTED,
    SP,
    TITLE,
    UPPER,
    WORD,
    author_before,
    clean_person,
    followed_plausibly,
    is_title_case,
    names_an_institution,
    person_names,
    split_works,
    strip_title,
    word_count,
)
from citeres.find.typography import NAMED_AS, is_person
from citeres.find.words import LiteralScan, alternation
from citeres.identity import LOWER, YEAR
from citeres.model import Document, Kind, Mention, Name, Problem, Reference
from citeres.parse import tagger

PLURAL_GENRES = (
    "books|novels|pamphlets|essays|articles|studies|memoirs|histories|works|writings|poems|"
    "plays|stories|fiction|volumes|biographies|trilogy"
)
GENRES = (
    "book|novel|novella|pamphlet|essay|article|study|monograph|memoir|autobiography|biography|"
    "history|treatise|masterpiece|classic|work|poem|play|story|collection|anthology|tract|"
    "manifesto|sermon|lecture|diary|chronicle|epic|satire|polemic|critique|dissertation|"
    f"film|documentary|{PLURAL_GENRES}"
)
LINKS = r"called|titled|entitled|named|specifically|namely|such[ ]as|including|like"
NAMING_LINKS = frozenset({"called", "titled", "entitled", "named"})
TITLE_OR_QUOTED = rf"(?:{QUOTED}|(?P<bare>{TITLE}))"
# `his seminal book The Making of ...`, `a pamphlet called Common Sense`,
# `his fiction — specifically The Plague ...`, `novel, 'The Stranger'`.
GENRE_CUE = re.compile(
    rf"\b(?P<genre>{GENRES})\b(?:[ \t]*[,:—–][ \t]*|{SP})(?:(?P<link>{LINKS}){SP})?"
    rf"{TITLE_OR_QUOTED}"
)
POSSESSOR = re.compile(rf"(?P<person>{PERSON})[’']s{SP}(?:[a-z]+{SP}){{0,3}}$")
BY_AFTER = re.compile(rf",?{SP}by{SP}(?P<person>{PERSON})")
# Marks scanned for as literals first (see LiteralScan): `’s Title`, ` by Person`.
POSSESSIVE_MARK = LiteralScan([rf"{quote}s{SP}(?=[{UPPER}])" for quote in "’'"])
BARE_TITLE = re.compile(rf"(?P<bare>{TITLE})")
HIS = re.compile(rf"\b(?:his|her|their){SP}(?:(?P<adj>[a-z]+){SP})?(?P<bare>{TITLE})")
BY_MARK = LiteralScan([rf"by{SP}(?=[{UPPER}])"], before="")
TITLE_ENDING = re.compile(rf"(?<![^\W_]){TITLE_OR_QUOTED}$")
PERSON_AT = re.compile(PERSON)
SEE = re.compile(
    rf"\b(?:[Ss]ee(?:{SP}also)?|[Cc]f\.|(?:account|study|history|discussion|analysis|survey|"
    rf"treatment|biography|overview|portrait|book|essay|article|work){SP}(?:in|by))"
    rf"{SP}(?P<person>{PERSON}),{SP}(?P<bare>{TITLE})(?:,{SP}(?P<year>{YEAR}))?"
    r"(?=[);.,:]|\s*$)"
)
# A title in quotation marks right after the noun that says what it is, in the languages
# the essays are written in: `the article, “Writing a Digital History Journal Article”`,
# `in seinem Artikel „Concept theory and semiotics in knowledge organization“`, `his essay
# ("Notes on Leonardo da Vinci")`, `a piece titled “No Reviews ...”`. The noun vouches for
# the title, so it may be in sentence case (as German and French titles are).
QUOTED_GENRES = (
    f"{GENRES}|paper|papers|post|blog[ ]post|talk|chapter|report|piece|pieces|"
    "Buch|Bücher|Artikel|Aufsatz|Aufsätze|Beitrag|Broschüre|Roman|Studie|Essay|Sammelband|"
    "Monographie|Monografie|Handbuch|Bericht|Schrift|Publikation|Veröffentlichung|Vortrag|"
    "livre|ouvrage|essai|roman|étude|rapport|libro|artículo|ensayo|informe"
)
NAMING = (
    r"titled|entitled|intitulée?|titulad[oa]|betitelt|(?:unter|mit)[ ](?:dem|der)[ ]"
    r"(?:Titel|Überschrift)"
)
QUOTED_ANY = r"[\"“„«](?P<quoted>[^\W\d_][^\"“”„«»\n]{0,160}?)[\"”“»]"
QUOTED_GENRE = re.compile(
    rf"(?P<genre>{QUOTED_GENRES})(?:{SP}(?:{LINKS}|{NAMING}))?[ \t\u00a0]*[,:]?[ \t\u00a0]*"
    rf"\(?{QUOTED_ANY}"
)
QUOTED_NAMING = re.compile(rf"(?:{NAMING})[ \t\u00a0]*[,:]?[ \t\u00a0]*{QUOTED_ANY}")
# `Leland, in his "Algonquin Legends,"`: a possessive before quotation marks, after `in`.
QUOTED_HIS = re.compile(rf"(?:his|her|their|seinem|ihrem){SP}{QUOTED_ANY}")
IN_BEFORE = re.compile(r"\b(?:in|In)[ \t\u00a0]+$")
SENTENCE_BREAK = re.compile(r"[.!?][ \t\u00a0]+[^\W\d_]")
MAX_QUOTED_WORDS = 20
CLAUSE_BEFORE = re.compile(r"[^.;!?\n]*$")
OTHER_CUES = (
    "his|her|their|See|see|Cf|cf|account|discussion|analysis|survey|treatment|overview|portrait"
)
NAMING_CUES = "titled|entitled|intitulé|intitulée|titulado|titulada|betitelt|unter|mit"
CUE_WORDS = sorted(
    {
        *QUOTED_GENRES.replace("[ ]", " ").split("|"),
        *OTHER_CUES.split("|"),
        *NAMING_CUES.split("|"),
        "seinem",
        "ihrem",
    }
)
# Starting with the character before the word lets the engine skip ahead fast. (Cue words
# such as `his` stand inside many words, so one literal search per word is slower here.)
CUE = re.compile(rf"(?:^|[\s(“‘\"—–])(?P<cue>{alternation(CUE_WORDS)})\b")
AUTHOR_COMMA_BEFORE = re.compile(rf"{PERSON},{SP}$")
CONTINUATION = re.compile(rf",{SP}(?P<bare>{TITLE})")
CAPITALISED_BEFORE = re.compile(rf"{WORD}{SP}$")
ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)[ \t\u00a0]+$")
QUOTES = "‘’“”\"'"
PERSON_RUN = re.compile(rf"{PERSON}|(?:[{UPPER}][{LOWER}]+{SP}){{1,2}}[{UPPER}]\.?")
# Before a genre noun and the comma or colon after it: an opening phrase (`In his story,`)
# or a label at the start of a line (`Main article:`), not an apposition that names it.
LABEL_OR_PHRASE = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:(?:In|From|Throughout|Within|Of|On)\s+(?:his|her|their|the|this|that|"
    r"a|an|its|one)\s+(?:[a-z]+\s+)?|[A-Z][a-z]+\s+)?$"
)


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    title: str
    authors: tuple[Name, ...]
    year: str | None = None


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    text = document.text
    named: list[Named] = []
    claimed = Spans()
    for scan in SCANS:
        named.extend(one for one in scan(text) if claimed.claim(one.start, one.end))
    named.extend(repeats(text, named, claimed))
    named.sort(key=lambda n: n.start)
    return [to_mention(document, n) for n in named], []


def title_span(match: re.Match[str]) -> tuple[int, int, str]:
    group = "quoted" if match.groupdict().get("quoted") else "bare"
    title = strip_title(match.group(group))
    return match.start(group), match.start(group) + len(title), title


def group_of(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def named_works(
    match: re.Match[str], text: str, authors: tuple[Name, ...], several: bool
) -> list[Named]:
    """One Named per work in the matched title, two when the run joins two works."""
    start, end, title = title_span(match)
    if group_of(match, "bare"):
        start, end, title = continued(text, start, end, title)
    works = []
    at = start
    for part in split_works(title, several):
        at = text.index(part, at)
        works.append(Named(at, at + len(part), part, authors))
        at += len(part)
    return works


def continued(text: str, start: int, end: int, title: str) -> tuple[int, int, str]:
    """`Red November, Black November`: a comma joins two runs that echo each other."""
    more = CONTINUATION.match(text, end)
    if more is None:
        return start, end, title
    second = strip_title(more.group("bare"))
    if set(second.split()) & set(title.split()) and followed_plausibly(text, more.end()):
        end = more.start("bare") + len(second)
        return start, end, text[start:end]
    return start, end, title


def strong_bare(text: str, match: re.Match[str], end: int) -> bool:
    """A bare run with no naming word: two words or more, not an institution, and followed
    the way a title is followed."""
    title = strip_title(match.group("bare"))
    return (
        word_count(title) >= 2
        and not names_an_institution(title)
        and not names_a_person(title)
        and followed_plausibly(text, end)
    )


def names_a_person(title: str) -> bool:
    """`Ghana's James Aggrey`, `his brother George Mbadiwe`, `Maryland's David C.`: a given
    name and a family name or initial, the words of a person, not of a title."""
    words = title.split()
    if not 2 <= len(words) <= 4 or words[0] in NOT_PEOPLE:
        return False  # `his April Theses`: a month is no given name here
    if words[0].lower() not in tagger.given_names():
        return False
    return PERSON_RUN.fullmatch(title) is not None


def by_cues(text: str) -> Iterator[Named]:
    """One pass over the cue words (genre nouns, `his`, `see`), then the full pattern of
    each cue at that place: one scan of the text instead of one per pattern."""
    for cue in CUE.finditer(text):
        at = cue.start("cue")
        for pattern, read in CUE_READERS:
            match = pattern.match(text, at)
            if match is not None:
                yield from read(text, match)


def genre_work(text: str, match: re.Match[str]) -> list[Named]:
    link = (match.group("link") or "").replace(" ", "")
    if group_of(match, "bare") and not genre_title_ok(text, match, link):
        return []
    several = match.group("genre") in PLURAL_GENRES.split("|") or link in ("suchas", "including")
    return named_works(match, text, genre_author(text, match), several)


def genre_title_ok(text: str, match: re.Match[str], link: str) -> bool:
    _, end, title = title_span(match)
    if link in NAMING_LINKS:
        return True
    if not link and LABEL_OR_PHRASE.search(text, max(0, match.start() - 60), match.start()):
        separator = text[match.end("genre") : match.start("bare")].strip()
        if separator in (",", ":"):
            return False  # `In his story, Black Cat was ...`, `Main article: Firefox OS`
    if names_an_institution(title) and not link:
        return False  # `the history Russian Revolution` no; `novels such as Conquered City` yes
    return word_count(title) >= 2 and followed_plausibly(text, end)


def genre_author(text: str, match: re.Match[str]) -> tuple[Name, ...]:
    """The possessive before the genre noun, `by Author` after the title, or else the
    person the sentence names as writer."""
    before = POSSESSOR.search(text, max(0, match.start() - 120), match.start())
    if before:
        person = clean_person(before.group("person"))
        if person and person.split()[-1] not in NOT_PEOPLE:
            return person_names(person)
    after = BY_AFTER.match(text, title_span(match)[1])
    if after and clean_person(after.group("person")) == after.group("person"):
        return person_names(after.group("person"))
    return author_before(text, match.start())


def by_possessive(text: str) -> Iterator[Named]:
    for mark in POSSESSIVE_MARK.finditer(text):
        who = PERSON_ENDING.search(text, max(0, mark.start() - 80), mark.start())
        match = BARE_TITLE.match(text, mark.end()) if who else None
        if who is None or match is None:
            continue
        person = clean_person(who.group())
        if person is None or not strong_bare(text, match, match.end("bare")):
            continue
        if AUTHOR_COMMA_BEFORE.search(text, max(0, who.start() - 60), who.start()):
            continue  # `Keneally, Schindler's Ark`: the possessive belongs to the title
        yield from named_works(match, text, person_names(person), several=False)


def pronoun_work(text: str, match: re.Match[str]) -> list[Named]:
    if not strong_bare(text, match, match.end("bare")):
        return []
    return named_works(match, text, author_before(text, match.start()), several=False)


def by_author_after(text: str) -> Iterator[Named]:
    for mark in BY_MARK.finditer(text):
        before = spacing_start(text, mark.start())
        if before == mark.start():
            continue  # `by` at the start of a line: nothing on the line before it
        match = TITLE_ENDING.search(text, max(0, before - 200), before)
        who = PERSON_AT.match(text, mark.end()) if match else None
        if match is None or who is None or clean_person(who.group()) != who.group():
            continue
        person = who.group()
        if group_of(match, "bare"):
            title = strip_title(match.group("bare"))
            start = match.start("bare")
            if word_count(title) < 2 or names_an_institution(title):
                continue
            if ARTICLE_BEFORE.search(text, max(0, start - 5), start):
                continue
        yield from named_works(match, text, person_names(person), several=False)


def spacing_start(text: str, at: int) -> int:
    """Where the run of spaces (not line breaks) that ends at `at` begins."""
    while at and text[at - 1] in " \t\u00a0":
        at -= 1
    return at


def see_work(text: str, match: re.Match[str]) -> list[Named]:
    person = match.group("person")
    title = strip_title(match.group("bare"))
    if clean_person(person) != person or names_an_institution(title):
        return []
    start = match.start("bare")
    return [Named(start, start + len(title), title, person_names(person), match.group("year"))]


def quoted_work(text: str, match: re.Match[str]) -> list[Named]:
    """A title in quotation marks that a genre noun or a naming word vouches for."""
    return quoted_named(text, match, title_case=False)


def quoted_naming(text: str, match: re.Match[str]) -> list[Named]:
    """`a piece titled "..."`, but not `The 1st Sonata is entitled "..."`: what the clause
    before says is entitled is music, a project or a site, not a work cited."""
    clause = CLAUSE_BEFORE.search(text, max(0, match.start() - 80), match.start())
    words = set(re.findall(r"[a-z]+", clause.group().lower())) if clause else set()
    if words & NAMED_AS:
        return []
    return quoted_named(text, match, title_case=False)


def quoted_after_his(text: str, match: re.Match[str]) -> list[Named]:
    """`in his "Algonquin Legends"`: with no noun, the words must read as a title."""
    if not IN_BEFORE.search(text, max(0, match.start() - 8), match.start()):
        return []
    return quoted_named(text, match, title_case=True)


def quoted_named(text: str, match: re.Match[str], title_case: bool) -> list[Named]:
    start = match.start("quoted")
    title = match.group("quoted").rstrip(" .,;:")
    if not title[:1].isupper() or len(title.split()) > MAX_QUOTED_WORDS:
        return []
    if SENTENCE_BREAK.search(title) or (title_case and not is_title_case(title)):
        return []  # a quotation of a sentence or two, not a title
    if is_person(title) or (title_case and names_an_institution(title)):
        return []
    return [Named(start, start + len(title), title, author_before(text, match.start()))]


Reader = Callable[[str, re.Match[str]], list[Named]]
# In order of precedence at one cue: `see Author, Title` before a genre noun's title.
CUE_READERS: tuple[tuple[re.Pattern[str], Reader], ...] = (
    (SEE, see_work),
    (QUOTED_GENRE, quoted_work),
    (QUOTED_NAMING, quoted_naming),
    (GENRE_CUE, genre_work),
    (QUOTED_HIS, quoted_after_his),
    (HIS, pronoun_work),
)
SCANS: tuple[Callable[[str], Iterator[Named]], ...] = (by_cues, by_possessive, by_author_after)


def repeats(text: str, named: list[Named], claimed: Spans) -> list[Named]:
    """Later exact uses of a title named with evidence: quoted, or a bare run of two words
    or more that is not a common phrase (`the ...`) or part of a longer run."""
    # A bare title with no author behind it (`his story, Black Cat`) may be a character or
    # a place: it counts where it was named, and is never looked for again.
    sure = [n for n in named if n.authors or is_quoted(text, n.start, n.end)]
    titles = {n.title: n.authors for n in sorted(sure, key=lambda n: -len(n.authors))}
    found: list[Named] = []
    places = title_places(text, titles)
    for title in sorted(titles, key=len, reverse=True):
        for start in places[title] if title in places else occurrences(text, title):
            end = start + len(title)
            if not (is_quoted(text, start, end) or plain_use(text, start, end, title)):
                continue
            if alone_on_line(text, start, end):
                continue  # a heading, an entry of a table of contents
            if claimed.claim(start, end):
                found.append(Named(start, end, title, titles[title]))
    return found


FIRST_WORD = re.compile(r"\w+")


def title_places(text: str, titles: Iterable[str]) -> dict[str, list[int]]:
    """Where each title that starts with a word stands as whole words, in one scan of the
    text for all of them: a title standing whole starts where its first word stands whole,
    and there the titles with that first word are looked up by their first characters."""
    by_first: dict[str, dict[int, dict[str, list[str]]]] = {}
    places: dict[str, list[int]] = {}
    for title in titles:
        first = FIRST_WORD.match(title)
        if first is not None:
            size = min(len(title), PREFIX)
            by_size = by_first.setdefault(first.group(), {})
            by_size.setdefault(size, {}).setdefault(title[:size], []).append(title)
            places[title] = []
    if not by_first:
        return places
    pattern = re.compile(rf"(?<!\w){alternation(sorted(by_first))}(?!\w)")
    for match in pattern.finditer(text):
        at = match.start()
        for size, by_prefix in by_first[match.group()].items():
            for title in by_prefix.get(text[at : at + size], ()):
                end = at + len(title)
                if text.startswith(title, at) and not (end < len(text) and is_word(text[end])):
                    places[title].append(at)
    return places


PREFIX = 16  # characters of a title looked up at once: few titles share as many


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def occurrences(text: str, title: str) -> Iterator[int]:
    """Where `title` stands as whole words; str.find keeps this a fast literal search."""
    at = text.find(title)
    while at >= 0:
        end = at + len(title)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            yield at
        at = text.find(title, at + 1)


# What may stand around a title that is the whole of its line: a heading's marks and
# number (`## 3.3 `, `Main article: `), quotation marks, italics.
HEADING = re.compile(r"[\s#*_>|\-•\d.\"“”‘’'«»]*(?:[A-Z][a-z]+(?: [a-z]+)?:\s*)?[\"“‘'«*_]*")
HEADING_END = re.compile(r"[\s*_\"”’'».:;,!?]*")
HEADING_REACH = 40  # characters of marks and label around a heading's title, at most


def alone_on_line(text: str, start: int, end: int) -> bool:
    """The span is the whole of its line but for a heading's marks or a label (a heading's
    marks are short: only HEADING_REACH characters either side are read)."""
    line_start = text.rfind("\n", max(0, start - HEADING_REACH - 1), start) + 1
    line_end = text.find("\n", end, end + HEADING_REACH + 1)
    if line_end < 0:
        line_end = len(text) if len(text) - end <= HEADING_REACH else -1
    if (line_start == 0 and start > HEADING_REACH) or line_end < 0:
        return False
    return bool(HEADING.fullmatch(text, line_start, start)) and bool(
        HEADING_END.fullmatch(text, end, line_end)
    )


def is_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in QUOTES and text[end] in QUOTES


def plain_use(text: str, start: int, end: int, title: str) -> bool:
    if word_count(title) < 2 or title.split()[0] in ("The", "A", "An"):
        return False
    window = text[max(0, start - 40) : start]
    if ARTICLE_BEFORE.search(window) or CAPITALISED_BEFORE.search(window):
        return False
    return not re.match(rf"{SP}{WORD}", text[end : end + 40])


def to_mention(document: Document, named: Named) -> Mention:
    reference = Reference(authors=named.authors, title=named.title, year=named.year)
    return Mention.at(document, named.start, named.end, Kind.MENTION, reference)
