"""URL references: numbered `[1]` markers in the body paired with `[1] https://...` entries
at the end (the URL may sit on a following line), and URLs written out anywhere in the
text. A link's address (`[text](url)`, `<a href>`) is markup, not a URL the reader sees.

Pairing is checked the way endnotes are: a marker without an entry, an entry without a
marker and a number given twice are problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeres.model import Document, Kind, Mention, Problem, Reference, WorkType
from citeres.problems import ProblemKind, templated

K = ProblemKind

# `[3]` at the start of a line, its URL on the same line or after blank lines.
ENTRY = re.compile(
    r"^[ \t]*\[(?P<number>\d{1,4})\][ \t]*(?:\n[ \t]*){0,3}(?P<url>(?:https?://|www\.)\S+)",
    re.MULTILINE,
)
MARKER = re.compile(r"\[(\d{1,4})\]")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’]+")
TRAILING = ".,;:!?'’\"”)]}>"
FRONT_MATTER = re.compile(r"---[ \t]*\n(?:[^\n]*\n){0,200}?---[ \t]*(?:\n|$)")
# `](`: a Markdown link or image left unread; `: "`: a value in code (`url: "https://..."`).
ATTRIBUTE = ('="', "='", "=", "](", ': "', ": '")
LINK_DEFINITION = re.compile(r"[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?:https?://|www\.)")
# A marker glued into a file or image name (`photo_thumb[1]`) is part of a caption.
CAPTION_TOKEN = re.compile(r"\S*[_/]\S*$")


@dataclass(frozen=True)
class Entry:
    number: int
    start: int  # of the `[n]`
    url_start: int
    url: str


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    text = document.text
    entries = [entry_of(m) for m in ENTRY.finditer(text)]
    mentions = [entry_mention(document, e) for e in entries]
    problems = pairing(document, entries)
    taken = {e.url_start for e in entries} | {start for start, _ in document.links}
    for match in URL.finditer(text, front_matter_end(text)):
        if match.start() not in taken and not is_markup(text, match.start()):
            url = trim(match.group())
            mentions.append(url_mention(document, match.start(), url, None))
    return sorted(mentions, key=lambda m: m.start), problems


def front_matter_end(text: str) -> int:
    """Where the text after a YAML front matter block (`---` lines around `key: value`
    lines, at the very start) begins: the page's own metadata (its PDF, its DOI) is not a
    reference the page makes. 0 when there is none."""
    block = FRONT_MATTER.match(text)
    return block.end() if block else 0


def is_markup(text: str, start: int) -> bool:
    """An attribute's value (`href="https://..."`, a shortcode's `attrlink="..."`), a
    Markdown link's address or a link definition (`[Markdown]: http://...`): addresses
    the reader never sees."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 3) : start]
    return before.endswith(ATTRIBUTE) or LINK_DEFINITION.match(text, line_start) is not None


def entry_of(match: re.Match[str]) -> Entry:
    return Entry(
        number=int(match.group("number")),
        start=match.start("number") - 1,
        url_start=match.start("url"),
        url=trim(match.group("url")),
    )


def trim(url: str) -> str:
    """A URL without the sentence punctuation glued to its end; a closing parenthesis stays
    when the URL opened one (`.../Mercury_(planet)`)."""
    while url and url[-1] in TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def entry_mention(document: Document, entry: Entry) -> Mention:
    return url_mention(document, entry.url_start, entry.url, entry.number)


def url_mention(document: Document, start: int, url: str, number: int | None) -> Mention:
    reference = Reference(url=url, type=WorkType.WEB)
    return Mention.at(document, start, start + len(url), Kind.URL, reference, note=number)


def pairing(document: Document, entries: list[Entry]) -> list[Problem]:
    """Markers in the body against entries at the end; nothing to check without entries."""
    if not entries:
        return []
    body_end = min(e.start for e in entries)
    markers: dict[int, int] = {}
    for match in MARKER.finditer(document.text, 0, body_end):
        before = document.text[max(0, match.start() - 60) : match.start()]
        if CAPTION_TOKEN.search(before) and not before[-1:].isspace():
            continue
        markers.setdefault(int(match.group(1)), match.start())
    numbers: dict[int, Entry] = {}
    problems = []
    for entry in entries:
        if entry.number in numbers:
            problems.append(problem(document, entry.start, K.URL_DUPLICATE_ENTRY, entry.number))
        numbers.setdefault(entry.number, entry)
        if entry.number not in markers:
            problems.append(
                problem(document, entry.start, K.URL_ENTRY_WITHOUT_MARKER, entry.number)
            )
    for number, at in markers.items():
        if number not in numbers:
            problems.append(problem(document, at, K.URL_MARKER_WITHOUT_ENTRY, number))
    return problems


def problem(document: Document, offset: int, kind: ProblemKind, number: int) -> Problem:
    line = document.line_of(offset)
    return templated(kind, path=document.path, line=line, note=number, number=number)
