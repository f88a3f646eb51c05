"""One note, several references, and the commentary around them: `See: A; Also: B; C`,
`Quoted in: X`, `See X, 12; but compare Y (Place, 1990), 4–5, who argues …`.

The exact signals cut first: semicolons outside brackets, the signal words that open a
reference (`See`, `cf.`, `Quoted in`, `Vgl.`, `voir`, `vedi` …) and the labels and back
links web pages put around a note. In each piece the note-span model (tagger.split_note)
proposes where references start and end; a boundary it proposes is taken only where an
exact sign confirms it (a signal word before a reference, a sentence ending before a name,
commentary opening on a small word after one), so the model trims commentary and never
cuts a reference in two on its own.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from citeres.identity import UPPER

# Signals that introduce a reference without being part of it, in the notes' languages.
SIGNAL_WORDS = (
    r"see|cf\.?|compare|also|but see|see also|see further|for example|e\.g\.|"
    r"(?:as\s+)?(?:quoted|cited|reprinted|translated)\s+in|"
    r"siehe(?:\s+auch)?|vgl\.?(?:\s+(?:auch|dazu))?|voir(?:\s+aussi)?|"
    r"vedi(?:\s+anche)?|cfr\.?|si\s+veda|véase(?:\s+también)?"
)
SIGNAL = re.compile(rf"(?:(?:{SIGNAL_WORDS})\s*[,:]?\s+)+", re.IGNORECASE)
# Commentary the model cut off before a reference ends on a signal: `For the audit, see`;
# a weak one (`also`, `for example`) counts only after a mark (`… only but also over`).
STRONG_SIGNALS = r"see|cf\.?|compare|siehe|vgl\.?|voir|vedi|cfr\.?|véase|(?:quoted|cited)\s+in"
SIGNAL_BEFORE = re.compile(
    rf"(?:(?:^|\s)(?:{STRONG_SIGNALS})|(?:^|[,;(.:])\s*(?:{SIGNAL_WORDS}))[\s,:]*$", re.IGNORECASE
)
# A signal is a few words: it is looked for in this many characters before a reference, so
# that a note of many references costs time in its length, not in its length squared.
SIGNAL_WINDOW = 200
# Commentary after a reference opens on a small word: `…, 4–5, who argues …`.
COMMENT_WORDS = "who|which|where|whose|but|although|though|as|for"
COMMENT_AFTER = re.compile(rf"^[\s,;.:)]*(?:{COMMENT_WORDS})\b")
# The backlinks a wiki puts before each reference (`^`, `^ a b`), the number label of a
# web page's note (`[12]`), and its link back after it (`[zurück]`, `↩`).
BACKLINKS = re.compile(r"\^(?:[ \t]+[a-z]{1,2}\b)*[ \t]+|\[\d{1,3}\][ \t]+")
BACK_AFTER = re.compile(r"\s*(?:\[(?:zurück|back|retour|top|up)\]|↩\ufe0f?|\^)\s*$", re.I)
# A reference opening on its author's name: `J. Khadijah Abdurahman, "…`, `Fargeon, M.,`.
NAME_START = re.compile(rf"(?:[{UPPER}][\w'’.-]*\s+){{0,4}}[{UPPER}][\w'’-]+,\s")
INVERTED_NAME = re.compile(
    rf"[{UPPER}][\w'’-]+(?: [{UPPER}][\w'’-]+)?, (?:[{UPPER}][\w'’-]*\.? ?){{1,3}}"
)
# Anything `confirmed` takes a boundary on, found anywhere: without one, the whole piece.
SIGNS = re.compile(
    rf"\b(?:{SIGNAL_WORDS}|{COMMENT_WORDS})|\.\s+{NAME_START.pattern}", re.IGNORECASE
)
OPENERS, CLOSERS = "([{“", ")]}”"


def top_level_semicolons(text: str) -> list[int]:
    """Offsets of `;` outside brackets and quotes (straight ones too, when they pair up:
    `"Tech Celeb Makes Prop-8 Donation; Internet Goes Berserk"`)."""
    if ";" not in text:
        return []
    straight = text.count('"') % 2 == 0
    depth, quoted, found = 0, False, []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch == '"' and straight:
            quoted = not quoted
        elif ch == ";" and depth == 0 and not quoted:
            found.append(i)
    return found


def split_note(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the references in text[start:end], signals and commentary left out."""
    start, end = inside_brackets(text, start, end)
    spans = []
    for piece_start, piece_end in pieces(text[start:end]):
        whole = text[start + piece_start : start + piece_end]
        for sub_start, sub_end in signalled_sentences(whole):
            at = start + piece_start + sub_start
            piece = whole[sub_start:sub_end]
            spans += [(at + a, at + b) for a, b in confirmed(piece, model_spans(piece))]
    return spans


# A reference ended (on a page, a bracket, a title), then a sentence of commentary whose
# signal opens the next reference: `…): 95–124. For an example, see Benjamin Fagan, "…"`.
SIGNALLED_SENTENCE = re.compile(
    rf"(?<=[\d)*_”\"]\.)\s+(?:[{UPPER}][^.;]{{0,160}}?[\s,])?(?:[Ss]ee|[Cc]f\.)\s+(?:also\s+)?"
    rf"(?={NAME_START.pattern}|[\"“])"
)


