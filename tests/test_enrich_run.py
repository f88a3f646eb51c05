"""enrich_analysis end to end against the local catalogue: matches, misses, problems, cache."""

from __future__ import annotations

import dataclasses
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from enrich_support import analysis_of, book, closed_port, settings_for
from fakeserver import FakeServer

from citeres.enrich import cache_stats, clear_cache, enrich_analysis
from citeres.enrich.progress import Lines, Silent, make_reporter
from citeres.model import Analysis, Problem, Work, WorkType
from citeres.settings import Limits

LIFE = book("grossman-life", "Life and Fate", "Vasily Grossman", year="1985")
FLOWS = book("grossman-flows", "Everything Flows", "Vasily Grossman", year="2010")
GULAG_2 = book("gulag-2", "The Gulag Archipelago", "Aleksandr Solzhenitsyn", volume="II")
GULAG = book("gulag", "The Gulag Archipelago", "Aleksandr Solzhenitsyn", year="1974")
NOTES = book("notes", "Notes from Underground", "Fyodor Dostoevsky", year="1850")
ABSENT = book("absent", "A Book Nobody Has Catalogued", "Nobody Atall", year="1931")
ARTICLE = book("petrova", "The Uses of Memory", "Maria Petrova", year="1999", type=WorkType.ARTICLE)
QUIGNARD = book("quignard", "Les ombres errantes", "Pascal Quignard", isbn="978-2-07-042779-6")
ALL = (LIFE, FLOWS, GULAG_2, GULAG, NOTES, ABSENT, ARTICLE, QUIGNARD)

pytest_plugins = ["conftest_enrich"]  # the `server` fixture


def run(server: FakeServer | str, cache: Path, *works: Work, **changes: object) -> Analysis:
    return enrich_analysis(analysis_of(*works), settings_for(server, cache, **changes))


def problems(analysis: Analysis) -> list[Problem]:
    return [p for d in analysis.documents for p in d.problems] + list(analysis.problems)


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        (LIFE, "/works/OL101W"),  # beats the same title by another author (more editions)
        (FLOWS, "/works/OL103W"),  # beats the same author's other book
        (GULAG_2, "/works/OL105W"),  # beats the other volume of the same work
        (ARTICLE, "10.5555/right.article"),  # beats a longer title with a higher score
    ],
)
def test_the_right_candidate_wins(
    server: FakeServer, tmp_path: Path, work: Work, expected: str
) -> None:
    [found] = run(server, tmp_path, work).works
    assert found.enrichment is not None
    assert (found.enrichment.status, found.enrichment.id) == ("matched", expected)


def test_nothing_is_matched_when_the_catalogue_lacks_the_work(
    server: FakeServer, tmp_path: Path
) -> None:
    result = run(server, tmp_path, LIFE, ABSENT)
    absent = result.works[1]
    assert absent.enrichment is not None and absent.enrichment.status == "not-found"
    assert absent == ABSENT.__class__(**{**ABSENT.__dict__, "enrichment": absent.enrichment})
    [problem] = problems(result)
    assert (problem.kind, problem.path, problem.line, problem.note) == (
        "not-in-catalogue",
        "essay.txt",
        20,
        2,
    )
    # A book Open Library lacks is asked of Crossref too.
    assert [h.path for h in server.hits].count("/cr/works") == 1


def test_a_tie_is_ambiguous_and_lists_the_candidates(server: FakeServer, tmp_path: Path) -> None:
    [gulag] = run(server, tmp_path, GULAG).works
    assert gulag.enrichment is not None and gulag.enrichment.status == "ambiguous"
    assert len(gulag.enrichment.candidates) == 2
    assert gulag.openlibrary is None  # nothing filled from a guess


def test_duplicate_records_do_not_make_a_tie(server: FakeServer, tmp_path: Path) -> None:
    [twin] = run(server, tmp_path, book("twin", "Collected Stories", "Anna Twin")).works
    assert twin.enrichment is not None and twin.enrichment.status == "matched"


