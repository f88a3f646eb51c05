"""The shipped reference models: real strings read into fields, notes split into their
references, and properties that hold for any input (never raises, spans exact)."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeres.parse import tagger
from citeres.parse.spans import spans_of

PIECES = st.sampled_from(
    [
        "Hobsbawm, Eric", "The Age of Extremes", "(London: Michael Joseph, 1994)", "p. 45",
        "Ibid.", "op. cit.", "See", "cf.", "“A Title,”", "Journal of History", "12 (1990): 3–4",
        "Vol. II", "ed. J. Smith", "https://example.org/x", "doi:10.1000/1", "—", "«Rivista»",
        "a cura di", "Venezia 1981", "pp.", ";", ",", ".", "(", ")", "", " ", "\n", "\x00", "ß",
    ]
)  # fmt: skip
STRINGS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=12).map(" ".join))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moshe Lewin, Lenin's Last Struggle (New York: Vintage Books, 1970), 4.",
            {"author": ["Lewin, Moshe"], "year": "1970", "publisher": "Vintage Books",
             "address": "New York", "locator": "4", "type": "book", "form": "full"},
        ),
        (
            "Smith, J. (1998). The title of the book. Oxford: Clarendon Press.",
            {"author": ["Smith, J."], "year": "1998", "publisher": "Clarendon Press",
             "address": "Oxford"},
        ),
        (
            "Davies, R. W. “Soviet Industry.” Soviet Studies 12, no. 3 (1960): 45–67.",
            {"author": ["Davies, R. W."], "container": "Soviet Studies", "volume": "12",
             "year": "1960", "type": "article"},
        ),
        ("Ibid., p. 12.", {"form": "ibid", "locator": "12"}),
        ("Ivi, p. 34.", {"form": "ibid", "locator": "34"}),
        ("Smith, op. cit., p. 45.", {"form": "opcit", "locator": "45"}),
    ],
)  # fmt: skip
def test_real_strings(text: str, expected: dict) -> None:
    got = tagger.parse(text)
    assert {k: got[k] for k in expected} == expected


def test_blank_string_gives_an_empty_object() -> None:
    assert tagger.parse("") == {} and tagger.parse("  \n") == {}
    assert tagger.parse_note("") == []


def test_a_note_with_commentary_splits_into_its_references() -> None:
    note = (
        "See E. H. Carr, The Bolshevik Revolution (London: Macmillan, 1950), 12; but compare "
        "Moshe Lewin, Lenin's Last Struggle (New York: Vintage Books, 1970), 4–5."
    )
    found = tagger.parse_note(note)
    assert len(found) == 2
    assert [r["year"] for r in found] == ["1950", "1970"]
    assert "See" not in found[0]["raw"] and "compare" not in found[1]["raw"]
    assert found[0]["raw"].endswith("12") and found[1]["raw"].endswith("4–5")  # no `;`, `,`


def test_results_are_fresh_copies() -> None:
    first = tagger.parse("Hobsbawm, Eric. The Age of Extremes. London: Abacus, 1995.")
    first["author"].append("Nobody")
    again = tagger.parse("Hobsbawm, Eric. The Age of Extremes. London: Abacus, 1995.")
    assert "Nobody" not in again["author"]


@settings(max_examples=150, deadline=None)
@given(STRINGS)
def test_tagging_never_raises_and_labels_every_token(text: str) -> None:
    tokens, labels = tagger.tag(text)
    assert len(tokens) == len(labels)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    spans = spans_of(text, tokens, labels)
    covered = {i for span in spans for i in range(span.start, span.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    parsed = tagger.parse(text)
    assert parsed == {} or parsed["form"] in ("full", "ibid", "opcit", "short")


@settings(max_examples=150, deadline=None)
@given(STRINGS)
def test_note_spans_lie_inside_the_note_in_order_without_overlap(text: str) -> None:
    last = 0
    for start, end in tagger.split_note(text):
        assert last <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        last = end


def test_a_very_long_line_is_tagged_in_windows() -> None:
    text = "Smith, Title, London 1990. " * 400
    tokens, labels = tagger.tag(text)
    assert len(labels) == len(tokens) > tagger.WINDOW
