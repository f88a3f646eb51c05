"""The whole analysis (find → parse → resolve) takes work linear in its input on repetitive
text (issue 13): one line, or one note, made of a short fragment repeated n and 4n times.
Work is counted, never timed: Python lines run in citeres, plus the characters each regex
search is given to scan and each regex match consumes. A slice searched again for each of
its parts (`PATTERN.search(text[:i])`), or a run matched to the end of the line at each of
its words, makes the count grow with the square of n. benchmarks/repetition.py prints the
same cases' seconds per MB.

A line over find.LINE_CAP characters is read but not searched (`oversized-line`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import citeres
from citeres import find
from citeres.find import oversized_lines
from citeres.find.words import LiteralScan
from citeres.model import Document, ProblemKind
from citeres.pipeline import analyse_document

ROOT = str(Path(citeres.__file__).resolve().parent)
LINES = "Python lines"
SLACK = 2000  # for a pattern first met at the larger size (one more reference split)


class Counted:
    """A compiled pattern that adds the characters it scans or consumes to a tally."""

    def __init__(self, pattern: re.Pattern[str], tally: Counter[str]) -> None:
        self.pattern = pattern
        self.tally = tally

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)

    def scanned(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        end = len(string) if endpos is None else min(len(string), endpos)
        self.tally[self.pattern.pattern] += max(0, end - pos)

    def consumed(self, match: re.Match[str] | None) -> re.Match[str] | None:
        self.tally[self.pattern.pattern] += 1 + (match.end() - match.start() if match else 0)
        return match

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        self.scanned(string, *args)
        return self.pattern.search(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        self.scanned(string, *args)
        return self.pattern.finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        self.scanned(string, *args)
        return self.pattern.findall(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.consumed(self.pattern.match(string, *args))

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.consumed(self.pattern.fullmatch(string, *args))

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self.scanned(string)
        return self.pattern.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        self.scanned(string)
        return self.pattern.split(string, maxsplit)


def citeres_modules() -> list[ModuleType]:
    return [m for name, m in sys.modules.items() if name.startswith("citeres.") and m]


@contextmanager
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Every module-level pattern of citeres (and those LiteralScans hold) counted, and
    every Python line run in citeres; yields the tally (the characters of each pattern,
    the lines under LINES), complete once the block ends."""
    tally: Counter[str] = Counter()
    wrapped: dict[int, Counted] = {}
    for module in citeres_modules():
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                counted = wrapped.setdefault(id(value), Counted(value, tally))
                monkeypatch.setattr(module, name, counted)
            elif isinstance(value, LiteralScan):
                patterns = [wrapped.setdefault(id(p), Counted(p, tally)) for p in value.patterns]
                monkeypatch.setattr(value, "patterns", patterns)
    for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split"):
        monkeypatch.setattr(re, name, module_function(name, tally))

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        tally[LINES] += event == "line"
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(ROOT) else None

    sys.settrace(tracer)
    try:
        yield tally
    finally:
        sys.settrace(None)


def module_function(name: str, tally: Counter[str]) -> Any:
    """re.search and its kin, counted as the compiled pattern's method is."""
    original = getattr(re, name)

    def counted(pattern: str | re.Pattern[str], *args: Any, **kwargs: Any) -> Any:
        compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        string = args[1] if name == "sub" else args[0]
        if name in ("match", "fullmatch"):
            found = original(pattern, *args, **kwargs)
            Counted(compiled, tally).consumed(found)
            return found
        Counted(compiled, tally).scanned(string)
        return original(pattern, *args, **kwargs)

    return counted


def clear_caches() -> None:
    """Empty citeres's memo caches (not the models loaded once): no work is skipped."""
    for module in citeres_modules():
        for value in list(vars(module).values()):
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] != 1:
                value.cache_clear()


def work(monkeypatch: pytest.MonkeyPatch, text: str) -> Counter[str]:
    document = Document.from_text("repeated.txt", text)
    analyse_document(document)  # warm: the model and lazy modules load outside the count
    clear_caches()
    with monkeypatch.context() as patch, counting(patch) as tally:
        analyse_document(document)
    return tally


def superlinear(small: Counter[str], large: Counter[str]) -> dict[str, tuple[int, int]]:
    """What 4 times the input cost more than about 4 times as much: Python lines, or the
    characters of any one pattern."""
    return {k: (small[k], n) for k, n in large.items() if n > 4 * small[k] * 1.3 + SLACK}


