"""What a title and a person look like in plain text, shared by the running-text finders.

Plain text has no italics: a title is a Title-Case run that may hold small words (of, and,
the), a colon and a subtitle; a person is one to four capitalised words or initials. These
are patterns and word lists only; each finder decides with its own evidence.
"""

from __future__ import annotations

import re

from citeres.identity import LOWER, UPPER
from citeres.model import Name
from citeres.parse.names import parse_name, parse_names

SP = r"[ \t\u00a0]+"  # spacing inside one line: titles and names never wrap here
APOSTROPHE = "’'"
# A capitalised word: `Arendt’s`, `Left-wing`, `Lévi-Strauss`; a trailing `Workers’` only when
# another capitalised word follows, so a closing quote is never swallowed.
WORD = rf"[{UPPER}][^\W_]*(?:[’'\-][^\W_]+)*(?:[’'](?=[ ][{UPPER}]))?"
SMALL = (
    r"(?:of|and|the|in|a|an|on|to|for|from|with|at|or|as|into|against|under|over|upon|"
    r"without|about|after|between|through|versus|de|la|le|du|des|der|die|das|und|von|van|"
    r"y|et|&)"
)
# A run is bounded in words: on a line of Title-Case words (a table of contents) a run
# matched at each of its words would otherwise reach the end of the line each time.
RUN_WORDS = 24  # capitalised words after the first
RUN = rf"{WORD}(?:(?:{SP}{SMALL}){{0,4}}{SP}{WORD}){{0,{RUN_WORDS}}}"
TITLE = rf"{RUN}(?::{SP}{RUN})?"
OPEN_QUOTE = "‘“\"'"
CLOSE_QUOTE = "’”\"'"
QUOTED = rf"[{OPEN_QUOTE}](?P<quoted>{TITLE})[{CLOSE_QUOTE}]"

# Names: initials (`S. A.`, `E.H.`), up to two given names, a particle, the family name.
# The family name must hold a lower-case letter, so acronyms (NKVD, IWW) are never people.
CAP = rf"[{UPPER}][^\W_]*[{LOWER}](?:[’'\-][^\W_]+)*"  # (no `[{UPPER}]?`: two ways per part)
INITIALS = rf"(?:[{UPPER}]\.[ \u00a0]?){{1,3}}"
HONORIFIC = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Sir)\.?[ \u00a0])"
PARTICLE = r"(?:(?:de|van|von|der|den|la|le|du|da|di|del|al-|ibn|bin)[ \u00a0])"
PERSON = rf"{HONORIFIC}?(?:{INITIALS}|(?:{CAP}[ \u00a0]){{0,2}}){PARTICLE}{{0,2}}{CAP}"
# `and` in the languages essays are written in: `Kunze und Auer`, `Lefort et Ricœur`.
PEOPLE = rf"{PERSON}(?:(?:,[ ]|[ ](?:and|und|et|y)[ ]|[ ]&[ ]){PERSON}){{0,3}}(?:,?[ ]et[ ]al\.?)?"

# Capitalised words that begin sentences or clauses and are never part of a person's name.
NOT_PEOPLE_WORDS = """
    The A An In On As At For From This That These Those It He She They We I You But And Or
    If When While Yet So Then Although Though After Before Since Even Also However Some Many
    Most All No Not Of To With By Our His Her Their My Your What Who Which Why How Where
    Here There One Two Three Firstly Secondly Thirdly Finally Today Now Later Still Both
    Each Every Such Like Unlike Without Within Under Over During Despite Until Once Again
    Other Another Whatever Whoever Thus Hence Indeed Perhaps Instead Rather Than Just Only
    Much More Less According Chapter Part Book Volume Vol Page Section Figure Table Notes
    Note See Cf Ibid January February March April May June July August September October
    November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer
    Autumn Winter Fall God Christ Comrade Comrades Soviet Soviets Russian Russians American
    Americans British English French German Germans Italian Jewish Christian Muslim Western
    Eastern Northern Southern West East North South Europe Asia Africa America Russia USSR
    Revolution War Party State Government Union Republic Empire Army Congress Committee
"""
NOT_PEOPLE = frozenset(NOT_PEOPLE_WORDS.split())
IDEOLOGY_ENDINGS = ("ism", "isms", "ist", "ists", "ites")
# Head words of organisations, events, places, buildings, periodicals and forms of address:
# a run headed by one is a name of something that is not a work (`Socialist Labor Party`,
# `Seattle General Strike`, `the King's Bench Prison`, `his Satanic Majesty`).
NOT_WORKS_WORDS = """
    party parties union unions league committee council councils group association
    federation international front army navy guard guards society club brotherhood church
    department government ministry republic company corporation institute university college
    school bureau soviet soviets assembly opposition movement organisation organization
    forum parliament senate court police commission bank station hall street square city
    empire kingdom palace quarter district province region county state revolution war wars
    strike treaty congress conference uprising rebellion revolt commune massacre trial
    trials purge purges terror famine plan policy crisis election elections magazine journal
    review times post tribune gazette herald news daily weekly centre center museum library
    archive archives office agency foundation
    prison gaol church chapel cathedral abbey castle castles bridge tower harbour harbor
    column monument island islands duchy majesty highness lordship
"""
NOT_WORKS = frozenset(NOT_WORKS_WORDS.split())
# Lower-case words that may follow a title in a sentence; any other lower-case word after
# a bare Title-Case run means the run was used as an adjective (`his New York friends`).
FOLLOWERS_WORDS = """
    is was were are be been has had have and or but nor which that where when who whose whom
    in of to for by with on from as at into he she it they we his her its their this these
    those there here remains remained became becomes describes described shows showed tells
    told argues argued offers offered appeared appears came comes would will can could may
    might should must does did not also still essentially itself himself herself than then
    so yet after before about among over under until while since whereas being a an the
    deals dealt gives gave makes made presents presented contains
"""
FOLLOWERS = frozenset(FOLLOWERS_WORDS.split())
FOLLOWER = re.compile(r"[ \t\u00a0]*(?:([a-z]+)|(\S)|$)")
# Anchored at the end of a window: the scans find a cheap mark (`'s `, ` by `, ` (1998)`)
# first and only then look back for the person, which keeps them fast on long texts.
PERSON_ENDING = re.compile(rf"(?<![^\W_])(?:{PERSON})$")
PEOPLE_ENDING = re.compile(rf"(?<![^\W_])(?:{PEOPLE})$")


