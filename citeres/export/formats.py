"""The bibliography formats citeres writes, and the file each goes to."""

from __future__ import annotations

from enum import StrEnum


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


def parse_formats(text: str) -> tuple[Format, ...]:
    """`bibtex,ris` → (BIBTEX, RIS); raises ValueError naming the unknown format."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    known = {f.value for f in Format}
    for name in names:
        if name not in known:
            raise ValueError(f"unknown format {name!r}; choose from {', '.join(sorted(known))}")
    return tuple(dict.fromkeys(Format(name) for name in names)) or DEFAULT_FORMATS
