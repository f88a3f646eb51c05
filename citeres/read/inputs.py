"""Which inputs to read, and their bytes: files named, the text files of folders named, and
`-` for standard input. Only regular files are opened (a FIFO, a device or a socket never
is), and never more of one than the size limit.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from citeres.errors import InputError
from citeres.paths import shown

STDIN = "<stdin>"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".rst", ""}) | HTML_SUFFIXES | MARKDOWN_SUFFIXES
# A folder citeres wrote into: its record of generated entries, or a report next to a
# bibliography. Read as essays, the reports would cite every work a second time.
OUTPUT_RECORD = ".citeres"
REPORTS = frozenset({"report.md", "report.html"})
BIBLIOGRAPHIES = frozenset(
    {"references.bib", "references.json", "references.ris", "references-biblatex.bib"}
)
OWN_OUTPUTS = "holds citeres' own outputs; name its files to read them"
MB = 1_000_000
DEFAULT_LIMIT_MB = 50
LIMIT_VARIABLE = "CITERES_MAX_INPUT_MB"
NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)
OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # should a FIFO slip in after the stat, never wait on it
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@dataclass(frozen=True)
class Input:
    path: Path | None  # None: standard input
    shown: str
    found: bool = False  # found in a folder rather than named

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower() if self.path else ""


def expand(paths: list[Path]) -> tuple[list[Input], list[tuple[str, str]]]:
    """The inputs to read, once each, and (path, reason) for each path that gave none."""
    inputs: list[Input] = []
    bad: list[tuple[str, str]] = []
    for path in paths:
        if str(path) == "-":
            inputs.append(Input(None, STDIN))
        elif path.is_dir():
            found, unlisted = folder_inputs(path)
            inputs += found
            bad += unlisted
        else:
            inputs.append(Input(path, shown(path)))
    return unique(inputs), bad


def folder_inputs(root: Path) -> tuple[list[Input], list[tuple[str, str]]]:
    """The text files under a folder, in a stable order, leaving out hidden folders and
    citeres' own outputs; (path, reason) for the folders that cannot be listed."""
    unlisted: list[tuple[str, str]] = []

    def failed(error: OSError) -> None:
        unlisted.append((shown(error.filename), f"cannot list the folder: {reason(error)}"))

    files: list[Path] = []
    for folder, folders, names in os.walk(root, onerror=failed):
        if outputs_of_citeres(folders, names):
            folders.clear()
            if Path(folder) == root:
                return [], [(shown(root), OWN_OUTPUTS)]
            continue
        folders[:] = [name for name in folders if not name.startswith(".")]
        files += [Path(folder, name) for name in names if wanted(Path(folder, name))]
    if not files and not unlisted:
        unlisted.append((shown(root), "no text files in this directory"))
    found = [Input(p, shown(p), found=True) for p in sorted(files, key=lambda p: p.as_posix())]
    return found, unlisted


def outputs_of_citeres(folders: list[str], names: list[str]) -> bool:
    return OUTPUT_RECORD in folders or bool(REPORTS & set(names) and BIBLIOGRAPHIES & set(names))


def wanted(path: Path) -> bool:
    if path.name.startswith(".") or path.suffix.lower() not in TEXT_SUFFIXES:
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # a broken link in a folder is nothing the user asked to read


def unique(inputs: list[Input]) -> list[Input]:
    """The inputs without repeats: a file named twice, or named and inside a folder named."""
    seen: set[str] = set()
    kept = []
    for item in inputs:
        key = os.path.realpath(item.path) if item.path else STDIN
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def read_input(item: Input, limit: int) -> bytes:
    """The bytes of one input; raises InputError with the reason when it cannot be read."""
    if item.path is None:
        stream = sys.stdin.buffer if sys.stdin is not None else None
        if stream is None:
            raise InputError("standard input is closed")
        return read_stream(stream, limit)
    return read_file(item.path, limit)


def read_file(path: Path, limit: int) -> bytes:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise InputError(missing(path)) from None
    except OSError as error:
        raise InputError(f"cannot read: {reason(error)}") from None
    check_regular(status.st_mode)
    if status.st_size > limit:
        raise too_large(status.st_size, limit)
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as error:
        raise InputError(f"cannot read: {reason(error)}") from None
    with open(fd, "rb") as stream:
        check_regular(os.fstat(fd).st_mode)  # the name may have been replaced since
        return read_stream(stream, limit)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    try:
        data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read: {reason(error)}") from None
    if len(data) > limit:
        raise too_large(None, limit)
    return data


def check_regular(mode: int) -> None:
    for test, what in NOT_REGULAR:
        if test(mode):
            raise InputError(f"not a regular file ({what})")


def missing(path: Path) -> str:
    if path.is_symlink():
        return f"a broken symbolic link (to {shown(os.readlink(path))})"
    return "no such file or directory"


def too_large(size: int | None, limit: int) -> InputError:
    size_text = f" ({size / MB:.3g} MB)" if size else ""
    return InputError(
        f"larger than the input limit of {limit / MB:g} MB{size_text}; "
        f"set {LIMIT_VARIABLE} to read it"
    )


def reason(error: OSError) -> str:
    return error.strerror or str(error)


def input_limit() -> int:
    """The size limit of one input, in bytes: CITERES_MAX_INPUT_MB, or 50 MB."""
    value = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_LIMIT_MB * MB
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = 0.0
    if not 0 < megabytes < 1e9:
        raise InputError(f"{LIMIT_VARIABLE}={value!r} is not a size in megabytes")
    return int(megabytes * MB)
