"""The notes finder takes time linear in its input, on any input (issue 13): counted in
steps (Python lines run in the notes modules), never in seconds, on fragments repeated n
and 2n times. The regexes it runs are anchored or bounded, so their work is linear too."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from citeres.find import note_evidence, note_labels, note_markers, notes
from citeres.model import Document

MODULES = {Path(m.__file__).resolve() for m in (notes, note_labels, note_markers, note_evidence)}
FILES = {str(p) for p in MODULES}

FRAGMENTS = {
    "a label repeated on one line": "12. ",
    "carets": "^ ",
    "one number on every line": "12. x\n",
    "bracketed notes and markers": "[1] a.1\n",
    "runs of two notes": "1. Ibid.\n2. Ibid.\n",
    "an unclosed footnote": "[Footnote 1: [",
    "footnote lines": "[Footnote 1: x\n",
    "bare labels": "1 A\n",
    "rules and bare labels": "——————\n  1 A\n",
    "markdown footnotes": "[^1]: x\n",
    "accepted blocks": "a.1 b.2\n1. Smith, 1990.\n2. Ibid.\n",
    "notes that wrap": "1. Smith, London:\n",
    "headings": "Notes\n1. x\n",
    "page notes": "[1:1] x [1:1]\n",
    "glued markers": "x.1 ",
    "a long rising run": None,
}


def steps(text: str) -> int:
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename in FILES else None

    document = Document.from_text("repeated.txt", text)
    sys.settrace(tracer)
    try:
        notes.find(document)
    finally:
        sys.settrace(None)
    return count


def repeated(fragment: str | None, n: int) -> str:
    if fragment is None:
        return "".join(f"claim.{i}\n{i}. Smith, 1990, p. {i}.\n" for i in range(1, n))
    tail = "\n\nNotes\n\n1. Ibid.\n" if fragment == "x.1 " else ""
    return fragment * n + tail


@pytest.mark.parametrize("fragment", FRAGMENTS.values(), ids=FRAGMENTS.keys())
def test_steps_grow_linearly_with_repetitions(fragment: str | None) -> None:
    small, large = steps(repeated(fragment, 400)), steps(repeated(fragment, 1600))
    assert large <= 4 * small * 1.3 + 200, (small, large)
