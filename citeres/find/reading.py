"""Reading lists: the entries under a heading such as `Further reading`, `Bibliography`,
`References`, `Works cited` or `Sources`, one per line.

`Title by Author` and `Author (Year) Title` entries carry their fields; comma and period
styles (`Author, Title (Year)`, `Author. Title. Place: Publisher, Year.`) are left to the
general reference parser, which reads `raw`.
"""

from __future__ import annotations

import re

from citeres.find.titles import PEOPLE, clean_person, person_names
from citeres.identity import YEAR
from citeres.model import Document, Kind, Mention, Problem, Reference
from citeres.text import squash

# The same headings in the other languages essays are written in.
FOREIGN_HEADINGS = (
    r"literatur(?:verzeichnis|liste|nachweise|angaben)?|quellen(?:verzeichnis|nachweise)?|"
    r"quellen[ \t]+und[ \t]+literatur|"
    r"bibliograph(?:ie|y)|bibliograf[ií]a|r[ée]f[ée]rences(?:[ \t]+bibliographiques)?|"
    r"referencias(?:[ \t]+bibliogr[aá]ficas)?|riferimenti[ \t]+bibliografici|"
    r"bibliografia|fuentes|fonti"
)
# `7 `, `4.2. `, `VII. ` before a heading; then a blank line must follow it (a table of
# contents lists `7 References` and `8 External links` line after line).
SECTION_NUMBER = r"(?P<number>(?:\d{1,2}(?:\.\d{1,2})*|[IVXL]{1,5})\.?[ \t]++)?"
NUMBERED_ALONE = r"(?(number)(?=\n[ \t]*(?:\n|$)|\Z))"
HEADING = re.compile(  # `*+`: a line of spaces is not split between the two runs each way
    rf"^[ \t]*+(?:#+[ \t]*+)?{SECTION_NUMBER}"
    r"(?:further|suggested|recommended|additional|select(?:ed)?)?[ \t]*+"
    r"(?:reading(?:s| list)?|bibliography|references|works[ \t]+cited|sources|"
    rf"literature|external[ \t]+links|{FOREIGN_HEADINGS})[ \t]*:?[ \t]*${NUMBERED_ALONE}",
    re.IGNORECASE | re.MULTILINE,
)
# What ends a reading list: another heading of the page, or site boilerplate.
# The headings only as whole lines: `Notes in Computer Science. Springer.` goes on an entry.
STOP = re.compile(
    r"^(?:(?:notes|end\s*notes|footnotes|comments?|about the author|see also)[ \t]*:?[ \t]*$|"
    r"add new comment|related\b|share\b|tags?\b|leave a (?:comment|reply)|reply\b|"
    r"posted in\b|filed under\b|this website uses cookies|by continuing to use|navigation menu)",
    re.IGNORECASE,
)
# The box a wiki sets over its External links, pointing to a sister project: no entry.
SISTER_PROJECT = re.compile(
    r"^Wiki(?:media Commons|quote|source|books|versity|voyage|news|data|species)"
    r"[ \t]+has[ \t]+[\w \t]{0,60}\b(?:related to|about|on)\b"
)
LINE = re.compile(r"^.*$", re.MULTILINE)
# A rule (`---`, `* * *`) or a Markdown footnote (`[^3]: ...`): the section is over.
ENDS = re.compile(r"([-*_=])(?:[ \t]*\1){2,}$|\[\^[^\]\n]+\]:")
BULLET = re.compile(r"^[ \t]*(?:[-*•–—][ \t]+)?")
BULLETED = re.compile(r"^[ \t]*[-*•–—][ \t]+")
MAX_ENTRY = 400  # characters: a longer line is prose, and the list has ended
BY_AUTHOR = re.compile(rf"^(?P<title>.+?)[ \t]+by[ \t]+(?P<authors>{PEOPLE})[ \t]*\.?$")
AUTHOR_YEAR_TITLE = re.compile(
    rf"^(?P<authors>{PEOPLE})[ \t]+\((?P<year>{YEAR})[a-z]?\)[ \t.,:]+(?P<title>[^.]+)"
)
URL_OR_MARKER = re.compile(r"^(?:\[\d+\]|https?://|www\.)")
LETTERS = re.compile(r"[^\W\d_]{2,}")
# A Markdown link definition (`[Markdown]: http://...`) is markup, not an entry.
LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:[ \t]*\S")
LINK_LINE = re.compile(r"^[ \t]*<?(?:https?://|www\.)\S+$")
# A line that ends in a link's address ended its entry there; no writer wraps after a link.
LINK_ENDED = re.compile(r"(?:https?://|www\.)\S+$")
WRAPPED = 60  # characters: a line this long that stops mid-entry was wrapped by its writer
ENDINGS = (".", "!", "?")
SURNAME = r"[A-Z][\w’'-]*\w"  # (`Era',` closes a quoted title, no name ends so)
# How an entry starts: `Lecky, W. E. H.,`, `Stephen, Leslie,`, `Amelia Simmons,`.
ENTRY_START = re.compile(
    rf"{SURNAME},[ \t]+(?:(?:[A-Z][a-z]?\.[ \t]*)+|[A-Z][a-z]+)[,.]|{SURNAME}[ \t]+{SURNAME},"
)
# A new entry begun within another: `1906.  Haynes, E. S. P., Religious ...`.
INNER_START = re.compile(
    rf"(?:(?<=[.;)\]])|(?<=\band))\s+"
    rf"(?P<entry>{SURNAME},[ \t]+(?:(?:[A-Z][a-z]?\.[ \t]*)+|[A-Z][a-z]+),)"
)
ENDED = re.compile(r"[^\W\d_]{2}\.$|\d\.$")  # a full stop after a word, not an initial
NEXT_WORK = re.compile(r";\s+(?=[A-Z])")
# A name alone before a semicolon is one of the entry's authors, `Jacquesson, Alain ; Rivier,
# Alexis (2005). ...`, not a work of its own.
NAME_ALONE = re.compile(rf"[ \t]*{SURNAME},[ \t]+(?:[A-Z][a-z]?\.[ \t]*)*(?:[A-Z][\w’'-]+)?[ \t]*")
PARAGRAPHS = 3  # a list of fewer paragraphs tells nothing of how it parts its entries
SUBHEADING_REACH = 3  # lines: `Rationalistic Criticism` / `(Nineteenth Century)` / entry
SUBHEADING_MARKS = re.compile(r"[,.;:\[\]]|\d")


