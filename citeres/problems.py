"""Every kind of problem citeres reports, its one severity, and the one order problems are
listed in. A new kind is a line in ProblemKind and one in SEVERITY (README lists them all,
and a test holds the two equal).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """What a problem means for `check`: its exit status depends on the worst one found."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class ProblemKind(StrEnum):
    """The `kind` of a problem, as `check` prints it and the JSON contract carries it."""

    # reading the files
    UNREADABLE = "unreadable"
    ENCODING = "encoding"
    HTML_TRUNCATED = "html-truncated"
    ANALYSIS_FAILED = "analysis-failed"
    OVERSIZED_LINE = "oversized-line"
    # the notes and their markers
    MISSING_NOTE = "missing-note"
    DUPLICATE_NOTE = "duplicate-note"
    MARKER_WITHOUT_NOTE = "marker-without-note"
    NOTE_WITHOUT_MARKER = "note-without-marker"
    UNMARKED_NOTES = "unmarked-notes"
    NO_REFERENCES_FOUND = "no-references-found"
    # URL references
    URL_MARKER_WITHOUT_ENTRY = "url-marker-without-entry"
    URL_ENTRY_WITHOUT_MARKER = "url-entry-without-marker"
    URL_DUPLICATE_ENTRY = "url-duplicate-entry"
    # what one reference says
    VOLUME_TYPO = "volume-typo"
    MALFORMED_LOCATOR = "malformed-locator"
    UNPARSED_REFERENCE = "unparsed-reference"
    VAGUE_ATTRIBUTION = "vague-attribution"
    NO_REFERENCE_LIST_ENTRY = "no-reference-list-entry"
    # short forms and their works
    IBID_AFTER_MULTI = "ibid-after-multi"
    IBID_AFTER_MISSING_NOTE = "ibid-after-missing-note"
    IBID_AFTER_AMBIGUOUS = "ibid-after-ambiguous"
    AMBIGUOUS_OPCIT = "ambiguous-opcit"
    AMBIGUOUS_REFERENCE = "ambiguous-reference"
    OPCIT_BEFORE_FULL = "opcit-before-full"
    UNRESOLVED_SHORT_FORM = "unresolved-short-form"
    # one work cited in several ways
    AUTHOR_VARIANT = "author-variant"
    TITLE_VARIANT = "title-variant"
    VOLUME_CONFLICT = "volume-conflict"
    YEAR_CONFLICT = "year-conflict"
    # the catalogues
    NOT_IN_CATALOGUE = "not-in-catalogue"
    CATALOGUE_AMBIGUOUS = "catalogue-ambiguous"
    CATALOGUE_TYPE_DIFFERS = "catalogue-type-differs"
    CATALOGUE_AUTHOR_VARIANT = "catalogue-author-variant"
    CATALOGUE_YEAR_CONFLICT = "catalogue-year-conflict"
    CATALOGUE_IDENTIFIER_CONFLICT = "catalogue-identifier-conflict"
    CATALOGUE_UNAVAILABLE = "catalogue-unavailable"
    # writing the bibliography
    HAND_EDIT_KEPT = "hand-edit-kept"
    RECORD_DAMAGED = "record-damaged"
    PER_DOCUMENT_RENAMED = "per-document-renamed"
    CONTROL_CHARACTER = "control-character"
    KEPT_FROM_OTHER_DOCUMENTS = "kept-from-other-documents"


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
K = ProblemKind
SEVERITY: dict[ProblemKind, Severity] = {
    K.UNREADABLE: ERROR,
    K.ENCODING: WARNING,
    K.HTML_TRUNCATED: WARNING,
    K.ANALYSIS_FAILED: ERROR,
    K.OVERSIZED_LINE: INFO,
    K.MISSING_NOTE: ERROR,
    K.DUPLICATE_NOTE: ERROR,
    K.MARKER_WITHOUT_NOTE: ERROR,
    K.NOTE_WITHOUT_MARKER: WARNING,
    K.UNMARKED_NOTES: INFO,
    K.NO_REFERENCES_FOUND: WARNING,
    K.URL_MARKER_WITHOUT_ENTRY: ERROR,
    K.URL_ENTRY_WITHOUT_MARKER: WARNING,
    K.URL_DUPLICATE_ENTRY: WARNING,
    K.VOLUME_TYPO: WARNING,
    K.MALFORMED_LOCATOR: WARNING,
    K.UNPARSED_REFERENCE: INFO,
    K.VAGUE_ATTRIBUTION: INFO,
    K.NO_REFERENCE_LIST_ENTRY: INFO,
    K.IBID_AFTER_MULTI: WARNING,
    K.IBID_AFTER_MISSING_NOTE: WARNING,
    K.IBID_AFTER_AMBIGUOUS: WARNING,
    K.AMBIGUOUS_OPCIT: WARNING,
    K.AMBIGUOUS_REFERENCE: WARNING,
    K.OPCIT_BEFORE_FULL: WARNING,
    K.UNRESOLVED_SHORT_FORM: WARNING,
    K.AUTHOR_VARIANT: WARNING,
    K.TITLE_VARIANT: INFO,
    K.VOLUME_CONFLICT: WARNING,
    K.YEAR_CONFLICT: WARNING,
    K.NOT_IN_CATALOGUE: INFO,
    K.CATALOGUE_AMBIGUOUS: INFO,
    K.CATALOGUE_TYPE_DIFFERS: INFO,
    K.CATALOGUE_AUTHOR_VARIANT: WARNING,
    K.CATALOGUE_YEAR_CONFLICT: WARNING,
    K.CATALOGUE_IDENTIFIER_CONFLICT: WARNING,
    K.CATALOGUE_UNAVAILABLE: WARNING,
    K.HAND_EDIT_KEPT: INFO,
    K.RECORD_DAMAGED: WARNING,
    K.PER_DOCUMENT_RENAMED: INFO,
    K.CONTROL_CHARACTER: WARNING,
    K.KEPT_FROM_OTHER_DOCUMENTS: INFO,
}
# The messages that always say the same thing, filled from named values.
TEMPLATES: dict[ProblemKind, str] = {
    K.MISSING_NOTE: "note {number} is missing from the notes (between {before} and {after})",
    K.DUPLICATE_NOTE: "note {number} is numbered twice (first at line {first})",
    K.MARKER_WITHOUT_NOTE: "marker {number} in the text has no note",
    K.NOTE_WITHOUT_MARKER: "note {number} has no marker in the text",
    K.UNMARKED_NOTES: (
        "{unmarked} of these {count} notes have no marker that citeres recognises in the text"
    ),
    K.URL_MARKER_WITHOUT_ENTRY: "marker [{number}] has no URL reference",
    K.URL_ENTRY_WITHOUT_MARKER: "URL reference [{number}] is never marked in the text",
    K.URL_DUPLICATE_ENTRY: "URL reference [{number}] is listed twice",
}


@dataclass(frozen=True, kw_only=True)
class Problem:
    """Something an editor should look at, with where it is; `path` is empty for a
    problem of the whole run (a catalogue that could not be reached)."""

    path: str
    line: int
    kind: ProblemKind
    message: str
    note: int | None = None

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.kind]


def templated(
    kind: ProblemKind, *, path: str, line: int, note: int | None = None, **values: object
) -> Problem:
    """A problem whose message is its kind's template, filled with `values`."""
    message = TEMPLATES[kind].format(**values)
    return Problem(path=path, line=line, kind=kind, message=message, note=note)


def order(problem: Problem) -> tuple[str, int, str, int]:
    """The one order of problems: by file, line, kind and note."""
    return (problem.path, problem.line, problem.kind, problem.note or 0)


def ordered(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=order))
