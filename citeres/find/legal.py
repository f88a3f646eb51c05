"""US legal citations, whose forms are exact: `Grutter v. Bollinger, 539 U. S. 306, 343
(2003)`, `Gratz, 539 U. S., at 304`, `Jenkins, supra, at 121`, `Id., at 330`, a reporter
alone (`631 F. 3d 213 (CA5 2011)`, `631 F. 3d, at 225`), and a case named again by its
short name (`Grutter’s holding`).

A document is read as legal only when it gives at least one reporter citation: `v.` and
`Id.` alone are too common elsewhere. Short forms are given the full case name they repeat,
so resolution matches them by title; `Id.` names the legal citation before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from citeres.find.spans import Spans
from citeres.model import Document, Kind, Mention, Problem, Reference, WorkType

# The reporters of US case law, as (words) each followed by a period or a series number.
REPORTERS = (
    "U. S.",
    "S. Ct.",
    "L. Ed.",
    "L. Ed. 2d",
    "F. 2d",
    "F. 3d",
    "F. 4th",
    "F. Supp.",
    "F. Supp. 2d",
    "F. Supp. 3d",
    "F. App’x",
    "F. App'x",
    "A. 2d",
    "A. 3d",
    "P. 2d",
    "P. 3d",
    "N. E. 2d",
    "N. E. 3d",
    "N. W. 2d",
    "S. E. 2d",
    "S. W. 2d",
    "S. W. 3d",
    "So. 2d",
    "So. 3d",
    "Cal. Rptr.",
    "N. Y. S. 2d",
)


def reporter_pattern(name: str) -> str:
    """`F. Supp. 2d` as written with or without the spaces: `F.Supp.2d`, `F. Supp. 2d`."""
    return r"\s?".join(re.escape(word) for word in name.split())


# The longest first, so `F. Supp. 2d` is not read as `F. Supp.`; `U. S. C.` is a statute.
REPORTER = "(?:{})(?!\\s?C\\.)".format(
    "|".join(reporter_pattern(r) for r in sorted(REPORTERS, key=len, reverse=True))
)
PIN = r"\d{1,5}(?:\s?[–—-]\s*\d{1,5})?"
PINS = rf"{PIN}(?:,\s+{PIN})*(?:,\s+nn?\.(?:\s?\d{{1,3}})?)?"
YEAR = r"\((?:[^()]{0,40}?\s)?(?P<year>1[6-9]\d\d|20\d\d)\)"
CITE = rf"(?P<vol>\d{{1,4}})\s+(?P<rep>{REPORTER})"
FULL_TAIL = rf"{CITE}\s+(?P<page>\d{{1,5}})(?:,\s+{PINS})?(?:\s*{YEAR})?"
AT = rf",?\s+at\s+(?P<pin>{PINS})"

UP = "A-ZÀ-ÖØ-Þ"
# A party's words: capitalised words, abbreviations (`Univ.`, `Inc.`) only where a case
# name goes on after them, so a party never runs on into the next sentence.
ABBREVIATION = rf"[{UP}][a-zà-ÿ]{{0,5}}\.(?=,|\s+(?:v\.|of|and|for|[{UP}][a-zà-ÿ]{{0,5}}\.))"
WORD = rf"(?:{ABBREVIATION}|[{UP}][\w'’&-]*(?<![’']s))"
JOINING = r"(?:of|the|and|for|on|de|del|la|ex\s+rel\.|&)"
# A space or one line break (a name never spans paragraphs), atomic: never tried two ways.
SP = r"(?>[ \t]+\n?[ \t]*|\n[ \t]*)"
PARTY = rf"{WORD}(?:,?{SP}(?:{JOINING}{SP})*{WORD})*"
START = r"(?<![\w'’.])"
CASE = re.compile(rf"{START}(?P<name>{PARTY}{SP}v\.{SP}{PARTY})(?:,\s+{FULL_TAIL})?")
SHORT_NAME = rf"(?P<name>{WORD}(?:\s+{WORD}){{0,2}})"
NAMED_SHORT = re.compile(rf"{START}{SHORT_NAME},\s+{CITE}{AT}")
SUPRA = re.compile(rf"{START}{SHORT_NAME},\s+supra\b(?:{AT})?")
REPORTED = re.compile(rf"{START}{FULL_TAIL}")
BARE_SHORT = re.compile(rf"{START}{CITE}{AT}")
IDEM = re.compile(rf"{START}(?:[Ii]d\.(?:{AT})?|Ibid\.)(?!\w)")
# Words that open a sentence or a signal before a case name, not part of it.
LEADING = frozenset(
    "See Cf. But Compare Accord In Under And As Also Like Unlike Quoting Citing From With "
    "After Before Following Contra Then Thus So When Since While Because If Although Here "
    "There Aside First Second Third Indeed Moreover Yet Only Even Just That This".split()
)
# Party words that do not name a case alone: governments, offices, company forms.
GENERIC = frozenset(
    "United States State People Commonwealth City County Town Board Regents Univ University "
    "Inc Co Corp Ltd Dept Department Secretary Commissioner Director Attorney General "
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
    "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada New "
    "Ohio Oklahoma Oregon Pennsylvania Rhode Carolina Dakota Tennessee Texas Utah Vermont "
    "Virginia Washington Wisconsin Wyoming America American National Federal Ins".split()
)
NEAR = 400  # characters within which a bare reporter completes the case name before it
POSSESSIVE = r"(?:['’]s)?"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: Kind
    name: str  # the case name, short name, or reporter it names
    cite: str | None = None  # `539 U. S.`: the volume and reporter
    page: str | None = None
    pin: str | None = None
    year: str | None = None


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    """The legal citations of the running text (those in notes come through `within`)."""
    return [to_mention(document, f) for f in scan(document.text)], []


def within(document: Document, start: int, end: int) -> list[Mention]:
    """The legal citations inside document.text[start:end]: a note's."""
    return [to_mention(document, f) for f in scan(document.text) if start <= f.start < end]


