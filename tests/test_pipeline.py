"""pipeline.run: one request, the whole run; problems on their documents, in one order."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeres.errors import InputError
from citeres.model import Document
from citeres.pipeline import Request, analyse_documents, run
from citeres.problems import ProblemKind, order

ESSAY = (
    "Carr describes the revolution.1 Meyer disagrees.2 More.4\n\nNotes\n\n"
    "1. E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, pp65.\n"
    "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
    "4. Ibid., p. 170.\n"
)


@pytest.fixture
def essays(tmp_path: Path) -> Path:
    folder = tmp_path / "essays"
    folder.mkdir()
    (folder / "a.txt").write_text(ESSAY, encoding="utf-8")
    (folder / "b.txt").write_text(
        ESSAY.replace("Carr describes", "Kärr describes"), encoding="cp1252"
    )
    (folder / "c.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_run_without_an_output_writes_nothing(essays: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run(Request(paths=(essays,)))
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert [d.path for d in result.analysis.documents] == [
        (essays / name).as_posix() for name in ("a.txt", "b.txt")
    ]
    assert result.kept == ()


def test_problems_sit_on_their_documents_in_the_one_order(essays: Path) -> None:
    analysis = run(Request(paths=(essays,))).analysis
    a, b = analysis.documents
    assert {p.kind for p in a.problems} >= {ProblemKind.MISSING_NOTE, ProblemKind.MALFORMED_LOCATOR}
    assert ProblemKind.ENCODING in {p.kind for p in b.problems}  # read's problem, on its file
    for document in (a, b):
        assert all(p.path == document.path for p in document.problems)
        assert list(document.problems) == sorted(document.problems, key=order)
    (unreadable,) = analysis.problems  # a file that is no document
    assert (unreadable.kind, unreadable.path) == (
        ProblemKind.UNREADABLE,
        (essays / "c.txt").as_posix(),
    )


def test_the_analysis_is_that_of_the_documents_read(essays: Path) -> None:
    path = essays / "a.txt"
    ran = run(Request(paths=(path,))).analysis
    alone = analyse_documents([Document.from_text(path.as_posix(), ESSAY)])
    assert ran == alone


def test_run_with_an_output_exports_and_reports(essays: Path, tmp_path: Path) -> None:
    out = tmp_path / "bib"
    result = run(Request(paths=(essays,), output=out, formats=("bibtex", "ris")))
    names = {p.name for p in out.iterdir() if p.is_file()}
    assert names == {"references.bib", "references.ris", "report.md", "report.html"}
    assert "carr1950bolshevik" in (out / "references.bib").read_text(encoding="utf-8")
    assert result.kept == ()


def test_nothing_readable_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError):
        run(Request(paths=(tmp_path / "empty.txt",)))
