"""HTML → the text the finders read, every character with the original file's line.

Parsed by libxml2 (lxml), which gives each element the line its start tag ends on; the
walk counts newlines in between. Blocks become lines and paragraphs, `<br>` a line break;
scripts, styles, navigation and the page's own header and footer are dropped; the parser
decodes entities. Footnote markers become `[3]`; notes become `3. text` lines under a
`Notes` heading, without their backlinks (footnotes.py tells which is which); in notes,
`<i>`, `<em>` and `<cite>` become `*Title*`, which the reference parser reads (in running
text the finders do not, and miss the title marked so); a link to another site becomes
`text url`, as in Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from citeres.identity import letters, roman_numeral
from citeres.read.footnotes import Footnotes, text_of
from citeres.read.mapped import MappedText

PARAGRAPHS = frozenset(
    "address article aside blockquote body center details dialog dl fieldset figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr main menu ol p pre section table ul".split()
)
LINES = frozenset("br caption dd div dt figcaption legend li summary tr".split())
CELLS = frozenset(("td", "th"))
DROPPED_TAGS = frozenset(
    "head script style noscript template nav svg math iframe object embed canvas audio "
    "video button select textarea input img".split()
)
DROPPED_ROLES = frozenset("navigation banner contentinfo search menu menubar toolbar".split())
# Page furniture: MediaWiki's `[edit]` links, jump links, categories and "Retrieved from"
# footer, the `noprint` convention, and Project Gutenberg's page numbers (`[Pg 39]`, set in
# the margin, often inside a word).
DROPPED_CLASSES = frozenset(
    "mw-editsection mw-jump-link noprint printfooter catlinks pagenum".split()
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SECTIONING = frozenset(("article", "main", "section", "aside"))
EMPHASIS = frozenset(("i", "em", "cite"))
MARKERS = frozenset(("sup", "a"))
ACTIVE = CELLS | EMPHASIS | frozenset(("pre", "li", "q", "a"))  # inline elements that matter
NO_ATTRIBUTES: dict[str, str] = {}
EVENTS = ("start", "end", "comment", "pi")
QUOTES = ("“", "”")
NOTES = "Notes\n\n"  # the heading written above a run of notes when the page has none
NOTES_HEADING = re.compile(r"(?:end\s*notes|notes|footnotes|notes and references)\s*:?", re.I)
INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u2060\ufeff]")  # soft hyphens, zero widths
LIST_STYLES = (
    ("lower-alpha", "a"),
    ("lower-latin", "a"),
    ("upper-alpha", "A"),
    ("upper-latin", "A"),
    ("lower-roman", "i"),
    ("upper-roman", "I"),
)
MAX_LINE = 65535  # libxml2 stops counting there; beyond it the walk counts on its own


@dataclass(frozen=True)
class Converted:
    text: str
    origins: tuple[tuple[int, int], ...]  # (offset in text, original line), both rising
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message): the parser gave up
    links: tuple[tuple[int, int], ...] = ()  # (start, end) of each link address written out
    italics: tuple[tuple[int, int], ...] = ()  # (start, end) of each italic of running text


@dataclass(slots=True)
class Frame:
    """What an open element changed, to undo when it closes."""

    breaks: int = 0
    cell: bool = False
    pre: bool = False
    emphasis: bool = False
    quote: bool = False
    note: bool = False
    url: str | None = None
    italic_from: int = -1  # where the text of an italic in running text began


PLAIN = Frame()  # an element that changes nothing; never changed itself
HIDDEN = Frame()  # a dropped element, a marker or a backlink
INNER = tuple(EMPHASIS | PARAGRAPHS | LINES)  # what an emphasis around a title cannot hold


def convert(text: str) -> Converted:
    """The text of an HTML document, with the original line of every piece."""
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return Converted("", ())
    walk = Walk(root)
    walk.run(root)
    stops = [e for e in parser.error_log if e.level_name == "FATAL"]
    warnings = tuple(
        (
            e.line,
            f"the HTML parser stopped here ({e.message.split(', use')[0].strip()}); "
            "the rest of the file is not read",
        )
        for e in stops[:1]
    )
    out = walk.out
    return Converted(out.text, tuple(out.origins), warnings, tuple(walk.links), tuple(walk.italics))


class Walk:
    """One walk through the tree in document order, writing its text."""

    def __init__(self, root: etree._Element) -> None:
        self.out = MappedText()
        self.footnotes = Footnotes(root)
        self.line = 1
        self.frames: list[Frame] = []
        self.hidden = 0  # open dropped elements: their text only moves the line on
        self.pre = 0
        self.emphasis = 0
        self.notes = 0  # open note elements
        self.in_notes = False  # the last text written was a note's
        self.urls: list[str] = []  # owed until the emphasis they stand in is closed
        self.links: list[tuple[int, int]] = []  # where each was written
        self.italics: list[tuple[int, int]] = []  # <i>, <em>, <cite> of running text
        self.counters: dict[etree._Element, int] = {}

    def run(self, root: etree._Element) -> None:
        for event, element in etree.iterwalk(root, events=EVENTS):
            if event == "start":
                self.start(element)
            elif event == "end":
                self.end(element)
            else:  # a comment: its line is the line it ends on
                self.move_to(element.sourceline)
                self.text(element.tail)

    def move_to(self, line: int | None) -> None:
        if line and self.line < line < MAX_LINE:
            self.line = line

    def start(self, element: etree._Element) -> None:
        self.move_to(element.sourceline)
        tag = element.tag
        items = element.items()
        attributes = dict(items) if items else NO_ATTRIBUTES
        if attributes:
            self.footnotes.see(attributes)
        if (
            self.hidden
            or dropped(element, tag, attributes)
            or self.footnotes.backlink(element, tag, attributes)
            or (tag in MARKERS and self.marker(element, tag, attributes))
        ):
            self.frames.append(HIDDEN)
            self.hidden += 1
        else:
            self.frames.append(self.open(element, tag, attributes))
        if element.text:
            self.text(element.text)

    def end(self, element: etree._Element) -> None:
        frame = self.frames.pop()
        if frame is HIDDEN:
            self.hidden -= 1
        elif frame is not PLAIN:
            self.close(frame)
        if element.tail:
            self.text(element.tail)

    def open(self, element: etree._Element, tag: str, attributes: dict[str, str]) -> Frame:
        """What an element does to the text, in a Frame (PLAIN when nothing)."""
        breaks = 2 if tag in PARAGRAPHS else 1 if tag in LINES else 0
        number = self.footnotes.notes.get(element)
        if not (breaks or number is not None or tag in ACTIVE):
            return PLAIN  # most inline elements: a span, a b
        frame = Frame(breaks=breaks)
        if breaks:
            self.out.block(breaks)
        elif tag in CELLS:
            frame.cell = True
            self.out.request_space()
        if tag == "pre":
            frame.pre = True
            self.pre += 1
        if tag == "li":
            self.list_item(element, frame, number)
        elif number is not None:
            self.note(number, frame)
        if (
            tag in EMPHASIS
            and self.notes
            and not self.emphasis
            and emphasis(element, tag, attributes)
        ):
            frame.emphasis = True
            self.emphasis += 1
            self.out.opening += "*"
        elif tag in EMPHASIS and not self.notes:
            frame.italic_from = self.out.size
        elif tag == "q":
            frame.quote = True
            self.out.opening += QUOTES[0]
        elif tag == "a":
            frame.url = external_url(element, attributes.get("href"))
        return frame

    def close(self, frame: Frame) -> None:
        if frame.quote:
            self.out.close(*QUOTES)
        if frame.url:
            self.urls.append(frame.url)
        if frame.italic_from >= 0 and self.out.size > frame.italic_from:
            self.italics.append((frame.italic_from, self.out.size))
        if frame.emphasis:
            self.out.close("*", "*")
            self.emphasis -= 1
        if self.urls and not self.emphasis:
            for url in self.urls:
                self.out.request_space()
                self.emit(url)
                self.links.append((self.out.size - len(url), self.out.size))
            self.urls.clear()
        self.pre -= frame.pre
        self.notes -= frame.note
        if frame.breaks:
            self.out.block(frame.breaks)
        elif frame.cell:
            self.out.request_space()

    def marker(self, element: etree._Element, tag: str, attributes: dict[str, str]) -> bool:
        """A footnote marker becomes `[3]`; at the start of a block it is the number of the
        note the block holds (a label); a link back to a marker is dropped."""
        found = self.footnotes.marker(element, tag, attributes.get("href"))
        if found is None:
            return False
        numbers, direction = found
        if direction != "forward" and self.out.at_block_start():
            self.note(numbers[0], self.block_frame())
        elif direction != "backward":
            self.emit("".join(f"[{n}]" for n in numbers))
        return True

    def list_item(self, element: etree._Element, frame: Frame, number: int | None) -> None:
        parent = element.getparent()
        if parent is None or parent.tag != "ol":
            if number is not None:
                self.note(number, frame)
            return
        count = self.counters.get(parent)
        count = start_of(parent) if count is None else count + 1
        value = element.get("value", "").strip()
        count = int(value) if value.isdigit() else count
        self.counters[parent] = count
        style = list_style(parent)
        if style != "1":
            self.out.prefix = f"{list_label(count, style)}. "
        elif number is not None or self.footnotes.footnote_list(parent):
            self.note(count if number is None else number, frame)
        else:
            self.out.prefix = f"{count}. "

    def note(self, number: int, frame: Frame) -> None:
        """The next text starts note `number`: `N. `, under a `Notes` heading when it is
        the first of a run of notes and the page gives none."""
        heading = self.out.prefix.startswith(NOTES) or (
            not self.in_notes and not NOTES_HEADING.fullmatch(self.out.last_line().strip())
        )
        self.out.prefix = f"{NOTES if heading else ''}{number}. "
        self.in_notes = True
        if not frame.note:
            frame.note = True
            self.notes += 1

    def block_frame(self) -> Frame:
        return next((f for f in reversed(self.frames) if f.breaks), Frame())

    def text(self, text: str | None) -> None:
        if not text:
            return
        if self.hidden:
            self.line += text.count("\n")
            return
        if not text.isascii():
            text = INVISIBLE.sub("", text)
        if self.pre:
            self.preformatted(text)
        elif "\n" in text:
            for i, segment in enumerate(text.split("\n")):
                if i:
                    self.line += 1
                    self.out.request_space()  # a line break in HTML is a space
                self.words(segment)
        else:
            self.words(text)

    def words(self, text: str) -> None:
        """Text on one line, its runs of spaces one space, as a browser shows it."""
        if text[:1].isspace():
            self.out.request_space()
        words = text.split()
        if words:
            self.emit(" ".join(words))
            if text[-1].isspace():
                self.out.request_space()

    def preformatted(self, text: str) -> None:
        for i, segment in enumerate(text.split("\n")):
            if i:
                self.line += 1
                self.out.newline()
            self.emit(segment)

    def emit(self, text: str) -> None:
        if not self.notes:
            self.in_notes = False
        self.out.write(text, self.line)


def dropped(element: etree._Element, tag: str, attributes: dict[str, str]) -> bool:
    if tag in DROPPED_TAGS:
        return True
    if attributes and (
        attributes.get("role") in DROPPED_ROLES
        or "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
        or HIDDEN_STYLE.search(attributes.get("style", ""))
        or DROPPED_CLASSES.intersection(attributes.get("class", "").split())
    ):
        return True
    if tag in ("header", "footer"):  # the page's own, not an article's
        return not any(a.tag in SECTIONING for a in element.iterancestors())
    return False


def emphasis(element: etree._Element, tag: str, attributes: dict[str, str]) -> bool:
    """Whether an `<i>`, `<em>` or `<cite>` reads as a title in `*...*`: not around a whole
    citation (Wikipedia's `<cite class="citation">`, one holding quotes or a title of its
    own), not empty, and nothing in it the parser's `*...*` cannot hold."""
    text = text_of(element)
    if not text.strip() or "*" in text or "_" in text:
        return False
    if len(element) and any(True for _ in element.iterdescendants(*INNER)):
        return False
    if tag == "cite":
        return "citation" not in attributes.get("class", "") and not set(text) & set('"“”')
    return True


def external_url(element: etree._Element, href: str | None) -> str | None:
    """The address of a link to another site, when its text does not already show it."""
    href = (href or "").strip()
    if not href.startswith(("http://", "https://")):
        return None
    text = " ".join(text_of(element).split())
    bare = href.split("://", 1)[1].rstrip("/")
    if not text or text in href or bare in text:
        return None
    return href


def start_of(ordered: etree._Element) -> int:
    start = (ordered.get("start") or "").strip()
    return int(start) if start.lstrip("-").isdigit() else 1


def list_style(ordered: etree._Element) -> str:
    kind = (ordered.get("type") or "").strip()
    if kind in ("a", "A", "i", "I"):
        return kind
    nodes = [n for n in (ordered, ordered.getparent()) if n is not None]
    names = " ".join(n.get(a) or "" for n in nodes for a in ("class", "style"))
    return next((style for name, style in LIST_STYLES if name in names), "1")


def list_label(count: int, style: str) -> str:
    label = letters(count) if style in "aA" else roman_numeral(count)
    return label.upper() if style in "AI" else label
