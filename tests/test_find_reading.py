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