def to_mention(document: Document, f: Found) -> Mention:
    container = f.cite if f.kind is Kind.FULL else None
    reference = Reference(
        title=f.name, year=f.year, container=container, pages=f.page, type=WorkType.MISC
    )
    pages = squash(f.pin) if f.pin else None
    return Mention.at(document, f.start, f.end, f.kind, reference=reference, pages=pages)


@lru_cache(maxsize=4)
def scan(text: str) -> tuple[Found, ...]:
    """Every legal citation of a text, in order, each given the name of its case."""
    if not REPORTED.search(text):  # most documents: one quick search, and nothing else
        return ()
    found = claimed(text)
    if not any(f.kind is Kind.FULL and f.cite for f in found):
        return ()
    every = named(absorbed(found)) + mentions(text, found)
    return tuple(sorted(every, key=lambda f: f.start))


def claimed(text: str) -> list[Found]:
    """The citation forms, the surer first; a later form never overlaps an earlier one."""
    spans, found = Spans(), []
    for form in (cases, named_shorts, supras, bare_fulls, bare_shorts, idems):
        for f in form(text):
            if spans.claim(f.start, f.end):
                found.append(f)
    return sorted(found, key=lambda f: f.start)


def cases(text: str) -> list[Found]:
    found = []
    for m in CASE.finditer(text):
        start, name = unsignalled(m.start("name"), m.group("name"))
        if not all(any(ch.islower() for ch in p) for p in squash(name).split(" v. ", 1)):
            continue  # a running head in capitals
        found.append(
            Found(
                start,
                m.end(),
                Kind.FULL,
                squash(name),
                cite=cite_of(m),
                page=m.group("page"),
                pin=pins_of(m),
                year=m.group("year"),
            )
        )
    return found


def unsignalled(start: int, name: str) -> tuple[int, str]:
    """The case name without the signal or sentence opening before it (`See`, `In`)."""
    words = name.split(" ")
    while len(words) > 1 and (words[0].rstrip(",") in LEADING or words[0] == ""):
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


def named_shorts(text: str) -> list[Found]:
    return [short_form(m, Kind.SHORT) for m in NAMED_SHORT.finditer(text)]


def supras(text: str) -> list[Found]:
    return [short_form(m, Kind.OPCIT) for m in SUPRA.finditer(text)]


def short_form(m: re.Match[str], kind: Kind) -> Found:
    start, name = unsignalled(m.start("name"), m.group("name"))
    cite = cite_of(m) if "vol" in m.re.groupindex else None
    return Found(start, m.end(), kind, squash(name), cite=cite, pin=m.group("pin"))


