"""Personal and corporate names: `E.P. Thompson`, `Sidney and Beatrice Webb`, `Hobsbawm, Eric`."""

from __future__ import annotations

import re
from functools import lru_cache

from citeres.identity import UPPER
from citeres.model import Name
from citeres.text import squash

PARTICLES = frozenset(
    ("van von de der den di da del della dos das du le la ter ten vom zu ibn bin dei ").split()
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
CORPORATE_WORDS = frozenset(
    (
        "committee party association university institute society organisation "
        "organization commission council league union ministry department office bureau "
        "group collective foundation agency congress federation international press "
        "government "
    ).split()
)
NOT_IN_NAMES = frozenset(
    (
        "the a an of and in on to for with from by at as is was or not its his her their "
        "our this that who which what vol. volume ed. eds. op. cit. ibid. see also "
    ).split()
)
ET_AL = re.compile(r",?\s*(?:et\.?\s*al\.?|and others)\s*$", re.IGNORECASE)
AND = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|;\s*)", re.IGNORECASE)
INITIALS = re.compile(rf"\b([{UPPER}])\.(?=[{UPPER}])")
# One word of a personal name: capitalised (Lévi-Strauss, O'Brien, Gödel), an initial
# (E., E.H.), or an Arabic-style prefix (al-Sadr).
NAME_WORD = re.compile(
    rf"^(?:(?:[{UPPER}]\.){{1,3}}|[{UPPER}]\.?|(?:al-|el-)?[{UPPER}][\w'’\-]*\.?|"
    r"(?:Mc|Mac|O['’])[A-Z][\w\-]*)$"
)


def normalise_initials(given: str) -> str:
    """`E.H.` → `E. H.`, `E H` → `E. H.`: one spelling for the same initials."""
    given = INITIALS.sub(r"\1. ", given)
    return squash(re.sub(r"\b([A-Z])(?=\s|$)(?!\.)", r"\1.", given))


def is_corporate(text: str) -> bool:
    words = text.lower().split()
    return len(words) >= 2 and any(w.strip(".,") in CORPORATE_WORDS for w in words)


@lru_cache(maxsize=32768)
def looks_like_name(text: str, max_words: int = 5) -> bool:
    """Whether `text` reads as one personal name (not a title, not a sentence)."""
    words = squash(text).split()
    if not words or len(words) > max_words:
        return False
    if words[0].lower() in PARTICLES and "," not in text:
        return False  # `van der Linden, Marcel` is a name; `de facto concentration` is not
    for word in words:
        if len(word) > 1 and word.lower() in NOT_IN_NAMES:
            return False
        bare = word.lower().rstrip(",")
        if bare in PARTICLES or bare in SUFFIXES:
            continue
        if not NAME_WORD.match(word.rstrip(",")):
            return False
    return True


@lru_cache(maxsize=32768)
def parse_name(text: str) -> Name:
    """One name, in display (`Given Family`) or inverted (`Family, Given`) order."""
    text = squash(text).strip(" ,;")
    if is_corporate(text):
        return Name(family=text, corporate=True)
    if "," in text:
        return parse_inverted(text)
    words = text.split()
    if not words:
        return Name(family=text)
    suffix = ""
    if len(words) > 1 and words[-1].lower() in SUFFIXES:
        suffix = words.pop()
        words[-1] = words[-1].rstrip(",")
    family_at = len(words) - 1
    while family_at > 0 and words[family_at - 1].lower() in PARTICLES:
        family_at -= 1
    particle = " ".join(words[family_at:-1])
    return Name(
        family=words[-1],
        given=normalise_initials(" ".join(words[:family_at])),
        particle=particle,
        suffix=suffix,
    )


def parse_inverted(text: str) -> Name:
    family, _, rest = text.partition(",")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    suffix = next((p for p in parts if p.lower() in SUFFIXES), "")
    given_words = " ".join(p for p in parts if p != suffix).split()
    trailing: list[str] = []  # `Mises, Ludwig von`: the particle written after the given names
    while given_words and given_words[-1].lower() in PARTICLES:
        trailing.insert(0, given_words.pop())
    given = " ".join(given_words)
    words = family.split()
    particle = " ".join([*trailing, *(w for w in words[:-1] if w.lower() in PARTICLES)])
    family = " ".join(w for w in words if w.lower() not in PARTICLES) or family
    return Name(family=family, given=normalise_initials(given), particle=particle, suffix=suffix)


