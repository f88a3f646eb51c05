"""The resolver's index (citeres/shelf.py) only narrows the search: resolving with it gives
exactly what comparing each short form with every citation before (and after) it gives,
and a document of many citations is resolved looking at a few of them per short form."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeres import resolve, shelf
from citeres.model import Citation, Kind, Name, Reference
from citeres.text import title_matches

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Near spellings, short titles, subtitles, one-word titles and articles, to meet every
# way text.title_matches can say yes.
TITLES = [
    "The Bolshevik Revolution",
    "The Bolshevick Revolution",
    "Bolshevik Revolution",
    "Revolution",
    "Revolutions",
    "Stalin: An Appraisal of the Man",
    "Stalin",
    "Staline",
    "An Appraisal",
    "The Prophet Armed",
    "The Prophet Unarmed",
    "Prophet",
    "Memoirs of a Revolutionary",
    "Memoirs",
    "Memoir of a Revolutionary",
    "The",
    "Lenin's Last Struggle",
    "Last Struggle",
]
FAMILIES = ["Carr", "Car", "Deutscher", "Deutcher", "Serge", "Idem"]
KINDS = [
    Kind.FULL,
    Kind.FULL,
    Kind.FURTHER_READING,
    Kind.URL,
    Kind.OPCIT,
    Kind.SHORT,
    Kind.VOLUME_ONLY,
    Kind.PARENTHETICAL,
    Kind.MENTION,
    Kind.IBID,
    Kind.ATTRIBUTION,
]

names = st.lists(st.sampled_from(FAMILIES).map(lambda f: Name(family=f)), max_size=2).map(tuple)
references = st.builds(
    Reference,
    authors=names,
    editors=st.one_of(st.just(()), names),
    title=st.one_of(st.none(), st.sampled_from(TITLES)),
    volume=st.sampled_from([None, None, "I", "II", "2", "Vio"]),
    year=st.sampled_from([None, "1950", "1952"]),
    url=st.sampled_from([None, None, None, "https://a.org/x", "https://b.org/y"]),
    publisher=st.sampled_from([None, "Penguin"]),
)


@st.composite
def documents(draw: st.DrawFn) -> list[Citation]:
    refs = draw(st.lists(references, min_size=1, max_size=40))
    size = len(refs)
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=size, max_size=size))
    # The step to each citation's note number: the same note, the next, one missed, or
    # running text (no note).
    steps = draw(st.lists(st.sampled_from([0, 1, 1, 2, None]), min_size=size, max_size=size))
    number, citations = 0, []
    for n, (ref, kind, step) in enumerate(zip(refs, kinds, steps, strict=True)):
        number += step or 0
        note = None if step is None else number
        citations.append(
            Citation(path="d.txt", line=n + 1, kind=kind, raw=f"raw {n}", reference=ref, note=note)
        )
    return citations


class EveryCitation:
    """A shelf that holds everything in one bucket: the search without an index."""

    def __init__(self) -> None:
        self.all: list[int] = []

    def file(self, j: int, ref: Reference) -> None:
        self.all.append(j)

    def matching(self, short: Reference) -> list[list[int]]:
        return [self.all]

    def same(self, ref: Reference) -> list[list[int]]:
        return [self.all]


@pytest.mark.parametrize("short_shelf, few", [(0, 0), (3, 5), (32, 64)])
@SETTINGS
@given(documents())
def test_the_index_changes_no_resolution(short_shelf: int, few: int, citations) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shelf, "SHORT_SHELF", short_shelf)
        patch.setattr(shelf, "FEW", few)
        indexed = resolve.resolve(citations)
        patch.setattr(resolve, "Shelf", EveryCitation)
        everything = resolve.resolve(citations)
    assert indexed == everything


def slipped(word: str, at: int, edit: int) -> str:
    at %= len(word)
    if edit == 0:
        return word[:at] + word[at + 1 :]
    if edit == 1:
        return word[:at] + "x" + word[at:]
    if edit == 2:
        return word[:at] + "x" + word[at + 1 :]
    return word[:at] + word[at + 1 : at + 2] + word[at : at + 1] + word[at + 2 :]


WORDS = ["the", "of", "a", "revolution", "prophet", "armed", "stalin", "memoirs", "red", "war"]
title_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)


@st.composite
def title_pairs(draw: st.DrawFn) -> tuple[str, str]:
    words = draw(title_words)
    full = " ".join(words)
    if draw(st.booleans()):
        full += ": " + " ".join(draw(title_words))
    how = draw(st.sampled_from(["slip", "head", "tail", "main", "other", "same"]))
    if how == "slip":
        n = draw(st.integers(0, len(words) - 1))
        edit = slipped(words[n], draw(st.integers(0, 20)), draw(st.integers(0, 3)))
        short = " ".join([*words[:n], edit, *words[n + 1 :]])
    elif how in ("head", "tail"):
        cut = draw(st.integers(1, len(words)))
        short = " ".join(words[:cut] if how == "head" else words[-cut:])
    elif how == "main":
        short = full.split(": ")[0]
    elif how == "other":
        short = " ".join(draw(title_words))
    else:
        short = full
    return short.title() if draw(st.booleans()) else short, full


@settings(max_examples=2000, deadline=None)
@given(title_pairs())
def test_a_short_title_meets_the_title_it_matches_under_some_key(pair) -> None:
    short, full = pair
    if title_matches(short, full):
        assert set(shelf.asked(short)) & set(shelf.filed(full))


def looked_at(citations: list[Citation]) -> int:
    """How many candidate citations the resolver considers in all."""
    count = 0
    related = resolve.Resolver.related

    def counting(self, *args, **kwargs):
        nonlocal count
        for j in related(self, *args, **kwargs):
            count += 1
            yield j

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(resolve.Resolver, "related", counting)
        resolve.resolve(citations)
    return count


CARR = Reference(
    authors=(Name(family="Carr", given="E. H."),), title="The Bolshevik Revolution", year="1950"
)


def cited(note: int, kind: Kind, ref: Reference) -> Citation:
    """Note `note` of a document, citing `ref` as `kind`."""
    return Citation(path="d.txt", line=note, kind=kind, raw="", reference=ref, note=note)


def test_an_op_cit_chain_looks_at_one_candidate_per_link() -> None:
    op_cit = Reference(authors=CARR.authors)
    chain = [cited(1, Kind.FULL, CARR)] + [cited(n, Kind.OPCIT, op_cit) for n in range(2, 9002)]
    result = resolve.resolve(chain)
    assert set(result.anchors) == {0}
    assert looked_at(chain) <= len(chain)


def test_a_prolific_author_costs_each_citation_a_few_looks() -> None:
    """4,000 works by one author, each then cited by its short title: the works of the
    author are not read again for each citation."""
    words = ["Red", "White", "Winter", "Summer", "Bread", "Peace", "Land", "Power"]
    titles = [f"{a} {b} and {c} {d}" for a in words for b in words for c in words for d in words]
    titles = titles[:4000]
    fulls = [
        cited(n, Kind.FULL, Reference(authors=CARR.authors, title=t))
        for n, t in enumerate(titles, 1)
    ]
    shorts = [
        cited(n, Kind.SHORT, Reference(authors=CARR.authors, title=t))
        for n, t in enumerate(titles, len(titles) + 1)
    ]
    result = resolve.resolve(fulls + shorts)
    assert result.anchors == [*range(len(titles)), *range(len(titles))]
    assert looked_at(fulls + shorts) <= 20 * len(fulls + shorts)
