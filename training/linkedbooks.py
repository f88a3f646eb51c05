"""LinkedBooks' CoNLL files (token, field tag, source tag, reference-span tag), read in place.

The files hold footnote text line by line (a blank line is a line break), with reference
spans marked `b-r … e-r` inside it. Two views come out: each reference with its fields
mapped onto citeres' labels (the commentary around it kept as `commentary`, a page cited
after it as `locator`), and whole pseudo-notes with B/I/O reference-span labels.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from training.corpora import NEXT, PREV, Example

SHORT_FORMS = frozenset("cit ibid ibidem ivi idem id op loc ebd ebenda aao".split())
LOCATOR_WORDS = frozenset("p pp c cc col coll f ff s".split())
ARCHIVAL = frozenset(
    "archivalreference archive_lib registry box folder filza foliation cartulation "
    "attachment numbered_ref ref".split()
)
FIELD = {
    "author": "author",
    "title": "title",
    "year": "date",
    "date": "date",
    "publicationplace": "location",
    "publisher": "publisher",
    "volume": "volume",
    "tomo": "volume",
    "series": "collection",
    "column": "locator",
    "publicationspecifications": "note",
}
EDITOR_CUE = re.compile(r"^(?:a|cur|curr|cura|ed|eds|hrsg|hg|dir|éd|éds|by)$", re.I)
NOTE_NUMBER = re.compile(r"^\(?\d{1,3}\)?$|^\d{1,3}[A-Z][a-z]+")
GLUE_BEFORE = re.compile(r"^[,.;:)\]»”’!?%]")
GLUE_AFTER = frozenset("( [ « “ ‘ ’ '".split())
PAGE_LIKE = re.compile(r"\d+|[ivxlc]+|[-–,.:]|pp?|s|ss|ff?|sgg|segg")
NOTE_LIMIT = 120  # tokens: past this a pseudo-note ends at the next line break


class Row(NamedTuple):
    word: str
    field: str
    span: str  # b-r, i-r, e-r or o
    line_start: bool


def rows_of(text: str) -> list[Row]:
    rows: list[Row] = []
    new_line = True
    for line in text.replace("\r", "\n").split("\n"):
        parts = line.split()
        if len(parts) != 4 or parts[0] == "-DOCSTART-":
            new_line = True
            continue
        rows.append(Row(parts[0], parts[1], parts[3], new_line))
        new_line = False
    return rows


def read_file(path: Path, member: str | None = None) -> list[Row]:
    """A loose CoNLL file, or one member of the dataset archive."""
    if member is None:
        return rows_of(path.read_text(encoding="utf-8"))
    with tarfile.open(path) as archive:
        found = next(m for m in archive.getmembers() if m.name.endswith(member))
        handle = archive.extractfile(found)
        assert handle is not None
        return rows_of(handle.read().decode("utf-8"))


def detokenise(rows: list[Row], labels: list[str]) -> Example:
    """Rows as the text a reader saw: no space before closing punctuation, a word broken
    by a hyphen at a line's end joined again."""
    text, spans = "", []
    for i, (row, label) in enumerate(zip(rows, labels, strict=True)):
        broken = (
            row.word in ("-", "¬")
            and i + 1 < len(rows)
            and rows[i + 1].line_start
            and rows[i + 1].word[:1].islower()
        )
        if broken:
            continue
        after_break = i and rows[i - 1].word in ("-", "¬") and row.line_start
        glue = after_break and row.word[:1].islower()
        spaced = not glue and not GLUE_BEFORE.match(row.word)
        if text and spaced and rows[i - 1].word not in GLUE_AFTER:
            text += " "
        spans.append((len(text), len(text) + len(row.word), label))
        text += row.word
    return Example(text, tuple(spans), "linkedbooks")


def references(rows: list[Row]) -> Iterator[tuple[int, int]]:
    """(first, end) row ranges of the reference spans."""
    start = None
    for i, row in enumerate(rows):
        if row.span == "o":
            if start is not None:
                yield start, i
            start = None
            continue
        if row.span == "b-r" or start is None:
            if start is not None:
                yield start, i
            start = i
        if row.span == "e-r":
            yield start, i + 1
            start = None
    if start is not None:
        yield start, len(rows)


def field_labels(rows: list[Row]) -> list[str]:
    """The fields of one reference on citeres' labels."""
    labels = [token_label(row) for row in rows]
    mark_short_forms(rows, labels)
    mark_editors(rows, labels)
    mark_containers(rows, labels)
    mark_pagination(labels)
    return labels


def token_label(row: Row) -> str:
    word, low, field = row.word, row.word.lower().strip("."), row.field
    punct = not any(ch.isalnum() for ch in word)
    if field in FIELD:
        return FIELD[field]
    if field == "pagination":
        return "pagination"
    if field == "publicationnumber-year":
        if punct:
            return PREV
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", word):
            return "date"
        return "issue" if low in ("n", "no", "nr", "fasc") else "volume"
    if field == "abbreviation":
        if low in SHORT_FORMS:
            return "short-form"
        return NEXT if low in LOCATOR_WORDS else PREV if punct else "note"
    if field in ARCHIVAL:
        return "note"
    if punct:
        return PREV
    return NEXT if low in ("in", "dans", "en", "im") else "note"


