"""Endnotes and footnotes, wherever they stand: blocks of numbered notes, each note's marker
in the body, and each block's numbering problems.

A block is a run of labelled lines (note_labels.py) whose numbers rise by one, a few
missing or repeated: the endnotes of an essay, the notes of one chapter (a restart is a new
block), footnotes under a rule at each page's foot, notes after each paragraph. The lines
of a block that stand together are one part; body text between two parts makes them two,
and each part's markers stand in the text before it. A block is kept on evidence that
generalises (note_evidence.py, note_markers.py): labels only notes use (`[^3]:`,
`[Footnote 3: ...]`), a notes heading or a footnote rule above it, markers in the body that
align with its numbers before its notes, and entries that read like references; a block
with none of these (a list of theses, a table of contents, numbered paragraphs, years at
line starts) is not notes. When no block has such evidence, the longest run of numbered
references from near 1 is taken: a page that is only notes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from citeres.find import legal, note_credits
from citeres.find import note_evidence as evidence
from citeres.find.note_labels import UNMISTAKABLE, Key, Label, labels, natural_end
from citeres.find.note_markers import Marker, MarkerIndex, align, candidates
from citeres.identity import IBID, YEAR_MAX, YEAR_MIN
from citeres.model import Document, Kind, Mention, Problem, Reference, WorkType
from citeres.problems import ProblemKind, templated

K = ProblemKind

MAX_GAP = 6  # numbers a block may skip (missing notes) and still be one block
MAX_LINES_BETWEEN = 14  # lines of text between two notes that make them two parts
OPEN_RUNS = 8  # runs of one family a label may still continue
MARKED = 0.5  # the share of a block's notes whose markers align: evidence
CITING = 0.5  # the share of its entries that read like references: evidence
SUMMARISED = 4  # notes a block needs for its missing markers to be one problem, not one each
SHORT_ENTRY = 300  # characters: a reference is rarely longer, a paragraph rarely shorter
# A note that is only a URL (and perhaps the date it was read): `3. https://…, 19.7.2016`.
URL_NOTE = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?(?P<rest>[^\n]{0,60})", re.S)
URL_TAIL = ".,;:!?'’\"”)]}>"
WORD = re.compile(r"[^\W\d_]{2,}")
IBID_START = re.compile(rf"[\s^*_]*{IBID}", re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    number: int
    start: int  # offset of the note's text
    end: int
    line: int  # the line of its label
    key: Key
    label: str  # its number as written: `12`, `177:2`


@dataclass(frozen=True)
class Part:
    """Notes that stand together; their markers stand in the text before `top`."""

    top: int  # where the part starts: its heading, its rule or its first label's line
    notes: tuple[Note, ...]

    @property
    def end(self) -> int:
        return self.notes[-1].end


@dataclass(frozen=True)
class NotesBlock:
    parts: tuple[Part, ...]
    family: str  # how its markers look: glued, bracket, paren, caret or pagenote
    markers: tuple[Marker, ...]  # aligned with its notes, each before its note

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(n for part in self.parts for n in part.notes)

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def body_end(self) -> int:
        """Where the body before the block's first part stops."""
        return self.parts[0].top


@dataclass(frozen=True)
class Candidate:
    """A run of labels laid out in parts, with the evidence that needs no markers."""

    parts: tuple[Part, ...]
    family: str
    style: str
    framed: bool  # a notes heading or a footnote rule above it
    citing: float  # the share of entries that read like references
    urls: bool  # every entry is only a URL

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(n for part in self.parts for n in part.notes)

    @property
    def start(self) -> int:
        return self.parts[0].notes[0].start


def find(document: Document) -> tuple[list[Mention], list[Problem], list[tuple[int, int]]]:
    """The notes' mentions, the numbering problems, and the spans the notes take."""
    mentions: list[Mention] = []
    problems: list[Problem] = []
    spans: list[tuple[int, int]] = []
    kept: list[Note] = []
    for block in find_blocks(document):
        problems += numbering_problems(document, block)
        notes = block.notes
        for note, after in zip(notes, [*notes[1:], None], strict=True):
            if evidence.cites(document.text, note.start, note.end):
                mentions += note_mentions(document, note, evidence.piece_cites)
            elif cites(document.text, note, after):  # an Ibid. points at it: all it says
                mentions += note_mentions(document, note)
        spans += [(part.top, part.end) for part in block.parts]
        kept += notes
    # A person credited in a note (`Dr. Boas tells me`, `From Rachel Duport.`) is cited there.
    credits, credit_problems = note_credits.find_in_notes(document, kept)
    mentions += credits
    problems += credit_problems
    return mentions, problems, spans


