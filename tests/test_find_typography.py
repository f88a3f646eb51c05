"""Titles set in italics are mentions, in every input kind; italics that stress a word,
set a caption's label or a name are not."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from citeres.cli import app


def mentions(tmp_path: Path, name: str, text: str) -> list[tuple[int, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / name), "--format", "json"])
    (document,) = json.loads(result.output)["documents"]
    return [(c["line"], c["raw"]) for c in document["citations"] if c["kind"] == "mention"]


def test_markdown_italics_name_titles(tmp_path: Path) -> None:
    text = (
        "An essay.\n\nWe start reading *Tastes like Chicken* on Monday.\n"
        "This is *really* important, see *Figure 3.* and *Hannah Arendt*.\n"
    )
    assert mentions(tmp_path, "a.md", text) == [(3, "Tastes like Chicken")]


def test_html_italics_name_titles_at_their_lines(tmp_path: Path) -> None:
    text = "<html><body>\n<p>There is <i>A Cloud of\nPinafores</i>, and <em>so</em> on.</p>\n"
    assert mentions(tmp_path, "a.html", text) == [(2, "A Cloud of Pinafores")]


def test_plain_text_underscores_name_titles(tmp_path: Path) -> None:
    text = "_Lyrical Ballads_ was published in 1798; _Our Village_ in 1824.\n"
    assert mentions(tmp_path, "a.txt", text) == [(1, "Lyrical Ballads"), (1, "Our Village")]


def test_a_periodical_named_as_a_venue_is_not_cited(tmp_path: Path) -> None:
    text = (
        "He wrote for the March number of the _Fortnightly Review_. I saw the _Pall Mall\n"
        "Gazette_ on the table. A writer in Hunt's _Merchants' Magazine_ in 1869 agreed,\n"
        "as did _Journal of Social History_ 44.4, and _Red Meat Republic_ says so too.\n"
    )
    assert mentions(tmp_path, "a.txt", text) == [
        (2, "Merchants' Magazine"),
        (3, "Journal of Social History"),
        (3, "Red Meat Republic"),
    ]


def test_a_project_named_in_italics_is_no_work_anywhere_in_the_document(tmp_path: Path) -> None:
    text = (
        "An essay.\n\nVolunteers joined *Scribes of the Cairo Geniza* in 2017.\n\n"
        "Later the *Scribes of the Cairo Geniza* project grew, as did the *Old Weather*\n"
        "transcriptions. We read *Data Feminism* and *Shakespeare’s World* Talk board posts.\n"
        "They met at the conference *Crowdsourcing and the Humanities* that year.\n"
    )
    assert mentions(tmp_path, "a.md", text) == [(6, "Data Feminism")]


def test_music_heard_or_named_as_music_is_not_cited(tmp_path: Path) -> None:
    text = (
        "He also wrote an oratorio: _La Sete di Christo_. It is we who go to hear the\n"
        "_Magic Flute_, whistling _The Land of the Leal_, and we who read _The Pianoforte\n"
        "Sonata_ twice.\n"
    )
    assert mentions(tmp_path, "a.txt", text) == [(2, "The Pianoforte Sonata")]


def test_a_title_that_opens_with_a_name_or_holds_an_abbreviation_is_a_title(
    tmp_path: Path,
) -> None:
    text = (
        "Frankly, _Jane Austen and Her Neighbours_ is a dull book, and\n"
        "the _Memoirs of Dr. Jenner_ by his nephew is little better. We met\n"
        "_Jane Austen_ there, and _From Mr. Pettigrew._ closes the tale.\n"
        "Then came _The Coram Letters Project_ on the web.\n"
    )
    assert mentions(tmp_path, "a.txt", text) == [
        (1, "Jane Austen and Her Neighbours"),
        (2, "Memoirs of Dr. Jenner"),
    ]
