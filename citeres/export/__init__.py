"""Bibliography formats, each a thin view of model.Work: BibTeX, BibLaTeX, CSL-JSON, RIS.

`write_bibliography` writes the chosen formats into a folder (export/folder.py): the .bib
files are merged with what is there (export/merge.py), hand edits reach every format, and
works that documents not in this run cite are kept. Control characters stop here
(export/clean.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from citeres.export import record
from citeres.export.clean import clean_works
from citeres.export.folder import (
    ENTRY_WRITERS,
    OUTPUT_NAMES,
    TEXT_WRITERS,
    edited_works,
    write_folder,
)
from citeres.export.formats import DEFAULT_FORMATS, FILE_NAMES, Format, parse_formats
from citeres.model import Analysis, DocumentResult, Problem, ProblemKind
from citeres.paths import shown

__all__ = [
    "DEFAULT_FORMATS", "ENTRY_WRITERS", "FILE_NAMES", "TEXT_WRITERS", "Format",
    "document_folders", "folder_name", "parse_formats", "write_bibliography", "write_per_document",
]  # fmt: skip

# What may not be a per-document folder's name: the files citeres writes next to the
# folders (any case, for case-blind disks), and the device names Windows reserves.
RESERVED = {name.lower() for name in {*OUTPUT_NAMES, record.FOLDER}}
DEVICES = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]')


def citing(documents: Sequence[DocumentResult]) -> dict[str, list[str]]:
    """Work key → the documents that cite it."""
    found: dict[str, list[str]] = {}
    for document in documents:
        for key in dict.fromkeys(c.work for c in document.citations if c.work):
            found.setdefault(key, []).append(document.path)
    return found


def write_bibliography(
    folder: Path, analysis: Analysis, formats: Sequence[Format], overwrite: bool = False
) -> list[Problem]:
    """Write each format into `folder`; returns what the user should know of it (hand
    edits kept, entries kept for other documents, control characters removed)."""
    works, problems = clean_works(analysis)
    paths = [d.path for d in analysis.documents]
    cited_by = citing(analysis.documents)
    return problems + write_folder(folder, works, cited_by, paths, formats, overwrite)


def write_per_document(
    folder: Path, analysis: Analysis, formats: Sequence[Format], overwrite: bool = False
) -> list[Problem]:
    """One set per input, in `folder/<file name without extension>/`, of the works it
    cites, with the hand edits of the sets in `folder` itself."""
    works, _ = clean_works(analysis)  # already reported by write_bibliography
    edited = {work.key: work for work in edited_works(folder, works)}
    problems: list[Problem] = []
    for name, document in zip(document_folders(analysis), analysis.documents, strict=True):
        if name != Path(document.path).stem:
            problems.append(renamed(folder / name, document.path))
        cited = [key for key in citing([document]) if key in edited]
        chosen = [edited[key] for key in cited]
        by = {key: [document.path] for key in cited}
        problems += write_folder(folder / name, chosen, by, [document.path], formats, overwrite)
    return problems


def folder_name(path: str) -> str:
    """A file's stem as a folder name that stays inside the output folder: no separators
    or controls, no leading dots (`..`, `.`, hidden names), no trailing dots or spaces."""
    name = UNSAFE.sub("_", Path(path).stem).strip(" .")
    if name.split(".")[0].lower() in DEVICES:
        name = f"_{name}"
    return name or "document"


def document_folders(analysis: Analysis) -> list[str]:
    """Folder names from file names; a name taken (by another input, in any case, or by a
    file citeres writes) gets -2, -3 ... to stay distinct."""
    taken = set(RESERVED)
    names: list[str] = []
    for document in analysis.documents:
        base = folder_name(document.path)
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        names.append(name)
    return names


def renamed(target: Path, path: str) -> Problem:
    stem = Path(path).stem
    return Problem(
        path=path,
        line=1,
        kind=ProblemKind.PER_DOCUMENT_RENAMED,
        message=f"its set is written to {shown(target)}/: {stem!r} is taken or not a safe name",
    )