def cites(text: str, note: Note, after: Note | None) -> bool:
    """Whether a note cites anything: a note that only comments or thanks gives no citation,
    unless an `Ibid.` follows it (which then points at it, and says what it found)."""
    if evidence.cites(text, note.start, note.end):
        return True
    return after is not None and bool(IBID_START.match(text, after.start, after.end))


def find_blocks(document: Document) -> list[NotesBlock]:
    """The blocks of notes, in text order, never overlapping."""
    text = document.text
    runs = [r for r in runs_of(text, labels(text)) if len(r) > 1 or may_stand_alone(text, r[0])]
    if not runs:
        return []
    bounds = sorted(label.line_start for run in runs for label in run)
    indexes: dict[str, MarkerIndex] = {}
    found = [candidate(document, run, bounds, indexes) for run in runs]
    blocks: list[NotesBlock] = []
    taken = Taken()
    for cand in found:
        if any(taken.holds(n.start, max(n.end, n.start + 1)) for n in cand.notes):
            continue
        region = blocks[-1].end if blocks else 0
        cand = taken.below(cand)
        block = judged(cand, markers(cand, index_of(text, cand.family, indexes), region))
        if block is not None:
            blocks.append(block)
            taken.take(block)
    if not blocks:
        fallback = longest_citing(found, len(text))
        if fallback is not None:
            index = index_of(text, fallback.family, indexes)
            blocks.append(block_of(fallback, markers(fallback, index, 0)))
    return blocks


class Taken:
    """The spans of the parts of the blocks taken so far, kept sorted."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def take(self, block: NotesBlock) -> None:
        for part in block.parts:
            bisect.insort(self.spans, (part.top, part.end))

    def holds(self, start: int, end: int) -> bool:
        """Whether text[start:end] meets a part taken."""
        at = bisect.bisect_left(self.spans, (end, end))
        return at > 0 and self.spans[at - 1][1] > start

    def floor(self, offset: int) -> int:
        """The end of the last part taken before `offset` (0 when none)."""
        at = bisect.bisect_right(self.spans, (offset, offset))
        return min(self.spans[at - 1][1], offset) if at else 0

    def below(self, cand: Candidate) -> Candidate:
        """The candidate with each part's top moved below the parts taken: a heading found
        above a part may belong to the block before."""
        parts = tuple(
            replace(part, top=max(part.top, self.floor(part.notes[0].start))) for part in cand.parts
        )
        return replace(cand, parts=parts)


def may_stand_alone(text: str, label: Label) -> bool:
    """A lone note counts only with a label no list uses, or under a heading or a rule."""
    return (
        label.style in UNMISTAKABLE
        or evidence.heading_start(text, label.line_start) is not None
        or evidence.rule_start(text, label.line_start) is not None
    )


def index_of(text: str, family: str, indexes: dict[str, MarkerIndex]) -> MarkerIndex:
    if family not in indexes:
        indexes[family] = MarkerIndex(candidates(text, family))
    return indexes[family]


# Runs: labels whose numbers rise by small steps


@dataclass
class Run:
    labels: list[Label]
    framed: bool  # its first label stands under a notes heading or a footnote rule


def runs_of(text: str, found: list[Label]) -> list[list[Label]]:
    """Runs of labels of one family whose numbers rise by one, a few skipped or repeated.
    A label continues the open run it follows most closely (a list inside the notes does
    not break them); a number lower than every open run's, or one repeated under a heading
    or a rule, starts a new run, and a new run under a heading or a rule closes the others:
    the next chapter's notes."""
    open_runs: dict[str, list[Run]] = {}
    runs: list[list[Label]] = []
    for label in found:
        family_runs = open_runs.setdefault(label.family, [])
        framed = under_frame(text, label)
        run = best_run(family_runs, label, framed)
        if run is not None:
            run.labels.append(label)
            continue
        runs.append([label])
        if framed:
            family_runs.clear()
        family_runs.append(Run(runs[-1], framed))
        if len(family_runs) > OPEN_RUNS:
            family_runs.pop(0)
    return runs


