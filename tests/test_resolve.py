"""Short forms → works, in eyecite's compact notation.

Each case is a list of `(expected, "N. note text")`: notes with the same expected index
cite the same work, `None` means the citation names no work (`work is None`). A note
holding several references takes a tuple, one index per reference.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citeres.model import Citation, Document
from citeres.pipeline import analyse_documents
from citeres.read import read_document

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_6b9c40ab48327787.txt"

Expected = int | None | tuple[int | None, ...]

CARR_I = "E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin, 1950, p. 65."
CARR_II = "E.H. Carr, The Bolshevik Revolution, Vol. II, Baltimore: Penguin, 1952, pp. 185-6."
STALIN = "Leon Trotsky, Stalin, New York: Grosset & Dunlap, 1941, pp. 392-3."
SPEAKS = "Leon Trotsky, Leon Trotsky Speaks, New York: Pathfinder Press, 1972, p. 72."
BETRAYED = "Leon Trotsky, The Revolution Betrayed, New York: Pathfinder Press, 1972, p. 25."
UNARMED = "Isaac Deutscher, The Prophet Unarmed, Vol. II, New York: Vintage Books, 1959, p. 17."
OUTCAST = "Isaac Deutscher, The Prophet Outcast, Vol. III, New York: Vintage Books, 1963, p. 103."
ARMED = "Isaac Deutscher, The Prophet Armed, Volume I, New York, Vintage Books, 1954, p. vii."
HILL = "Christopher Hill, Lenin and the Russian Revolution, London: Penguin Books, 1971, p. 156."
MEYER = "Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169."
LEWIN = "Moshe Lewin, Lenin's Last Struggle, New York: Vintage Books, 1970, p. 4."


def build(notes: list[tuple[Expected, str]]) -> str:
    numbers = [int(re.match(r"\s*(\d+)", text).group(1)) for _, text in notes]
    body = " ".join(f"A claim of note {n} in the text.{n}" for n in numbers)
    return body + "\n\nNotes\n\n" + "\n".join(text for _, text in notes) + "\n"


def note_citations(citations: tuple[Citation, ...]) -> list[Citation]:
    return [c for c in citations if c.note is not None]


def check_case(notes: list[tuple[Expected, str]], path: str = "case.txt"):
    analysis = analyse_documents([Document.from_text(path, build(notes))])
    (result,) = analysis.documents
    citations = note_citations(result.citations)
    expected: list[int | None] = []
    for value, _ in notes:
        expected.extend(value if isinstance(value, tuple) else [value])
    assert len(citations) == len(expected), [c.raw for c in citations]
    keys: dict[int, str] = {}
    for want, citation in zip(expected, citations, strict=True):
        where = f"note {citation.note} `{citation.raw}`"
        if want is None:
            assert citation.work is None, f"{where} resolved to {citation.work}"
            continue
        assert citation.work is not None, f"{where} did not resolve"
        assert keys.setdefault(want, citation.work) == citation.work, f"{where}: wrong work"
    assert len(set(keys.values())) == len(keys), f"distinct works share a key: {keys}"
    return analysis, result


def problem_kinds(result) -> set[tuple[str, int | None]]:
    return {(p.kind, p.note) for p in result.problems}


def test_ibid_and_volumes() -> None:
    _, result = check_case(
        [
            (0, "1. " + CARR_I),
            (0, "2. Ibid."),
            (0, "3. Ibid., p. 73."),
            (1, "4. " + CARR_II),
            (1, "5. Carr, The Bolshevik Revolution, Vol. II, op. cit., p. 129."),
            (0, "6. Carr, The Bolshevik Revolution, Vol. I, op. cit., pp. 203-4."),
            (None, "7. Carr, op. cit., p. 90."),
        ]
    )
    assert ("ambiguous-opcit", 7) in problem_kinds(result)
    seventh = note_citations(result.citations)[-1]
    assert seventh.ambiguous


def test_volumes_of_one_title_are_distinct_works() -> None:
    analysis, _ = check_case([(0, "1. " + CARR_I), (1, "2. " + CARR_II)])
    assert sorted((w.key, w.volume, w.year) for w in analysis.works) == [
        ("carr1950bolshevik", "I", "1950"),
        ("carr1952bolshevik", "II", "1952"),
    ]


def test_ibid_after_a_note_citing_several_works_is_ambiguous() -> None:
    _, result = check_case(
        [
            (0, "1. " + UNARMED),
            (1, "2. " + HILL),
            ((0, 1), "3. Deutscher, Vol. II, op. cit., p. 4; See also: Hill, op. cit., p. 132."),
            (None, "4. Ibid., p. 5."),
            (None, "5. Ibid."),  # the chain stays broken
            (1, "6. Hill, op. cit., p. 7."),
            (1, "7. Ibid."),
        ]
    )
    assert ("ibid-after-multi", 4) in problem_kinds(result)
    ibids = [c for c in note_citations(result.citations) if c.note in (4, 5)]
    assert all(c.ambiguous for c in ibids)


def test_ibid_inside_a_note_takes_the_reference_before_it() -> None:
    check_case([(0, "1. " + MEYER), ((1, 1), "2. " + HILL.rstrip(".") + "; Ibid., p. 9.")])


def test_opcit_with_several_candidates_is_ambiguous_not_guessed() -> None:
    _, result = check_case(
        [
            (0, "1. " + STALIN),
            (1, "2. " + SPEAKS),
            (2, "3. " + BETRAYED),
            (None, "4. Trotsky, op. cit., p. 393."),
            (3, "5. " + MEYER),
            (3, "6. Meyer, op. cit., p. 4."),  # one candidate: resolved
        ]
    )
    assert ("ambiguous-opcit", 4) in problem_kinds(result)
    assert ("ambiguous-opcit", 6) not in problem_kinds(result)


def test_short_titles_pick_among_an_authors_works() -> None:
    check_case(
        [
            (0, "1. " + STALIN),
            (1, "2. " + SPEAKS),
            (2, "3. " + BETRAYED),
            (0, "4. Leon Trotsky, Stalin, op. cit., p. 385."),
            (2, "5. Trotsky, The Revolution Betrayed, op. cit., pp. 25-6."),
            (1, "6. Trotsky, Leon Trotsky Speaks, op. cit., pp. 109-10."),
            (3, "7. " + LEWIN),
            (3, "8. Lewin, Lenin's Last Struggle, 12."),  # a short title without op. cit.
        ]
    )


def test_volume_only_forms() -> None:
    _, result = check_case(
        [
            (0, "1. " + UNARMED),
            (1, "2. " + OUTCAST),
            (1, "3. Deutscher, Vol. III, op. cit., p. 124."),
            (0, "4. Deutscher, Vol. II, op. cit., p. 380."),
            (0, "5. Deutscher, The Prophet Unarmed, op. cit., p. 21."),
            (1, "6. Deutscher, The Prophet Outcast, Vio. III, op. cit., pp. 118-19."),
            (0, "7. Deutscher, The Prophet Unarmed, Vol, II, op. cit., p. 152."),
        ]
    )
    kinds = problem_kinds(result)
    assert {("volume-typo", 6), ("volume-typo", 7)} <= kinds
    assert not any(k in ("ambiguous-opcit", "unresolved-short-form") for k, _ in kinds)


def test_opcit_before_the_full_citation_is_linked_and_reported() -> None:
    _, result = check_case(
        [
            (0, "1. " + UNARMED),
            (1, "2. Deutscher, The Prophet Armed, op. cit., p. 12."),
            (0, "3. Deutscher, Vol. II, op. cit., p. 4."),
            (1, "4. " + ARMED),
        ]
    )
    kinds = problem_kinds(result)
    assert ("opcit-before-full", 2) in kinds
    assert ("opcit-before-full", 4) not in kinds and ("opcit-before-full", 3) not in kinds


def test_ibid_after_a_missing_note_is_not_guessed() -> None:
    _, result = check_case(
        [
            (0, "1. " + MEYER),
            (0, "2. Ibid., p. 4."),
            (None, "4. Ibid., p. 78."),
            (0, "5. Meyer, op. cit., p. 9."),
        ]
    )
    kinds = problem_kinds(result)
    assert ("missing-note", 3) in kinds
    assert ("ibid-after-missing-note", 4) in kinds


def test_title_variant_is_one_work_and_reported() -> None:
    analysis, result = check_case(
        [
            (0, "1. " + SPEAKS),
            (0, "2. Trotsky, Trotsky Speaks, op. cit., p. 173."),
            (0, "3. Sarah Lovell, in Leon Trotsky Speaks, op. cit., p. 93."),
        ]
    )
    assert ("title-variant", 2) in problem_kinds(result)
    assert [w.title for w in analysis.works] == ["Leon Trotsky Speaks"]


def test_unresolved_opcit_is_reported() -> None:
    _, result = check_case([(0, "1. " + MEYER), (None, "2. Kautsky, op. cit., p. 4.")])
    assert ("unresolved-short-form", 2) in problem_kinds(result)


def test_ibid_first_is_reported() -> None:
    _, result = check_case([(None, "1. Ibid., p. 4."), (0, "2. " + MEYER)])
    assert ("unresolved-short-form", 1) in problem_kinds(result)


def test_repeated_full_citation_is_the_same_work() -> None:
    check_case([(0, "1. " + MEYER), (1, "2. " + HILL), (0, "3. " + MEYER)])


def test_two_documents_citing_one_work_make_one_work() -> None:
    first = build([(0, "1. " + CARR_I), (1, "2. " + MEYER)])
    second = build([(0, "1. " + CARR_I.replace("E.H.", "Edward Hallett")), (0, "2. Ibid., p. 7.")])
    analysis = analyse_documents(
        [Document.from_text("a.txt", first), Document.from_text("b.txt", second)]
    )
    assert sorted(w.key for w in analysis.works) == ["carr1950bolshevik", "meyer1962leninism"]
    works = {d.path: [c.work for c in note_citations(d.citations)] for d in analysis.documents}
    assert works == {
        "a.txt": ["carr1950bolshevik", "meyer1962leninism"],
        "b.txt": ["carr1950bolshevik", "carr1950bolshevik"],
    }


# Seed 003: what a careful editor picks for a sample of notes (note → work key, or None
# for the ones that must be flagged rather than guessed).
SEED_PICKS = {
    4: "carr1950bolshevik",
    9: "carr1950bolshevik",  # `E.H. Carr, op. cit.`: only Vol. I is cited before it
    11: "lenin1968state",
    14: "meyer1962leninism",
    22: "trotsky1972leon",  # `Sarah Lovell, in Leon Trotsky Speaks, op. cit.`
    27: "carr1952bolshevik",
    35: "trotsky1941stalin",  # `Leon Trotsky, Stalin, op. cit.`
    37: "deutscher1959prophet",  # `The Prophet Unarmed` without its volume
    42: "carr1950bolshevik",
    50: "deutscher1954prophet",  # Prophet Armed: the full citation is note 160
    52: "deutscher1959prophet",  # `Vol II`
    55: None,  # Ibid. after note 54, which cites two works
    59: None,  # Ibid. after note 58, which cites three
    62: "trotsky1972leon",  # `Trotsky Speaks`
    82: "lewin1970lenin",
    97: "trotsky1972leon",  # `Sarah Lovell, Trotsky Speaks, op. cit.`
    98: "deutscher1959prophet",  # `Vol, II`
    106: "deutscher1959prophet",  # `Quoted in: Deutscher, The Prophet Unarmed, Vol. II. op. cit.`
    113: None,  # `Trotsky, op. cit.`: three Trotsky works before it
    134: "deutscher1963prophet",  # `Vio. III`
    143: None,  # Ibid. after the missing notes 141-142
    145: "deutscher1963prophet",  # `Deutscher, Vol. III, op. cit.`
    147: "deutscher1959prophet",
    153: "trotsky1950stalin",  # Ibid. after the Hansen contribution
    158: "trotsky1972leon",
    164: "cohnbendit1968obsolete",
}


@pytest.fixture(scope="module")
def seed_result():
    document, _ = read_document(SEED, "seeds/003.txt")
    analysis = analyse_documents([document])
    return analysis, analysis.documents[0]


@pytest.mark.parametrize(("note", "work"), sorted(SEED_PICKS.items()))
def test_seed_resolutions(seed_result, note: int, work: str | None) -> None:
    _, result = seed_result
    first = next(c for c in result.citations if c.note == note)
    assert first.work == work, first.raw
    if work is None:
        assert first.ambiguous


def test_seed_flags_the_ambiguous_ones(seed_result) -> None:
    _, result = seed_result
    kinds = problem_kinds(result)
    assert {
        ("ibid-after-multi", 55),
        ("ibid-after-multi", 59),
        ("ambiguous-opcit", 113),
        ("opcit-before-full", 50),
        ("ibid-after-missing-note", 143),
    } <= kinds


def test_seed_multi_reference_notes(seed_result) -> None:
    _, result = seed_result
    by_note = {n: [c.work for c in result.citations if c.note == n] for n in (54, 58)}
    assert by_note == {
        54: ["deutscher1959prophet", "hill1971lenin"],
        58: ["shukman1967lenin", "serge1973lenin", "cohnbendit1968obsolete"],
    }


def test_seed_every_note_citation_resolves_or_is_flagged(seed_result) -> None:
    _, result = seed_result
    flagged = {p.note for p in result.problems}
    for citation in note_citations(result.citations):
        assert citation.work is not None or citation.note in flagged or citation.ambiguous, (
            citation.raw
        )


def test_a_volume_that_clashes_with_the_only_work_of_that_title_is_reported() -> None:
    text = (
        "A claim.1 Another.2\n\nNotes\n\n"
        "1. Isaac Deutscher, The Prophet Unarmed, Vol. II, New York: Vintage Books, 1959, p. 17.\n"
        "2. Deutscher, The Prophet Unarmed, Vol. III, op. cit., p. 21.\n"
    )
    analysis = analyse_documents([Document.from_text("a.txt", text)])
    (doc,) = analysis.documents
    first, second = doc.citations
    assert second.work == first.work is not None
    assert [(p.kind, p.line) for p in doc.problems] == [("volume-conflict", 6)]


def test_the_same_work_cited_in_full_with_two_years_is_a_year_conflict() -> None:
    text = (
        "A claim.1 Another.2\n\nNotes\n\n"
        "1. Moshe Lewin, Lenin's Last Struggle, New York: Pantheon, 1968, p. 4.\n"
        "2. Moshe Lewin, Lenin's Last Struggle, New York: Pantheon, 1970, p. 9.\n"
    )
    (doc,) = analyse_documents([Document.from_text("a.txt", text)]).documents
    assert doc.citations[0].work == doc.citations[1].work is not None
    assert [(p.kind, p.line) for p in doc.problems] == [("year-conflict", 6)]


def test_idem_takes_the_author_of_the_citation_before() -> None:
    text = (
        "A.1 B.2 C.3\n\nNotes\n\n"
        "1. Isaac Deutscher, The Prophet Armed, London: Verso, 2003, p. 4.\n"
        "2. Idem, The Prophet Unarmed, London: Verso, 2003, p. 9.\n"
        "3. Deutscher, Prophet Unarmed, p. 11.\n"
    )
    analysis = analyse_documents([Document.from_text("a.txt", text)])
    (doc,) = analysis.documents
    first, second, third = doc.citations
    assert first.work != second.work
    assert second.work == third.work
    works = {w.key: w for w in analysis.works}
    assert [n.family for n in works[second.work].authors] == ["Deutscher"]


@pytest.mark.parametrize("idem", ["Id.", "Ead.", "Ders."])
def test_an_abbreviated_idem_takes_the_author_of_the_citation_before(idem: str) -> None:
    # The parser reads `Id.` before a title as the author `Id`: the same author as before.
    text = (
        "A.1 B.2 C.3\n\nNotes\n\n"
        "1. Fernand Braudel, Civiltà e imperi del Mediterraneo, Torino: Einaudi, 1953, p. 4.\n"
        f"2. {idem}, Il Mediterraneo, Milano: Bompiani, 1987, p. 9.\n"
        "3. Braudel, Il Mediterraneo, p. 11.\n"
    )
    analysis = analyse_documents([Document.from_text("a.txt", text)])
    (doc,) = analysis.documents
    first, second, third = doc.citations
    assert first.work != second.work and second.work == third.work
    works = {w.key: w for w in analysis.works}
    assert [n.family for n in works[second.work].authors] == ["Braudel"]


def author_date_citations(text: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    analysis = analyse_documents([Document.from_text("case.md", text)])
    (result,) = analysis.documents
    cited = [(c.raw, c.work) for c in result.citations if c.kind.value == "parenthetical"]
    return cited, [p.kind for p in result.problems]


def test_author_date_resolves_to_its_reference_list_entry() -> None:
    text = (
        "First (Jacquesson 1995: 29). Then (Jacquesson & Rivier 2005). Again (Jacquesson 1995)."
        "\n\n## References\n\n"
        "Jacquesson, Alain (1995). L'informatisation des bibliothèques. Paris: Cercle.\n\n"
        "Jacquesson, Alain ; Rivier, Alexis (2005). Bibliothèques et documents. Paris.\n"
    )
    cited, problems = author_date_citations(text)
    works = [work for _, work in cited]
    assert None not in works
    assert works[0] == works[2] != works[1]
    assert "no-reference-list-entry" not in problems


def test_author_date_with_no_entry_is_its_own_work_and_reported() -> None:
    text = "Narrative (White, 1973). Status (Veblen, 1914). Again (White, 1973). (Eco, 1994)."
    cited, problems = author_date_citations(text)
    works = [work for _, work in cited]
    assert None not in works
    assert works[0] == works[2] and len(set(works)) == 3
    assert problems.count("no-reference-list-entry") == 3  # each work once, where it first is
    assert "unresolved-short-form" not in problems


def test_author_date_misdated_takes_the_one_entry_by_its_authors() -> None:
    text = (
        "Early (Jacquesson & von Roten 2019: 3). Later (Jacquesson & von Roten 2018: 9)."
        " Also (Jacquesson 1995: 4) and (Jacquesson 2001: 5)."
        "\n\n## References\n\n"
        "Jacquesson, Alain (1995). L'informatisation des bibliothèques. Paris: Cercle.\n\n"
        "Jacquesson, Alain ; von Roten, Gabrielle (2019). Histoire d'une révolution. Genève.\n\n"
        "Jacquesson, Alain (2010). Google Livres. Paris: Cercle.\n"
    )
    cited, problems = author_date_citations(text)
    works = [work for _, work in cited]
    assert works[0] == works[1]  # the 2018 slip is the one Jacquesson & von Roten entry
    assert "year-conflict" in problems
    # `Jacquesson 2001` could be any of his entries: its own work, and reported
    assert works[3] not in works[:3] and "no-reference-list-entry" in problems