def mark_short_forms(rows: list[Row], labels: list[str]) -> None:
    """`cit.`, `op. cit.`, `Ibid.`, `Ivi`, `Id.` are short forms whatever the corpus called
    them (it often leaves `cit.` inside the title); the stop after them goes with them."""
    for i, row in enumerate(rows):
        low = row.word.lower()
        if low in SHORT_FORMS and (low not in ("id", "op", "loc") or i + 1 < len(rows)):
            if low == "id" and i > 1:
                continue
            labels[i] = "short-form"
            if i + 1 < len(rows) and not any(ch.isalnum() for ch in rows[i + 1].word):
                labels[i + 1] = "short-form"


def mark_editors(rows: list[Row], labels: list[str]) -> None:
    """An author run that starts with `a cura di`, `cur.`, `ed.` names editors."""
    i = 0
    while i < len(labels):
        if labels[i] != "author":
            i += 1
            continue
        end = i
        while end < len(labels) and labels[end] == "author":
            end += 1
        if EDITOR_CUE.match(rows[i].word) or (i and EDITOR_CUE.match(rows[i - 1].word)):
            labels[i:end] = ["editor"] * (end - i)
        i = end


def mark_containers(rows: list[Row], labels: list[str]) -> None:
    """The corpus calls a journal or the book of a chapter `title` too: every title run
    after the first is the container, and so is a quoted part after the start of a title
    run (`Titolo, «Rivista»`) or what follows a quoted title (`«Title», Journal`)."""
    runs = 0
    for i, label in enumerate(labels):
        if label == "title" and (i == 0 or labels[i - 1] != "title"):
            runs += 1
            if runs == 1:
                split_quoted(rows, labels, i)
        if label == "title" and runs > 1:
            labels[i] = "container"


def split_quoted(rows: list[Row], labels: list[str], start: int) -> None:
    end = start
    while end < len(labels) and labels[end] == "title":
        end += 1
    words = [r.word for r in rows[start:end]]
    opens = [j for j, w in enumerate(words) if w[:1] in "«“"]
    closes = [j for j, w in enumerate(words) if w[:1] in "»”"]
    if not opens or not closes:
        return
    first_open, first_close = opens[0], next((c for c in closes if c > opens[0]), None)
    if first_close is None:
        return
    if first_open == 0 and first_close + 1 < len(words):
        rest = range(start + first_close + 1, end)
    elif first_open > 0:
        rest = range(start + first_open, end)
    else:
        return
    for j in rest:
        labels[j] = "container"


def mark_pagination(labels: list[str]) -> None:
    """An article's or chapter's own range is its first pagination; any other pagination,
    and all of a book's, is the page cited."""
    own = "container" in labels and "short-form" not in labels
    for i, label in enumerate(labels):
        if label == "pagination":
            first_run = i == 0 or labels[i - 1] in ("pagination", "pages")
            labels[i] = "pages" if own and first_run and "locator" not in labels else "locator"
            if labels[i] == "locator" and own:
                own = False


def reference_examples(rows: list[Row], context: bool = True) -> Iterator[Example]:
    """Each reference; with `context`, also up to a few words of commentary before it and,
    after it, the page cited and the words that follow, as the note wrote them."""
    ranges = list(references(rows))
    previous_end = 0
    for n, (first, end) in enumerate(ranges):
        following = ranges[n + 1][0] if n + 1 < len(ranges) else len(rows)
        before = max(first - 4, previous_end) if context else first
        after = min(end + 6, following) if context else end
        labels = ["commentary"] * (first - before) + field_labels(rows[first:end])
        labels += context_after(rows[end:after])
        previous_end = end
        yield detokenise(rows[before:after], labels)


def context_after(rows: list[Row]) -> list[str]:
    """The page-like words right after a reference are the page cited, if they hold a number;
    the rest is commentary."""
    run = 0
    while run < len(rows) and PAGE_LIKE.fullmatch(rows[run].word.lower()):
        run += 1
    if not any(ch.isdigit() for row in rows[:run] for ch in row.word):
        run = 0
    return ["locator"] * run + ["commentary"] * (len(rows) - run)


def notes(rows: list[Row]) -> Iterator[list[Row]]:
    """Runs of lines that read as one footnote: a new note starts at a line that opens
    with a note number outside any reference, or when the run grows past NOTE_LIMIT."""
    current: list[Row] = []
    for row in rows:
        starts = row.line_start and row.span == "o" and NOTE_NUMBER.match(row.word)
        if current and row.line_start and (starts or len(current) > NOTE_LIMIT):
            yield current
            current = []
        current.append(row)
    if current:
        yield current


def note_example(rows: list[Row]) -> Example:
    labels = ["O" if r.span == "o" else "B" if r.span == "b-r" else "I" for r in rows]
    for i in range(len(labels)):  # a span that opens without b-r still opens
        if labels[i] == "I" and (i == 0 or labels[i - 1] == "O"):
            labels[i] = "B"
    return detokenise(rows, labels)