def test_a_record_first_published_after_the_cited_year_is_refused(
    server: FakeServer, tmp_path: Path
) -> None:
    result = run(server, tmp_path, NOTES)
    [notes] = result.works
    assert notes.enrichment is not None and notes.enrichment.status == "refused"
    assert (notes.enrichment.id, notes.enrichment.reason) == (
        "/works/OL106W",
        "first published 1864, after the cited 1850",
    )
    [problem] = problems(result)
    assert problem.kind == "not-in-catalogue" and "refused" in problem.message
    assert "/works/OL106W" in problem.message and "after the cited 1850" in problem.message


def test_contradictions_are_problems_not_rewrites(server: FakeServer, tmp_path: Path) -> None:
    undated = book("notes", "Notes from Underground", "Fyodor Dostoevsky")
    pinned = book("q", "Les ombres errantes", "Pascal Quignard", year="1990", isbn="9782070427796")
    result = run(server, tmp_path, undated, pinned)
    assert [w.authors for w in result.works] == [undated.authors, pinned.authors]
    assert result.works[1].year == "1990"
    kinds = {p.kind: p for p in problems(result)}
    assert set(kinds) == {"catalogue-author-variant", "catalogue-year-conflict"}
    assert "Dostoyevsky" in kinds["catalogue-author-variant"].message
    assert kinds["catalogue-year-conflict"].line == 20


def test_enrichment_fills_only_what_is_missing(server: FakeServer, tmp_path: Path) -> None:
    cited = book(
        "gulag-2", "The Gulag Archipelago", "Aleksandr Solzhenitsyn", volume="II", year="1976"
    )
    cited = Work(**{**cited.__dict__, "publisher": "Collins", "place": "Glasgow"})
    [gulag] = run(server, tmp_path, cited).works
    assert (gulag.publisher, gulag.place, gulag.year) == ("Collins", "Glasgow", "1976")
    assert gulag.openlibrary == "OL105W" and gulag.original_year == "1974"
    assert gulag.subtitle and gulag.subtitle.startswith("1918-1956")
    assert gulag.isbn is None  # a work, not an edition: no ISBN pinned
    assert gulag.enrichment is not None
    assert set(gulag.enrichment.filled) == {"openlibrary", "original_year", "subtitle"}


def test_a_short_title_gains_its_full_form(server: FakeServer, tmp_path: Path) -> None:
    """A search hit adds identifiers and the full title, never the cited edition's facts."""
    [article] = run(server, tmp_path, ARTICLE).works
    assert article.title == "The Uses of Memory in Soviet Fiction"
    assert (article.doi, article.container, article.volume) == ("10.5555/right.article", None, None)


def test_isbns_are_looked_up_in_one_batch(server: FakeServer, tmp_path: Path) -> None:
    other = book("other", "Unknown Edition", "Some Body", isbn="9780000000019")
    result = run(server, tmp_path, QUIGNARD, other)
    quignard = result.works[0]
    assert quignard.enrichment is not None and quignard.enrichment.id == "/books/OL900M"
    assert quignard.publisher == "Gallimard"
    isbn_hits = [h for h in server.hits if h.path == "/ol/api/books"]
    assert len(isbn_hits) == 1
    assert isbn_hits[0].query["bibkeys"] == "ISBN:9780000000019,ISBN:9782070427796"


def test_a_doi_goes_straight_to_the_work(server: FakeServer, tmp_path: Path) -> None:
    known = book("a", "The Uses of Memory", "Maria Petrova", doi="10.5555/RIGHT.article")
    unknown = book("b", "Anything", "Anyone", doi="10.5555/not-a-real-doi")
    result = run(server, tmp_path, known, unknown)
    statuses = [w.enrichment.status for w in result.works if w.enrichment]
    assert statuses == ["matched", "not-found"]
    assert sorted(h.path for h in server.hits) == [
        "/cr/works/10.5555/RIGHT.article",
        "/cr/works/10.5555/not-a-real-doi",
    ]


