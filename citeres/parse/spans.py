"""Labelled tokens → spans → the fields of one work, each span through its own normaliser.

The model decides which span is what; the rules here only normalise: names split by
`parse_names`, a date to its year, volumes and pages to their numbers, identifiers by the
parser's own patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from citeres.identity import YEAR_IN_TEXT, is_idem, roman_value
from citeres.model import Name
from citeres.parse.exact import DOI, IBID, ISBN, OPCIT, URL
from citeres.parse.names import ET_AL, parse_names
from citeres.parse.numbers import PAGE_RANGE
from citeres.parse.tokens import Token
from citeres.text import squash

LABELS = (
    "author editor translator title container collection volume issue edition pages date "
    "publisher location url doi isbn note locator short-form commentary"
).split()
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}
TEXT_FIELDS = {
    "title": "title",
    "container": "container",
    "collection": "series",
    "publisher": "publisher",
    "location": "address",
}
FIELDS = (
    "type author editor translator et_al title container series volume issue edition year "
    "publisher address pages url doi isbn locator form"
).split()

# What announces a name's role (`edited by`, `(eds.)`, `trans.`, `a cura di`, `hrsg. v.`):
# cut before the names are split, so the role word never becomes a name.
ROLE = re.compile(
    r"^\s*in\b:?|\b(?:edited|translated|compiled|introduced|herausgegeben|übersetzt|traduit|"
    r"editors?|a\s+cura\s+di|by)\b|\b(?:eds?|edd|éds?|dirs?|hrsg|hg|hgg|cur|curr|trans|transl|"
    r"tr|trad|übers|ed(?:ited)?\s+by)\.",
    re.IGNORECASE,
)
# `Martin Luther King, Jr.`: a suffix after the first comma of a name in reading order.
SUFFIX = re.compile(r"^(?P<before>[^,]+\s[^,]+),\s*(?P<suffix>Jr|Sr|II|III|IV)\.?(?=,|;|$)")
TRAILING_SUFFIX = re.compile(r",\s*(Jr|Sr)$")
ABBREVIATED = re.compile(r"(?:\b(?:Inc|Co|Ltd|Bros|Corp|Pty|Publ|Pub|Assn|[A-Z]))\.$")
LEADING_NUMBER = re.compile(r"^[\W\d_]+(?=\w)")
EDITED = re.compile(  # `(ed.)`, `(Hrsg.)`, `eds.`, `editors`, `a cura di` closing a name list
    r"(?:\((?i:eds?|editors?|edd|hrsg|hg|dir|éds?)\.?\)|\b(?:eds?|edd|hrsg|hg|dir|éds?)\.|"
    r"\b(?:editors?|eds)\b|\ba cura di)[.,:]?$"
)
CONJUNCTION = re.compile(r"\s+(?:e|et|und|y)\s+")
FAMILY_INITIALS = re.compile(
    r"^(?P<family>(?:[a-z]+\s)*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s[A-ZÀ-ÖØ-Þ][\w'’-]+)?)\s+"
    r"(?P<initials>[A-Z]{1,3}|(?:[A-Z]\.\s?){1,3})$"
)
EDGE = " \t.,:;()[]{}“”\"'‘’«»„/"
NUMBER = re.compile(r"\d+|\b[IVXLCDM]+\b|\b[ivxlcdm]+\b")
PAGES = re.compile(PAGE_RANGE, re.IGNORECASE)
ISSUE = re.compile(r"\(\s*([\w/–-]+)\s*\)|\b(?:no|nr|n|num|heft|fasc|issue)\.?\s*([\w/–-]+)", re.I)
CONTAINER_CUE = re.compile(r"^(?:in|dans|en|im|aus)\b:?\s*", re.IGNORECASE)
EDITION_WORD = re.compile(r"\b(?:ed|edn|edition|édition|éd|ausgabe|aufl|auflage|ediz)\b\.?", re.I)


class Span(NamedTuple):
    label: str
    start: int
    end: int
    text: str


def spans_of(text: str, tokens: Sequence[Token], labels: Sequence[str]) -> list[Span]:
    """Runs of tokens with one label, as spans of `text` (the original spacing kept)."""
    spans: list[Span] = []
    for token, label in zip(tokens, labels, strict=True):
        if spans and spans[-1].label == label:
            last = spans[-1]
            spans[-1] = Span(label, last.start, token.end, text[last.start : token.end])
        else:
            spans.append(Span(label, token.start, token.end, token.text))
    return spans


def clean(text: str) -> str | None:
    """The span without the marks at its edges, but for a closing bracket whose opening one
    it holds (`Monad Press (Pathfinder Press)`)."""
    text = squash(text)
    stripped = text.strip(EDGE)
    if stripped.count("(") > stripped.count(")"):
        at = text.find(stripped) + len(stripped)
        missing = stripped.count("(") - stripped.count(")")
        stripped += text[at:].lstrip(" .,:;")[:missing].replace("]", "")
    return stripped or None


def publisher(text: str) -> str | None:
    """A publisher keeps the stop of its abbreviation: `Praeger, Inc.`, `Book Co.`."""
    name = clean(text)
    if name and ABBREVIATED.search(name + ".") and squash(text).rstrip(" ,;:").endswith("."):
        return name + "."
    return name


def names(text: str) -> list[str]:
    return [n.inverted() for n in name_list(text)]


def name_list(text: str) -> tuple[Name, ...]:
    text = LEADING_NUMBER.sub("", text)  # `27. Boyle, Frank`: a list number, never a name
    bare = ROLE.sub(" ", text) if ROLE.search(text) else text
    bare = ET_AL.sub("", squash(bare).strip(EDGE + "&"))  # before `et` is read as `and`
    bare = SUFFIX.sub(r"\g<before> \g<suffix>.", bare.strip(EDGE + "&"))
    bare = TRAILING_SUFFIX.sub(r", \1.", bare)  # `King, Martin Luther, Jr.`
    return parse_names(family_first(CONJUNCTION.sub(" and ", bare)))


def et_al(text: str) -> bool:
    return bool(ET_AL.search(squash(text).strip(EDGE.replace(".", "") + "&")))


def family_first(text: str) -> str:
    """`Pérez-Higueras JJ, Arias A` → `J. J. Pérez-Higueras and A. Arias`, which the name
    splitter reads; other lists are left as they are."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    matches = [FAMILY_INITIALS.match(p) for p in parts]
    if not parts or not all(matches):
        return text
    return " and ".join(
        " ".join(f"{ch}." for ch in m.group("initials") if ch.isalpha()) + " " + m.group("family")
        for m in matches
        if m
    )


