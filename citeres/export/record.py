"""The `.citeres/` records of an output folder, read through an explicit schema.

  .citeres/<file>.json  per merged .bib file, the text citeres generated for each field:
                        {"version": 1, "file": "references.bib",
                         "entries": {key: {"@type": "book", field: text, ...}}}
  .citeres/works.json   the works written and the documents that cite each (paths relative
                        to the output folder), so a run of other documents keeps them:
                        {"version": 1, "works": {key: {"cited_by": [path, ...], "work": {...}}}}

A record is the user's to commit, merge and break. Whatever a file holds (wrong types,
conflict markers, truncation, nesting deep enough to exhaust the stack) is checked shape by
shape, never trusted: a damaged record is a `record-damaged` warning and counts as absent;
entries that are damaged alone are dropped and the rest kept, which is sound because an
entry missing from the record only makes citeres more careful (its fields count as yours).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from citeres.model import Name, Problem, ProblemKind, Work, WorkType
from citeres.paths import shown
from citeres.write import write_atomic

VERSION = 1
FOLDER = ".citeres"
WORKS_RECORD = "works.json"
# The files of the record folder, whose temporary files a killed run may leave.
RECORD_NAMES = {WORKS_RECORD, "references.bib.json", "references-biblatex.bib.json"}
State = dict[str, dict[str, str]]  # key → field → the text citeres generated
T = TypeVar("T")


class Damaged(ValueError):
    """The record as a whole cannot be used; the message says why, for the warning."""


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A record read from disk: None when there is none (or it is unusable as a whole);
    `problems` is not empty when the record was damaged, wholly or in part."""

    value: T | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Cited:
    """One work of the works record and the documents that cite it."""

    work: Work
    cited_by: frozenset[str]


def record_path(folder: Path, name: str) -> Path:
    return folder / FOLDER / name


def bib_record_path(path: Path) -> Path:
    return record_path(path.parent, f"{path.name}.json")


@dataclass(frozen=True)
class Outcome:
    """What a damaged record means for the run, as the warning says it."""

    whole: str  # the record unusable
    part: str  # some of its entries dropped


def damaged(path: Path, why: str, consequence: str) -> Problem:
    return Problem(
        path=shown(path),
        line=1,
        kind=ProblemKind.RECORD_DAMAGED,
        message=f"{why}; {consequence}",
    )


def read_json(path: Path) -> Any:
    """The JSON value in `path`; FileNotFoundError when absent, Damaged when unreadable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Damaged(f"cannot read it ({exc.strerror or exc})") from None
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Damaged("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise Damaged(f"it is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except (ValueError, RecursionError):  # nesting too deep for the decoder, huge numbers
        raise Damaged("it is not JSON citeres can read") from None


def envelope(data: Any, body: str, file: str | None = None) -> dict[str, Any]:
    """The record's top level checked: an object of our version holding an object `body`."""
    if not isinstance(data, dict):
        raise Damaged(f"it holds {json_type(data)}, not an object")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise Damaged(f"its version is {version!r}, not {VERSION}")
    if file is not None and data.get("file", file) != file:
        raise Damaged(f"it is the record of {data.get('file')!r}, not of {file!r}")
    entries = data.get(body)
    if not isinstance(entries, dict):
        raise Damaged(f"its {body!r} is {json_type(entries)}, not an object")
    return entries