def under_frame(text: str, label: Label) -> bool:
    return evidence.frame_above(text, label.line_start)


def best_run(runs: list[Run], label: Label, framed: bool) -> Run | None:
    """The open run a label continues: the smallest step on, a run that started under a
    heading before one that did not, the most recent on a tie. Only a run under a heading
    is continued across the labels of another (a list inside the notes)."""
    best, best_rank = None, (True, MAX_GAP + 1, True)
    latest = max(runs, key=lambda r: r.labels[-1].line_start, default=None)
    for run in reversed(runs):
        if run is not latest and not run.framed:
            continue
        last = run.labels[-1]
        gap = step(last, label)
        if gap is None or (gap != 1 and label.style != last.style):
            continue
        if gap == 0 and (
            framed
            or label.row - last.row > MAX_LINES_BETWEEN
            or (len(run.labels) > 1 and run.labels[-2].key == label.key)
        ):
            continue  # a repeat far on or under a heading starts again; thrice, never
        rank = (gap == 0, gap, not run.framed)
        if rank < best_rank:
            best, best_rank = run, rank
    return best


def step(previous: Label, label: Label) -> int | None:
    """How far a label's number moves on from the previous one's: 0 for a repeat, None when
    it cannot follow it. Page:note labels start again at each page."""
    if label.page != previous.page:
        return 1 if label.page > previous.page and label.number <= MAX_GAP else None
    gap = label.number - previous.number
    return gap if 0 <= gap <= MAX_GAP else None


# Candidates: a run laid out in parts, and its evidence


def candidate(
    document: Document, run: list[Label], bounds: list[int], indexes: dict[str, MarkerIndex]
) -> Candidate:
    text = document.text
    index = index_of(text, run[0].family, indexes)
    groups: list[list[Label]] = [[run[0]]]
    for previous, label in pairwise(run):
        if body_between(text, previous, label, index):
            groups.append([label])
        else:
            groups[-1].append(label)
    parts: list[Part] = []
    framed = 0
    for group in groups:
        top, frame = part_top(text, group[0], parts[-1].end if parts else 0)
        framed += frame
        bound = next_bound(bounds, group[-1].line_start, len(text))
        parts.append(Part(top=top, notes=tuple(part_notes(document, group, bound))))
    notes = [n for part in parts for n in part.notes]
    urls = [url_only(text, n) is not None for n in notes]
    citing = sum(
        u or evidence.reads_as_reference(text, n.start, n.end)
        for n, u in zip(notes, urls, strict=True)
    )
    return Candidate(
        parts=tuple(parts),
        family=run[0].family,
        style=run[0].style,
        framed=framed * 2 >= len(parts) or parts[0].top != run[0].line_start,
        citing=citing / len(notes),
        urls=all(urls),
    )


def body_between(text: str, previous: Label, label: Label, index: MarkerIndex) -> bool:
    """Whether body text stands between two notes of a run, making them two parts: after a
    closed `[Footnote N: ...]`, any text; otherwise a paragraph after the note stops that
    holds the next note's marker, a heading or a rule, or many lines."""
    if previous.closed is not None and previous.closed < label.line_start:
        return bool(text[previous.closed + 1 : label.line_start].strip())
    stop = natural_end(text, previous, label.line_start)
    if not text[stop : label.line_start].strip():
        return False
    high = (label.page, label.number + MAX_GAP)
    return (
        text.count("\n", stop, label.line_start) > MAX_LINES_BETWEEN
        or index.any_between(label.key, high, stop, label.line_start)
        or evidence.has_heading(text, stop, label.line_start)
        or evidence.rule_start(text, label.line_start) is not None
    )


