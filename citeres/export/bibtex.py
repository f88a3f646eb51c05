"""BibTeX: model.Work → bibtexparser entries → text; one entry type per WorkType.

Values are escaped LaTeX and carry their own braces, so the text written is exactly the
text `merge` compares with on the next run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from citeres.export.fields import bare_doi, full_title, nonempty, page_range
from citeres.export.names import name_parts
from citeres.model import Name, Work, WorkType

Pairs = list[tuple[str, str]]

LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# BibTeX counts every brace, escaped or not, so a lone \{ would unbalance the field; when
# the text's own braces do not pair up they are written as commands instead (which pandoc
# does not know, hence only then).
LONE_BRACES = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
SPECIAL = re.compile("|".join(re.escape(c) for c in LATEX_SPECIALS))
WORD = re.compile(r"(?<![\\\w])\w+")
# What a URL may not hold unencoded inside a braced BibTeX value.
URL_UNSAFE = {"{": "%7B", "}": "%7D", " ": "%20", "\\": "%5C"}
TITLE_FIELDS = frozenset({"title", "booktitle", "maintitle", "subtitle"})
VERBATIM_FIELDS = frozenset({"url", "doi"})


def escape(text: str) -> str:
    """Escape the ten LaTeX specials in one pass, so no replacement is escaped again."""
    table = LATEX_SPECIALS if braces_pair(text) else LATEX_SPECIALS | LONE_BRACES
    return SPECIAL.sub(lambda m: table[m.group()], text)


def braces_pair(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def protect_case(text: str) -> str:
    """Brace words with capitals after the first letter (USSR, McCarthy, СССР), which
    styles would otherwise lower-case; LaTeX command names are left alone."""
    return WORD.sub(lambda m: f"{{{m.group()}}}" if inner_capital(m.group()) else m.group(), text)


def inner_capital(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:])


def safe_url(url: str) -> str:
    return "".join(URL_UNSAFE.get(ch, ch) for ch in url.strip())


def guard(part: str) -> str:
    """Brace a name part holding a comma or the word `and`, which BibTeX would split on."""
    if "," in part or re.search(r"\band\b", part, re.IGNORECASE):
        return f"{{{part}}}"
    return part


def bibtex_name(name: Name) -> str:
    """`{van Gogh}`-safe `von Last, Jr, First`; an organisation braced whole."""
    if name.corporate:
        return f"{{{escape(name.family)}}}"
    family, suffix, given = (escape(part) for part in name_parts(name))
    return ", ".join(guard(part) for part in (family, suffix, given) if part)


def bibtex_names(names: Sequence[Name]) -> str | None:
    return " and ".join(bibtex_name(name) for name in names) or None


def field_value(key: str, value: str) -> str:
    """The braced BibTeX text of one plain-text value."""
    if key in VERBATIM_FIELDS:
        text = safe_url(value)
    elif key in TITLE_FIELDS:
        text = protect_case(escape(value))
    else:
        text = escape(value)
    return f"{{{text}}}"


def make_entry(entry_type: str, key: str, plain: Pairs, names: Pairs) -> Entry:
    """An entry from plain-text fields and already formatted name lists."""
    fields = [Field(k, f"{{{v}}}") for k, v in names] + [
        Field(k, field_value(k, v)) for k, v in plain
    ]
    order = {k: i for i, k in enumerate(FIELD_ORDER)}
    fields.sort(key=lambda f: order.get(f.key, len(order)))
    return Entry(entry_type, key, fields)


FIELD_ORDER = (
    "author", "editor", "translator", "title", "subtitle", "maintitle", "booktitle",
    "journal", "journaltitle", "series", "volume", "number", "edition", "address", "location",
    "publisher",
    "year", "date", "origdate", "pages", "doi", "isbn", "url", "note",
)  # fmt: skip


def name_pairs(work: Work) -> Pairs:
    authors = bibtex_names(work.authors)
    if authors and work.et_al:
        authors += " and others"  # BibTeX's own way of writing `et al.`
    return nonempty(
        [
            ("author", authors),
            ("editor", bibtex_names(work.editors)),
            ("translator", bibtex_names(work.translators)),
        ]
    )


def imprint(work: Work) -> list[tuple[str, str | None]]:
    return [
        ("edition", work.edition),
        ("address", work.place),
        ("publisher", work.publisher),
        ("year", work.year),
    ]


def identifiers(work: Work) -> list[tuple[str, str | None]]:
    return [("doi", bare_doi(work.doi)), ("isbn", work.isbn), ("url", work.url)]


def book(work: Work) -> Pairs:
    return nonempty(
        [
            ("title", full_title(work)),
            ("series", work.series),
            ("volume", work.volume),
            *imprint(work),
            *identifiers(work),
        ]
    )


def chapter(work: Work) -> Pairs:
    return nonempty(
        [
            ("title", full_title(work)),
            ("booktitle", work.container),
            ("series", work.series),
            ("volume", work.volume),
            *imprint(work),
            ("pages", page_range(work.pages, "--")),
            *identifiers(work),
        ]
    )


def article(work: Work) -> Pairs:
    return nonempty(
        [
            ("title", full_title(work)),
            ("journal", work.container),
            ("volume", work.volume),
            ("number", work.issue),
            ("year", work.year),
            ("pages", page_range(work.pages, "--")),
            *identifiers(work),
        ]
    )


def other(work: Work) -> Pairs:
    """Web pages and the rest: classic BibTeX styles know @misc, not @online."""
    return nonempty(
        [
            ("title", full_title(work)),
            ("howpublished", work.container),
            ("publisher", work.publisher),
            ("address", work.place),
            ("year", work.year),
            *identifiers(work),
        ]
    )


# Per work type: the entry type and the fields it takes. BibLaTeX has a table of its own.
EntryTypes = dict[WorkType, tuple[str, Callable[[Work], Pairs]]]
ENTRY_TYPES: EntryTypes = {
    WorkType.BOOK: ("book", book),
    WorkType.CHAPTER: ("incollection", chapter),
    WorkType.ARTICLE: ("article", article),
    WorkType.WEB: ("misc", other),
    WorkType.MISC: ("misc", other),
}


def entries_by(types: EntryTypes, works: Iterable[Work]) -> list[Entry]:
    """One entry per work, sorted by key so the file is the same on every run."""
    entries = []
    for work in sorted(works, key=lambda w: w.key):
        entry_type, fields_of = types[work.type]
        entries.append(make_entry(entry_type, work.key, fields_of(work), name_pairs(work)))
    return entries


def to_entries(works: Iterable[Work]) -> list[Entry]:
    return entries_by(ENTRY_TYPES, works)


def bibtex_format() -> BibtexFormat:
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.value_column = 0
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    return fmt


def write_entries(entries: Sequence[Entry]) -> str:
    """Entries as text; values are already braced, so no unparse middleware runs."""
    if not entries:
        return ""
    library = Library(list(entries))
    return bibtexparser.write_string(library, unparse_stack=[], bibtex_format=bibtex_format())


def to_bibtex(works: Iterable[Work]) -> str:
    return write_entries(to_entries(works))
