"""Citations of an unnamed work: quotations signed `– Simone Weil, 1934` (attribution) and
views credited in prose, `According to Hannah Arendt ...` (author-only).

Each is kept, and reported as info (`vague-attribution`) so an editor can supply the work;
a signature that names a work (`– Simone Weil, Oppression and Liberty, 1934`) is reported not.
"""

from __future__ import annotations

import re

from citeres.find.titles import (
    PEOPLE,
    PERSON,
    SP,
    clean_person,
    is_title_case,
    person_names,
)
from citeres.find.words import LiteralScan
from citeres.identity import YEAR
from citeres.model import Document, Kind, Mention, Problem, ProblemKind, Reference

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
    signatures = SIGNED_BY_DASH.finditer(document.text) + SIGNED_BY_HYPHEN.finditer(document.text)
    for match in sorted(signatures, key=lambda m: m.start()):
        signed(document, match, mentions, problems)
    for match in CREDITED.finditer(document.text):
        credited(document, match, mentions, problems)
    mentions.sort(key=lambda m: m.start)
    return mentions, problems


def signed(
    document: Document, match: re.Match[str], mentions: list[Mention], problems: list[Problem]
) -> None:
    person = match.group("person")
    if clean_person(person) != person:
        return
    before = BEFORE_DASH.search(document.text, max(0, match.start() - 20), match.start())
    if before is None:
        return
    window = max(0, before.start() - 200)
    if not before.group("quote") and not QUOTE_END.search(document.text, window, before.start()):
        return
    title, year = signature_rest(match.group("rest"))
    if title is None and year is None and match.group("rest"):
        return  # `– Smith, who ...`: a dash in a sentence, not a signature
    start, end = (
        match.start("person"),
        match.end("rest") if match.group("rest") else match.end("person"),
    )
    reference = Reference(authors=person_names(person), title=title, year=year)
    mentions.append(mention(document, start, end, Kind.ATTRIBUTION, reference))
    if title is None:
        message = f"quotation signed by {person} names no work; supply the source"
        problems.append(vague(document, start, message))


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


def credited(
    document: Document, match: re.Match[str], mentions: list[Mention], problems: list[Problem]
) -> None:
    people = match.group("people")
    first = people.split(" and ")[0].split(",")[0]
    if clean_person(first) != first or len(first.split()) < 2:
        return  # a full name: a historian cited, not a historical actor talked about
    if already_sourced(document.text, match.end()):
        return
    reference = Reference(authors=person_names(people))
    start = match.start("cue")
    mentions.append(mention(document, start, match.end(), Kind.AUTHOR_ONLY, reference))
    message = f"view attributed to {people} names no work; supply the source"
    problems.append(vague(document, start, message))


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
