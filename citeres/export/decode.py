"""The way back, .bib → Work: what a user typed into a .bib file, as the fields of the
model, so that a hand edit reaches every format (CSL-JSON, RIS, the other .bib).

Values are read as BibTeX does (braces, quotes, `#` joins, @string names) and decoded from
LaTeX (`\\&`, `{\\"o}`, `--`) to plain text; names are split as BibTeX splits them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import Block, Entry, String

from citeres.controls import strip_controls
from citeres.export.merge import TYPE
from citeres.model import Name, Work, WorkType

# A .bib field → the Work field it sets; BibTeX and BibLaTeX names alike.
FIELDS = {
    "title": "title", "subtitle": "subtitle", "booktitle": "container", "journal": "container",
    "journaltitle": "container", "howpublished": "container", "organization": "container",
    "volume": "volume", "number": "issue", "edition": "edition", "address": "place",
    "location": "place", "publisher": "publisher", "year": "year", "date": "year",
    "origdate": "original_year", "pages": "pages", "doi": "doi", "isbn": "isbn", "url": "url",
}  # fmt: skip
NAME_FIELDS = {"author": "authors", "editor": "editors"}
VERBATIM = frozenset({"doi", "url"})
TYPES = {
    "book": WorkType.BOOK, "incollection": WorkType.CHAPTER, "inbook": WorkType.CHAPTER,
    "inproceedings": WorkType.CHAPTER, "conference": WorkType.CHAPTER,
    "article": WorkType.ARTICLE, "online": WorkType.WEB, "electronic": WorkType.WEB,
    "www": WorkType.WEB,
}  # fmt: skip
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
Strings = dict[str, str]


@dataclass(frozen=True)
class Dialect:
    """How one .bib file writes the model: BibTeX's title holds the subtitle too."""

    title_holds_subtitle: bool


BIBTEX = Dialect(title_holds_subtitle=True)
BIBLATEX = Dialect(title_holds_subtitle=False)


@cache
def latex_to_text_converter() -> Any:
    """pylatexenc (bibtexparser's own dependency), taught citeres' escapes of braces and
    accents so that what citeres writes decodes back to what it was."""
    from pylatexenc import latex2text as l2t

    db = l2t.get_default_latex_context_db()
    texts = {"textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^",
             "textasciitilde": "~", "textbackslash": "\\"}  # fmt: skip
    db.add_context_category(
        "citeres", prepend=True, macros=[l2t.MacroTextSpec(k, v) for k, v in texts.items()]
    )
    return l2t.LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)


def split_concatenation(raw: str) -> list[str]:
    """`{A} # " and " # name` → its three parts, `#` counted only outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    return [*parts, raw[start:]]


def evaluate(raw: str, strings: Strings) -> str:
    """A raw field value as BibTeX reads it, still in LaTeX."""
    out = []
    for part in (p.strip() for p in split_concatenation(raw)):
        if len(part) >= 2 and (part[0], part[-1]) in {("{", "}"), ('"', '"')}:
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        else:
            name = part.lower()
            out.append(strings.get(name, str(MONTHS[name]) if name in MONTHS else part))
    return "".join(out)


def string_table(blocks: list[Block]) -> Strings:
    """@string name = value, each read with the strings defined before it."""
    strings: Strings = {}
    for block in blocks:
        if isinstance(block, String) and isinstance(block.value, str):
            strings[block.key.lower()] = evaluate(block.value, strings)
    return strings


def plain(latex: str) -> str:
    try:
        text = latex_to_text_converter().latex_to_text(latex)
    except Exception:  # pylatexenc's own errors on broken LaTeX: keep the text as typed
        text = latex
    return " ".join(strip_controls(text).replace("\xa0", " ").split())


def decode_value(key: str, raw: str, strings: Strings) -> str | None:
    text = evaluate(raw, strings)
    value = " ".join(strip_controls(text).split()) if key in VERBATIM else plain(text)
    return value or None


def decode_name(text: str) -> Name | None:
    whole = text.strip()
    if whole.startswith("{") and whole.endswith("}") and balanced_inside(whole):
        return Name(family=plain(whole), corporate=True)  # `{Marxists Internet Archive}`
    try:
        parts = parse_single_name_into_parts(whole, strict=False)
    except InvalidNameError:
        return Name(family=plain(whole), corporate=True) if whole else None
    family = plain(" ".join(parts.last))
    if not family:
        return None
    return Name(
        family=family,
        given=plain(" ".join(parts.first)),
        particle=plain(" ".join(parts.von)),
        suffix=plain(" ".join(parts.jr)),
    )


def balanced_inside(braced: str) -> bool:
    """`{A} and {B}` is two groups, `{A and B}` one: the outer braces enclose it all."""
    depth = 0
    for ch in braced[:-1]:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0:
            return False
    return True


def decode_names(raw: str, strings: Strings) -> tuple[tuple[Name, ...], bool]:
    """(names, et_al): BibTeX's `and others` is the model's et al."""
    found = split_multiple_persons_names(evaluate(raw, strings))
    et_al = bool(found) and found[-1].strip().lower() == "others"
    names = [decode_name(n) for n in (found[:-1] if et_al else found)]
    return tuple(n for n in names if n is not None), et_al


def changes(fields: dict[str, str | None], strings: Strings, dialect: Dialect) -> dict[str, Any]:
    """The Work fields that a set of .bib fields (None: removed) sets."""
    out: dict[str, Any] = {}
    for key, raw in fields.items():
        if key == TYPE:
            out["type"] = TYPES.get((raw or "").lower(), WorkType.MISC)
        elif key in NAME_FIELDS:
            names, et_al = decode_names(raw, strings) if raw else ((), False)
            out[NAME_FIELDS[key]] = names
            if key == "author":
                out["et_al"] = et_al
        elif key in FIELDS:
            out[FIELDS[key]] = decode_value(key, raw, strings) if raw else None
            if key == "title" and dialect.title_holds_subtitle:
                out["subtitle"] = None
    return out


def entry_work(entry: Entry, strings: Strings, dialect: Dialect) -> Work:
    """A whole entry of the user's own as a work of the model."""
    fields: dict[str, str | None] = {f.key.lower(): f.value for f in entry.fields}
    values = changes({TYPE: entry.entry_type, **fields}, strings, dialect)
    return Work(key=entry.key, **values)


def edited(work: Work, fields: dict[str, str | None], strings: Strings, dialect: Dialect) -> Work:
    return dataclasses.replace(work, **changes(fields, strings, dialect))
