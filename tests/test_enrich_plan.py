"""The query plan: which form of the question goes first, what Open Library is sent, and
what a search costs against the strict local catalogue (every word must fit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from enrich_support import book, settings_for
from fakeserver import Catalogue, FakeServer, ol_doc

from citeres.enrich import enrich_works
from citeres.enrich.catalogue import Query, plan
from citeres.enrich.match import respelt
from citeres.enrich.openlibrary import OpenLibrary, plain, search_params
from citeres.model import Name, Work, WorkType


def kinds(work: Work) -> list[str]:
    return [q.kind for q in plan(work, OpenLibrary.__new__(OpenLibrary))]


def edited(key: str, title: str, editor: str, *authors: str) -> Work:
    given, family = editor.rsplit(" ", 1)
    names = tuple(Name(family=a.rsplit(" ", 1)[1], given=a.rsplit(" ", 1)[0]) for a in authors)
    return Work(
        key=key,
        type=WorkType.BOOK,
        authors=names,
        editors=(Name(family=family, given=given),),
        title=title,
    )


def test_a_book_is_asked_by_title_and_name_first() -> None:
    work = book("k", "Life and Fate: A Novel", "Vasily Grossman")
    assert kinds(work) == ["title", "full-title", "any-author", "free"]


@pytest.mark.parametrize(
    "work",
    [
        edited("peasant", "The Peasant War in Germany", "Leonard Krieger", "Frederick Engels"),
        book("bakunin", "Bakunin on Anarchy", "Sam Dolgoff"),  # the title names another
        book("luna", "On Literature and Art", "A. V. Lunacharsky"),  # a respelt ending
    ],
    ids=["texts' author and editor", "anthology", "romanised surname"],
)
def test_a_work_listed_under_another_name_is_asked_by_title_alone_first(work: Work) -> None:
    assert kinds(work)[0] == "any-author"
    assert "title" in kinds(work)  # still asked when that answer is crowded


@pytest.mark.parametrize(
    ("surname", "respelt_"),
    [("Lunacharsky", True), ("Lunacharskii", True), ("Trotskij", True), ("Grossman", False)],
)
def test_surnames_romanisations_spell_in_several_ways(surname: str, respelt_: bool) -> None:
    assert respelt(surname) is respelt_


def test_the_surname_goes_to_q_beside_the_title() -> None:
    """Open Library ANDs `q` with `title=`: the name is found among the authors, their
    alternate names and the contributors, in one request."""
    work = book("k", "Obsolete Communism", "Daniel Cohn-Bendit")
    params = search_params(Query("title", work, "Obsolete Communism", "Cohn-Bendit"))
    assert params["title"] == "Obsolete Communism" and params["q"] == "Cohn Bendit"
    assert "author" not in params
    alone = search_params(Query("any-author", work, "Obsolete Communism", "Cohn-Bendit"))
    assert "q" not in alone and alone["title"] == "Obsolete Communism"


def test_q_is_words_not_a_lucene_query() -> None:
    said = plain('Trial AND Error: "a (sort of) memoir" -x / y?')
    assert said == "Trial Error a sort of memoir x y"


def strict_run(tmp_path: Path, docs: list[dict], works: list[Work]) -> tuple[dict, FakeServer]:
    server = FakeServer(Catalogue(ol_docs=docs), search="strict").start()
    try:
        found = enrich_works(works, settings_for(server, tmp_path))
    finally:
        server.stop()
    return found, server


def test_an_author_listed_by_an_alternate_name_takes_one_request(tmp_path: Path) -> None:
    docs = [
        ol_doc("/works/OL1W", "The Case of Comrade Tulayev", ["Viktor Kibalchich"], 1948,
               aliases=["Victor Serge"]),
    ]  # fmt: skip
    work = book("t", "The Case of Comrade Tulayev", "Victor Serge", year="1950")
    found, server = strict_run(tmp_path, docs, [work])
    assert found["t"].enrichment.id == "/works/OL1W"
    assert server.count() == 1


def test_a_collection_listed_by_its_editor_takes_one_request(tmp_path: Path) -> None:
    docs = [ol_doc("/works/OL2W", "The Peasant War in Germany", ["Leonard Krieger"], 1967)]
    work = edited("p", "The Peasant War in Germany", "Leonard Krieger", "Frederick Engels")
    found, server = strict_run(tmp_path, docs, [work])
    assert found["p"].enrichment.id == "/works/OL2W"
    assert [h.query.get("q") for h in server.hits] == [None]  # the title alone


def test_after_a_short_answer_to_the_title_alone_no_narrower_form_is_sent(
    tmp_path: Path,
) -> None:
    """The title alone held every record of that title; a title with a name can only
    find fewer, so the next request is to the next catalogue."""
    docs = [ol_doc("/works/OL3W", "The Peasant War in Germany", ["Someone Else"], 1950)]
    work = edited("p", "The Peasant War in Germany", "Leonard Krieger", "Frederick Engels")
    found, server = strict_run(tmp_path, docs, [work])
    assert found["p"].enrichment.status == "not-found"
    assert [h.service for h in server.hits] == ["openlibrary", "crossref"]


def test_a_crowded_answer_to_the_title_alone_is_narrowed_by_name(tmp_path: Path) -> None:
    """A page of records of that title by others: the work may have been ranked out of
    the answer, so the title is asked again with the texts' author."""
    others = [
        ol_doc(f"/works/OL4{i:02}W", "Selected Writings", [f"Other Writer{i}"], 1950)
        for i in range(10)
    ]
    right = ol_doc("/works/OL5W", "Selected Writings", ["Frederick Engels"], 1960)
    work = edited("s", "Selected Writings", "Leonard Krieger", "Frederick Engels")
    found, server = strict_run(tmp_path, [*others, right], [work])  # ranked last
    assert found["s"].enrichment.id == "/works/OL5W"
    assert [h.query.get("q") for h in server.hits] == [None, "Engels"]
