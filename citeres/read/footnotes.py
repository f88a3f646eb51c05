"""Footnotes in an HTML tree, as the web writes them: which elements are markers, which
are notes (and their numbers), which links lead back from a note to its marker.

Told by the links between them rather than by class names: a marker is a number that
links forward to the note, a backlink a link back from the note to its marker; the
footnote lists' own names (`footnotes`, `references`, `doc-endnotes`) add the lists whose
markers are bare `<sup>3</sup>`.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree

# `3`, `[3]`, `(3)`, `3.`, `[3, 4]`, `Footnote 3`, `³`.
NUMBERS = re.compile(
    r"\s*(?:(?:foot|end)?note|fn|ref)?\s*[\[(]?\s*(\d{1,4}(?:\s*[,;]\s*\d{1,4}){0,9})"
    r"\s*[\])]?\s*\.?\s*",
    re.IGNORECASE,
)
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
BACK_SYMBOLS = re.compile(r"[\s^↑↩⤴⇑⮌\ufe0e\ufe0f]*(?:[a-z]{1,2}|back|return|jump up)?\s*", re.I)
BACKLINK_CLASS = re.compile(r"backlink|backref|reversefootnote|footnote-back", re.I)
LIST_HINT = re.compile(r"foot|endnote|reference|reflist|\bnotes\b", re.IGNORECASE)
# Blocks a note may be: the nearest one around a marker's target is the note.
NOTE_BLOCKS = frozenset("li p div aside section dd dt td blockquote footer article tr".split())


def numbers_of(text: str) -> list[int]:
    match = NUMBERS.fullmatch(text.translate(SUPERSCRIPTS))
    if not match:
        return []
    return [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]


def fragment(href: str) -> str | None:
    """The in-page target of a link: `#fn3`, or `./Page#cite_note-3` (no other site)."""
    head, sep, tail = href.partition("#")
    if not sep or not tail or "://" in head or head.startswith("//"):
        return None
    return unquote(tail)


class Footnotes:
    """The footnote structure of one tree, learnt as the tree is walked in document order:
    a link whose target is still ahead is a marker (and its target a note), one whose
    target was passed leads back."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.targets: dict[str, etree._Element] | None = None  # by id and name, when needed
        self.passed: set[str] = set()  # the ids and names of the elements walked so far
        self.notes: dict[etree._Element, int] = {}  # note elements and their numbers

    def see(self, attributes: dict[str, str]) -> None:
        for name in ("id", "name"):
            value = attributes.get(name)
            if value:
                self.passed.add(value)

    def direction(self, href: str | None) -> str | None:
        """`forward` for a link to a part of the page still ahead, `backward` for one to
        a part passed, None for any other link."""
        target = fragment(href or "")
        if target is None:
            return None
        if target in self.passed:
            return "backward"
        return "forward" if target in self.ids() else None

    def ids(self) -> dict[str, etree._Element]:
        if self.targets is None:
            self.targets = {}
            for name in ("id", "name"):
                for element in self.root.iterfind(f".//*[@{name}]"):
                    self.targets.setdefault(element.get(name), element)
        return self.targets

    def marker(
        self, element: etree._Element, tag: str, href: str | None
    ) -> tuple[list[int], str] | None:
        """The numbers a marker or a note's label stands for, and which way it links
        (`forward` to its note, `backward` to its marker, or `none`)."""
        if tag == "a":
            links = [(element, href)]
        elif tag == "sup":
            links = [(a, a.get("href")) for a in element.iter("a")]
        else:
            return None
        directions = [(link, self.direction(h)) for link, h in links]
        if tag == "a" and directions[0][1] is None:
            return None  # a link to another page, even if its text is a number
        numbers = numbers_of(text_of(element))
        if not numbers:
            return None
        for link, direction in directions:
            if direction == "forward":
                target = self.ids()[fragment(link.get("href") or "") or ""]
                self.notes.setdefault(note_block(target), numbers[0])
                return numbers, direction
            if direction == "backward":
                return numbers, direction
        return numbers, "none"

    def backlink(self, element: etree._Element, tag: str, attributes: dict[str, str]) -> bool:
        """A link (or its wrapper) that leads from a note back to the text: `↩`, `^ a b`."""
        if attributes.get("role") == "doc-backlink":
            return True
        if BACKLINK_CLASS.search(attributes.get("class", "")):
            return True
        if tag != "a" or self.direction(attributes.get("href")) != "backward":
            return False
        return bool(BACK_SYMBOLS.fullmatch(text_of(element)))

    def footnote_list(self, element: etree._Element) -> bool:
        """Whether a list, or what holds it, says it holds notes."""
        for node in (element, element.getparent()):
            if node is None:
                break
            names = " ".join(node.get(a) or "" for a in ("class", "id", "role", "epub:type"))
            if LIST_HINT.search(names):
                return True
        return False


def note_block(element: etree._Element) -> etree._Element:
    """The note a marker's target stands in: the target or the nearest block around it."""
    node: etree._Element | None = element
    while node is not None:
        if node.tag in NOTE_BLOCKS:
            return node
        node = node.getparent()
    return element


def text_of(element: etree._Element) -> str:
    """The text inside an element, as a browser shows it, without the text after it."""
    if not len(element):
        return element.text or ""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)
