"""Locators and volumes: `pp. 185-6`, `pp392-3`, `p. xiii`, `Vol. II`, `Vio. III`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeres.identity import roman_value

PAGE = r"(?:\d+|(?-i:[xvilcdm]+))"  # roman page numbers are lower case: `P. L.` is a name
PAGE_RANGE = rf"{PAGE}(?:\s*[-–—]+\s*{PAGE})?(?:\s*ff?\.?)?"
# `p. 65`, `pp. 185-6`, `pp392-3`, `pp. 396-7, 407`, `pages 4-5`; the trailing comma of a
# truncated list (`pp. 195, 202,`) is part of the match so it can be reported.
LOCATOR = re.compile(
    rf"(?<![\w.])(?P<label>pp?|pgs?|pages?|S(?=\.\s*\d))(?![a-z])(?P<dot>\.?)(?P<space>\s*)"
    rf"(?P<pages>{PAGE_RANGE}(?:\s*,\s*{PAGE_RANGE})*)(?P<tail>\s*,)?(?!\w)",
    re.IGNORECASE,
)
BARE_PAGES = re.compile(r"^(?P<pages>\d+(?:\s*[-–—]+\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–—]+\s*\d+)?)*)$")
VOLUME = re.compile(
    r"(?<![\w])(?P<label>vol(?:ume)?|vio|vlo|v0l|bd|tome)(?P<sep>\.?,?\s*\.?)"
    r"(?P<number>[ivxlc]+|\d{1,3})\b\.?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """A value cut from a string, with what is left and any complaint about its spelling."""

    value: str
    rest: str
    complaint: str | None = None


def find_pages(text: str) -> Found | None:
    """The last page locator in `text`."""
    matches = list(LOCATOR.finditer(text))
    if not matches:
        return None
    match = matches[-1]
    pages = re.sub(r"\s*([-–—]+)\s*", "-", match.group("pages"))
    pages = re.sub(r"\s*,\s*", ", ", pages)
    complaint = None
    if match.group("tail"):
        complaint = f"the page list `{squash_match(match)}` ends in a comma: is a page missing?"
    elif not match.group("dot") and not match.group("space"):
        complaint = f"`{squash_match(match)}` has no space or full stop after the page label"
    rest = text[: match.start()] + text[match.end() :]
    return Found(pages, rest, complaint)


def squash_match(match: re.Match[str]) -> str:
    return " ".join(match.group(0).split())


def find_volume(text: str) -> Found | None:
    """The volume, normalised (`II`, `3`), with a complaint when its label is misspelt."""
    match = VOLUME.search(text)
    if not match:
        return None
    label, sep, number = match.group("label"), match.group("sep"), match.group("number")
    value = number.upper() if roman_value(number) else number
    complaint = None
    written = squash_match(match).rstrip(".")
    if label.lower() not in ("vol", "volume", "bd", "tome"):
        complaint = f"`{written}` looks like a misspelt volume label"
    elif label.lower() == "vol" and sep.strip() != ".":
        complaint = f"`{written}` is not written `Vol. {value}`"
    rest = text[: match.start()] + text[match.end() :]
    return Found(value, rest, complaint)
