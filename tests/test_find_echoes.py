"""A work cited in a note or a list and named again in the prose by its title: each use is
a mention of that work; a heading, a longer name, a main title that names a thing, a
page named after its subject are not."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from citeres.cli import app


def analysis(tmp_path: Path, name: str, text: str) -> tuple[list[dict], dict[str, dict]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / name), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (document,) = data["documents"]
    return document["citations"], {w["key"]: w for w in data["works"]}


def mentions(citations: list[dict]) -> list[tuple[int, str]]:
    return [(c["line"], c["raw"]) for c in citations if c["kind"] == "mention"]


ESSAY = """\
# Machines that listen

This question is what "Quiet Machines" sets in motion.[^1] When "Quiet Machines"
appeared, few read it; but Quiet Machines is read now.[^2]

## Quiet Machines

The Quiet Machines Foundation funds the work, and the Old Harbours survey
goes on. As "Old Harbours" shows, and as the Tidewater Tools page says, the
harbours are quiet.[^3]

[^1]: Ann Smith and Bo Lee, "Quiet Machines: Listening at Scale," in *Sound
    Studies*, ed. Carl Dunn (Leeds: Tide Press, 2020), 1--20.
[^2]: Smith and Lee, "Quiet Machines," 12.
[^3]: Carl Dunn, *Old Harbours: A Survey of the Coast* (Leeds: Tide Press, 1999);
    "Tidewater Tools," https://tidewater.example.org/, accessed 2021.
"""


def test_a_short_title_named_in_prose_is_a_mention_of_its_work(tmp_path: Path) -> None:
    citations, works = analysis(tmp_path, "a.md", ESSAY)
    found = mentions(citations)
    assert (3, "Quiet Machines") in found
    assert found.count((3, "Quiet Machines")) == 2  # `when "Quiet Machines"` wraps to line 3
    # bare, two words are as often the subject's name (`Dataset Retrieval`): not enough
    assert (4, "Quiet Machines") not in found
    note = next(c for c in citations if c["kind"] == "short")
    echoes = [c for c in citations if c["kind"] == "mention" and c["raw"] == "Quiet Machines"]
    assert {c["work"] for c in echoes} == {note["work"]}
    assert "Listening at Scale" in works[note["work"]]["title"]


def test_headings_longer_names_and_names_of_things_are_no_mentions(tmp_path: Path) -> None:
    citations, _ = analysis(tmp_path, "a.md", ESSAY)
    found = mentions(citations)
    assert all(line != 6 for line, _ in found)  # the heading `## Quiet Machines`
    assert all(line != 8 for line, _ in found)  # `Quiet Machines Foundation`; `Old Harbours survey`
    assert (9, "Old Harbours") in found  # a main title in quotation marks is the book
    assert all(raw != "Tidewater Tools" for _, raw in found)  # a page named after its subject


def test_a_title_shared_by_two_works_names_neither(tmp_path: Path) -> None:
    text = (
        "We read Sea Changes twice.[^1]\n\n"
        "[^1]: Ann Smith, *Sea Changes* (Leeds: Tide Press, 1999); Bo Lee, *Sea Changes*\n"
        "    (York: Mill Press, 2004).\n"
    )
    citations, _ = analysis(tmp_path, "a.md", text)
    assert mentions(citations) == []


REVIEW = """\
---
title: "Ein Werkzeug für Karten"
subtitle: "Rezension zu: Ann Smith (2013): Maps and minds: a study of diagrams. Leeds: Tide Press"
---

Ann Smith kündigt in ihrem Buch „Maps and minds: a study of diagrams“ an, Karten zu
deuten. Sie zählt zehn Karten (S. 36) und schließt mit Tabellen (S.41), (Fig. 2).
"""


def test_a_review_s_page_only_locators_cite_the_reviewed_work(tmp_path: Path) -> None:
    citations, _ = analysis(tmp_path, "a.md", REVIEW)
    pages = [(c["line"], c["pages"], c["work"]) for c in citations if c["kind"] == "parenthetical"]
    book = next(c["work"] for c in citations if c["raw"].startswith("Maps and minds"))
    assert pages == [(7, "36", book), (7, "41", book), (7, "Fig. 2", book)]


def test_page_only_locators_outside_a_review_cite_nothing(tmp_path: Path) -> None:
    text = REVIEW.replace("Rezension zu", "Über")
    citations, _ = analysis(tmp_path, "a.md", text)
    assert [c for c in citations if c["kind"] == "parenthetical"] == []


def test_a_bare_title_of_three_words_is_a_mention_and_of_two_is_not(tmp_path: Path) -> None:
    text = (
        "Since Coastal Railway Histories came out, Dataset Retrieval has grown as a field.\n\n"
        "## References\n\n"
        "Okafor, Chidi. 1997. *Coastal Railway Histories*. Bristol: Tide Press.\n\n"
        "Kunze, Sven. 2013. *Dataset Retrieval*. Leeds: Tide Press.\n"
    )
    citations, _ = analysis(tmp_path, "b.md", text)
    assert mentions(citations) == [(1, "Coastal Railway Histories")]
