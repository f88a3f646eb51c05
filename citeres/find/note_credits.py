"""Credits to a person inside notes: `[Footnote 19: ... Dr. Boas tells me ...]`, `[73] From
Rachel Duport.` Each is reported at its note's line with its number, as every citation of a
note is (notes.py), once a person a note; the frames are attribution.py's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from citeres.find.attribution import (
    SAYER,
    Found,
    Sayings,
    is_dialogue,
    signed_and_credited,
    vague_message,
)
from citeres.find.titles import NOT_PEOPLE, NOT_WORKS, person_names
from citeres.model import Document, Kind, Mention, Problem, ProblemKind, Reference
from citeres.text import squash


class NoteSpan(Protocol):
    """A note's text (start, end), the line of its number, and the number."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def number(self) -> int: ...


def in_note(
    document: Document,
    note: NoteSpan,
    start: int,
    end: int,
    kind: Kind,
    reference: Reference | None = None,
) -> Mention:
    """A citation of a note, reported at the note's line, where a reader looks it up."""
    raw = squash(document.text[start:end])
    return Mention(
        path=document.path,
        line=note.line,
        start=start,
        end=end,
        kind=kind,
        raw=raw,
        note=note.number,
        reference=reference,
    )


# A note that is only its informant: `From Rachel Duport.`, `From one of the Le Poidevins,
# of Pleinheaume.`, `Told by Mrs. Ozanne.`: the informant is the source of the story it
# marks. (A place or a book would come after `From` as well: a person is an honorific, a
# given name or initials before the surname.)
INFORMANT_NOTE = re.compile(
    rf"[ \t]*(?:From|Told[ ]by|Related[ ]by|Collected[ ]by|Communicated[ ]by|Given[ ]by)"
    rf"[ ](?:one[ ]of[ ]the[ ])?(?P<person>{SAYER})(?:,[ ][^\n.]{{1,80}})?\.?[ \t]*"
)


def find_in_notes(
    document: Document, notes: Sequence[NoteSpan]
) -> tuple[list[Mention], list[Problem]]:
    """The credits to a person inside the notes: signed quotations, `According to X`,
    sayings frames, and notes that name only their informant."""
    from citeres.find import WRAP  # (the package imports this module)

    text = document.text
    if not notes or is_dialogue(text):
        return [], []
    sayings = Sayings(text)
    mentions: list[Mention] = []
    problems: list[Problem] = []
    for note in notes:
        view = WRAP.sub(" ", text[note.start : note.end])  # the note's sentences view
        seen: set[str] = set()
        for start, end, kind, reference, person in credits_in_note(view, sayings):
            family = reference.authors[0].family if reference.authors else person
            if family in seen:
                continue
            seen.add(family)
            start, end = note.start + start, note.start + end
            mentions.append(in_note(document, note, start, end, kind, reference))
            if reference.title is None:
                problems.append(vague_at(document, note.line, vague_message(kind, person)))
    return mentions, problems


def credits_in_note(view: str, sayings: Sayings) -> list[Found]:
    informant = INFORMANT_NOTE.fullmatch(view)
    if informant is not None:
        person = informant_of(informant)
        if person is None:
            return []
        start, end = informant.start("person"), informant.end("person")
        return [(start, end, Kind.AUTHOR_ONLY, Reference(authors=person_names(person)), person)]
    found = signed_and_credited(view, sayings.names)
    for start, end, person in sayings.found(view):
        reference = Reference(authors=person_names(person))
        found.append((start, end, Kind.AUTHOR_ONLY, reference, person))
    return sorted(found, key=lambda f: f[0])


def informant_of(match: re.Match[str]) -> str | None:
    """The informant a note names, or None when the words may name a place or a thing."""
    words = match.group("person").split()
    family = words[-1]
    if family in NOT_PEOPLE or family.lower() in NOT_WORKS or words[0] in NOT_PEOPLE:
        return None
    if not (match.group("honorific") or match.group("initials") or len(words) > 1):
        return None  # `From Boston.`
    return " ".join(words)


def vague_at(document: Document, line: int, message: str) -> Problem:
    return Problem(
        path=document.path, line=line, kind=ProblemKind.VAGUE_ATTRIBUTION, message=message
    )
