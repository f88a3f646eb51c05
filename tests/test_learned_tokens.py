"""The tokenizer the reference models label: exact offsets, identifiers kept whole."""
# ruff: noqa: E501  (tables of real strings read best one row to a line)

from hypothesis import given
from hypothesis import strategies as st

from citeres.parse.tokens import tokenize


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_words_numbers_and_punctuation_are_tokens_with_offsets() -> None:
    tokens = tokenize("Lévi-Strauss, C. (1962), pp. 12–14.")
    assert [t.text for t in tokens] == [
        "Lévi", "-", "Strauss", ",", "C", ".", "(", "1962", ")", ",", "pp", ".", "12", "–", "14", ".",
    ]  # fmt: skip
    assert tokens[7].start == 18 and tokens[7].end == 22


def test_apostrophes_inside_words_stay() -> None:
    assert texts("O'Brien’s dell’arte") == ["O'Brien’s", "dell’arte"]


def test_url_and_doi_are_one_token_without_their_final_stop() -> None:
    assert texts("at https://example.org/a/b?x=1. Then") == [
        "at", "https://example.org/a/b?x=1", ".", "Then",
    ]  # fmt: skip
    assert texts("doi:10.1017/CBO9780511735455, p. 4")[:2] == ["doi:10.1017/CBO9780511735455", ","]


@given(st.text())
def test_tokens_are_exact_slices_in_order_and_cover_every_visible_character(text: str) -> None:
    tokens = tokenize(text)
    covered = set()
    last_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.start >= last_end and token.end > token.start
        last_end = token.end
        covered.update(range(token.start, token.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