def signalled_sentences(piece: str) -> list[tuple[int, int]]:
    """The piece cut where a sentence of commentary opens another reference on a signal:
    the reference before, and the one after the signal (the commentary left out)."""
    spans, at = [], 0
    for m in SIGNALLED_SENTENCE.finditer(piece):
        spans.append((at, m.start()))
        at = m.end()
    return [*spans, (at, len(piece))]


def inside_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """A note an editor put whole in square brackets (`[See A; B.]`) is read inside them,
    so its semicolons separate references as in any other note."""
    note = text[start:end]
    first = len(note) - len(note.lstrip())
    last = len(note.rstrip().rstrip("."))
    if first >= last or note[first] != "[" or note[last - 1] != "]":
        return start, end
    depth = 0
    for i in range(first, last):
        depth += {"[": 1, "]": -1}.get(note[i], 0)
        if depth == 0 and i < last - 1:
            return start, end  # `[1] Smith …]`: the bracket closes before the note ends
    return start + first + 1, start + last - 1


def pieces(note: str) -> list[tuple[int, int]]:
    """The note cut at its exact signs: (start, end) of each piece, signals left out."""
    semicolons = (i for i in top_level_semicolons(note) if not names_only(note, i))
    cuts = [-1, *sorted({*semicolons, *paragraph_breaks(note)}), len(note)]
    found: list[tuple[int, int]] = []
    for left, right in itertools.pairwise(cuts):
        piece = note[left + 1 : right]
        back = BACK_AFTER.search(piece)
        piece = piece[: back.start()] if back else piece
        skip = len(piece) - len(piece.lstrip())
        while signal := SIGNAL.match(piece, skip) or BACKLINKS.match(piece, skip):
            skip = signal.end()
        body = piece[skip:].rstrip()
        if found and LOCATOR_START.match(body):  # `...; and chap. 5, URL`: the same work
            found[-1] = (found[-1][0], left + 1 + skip + len(body))
        elif body.strip(" .,"):
            found.append((left + 1 + skip, left + 1 + skip + len(body)))
    return found


# A piece that opens on a locator cites more of the work before it: `…, chap. 1; and chap. 5`.
LOCATOR_START = re.compile(
    r"(?:and\s+)?(?:chaps?|ch|pp?|vols?|nn?|fols?|ss?|bd|sec|art)\.\s*[\dxvilc]", re.IGNORECASE
)


def paragraph_breaks(note: str) -> list[int]:
    """Where a paragraph of a note opens on a signal (`See also ...` after a blank line):
    it is cut from the one before like a semicolon. Other paragraphs (a page break inside
    a sentence, the author's note a page puts after the last one) stay with it."""
    return [m.start() for m in PARAGRAPH_BREAK.finditer(note) if SIGNAL.match(note, m.end())]


PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n[ \t\u00a0]*")


def names_only(note: str, semicolon: int) -> bool:
    """Whether the `;` at `semicolon` only separates authors: `Friedman, Alon; Thellefsen,
    Martin (2011): …`, the piece before it a name written surname first and nothing else."""
    before = note[:semicolon].rsplit(";", 1)[-1].strip()
    label = BACKLINKS.match(before)
    return INVERTED_NAME.fullmatch(before[label.end() if label else 0 :]) is not None


@lru_cache(maxsize=32768)
def model_spans(piece: str) -> tuple[tuple[int, int], ...]:
    """The model's reference spans; none where no exact sign could confirm a boundary it
    proposed (most notes: `Ibid., p. 4`), as the piece is then kept whole anyway."""
    if not SIGNS.search(piece):
        return ()
    from citeres.parse import tagger  # the model loads on the first note, not at import

    return tagger.split_note(piece)


def confirmed(piece: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The model's spans where the exact signs agree; the whole piece where it found none."""
    if not spans:
        return [(0, len(piece))]
    start = spans[0][0] if signal_before(piece, spans[0][0]) else 0
    out: list[tuple[int, int]] = []
    current = [start, spans[0][1]]
    for a, b in spans[1:]:
        if boundary(piece, current[1], a):
            out.append((current[0], current[1]))
            current = [a, b]
        else:
            current[1] = b
    if not COMMENT_AFTER.match(piece[current[1] :]):
        current[1] = len(piece)
    out.append((current[0], current[1]))
    return out


def boundary(piece: str, end: int, start: int) -> bool:
    """Whether a reference ends at `end` and another starts at `start`: a signal before
    the second, or a sentence ending between them with the second opening on a name."""
    if signal_before(piece, start) and piece[end:start].strip(" .,:"):
        return True
    stop = last_visible(piece, end) == "." or piece[end:start].strip() == "."
    return stop and not piece[end:start].strip(" .") and bool(NAME_START.match(piece, start))


def signal_before(piece: str, at: int) -> bool:
    """Whether piece[:at] ends on a signal, looked for in the window before `at` (where
    the window starts after the piece's start, `^` does not match there)."""
    return SIGNAL_BEFORE.search(piece, max(0, at - SIGNAL_WINDOW), at) is not None


def last_visible(piece: str, at: int) -> str:
    """The last character before `at` that is not whitespace ("" if none), found without
    copying piece[:at]."""
    while at and piece[at - 1].isspace():
        at -= 1
    return piece[at - 1] if at else ""