def volume(text: str) -> str | None:
    match = NUMBER.search(text)
    if not match:
        return None
    number = match.group()
    return number.upper() if not number.isdigit() and roman_value(number) else number


def issue(text: str) -> str | None:
    match = ISSUE.search(text)
    if match:
        return match.group(1) or match.group(2)
    found = NUMBER.search(text)
    return found.group() if found else None


def pages(text: str) -> str | None:
    found = [re.sub(r"\s*[-–—]+\s*", "-", m.group()) for m in PAGES.finditer(text)]
    found = [p for p in found if any(ch.isdigit() for ch in p) or len(found) == 1]
    return ", ".join(found) or None


def single(pages: str) -> bool:
    return "-" not in pages and "," not in pages


def year(text: str) -> str | None:
    match = YEAR_IN_TEXT.search(text)
    return match.group(1) if match else None


def edition(text: str) -> str | None:
    return clean(EDITION_WORD.sub(" ", text))


def identifier(pattern: re.Pattern[str], group: int) -> Any:
    def normalise(text: str) -> str | None:
        match = pattern.search(text)
        return match.group(group).replace(" ", "") if match else None

    return normalise


def isbn(text: str) -> str | None:
    found = identifier(ISBN, 1)(text)
    if found:
        return found
    digits = re.sub(r"[^\dX]", "", text.upper())
    return digits if len(digits) in (10, 13) else None