def part_top(text: str, first: Label, floor: int) -> tuple[int, bool]:
    """Where a part starts (its notes heading, its rule, or its first label's line) and
    whether a heading or a rule frames it."""
    for top in (
        evidence.heading_start(text, first.line_start),
        evidence.rule_start(text, first.line_start),
    ):
        if top is not None and top >= floor:
            return top, True
    return first.line_start, False


def next_bound(bounds: list[int], after: int, default: int) -> int:
    at = bisect.bisect_right(bounds, after)
    return bounds[at] if at < len(bounds) else default


def part_notes(document: Document, group: list[Label], bound: int) -> list[Note]:
    text = document.text
    notes = []
    for i, label in enumerate(group):
        if label.closed is not None and (
            i + 1 == len(group) or label.closed < group[i + 1].line_start
        ):
            end = label.closed
        elif i + 1 < len(group):
            end = group[i + 1].line_start
        else:
            end = natural_end(text, label, bound)
        end = label.text_start + len(text[label.text_start : end].rstrip())
        line = document.line_of(label.line_start)
        notes.append(Note(label.number, label.text_start, end, line, label.key, label.shown))
    return notes


# Markers, and the judgement


def markers(cand: Candidate, index: MarkerIndex, region: int) -> list[Marker]:
    """The markers of a candidate's notes: candidates after `region` that stand before the
    part of their note and outside the notes themselves, aligned with the numbering."""
    notes = cand.notes
    first, last = notes[0], notes[-1]
    low = (first.key[0], 1) if first.number <= MAX_GAP else first.key
    high = (last.key[0], last.number + MAX_GAP)
    tops = [part.top for part in cand.parts]
    ends = [part.end for part in cand.parts]
    last_keys = [part.notes[-1].key for part in cand.parts]
    found = []
    for key in index.keys_between(low, high):
        at = min(bisect.bisect_left(last_keys, key), len(tops) - 1)
        for marker in index.before(key, region, tops[at]):
            if marker.weight == 1 and key > last.key:
                continue  # a figure (`0.6`) past the last note is not a marker of a lost one
            inside = bisect.bisect_right(tops, marker.offset) - 1
            if inside < 0 or marker.offset >= ends[inside]:
                found.append(marker)
    return align(found, {n.key for n in notes})


def judged(cand: Candidate, aligned: list[Marker]) -> NotesBlock | None:
    """The block a candidate is, on its evidence, or None."""
    keys = {n.key for n in cand.notes}
    # A weak marker (digits glued to a letter: `B52`) counts half.
    marked = sum(1 if m.weight > 1 else 0.5 for m in aligned if m.key in keys) / len(keys)
    if keep(cand, marked):
        return block_of(cand, aligned)
    return None


def keep(cand: Candidate, marked: float) -> bool:
    if cand.family == "bracket" and cand.urls:
        return False  # a list of `[1] https://…`: the URL finder's
    if cand.style in UNMISTAKABLE or (cand.family == "pagenote" and (cand.framed or marked)):
        return True
    if yearish(cand) and marked < MARKED:
        return False  # `1917 was …` at line starts
    if cand.framed:
        return marked >= MARKED or cand.citing >= CITING or (len(cand.notes) == 1 and marked > 0)
    if cand.family == "bracket":
        return marked >= MARKED  # `[3]` in a sentence is a marker; `(3)` may count points
    if len(cand.parts) > 1:
        return False  # numbers glued in the text, notes between paragraphs, nothing framing
    return marked >= MARKED and cand.citing >= CITING


def yearish(cand: Candidate) -> bool:
    return all(YEAR_MIN <= n.number <= YEAR_MAX for n in cand.notes)


