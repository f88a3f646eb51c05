"""One output folder written whole, in three steps:

1. carry over: works cited only by documents that are not in this run stay (works record);
2. hand edits: read from each .bib file there and decoded into the model, so every format
   shows them; where both .bib files change one field, references.bib's change wins;
3. write: each .bib merged with what is there (and with the other .bib's edits applied),
   CSL-JSON and RIS from the works with every edit and the user's own entries; records last.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bibtexparser.model import Entry

from citeres.export import biblatex, bibtex, csljson, decode, record, ris
from citeres.export.bibfile import BibFile
from citeres.export.formats import FILE_NAMES, Format
from citeres.export.merge import Edits
from citeres.export.record import Cited, State
from citeres.model import Problem, ProblemKind, Work
from citeres.paths import shown
from citeres.write import remove_stale_temps, write_atomic

TEXT_WRITERS: dict[Format, Callable[[Iterable[Work]], str]] = {
    Format.CSLJSON: csljson.to_csljson,
    Format.RIS: ris.to_ris,
}
ENTRY_WRITERS: dict[Format, Callable[[Iterable[Work]], list[Entry]]] = {
    Format.BIBTEX: bibtex.to_entries,
    Format.BIBLATEX: biblatex.to_entries,
}
BIB_FORMATS = (Format.BIBTEX, Format.BIBLATEX)  # in the order their edits win
DIALECTS = {Format.BIBTEX: decode.BIBTEX, Format.BIBLATEX: decode.BIBLATEX}
# Everything citeres writes in a folder: the temporary files of these alone are its own.
OUTPUT_NAMES = {*FILE_NAMES.values(), "report.md", "report.html", "citeres-probe"}


@dataclass(frozen=True)
class Overrides:
    """One .bib file's hand edits, in the model's terms."""

    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # key → Work field → value
    removed: frozenset[str] = frozenset()
    own: tuple[Work, ...] = ()  # the user's own entries


def overrides(edits: Edits, dialect: decode.Dialect) -> Overrides:
    strings = decode.string_table(list(edits.strings))
    fields = {key: decode.changes(f, strings, dialect) for key, f in edits.fields.items()}
    own = tuple(decode.entry_work(e, strings, dialect) for e in edits.own if e.key.strip())
    return Overrides(fields, edits.removed, own)


def apply(works: Sequence[Work], layers: Sequence[Overrides], own: bool = False) -> list[Work]:
    """`works` with the edits of each layer (the first layer wins a field both change),
    without the entries removed by hand; with `own`, plus the user's own entries."""
    removed = frozenset().union(*(layer.removed for layer in layers))
    out = []
    for work in works:
        if work.key in removed:
            continue
        changes: dict[str, Any] = {}
        for layer in reversed(layers):
            changes.update(layer.fields.get(work.key, {}))
        out.append(dataclasses.replace(work, **changes) if changes else work)
    if not own:
        return out
    keys = {work.key for work in out} | removed
    for extra in [work for layer in layers for work in layer.own]:
        if extra.key not in keys:
            out.append(extra)
            keys.add(extra.key)
    return out


