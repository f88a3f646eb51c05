"""Markdown → the text the finders read, line for line: heading marks dropped (`## Notes` is a
Notes heading), links as `text url` (the reference parser cuts a URL out of a note, and the
URL finder finds it in running text), images as their alt text, in-page links to a number
as `[N]` markers, backslash escapes undone, emphasis (`*Title*`) dropped in running text,
where the finders do not read it and miss the title it marks; it stays in footnotes
(`[^3]: ...`), where the reference parser reads it. Inline HTML of phrasing elements is
read as a browser shows it (`<i>` as emphasis, `<sup>3</sup>` as a marker, `<a href>` as
a link). Code is left alone.

Every line keeps its place, so the line of every character is the original file's line.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?P<text>[^*_\n]+)\1[ \t]*:?[ \t]*$")
# `[text](url "title")` and `![alt](src)`: the text may hold brackets and the destination
# parentheses one deep; every quantifier stops at a character the next part cannot start
# with, so no input makes it backtrack.
LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?P<url><[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"
)
# `[text][label]` and `[text][]`, a link only when the file defines the label.
REFERENCE_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\[(?P<label>[^\[\]\n]*)\]")
DEFINITION = re.compile(r"^[ \t]{0,3}\[([^\[\]\n^]+)\]:[ \t]*\S", re.MULTILINE)
AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^\s<>]*)>")
ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# A character reference, `&#8217;` `&amp;` `&eacute;`, which CommonMark decodes in text and
# link addresses alike (one written `\&amp;` stays as it is written).
ENTITY = re.compile(r"(?<!\\)&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
CODE_SPAN = re.compile(r"(`+)[^`\n]*?\1")
NUMBER = re.compile(r"\s*\[?(\d{1,4})\]?\s*")
FOOTNOTE = re.compile(r"^[ \t]{0,3}\[\^[^\]\n]+\]:")
# Inline HTML of phrasing elements, which a Markdown page from the web carries (`*West
# 86<sup>th</sup>*`, `<i>Title</i>`): the tags are dropped as a browser shows the text;
# <i>, <em> and <cite> mark a title as `*` does. A tag never spans lines here.
PHRASE_TAGS = "abbr|b|cite|em|i|mark|small|span|strong|sub|sup|u"
ITALIC_TAG = re.compile(r"<(?P<tag>i|em|cite)(?:\s[^<>\n]*)?>(?P<text>[^<>\n]+)</(?P=tag)>", re.I)
ANCHOR = re.compile(
    r"<a\s[^<>\n]*?\bhref=[\"'](?P<url>[^\"'<>\s]*)[\"'][^<>\n]*>(?P<text>[^<>\n]*)</a>", re.I
)
SUPERSCRIPT_NUMBER = re.compile(r"<sup>\s*\[?(\d{1,4})\]?\s*</sup>", re.I)  # a note's marker
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)  # a break within a paragraph: a space
PHRASE_TAG = re.compile(rf"</?(?:{PHRASE_TAGS})(?:\s[^<>\n]*)?/?>", re.I)
EMPHASIS = re.compile(  # as CommonMark reads it within a line: not inside snake_case words
    r"(?<![\w*_\\])(?P<mark>\*{1,2}|_{1,2})(?P<text>[^\s*_](?:[^*_\n]*[^\s*_])?)(?P=mark)(?![\w*_])"
)


def convert(text: str) -> str:
    """The text of a Markdown file, ready for the finders; as many lines as the file."""
    return convert_spans(text)[0]


Spans = tuple[tuple[int, int], ...]


def convert_spans(text: str) -> tuple[str, Spans, Spans]:
    """The converted text, the (start, end) of each link address written into it, and of
    each emphasis of running text whose marks were dropped."""
    lines = text.split("\n")
    labels = {m.group(1).lower() for m in DEFINITION.finditer(text)}
    fence = None
    links: list[tuple[int, int]] = []
    italics: list[tuple[int, int]] = []
    offset = 0
    for i, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            urls: list[str] = []
            emphasised: list[str] = []
            lines[i] = convert_line(line, labels, urls, emphasised)
            links.extend((offset + a, offset + b) for a, b in located(lines[i], urls))
            italics.extend((offset + a, offset + b) for a, b in located(lines[i], emphasised))
        offset += len(lines[i]) + 1
    return "\n".join(lines), tuple(links), tuple(italics)


def located(line: str, urls: list[str]) -> list[tuple[int, int]]:
    """Where the link addresses written into a converted line stand, in order."""
    spans, at = [], 0
    for url in urls:
        start = line.find(url, at)
        if start >= 0:
            spans.append((start, start + len(url)))
            at = start + len(url)
    return spans


def convert_line(
    line: str,
    labels: set[str],
    urls: list[str] | None = None,
    emphasised: list[str] | None = None,
) -> str:
    heading = ATX_HEADING.match(line) or BOLD_LINE.match(line)
    if heading:
        line = heading.group("text") or ""
    emphasis = bool(FOOTNOTE.match(line))  # kept in a footnote, for the reference parser
    found = Found([] if urls is None else urls, [] if emphasised is None else emphasised)
    if "`" not in line:
        return inline(line, labels, emphasis, found)
    pieces, done = [], 0  # code spans are kept verbatim, the text around them converted
    for span in CODE_SPAN.finditer(line):
        pieces += [inline(line[done : span.start()], labels, emphasis, found), span.group()]
        done = span.end()
    return "".join([*pieces, inline(line[done:], labels, emphasis, found)])


class Found(NamedTuple):
    """What a line's conversion wrote: link addresses, and emphasised text without marks."""

    urls: list[str]
    emphasised: list[str]