def test_one_request_per_distinct_work_and_none_the_second_time(
    server: FakeServer, tmp_path: Path
) -> None:
    run(server, tmp_path, *ALL)
    cold = server.count()
    assert cold <= 1.5 * len(ALL)  # the absent book is asked in other forms, then of Crossref
    second = run(server, tmp_path, *ALL)
    assert server.count() == cold
    third = run(server, tmp_path, *ALL)
    assert [w.enrichment for w in second.works] == [w.enrichment for w in third.works]


def test_offline_uses_only_the_cache(server: FakeServer, tmp_path: Path) -> None:
    run(server, tmp_path, LIFE)
    asked = server.count()
    result = run(server, tmp_path, LIFE, FLOWS, offline=True)
    assert server.count() == asked
    statuses = [w.enrichment.status for w in result.works if w.enrichment]
    assert statuses == ["matched", "skipped"]


def test_a_dead_network_finishes_fast_and_honestly(tmp_path: Path) -> None:
    began = time.monotonic()
    result = run(f"http://127.0.0.1:{closed_port()}", tmp_path, *ALL)
    assert time.monotonic() - began < 5.0
    assert {w.enrichment.status for w in result.works if w.enrichment} == {"error"}
    [problem] = problems(result)
    assert problem.kind == "catalogue-unavailable" and f"{len(ALL)} works" in problem.message


def test_untitled_and_web_works_are_skipped(server: FakeServer, tmp_path: Path) -> None:
    web = book("web", "A Blog Post", "Some Body", type=WorkType.WEB)
    untitled = Work(key="untitled", type=WorkType.BOOK)
    result = run(server, tmp_path, web, untitled)
    assert [w.enrichment.status for w in result.works if w.enrichment] == ["skipped", "skipped"]
    assert server.count() == 0


KILLED_RUN = """
import sys
from pathlib import Path
sys.path[:0] = {paths!r}
from enrich_support import analysis_of, book, settings_for
from citeres.enrich import enrich_analysis
works = [book(f"w{{i}}", f"Title number {{i}}", "Some Author") for i in range(12)]
enrich_analysis(analysis_of(*works), settings_for({url!r}, Path({cache!r}), limits={{
    "openlibrary": Limits(1, {{"search": 10.0}}), "crossref": Limits(1, {{"search": 10.0}})}}))
"""


def test_a_killed_run_leaves_a_usable_cache(server: FakeServer, tmp_path: Path) -> None:
    script = "from citeres.settings import Limits\n" + KILLED_RUN.format(
        paths=[str(Path(__file__).parent), str(Path(__file__).parents[1])],
        url=server.url,
        cache=str(tmp_path),
    )
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)])
    deadline = time.monotonic() + 10
    while server.count() < 6 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_after = server.count()
    assert 6 <= killed_after < 48
    works = [book(f"w{i}", f"Title number {i}", "Some Author") for i in range(12)]
    result = run(server, tmp_path, *works)
    assert {w.enrichment.status for w in result.works if w.enrichment} == {"not-found"}
    # Each book costs four questions (three forms in Open Library, then Crossref); the
    # cache kept the answers of the first run.
    assert server.count() - killed_after < 48


def test_cache_stats_and_clear(server: FakeServer, tmp_path: Path) -> None:
    run(server, tmp_path, LIFE, FLOWS)
    settings = settings_for(server, tmp_path)
    assert cache_stats(settings).entries == 4  # two answers, two verdicts
    assert clear_cache(settings) == 4
    assert cache_stats(settings).entries == 0


def test_progress_lines_when_not_a_terminal(server: FakeServer, tmp_path: Path) -> None:
    stream = io.StringIO()
    reporter = make_reporter(stream=stream)
    assert isinstance(reporter, Lines)
    enrich_analysis(analysis_of(LIFE, ABSENT), settings_for(server, tmp_path), reporter)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "citeres: 2 citations → 2 distinct works → 2 look-ups"
    assert lines[1].startswith("citeres: enrich [1/2]")
    assert lines[-1] == (
        "citeres: enriched 1 of 2 works: 1 matched, 0 ambiguous, 0 refused, 1 not found; "
        "5 requests, 0 from cache"
    )
    assert isinstance(make_reporter(quiet=True, stream=stream), Silent)


