"""Citations of an unnamed work: quotations signed `– Simone Weil, 1934` (attribution) and
views credited in prose, `According to Hannah Arendt ...`, `Mill acutely replies:`
(author-only; find_sayings reads the sentences view).

Each is kept, and reported as info (`vague-attribution`) so an editor can supply the work;
a signature that names a work (`– Simone Weil, Oppression and Liberty, 1934`) is reported not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property

from citeres.find.titles import (
    CAP,
    FOLLOWERS,
    IDEOLOGY_ENDINGS,
    INITIALS,
    NOT_PEOPLE,
    NOT_WORKS,
    PEOPLE,
    PERSON,
    SP,
    clean_person,
    is_title_case,
    person_names,
)
from citeres.find.words import LiteralScan
from citeres.identity import UPPER, YEAR
from citeres.model import Document, Kind, Mention, Problem, ProblemKind, Reference
from citeres.parse import tagger

# A signature after a closing quotation mark, or alone on the line after one. Each dash
# leads its own pattern (see LiteralScan); a hyphen counts only when set off by spaces:
# `Brest-Litovsk` is none.
SIGNATURE = rf"[ \t]*(?P<person>{PERSON})(?:,[ \t]*(?P<rest>[^\n]{{1,200}}?))?[ \t]*$"
SIGNED_BY_DASH = LiteralScan([f"(?m:{dash}{SIGNATURE})" for dash in "–—―"])
SIGNED_BY_HYPHEN = LiteralScan(
    [f"(?m:{hyphen}(?=[ \t]){SIGNATURE})" for hyphen in ("--", "-")], before=""
)
BEFORE_DASH = re.compile(r"(?:(?P<quote>[”\"’»])|^)[ \t]*$", re.MULTILINE)
TRAILING_YEAR = re.compile(rf"(?:,[ \t]*|^|[ \t]+)(?P<year>{YEAR})[ \t]*\.?$")
QUOTE_END = re.compile(r"[”\"’»][ \t]*\n(?:[ \t]*\n)*[ \t]*$")
CREDITING_VERBS = "noted|argued|shown|described|observed|reported|suggested|claimed|documented"
CREDITING_NOUNS = "work|works|writing|writings|research|scholarship|studies"
CREDITING = [
    *(f"{a}ccording{SP}to" for a in "Aa"),
    *(f"{verb}{SP}by" for verb in CREDITING_VERBS.split("|")),
    *(f"{noun}{SP}of" for noun in CREDITING_NOUNS.split("|")),
]
CREDITED = LiteralScan(
    [rf"(?P<cue>{cue}){SP}(?P<people>{PEOPLE})" for cue in CREDITING], before="("
)
# The sentence already points at a source: a note marker after its last word, or a
# parenthetical reference with a page.
SENTENCE_END = re.compile(r"(?<!\bp)(?<!\bpp)(?<!\b[A-Z])[.!?][”\"’)]*(?P<marker>\d{1,3})?(?=\s|$)")
CITED_IN_SENTENCE = re.compile(r"\([^()]*\bpp?\.[ ]?\d")


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    mentions: list[Mention] = []
    problems: list[Problem] = []
    for start, end, kind, reference, person in signed_and_credited(document.text):
        mentions.append(mention(document, start, end, kind, reference))
        if reference.title is None:
            problems.append(vague(document, start, vague_message(kind, person)))
    mentions.sort(key=lambda m: m.start)
    return mentions, problems


# (start, end, kind, reference, the person as written)
Found = tuple[int, int, Kind, Reference, str]


def signed_and_credited(text: str, names: NameEvidence | None = None) -> list[Found]:
    """Signed quotations and `According to X` credits in `text`, as (start, end, kind,
    reference, person); `names` is the evidence for lone surnames (the text's own when
    None)."""
    found: list[Found] = []
    names = NameEvidence(text) if names is None else names
    signatures = SIGNED_BY_DASH.finditer(text) + SIGNED_BY_HYPHEN.finditer(text)
    for match in sorted(signatures, key=lambda m: m.start()):
        signature = signed(text, match)
        if signature is not None:
            found.append(signature)
    for at in EMPHASIS_DASH.finditer(text):
        signature = emphasised_signature(text, at.start())
        if signature is not None:
            found.append(signature)
    for match in CREDITED.finditer(text):
        credit = credited(text, match, names)
        if credit is not None:
            found.append(credit)
    return found


def vague_message(kind: Kind, person: str) -> str:
    if kind is Kind.ATTRIBUTION:
        return f"quotation signed by {person} names no work; supply the source"
    return f"view attributed to {person} names no work; supply the source"


def signed(text: str, match: re.Match[str]) -> Found | None:
    person = match.group("person")
    if clean_person(person) != person:
        return None
    before = BEFORE_DASH.search(text, max(0, match.start() - 20), match.start())
    if before is None:
        return None
    window = max(0, before.start() - 200)
    if not before.group("quote") and not QUOTE_END.search(text, window, before.start()):
        return None
    title, year = signature_rest(match.group("rest"))
    if title is None and year is None and match.group("rest"):
        return None  # `– Smith, who ...`: a dash in a sentence, not a signature
    start, end = (
        match.start("person"),
        match.end("rest") if match.group("rest") else match.end("person"),
    )
    reference = Reference(authors=person_names(person), title=title, year=year)
    return start, end, Kind.ATTRIBUTION, reference, person


def signature_rest(rest: str | None) -> tuple[str | None, str | None]:
    """The work and year after the signer: `1902`, `The Road to Power, 1909`."""
    if not rest:
        return None, None
    rest = rest.strip()
    year = TRAILING_YEAR.search(rest)
    title = rest[: year.start()].strip(" ,.") if year else rest.strip(" ,.")
    if title and not is_title_case(title):
        return None, year.group("year") if year else None
    return title or None, year.group("year") if year else None


def credited(text: str, match: re.Match[str], names: NameEvidence) -> Found | None:
    """A view credited to a full name (`According to Philip Foner`), or to a lone surname
    the document writes as a name (`according to Leland, Pookjinsquess sang`) that ends
    its phrase: `According to Lenin it was` narrates what an actor thought."""
    people = match.group("people")
    first = people.split(" and ")[0].split(",")[0]
    if clean_person(first) != first:
        return None
    end = match.end()
    if len(first.split()) < 2:
        lone = lone_credit(text, match, names)
        if lone is None:
            return None
        people, end = lone
    if already_sourced(text, end):
        return None
    reference = Reference(authors=person_names(people))
    return match.start("cue"), end, Kind.AUTHOR_ONLY, reference, people


# A lone surname, or two joined by `and`, that ends its phrase; after `the works of`
# a word that may follow a name will do too (`the works of Schoolcraft to believe`).
LONE = re.compile(rf"(?P<people>{CAP}(?:[ ]and[ ]{CAP})?)(?=[,.;:)]|--|[ ]?[–—])")
LONE_AFTER_NOUN = re.compile(rf"(?P<people>{CAP}(?:[ ]and[ ]{CAP})?)(?=[ ](?P<next>[a-z]+)\b)")


def lone_credit(text: str, match: re.Match[str], names: NameEvidence) -> tuple[str, int] | None:
    """(people, end) of a credit to lone surnames after `according to` or `the works of`,
    each with the document's evidence that it is a name (NameEvidence.lone_surname), or
    None."""
    at, cue = match.start("people"), match.group("cue")
    if cue.endswith("by"):
        return None  # `claimed by Argentina`: a verb's agent may be a country or a body
    lone = LONE.match(text, at)
    if lone is None and cue.endswith("of"):
        lone = LONE_AFTER_NOUN.match(text, at)
        if lone is not None and lone.group("next") not in FOLLOWERS:
            lone = None
    if lone is None:
        return None
    people = lone.group("people")
    for family in people.split(" and "):
        if family in NOT_PEOPLE or family.endswith(IDEOLOGY_ENDINGS):
            return None
        if family.lower() in NOT_WORKS or not names.lone_surname(family):
            return None
    return people, lone.end("people")


def already_sourced(text: str, position: int) -> bool:
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    end = SENTENCE_END.search(text, position, line_end)
    if end is None:
        return False
    return bool(end.group("marker")) or bool(CITED_IN_SENTENCE.search(text, position, end.end()))


def mention(document: Document, start: int, end: int, kind: Kind, reference: Reference) -> Mention:
    return Mention.at(document, start, end, kind, reference)


def vague(document: Document, offset: int, message: str) -> Problem:
    return Problem(
        path=document.path,
        line=document.line_of(offset),
        kind=ProblemKind.VAGUE_ATTRIBUTION,
        message=message,
    )


# Views credited with a verb of saying or thinking after a named person: `Mill acutely
# replies:`, `as Spencer observed`, `says Kuhnau`, `in the words of Mr. Gladstone:`. A
# person here is an honorific, initials or a given name before the surname, or a lone
# surname with the document's evidence (NameEvidence, plain_credit): `Critics argued`
# is no one. Kept only where the sentence names no source and no work of the person is
# named nearby (sentence_sourced, work_named_near), and never in fiction (is_dialogue).
TITLES = (
    r"(?:(?:Mr|Mrs|Miss|Ms|Dr|Prof|Professor|Sir|Rev|Bishop|Cardinal|General|Col|Colonel|"
    r"Lord|Lady|Father|President|Judge|Justice|Dean|Canon)\.?[ ])"
)
SAYER = (
    rf"(?P<honorific>{TITLES})?(?P<initials>{INITIALS})?(?:{CAP}[ ])?"
    rf"(?:(?:de|De|le|Le|la|La|van|von)[ ])?{CAP}"
)
# Verbs that credit a view whatever follows (`Mill acutely replies`), and verbs that credit
# one only with a complement (`Darwin said that`, `Jefferson wrote in 1790:`): bare, they
# narrate (`Kuhnau wrote thirteen sonatas`, `the people Grossman describes in`).
CREDITING_ALONE = """
    says remarks remarked observes observed replies replied argues argued maintains
    maintained declares declared asserts asserted insists insisted contends contended
    affirms affirmed conjectures conjectured believes suggests suggested thinks
    points_out pointed_out puts_it put_it refers_to referred_to
