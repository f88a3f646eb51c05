"""Properties: parsing never raises, every line is inside its file, resolution never points
forward unless it says so, keys are unique and do not depend on the order of the inputs."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citeres.model import Analysis, Document, Kind
from citeres.parse.reference import parse_reference
from citeres.pipeline import analyse_documents

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHORT_FORMS = {Kind.IBID, Kind.OPCIT, Kind.VOLUME_ONLY, Kind.SHORT}

AUTHORS = ["E.H. Carr", "Isaac Deutscher", "Leon Trotsky", "Alfred G. Meyer", "Sam Dolgoff et al."]
SURNAMES = ["Carr", "Deutscher", "Trotsky", "Meyer", "Dolgoff", "Kautsky"]
TITLES = ["The Bolshevik Revolution", "The Prophet Unarmed", "Stalin", "Leninism", "Trotsky Speaks"]
VOLUMES = ["", "Vol. I, ", "Vol. II, ", "Vol II, ", "Vio. III, ", "Volume I, "]
IMPRINTS = [
    "New York: Vintage Books, 1970",
    "Baltimore, Maryland: Penguin Books, 1950",
    "Frederick A. Praeger, Inc., New York: 1962",
    "New York, Vintage Books, 1954",
    "(New York: Vintage, 1970)",
]
PAGES = [
    "p. 65",
    "pp. 185-6",
    "pp392-3",
    "p. xiii",
    "pp. 48, 59",
    "pp. 396-7, 407",
    "pp. 195, 202,",
]

full_note = st.builds(
    "{}, {}, {}{}, {}.".format,
    st.sampled_from(AUTHORS),
    st.sampled_from(TITLES),
    st.sampled_from(VOLUMES),
    st.sampled_from(IMPRINTS),
    st.sampled_from(PAGES),
)
ibid_note = st.builds("Ibid., {}.".format, st.sampled_from(PAGES)) | st.just("Ibid.")
opcit_note = st.builds(
    "{}, {}op. cit., {}.".format,
    st.sampled_from(SURNAMES),
    st.sampled_from(["", *[t + ", " for t in TITLES], *VOLUMES[1:]]),
    st.sampled_from(PAGES),
)
multi_note = st.builds("{}; See also: {}".format, full_note | opcit_note, opcit_note | ibid_note)
junk_note = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
any_note = st.one_of(full_note, full_note, ibid_note, opcit_note, opcit_note, multi_note, junk_note)
references = any_note | st.text(max_size=200)


@SETTINGS
@given(references)
def test_parse_reference_never_raises(raw: str) -> None:
    parsed = parse_reference(raw)
    assert parsed.form in Kind


@st.composite
def documents(draw, path: str = "doc.txt") -> Document:
    """An essay: body sentences with glued markers, then a numbered notes section; numbers
    may skip or repeat and some markers are left out."""
    count = draw(st.integers(min_value=0, max_value=14))
    numbers, n = [], 0
    for _ in range(count):
        n += draw(st.sampled_from([1, 1, 1, 1, 2, 0]))
        numbers.append(max(n, 1))
    sentences = []
    for number in numbers:
        glue = draw(st.sampled_from([".", "”.", ".”", " ", ",", "", "\u00a0"]))
        marked = draw(st.booleans()) or draw(st.booleans())
        sentences.append(
            f"In 1917 some 700,000 people {draw(st.sampled_from(['wrote', 'said']))}"
            + (f"{glue}{number}" if marked else ".")
        )
        if draw(st.integers(0, 4)) == 0:
            sentences.append("\n\n" + draw(st.text(max_size=60)))
    notes = []
    for number in numbers:
        spacing = draw(st.sampled_from([". ", ".\u00a0 ", " . ", ".  "]))
        text = draw(any_note)
        if draw(st.integers(0, 5)) == 0:  # a note wrapping over a blank line
            cut = len(text) // 2
            text = text[:cut] + "\n\n" + text[cut:]
        notes.append(f"{number}{spacing}{text}")
    tail = draw(st.sampled_from(["", "\nLeave a Reply\n", "\n" + draw(st.text(max_size=30))]))
    heading = draw(st.sampled_from(["\n\nNotes\n\n", "\n\n", "\n"]))
    text = " ".join(sentences) + heading + "\n".join(notes) + tail
    return Document.from_text(path, text.replace("\r", "\n"))


def corpora(size: int = 3):
    return st.lists(documents(), min_size=1, max_size=size).map(
        lambda docs: [Document.from_text(f"doc{i}.txt", d.text) for i, d in enumerate(docs)]
    )


@SETTINGS
@given(corpora())
def test_analysis_never_raises_and_lines_are_inside_the_file(docs: list[Document]) -> None:
    analysis = analyse_documents(docs)
    lines = {d.path: d.line_count for d in docs}
    assert {r.path for r in analysis.documents} == set(lines)
    for result in analysis.documents:
        for citation in result.citations:
            assert 1 <= citation.line <= lines[result.path], citation
        for problem in result.problems:
            assert problem.path == result.path
            assert 1 <= problem.line <= lines[result.path], problem
    assert analysis.problems == ()


def forward_violations(analysis: Analysis) -> list[str]:
    """Note citations whose work is first cited in full only after them, unreported."""
    found = []
    for result in analysis.documents:
        reported = {p.line for p in result.problems if p.kind == "opcit-before-full"}
        first_full: dict[str, int] = {}
        for c in result.citations:
            if c.work and c.kind not in SHORT_FORMS:
                first_full.setdefault(c.work, c.start)
        forward_ok: set[str] = set()  # works an earlier reported op. cit. pointed forward to
        for c in result.citations:
            if c.note is None or c.work is None or c.kind not in SHORT_FORMS:
                continue
            if first_full.get(c.work, c.start) <= c.start:
                continue
            if c.line in reported:
                forward_ok.add(c.work)
            elif not (c.kind is Kind.IBID and c.work in forward_ok):
                found.append(f"{result.path}:{c.line} note {c.note} `{c.raw}` → {c.work}")
    return found


@SETTINGS
@given(corpora())
def test_resolution_never_points_forward_unreported(docs: list[Document]) -> None:
    assert forward_violations(analyse_documents(docs)) == []


def snapshot(analysis: Analysis) -> tuple[dict, list]:
    citations = {
        r.path: [(c.start, c.kind.value, c.work) for c in r.citations] for r in analysis.documents
    }
    works = sorted((w.key, w.title or "", w.volume or "", w.year or "") for w in analysis.works)
    return citations, works


# Two distinct works with identical fields (here a punctuation-only "title") get their
# collision suffixes in input order: `anona`/`anonb` swap when the documents do.
SAME_FIELDS = [
    Document.from_text(
        "a.txt",
        "One.1 Two.2\n\nNotes\n\n1. ***\n2. Alfred G. Meyer, Leninism, "
        "New York: Praeger, 1962, p. 169.\n",
    ),
    Document.from_text(
        "b.txt", "One.1 Two.2\n\nNotes\n\n1. Meyer, op. cit., p. 3.\n2. ***, p. 9.\n"
    ),
]


@SETTINGS
@given(corpora(4), st.randoms(use_true_random=False))
@example(docs=SAME_FIELDS, rnd=random.Random(0))
def test_keys_are_unique_and_independent_of_input_order(docs: list[Document], rnd) -> None:
    analysis = analyse_documents(docs)
    keys = [w.key for w in analysis.works]
    assert len(keys) == len(set(keys))
    assert all(k.isascii() and k == k.strip() and k for k in keys)
    cited = {c.work for r in analysis.documents for c in r.citations if c.work}
    assert cited <= set(keys)
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert snapshot(analyse_documents(shuffled)) == snapshot(analysis)
    assert snapshot(analyse_documents(docs[::-1])) == snapshot(analysis)


@SETTINGS
@given(corpora(4))
def test_keys_are_unique(docs: list[Document]) -> None:
    analysis = analyse_documents(docs)
    keys = [w.key for w in analysis.works]
    assert len(keys) == len(set(keys))
    assert all(k and k.isascii() and " " not in k for k in keys)


def test_the_forward_check_can_fail() -> None:
    """The property above is only worth something if an unreported forward link is caught."""
    text = (
        "One.1 Two.2\n\nNotes\n\n1. Deutscher, The Prophet Armed, op. cit., p. 12.\n"
        "2. Isaac Deutscher, The Prophet Armed, Volume I, New York: Vintage Books, 1954.\n"
    )
    analysis = analyse_documents([Document.from_text("d.txt", text)])
    assert forward_violations(analysis) == []
    (result,) = analysis.documents
    silenced = dataclasses.replace(
        result, problems=tuple(p for p in result.problems if p.kind != "opcit-before-full")
    )
    assert len(forward_violations(dataclasses.replace(analysis, documents=(silenced,)))) == 1
