"""The problem catalogue: every kind has one severity, README lists exactly those, and
problems come in one order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citeres.problems import SEVERITY, TEMPLATES, Problem, ProblemKind, Severity, ordered, templated

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `(?P<kind>[a-z-]+)` \| (?P<severity>error|warning|info) \|", re.MULTILINE)


def readme_kinds() -> list[tuple[str, str]]:
    return [(m["kind"], m["severity"]) for m in ROW.finditer(README.read_text(encoding="utf-8"))]


def test_every_kind_has_one_severity() -> None:
    assert set(SEVERITY) == set(ProblemKind)


def test_readme_lists_every_kind_with_its_severity_once() -> None:
    listed = readme_kinds()
    assert len(listed) == len({kind for kind, _ in listed}), "a kind listed twice"
    assert dict(listed) == {kind.value: severity.value for kind, severity in SEVERITY.items()}


def test_severity_comes_from_the_kind() -> None:
    problem = Problem(path="a.txt", line=3, kind=ProblemKind.MISSING_NOTE, message="m")
    assert problem.severity is Severity.ERROR
    assert Problem(path="a.txt", line=3, kind=ProblemKind.TITLE_VARIANT, message="m").severity is (
        Severity.INFO
    )


def test_kinds_are_their_strings() -> None:
    assert ProblemKind("unresolved-short-form") is ProblemKind.UNRESOLVED_SHORT_FORM
    assert f"{ProblemKind.MISSING_NOTE}" == "missing-note"


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        (
            ProblemKind.MISSING_NOTE,
            {"number": 141, "before": 140, "after": 143},
            "note 141 is missing from the notes (between 140 and 143)",
        ),
        (ProblemKind.MARKER_WITHOUT_NOTE, {"number": 3}, "marker 3 in the text has no note"),
        (ProblemKind.URL_DUPLICATE_ENTRY, {"number": 2}, "URL reference [2] is listed twice"),
    ],
)
def test_templates(kind: ProblemKind, values: dict[str, int], message: str) -> None:
    problem = templated(kind, path="a.txt", line=9, note=1, **values)
    assert (problem.kind, problem.message, problem.line, problem.note) == (kind, message, 9, 1)


def test_every_template_names_a_kind_with_a_severity() -> None:
    assert set(TEMPLATES) <= set(SEVERITY)


def test_one_order_by_file_line_kind_and_note() -> None:
    def p(path: str, line: int, kind: ProblemKind, note: int | None = None) -> Problem:
        return Problem(path=path, line=line, kind=kind, message="", note=note)

    a = p("a.txt", 5, ProblemKind.MISSING_NOTE, 2)
    b = p("a.txt", 5, ProblemKind.MISSING_NOTE, 3)
    c = p("a.txt", 5, ProblemKind.TITLE_VARIANT)
    d = p("a.txt", 9, ProblemKind.ENCODING)
    e = p("b.txt", 1, ProblemKind.ENCODING)
    assert ordered([e, d, c, b, a]) == (a, b, c, d, e)