def test_breaker_message_is_said_once(tmp_path: Path) -> None:
    stream = io.StringIO()
    dead = f"http://127.0.0.1:{closed_port()}"
    enrich_analysis(analysis_of(*ALL), settings_for(dead, tmp_path), Lines(stream))
    said = [line for line in stream.getvalue().splitlines() if "not asking it again" in line]
    assert len(said) == 2  # once for Open Library, once for Crossref


def test_works_not_enriched_on_a_dead_network_read_alike_run_after_run(tmp_path: Path) -> None:
    """Which request meets the refusal first and which finds the breaker open is up to the
    threads; the report says the same of every work, so two runs write the same report."""
    dead = f"http://127.0.0.1:{closed_port()}"
    runs = [
        enrich_analysis(analysis_of(*ALL), settings_for(dead, tmp_path / str(n))) for n in range(2)
    ]
    reasons = [[w.enrichment.reason for w in r.works if w.enrichment] for r in runs]
    assert reasons[0] == reasons[1]
    assert {reason.split(":")[0] for reason in reasons[0] if reason} == {
        "Open Library",
        "Crossref",
    }
    assert all(reason and ": not answering (cannot connect" in reason for reason in reasons[0])


def test_polite_limits_with_a_contact() -> None:
    from citeres.enrich.catalogues import services
    from citeres.settings import Settings

    crossref, openlibrary = services()["crossref"], services()["openlibrary"]
    assert crossref.limits_for(Settings()) == Limits(1, {"search": 1.0, "lookup": 5.0})
    assert openlibrary.limits_for(Settings(mailto="me@example.org")).rates["search"] == 3.0


def test_the_terminal_bar_runs_and_leaves_a_summary() -> None:
    from citeres.enrich.progress import Bar

    stream = io.StringIO()
    bar = Bar(stream)
    bar.start(2)
    bar.advance("matched: one")
    bar.say("Crossref is not answering")
    bar.advance("matched: two")
    bar.finish("enriched 2 works")
    assert "Crossref is not answering" in stream.getvalue()
    assert "enriched 2 works" in stream.getvalue()


def test_ctrl_c_stops_at_once_and_touches_nothing(tmp_path: Path) -> None:
    """A real `citeres build` against a catalogue that takes a minute to answer: SIGINT
    ends it without waiting for the answer in flight, asks nothing more, writes nothing."""
    slow = FakeServer(latency=60.0).start()
    essays = tmp_path / "essays"
    essays.mkdir()
    (essays / "essay.txt").write_text(
        "Grossman's novel.1\n\nNotes\n\n"
        "1. Vasily Grossman, Life and Fate (London: Collins, 1985), 4.\n",
        encoding="utf-8",
    )
    out = tmp_path / "bib"
    out.mkdir()
    (out / "references.bib").write_text("% mine\n", encoding="utf-8")
    env = dict(
        os.environ,
        CITERES_OPENLIBRARY_URL=f"{slow.url}/ol",
        CITERES_CROSSREF_URL=f"{slow.url}/cr",
        CITERES_CACHE_DIR=str(tmp_path / "cache"),
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "citeres", "build", str(essays), "-o", str(out)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while slow.count() == 0 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        assert slow.count() == 1, "the build never reached the catalogue"
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=30)
        answered = [h.end for h in slow.hits]
    finally:
        child.kill()
        slow.stop()
    assert child.returncode == 130
    assert stderr.rstrip().endswith("citeres: interrupted") and "Traceback" not in stderr
    assert answered == [0.0]  # it left while its one request was still unanswered
    assert slow.count() == 1  # and asked nothing after the interrupt
    assert (out / "references.bib").read_text(encoding="utf-8") == "% mine\n"
    assert sorted(p.name for p in out.iterdir()) == ["references.bib"]


