"""Entries found wherever they stand: a reading list under a day's heading, a CV's
publications, a paragraph that is only a reference; prose that opens with a name is not."""

from __future__ import annotations

from pathlib import Path

from citeres.find import entries, find_all
from citeres.model import Document, Kind


def found(text: str) -> list[tuple[int, str]]:
    mentions, _ = entries.find(Document.from_text("t.md", text))
    return [(m.line, text[m.start : m.end]) for m in mentions]


def test_schedule_items_are_entries_without_a_reading_heading() -> None:
    text = (
        "Jun 4\n\nCuisines of Contact\n"
        "- Jeremy Popkin, From Herodotus to H-Net (2016), 40--47. Read it twice.\n"
        '- Sidney Mintz, "Eating American".\n'
        "- Browse a few essays from the blog and find one point you agree with.\n"
    )
    assert found(text) == [
        (4, "Jeremy Popkin, From Herodotus to H-Net (2016), 40--47."),
        (5, 'Sidney Mintz, "Eating American".'),  # a sibling of an entry: the list is readings
    ]


def test_a_lone_item_without_imprint_is_not_an_entry() -> None:
    assert found('Notes for Monday\n\n- Sidney Mintz, "Eating American".\n') == []


def test_publication_paragraphs_title_first() -> None:
    text = (
        '"Poisonous Properties, Bodies, and Forms," Preternature 2.1 (2013): 19-46.\n\n'
        '"Medical Literature on Poison," in Philip Wexler (ed.), Toxicology in the Middle '
        "Ages, 159-166. London: Academic Press, 2017.\n"
    )
    assert [line for line, _ in found(text)] == [1, 3]


def test_prose_that_opens_with_a_name_is_not_an_entry() -> None:
    text = (
        "However, Trotsky, usually very farsighted, hesitated to attack (1927).\n\n"
        "Victor Kravchenko, a former official who escaped abroad, wrote in 1946.\n\n"
        "Holmes, said he, you have been in Afghanistan, I perceive, since 1880.\n\n"
        "Originally, Mozilla aimed to be a technology provider for companies, such as "
        "Netscape, who would commercialize their open source code (1998).\n"
    )
    assert found(text) == []


def test_a_link_address_is_markup_not_a_url_citation() -> None:
    text = "Platforms like Zooniverse https://www.zooniverse.org/ grew.\n"
    at = text.index("https")
    linked = Document.from_text("t.md", text, links=((at, at + 25),))
    written = Document.from_text("t.txt", text)
    assert [m.kind for m in find_all(linked)[0]] == []
    assert [m.kind for m in find_all(written)[0]] == [Kind.URL]


def test_html_and_markdown_links_are_not_url_citations(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from citeres.cli import app

    (tmp_path / "a.html").write_text(
        '<p>Run by <a href="https://www.zooniverse.org/">a project</a>; see https://b.org/x.</p>'
    )
    (tmp_path / "b.md").write_text("Run by [a project](https://www.zooniverse.org/).\n")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "json"])
    urls = [c["raw"] for d in json.loads(result.output)["documents"] for c in d["citations"]]
    assert urls == ["https://b.org/x"]


def test_bibliography_lines_keep_their_link_and_read_particles_et_al_and_early_years() -> None:
    text = (
        "Boermans, Mary-Anne. “Taffety Tarts.” Blog. Shakespeare & Beyond, March 26, 2019. "
        "https://example.org/taffety-tarts/.\n\n"
        "Bowser, Anne et al. “Still in Need of Norms.” Citizen Science 5, no. 1 (2020): 18. "
        "https://doi.org/10.5334/cstp.303.\n\n"
        "Durkin, P., 2017. Release notes: a big antedating. Oxford English Dictionary, "
        "28 September 2017. Available at https://example.org/release-notes/ [Last accessed].\n\n"
        "Van Hyning, Victoria. “Harnessing Crowdsourcing.” Literature Compass 16, no. 3 "
        "(2019): e12507.\n"
    )
    entries_found = found(text)
    assert [line for line, _ in entries_found] == [1, 3, 5, 7]
    assert [raw.split()[-1] for _, raw in entries_found[:3]] == [
        "https://example.org/taffety-tarts/",  # the link is the entry's, without the full stop
        "https://doi.org/10.5334/cstp.303",
        "https://example.org/release-notes/",
    ]


def test_a_review_entry_keeps_the_journal_it_was_printed_in() -> None:
    text = (
        "Isla Fay, Health and the City: Disease, Environment and Government in Norwich. "
        "York: York Medieval Press, 2015. In Social History of Medicine 29.4 (February "
        "2016): 844-45.\n"
    )
    ((_, raw),) = found(text)
    assert raw.endswith("In Social History of Medicine 29.4 (February 2016): 844-45.")


def markdown_found(source: str) -> list[tuple[int, str]]:
    """Entries of a Markdown page as its reader gives it (marks dropped, italics kept)."""
    from citeres.read.markdown import convert_spans

    text, links, italics = convert_spans(source)
    document = Document.from_text("t.md", text, links, italics)
    mentions, _ = entries.find(document)
    return [(m.line, text[m.start : m.end]) for m in mentions]


def test_a_book_in_italics_and_the_pages_to_read_is_an_entry() -> None:
    source = (
        "## Week 3\n\n### *Salt and Smoke*, 12--40\n\n"
        "- *TPC*, ix-xiv.\n"
        '- Mara Quell, "Kitchens of the Coast".\n\n'
        "### Wednesday\n\n"
        "- *TPC* (5: Ovens and Hearths), 77-98.\n\n"
        "- *Note*: bring the worksheet to class.\n"
        "- *Optional*, if you have time.\n"
    )
    assert markdown_found(source) == [
        (3, "Salt and Smoke, 12--40"),  # a day's heading that names the book read
        (5, "TPC, ix-xiv."),  # a book known by its abbreviation, pages in roman numerals
        (6, 'Mara Quell, "Kitchens of the Coast".'),  # in a list of readings: a reading
        (10, "TPC (5: Ovens and Hearths), 77-98."),
    ]


def test_a_linked_title_in_a_list_of_readings_is_an_entry() -> None:
    source = (
        "Primary sources\n"
        "- Odile Brack, *A Treatise of Bread* (London, 1791), 3-9.\n"
        "- Hester Vane [The Cottage Larder](https://books.example.org/larder)\n"
        "- [A timeline of early bakeries](https://example.org/timeline)\n"
        "- Look through [this page](https://example.org/page), and note one recipe.\n"
    )
    assert [line for line, _ in markdown_found(source)] == [2, 3, 4]


def test_links_in_a_list_that_holds_no_reading_are_not_entries() -> None:
    source = (
        "Course links\n"
        "- [Discussion board](https://learn.example.edu/board)\n"
        "- [Office hours sign-up](https://example.org/hours)\n"
    )
    assert markdown_found(source) == []


def test_an_entry_right_under_a_heading_is_found_at_its_own_line() -> None:
    source = (
        "### Chapters in Books\n"
        '"Salt Roads of the North," in Ida Brun (ed.), Ways of Trade, 12-30. '
        "Leeds: Fenwick Press, 2019.\n\n"
        "### Other Writing\n"
        "{% include box.html text='\n"
        "- Odile Brack, *A Treatise of Bread* (London, 1791), 3-9.\n"
        "- [A timeline of early bakeries](https://example.org/timeline)\n"
        "'%}\n"
    )
    found_lines = markdown_found(source)
    assert [line for line, _ in found_lines] == [2, 6, 7]
    assert found_lines[-1][1] == "A timeline of early bakeries https://example.org/timeline"