def inline(text: str, labels: set[str], emphasis: bool, found: Found) -> str:
    if "[" in text:
        text = LINK.sub(lambda match: link(match, found.urls), text)
        if labels:
            text = REFERENCE_LINK.sub(lambda m: reference_link(m, labels), text)
    if "<" in text:
        text = AUTOLINK.sub(r"\g<url>", text)
        text = ANCHOR.sub(lambda match: link(match, found.urls), text)
        text = SUPERSCRIPT_NUMBER.sub(r"[\1]", text)
        text = ITALIC_TAG.sub(r"*\g<text>*", text)  # read as the emphasis it is, below
        text = PHRASE_TAG.sub("", LINE_BREAK.sub(" ", text))
    if not emphasis and ("*" in text or "_" in text):
        text = EMPHASIS.sub(lambda match: unmarked(match, found.emphasised), text)
    text = decoded(text)
    if "\\" in text:
        text = ESCAPE.sub(r"\1", text)
    return text


def unmarked(match: re.Match[str], emphasised: list[str]) -> str:
    """The text without its marks; `*Title*` is kept as a title's evidence, `**strong**`
    is not (a name or a label set in bold is no title)."""
    if len(match.group("mark")) == 1:
        emphasised.append(match.group("text"))
    return match.group("text")


def link(match: re.Match[str], urls: list[str]) -> str:
    text = match.group("text").strip()
    url = match.group("url").strip("<>")
    if match.groupdict().get("image"):
        return text
    number = NUMBER.fullmatch(text)
    if url.startswith("#") and number:
        return f"[{number.group(1)}]"  # an in-page link to a note: its marker
    if not url.startswith(("http://", "https://")) or not text or url in text:
        return text or url
    urls.append(decoded(url))  # as it will read once the line's references are decoded
    return f"{text} {url}"


def decoded(text: str) -> str:
    return ENTITY.sub(lambda match: html.unescape(match.group()), text) if "&" in text else text


def reference_link(match: re.Match[str], labels: set[str]) -> str:
    label = (match.group("label") or match.group("text")).lower()
    return match.group("text") if label in labels else match.group()
