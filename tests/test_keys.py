"""Collision suffixes: a letter per colliding work, and as many letters as it takes."""

from __future__ import annotations

import pytest

from citeres.keys import assign_keys, suffix
from citeres.model import Name, Work


@pytest.mark.parametrize(
    ("n", "letters"),
    [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (51, "az"), (52, "ba"), (701, "zz"),
     (702, "aaa"), (703, "aab"), (18277, "zzz"), (18278, "aaaa")],
)  # fmt: skip
def test_suffixes(n: int, letters: str) -> None:
    assert suffix(n) == letters


def test_suffixes_are_distinct_well_past_702() -> None:
    assert len({suffix(n) for n in range(20000)}) == 20000


def test_800_colliding_works_get_800_keys() -> None:
    works = [
        Work(key=f"w{i}", authors=(Name(family="Smith"),), title=f"Notes {i:04}", year="1990")
        for i in range(800)
    ]
    keyed, _ = assign_keys(works, {})
    keys = [w.key for w in keyed]
    assert len(set(keys)) == 800
    assert {"smith1990notesa", "smith1990notesaaa"} <= set(keys)


@pytest.mark.parametrize("url", ["http://x.y)[4]", "https://[4]/page", "http://[::1"])
def test_a_url_urllib_refuses_still_gets_a_key(url: str) -> None:
    """Found by the fuzz test: `http://x.y)[4]` made urlsplit raise and the run stop."""
    (work,), _ = assign_keys([Work(key="", url=url)], {})
    assert work.key