def bare_fulls(text: str) -> list[Found]:
    found = []
    for m in REPORTED.finditer(text):
        cite = cite_of(m) or ""
        name = f"{cite} {m.group('page')}"
        found.append(
            Found(m.start(), m.end(), Kind.FULL, name, cite, m.group("page"), pins_of(m), m["year"])
        )
    return found


def bare_shorts(text: str) -> list[Found]:
    return [
        Found(m.start(), m.end(), Kind.SHORT, cite_of(m) or "", cite_of(m), pin=m.group("pin"))
        for m in BARE_SHORT.finditer(text)
    ]


def idems(text: str) -> list[Found]:
    return [
        Found(m.start(), m.end(), Kind.IBID, "", pin=m.groupdict().get("pin"))
        for m in IDEM.finditer(text)
    ]


def cite_of(m: re.Match[str]) -> str | None:
    if not m.group("vol"):
        return None
    return f"{m.group('vol')} {squash(m.group('rep'))}"


def pins_of(m: re.Match[str]) -> str | None:
    """The pages cited after the first page: `306, 343` cites 343."""
    whole = squash(m.group(0))
    page = m.group("page")
    if not page:
        return None
    after = whole.split(f" {page}, ", 1)
    return after[1].split(" (")[0] if len(after) == 2 else None


def squash(text: str) -> str:
    return " ".join(text.split())


def absorbed(found: list[Found]) -> list[Found]:
    """A case named without a reporter, then quoted, then its reporter (`Grutter v.
    Bollinger: “...” 539 U. S. 306, 349 (2003)`): the reporter completes the case name."""
    kept: list[Found] = []
    for f in found:
        before = kept[-1] if kept else None
        if (
            before is not None
            and before.kind is Kind.FULL
            and before.cite is None
            and f.kind is Kind.FULL
            and f.name.startswith(f.cite or "\0")
            and f.start - before.end <= NEAR
        ):
            kept[-1] = replace(before, cite=f.cite, page=f.page, pin=f.pin, year=f.year)
            continue
        kept.append(f)
    return kept


def named(found: list[Found]) -> list[Found]:
    """Each short form given the full name of the case it repeats: by short name, by
    volume and reporter (the latest case cited there), and `Id.` the citation before."""
    by_word: dict[str, str] = {}
    by_cite: dict[str, str] = {}
    out: list[Found] = []
    for f in found:
        if f.kind is Kind.FULL:
            f = replace(f, name=by_cite.get(f.name, f.name))
            if f.cite:
                by_cite[f.cite] = by_cite[f"{f.cite} {f.page}"] = f.name
            for word in short_names(f.name):
                by_word[word] = f.name
        elif f.kind is Kind.IBID:
            f = replace(f, name=out[-1].name if out else "")
        else:
            f = replace(f, name=by_word.get(f.name) or by_cite.get(f.name) or f.name)
        out.append(f)
    return [f for f in out if f.name]


def short_names(case: str) -> list[str]:
    """The words a case may be called by: the first distinctive word of each party."""
    if " v. " not in case:
        return []
    names = []
    for party in case.split(" v. ", 1):
        words = [w.strip(",.") for w in party.split()]
        distinctive = [w for w in words if w[:1].isupper() and w not in GENERIC and len(w) > 2]
        if distinctive:
            names.append(distinctive[0])
    return names


def mentions(text: str, found: list[Found]) -> list[Found]:
    """A case named again by its short name alone, once it has been cited: a mention. A
    name two cases share names neither."""
    first: dict[str, tuple[int, str]] = {}
    clashing: set[str] = set()
    for f in found:
        for word in short_names(f.name) if f.kind is Kind.FULL else ():
            if word in first and first[word][1] != f.name:
                clashing.add(word)
            first.setdefault(word, (f.end, f.name))
    words = {w: v for w, v in first.items() if w not in clashing}
    if not words:
        return []
    spans = Spans()
    for f in found:
        spans.claim(f.start, f.end)
    pattern = re.compile(
        rf"{START}(?P<w>{'|'.join(map(re.escape, sorted(words)))}){POSSESSIVE}(?![\w'’]|\s+v\.)"
    )
    out = []
    for m in pattern.finditer(text):
        after, name = words[m.group("w")]
        if m.start() >= after and spans.claim(m.start(), m.end()):
            out.append(Found(m.start(), m.end(), Kind.MENTION, name))
    return out