def relative(folder: Path, path: str) -> str:
    """A document as the record names it: relative to the output folder, so the record
    holds no path of this machine and stays true wherever the command is run from."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder))).as_posix()
    except ValueError:  # another drive, on Windows: no relative path exists
        return Path(os.path.abspath(path)).as_posix()


@dataclass(frozen=True)
class Carried:
    works: list[Work]  # this run's, then those kept for documents not in it
    cited: dict[str, Cited]  # the works record to write
    droppable: frozenset[str] | None  # entries that may go when not generated; None: any
    problems: list[Problem]


def carry_over(
    folder: Path,
    works: Sequence[Work],
    citing: Mapping[str, Iterable[str]],
    documents: Iterable[str],
    overwrite: bool,
) -> Carried:
    """This run's works, plus the recorded works that only other documents cite."""
    run = {relative(folder, path) for path in documents}
    cited = {
        w.key: Cited(w, frozenset(relative(folder, p) for p in citing.get(w.key, ())))
        for w in works
    }
    if overwrite:
        return Carried(list(works), cited, None, [])
    loaded = record.read_works_record(folder)
    previous = loaded.value or {}
    kept: dict[str, Cited] = {}
    for key, before in sorted(previous.items()):
        others = before.cited_by - run
        if key in cited:
            cited[key] = Cited(cited[key].work, cited[key].cited_by | others)
        elif others:
            kept[key] = Cited(before.work, others)
    # Without any record (a folder of citeres 0.1), citeres' entries are this run's.
    absent = loaded.value is None and not loaded.problems
    droppable = None if absent else frozenset(previous.keys() - kept.keys() - cited.keys())
    problems = list(loaded.problems) + ([kept_problem(folder, kept)] if kept else [])
    return Carried([*works, *(c.work for c in kept.values())], cited | kept, droppable, problems)


def kept_problem(folder: Path, kept: dict[str, Cited]) -> Problem:
    documents = sorted({path for cited in kept.values() for path in cited.cited_by})
    some = ", ".join(documents[:3]) + (" ..." if len(documents) > 3 else "")
    return Problem(
        path="",
        line=1,
        kind=ProblemKind.KEPT_FROM_OTHER_DOCUMENTS,
        message=f"{shown(folder)}/: {len(kept)} entries kept for documents not in this run "
        f"({some}); --overwrite drops them",
    )


def usable_last(bib: BibFile, carried: Carried) -> State | None:
    """The record's entries, less those of works whose documents are unknown: an entry
    citeres cannot tell is only this run's is kept as the user's rather than dropped."""
    if bib.last is None or carried.droppable is None:
        return bib.last
    known = carried.droppable | {work.key for work in carried.works}
    return {key: values for key, values in bib.last.items() if key in known}


def write_folder(
    folder: Path,
    works: Sequence[Work],
    citing: Mapping[str, Iterable[str]],
    documents: Iterable[str],
    formats: Sequence[Format],
    overwrite: bool = False,
) -> list[Problem]:
    """Write the chosen formats into `folder`; returns what the user should know."""
    remove_stale_temps(folder, OUTPUT_NAMES)
    remove_stale_temps(folder / record.FOLDER, record.RECORD_NAMES)
    carried = carry_over(folder, works, citing, documents, overwrite)
    problems = list(carried.problems)
    bibs = {fmt: BibFile.open(folder / FILE_NAMES[fmt], overwrite) for fmt in BIB_FORMATS}
    lasts = {fmt: usable_last(bib, carried) for fmt, bib in bibs.items()}
    layers = {
        fmt: overrides(bib.edits(ENTRY_WRITERS[fmt](carried.works), lasts[fmt]), DIALECTS[fmt])
        for fmt, bib in bibs.items()
    }
    for fmt in formats:
        path = folder / FILE_NAMES[fmt]
        if fmt in ENTRY_WRITERS:
            others = [layers[other] for other in BIB_FORMATS if other != fmt]
            entries = ENTRY_WRITERS[fmt](apply(carried.works, others))
            problems += bibs[fmt].write(entries, lasts[fmt])
        else:
            everything = apply(carried.works, [layers[f] for f in BIB_FORMATS], own=True)
            write_atomic(path, TEXT_WRITERS[fmt](everything))
    problems += [p for fmt, bib in bibs.items() if fmt not in formats for p in bib.problems]
    record.write_works_record(folder, carried.cited)
    return problems


def edited_works(folder: Path, works: Sequence[Work]) -> list[Work]:
    """`works` with the hand edits of the .bib files in `folder` (for per-document sets)."""
    layers = []
    for fmt in BIB_FORMATS:
        bib = BibFile.open(folder / FILE_NAMES[fmt])
        layers.append(overrides(bib.edits(ENTRY_WRITERS[fmt](works), bib.last), DIALECTS[fmt]))
    return apply(works, layers)