def word_count(title: str) -> int:
    """Capitalised words in a title: `History of the Russian Revolution` has three."""
    return sum(1 for w in title.split() if w[:1].isupper() or w[:1].isdigit())


def head_word(title: str) -> str:
    """The noun a title's main part is about: the last word before `of`, a colon or the end."""
    main = title.split(":")[0]
    main = re.split(r"\s(?:of|for|in|on|at)\s", main)[0]
    words = main.split()
    return words[-1].strip(APOSTROPHE).lower() if words else ""


def names_an_institution(title: str) -> bool:
    """Whether a run names an organisation, event, place or periodical rather than a work.

    A coordination (`War and Peace`) is a title shape institutions rarely take.
    """
    return head_word(title) in NOT_WORKS and " and " not in title


def followed_plausibly(text: str, end: int) -> bool:
    """Whether what follows a bare run at `end` lets it be a title: punctuation, the end
    of the text, or a word a title can be the subject or object of."""
    match = FOLLOWER.match(text, end, min(len(text), end + 40))
    if match is None:
        return True
    word, other = match.group(1), match.group(2)
    if word is not None:
        return word in FOLLOWERS
    return other is None or not other.isalnum()


def is_title_case(text: str) -> bool:
    """Whether quoted words read as a title: the first and most long words capitalised."""
    words = [w for w in re.split(r"[\s:]+", text) if w]
    if not words or not words[0][:1].isupper():
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    return capitalised * 4 >= len(long_words) * 3


def clean_person(text: str) -> str | None:
    """A matched person with leading sentence words dropped (`As Eric Hobsbawm` → `Eric Hobsbawm`);
    None when nothing personal is left."""
    words = text.split()
    while words and not_personal(words[0]):
        words.pop(0)
    if not words or not_personal(words[-1]):
        return None
    return " ".join(words)


def not_personal(word: str) -> bool:
    """Sentence words and doctrines (`Stalinism`, `Marxists`) are never a person's name."""
    word = word.strip(APOSTROPHE)
    return word in NOT_PEOPLE or word.endswith(IDEOLOGY_ENDINGS)


def person_names(text: str) -> tuple[Name, ...]:
    """The names in an author phrase, through the shared name parser."""
    names = parse_names(text)
    return names or (parse_name(text),)


def split_works(title: str, several: bool) -> list[str]:
    """One title, or two when the run joins two works (`The Age of Revolution and
    The Age of Capital`): split on `and` when both sides are two words or more and either
    the context says there are several works or both sides start with the same word."""
    parts = title.split(" and ")
    if len(parts) != 2:
        return [title]
    left, right = parts[0].strip(), parts[1].strip()
    if word_count(left) < 2 or word_count(right) < 2 or not right[:1].isupper():
        return [title]
    if several or left.split()[0] == right.split()[0]:
        return [left, right]
    return [title]


def strip_title(title: str) -> str:
    return title.strip().rstrip(APOSTROPHE + ",;: ")


SPEECH_VERBS = (
    r"(?:wrote|writes|write|said|says|argued|argues|called|calls|describes|described|noted|"
    r"notes|tells|told|showed|shows|shown|claimed|claims|observed|observes|remarked|remarks|"
    r"puts|recalled|recalls|explains|explained|insists|insisted|suggests|suggested|asserts|"
    r"asserted|declared|declares|concluded|concludes|estimates|estimated|reports|reported|"
    r"recounts|muses|mused|singles|sees|saw|does|did|himself|herself|goes|uses|used|"
    r"was|is|has|had|would|could|began|begins|published|publishes|gave|gives|himself|"
    r"[a-z]{3,}ed)"
)
# A person the sentence names as a speaker or writer, in the forms a writer uses to hand
# a quotation or a work to someone: `Arendt's`, `Arendt wrote`, `wrote Hannah Arendt`, `as
# Arendt called it`, `by Hannah Arendt`.
EVIDENCED_PERSON = re.compile(
    rf"(?:\b(?:{SPEECH_VERBS}|as|by)[ \u00a0]+(?P<after>{PERSON})(?![^\W_]|[ \u00a0][{UPPER}]))"
    rf"|(?P<before>{PERSON})"
    rf"(?:[’']s\b|[ \u00a0]+{SPEECH_VERBS}\b|[ \u00a0]+in[ \u00a0]+(?:his|her)\b)"
)
PARAGRAPH_BREAK = "\n"
LOOKBACK = 400  # characters: a long sentence with a quotation, not the whole paragraph


def author_before(text: str, position: int) -> tuple[Name, ...]:
    """The nearest person the text names as speaker or writer before `position`, within
    the paragraph; () when none is evidenced."""
    start = max(0, position - LOOKBACK)
    start = max(start, text.rfind(PARAGRAPH_BREAK, start, position) + 1)
    best: str | None = None
    for match in EVIDENCED_PERSON.finditer(text, start, position):
        person = clean_person(match.group("after") or match.group("before"))
        if person is not None:
            best = person
    return person_names(best) if best else ()
