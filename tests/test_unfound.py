"""`no-references-found`: `check` does not pass in silence a long document in which
citeres found no citation, and says what it saw; a short note that cites nothing is fine."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.model import Document
from citeres.pipeline import analyse_documents
from citeres.unfound import MIN_WORDS

SENTENCE = "The councils of workers and peasants argued about land, bread and peace"  # 12 words


def essay(words: int, marked: bool = False) -> str:
    """Paragraphs of plain prose, `words` long, each ending in a note marker if `marked`."""
    sentences = -(-words // 12)
    text = []
    for n in range(1, sentences + 1):
        text.append(f"{SENTENCE}{'.' + str(n) if marked else '.'}")
        text.append("\n\n" if n % 4 == 0 else " ")
    return "".join(text)


def check(tmp_path: Path, text: str, *args: str) -> tuple[int, list[str]]:
    path = tmp_path / "essay.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), *args])
    return result.exit_code, result.stdout.splitlines()


def kinds(text: str) -> list[str]:
    (document,) = analyse_documents([Document.from_text("a.txt", text)]).documents
    return [p.kind for p in document.problems]


def test_a_long_document_without_references_is_a_warning_and_exit_1(tmp_path: Path) -> None:
    code, lines = check(tmp_path, essay(300))
    assert code == 1
    assert lines == [
        f"{(tmp_path / 'essay.txt').as_posix()}:1:1: warning: no-references-found: "
        "no references found in 300 words: no numbered notes or note markers; no "
        "author-date citations, reference list, URLs or titles that citeres recognises"
    ]
    assert check(tmp_path, essay(300), "--fail-on", "error")[0] == 0


def test_markers_without_notes_are_named(tmp_path: Path) -> None:
    code, lines = check(tmp_path, essay(240, marked=True))
    assert code == 1
    (line,) = lines
    assert "no-references-found: no references found in 240 words: " in line
    assert "20 note markers (1 to 20) but no notes they refer to" in line


@pytest.mark.parametrize("words", [12, 60, MIN_WORDS - 12])
def test_a_short_note_that_cites_nothing_is_not_warned_about(tmp_path: Path, words: int) -> None:
    assert check(tmp_path, essay(words)) == (0, [])


def test_the_threshold_is_the_number_of_words() -> None:
    assert "no-references-found" not in kinds(essay(MIN_WORDS - 12))
    assert "no-references-found" in kinds(essay(MIN_WORDS))


def test_a_long_document_with_one_reference_is_not_warned_about() -> None:
    cited = essay(300) + "\n\nNotes\n\n1. E. H. Carr, The Bolshevik Revolution, 1950.\n"
    assert "no-references-found" not in kinds(cited.replace("peace.", "peace.1", 1))
    assert "no-references-found" not in kinds(essay(300) + " (Carr 1950, 12).")