def find(document: Document) -> tuple[list[Mention], list[Problem]]:
    mentions: list[Mention] = []
    for heading in HEADING.finditer(document.text):
        if mentions and heading.start() < mentions[-1].end:
            continue
        mentions.extend(entries(document, heading.end()))
    return mentions, []


def entries(document: Document, start: int) -> list[Mention]:
    """Each entry after a heading, until the list ends. An entry is one line, or more when
    its lines run on (a hanging indent, a hard-wrapped line, its link on the next line);
    entries that run into each other are parted where a new author or work begins."""
    found: list[Mention] = []
    for begin, end in entry_spans(document.text, start):
        for piece_start, piece_end in parted(document.text, begin, end):
            found.append(entry(document, piece_start, piece_end))
    return found


def entry_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each entry of the list that starts at `start`, bullets left out."""
    spans: list[tuple[int, int]] = []
    lines = list_lines(text, start)
    whole = paragraphed(lines)
    first = ""  # the line the last paragraph began on, while the lines run on from it
    for at, (line, blank_before) in enumerate(lines):
        if first and not blank_before and (whole or runs_on(lines, at, first)):
            if not whole and starts_anew(lines, at):
                spans.append((line.start() + indent(line.group()), line.end()))
            else:
                spans[-1] = (spans[-1][0], line.end())
            continue
        first = ""
        raw = line.group().strip()
        if URL_OR_MARKER.match(raw) or not LETTERS.search(raw) or LINK_DEFINITION.match(raw):
            continue
        if SISTER_PROJECT.match(raw):
            continue
        if subheading(lines, at):
            continue
        bullet = BULLET.match(line.group())
        offset = line.start() + (bullet.end() if bullet else 0)
        if text[offset : line.end()].strip():
            spans.append((offset, line.end()))
            first = line.group()
    return spans


def parted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The entry's span cut where another begins within it: `1906.  Haynes, E. S. P.,`,
    or a second work after a semicolon (`Voltaire; Diderot and the Encyclopaedists`)."""
    cuts = [start]
    for inner in INNER_START.finditer(text, start, end):
        if inner.start("entry") > cuts[-1]:
            cuts.append(inner.start("entry"))
    after = start
    for semicolon in NEXT_WORK.finditer(text, start, end):
        if not NAME_ALONE.fullmatch(text, after, semicolon.start()):
            cuts.append(semicolon.end())
        after = semicolon.end()
    cuts = sorted(set(cuts))
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], end], strict=True)]