INVERTED_PAIR = re.compile(
    rf"((?<![\w'’])(?:(?!and\s)[a-z]+\s){{0,2}}[{UPPER}][\w'’]+(?:[ -]\s?[{UPPER}][\w'’]+)?),\s?"
    rf"((?:[{UPPER}](?:\.\s?|\.?-|\.?$|(?=[,&;])|\.(?=[,.&;]))){{1,4}})"
)


def inverted_list(text: str) -> tuple[Name, ...] | None:
    """`Bergk, V., Haefeli, W. E. & Martin, M.`: surname-initials pairs, when that is all
    the text holds."""
    pairs = list(INVERTED_PAIR.finditer(text))
    if len(pairs) < 2:
        return None
    left = INVERTED_PAIR.sub("", text)
    if re.sub(r"[\s,&.;]|\band\b", "", left):
        return None
    return tuple(
        parse_inverted(f"{family}, {given}") for family, given in (p.groups() for p in pairs)
    )


@lru_cache(maxsize=32768)
def parse_names(text: str) -> tuple[Name, ...]:
    """Every name in an author list: `A, B and C`, `Sidney and Beatrice Webb`."""
    text = ET_AL.sub("", squash(text)).strip(" ,;")
    if not any(ch.isalpha() for ch in text):
        return ()
    paired = inverted_list(text)
    if paired:
        return paired
    if is_corporate(text):
        return (Name(family=text, corporate=True),)
    chicago = first_inverted(text)
    if chicago:
        return chicago
    parts = [p for p in AND.split(text) if p.strip()]
    if all(len(p.split()) >= 2 for p in text.replace(" and ", ",").split(",") if p.strip()):
        parts = [p for p in re.split(r",|\band\b|&", text) if p.strip()]
    if len(parts) == 1:
        return (parse_name(text),)
    names = [parse_name(p) for p in parts if "," not in p or looks_inverted(p)]
    return share_family(names)


def first_inverted(text: str) -> tuple[Name, ...] | None:
    """`Borst, Timo, and Fidan Limani`, `Chen, Jinchi, Xiaxia Wang, and Yuzhong Qu`: the
    first author surname first, the others in reading order (as a bibliography in Chicago
    style writes them), when that is how every part reads."""
    parts = [p.strip() for p in re.split(r",|\band\b|&", text) if p.strip()]
    if len(parts) < 3 or "," not in text.split(" and ")[0]:
        return None
    family, given, *others = parts
    *particles, surname = family.split()  # `de Caso`; never `Rossi Mario, Bianchi Luigi`
    one_surname = len(surname) > 1 and all(p.islower() for p in particles)
    if not one_surname or len(given.split()) > 3 or given.rstrip(".").lower() in SUFFIXES:
        return None
    if not all(len(o.split()) >= 2 and reads_as_name(o) for o in others):
        return None
    return (parse_inverted(f"{family}, {given}"), *(parse_name(o) for o in others))


def reads_as_name(text: str) -> bool:
    """`David Jurgens`, `W. Geoffrey Spaulding`: capitalised at both ends (not `et al.`)."""
    words = text.split()
    return words[0][:1].isupper() and words[-1][:1].isupper()


def looks_inverted(text: str) -> bool:
    family, _, given = text.partition(",")
    return len(family.split()) <= 3 and bool(given.strip())


def share_family(names: list[Name]) -> tuple[Name, ...]:
    """`Sidney and Beatrice Webb`: a lone given name borrows the next family name."""
    shared: list[Name] = []
    for i, name in enumerate(names):
        lone = not name.given and i + 1 < len(names) and names[i + 1].given
        if lone and name.family[:1].isupper() and not name.corporate:
            shared.append(Name(family=names[i + 1].family, given=name.family))
        else:
            shared.append(name)
    return tuple(shared)
