"""The imprint: place, publisher and year, in the orders notes use them.

`New York: Norton Books, 1970`, `Cambridge, Mass.: Harvard University Press, 1952`,
`Frederick A. Praeger, Inc., New York: 1962`, `London, Verso Books, 1954`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from citeres.identity import YEAR, last_year

if TYPE_CHECKING:
    from citeres.parse.state import Parsed

PUBLISHER_WORDS = re.compile(
    r"\b(?:press|books|publish\w*|verlag|editions?|éditions|editor[ae]|inc|ltd|co|corp|"
    r"company|house|library|university|sons|routledge|verso|macmillan|harper\w*|doubleday|"
    r"knopf|norton|gallimard|seuil|suhrkamp|einaudi)\b|&",
    re.IGNORECASE,
)
# MLA's `Oxford UP, 1990`, `U of Chicago P`: case matters, `up` is a word.
UNIVERSITY_PRESS = re.compile(r"\bUP\b|\bU of [A-Z]\w+ P\b")
# `Metropolitan Books, 2007`, `Viking, 2001`: a short name, a comma and a year.
PUBLISHER_THEN_YEAR = re.compile(rf"^[A-Z][\w&.'’ -]{{1,40}},\s*{YEAR}\.?$")
ABBREVIATED = re.compile(r"(?:\b(?:Inc|Co|Ltd|Bros|Corp|Pty|Publ|Pub|Assn|[A-Z])|\bP)\.$")
YEAR_ONLY = re.compile(rf"^\[?(?:c\.\s*|ca\.\s*)?({YEAR})[a-z]?\]?$|^n\.\s?d\.?$", re.I)
EDITION = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|rev(?:ised)?\.?|new|revised and expanded)\s+ed(?:ition|n)?\.?$",
    re.IGNORECASE,
)


def is_imprint(segment: str) -> bool:
    """Whether a segment belongs to an imprint (a place: publisher pair, or a year)."""
    segment = segment.strip()
    return bool(
        YEAR_ONLY.match(segment)
        or re.search(r"^[A-Z][\w .,'’-]*:\s*\S", segment)
        or PUBLISHER_WORDS.search(segment)
        or UNIVERSITY_PRESS.search(segment)
        or PUBLISHER_THEN_YEAR.match(segment)
    )


def split_imprint(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


def apply(state: Parsed, text: str) -> None:
    """A bracketed imprint: `New York: Norton Books, 1970`."""
    apply_segments(state, split_imprint(text))


def apply_segments(state: Parsed, segments: list[str]) -> None:
    pending: list[str] = []
    publisher: list[str] = []
    place: str | None = None
    colon_seen = False
    for segment in segments:
        if YEAR_ONLY.match(segment):
            state.set(year=last_year(segment))
        elif EDITION.match(segment):
            state.set(edition=segment)
        elif ":" in segment and not colon_seen:
            colon_seen = True
            left, right = (s.strip() for s in segment.split(":", 1))
            if YEAR_ONLY.match(right):
                state.set(year=last_year(right))
                publisher, pending = pending, []
                place = left
            else:
                place = ", ".join([*pending, left])
                pending = []
                publisher.append(right)
        elif colon_seen and place is not None and publisher:
            publisher.append(segment)
        else:
            pending.append(segment)
    place, publisher = settle_pending(pending, place, publisher)
    if place:
        state.set(place=place)
    if publisher:
        state.set(publisher=without_stop(", ".join(publisher)))


def publisherish(segment: str) -> bool:
    return bool(PUBLISHER_WORDS.search(segment) or UNIVERSITY_PRESS.search(segment))


def without_stop(name: str) -> str:
    """`Oxford University Press.` → `... Press`; `Praeger, Inc.` keeps its full stop."""
    if name.endswith(".") and not ABBREVIATED.search(name):
        return name[:-1]
    return name


def settle_pending(
    pending: list[str], place: str | None, publisher: list[str]
) -> tuple[str | None, list[str]]:
    """Without a colon, `London, Verso Books`: publisher words tell the publisher."""
    if not pending:
        return place, publisher
    named = [i for i, s in enumerate(pending) if publisherish(s)]
    if not named:
        return place or ", ".join(pending), publisher
    first = named[0]
    places = pending[:first]
    return place or (", ".join(places) or None), [*publisher, *pending[first:]]
