"""`citeres parse`: reference strings, one a line, → the works they name, in input order, as
JSON (the contract's work shape, with `locator` and `form`), BibTeX or CSL-JSON. The parser
is the one `extract` and `build` use; keys are citeres.keys'."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, NamedTuple

from citeres.keys import assign_keys
from citeres.model import Citation, Reference, Work
from citeres.parse.reference import Parsed, parse_reference
from citeres.read.decode import decode
from citeres.read.inputs import Input, input_limit, read_input

SOURCE = "<lines>"  # the path the keys see for every line


def read_lines(path: Path | None) -> tuple[list[str], tuple[tuple[int, str], ...]]:
    """The lines of a file (None: standard input) and the decoding's warnings (line,
    message); raises InputError when it cannot be read or is not text."""
    shown = str(path) if path is not None else "-"
    data = read_input(Input(path=path, shown=shown), input_limit())
    decoded = decode(data)  # newlines normalised to \n, control characters dropped
    text = decoded.text
    return (text.removesuffix("\n").split("\n") if text else []), decoded.warnings


class Line(NamedTuple):
    parsed: Parsed | None  # None: a blank line
    work: Work | None  # None: the line names no work (blank, `Ibid.`, `op. cit.` alone)


def parse_lines(lines: Sequence[str]) -> list[Line]:
    """Each line's parse and, when it names a work (an author, a title or a URL), that
    work with its key."""
    parsed = [parse_reference(line) if line.strip() else None for line in lines]
    named = {n: p for n, p in enumerate(parsed) if p is not None and names_work(p.reference)}
    works = [work_of(str(n), p.reference) for n, p in named.items()]
    cited = [
        Citation(path=SOURCE, line=n + 1, kind=p.form, raw=lines[n], reference=p.reference,
                 pages=p.pages, work=str(n))
        for n, p in named.items()
    ]  # fmt: skip
    keyed, citations = assign_keys(works, {SOURCE: cited})
    by_key = {w.key: w for w in keyed}
    work_at = {c.line - 1: by_key[c.work] for c in citations[SOURCE] if c.work}
    return [Line(p, work_at.get(n)) for n, p in enumerate(parsed)]


def names_work(ref: Reference) -> bool:
    return bool(ref.authors or ref.editors or ref.title or ref.url)


def work_of(key: str, reference: Reference) -> Work:
    values = {f.name: getattr(reference, f.name) for f in fields(Reference)}
    return Work(key=key, **values)


def to_json(parsed: Sequence[Line]) -> str:
    """A list with one object per line, `{}` for a blank one, so outputs align: the work
    shape of `extract` (`key` null when the line names no work), the pages the line cites
    (`locator`) and how it cites (`form`: full, short, ibid, opcit, volume-only)."""
    from citeres.report import work_json

    out: list[dict[str, Any]] = []
    for line in parsed:
        if line.parsed is None:
            out.append({})
            continue
        work = line.work or work_of("", line.parsed.reference)
        data = {**work_json(work), "locator": line.parsed.pages, "form": line.parsed.form.value}
        data["key"] = work.key or None
        out.append(data)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


def to_bibtex(parsed: Sequence[Line]) -> str:
    from citeres.export.bibtex import to_entries, write_entries

    return write_entries([to_entries([line.work])[0] for line in parsed if line.work])


def to_csljson(parsed: Sequence[Line]) -> str:
    from citeres.export.csljson import to_item

    items = [to_item(line.work) for line in parsed if line.work]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render(output_format: str, lines: Sequence[str]) -> str:
    parsed = parse_lines(lines)
    if output_format == "bibtex":
        return to_bibtex(parsed)
    if output_format == "csljson":
        return to_csljson(parsed)
    return to_json(parsed)