def longest_citing(found: list[Candidate], size: int) -> Candidate | None:
    """The longest run of references numbered from near 1 in one part (the later on a tie)
    that ends the document, or nearly: a page of notes whose markers are elsewhere, not a
    table of contents."""
    eligible = [
        c
        for c in found
        if len(c.parts) == 1
        and size - c.parts[0].end <= max(c.parts[0].end - c.parts[0].top, size // 4)
        and c.notes[0].number <= MAX_GAP
        and len(c.notes) >= (3 if c.style == "bare" else 2)
        and c.citing >= CITING
        and short_entries(c)
        and not yearish(c)
        and not (c.family == "bracket" and c.urls)
    ]
    return max(reversed(eligible), key=lambda c: len(c.notes)) if eligible else None


def short_entries(cand: Candidate) -> bool:
    """Whether most entries are as short as references are, not paragraphs of an essay."""
    lengths = sorted(n.end - n.start for n in cand.notes)
    return lengths[len(lengths) // 2] <= SHORT_ENTRY


def block_of(cand: Candidate, aligned: list[Marker]) -> NotesBlock:
    return NotesBlock(parts=cand.parts, family=cand.family, markers=tuple(aligned))


# Mentions and problems


def url_only(text: str, note: Note) -> str | None:
    """The URL a note consists of, when it is nothing else (a date read may follow)."""
    match = URL_NOTE.fullmatch(text, note.start, note.end)
    if not match or len(WORD.findall(match.group("rest"))) > 3:
        return None
    url = match.group("url")
    while url and url[-1] in URL_TAIL:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def note_mentions(
    document: Document, note: Note, kept: Callable[[str], bool] = lambda raw: True
) -> list[Mention]:
    """The citations of a note: its URL, its legal citations, or each piece of it that
    `kept` takes for a reference (commentary between references is no citation)."""
    from citeres.find.split import split_note

    url = url_only(document.text, note)
    if url is not None:
        reference = Reference(url=url, type=WorkType.WEB)
        return [
            note_credits.in_note(
                document, note, note.start, note.start + len(url), Kind.URL, reference
            )
        ]
    legal_mentions = legal.within(document, note.start, note.end)
    if legal_mentions:  # a legal note: its citations are the legal finder's, on the note's line
        return [replace(m, line=note.line, note=note.number) for m in legal_mentions]
    # Every citation of a note is reported at the note, where a reader looks it up.
    pieces = split_note(document.text, note.start, note.end)
    found = [note_credits.in_note(document, note, a, b, Kind.FULL) for a, b in pieces]
    return [m for m in found if kept(m.raw)]


def numbering_problems(document: Document, block: NotesBlock) -> list[Problem]:
    """A block's notes numbered twice or missing, markers without notes, notes without
    markers. A block that starts far from 1 (an excerpt) misses nothing before its first."""
    path = document.path
    problems: list[Problem] = []
    seen: dict[Key, Note] = {}
    first = block.notes[0]
    previous: Key = (first.key[0], 0 if first.number <= MAX_GAP else first.number - 1)
    for note in block.notes:
        if note.key in seen:
            first_line = seen[note.key].line
            problems.append(problem(K.DUPLICATE_NOTE, path, note, first=first_line))
        counted = previous[1] if note.key[0] == previous[0] else 0  # a new page counts from 0
        for missing in range(counted + 1, note.number):
            problems.append(
                templated(
                    K.MISSING_NOTE,
                    path=path,
                    line=note.line,
                    note=missing,
                    number=shown((note.key[0], missing)),
                    before=shown(previous),
                    after=note.label,
                )
            )
        seen.setdefault(note.key, note)
        previous = max(previous, note.key)
    marked = {m.key for m in block.markers}
    for marker in block.markers:
        if marker.key not in seen:
            line = document.line_of(marker.offset)
            number = shown(marker.key)
            problems.append(
                templated(
                    K.MARKER_WITHOUT_NOTE, path=path, line=line, note=marker.number, number=number
                )
            )
    unmarked = [note for key, note in seen.items() if key not in marked]
    if len(unmarked) * 2 <= len(seen) or len(seen) < SUMMARISED:
        problems += [problem(K.NOTE_WITHOUT_MARKER, path, note) for note in unmarked]
    else:  # the markers are in a form not recognised: one problem, not one a note
        problems.append(
            templated(
                K.UNMARKED_NOTES,
                path=path,
                line=first.line,
                unmarked=len(unmarked),
                count=len(seen),
            )
        )
    return problems


def problem(kind: ProblemKind, path: str, note: Note, **values: object) -> Problem:
    return templated(kind, path=path, line=note.line, note=note.number, number=note.label, **values)


def shown(key: Key) -> str:
    return f"{key[0]}:{key[1]}" if key[0] else str(key[1])
