"""An author-date essay with its bibliography as pandoc writes it (Chicago author-date, one
entry a hard-wrapped paragraph, DOIs, the heading in German): every citation in the text
finds its entry, and no two entries become one work."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.find.parenthetical import cited_names
from citeres.parse.spans import names

ESSAY = """\
# Datensuche

Suchende nutzen zuerst Websuchmaschinen (Halvorsen, Okafor, et al. 2020;
Brandt und Lind 2019). Spezialisierte Dienste sind seltener (Halvorsen,
Marek, et al. 2020), wie auch Lind et al. (2017) zeigen. Zur Geschichte
der Kataloge siehe Wendt 2021.

Ein zweiter Befund stammt aus Protokollen (Lind et al. 2017, 44).

### Literaturverzeichnis

Brandt, Ilse, und Jonas Lind. 2019. "Catalogue Search: Building an Index
of Shelves." In *Proceedings of the Fourth Workshop*, edited by Ada
Ferris, 12--19. Lecture
Notes in Computer Science. Springer. <https://doi.org/10.1000/cs.12>.

Halvorsen, Kari, Chidi Okafor, Tomas Marek, und Lena Wyatt. 2020.
"Understanding Search as a Practice." *Journal of Searching* 4 (2):
45--60. <https://doi.org/10.1000/js.45>.

Halvorsen, Kari, Tomas Marek, und Lena Wyatt. 2020. "Lost and Found in
the Stacks." *Review of Finding* 2 (1). <https://doi.org/10.1000/rf.2>.

Lind, Jonas, Ilse Brandt, und Mara Quist. 2017. "A Log of Searches."
*Searching Quarterly* 9: 40--52.

Quist, Mara, Jonas Lind, und Ilse Brandt. 2018. "Catalogue Search by the
Numbers." *Searching Quarterly* 10: 1--9.

---

**Ilse Brandt** ist Bibliothekarin und forscht zu Katalogen seit vielen Jahren.
"""


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("essay") / "datensuche.md"
    path.write_text(ESSAY, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    return json.loads(result.output)


def test_each_entry_is_one_further_reading_and_the_bio_is_none(extracted: dict) -> None:
    (document,) = extracted["documents"]
    entries = [c for c in document["citations"] if c["kind"] == "further-reading"]
    assert [c["line"] for c in entries] == [12, 17, 21, 24, 27]
    assert not [c for c in document["citations"] if c["kind"] in ("url", "mention")]


def test_every_citation_in_the_text_finds_its_entry(extracted: dict) -> None:
    (document,) = extracted["documents"]
    cited = {c["raw"]: c["work"] for c in document["citations"] if c["kind"] == "parenthetical"}
    entry = {c["line"]: c["work"] for c in document["citations"] if c["kind"] != "parenthetical"}
    assert cited["Halvorsen, Okafor, et al. 2020"] == entry[17]  # the second name decides
    assert cited["Halvorsen, Marek, et al. 2020"] == entry[21]
    assert cited["Brandt und Lind 2019"] == entry[12]
    assert cited["Lind et al. (2017)"] == cited["Lind et al. 2017, 44"] == entry[24]
    kinds = {p["kind"] for p in document["problems"]}
    assert not kinds & {"no-reference-list-entry", "ambiguous-reference"}


def test_two_works_whose_titles_begin_alike_stay_two(extracted: dict) -> None:
    titles = sorted(w["title"] for w in extracted["works"] if w["title"].startswith("Catalogue"))
    assert titles == [
        "Catalogue Search by the Numbers",
        "Catalogue Search: Building an Index of Shelves",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Borst, Timo, und Fidan Limani", ["Borst, Timo", "Limani, Fidan"]),
        ("Marx, Karl, and Friedrich Engels", ["Marx, Karl", "Engels, Friedrich"]),
        ("de Caso, Jacques, and Jeanne L. Wasserman", ["de Caso, Jacques", "Wasserman, Jeanne L."]),
        ("Carr, E. H., and R. W. Davies", ["Carr, E. H.", "Davies, R. W."]),
        ("Rossi Mario, Bianchi Luigi", ["Mario, Rossi", "Luigi, Bianchi"]),  # not first-inverted
    ],
)
def test_a_bibliography_names_its_first_author_surname_first(text: str, expected: list) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gregory, Cousijn, et al.", ["Gregory", "Cousijn"]),
        ("Sanderson und Croft", ["Sanderson", "Croft"]),
        ("Kunze & Auer", ["Kunze", "Auer"]),
        ("Smith, J.", ["Smith"]),
    ],
)
def test_a_citation_in_the_text_names_surnames(text: str, expected: list) -> None:
    assert [n.family for n in cited_names(text)] == expected


def test_a_numbered_heading_and_an_edited_book_cited_by_its_editor(tmp_path) -> None:
    path = tmp_path / "essay.md"
    path.write_text(
        "Die Räume sind zu sichern (Jopp, 1991; Reed, 2008).\n\n"
        "### 7 Literaturnachweise\n\n"
        "Jopp, R. K. (Hrsg.). (1991). *Sicherheit in Bibliotheken.* Berlin: DBI.\n\n"
        "Reed, C. (2008). The Correct Mindset. *Library Security*, 2(1), 1--5.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    (document,) = json.loads(result.output)["documents"]
    works = {c["raw"]: c["work"] for c in document["citations"]}
    entries = [c["work"] for c in document["citations"] if c["kind"] == "further-reading"]
    assert [works["Jopp, 1991"], works["Reed, 2008"]] == entries
    assert not document["problems"]
