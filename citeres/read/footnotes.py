"""Footnotes in an HTML tree, as the web writes them: which elements are markers, which
are notes (and their numbers), which links lead back from a note to its marker.

Told by the links between them rather than by class names: a marker is a number that
links forward to the note, a backlink a link back from the note to its marker; the
footnote lists' own names (`footnotes`, `references`, `doc-endnotes`) only confirm it.
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
    """The footnote structure of one tree, found in one pass before the tree is walked."""

    def __init__(self, root: etree._Element) -> None:
        ids: dict[str, tuple[etree._Element, int]] = {}
        links: list[tuple[etree._Element, int, str]] = []
        for position, element in enumerate(root.iter(etree.Element)):
            for attribute in ("id", "name"):
                value = element.get(attribute)
                if value and value not in ids:
                    ids[value] = (element, position)
            target = fragment(element.get("href") or "") if element.tag == "a" else None
            if target:
                links.append((element, position, target))
        self.forward: set[etree._Element] = set()  # links from a marker to its note
        self.backward: set[etree._Element] = set()  # links from a note back to its marker
        self.notes: dict[etree._Element, int] = {}  # note elements and their numbers
        for link, position, target in links:
            found = ids.get(target)
            if found is None:
                continue
            element, target_position = found
            if target_position < position:
                self.backward.add(link)
                continue
            self.forward.add(link)
            numbers = numbers_of(text_of(link))
            if numbers:
                self.notes.setdefault(note_block(element), numbers[0])

    def marker(self, element: etree._Element) -> tuple[list[int], str] | None:
        """The numbers a marker or note label stands for, and which way it links
        (`forward` to its note, `backward` to its marker, or `none`)."""
        tag = element.tag
        if tag not in ("sup", "a"):
            return None
        if tag == "a" and element not in self.forward and element not in self.backward:
            return None  # a link to another page or nowhere, even if its text is a number
        numbers = numbers_of(text_of(element))
        if not numbers:
            return None
        return numbers, self.direction(element)

    def direction(self, element: etree._Element) -> str:
        links = [element] if element.tag == "a" else list(element.iter("a"))
        for link in links:
            if link in self.forward:
                return "forward"
            if link in self.backward:
                return "backward"
        return "none"

    def backlink(self, element: etree._Element) -> bool:
        """A link (or its wrapper) that leads from a note back to the text: `↩`, `^ a b`."""
        if element.get("role") == "doc-backlink" or BACKLINK_CLASS.search(
            element.get("class") or ""
        ):
            return True
        return element in self.backward and bool(BACK_SYMBOLS.fullmatch(text_of(element)))

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
    return etree.tostring(element, method="text", encoding=str, with_tail=False)
