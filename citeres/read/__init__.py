"""Inputs → Documents: the only code that reads them.

inputs.py    which files (folders expanded, `-` for stdin) and their bytes, regular files only
decode.py    bytes → text: BOM, UTF-8, declared or legacy encodings, bad bytes with their line
markdown.py  Markdown → text, line for line
html.py      HTML → text, each character with its original line (footnotes.py, mapped.py)

A file that cannot be read is an `unreadable` Problem when it stands among good ones, and
an InputError when nothing is left to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citeres.errors import InputError
from citeres.model import Document, Problem, ProblemKind
from citeres.paths import shown as shown_path
from citeres.read.decode import NotText, declared_charset, decode
from citeres.read.inputs import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    Input,
    expand,
    input_limit,
    read_input,
)

SHOWN_FAILURES = 3  # in the one line that says nothing could be read


@dataclass(frozen=True)
class ReadResult:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def read_all(paths: list[Path], limit: int | None = None) -> ReadResult:
    """Read every input; a bad one among good ones becomes a problem, not a stop. `limit`
    is the size limit of one input in bytes (default: CITERES_MAX_INPUT_MB, or 50 MB)."""
    limit = input_limit() if limit is None else limit
    inputs, bad = expand(paths)
    problems = [unreadable(path, reason) for path, reason in bad]
    documents: list[Document] = []
    for item in inputs:
        document, found = read_one(item, limit)
        if document is not None:
            documents.append(document)
        problems.extend(found)
    if not documents:
        raise InputError(nothing_read(problems))
    return ReadResult(tuple(documents), tuple(problems))


def read_one(item: Input, limit: int) -> tuple[Document | None, list[Problem]]:
    """One input as a Document and the problems reading it met; None and an `unreadable`
    problem when it cannot be read (and no problem for a program found in a folder)."""
    try:
        return document_of(item, limit)
    except NotText as error:
        if item.found and item.suffix == "":  # a program found in a folder is no essay
            return None, []
        return None, [unreadable(item.shown, str(error))]
    except InputError as error:
        return None, [unreadable(item.shown, str(error))]


def read_document(
    path: Path, shown: str | None = None, limit: int | None = None
) -> tuple[Document, list[Problem]]:
    """One file as a Document (its path shown as `shown`), and the problems reading it met;
    raises InputError when it cannot be read."""
    item = Input(path, shown or shown_path(path))
    return document_of(item, input_limit() if limit is None else limit)


def document_of(item: Input, limit: int) -> tuple[Document, list[Problem]]:
    """One input as a Document, and its `encoding` problems; InputError when it has none."""
    data = read_input(item, limit)
    kind = kind_of(item, data)
    decoded = decode(data, declared_charset(data) if kind == "html" else None)
    if not decoded.text.strip():
        raise InputError("the file is empty")
    warnings = list(decoded.warnings)
    problems = [
        Problem(path=item.shown, line=line, kind=ProblemKind.ENCODING, message=m)
        for line, m in warnings
    ]
    if kind == "html":
        from citeres.read import html  # lxml is loaded only when an HTML file is read

        converted = html.convert(decoded.text)
        if not converted.text.strip():
            raise InputError("no text in this HTML file")
        lines = decoded.text.count("\n") + 1
        problems += [
            Problem(path=item.shown, line=line, kind=ProblemKind.HTML_TRUNCATED, message=message)
            for line, message in converted.warnings
        ]
        document = Document.converted(
            item.shown, converted.text, converted.origins, lines, converted.links, converted.italics
        )
        return document, problems
    if kind == "markdown":
        from citeres.read import markdown

        text, links, italics = markdown.convert_spans(decoded.text)
        return Document.from_text(item.shown, text, links, italics), problems
    return Document.from_text(item.shown, decoded.text), problems


def kind_of(item: Input, data: bytes) -> str:
    """html, markdown or text: by the file's suffix; standard input and a file without
    one are HTML when they start as HTML does."""
    if item.suffix in HTML_SUFFIXES:
        return "html"
    if item.suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if item.suffix == "":
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html")) or (
            head.startswith(b"<?xml") and b"<html" in head
        ):
            return "html"
    return "text"


def unreadable(path: str, reason: str) -> Problem:
    return Problem(path=path, line=1, kind=ProblemKind.UNREADABLE, message=reason)


def nothing_read(problems: list[Problem]) -> str:
    failures = [p for p in problems if p.kind == "unreadable"]
    if not failures:
        return "no text files to read (only binary files without a suffix)"
    if len(failures) == 1:
        return f"{failures[0].path}: {failures[0].message}"
    shown = "; ".join(f"{p.path}: {p.message}" for p in failures[:SHOWN_FAILURES])
    more = f" (and {len(failures) - SHOWN_FAILURES} more)" if len(failures) > SHOWN_FAILURES else ""
    return f"no readable text files: {shown}{more}"