"""
CREDITING_WITH_COMPLEMENT = """
    said writes wrote notes noted stated explains explained tells relates related mentions
    mentioned shows showed shown describes described adds added concludes concluded reports
    reported records recorded denies denied holds complains complained speaks_of gives
"""
# In the present, as an essayist writes of what a writer's text does, a verb of telling
# credits without a complement: `Spitta mentions the fine fugue`, `La Hontan speaks of the
# Outchepoues`, `Mr. Métivier gives as his explanation`. (Stories narrate in the past.)
# (Not `records`, `reports`: nouns too, `the Leech Lake records`.)
PRESENT_TELLING = frozenset(("mentions", "relates", "speaks of", "gives"))
# What it tells follows it: `mentions the fine fugue`, `gives as his explanation`.
TOLD_NEXT = re.compile(
    rf"[ ](?:(?:the|a|an|his|her|their|this|these|those|also|as|several|many)\b|[{UPPER}“\"‘])"
)


def alternatives(words: str) -> str:
    """A regex alternation of the words, longest first, `_` standing for a space."""
    return "|".join(sorted((w.replace("_", "[ ]") for w in words.split()), key=len, reverse=True))


COMPLEMENT = r"(?=:|[ ](?:that|how|it|me|us|in[ ]\d{4}|to[ ]his|to[ ]her)\b|,?[ ][“\"‘])"
# Few words come between a sayer and the verb: `Mill acutely replies`, `Faisst, however,
# justly observes`; a progressive (`was arguing`) narrates, it does not credit. A manner
# word makes any verb a credit: `Mr. Warren truly says`.
MANNER = r"(?P<manner>(?:,?[ ](?:[a-z]+ly|however|too|also|himself|herself),?){1,2})?"
PERFECT = r"(?:[ ](?:has|had))?"
# Not after `of` or `the`: `the Governor of Louisiana wrote` is no one named.
SAYER_START = r"(?<![\w.’'-])(?<!\bof[ ])(?<!\bthe[ ])"
FORWARD = (
    rf"(?=[{UPPER}]){SAYER_START}(?P<person>{SAYER}){MANNER}{PERFECT}[ ]"
    rf"(?:(?P<verb>{alternatives(CREDITING_ALONE)})\b"
    rf"|(?P<weak>{alternatives(CREDITING_WITH_COMPLEMENT)})\b(?P<complement>{COMPLEMENT})?)"
)
# After a quotation, in the present as an essayist writes it: `says Kuhnau,`. Not `said
# Calhoun`: past-tense inversion is how stories tell dialogue.
INVERTED_VERBS = "says|writes|remarks|observes|adds|continues|wrote"
INVERTED = (
    rf"(?<=[,”\"’][ ])(?:so[ ])?(?P<verb>{INVERTED_VERBS})[ ](?P<person>{SAYER})"
    rf"(?=[,.:;!?]|[ ](?:in|of|to)\b)"
)
WORDS_OF = (
    rf"(?:(?<=\b[Ww]ords[ ]of[ ])|(?<=\bwith[ ]))(?P<person>{SAYER}),?(?=[ ]that\b|:|,[ ][“\"])"
)
# A quotation introduced by its speaker: `Hennepin in the following words:`, `the voice
# of Mr. Hutton in the following passage:` (after `of` too: the phrase names a speaker).
FOLLOWING = rf"(?<![\w.’'-])(?P<person>{SAYER})[ ]in[ ]the[ ]following[ ](?:words|passage|terms)\b"
# Each frame with the words it cannot match without, found first at memory speed: only the
# paragraphs holding them are read with the frame (most paragraphs hold none).
FORWARD_SIGN = rf"\b(?:{alternatives(CREDITING_ALONE)}|{alternatives(CREDITING_WITH_COMPLEMENT)})\b"
# Information credited to the person it came from: `The description which follows was
# obtained from Mrs. Brown`, `This piece of information was furnished by Caroline le
# Tullier`. A place or a body may stand there too (`obtained from New York`), so the
# person is named as people are: an honorific, initials, or a given name first (informant).
SOURCE_VERBS = "obtained|learned|learnt|heard|received|gathered"
INFORMANT_VERBS = "furnished|supplied|communicated"
FROM_SOURCE = (
    rf"\b(?P<source>(?:{SOURCE_VERBS})[ ]from|(?:{INFORMANT_VERBS})[ ](?:to[ ]me[ ]|me[ ])?by)"
    rf"[ ](?P<person>{SAYER})"
)
SAYINGS = [
    (re.compile(pattern), re.compile(sign))
    for pattern, sign in (
        (FORWARD, FORWARD_SIGN),
        (FROM_SOURCE, rf"\b(?:{SOURCE_VERBS}|{INFORMANT_VERBS})[ ]"),
        (INVERTED, rf"\b(?:{INVERTED_VERBS})\b"),
        (WORDS_OF, r"\b(?:[Ww]ords[ ]of|with)[ ]"),
        (FOLLOWING, r"\bin[ ]the[ ]following[ ]"),
    )
]
# A paragraph opened by a quotation mark: dialogue. Where most paragraphs open so, the
# text is fiction and `said Holmes` is a character speaking, not a source credited.
# (Never two runs of spaces in a row: on a line of spaces they backtrack quadratically.)
DIALOGUE_LINE = re.compile(r"^[ \t*_>]*(?:<p[^>]*>[ \t]*)?[“\"‘']", re.MULTILINE)
NONEMPTY_LINE = re.compile(r"^[ \t]*\S", re.MULTILINE)
DIALOGUE_SHARE = 0.5
# The sentence points at a source already: a note marker or a parenthetical with a
# page or a year anywhere in it, outside quotations.
SOURCE_IN_SENTENCE = re.compile(
    r"\[\^?\d{1,3}\]|\(\s*[^()]*?(?:\bpp?\.[ ]?\d|\b1[5-9]\d\d\b|\b20\d\d\b)[^()]*\)"
    r"|(?<=[^\W\d_]|[.,;:”\"’)])\d{1,3}(?=\s|$)|<sup|\^\d"
)
SENTENCE_STOP = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])(?<!\bp)(?<!\bpp)(?<!\bvol)(?<!\bno)"
    r"(?<!\bed)(?<!\bcf)[.!?][”\"’)]*(?=\s|$)"
)
QUOTE_MARKS = re.compile(r"[“”\"‘]|’(?![^\W_])")
SENTENCE_CAP = 800
WORD_RUN = re.compile(r"[^\W\d_]+")


def find_sayings(document: Document) -> tuple[list[Mention], list[Problem]]:
    """Views credited to a named person by a verb of saying, in a sentence that names no
    source; read on the sentences view (wrapped lines joined, one paragraph a line)."""
    text = document.text
    if is_dialogue(text):
        return [], []
    mentions: list[Mention] = []
    problems: list[Problem] = []
    for start, stop, person in Sayings(text).found(text):
        reference = Reference(authors=person_names(person))
        mentions.append(mention(document, start, stop, Kind.AUTHOR_ONLY, reference))
        message = f"view attributed to {person} names no work; supply the source"
        problems.append(vague(document, start, message))
    return mentions, problems


class Sayings:
    """The sayings frames over one document, with what they learn of it: the evidence for
    its names, and which surnames a reading-list entry gives a work."""

    def __init__(self, text: str) -> None:
        self.whole = text
        self.names = NameEvidence(text)
        self.listed: dict[str, bool] = {}  # surname → whether a reading-list entry names its work

    def found(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person) of each credit in `text` (the document's sentences view, or
        a part of it), in text order, one for frames that overlap."""
        found: list[tuple[int, int, str]] = []
        for pattern, sign in SAYINGS:
            for match in frames(text, pattern, sign):
                sayer = sayer_of(match, self.names)
                if sayer is None or sentence_sourced(text, match.start()):
                    continue
                if work_named_near(text, sayer, match, self.listed, self.whole):
                    continue
                # an inverted frame begins at its verb (`says Kuhnau`), the others at the name
                start = sayer[0] if match.start() == match.start("person") else match.start()
                found.append((start, match.end(), sayer[1]))
        kept: list[tuple[int, int, str]] = []
        end = -1
        for start, stop, person in sorted(found):
            if start < end:
                continue  # two frames over one credit: `as Spencer observed` is one
            end = stop
            kept.append((start, stop, person))
        return kept