def json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def load(
    path: Path, body: str, check: Callable[[str, Any], T], file: str | None, outcome: Outcome
) -> Loaded[dict[str, T]]:
    """Read the record at `path`; each entry of `body` passes `check` or is dropped."""
    try:
        entries = envelope(read_json(path), body, file)
    except FileNotFoundError:
        return Loaded(None)
    except Damaged as why:
        return Loaded(None, (damaged(path, f"record damaged: {why}", outcome.whole),))
    valid: dict[str, T] = {}
    for key, value in entries.items():
        try:
            valid[key] = check(key, value)
        except Damaged:
            continue
    if len(valid) == len(entries):
        return Loaded(valid)
    bad = sorted(set(entries) - set(valid))
    shown = ", ".join(bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
    message = f"record partly damaged: {len(bad)} entries unusable ({shown})"
    return Loaded(valid, (damaged(path, message, outcome.part),))


# --- the record of one .bib file ---------------------------------------------------------


def check_fields(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not isinstance(value.get("@type"), str):
        raise Damaged("an entry is not an object with an @type")
    if not all(isinstance(text, str) for text in value.values()):
        raise Damaged("a field is not text")
    return dict(value)


def read_bib_record(path: Path) -> Loaded[State]:
    """What citeres generated into the .bib file at `path` last time."""
    outcome = Outcome(
        f"every field of {path.name} counts as yours this run; the record is written afresh",
        f"the fields of those entries in {path.name} count as yours",
    )
    return load(bib_record_path(path), "entries", check_fields, path.name, outcome)


def write_bib_record(path: Path, state: State) -> None:
    record = {"version": VERSION, "file": path.name, "entries": state}
    write_atomic(bib_record_path(path), dumps(record))


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# --- the works record --------------------------------------------------------------------

NAME_FIELDS = typing.get_type_hints(Name)  # family, given, particle, suffix: str; corporate


def work_fields() -> dict[str, Any]:
    """Work's fields and their types, as the record stores them (enrichment is the run's)."""
    hints = typing.get_type_hints(Work)
    return {f.name: hints[f.name] for f in dataclasses.fields(Work) if f.name != "enrichment"}


def name_json(name: Name) -> dict[str, Any]:
    return {key: value for key, value in dataclasses.asdict(name).items() if value}


def work_json(work: Work) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, kind in work_fields().items():
        value = getattr(work, key)
        if kind == tuple[Name, ...]:
            value = [name_json(name) for name in value]
        if value not in (None, (), [], False):
            data[key] = value
    return data


def check_name(value: Any) -> Name:
    if not isinstance(value, dict) or not isinstance(value.get("family"), str):
        raise Damaged("a name without a family name")
    parts: dict[str, Any] = {}
    for key, kind in NAME_FIELDS.items():
        part = value.get(key, kind())  # absent: "" or False, as name_json leaves them out
        if type(part) is not kind:
            raise Damaged(f"a name's {key} has the wrong type")
        parts[key] = part
    return Name(**parts)


def check_value(kind: Any, value: Any) -> Any:
    """One field of a work, by the type the model gives it."""
    if kind == tuple[Name, ...]:
        if not isinstance(value, list):
            raise Damaged("a name list is not a list")
        return tuple(check_name(name) for name in value)
    if kind is bool:
        if type(value) is not bool:
            raise Damaged("a flag is not a boolean")
        return value
    if kind is WorkType:
        try:
            return WorkType(value)
        except ValueError:
            raise Damaged("an unknown work type") from None
    if kind is str:
        if not isinstance(value, str):
            raise Damaged("a key is not text")
        return value
    if value is not None and not isinstance(value, str):  # str | None, the rest of Work
        raise Damaged("a field is neither text nor null")
    return value


def check_cited(key: str, value: Any) -> Cited:
    if not isinstance(value, dict):
        raise Damaged("a work is not an object")
    cited_by, fields = value.get("cited_by"), value.get("work")
    if not isinstance(cited_by, list) or not all(isinstance(p, str) for p in cited_by):
        raise Damaged("cited_by is not a list of paths")
    if not isinstance(fields, dict) or "key" not in fields or "type" not in fields:
        raise Damaged("a work without a key or a type")
    known = work_fields()
    values = {name: check_value(known[name], v) for name, v in fields.items() if name in known}
    if values["key"] != key:
        raise Damaged("a work filed under another key")
    return Cited(Work(**values), frozenset(cited_by))


def read_works_record(folder: Path) -> Loaded[dict[str, Cited]]:
    """The works written into `folder` last time and the documents that cite each."""
    outcome = Outcome(
        "no entry is dropped this run (those no document cites stay, as yours)",
        "those entries are not dropped this run (they stay, as yours)",
    )
    return load(record_path(folder, WORKS_RECORD), "works", check_cited, None, outcome)


def write_works_record(folder: Path, works: dict[str, Cited]) -> None:
    body = {
        key: {"cited_by": sorted(cited.cited_by), "work": work_json(cited.work)}
        for key, cited in sorted(works.items())
    }
    write_atomic(record_path(folder, WORKS_RECORD), dumps({"version": VERSION, "works": body}))
