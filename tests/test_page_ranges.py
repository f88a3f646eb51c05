"""A work's own page range is not the page a note cites; translators and series reach every
format. The model keeps Reference, the parser's fields and Work in step."""

from __future__ import annotations

import dataclasses
import json

import pytest
from export_works import WORKS

from citeres.export.bibtex import to_entries
from citeres.export.csljson import to_items
from citeres.export.ris import to_record
from citeres.model import Document, Reference, Work
from citeres.parse import fields_of
from citeres.parse.state import Fields
from citeres.pipeline import analyse_documents
from citeres.report import to_json

# raw → (pages cited, the work's own range, container, volume, issue)
RANGES = [
    ('A. Smith, "On Notes," Review 3 (1990): 12-20.', None, "12-20", "Review", "3", None),
    ('A. Smith, "On Notes," Review 3, no. 2 (1990): 14.', "14", None, "Review", "3", "2"),
    (
        'A. Smith, "On Notes," Review 3, no. 2 (1990): 12-20, p. 14.',
        "14",
        "12-20",
        "Review",
        "3",
        "2",
    ),
    (
        "Kotkin, Stephen. “Modern Times.” Kritika 2, no. 1 (2001): 111-64.",
        None,
        "111-64",
        "Kritika",
        "2",
        "1",
    ),
    (
        "Smith, J. (1998). The Title of It. Journal of Things, 12(3), 45-67.",
        None,
        "45-67",
        "Journal of Things",
        "12",
        "3",
    ),
    (
        "Smith, John (1998) The Title of It. Journal of Things 12(3): 45–67.",
        None,
        "45–67",
        "Journal of Things",
        "12",
        "3",
    ),
    (
        "E.H. Carr, The Bolshevik Revolution, London, 1950, pp. 12-20.",
        "12-20",
        None,
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(("raw", "cited", "own", "container", "volume", "issue"), RANGES)
def test_an_articles_range_is_its_own_and_a_locator_is_cited(
    raw: str, cited: str | None, own: str | None, container: str, volume: str, issue: str
) -> None:
    parsed = fields_of(raw)
    ref = parsed.reference
    assert (parsed.pages, ref.pages) == (cited, own)
    assert (ref.container, ref.volume, ref.issue) == (container, volume, issue)


LIST = """Workers and the state

Their decline was rapid (Smith 1998: 50).

References

Smith, John (1998) The Title of It. Journal of Things 12(3): 45-67.
"""


def test_an_author_date_list_entry_for_an_article_keeps_its_journal_and_range() -> None:
    analysis = analyse_documents([Document.from_text("essay.txt", LIST)])
    (work,) = analysis.works
    fields = (work.type.value, work.container, work.volume, work.issue, work.pages, work.year)
    assert fields == ("article", "Journal of Things", "12", "3", "45-67", "1998")
    cited = [(c.kind.value, c.pages, c.work) for c in analysis.documents[0].citations]
    assert cited == [("parenthetical", "50", work.key), ("further-reading", None, work.key)]
    (data,) = json.loads(to_json(analysis))["works"]
    assert (data["pages"], data["container"]) == ("45-67", "Journal of Things")


def test_the_parsers_fields_are_the_references() -> None:
    assert set(Fields.__optional_keys__) == {f.name for f in dataclasses.fields(Reference)}


def test_a_work_has_every_field_of_a_reference() -> None:
    reference = Reference(title="Capital", series="Pelican Marx Library", pages="1-14")
    values = {f.name: getattr(reference, f.name) for f in dataclasses.fields(Reference)}
    work = Work(key="k", **values)
    assert (work.key, work.series, work.pages) == ("k", "Pelican Marx Library", "1-14")


def test_no_positional_construction() -> None:
    with pytest.raises(TypeError):
        Reference((), ())  # type: ignore[misc]


MARX = next(w for w in WORKS if w.key == "marx1976capital")
CHAPTER = next(w for w in WORKS if w.key == "hobsbawm1983inventing")


def test_bibtex_writes_translator_series_and_pages() -> None:
    entries = {e.key: e for e in to_entries([MARX, CHAPTER])}
    marx = entries["marx1976capital"]
    assert (marx["translator"], marx["series"]) == ("{Fowkes, Ben}", "{Pelican Marx Library}")
    assert entries["hobsbawm1983inventing"]["pages"] == "{1--14}"


def test_csl_writes_translator_collection_title_and_page() -> None:
    items = {item["id"]: item for item in to_items([MARX, CHAPTER])}
    assert items["marx1976capital"]["translator"] == [{"family": "Fowkes", "given": "Ben"}]
    assert items["marx1976capital"]["collection-title"] == "Pelican Marx Library"
    assert items["hobsbawm1983inventing"]["page"] == "1-14"


def test_ris_writes_a4_t3_and_the_page_bounds() -> None:
    marx, chapter = to_record(MARX), to_record(CHAPTER)
    assert "A4  - Fowkes, Ben" in marx and "T3  - Pelican Marx Library" in marx
    assert "SP  - 1" in chapter and "EP  - 14" in chapter


def test_json_works_carry_translators_and_series() -> None:
    analysis = analyse_documents([Document.from_text("essay.txt", LIST)])
    (data,) = json.loads(to_json(analysis))["works"]
    assert (data["translator"], data["series"]) == ([], None)
