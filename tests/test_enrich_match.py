"""Matching without a network: tables of titles, names, years and volumes; settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from enrich_support import book
from hypothesis import given
from hypothesis import strategies as st

from citeres.enrich.match import (
    ACCEPT,
    MIN_TITLE,
    Candidate,
    choose,
    fold,
    spelled,
    title_score,
    volume_number,
    year_score,
)
from citeres.errors import InputError
from citeres.model import WorkType
from citeres.settings import Settings, load_settings


def record(title: str, *authors: str, **fields: object) -> Candidate:
    values: dict[str, object] = {"source": "openlibrary", "id": f"/works/{title}", "title": title}
    values.update(fields)
    return Candidate(authors=authors, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cited", "found", "subtitle", "at_least", "below"),
    [
        ("War and Peace", "War and peace", None, 1.0, 1.01),
        ("The Gulag Archipelago", "Gulag archipelago", None, 1.0, 1.01),  # article dropped
        ("Capital", "Capital", "A Critique of Political Economy", 1.0, 1.01),
        ("The Uses of Memory", "The Uses of Memory in Soviet Fiction", None, 0.9, 1.0),
        ("Crime and Punishment: A Novel", "Crime and Punishment", None, 0.9, 1.01),
        ("Dostoevsky: The Mantle of the Prophet", "Dostoevsky", "The Mantle of the Prophet", 1, 2),
        ("Écrits", "Ecrits", None, 1.0, 1.01),  # accents folded
        ("Life and Fate", "Everything Flows", None, 0.0, 0.5),
        ("Life", "Life and Fate", None, 0.0, 0.9),  # one word is a weak short title
        ("Stalin and the Writers", "Stalin and the Painters", None, 0.0, MIN_TITLE),
        ("Letters from Moscow", "Letters from Kiev", None, 0.0, MIN_TITLE),
        ("Bolsheviks Come to Power", "The Bolsheviks in Power", None, 0.0, MIN_TITLE),
        ("Marseille", "Marseille, 1942", None, 0.95, 1.0),  # a date or place is no title
        ("Red Vienna", "Red Vienna, Austria", None, 0.95, 1.0),
        ("The Gulag Archipelago", "The Gulag Archipelego", None, 0.9, 1.0),  # a typo
    ],
)
def test_title_similarity(
    cited: str, found: str, subtitle: str | None, at_least: float, below: float
) -> None:
    similarity = title_score(book("k", cited, "A B"), record(found, subtitle=subtitle))
    assert at_least <= similarity < below


@pytest.mark.parametrize(
    ("surname", "catalogue", "kind"),
    [
        ("grossman", "Vasily Grossman", "exact"),
        ("grossman", "Grossman, Vasiliĭ Semenovich", "exact"),
        ("dostoevsky", "Fyodor Dostoyevsky", "variant"),
        ("solzhenitsyn", "Aleksandr Solzhenit͡syn", "exact"),  # a tie bar is folded away
        ("garcia marquez", "Gabriel García Márquez", "exact"),
        ("smith", "John Smyth", None),  # too short to call a variant
        ("grossman", "Jane Otherwriter", None),
    ],
)
def test_surnames(surname: str, catalogue: str, kind: str | None) -> None:
    assert spelled(surname, catalogue) == kind


@pytest.mark.parametrize(
    ("cited", "first", "years", "expected"),
    [
        ("1970", 1968, (1968, 1970), (1.0, False)),  # a 1970 paperback of a 1968 book
        ("1985", 1968, (1968,), (0.8, False)),  # an edition the catalogue does not list
        ("1950", 1968, (1968,), (0.0, True)),  # before the book existed
        (None, 1968, (1968,), (0.5, False)),
    ],
)
def test_years(
    cited: str | None, first: int, years: tuple[int, ...], expected: tuple[float, bool]
) -> None:
    assert year_score(book("k", "T", "A B", year=cited), record("T", year=first, years=years)) == (
        expected
    )


@pytest.mark.parametrize(
    ("text", "number"), [("II", 2), ("iv", 4), ("XIV", 14), ("3", 3), ("", None), ("two", None)]
)
def test_volume_numbers(text: str, number: int | None) -> None:
    assert volume_number(text) == number


def test_the_relevance_score_is_never_the_judge() -> None:
    work = book("k", "Memory and the Gulag", "Maria Petrova", type=WorkType.ARTICLE)
    article = {"source": "crossref", "kind": "journal-article", "year": 2001}
    right = record("Memory and the Gulag", "Maria Petrova", id="10.1/right", **article)
    loud = record("Memory", "Ivan Sidorov", id="10.1/loud", **article)
    verdict = choose(work, [loud, right])
    assert verdict.status == "matched" and verdict.best is not None
    assert verdict.best.candidate.id == "10.1/right"


def test_no_shared_surname_no_match() -> None:
    work = book("k", "Life and Fate", "Vasily Grossman")
    verdict = choose(work, [record("Life and Fate", "Other Writer")])
    assert verdict.status == "not-found" and verdict.best is None


def test_a_weak_best_is_not_a_match() -> None:
    work = book("k", "Life", "Vasily Grossman")
    verdict = choose(work, [record("Life and Fate", "Vasily Grossman")])
    assert verdict.status == "not-found"
    assert verdict.best is not None and verdict.best.score < ACCEPT


@given(st.text(max_size=60), st.text(max_size=60))
def test_title_similarity_never_raises_and_stays_in_range(a: str, b: str) -> None:
    similarity = title_score(book("k", a, "A B"), record(b or "x"))
    assert 0.0 <= similarity <= 1.0
    assert fold(a) == fold(fold(a))


def test_settings_precedence(tmp_path: Path) -> None:
    config = tmp_path / "citeres.toml"
    config.write_text('mailto = "file@example.org"\ncache_dir = "from-file"\n', encoding="utf-8")
    environ = {"CITERES_CONFIG": str(config), "CITERES_CACHE_DIR": "from-env"}
    settings = load_settings(environ=environ)
    assert (settings.mailto, settings.cache_dir) == ("file@example.org", Path("from-env"))
    settings = load_settings(mailto="cli@example.org", environ=environ, offline=True)
    assert settings.mailto == "cli@example.org" and settings.offline
    plain = load_settings(environ={"CITERES_CROSSREF_URL": "http://mirror/"})
    assert plain.urls == {"crossref": "http://mirror"}
    assert plain == Settings(urls={"crossref": "http://mirror"})


def test_a_bad_config_file_is_one_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "citeres.toml"
    config.write_text("mail_to = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown setting mail_to"):
        load_settings(environ={"CITERES_CONFIG": str(config)})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('cache_dir = ["a", "b"]', "cache_dir must be a folder path in quotes"),
        ("mailto = 5", "mailto must be an e-mail address in quotes"),
        ('openlibrary_url = "ftp://x"', "openlibrary_url must be an http:// or https:// address"),
        ('deadline = "soon"', "deadline must be a number of seconds above 0"),
        ("deadline = true", "deadline must be a number of seconds above 0"),
    ],
)
def test_config_values_are_type_checked(tmp_path: Path, line: str, message: str) -> None:
    config = tmp_path / "citeres.toml"
    config.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_settings(environ={"CITERES_CONFIG": str(config)})


def test_a_service_url_and_a_deadline_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "citeres.toml"
    config.write_text('crossref_url = "http://mirror/"\ndeadline = 90\n', encoding="utf-8")
    settings = load_settings(environ={"CITERES_CONFIG": str(config)})
    assert settings.urls == {"crossref": "http://mirror"} and settings.run_deadline == 90.0
