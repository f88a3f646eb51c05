"""The values passed between stages: documents, mentions, references, citations, works, problems.

Every value is a frozen dataclass that carries its own source location, so no later stage
has to search the text again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import StrEnum

NEWLINE = re.compile("\n")


class Kind(StrEnum):
    """How a citation points at its work (the `kind` of the JSON contract)."""

    FULL = "full"
    SHORT = "short"
    IBID = "ibid"
    OPCIT = "opcit"
    VOLUME_ONLY = "volume-only"
    PARENTHETICAL = "parenthetical"
    MENTION = "mention"
    AUTHOR_ONLY = "author-only"
    FURTHER_READING = "further-reading"
    URL = "url"
    ATTRIBUTION = "attribution"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class WorkType(StrEnum):
    """The type of a work; the values are BibTeX entry types."""

    BOOK = "book"
    CHAPTER = "incollection"
    ARTICLE = "article"
    WEB = "online"
    MISC = "misc"


@dataclass(frozen=True)
class Document:
    """One input file, decoded, with newlines normalised to \\n."""

    path: str
    text: str
    line_starts: tuple[int, ...] = field(repr=False, default=(0,))

    @classmethod
    def from_text(cls, path: str, text: str) -> Document:
        # The regex engine finds the newlines at C speed; a Python loop over every
        # character was a tenth of the whole analysis.
        starts = (0, *(m.end() for m in NEWLINE.finditer(text)))
        return cls(path=path, text=text, line_starts=starts)

    def line_of(self, offset: int) -> int:
        """The 1-based line holding character `offset`."""
        return bisect.bisect_right(self.line_starts, offset)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


@dataclass(frozen=True)
class Name:
    """A personal or corporate name, split the way BibTeX and CSL want it."""

    family: str
    given: str = ""
    particle: str = ""  # the "von" part: van, de, von, al-
    suffix: str = ""  # Jr., III
    corporate: bool = False  # an organisation, kept whole

    def inverted(self) -> str:
        """`Family, Given` with particle and suffix in BibTeX order."""
        if self.corporate:
            return self.family
        family = f"{self.particle} {self.family}".strip()
        parts = [family]
        if self.suffix:
            parts.append(self.suffix)
        if self.given:
            parts.append(self.given)
        return ", ".join(parts)

    def display(self) -> str:
        """`Given Family` as a reader writes it."""
        if self.corporate:
            return self.family
        text = " ".join(p for p in (self.given, self.particle, self.family) if p)
        return f"{text}, {self.suffix}" if self.suffix else text


@dataclass(frozen=True)
class Reference:
    """What one reference string says, field by field; empty where it says nothing."""

    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    et_al: bool = False  # the author list ends `et al.`: more authors than named
    title: str | None = None
    container: str | None = None  # the book of a chapter, the journal of an article
    volume: str | None = None  # normalised: roman numerals as written, upper case
    issue: str | None = None
    edition: str | None = None
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    url: str | None = None
    doi: str | None = None
    isbn: str | None = None
    type: WorkType = WorkType.BOOK


@dataclass(frozen=True)
class Mention:
    """Where a finder saw a reference: the raw text and its place, before parsing.

    Finders of running text already know the fields they matched on (the possessive
    author, the title) and pass them as `reference`; note finders leave it to the parser.
    """

    path: str
    line: int
    start: int  # offset of the raw text in Document.text
    end: int
    kind: Kind  # the finder's view; parsing refines FULL into short forms
    raw: str
    note: int | None = None
    reference: Reference | None = None
    pages: str | None = None

    @classmethod
    def at(
        cls,
        document: Document,
        start: int,
        end: int,
        kind: Kind,
        reference: Reference | None = None,
        note: int | None = None,
        pages: str | None = None,
    ) -> Mention:
        """The mention of document.text[start:end], on the line where it starts."""
        raw = document.text[start:end]
        line = document.line_of(start)
        return cls(document.path, line, start, end, kind, raw, note, reference, pages)


@dataclass(frozen=True)
class Citation:
    """One reference to one work at one place; `work` is the key once clustered."""

    path: str
    line: int
    kind: Kind
    raw: str
    reference: Reference
    note: int | None = None
    pages: str | None = None
    start: int = 0
    work: str | None = None
    ambiguous: bool = False

    def with_work(self, work: str | None) -> Citation:
        """This citation pointing at `work`; built directly, as dataclasses.replace is slow
        for the tens of thousands of citations of a large run."""
        return Citation(
            self.path, self.line, self.kind, self.raw, self.reference,
            self.note, self.pages, self.start, work, self.ambiguous,
        )  # fmt: skip


@dataclass(frozen=True)
class Enrichment:
    """What the catalogues said of a work."""

    status: str  # matched | ambiguous | not-found | skipped | error
    source: str | None = None  # openlibrary | crossref
    id: str | None = None
    score: float = 0.0
    filled: tuple[str, ...] = ()  # the Work fields the catalogue supplied
    candidates: tuple[str, ...] = ()  # best candidates, for ambiguous matches


@dataclass(frozen=True)
class Work:
    """One distinct work (authors, title, volume) across all notes and documents."""

    key: str
    type: WorkType
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    et_al: bool = False
    title: str | None = None
    subtitle: str | None = None
    container: str | None = None
    volume: str | None = None
    issue: str | None = None
    edition: str | None = None
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    original_year: str | None = None
    pages: str | None = None  # the page range of a chapter or article, never pages cited
    url: str | None = None
    doi: str | None = None
    isbn: str | None = None
    openlibrary: str | None = None
    enrichment: Enrichment | None = None


@dataclass(frozen=True)
class Problem:
    """Something an editor should look at, with where it is."""

    path: str
    line: int
    kind: str
    severity: Severity
    message: str
    note: int | None = None


@dataclass(frozen=True)
class DocumentResult:
    path: str
    citations: tuple[Citation, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Analysis:
    """The whole run: what each document cites, and the works they share."""

    documents: tuple[DocumentResult, ...]
    works: tuple[Work, ...]
    problems: tuple[Problem, ...] = ()  # problems that belong to no one document
