"""Files → Document: decoding, newline normalisation and the line index.

The only code that reads input files. A file that cannot be read is a Problem when it
stands among good ones, and an InputError when nothing is left to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citeres.errors import InputError
from citeres.model import Document, Problem, ProblemKind

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".rst", ""}
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class ReadResult:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of `data` and, when it was not UTF-8, the encoding it was read as."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8 with replacements"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def read_document(path: Path, shown: str) -> tuple[Document, list[Problem]]:
    """Read one file; raises InputError when it is not a text document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{shown}: the file is empty")
    if looks_binary(data):
        raise InputError(f"{shown}: not a text file (binary content)")
    text, fallback = decode(data)
    problems = []
    if fallback:
        problems.append(
            Problem(
                path=shown,
                line=1,
                kind=ProblemKind.ENCODING,
                message=f"not UTF-8; read as {fallback}",
            )
        )
    return Document.from_text(shown, normalise_newlines(text)), problems


def text_files(root: Path) -> list[Path]:
    """The text files under a directory, in a stable order."""
    try:
        found = [
            p
            for p in root.rglob("*")
            if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
        ]
    except OSError as exc:
        raise InputError(f"{root}: cannot list the directory: {exc.strerror or exc}") from None
    return sorted(found, key=lambda p: p.as_posix())


def expand(paths: list[Path]) -> list[Path]:
    """Files named and the text files of directories named; InputError when none."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_dir():
            inside = text_files(path)
            if not inside:
                raise InputError(f"{path}: no text files in this directory")
            files.extend(inside)
        else:
            files.append(path)
    return files


def read_all(paths: list[Path]) -> ReadResult:
    """Read every file; a bad file among good ones becomes a problem, not a stop."""
    files = expand(paths)
    documents: list[Document] = []
    problems: list[Problem] = []
    errors: list[str] = []
    for file in files:
        shown = file.as_posix()
        try:
            document, found = read_document(file, shown)
        except InputError as exc:
            if len(files) == 1:
                raise
            errors.append(str(exc))
            problems.append(
                Problem(path=shown, line=1, kind=ProblemKind.UNREADABLE, message=str(exc))
            )
            continue
        documents.append(document)
        problems.extend(found)
    if not documents:
        raise InputError(errors[0] if len(errors) == 1 else "no readable text files")
    return ReadResult(tuple(documents), tuple(problems))
