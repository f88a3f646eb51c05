"""The values passed between stages: documents, mentions, references, citations, works, problems.

Every value is a frozen dataclass that carries its own source location, so no later stage
has to search the text again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Problems have a module of their own (their kinds and severities); the stages take them from here.
from citeres.problems import Problem as Problem
from citeres.problems import ProblemKind as ProblemKind
from citeres.problems import Severity as Severity

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


class WorkType(StrEnum):
    """The type of a work; the values are BibTeX entry types."""

    BOOK = "book"
    CHAPTER = "incollection"
    ARTICLE = "article"
    WEB = "online"
    MISC = "misc"


@dataclass(frozen=True, kw_only=True)
class Document:
    """One input as the finders read it: text with newlines normalised to \\n, and where
    each line of the original file starts in that text.

    `line_starts[k]` is the offset in `text` at which line k + 1 of the original file
    starts. For a plain-text file these are the starts of the lines of `text` itself. For
    a file converted to text (HTML), a line of `text` may hold several original lines and
    an original line may give no text at all (several lines then start at one offset), so
    `line_of` always names the original file's line and no later stage needs to know that
    the file was converted.
    """

    path: str
    text: str
    line_starts: tuple[int, ...] = field(repr=False, default=(0,))
    # (start, end) of each link address the reader wrote out after a link's text (Markdown
    # `[text](url)`, HTML `<a href>`): markup the page's reader never saw, kept so the
    # reference parser has a cited page's URL, never reported as a URL citation of its own.
    links: tuple[tuple[int, int], ...] = field(repr=False, default=())
    # (start, end) of what the source set in italics in running text (Markdown `*Title*`,
    # HTML `<i>`, `<em>`, `<cite>`), whose marks the reader dropped: evidence of a title.
    italics: tuple[tuple[int, int], ...] = field(repr=False, default=())

    @classmethod
    def from_text(
        cls,
        path: str,
        text: str,
        links: tuple[tuple[int, int], ...] = (),
        italics: tuple[tuple[int, int], ...] = (),
    ) -> Document:
        starts = (0, *(m.end() for m in NEWLINE.finditer(text)))  # 20 times a loop's speed
        return cls(path=path, text=text, line_starts=starts, links=links, italics=italics)

    @classmethod
    def converted(
        cls,
        path: str,
        text: str,
        origins: Sequence[tuple[int, int]],
        lines: int,
        links: tuple[tuple[int, int], ...] = (),
        italics: tuple[tuple[int, int], ...] = (),
    ) -> Document:
        """A document whose text was converted from a file of `lines` lines. `origins` holds
        (offset, line) pairs, both rising: the text from `offset` on comes from original
        line `line` (1-based), up to the next pair."""
        starts = [0]
        for offset, line in origins:
            starts.extend([offset] * (min(line, lines) - len(starts)))
        starts.extend([len(text)] * (lines - len(starts)))
        lines_ = tuple(starts)
        return cls(path=path, text=text, line_starts=lines_, links=links, italics=italics)

    def line_of(self, offset: int) -> int:
        """The 1-based line of the original file that holds character `offset`."""
        return bisect.bisect_right(self.line_starts, offset)

    @property
    def line_count(self) -> int:
        """The number of lines of the original file."""
        return len(self.line_starts)


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class Reference:
    """What one reference string says, field by field; empty where it says nothing.

    `pages` is the work's own page range (a chapter's, an article's); the pages a note
    cites are the citation's, never the reference's.
    """

    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    translators: tuple[Name, ...] = ()
    et_al: bool = False  # the author list ends `et al.`: more authors than named
    title: str | None = None
    container: str | None = None  # the book of a chapter, the journal of an article
    series: str | None = None  # the series or collection a book appeared in
    volume: str | None = None  # normalised: roman numerals as written, upper case
    issue: str | None = None
    edition: str | None = None
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    pages: str | None = None  # the work's own range: `Review 3 (1990): 12-20`
    url: str | None = None
    doi: str | None = None
    isbn: str | None = None
    type: WorkType = WorkType.BOOK


@dataclass(frozen=True, kw_only=True)
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
    pages: str | None = None  # the pages cited

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
        return cls(
            path=document.path,
            line=document.line_of(start),
            start=start,
            end=end,
            kind=kind,
            raw=document.text[start:end],
            note=note,
            reference=reference,
            pages=pages,
        )


@dataclass(frozen=True, kw_only=True)
class Citation:
    """One reference to one work at one place; `work` is the key once clustered."""

    path: str
    line: int
    kind: Kind
    raw: str
    reference: Reference
    note: int | None = None
    pages: str | None = None  # the pages cited here (the locator), as written
    start: int = 0
    work: str | None = None
    ambiguous: bool = False

    def with_work(self, work: str | None) -> Citation:
        """This citation pointing at `work`; built directly, as dataclasses.replace is slow
        for the tens of thousands of citations of a large run."""
        return Citation(
            path=self.path, line=self.line, kind=self.kind, raw=self.raw,
            reference=self.reference, note=self.note, pages=self.pages, start=self.start,
            work=work, ambiguous=self.ambiguous,
        )  # fmt: skip


class EnrichmentStatus(StrEnum):
    """What asking the catalogues came to for one work."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    REFUSED = "refused"  # a record was found and refused (the reason says why)
    NOT_FOUND = "not-found"
    SKIPPED = "skipped"  # not asked: offline and not cached, or not a catalogue item
    ERROR = "error"  # asked, and no usable answer came


@dataclass(frozen=True, kw_only=True)
class Enrichment:
    """What the catalogues said of a work."""

    status: EnrichmentStatus
    source: str | None = None  # openlibrary | crossref | another catalogue's name
    id: str | None = None  # the record matched, or refused
    score: float = 0.0
    filled: tuple[str, ...] = ()  # the Work fields the catalogue supplied
    candidates: tuple[str, ...] = ()  # the rivals (ambiguous), the closest (not found)
    query: str | None = None  # the query that found the record: `title "…" + author …`
    reason: str | None = None  # why the record was refused, or why none was asked

    def outcome(self) -> str:
        """What enrichment did, in one line for the reports: the record matched and the
        query that found it, the rivals, the record refused and why, the closest."""
        source = f" ({self.source})" if self.source else ""
        if self.status == EnrichmentStatus.MATCHED:
            how = f" by {self.query}" if self.query else ""
            return f"matched {self.id}{source}{how}"
        if self.status == EnrichmentStatus.AMBIGUOUS:
            return "ambiguous between " + "; ".join(self.candidates)
        if self.status == EnrichmentStatus.REFUSED:
            return f"refused {self.id}{source}: {self.reason}"
        if self.status == EnrichmentStatus.NOT_FOUND:
            return "not found" + (f"; closest: {self.candidates[0]}" if self.candidates else "")
        return f"{self.status}: {self.reason}" if self.reason else str(self.status)


@dataclass(frozen=True, kw_only=True)
class Work(Reference):
    """One distinct work (authors, title, volume) across all notes and documents: the
    fields of its references, its key, and what the catalogues added."""

    key: str
    subtitle: str | None = None
    original_year: str | None = None
    openlibrary: str | None = None
    enrichment: Enrichment | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentResult:
    path: str
    citations: tuple[Citation, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, kw_only=True)
class Analysis:
    """The whole run: what each document cites, and the works they share."""

    documents: tuple[DocumentResult, ...]
    works: tuple[Work, ...]
    problems: tuple[Problem, ...] = ()  # problems that belong to no one document