def list_lines(text: str, start: int) -> list[tuple[re.Match[str], bool]]:
    """The non-blank lines of the list, each with whether a blank line comes before it."""
    lines: list[tuple[re.Match[str], bool]] = []
    blank = False
    for line in LINE.finditer(text, start):
        raw = line.group().strip()
        if not raw:
            blank = True
            continue
        if len(raw) > MAX_ENTRY or STOP.match(raw) or HEADING.fullmatch(raw) or ENDS.match(raw):
            break
        lines.append((line, blank))
        blank = False
    return lines


def paragraphed(lines: list[tuple[re.Match[str], bool]]) -> bool:
    """Whether the list sets one entry a paragraph, hard-wrapped flush (as pandoc writes a
    bibliography): blank lines part its entries, most of its paragraphs run over more than
    one line, and no line is indented past its paragraph's first (a hanging indent or a
    subheading groups several entries in a paragraph). Then a paragraph is one entry,
    whatever its wrapped lines begin with."""
    starts = [at for at, (_, blank_before) in enumerate(lines) if blank_before or at == 0]
    if len(starts) < PARAGRAPHS:
        return False
    ends = [*starts[1:], len(lines)]
    for a, b in zip(starts, ends, strict=True):
        margin = indent(lines[a][0].group())
        wrapped_lines = (line.group() for line, _ in lines[a + 1 : b])
        if any(indent(w) != margin and not LINK_LINE.match(w) for w in wrapped_lines):
            return False
    wrapped = sum(1 for a, b in zip(starts, ends, strict=True) if b - a > 1)
    return wrapped * 2 > len(starts)


def runs_on(lines: list[tuple[re.Match[str], bool]], at: int, first: str) -> bool:
    """Whether a line continues the entry begun on line `first`: the entry's link alone
    on the next line, a hanging indent, or a hard-wrapped line cut where no entry ends."""
    line = lines[at][0].group()
    if LINK_LINE.match(line):
        return True
    before = lines[at - 1][0].group().rstrip()
    if indent(line) > indent(first) and not BULLETED.match(line):
        return True
    return (
        len(before.strip()) >= WRAPPED
        and not before.endswith(ENDINGS)
        and not LINK_ENDED.search(before)
        and not ENTRY_START.match(line.strip())
    )


def starts_anew(lines: list[tuple[re.Match[str], bool]], at: int) -> bool:
    """`...Liberty, 1912.` then `   The essays of L. Luzzatti.`: within a paragraph that
    runs on, a sentence after a full stop begins the next entry."""
    before = lines[at - 1][0].group().rstrip()
    return ENDED.search(before) is not None and lines[at][0].group().lstrip()[:1].isupper()


def subheading(lines: list[tuple[re.Match[str], bool]], at: int) -> bool:
    """`        Greek Thought` over the entries it groups: indented deeper than a line of
    its paragraph after it, and no punctuation an entry would have."""
    line = lines[at][0].group()
    if SUBHEADING_MARKS.search(line):
        return False
    for after, blank_before in lines[at + 1 : at + 1 + SUBHEADING_REACH]:
        if blank_before:
            return False
        if indent(after.group()) < indent(line):
            return True
    return False


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def entry(document: Document, start: int, end: int) -> Mention:
    end = start + len(document.text[start:end].rstrip())
    raw = squash(document.text[start:end])
    return Mention.at(document, start, end, Kind.FURTHER_READING, fields(raw))


def fields(raw: str) -> Reference | None:
    """The fields of the shapes this finder knows; None leaves the entry to the parser."""
    by = BY_AUTHOR.match(raw)
    if by and clean_person(by.group("authors").split(" and ")[0].split(",")[0]):
        return Reference(authors=person_names(by.group("authors")), title=squash(by.group("title")))
    dated = AUTHOR_YEAR_TITLE.match(raw)
    if dated and not raw[dated.end() :].strip(" ."):  # more after the title: the parser's
        return Reference(
            authors=person_names(dated.group("authors")),
            title=dated.group("title").strip(),
            year=dated.group("year"),
        )
    if looks_like_bare_title(raw):
        return Reference(title=raw.rstrip("."))
    return None


def looks_like_bare_title(raw: str) -> bool:
    """`Manifesto of the Workers Group`: no comma, period, year or author, just a title."""
    return not re.search(r"[,.;:()]|\d{4}", raw.rstrip(".")) and raw[:1].isupper()
