"""US legal citations: cases in full, their short forms, `Id.`, reporters alone, mentions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeres.find import legal
from citeres.model import Document
from citeres.pipeline import analyse_documents

OPINION = (
    "I adhere to the view I expressed in Grutter v. Bollinger: “The Constitution\n"
    "proscribes it.” 539 U. S. 306, 349 (2003). The petitioner did not ask us to\n"
    "overrule Grutter’s holding. See Missouri v. Jenkins, 515 U. S. 70, 120–121\n"
    "(1995). “It is for this reason.” Id., at 121. See also Gratz, 539 U. S., at 304;\n"
    "Jenkins, supra, at 122; 631 F. 3d 213 (CA5 2011); 631 F. 3d, at 225.\n"
)


def found(text: str) -> list[tuple[str, int, str | None, str | None]]:
    mentions, _ = legal.find(Document.from_text("o.txt", text))
    return [(m.kind.value, m.line, m.reference and m.reference.title, m.pages) for m in mentions]


def test_each_form_is_found_and_named_by_its_case() -> None:
    assert found(OPINION) == [
        ("full", 1, "Grutter v. Bollinger", "349"),
        ("mention", 3, "Grutter v. Bollinger", None),
        ("full", 3, "Missouri v. Jenkins", "120–121"),
        ("ibid", 4, "Missouri v. Jenkins", "121"),
        ("short", 4, "Gratz", "304"),
        ("opcit", 5, "Missouri v. Jenkins", "122"),
        ("full", 5, "631 F. 3d 213", None),
        ("short", 5, "631 F. 3d 213", "225"),
    ]


def test_a_document_without_a_reporter_citation_is_not_legal() -> None:
    text = "In Smith v. Jones the court held for Smith. Id. at the time it was news.\n"
    assert found(text) == []


def test_running_heads_in_capitals_are_not_cases() -> None:
    text = (
        "FISHER v. UNIVERSITY OF TEXAS AT AUSTIN\n\n"
        "See Korematsu v. United States, 323 U. S. 214 (1944).\n"
    )
    assert found(text) == [("full", 3, "Korematsu v. United States", None)]


def test_statutes_are_not_reporters() -> None:
    assert found("Under 42 U. S. C. 1983 a suit lies.\n") == []


def test_id_resolves_past_a_note_to_the_case_before_it() -> None:
    text = (
        "Gratz v. Bollinger, 539 U. S. 244, 301 (2003). A thing was said.1 The legacy of it.\n"
        "Id., at 298.\n"
        "——————\n"
        "  1 T. Arnold, The Symbols of Government 101 (1935).\n"
    )
    analysis = analyse_documents([Document.from_text("o.txt", text)])
    titles = {w.key: w.title for w in analysis.works}
    cited = [(c.kind.value, titles[c.work or ""]) for c in analysis.documents[0].citations]
    assert ("ibid", "Gratz v. Bollinger") in cited


NAMES = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)


@given(NAMES, NAMES, st.integers(1, 999), st.integers(1, 9999), st.integers(1700, 2030))
def test_any_full_case_citation_is_one_full_citation(
    first: str, second: str, volume: int, page: int, year: int
) -> None:
    text = f"As held in {first} v. {second}, {volume} U. S. {page} ({year}), so it is.\n"
    mentions, _ = legal.find(Document.from_text("o.txt", text))
    assert [(m.kind.value, m.reference.title if m.reference else None) for m in mentions] == [
        ("full", f"{first} v. {second}")
    ]
    assert mentions[0].reference and mentions[0].reference.year == str(year)


@given(st.lists(st.sampled_from(["Aa", "Bb.", "of", "  ", "\t", "\n", ",", "v."]), max_size=400))
def test_runs_of_name_words_cost_little_and_never_cross_a_paragraph(words: list[str]) -> None:
    text = " ".join(words) + " 12 U. S. 34 (1990)"
    for case in legal.cases(text):
        assert "\n\n" not in text[case.start : case.end].replace(" ", "").replace("\t", "")
