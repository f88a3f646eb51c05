"""Labelled spans → fields: each span through its normaliser (names, years, pages, volumes,
identifiers), the form of the reference and the type of the work."""
# ruff: noqa: E501  (tables of real strings read best one row to a line)

import pytest

from citeres.parse.spans import fields_of, names, pages, spans_of, volume, year
from citeres.parse.tokens import tokenize


def fields(*pieces: tuple[str, str]) -> dict:
    """Fields of a string built from (label, text) pieces joined by spaces."""
    text = " ".join(piece for _, piece in pieces)
    labels: list[str] = []
    for label, piece in pieces:
        labels += [label] * len(tokenize(piece))
    return fields_of(spans_of(text, tokenize(text), labels))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hobsbawm, Eric,", ["Hobsbawm, Eric"]),
        ("E.P. Thompson", ["Thompson, E. P."]),
        ("Romero, C., Paunesku, D., & Dweck, C.", ["Romero, C.", "Paunesku, D.", "Dweck, C."]),
        ("Pérez-Higueras JJ, Arias A, Peters OA.", ["Pérez-Higueras, J. J.", "Arias, A.", "Peters, O. A."]),
        ("edited by John Smith and Mary Jones", ["Smith, John", "Jones, Mary"]),
        ("In O. Card (Ed.),", ["Card, O."]),
        ("a cura di F. Valcanover e W. Wolters,", ["Valcanover, F.", "Wolters, W."]),
        ("trans. Richard Howard", ["Howard, Richard"]),
        ("Ed Smith", ["Smith, Ed"]),
    ],
)  # fmt: skip
def test_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("(1990).", "1990"), ("septembre 2014,", "2014"), ("1975a", "1975"), ("n.d.", None)],
)
def test_a_date_is_its_year(text: str, expected: str | None) -> None:
    assert year(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pp. 1761–1800).", "1761-1800"),
        ("p. xiii", "xiii"),
        ("S. 4 - 6", "4-6"),
        ("pp. 396-7, 407.", "396-7, 407"),
        ("45ff.", "45ff."),
    ],
)
def test_pages(text: str, expected: str) -> None:
    assert pages(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vol. 3, Part A,", "3"),
        ("vol. ii", "II"),
        ("XXXVI", "XXXVI"),
        ("106,", "106"),
        ("t. IV", "IV"),
    ],
)
def test_volume_keeps_its_number_roman_upper_case(text: str, expected: str) -> None:
    assert volume(text) == expected


def test_article_with_issue_inside_the_volume_span() -> None:
    got = fields(
        ("author", "Brischoux, F., and Ungless, M.A."),
        ("date", "(2009)."),
        ("title", "Phasic excitation of dopamine neurons."),
        ("container", "Proc Natl Acad Sci U S A"),
        ("volume", "106(3),"),
        ("pages", "4894–4899."),
    )
    assert got["type"] == "article" and got["form"] == "full"
    assert (got["volume"], got["issue"], got["pages"], got["year"]) == (
        "106",
        "3",
        "4894-4899",
        "2009",
    )
    assert got["author"] == ["Brischoux, F.", "Ungless, M. A."]


def test_chapter_in_an_edited_book_with_its_imprint() -> None:
    got = fields(
        ("author", "Solon, G."),
        ("title", "Intergenerational mobility."),
        ("editor", "In O. Ashenfelter and D. Card (Eds.),"),
        ("container", "Handbook of labor economics"),
        ("location", "London:"),
        ("publisher", "Elsevier,"),
        ("date", "1999."),
    )
    assert got["type"] == "incollection"
    assert got["editor"] == ["Ashenfelter, O.", "Card, D."]
    assert (got["container"], got["address"], got["publisher"]) == (
        "Handbook of labor economics", "London", "Elsevier",
    )  # fmt: skip


def test_identifiers_come_out_bare() -> None:
    got = fields(
        ("title", "A page."),
        ("doi", "doi:10.1000/xyz123."),
        ("isbn", "ISBN 978-0-14-044913-6."),
        ("url", "https://example.org/page."),
    )
    assert (got["doi"], got["isbn"], got["url"]) == (
        "10.1000/xyz123", "978-0-14-044913-6", "https://example.org/page",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("pieces", "form"),
    [
        ((("short-form", "Ibid.,"), ("locator", "p. 12.")), "ibid"),
        ((("short-form", "Ivi,"), ("locator", "p. 3")), "ibid"),
        ((("author", "Smith,"), ("short-form", "op. cit.,"), ("locator", "p. 45.")), "opcit"),
        ((("author", "Rossi,"), ("title", "Storia,"), ("short-form", "cit.,"), ("locator", "4")), "opcit"),
        ((("author", "Smith,"), ("title", "Short Title,"), ("locator", "45.")), "short"),
        ((("commentary", "See"), ("author", "X,"), ("title", "Title"), ("date", "(1990),"), ("locator", "4–5")), "full"),
    ],
)  # fmt: skip
def test_form_from_the_short_form_span(pieces: tuple, form: str) -> None:
    got = fields(*pieces)
    assert got["form"] == form
    assert got["locator"] is not None


def test_idem_with_a_title_keeps_idem_as_the_author_for_the_resolver() -> None:
    got = fields(("short-form", "Idem,"), ("title", "Another Book,"), ("locator", "p. 9."))
    assert got["author"] == ["Idem"] and got["form"] == "short"


def test_idem_with_cit_is_the_same_authors_work_cited_before() -> None:
    got = fields(
        ("short-form", "Id.,"),
        ("title", "Il Mediterraneo,"),
        ("short-form", "cit.,"),
        ("locator", "p. 3."),
    )
    assert got["author"] == ["Id"] and got["form"] == "opcit" and got["locator"] == "3"


def test_commentary_is_no_field() -> None:
    got = fields(("commentary", "who argues that"), ("title", "The Title"))
    assert got["title"] == "The Title" and "who" not in str(got)