NORMALISE = {
    "volume": volume,
    "issue": issue,
    "edition": edition,
    "pages": pages,
    "locator": pages,
    "date": year,
    "url": identifier(URL, 0),
    "doi": identifier(DOI, 1),
    "isbn": isbn,
}
TARGET = {"date": "year"}


def fields_of(spans: Sequence[Span]) -> dict[str, Any]:
    """The work shape of the contract, plus `locator` (the pages cited) and `form`."""
    out: dict[str, Any] = dict.fromkeys(FIELDS)
    for key in NAME_FIELDS.values():
        out[key] = []
    by_label: dict[str, list[Span]] = {}
    for span in spans:
        if span.label == "author" and EDITED.search(span.text.strip()):
            span = span._replace(label="editor")  # `Solbrig, Otto (ed.).` names an editor
        by_label.setdefault(span.label, []).append(span)
    for label, key in NAME_FIELDS.items():
        if label in by_label:
            out[key] = names("; ".join(s.text for s in by_label[label]))
    out["et_al"] = any(et_al(s.text) for s in by_label.get("author", ()))
    for label, key in TEXT_FIELDS.items():
        if label in by_label:
            read = publisher if label == "publisher" else clean
            out[key] = read(by_label[label][0].text)
    if out["container"]:
        out["container"] = clean(CONTAINER_CUE.sub("", out["container"]))
    for label, normalise in NORMALISE.items():
        for span in by_label.get(label, ()):
            value = normalise(span.text)
            if value:
                out[TARGET.get(label, label)] = value
                break
    if out["doi"] is None and out["url"] and "doi.org/10." in out["url"]:
        out["doi"] = identifier(DOI, 1)(out["url"])  # `https://doi.org/10.1086/244724`
    if out["issue"] is None and "volume" in by_label:
        rest = NUMBER.sub("", by_label["volume"][0].text, count=1)
        out["issue"] = issue(rest) if NUMBER.search(rest) else None
    out["form"] = form(by_label, out)
    out["type"] = work_type(by_label, out)
    if out["pages"] and not out["locator"] and (out["type"] == "book" or single(out["pages"])):
        # A whole book has no range of its own; after a journal's numbers a single page is
        # the page cited (`Review 3, no. 2 (1990): 14`).
        out["locator"], out["pages"] = out["pages"], None
    return out


def form(by_label: dict[str, list[Span]], out: dict[str, Any]) -> str:
    """full, ibid, opcit, volume-only or short. A reference with a title and no short-form
    word is full: whether it repeats a work cited before is the resolver's to say."""
    short = " ".join(s.text for s in by_label.get("short-form", ())).strip()
    first = short.split()[0].strip(",.;:") if short else ""
    if first and is_idem(first) and out["title"]:
        out["author"] = out["author"] or [first]  # the resolver puts the author before
        # `Id., Il Mediterraneo, cit.`: the same author's work cited before
        return "opcit" if OPCIT.search(", " + short) else "full"
    if short and IBID.match(short) and not out["title"]:
        return "ibid"
    if short and OPCIT.search(", " + short):  # `cit.` alone counts after a comma
        return "volume-only" if out["volume"] and not out["title"] else "opcit"
    if out["author"] and not out["title"] and not out["url"]:
        return "short"  # `Smith, 45`, `Smith 1998, 45`: the resolver finds the work
    return "full"


def work_type(by_label: dict[str, list[Span]], out: dict[str, Any]) -> str:
    if out["container"]:
        cued = CONTAINER_CUE.match(by_label["container"][0].text.strip())
        if cued or out["editor"] or out["publisher"] or out["address"]:
            return "incollection"
        return "article"
    if out["url"] and not (out["publisher"] or out["address"]):
        return "online"
    if out["title"] or out["publisher"] or out["isbn"]:
        return "book"
    return "misc"
