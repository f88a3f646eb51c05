"""Bibliography formats, each a thin view of model.Work: BibTeX, BibLaTeX, CSL-JSON, RIS.

`write_bibliography` writes the chosen formats into a folder; the .bib files are merged
with what is there (export/merge.py), so hand edits survive a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path

from citeres.export import biblatex, bibtex, csljson, merge, ris
from citeres.model import Analysis, Problem, Work
from citeres.write import write_atomic


class Format(StrEnum):
    BIBTEX = "bibtex"
    BIBLATEX = "biblatex"
    CSLJSON = "csljson"
    RIS = "ris"


DEFAULT_FORMATS = (Format.BIBTEX, Format.CSLJSON, Format.RIS)
FILE_NAMES = {
    Format.BIBTEX: "references.bib",
    Format.BIBLATEX: "references-biblatex.bib",
    Format.CSLJSON: "references.json",
    Format.RIS: "references.ris",
}
TEXT_WRITERS: dict[Format, Callable[[Iterable[Work]], str]] = {
    Format.CSLJSON: csljson.to_csljson,
    Format.RIS: ris.to_ris,
}
ENTRY_WRITERS = {Format.BIBTEX: bibtex.to_entries, Format.BIBLATEX: biblatex.to_entries}


def parse_formats(text: str) -> tuple[Format, ...]:
    """`bibtex,ris` → (BIBTEX, RIS); raises ValueError naming the unknown format."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    known = {f.value for f in Format}
    for name in names:
        if name not in known:
            raise ValueError(f"unknown format {name!r}; choose from {', '.join(sorted(known))}")
    return tuple(dict.fromkeys(Format(name) for name in names)) or DEFAULT_FORMATS


def write_bibliography(
    folder: Path, works: Sequence[Work], formats: Sequence[Format], overwrite: bool = False
) -> list[Problem]:
    """Write each format into `folder`; returns the hand edits kept in the .bib files."""
    problems: list[Problem] = []
    for fmt in formats:
        path = folder / FILE_NAMES[fmt]
        if fmt in ENTRY_WRITERS:
            problems += merge.write_bib(path, ENTRY_WRITERS[fmt](works), overwrite=overwrite)
        else:
            write_atomic(path, TEXT_WRITERS[fmt](works))
    return problems


def write_per_document(
    folder: Path, analysis: Analysis, formats: Sequence[Format], overwrite: bool = False
) -> list[Problem]:
    """One set per input, in `folder/<file name without extension>/`, of the works it cites."""
    works = {work.key: work for work in analysis.works}
    problems: list[Problem] = []
    for name, document in zip(document_folders(analysis), analysis.documents, strict=True):
        cited = dict.fromkeys(c.work for c in document.citations if c.work in works)
        chosen = [works[key] for key in cited if key]
        problems += write_bibliography(folder / name, chosen, formats, overwrite)
    return problems


def document_folders(analysis: Analysis) -> list[str]:
    """Folder names from file names; a name used twice gets -2, -3 ... to stay distinct."""
    names: list[str] = []
    for document in analysis.documents:
        stem = Path(document.path).stem or "document"
        name, n = stem, 1
        while name in names:
            n += 1
            name = f"{stem}-{n}"
        names.append(name)
    return names