def one_line(fragment: str, size: int) -> str:
    return "A line of prose.\n" + fragment * (size // len(fragment)) + "\n"


def one_note(fragment: str, size: int) -> str:
    return "A claim.1\n\nNotes\n\n1. " + fragment * (size // len(fragment)) + "\n"


SMALL = 5000  # characters: enough for the notes model to propose several references

# The fragments that were super-linear before issue 13, and neighbours of them.
CASES = {
    "possessives": ("Smith's ", one_line),
    "possessives in a note": ("Smith's ", one_note),
    "curly possessives": ("Smith’s Book ", one_line),
    "initials and names in a note": ("A. B. Smith, ", one_note),
    "full references in one note": ("Smith, The Prophet (London: Verso, 1990), p. 3. ", one_note),
    "title case": ("Title Case Words ", one_line),
    "hyphenated names in a note": ("Smith-Jones ", one_note),
    "spaces": (" ", one_line),
    "tabs in a note": ("\t", one_note),
    "signals in a note": ("See also ", one_note),
    "sayings": ("as Smith argues in ", one_line),
}


@pytest.mark.parametrize("fragment, shape", CASES.values(), ids=CASES.keys())
def test_work_grows_linearly_with_repetitions(
    monkeypatch: pytest.MonkeyPatch, fragment: str, shape: Any
) -> None:
    small, large = (
        work(monkeypatch, shape(fragment, SMALL)),
        work(monkeypatch, shape(fragment, 4 * SMALL)),
    )
    assert not superlinear(small, large)


def test_the_count_sees_a_quadratic_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tally itself: the old split.boundary (the signal searched for in the whole
    prefix before each reference) counts quadratically, so the test above can fail."""
    from citeres.find import split

    def whole_prefix(piece: str, at: int) -> bool:
        return split.SIGNAL_BEFORE.search(piece[:at]) is not None

    monkeypatch.setattr(split, "signal_before", whole_prefix)
    fragment, shape = CASES["full references in one note"]
    small, large = (
        work(monkeypatch, shape(fragment, SMALL)),
        work(monkeypatch, shape(fragment, 4 * SMALL)),
    )
    assert split.SIGNAL_BEFORE.pattern in superlinear(small, large)


# Inputs on which a pattern that matches one hyphenated word two ways (a hyphen inside a
# word, or between two words) backtracks exponentially: they must finish at all.
EXPONENTIAL = [
    one_note("Smith-", 600),
    one_note("Aa-", 600),
    one_line("Smith-Smith's ", 600),
    one_note("J.-P. ", 600),
]


def test_no_input_backtracks_exponentially(tmp_path: Path) -> None:
    """A hang guard, not a timing: each of these took longer than the universe's age
    before the fix and takes milliseconds after; a minute means it came back."""
    for i, text in enumerate(EXPONENTIAL):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    script = (
        "import sys\nfrom pathlib import Path\nfrom citeres.pipeline import Request, run\n"
        "run(Request(paths=tuple(Path(p) for p in sys.argv[1:])))\n"
    )
    paths = [str(p) for p in sorted(tmp_path.iterdir())]
    subprocess.run([sys.executable, "-c", script, *paths], check=True, timeout=60)


def test_a_line_over_the_cap_is_read_but_not_searched() -> None:
    long = "Ibid., p. 4. " * (find.LINE_CAP // 13 + 1)
    text = f"A claim.1\n{long}\nAnother claim.2\n\nNotes\n\n1. Ibid., p. 4.\n2. Ibid., p. 5.\n"
    document = Document.from_text("long.txt", text)
    analysed = analyse_document(document)
    oversized = [p for p in analysed.problems if p.kind == ProblemKind.OVERSIZED_LINE]
    assert [(p.line, p.severity) for p in oversized] == [(2, "info")]
    assert f"{len(long):,} characters" in oversized[0].message
    lines = sorted(c.line for c in analysed.resolution.citations)
    assert lines == [7, 8]  # both notes found, nothing on the long line


def test_a_line_at_the_cap_is_searched() -> None:
    line = ("x" * (find.LINE_CAP - 9)) + " Ibid. 4."
    assert len(line) == find.LINE_CAP
    document = Document.from_text("at.txt", f"{line}\n")
    analysed = analyse_document(document)
    assert not [p for p in analysed.problems if p.kind == ProblemKind.OVERSIZED_LINE]


def lines_over(text: str, cap: int) -> list[tuple[int, int]]:
    found, start = [], 0
    for line in text.split("\n"):
        if len(line) > cap:
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


@given(st.text(alphabet="ab\n", max_size=80), st.integers(min_value=1, max_value=9))
def test_oversized_lines_are_exactly_the_long_lines(text: str, cap: int) -> None:
    assert oversized_lines(text, cap) == lines_over(text, cap)
