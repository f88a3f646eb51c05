"""Reading lists: entries under a heading, in the shapes users write them."""

from __future__ import annotations

import pytest

from citeres.find import reading
from tests.find_table import rows

R = "further-reading"
BODY = "A paragraph of the essay, long enough to be prose and not a list entry at all.\n\n"

CASES = [
    (
        "Further reading:\n\n"
        "Bolshevik Opposition to Lenin: G. T. Miasnikov and the Workers’ Group by Paul Avrich\n\n"
        "Manifesto of the Workers Group\n\n"
        "Letter to G. Myasnikov by V.I. Lenin\n",
        [
            (R, "Bolshevik Opposition to Lenin: G. T. Miasnikov and the Workers’ Group", "Avrich"),
            (R, "Manifesto of the Workers Group", None),
            (R, "Letter to G. Myasnikov", "Lenin"),
        ],
    ),
    (
        "Bibliography\n- Carr, E.H., The Bolshevik Revolution (1950)\n"
        "- Smith, S. A. Red Petrograd. Cambridge: Cambridge University Press, 1983.\n",
        [(R, None, None), (R, None, None)],
    ),
    ("Works cited\nSmith (1998) Red Petrograd\n", [(R, "Red Petrograd", "Smith")]),
    ("Sources\n\n• The Road to Power by Karl Kautsky\n", [(R, "The Road to Power", "Kautsky")]),
    # Must yield nothing: no heading, a heading word in a sentence, boilerplate after it.
    ("The Road to Power by Karl Kautsky\n", []),
    ("These references to the party were common.\nThe Road to Power\n", []),
    ("References\n\nAdd new comment\n\nThe Road to Power\n", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reading(text: str, expected: list) -> None:
    assert rows(reading.find, BODY + text) == expected


def test_the_list_ends_at_prose() -> None:
    text = "Sources\n\nThe Road to Power by Karl Kautsky\n\n" + "A long paragraph. " * 40
    assert len(rows(reading.find, text)) == 1


def test_raw_is_the_entry_without_its_bullet() -> None:
    from citeres.model import Document

    document = Document.from_text(
        "t.txt", "Bibliography\n  * Carr, E.H., The Bolshevik Revolution\n"
    )
    (mention,), _ = reading.find(document)
    assert mention.raw == "Carr, E.H., The Bolshevik Revolution"
    assert mention.line == 2


def raws(text: str) -> list[tuple[int, str]]:
    from citeres.model import Document
    from citeres.text import squash

    mentions, _ = reading.find(Document.from_text("t.txt", text))
    return [(m.line, squash(m.raw)) for m in mentions]


def test_an_entry_wrapped_over_lines_with_its_link_last_is_one_entry() -> None:
    text = (
        "Further Reading\n\n"
        "Ashton, Neil, 'Seven deadly sins of data publication', School of Data\n"
        "blog (17 October 2013)\n<http://schoolofdata.org/2013/10/17/seven-deadly-sins/>\n\n"
        "Pritchard, Adam, 'Markdown Cheatsheet' (2013)\n<https://github.com/adam-p/markdown-here>\n\n"
        "Rosenzweig, Roy, 'Scarcity or Abundance? Preserving the Past in a\n"
        "Digital Era', The American Historical Review 108:3 (2003), 735-762.\n\n"
        "  [PRINCE2]: http://en.wikipedia.org/wiki/PRINCE2\n"
    )
    assert raws(text) == [
        (
            3,
            "Ashton, Neil, 'Seven deadly sins of data publication', School of Data blog "
            "(17 October 2013) <http://schoolofdata.org/2013/10/17/seven-deadly-sins/>",
        ),
        (
            7,
            "Pritchard, Adam, 'Markdown Cheatsheet' (2013) <https://github.com/adam-p/markdown-here>",
        ),
        (
            10,
            "Rosenzweig, Roy, 'Scarcity or Abundance? Preserving the Past in a Digital Era', "
            "The American Historical Review 108:3 (2003), 735-762.",
        ),
    ]


def test_hanging_indents_subheadings_and_entries_run_together() -> None:
    text = (
        "BIBLIOGRAPHY\n\n"
        "        General\n"
        "Lecky, W. E. H., History of the Rise and Influence of the\n"
        "   Spirit of Rationalism in Europe, 2 vols. (originally published\n"
        "   in 1865). White, A. D., A History of the Warfare\n"
        "   of Science with Theology in Christendom, 2 vols., 1896.\n\n"
        "        Toleration\n"
        "Morley, J., Voltaire; Diderot and the Encyclopaedists, 1878.\n"
        "   The essays of L. Luzzatti, 1910.\n"
    )
    assert raws(text) == [
        (
            4,
            "Lecky, W. E. H., History of the Rise and Influence of the Spirit of Rationalism "
            "in Europe, 2 vols. (originally published in 1865).",
        ),
        (
            6,
            "White, A. D., A History of the Warfare of Science with Theology in Christendom, "
            "2 vols., 1896.",
        ),
        (10, "Morley, J., Voltaire;"),
        (10, "Diderot and the Encyclopaedists, 1878."),
        (11, "The essays of L. Luzzatti, 1910."),
    ]


def test_one_entry_a_line_stays_one_entry_a_line() -> None:
    text = (
        "Further reading\n"
        "Amelia Simmons, American Cookery https://books.google.com/books?id=_6CggcPs3iQC\n"
        "Lydia Child, American Frugal Housewife https://books.google.com/books?id=D3AEAAA\n"
    )
    assert [line for line, _ in raws(text)] == [2, 3]


def test_authors_parted_by_semicolons_are_one_entry() -> None:
    text = (
        "References\n\n"
        "Jacquesson, Alain ; Rivier, Alexis (2005). Bibliothèques et documents. Paris.\n\n"
        "Keil, S.; Okazaki, N.; Lafferty, J. (2001). Conditional fields. Proc. ICML.\n"
    )
    assert [line for line, _ in raws(text)] == [3, 5]


def test_a_wrapped_entry_a_paragraph_list_ends_at_the_footnotes() -> None:
    text = (
        "References\n\n"
        'Okafor, Chidi, and Lena Wyatt. 2020. "Searching the Stacks." In *Annual\n'
        "Workshop*, 1--9. Lecture\n"
        "Notes in Computer Science. Springer.\n\n"
        'Wyatt, Lena, Chidi Okafor, and Tomas Marek. 2019. "Finding Aids and\n'
        'Their Readers." *Archives* 3: 4--5.\n\n'
        'Marek, Tomas. 2018. "Shelves." *Archives* 2: 1--3.\n\n'
        "[^1]: Data Warehouse of the Archive:\n"
        "    <https://example.org/tools/>\n"
    )
    assert [line for line, _ in raws(text)] == [3, 7, 10]


def test_a_wiki_pages_external_links_are_its_further_reading() -> None:
    text = (
        "External links\n\n"
        "Wikimedia Commons has media related to Quillfeather.\n\n"
        "Official website http://quillfeather.example.org/, including the charter "
        "https://quillfeather.example.org/charter\n"
        "Quillfeather Wiki https://wiki.quillfeather.example.org/(timeline of the community "
        "https://wiki.quillfeather.example.org/Timeline)\n"
        "Quillfeather Source Repository\n\n"
        "Navigation menu\n\n"
        "Personal tools\n"
    )
    assert [line for line, _ in raws(text)] == [5, 6, 7]  # one a line, the box and menu not