def frames(text: str, pattern: re.Pattern[str], sign: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of a frame in the paragraphs (lines of the sentences view) holding its
    sign; no frame crosses a line."""
    at = 0
    while (found := sign.search(text, at)) is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end + 1
        yield from pattern.finditer(text, start, end)
        at = end


def is_dialogue(text: str) -> bool:
    paragraphs = len(NONEMPTY_LINE.findall(text))
    return paragraphs > 0 and len(DIALOGUE_LINE.findall(text)) / paragraphs > DIALOGUE_SHARE


class NameEvidence:
    """What the document says of a capitalised word: whether it is also written in lower
    case (`Court`, `court`), and whether it ever stands inside a sentence, after a
    lower-case word or a comma (an adverb that opens sentences, `Furthermore`, never does)."""

    # Read from the text when first asked: most documents credit no one by a lone surname.
    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lower(self) -> set[str]:
        return {word for word in self.counts if word.islower()}

    @cached_property
    def inside(self) -> set[str]:
        return set(INSIDE_SENTENCE.findall(self.text))

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(WORD_RUN.findall(self.text))

    def once(self, word: str) -> bool:
        return self.counts[word] == 1

    def lone_surname(self, word: str) -> bool:
        return word.casefold() not in self.lower and word in self.inside


INSIDE_SENTENCE = re.compile(r"(?<=[\w,;][ \n])[^\W\d_]+")  # (a wrapped line may break there)
ARTICLES = frozenset({"The", "A", "An"})
QUOTE_BEFORE = re.compile(r"[,!?][’'”\"][ ]$")
QUOTE_NEXT = re.compile(r",?[ ][“\"‘]")
PARTICIPLE_NEXT = re.compile(r"[ ](?:is|was|are|were)\b")


def sayer_of(match: re.Match[str], names: NameEvidence) -> tuple[int, str] | None:
    """(start, name) of the person a frame credits, or None when the words are no person
    or the verb narrates. A sentence opener before a surname is dropped (`Here Mill`),
    an article is not (`The Bible said` names no one); a lone surname needs the
    document's evidence (NameEvidence)."""
    groups = match.groupdict()
    weak = groups.get("weak")
    after_quote = QUOTE_BEFORE.search(match.string, max(0, match.start() - 4), match.start())
    bare = weak and groups.get("complement") is None and not groups.get("manner")
    # (after a quotation, `‘…,’ Miss Mitford writes.` credits it; `the people Grossman
    # describes in the cemetery` has no object and narrates)
    told = weak in PRESENT_TELLING and TOLD_NEXT.match(match.string, match.end())
    if bare and not after_quote and not told:
        return None
    if weak == "said" and QUOTE_NEXT.match(match.string, match.end()):
        return None  # `Wewillemuck said, "Why ...`: a story's dialogue
    if (groups.get("verb") or "").startswith("referred") and PARTICIPLE_NEXT.match(
        match.string, match.end()
    ):
        return None  # `the Black Cat referred to is not Glooscap`: a participle, no one speaks
    start, person = match.start("person"), match.group("person")
    words = person.split()
    while len(words) > 1 and words[0] in NOT_PEOPLE:
        if words[0] in ARTICLES:
            return None
        start += len(words[0]) + 1
        words = words[1:]
    family = words[-1]
    if family in NOT_PEOPLE or family.endswith(IDEOLOGY_ENDINGS) or family.lower() in NOT_WORKS:
        return None
    if groups.get("source"):
        return (start, " ".join(words)) if informant(groups, words) else None
    titled = groups.get("honorific") or groups.get("initials") or len(words) > 1
    if not titled and not names.lone_surname(family) and not plain_credit(groups, family, names):
        return None
    return start, " ".join(words)


def informant(groups: dict[str, str | None], words: list[str]) -> bool:
    """Whether the words name a person as an informant is named: with an honorific,
    initials, or a given name before the surname (`Peter Selmore`, not `New York`)."""
    if groups.get("honorific") or groups.get("initials"):
        return True
    return len(words) > 1 and words[0].lower() in tagger.given_names()


def plain_credit(groups: dict[str, str | None], family: str, names: NameEvidence) -> bool:
    """A verb that only credits, with a manner word (`Faisst, however, justly observes`),
    vouches for a surname the document names once, unless it is a plural (`Critics
    argue`); bare, it does not (`Reality says`)."""
    plain = bool(groups.get("verb")) and bool(groups.get("manner"))
    return plain and not family.endswith("s") and names.once(family)


def work_named_near(
    text: str, sayer: tuple[int, str], match: re.Match[str], listed: dict[str, bool], whole: str
) -> bool:
    """The person's work is named: anywhere as a reading list writes it (`Vansina, Oral
    Tradition as History (1985)`), just before the credit as a possessive (`Sartre’s
    masterpiece Critique`), or in its sentence (`Filtzer showed in his book Soviet
    Workers`). The view is then that work's, found by the finders of works. Reading lists
    are looked for in `whole`, the document `text` is part of."""
    family = re.escape(sayer[1].split()[-1])
    if family not in listed:  # once a document and name: the search reads the whole text
        entry = re.search(rf"(?m:{ENTRY_START}{ENTRY_HEAD}{family},[ ]{ENTRY_TAIL})", whole)
        listed[family] = entry is not None
    if listed[family]:
        return True
    window_start = max(0, sayer[0] - POSSESSIVE_REACH)
    possessive = re.compile(rf"\b{family}[’']s[ ]+(?:[a-z]+[ ]){{0,3}}[*_“\"‘{UPPER}]")
    if possessive.search(text, window_start, sayer[0]):
        return True
    return bool(IN_HIS_WORK.search(text, match.end(), sentence_end(text, match.end())))


# How far back a possessive names the work a view comes from: the sentence before or so.
POSSESSIVE_REACH = 400
# What follows a name and a title when a work is cited as in a list of readings: a year in
# parentheses, or pages or a chapter, within the line (`Vansina, Oral Tradition as History
# (1985)`, `Bede, Ecclesiastical History (selections), ~10 pp.`).
# An entry opens a line or, in a list whose lines the sentences view joined, a bullet.
ENTRY_START = r"(?:^|(?<=[ ])[-*+•](?=[ ]))"
ENTRY_HEAD = r"[^\w\n]{0,8}(?:[^\W\d_][^\s,]*[ ]){0,3}"  # a bullet, given names
# Not `Mattheson, in his Ehren-Pforte (p. 410), tells us`, `Mattheson, in Das Orchester
# (1713), speaks`: sentences opening a paragraph.
ENTRY_TAIL = r"(?!in[ ])[^\n]{0,200}?(?:\(\d{4}\)|\bpp?\.|\bCh\.)"
# `in his seminal book Soviet Workers`, `in his fine History of ...`, but not `in his preface`.
IN_HIS_WORK = re.compile(rf"\bin[ ](?:his|her|their)[ ](?:[a-z]+[ ]){{0,3}}[*_“\"‘]?[{UPPER}]")


def sentence_sourced(text: str, position: int) -> bool:
    """The sentence of `position` names a source: a note marker or a parenthetical with
    a page or year after it, a citation sentence next (`Id., at 297`), a page just
    before (`Tome I., p. 38, Sebillot says`), or, when it introduces a block quotation
    (`Serge writes:`), a marker ending the quotation."""
    if PAGE.search(text, max(0, position - PAGE_REACH), position):
        return True
    end = sentence_end(text, position)
    marked = min(len(text), end + MARKER_REACH)  # a marker may follow the stop: `ape.4`
    if SOURCE_IN_SENTENCE.search(text, position, marked) or CITATION_NEXT.match(text, end):
        return True
    return bool(INTRODUCES_BLOCK.match(text, end - 1)) and block_marked(text, end)


def block_marked(text: str, position: int) -> bool:
    """One of the next few paragraphs ends with a note marker: `... the early days.”156`."""
    for _ in range(BLOCK_PARAGRAPHS):
        start = text.find("\n", position)
        if start < 0:
            return False
        position = text.find("\n", start + 1)
        paragraph = text[start:] if position < 0 else text[start:position]
        if ENDS_WITH_MARKER.search(paragraph):
            return True
        if position < 0:
            return False
    return False


MARKER_REACH = 6
CITATION_NEXT = re.compile(r"\s*(?:Id\.|Ibid\.?|Cf\.|See[ ][A-Z])")
INTRODUCES_BLOCK = re.compile(r":[ \t]*(?:\n|$)")
ENDS_WITH_MARKER = re.compile(r"(?<=[^\W\d_]|[.,;:”\"’)])(?:\d{1,3}|\[\^?\d{1,3}\])[ \t]*$")
BLOCK_PARAGRAPHS = 3
PAGE = re.compile(r"\bpp?\.[ ]?\d")
PAGE_REACH = 40


def sentence_end(text: str, position: int) -> int:
    """Where the sentence of `position` ends: its first stop outside quotation marks
    (an even count of them since `position`), else its paragraph's end."""
    cap = min(len(text), position + SENTENCE_CAP)
    line_end = text.find("\n", position, cap)  # (bounded: a paragraph may be a whole file)
    limit = cap if line_end < 0 else line_end
    for stop in SENTENCE_STOP.finditer(text, position, limit):
        if len(QUOTE_MARKS.findall(text, position, stop.end())) % 2 == 0:
            return stop.end()
    return limit


# A signature set in italics, as Project Gutenberg texts print them: `--_Wordsworth._` under
# an epigraph, `...for luck.--_From Mr. Isaac Le Patourel and others._` ending a story
# (the informant who told it), `--_Collected by Mr. J. Linwood Pitts, of the Library._`.
# It ends its paragraph, and follows a closing quotation mark, a sentence's stop, or (alone
# on its line) a paragraph that ends with a quotation.
EMPHASIS_DASH = re.compile(r"(?:--|[–—―])(?=[_*])")
SIGNATURE_LEAD = (
    r"(?:From|Collected[ ]by|Told[ ]by|Related[ ]by|Communicated[ ]by|Contributed[ ]by)[ ]"
)
EMPHASISED = re.compile(
    rf"(?:--|[–—―])(?P<mark>[_*])(?:{SIGNATURE_LEAD})?(?P<person>{SAYER})"
    rf"(?:[ ]and[ ]others|,[ ](?P<rest>[^_*\n]{{1,120}}?))?\.?(?P=mark)\.?[ \t]*"
)
SIGNATURE_REACH = 200  # characters from the dash to the end of its paragraph
STOP_BEFORE = re.compile(r"[.!?][”\"’»]?$|[”\"’»]$")


def emphasised_signature(text: str, dash: int) -> Found | None:
    """The signature in italics at `dash`, or None: it must end its paragraph, and follow
    a stop or a quotation (`“…humanities.”` above it, `…for luck.--_From …_`)."""
    end = paragraph_end(text, dash, dash + SIGNATURE_REACH)
    if end is None:
        return None
    window = text[dash:end].replace("\n", " ")  # a signature may wrap: `--_From Mr.\nMétivier._`
    match = EMPHASISED.fullmatch(window)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, dash) + 1
    before = text[line_start:dash]
    if before.strip():
        if not STOP_BEFORE.search(before):
            return None
    elif not QUOTE_END.search(text, max(0, line_start - SIGNATURE_REACH), line_start):
        return None
    person = match.group("person")
    if any(mark in person for mark in APOSTROPHES):
        return None  # `--_Métivier’s Dictionary_`: a work
    words = person.split()
    if words[0] in NOT_PEOPLE or words[-1] in NOT_PEOPLE or words[-1].lower() in NOT_WORKS:
        return None
    title, year = signature_rest(match.group("rest"))
    reference = Reference(authors=person_names(person), title=title, year=year)
    start = dash + match.start("person")
    stop = dash + (match.end("rest") if match.group("rest") else match.end("person"))
    return start, stop, Kind.ATTRIBUTION, reference, person


APOSTROPHES = "’'"


def paragraph_end(text: str, start: int, limit: int) -> int | None:
    """The end of the paragraph `start` is in (a blank line, or the text's end), when it
    comes before `limit`."""
    blank = BLANK_LINE.search(text, start, min(len(text), limit + 2))
    if blank is not None:
        return blank.start()
    return len(text) if len(text) <= limit else None


BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