def test_offline_and_unreachable_runs_print_one_summary(tmp_path: Path) -> None:
    for changes in ({"offline": True}, {}):
        stream = io.StringIO()
        dead = f"http://127.0.0.1:{closed_port()}"
        enrich_analysis(analysis_of(*ALL), settings_for(dead, tmp_path, **changes), Lines(stream))
        lines = stream.getvalue().splitlines()
        assert not [line for line in lines if "enrich [" in line]
        assert lines[-1].startswith(f"citeres: enriched 0 of {len(ALL)} works")
        assert len(lines) <= 4  # the counts, one line per service given up, the summary


def test_works_that_read_alike_are_looked_up_once(server: FakeServer, tmp_path: Path) -> None:
    """Two works of one look-up (another key, the same reference to a catalogue)."""
    twin = dataclasses.replace(LIFE, key="grossman-life-2", title="Life and fate")
    stream = io.StringIO()
    result = enrich_analysis(analysis_of(LIFE, twin), settings_for(server, tmp_path), Lines(stream))
    assert server.count() == 1
    assert [w.openlibrary for w in result.works] == ["OL101W", "OL101W"]
    assert stream.getvalue().splitlines()[0] == (
        "citeres: 2 citations → 2 distinct works → 1 look-ups"
    )


MALFORMED = [
    ("ol", {"publish_year": None}),  # null where a list belongs: a missing field, not a crash
    ("ol", {"author_name": 5}),
    ("ol", {"title": ["Life and Fate"]}),
    ("ol", {"edition_count": "many"}),
    ("cr", {"issued": [1990]}),
    ("cr", {"author": "Maria Petrova"}),
    ("cr", {"title": "The Uses of Memory in Soviet Fiction"}),
]


@pytest.mark.parametrize(("service", "damage"), MALFORMED)
def test_a_malformed_record_is_skipped_and_its_answer_not_kept(
    server: FakeServer, tmp_path: Path, service: str, damage: dict[str, object]
) -> None:
    records = server.catalogue.ol_docs if service == "ol" else server.catalogue.cr_items
    work = LIFE if service == "ol" else ARTICLE
    index = (
        0
        if service == "ol"
        else next(i for i, r in enumerate(records) if r["DOI"] == "10.5555/right.article")
    )
    records[index] = {**records[index], **damage}
    [first] = run(server, tmp_path, work).works
    asked = server.count()
    [again] = run(server, tmp_path, work).works
    assert first.enrichment is not None and again.enrichment is not None
    if "publish_year" in damage:  # null is absence: the record stands, the answer is kept
        assert first.enrichment.id == "/works/OL101W" and server.count() == asked
    else:
        assert first.enrichment.id != records[index].get("key", records[index].get("DOI"))
        assert server.count() > asked  # the answer that held it was not cached


def test_a_warm_run_does_no_matching(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(server, tmp_path, *ALL)
    import citeres.enrich.lookup as enrich

    def no_matching(*args: object) -> None:
        raise AssertionError("a warm run matched titles")

    monkeypatch.setattr(enrich, "choose", no_matching)
    monkeypatch.setattr(enrich, "confirm", no_matching)
    warm = run(server, tmp_path, *ALL)
    assert warm.works == cold.works


def test_the_run_deadline_ends_the_run(tmp_path: Path) -> None:
    """A catalogue far slower than the run's deadline: the works not asked end `error`."""
    slow = FakeServer(latency=3.0).start()
    limits = {"openlibrary": Limits(1, {"search": 50.0}), "crossref": Limits(1, {"search": 50.0})}
    works = [book(f"w{i}", f"Title number {i}", "Some Author") for i in range(4)]
    try:
        settings = settings_for(slow, tmp_path, limits=limits, run_deadline=0.5)
        result = enrich_analysis(analysis_of(*works), settings)
    finally:
        slow.stop()
    assert {w.enrichment.status for w in result.works if w.enrichment} == {"error"}
    assert slow.count() == 1  # one request in flight at the deadline; no other was sent
    [problem] = problems(result)
    assert problem.kind == "catalogue-unavailable"
