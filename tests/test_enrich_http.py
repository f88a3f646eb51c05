"""The HTTP layer against a real local server: limits, retries, breaker, cache, faults.

Nothing here times anything: pacing is read from the gate's schedule, waits from the
pauses asked for, and everything else from the requests the server counted.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from enrich_support import client, closed_port, settings_for
from fakeserver import FakeServer

from citeres.enrich import cache_stats, clear_cache
from citeres.enrich.cache import ResponseCache, Stored, encode, request_key
from citeres.enrich.http import (
    BadResponse,
    Gate,
    Http,
    NotCached,
    RetryTransport,
    ServiceDown,
    Unreachable,
    advertised_rate,
    retry_after,
)
from citeres.settings import Limits

SEARCH = "/search.json"

pytest_plugins = ["conftest_enrich"]  # the `server` fixture


def ask(http: Http, n: int, service: str = "openlibrary", threads: int = 1) -> None:
    """n distinct questions, from `threads` threads at once."""
    path = SEARCH if service == "openlibrary" else "/works"

    def worker(numbers: range) -> None:
        for i in numbers:
            http.get_json(service, path, {"title": f"question {i}"})

    chunks = [range(t, n, threads) for t in range(threads)]
    pool = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def test_user_agent_names_citeres_and_the_contact(server: FakeServer, tmp_path: Path) -> None:
    http = client(settings_for(server, tmp_path, mailto="me@example.org"))
    http.get_json("crossref", "/works", {"query.bibliographic": "x"})
    http.close()
    hit = server.hits[0]
    assert hit.user_agent.startswith("citeres/") and "(mailto:me@example.org)" in hit.user_agent
    assert hit.query["mailto"] == "me@example.org"  # Crossref's polite pool


def test_the_gate_spaces_starts_per_pool() -> None:
    """Six threads at once get starts a pool's interval apart; another pool runs beside."""
    gate = Gate("Test", Limits(10, {"search": 50.0, "lookup": 50.0}), clock=lambda: 100.0)
    starts: dict[str, list[float]] = {"search": [], "lookup": []}
    lock = threading.Lock()

    def enter(pool: str) -> None:
        with gate.slot(pool) as start, lock:
            starts[pool].append(start)

    threads = [threading.Thread(target=enter, args=(p,)) for p in ["search", "lookup"] * 6]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for pool in starts:
        assert sorted(starts[pool]) == pytest.approx([100.0 + i * 0.02 for i in range(6)])


def test_a_closed_gate_sends_waiters_away() -> None:
    gate = Gate("Test", Limits(1, {"search": 1.0}), clock=lambda: 0.0)
    with gate.slot("search"):
        gate.close()
        with pytest.raises(ServiceDown):
            gate.slot("search").__enter__()


def test_in_flight_limit_holds(server: FakeServer, tmp_path: Path) -> None:
    server.latency = 0.15
    limits = {"openlibrary": Limits(2, {"search": 1000.0}), "crossref": Limits(1, {})}
    http = client(settings_for(server, tmp_path, limits=limits))
    ask(http, 8, threads=6)
    http.close()
    assert server.max_in_flight["openlibrary"] <= 2
    assert server.count("openlibrary") == 8


def test_slows_down_to_the_advertised_limits(server: FakeServer, tmp_path: Path) -> None:
    server.headers["crossref"] = {
        "x-rate-limit-limit": "5",
        "x-rate-limit-interval": "1s",
        "x-concurrency-limit": "1",
    }
    limits = {"openlibrary": Limits(1, {}), "crossref": Limits(4, {"search": 100.0})}
    http = client(settings_for(server, tmp_path, limits=limits))
    http.get_json("crossref", "/works", {"query.bibliographic": "first"})
    gate = http.gates["crossref"]
    http.close()
    assert gate.intervals["search"] == pytest.approx(0.2)  # 5/s, not 100/s
    assert gate.in_flight_limit == 1


def test_429_waits_for_retry_after(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pauses: list[float] = []
    monkeypatch.setattr(RetryTransport, "pause", lambda self, seconds: pauses.append(seconds))
    server.retry_after = "7"
    server.fail("openlibrary", "429")
    http = client(settings_for(server, tmp_path))
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert pauses == [7.0] and server.count() == 2


def test_503_and_a_stall_are_retried(server: FakeServer, tmp_path: Path) -> None:
    server.fail("crossref", "503", "stall")
    http = client(settings_for(server, tmp_path, read_timeout=0.5))
    data = http.get_json("crossref", "/works", {"query.bibliographic": "memory"})
    http.close()
    assert data["message-type"] == "work-list"
    assert server.count("crossref") >= 3


def test_a_silent_endpoint_is_given_up_after_one_retry(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", *["stall"] * 10)
    said: list[str] = []
    settings = settings_for(server, tmp_path, read_timeout=0.2, retries=3)
    http = client(settings, on_open=lambda service, reason: said.append(reason))
    with pytest.raises(Unreachable):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    with pytest.raises(ServiceDown):
        http.get_json("openlibrary", SEARCH, {"title": "y"})
    http.close()
    assert server.count("openlibrary") == 2  # one try and one retry, then never again
    assert said == ["no answer within the timeout"]


def test_a_dripping_body_ends_at_the_request_deadline(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "drip", "drip")
    http = client(settings_for(server, tmp_path, request_deadline=0.3, retries=1))
    with pytest.raises(Unreachable, match="deadline"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None  # not cached
    http.close()
    assert server.count() == 3


def test_an_oversized_answer_is_refused_and_not_cached(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "huge")
    http = client(settings_for(server, tmp_path, max_answer_bytes=100_000))
    with pytest.raises(BadResponse, match="larger than 100,000 bytes"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 2


def test_a_same_host_redirect_is_followed_and_cached(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "redirect-same")
    http = client(settings_for(server, tmp_path))
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert [h.query.get("moved") for h in server.hits] == [None, "1"]


def test_a_redirect_to_another_host_is_refused(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "redirect-other")
    http = client(settings_for(server, tmp_path, mailto="me@example.org"))
    with pytest.raises(BadResponse, match="another host"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    http.close()
    assert server.count() == 1  # the contact address never went to `localhost`


def test_a_redirect_loop_stops_at_once(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "redirect-loop")
    http = client(settings_for(server, tmp_path))
    with pytest.raises(BadResponse, match="redirect loop"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    http.close()
    assert server.count() == 1


def test_malformed_json_is_an_error_and_never_cached(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "malformed")
    http = client(settings_for(server, tmp_path))
    with pytest.raises(BadResponse, match="malformed JSON"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 2


def test_text_plain_404_is_a_cached_miss(server: FakeServer, tmp_path: Path) -> None:
    http = client(settings_for(server, tmp_path))
    assert http.get_json("crossref", "/works/10.5555/nothing", {}, "lookup") is None
    assert http.get_json("crossref", "/works/10.5555/nothing", {}, "lookup") is None
    http.close()
    assert server.count() == 1


def test_errors_are_never_cached(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "503", "503")
    http = client(settings_for(server, tmp_path, retries=1))
    with pytest.raises(BadResponse, match="503"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 3


def test_first_tries_that_fail_do_not_open_the_breaker(server: FakeServer, tmp_path: Path) -> None:
    """Three 503s, each on another question's first try: each retry succeeds."""
    server.fail("openlibrary", "503")
    said: list[str] = []
    settings = settings_for(server, tmp_path, retries=3, breaker_after=3)
    http = client(settings, on_open=lambda service, reason: said.append(service))
    for question in ("a", "b", "c"):
        assert http.get_json("openlibrary", SEARCH, {"title": question}) is not None
        server.fail("openlibrary", "503")
    http.close()
    assert said == [] and server.count() == 6


def test_breaker_opens_after_failed_requests_and_says_so_once(
    server: FakeServer, tmp_path: Path
) -> None:
    server.fail("openlibrary", *["503"] * 10)
    said: list[str] = []
    settings = settings_for(server, tmp_path, retries=1, breaker_after=2)
    http = client(settings, on_open=lambda service, reason: said.append(service))
    for question in ("x", "y"):  # two requests, each failing both its attempts
        with pytest.raises(BadResponse):
            http.get_json("openlibrary", SEARCH, {"title": question})
    asked = server.count()
    for _ in range(3):
        with pytest.raises(ServiceDown):
            http.get_json("openlibrary", SEARCH, {"title": "z"})
    assert http.get_json("crossref", "/works", {"query.bibliographic": "memory"}) is not None
    http.close()
    assert server.count("openlibrary") == asked == 4
    assert said == ["openlibrary"]


def test_dead_network_opens_the_breaker_at_once(tmp_path: Path) -> None:
    said: list[str] = []
    dead = f"http://127.0.0.1:{closed_port()}"
    http = client(settings_for(dead, tmp_path), on_open=lambda service, _: said.append(service))
    with pytest.raises(Unreachable):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    with pytest.raises(ServiceDown):
        http.get_json("openlibrary", SEARCH, {"title": "y"})
    tries = http.stats.requests["openlibrary"]
    http.close()
    assert said == ["openlibrary"] and tries == 1  # a refused connection is not retried


def test_offline_answers_from_the_cache_only(server: FakeServer, tmp_path: Path) -> None:
    online = client(settings_for(server, tmp_path))
    online.get_json("openlibrary", SEARCH, {"title": "x"})
    online.close()
    offline = client(settings_for(server, tmp_path, offline=True))
    assert offline.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    with pytest.raises(NotCached):
        offline.get_json("openlibrary", SEARCH, {"title": "never asked"})
    offline.close()
    assert server.count() == 1


@pytest.mark.parametrize("damage", [b"garbage", encode(Stored(200, "application/json", b"{"))])
def test_a_corrupt_entry_is_dropped_and_refetched(
    server: FakeServer, tmp_path: Path, damage: bytes
) -> None:
    settings = settings_for(server, tmp_path)
    http = client(settings)
    http.get_json("openlibrary", SEARCH, {"title": "x"})
    http.close()
    cache = ResponseCache(tmp_path)
    assert cache.cache is not None
    [key] = list(cache.cache.iterkeys())
    cache.cache.set(key, damage)
    cache.close()
    http = client(settings)
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 2  # one refetch, then the repaired entry answers


def damage_database(folder: Path, how: str) -> None:
    if how == "file-for-folder":
        folder.write_bytes(b"not a folder")
        return
    folder.mkdir()
    database = folder / "cache.db"
    if how == "truncated":
        cache = ResponseCache(folder)
        for i in range(50):
            cache.put(f"k{i}", Stored(200, "application/json", b"{}" * 500), found=True)
        cache.close()
        database.write_bytes(database.read_bytes()[:3000])
    elif how == "random-bytes":
        database.write_bytes(bytes(range(256)) * 64)
    elif how == "not-a-database":
        database.write_text("SQLite format 3? no: a shopping list\n", encoding="utf-8")


@pytest.mark.parametrize("how", ["truncated", "random-bytes", "not-a-database", "file-for-folder"])
def test_a_damaged_cache_is_moved_aside_once(server: FakeServer, tmp_path: Path, how: str) -> None:
    folder = tmp_path / "cache"
    damage_database(folder, how)
    warnings: list[str] = []
    http = client(settings_for(server, folder), warn=warnings.append)
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 1  # the new cache works
    [warning] = warnings
    assert "damaged" in warning and (tmp_path / "cache.damaged").exists()
    damage_database(tmp_path / "other", how)
    settings = settings_for(server, tmp_path / "other")
    told: list[str] = []
    assert cache_stats(settings, told.append).entries == 0
    assert clear_cache(settings, told.append) == 0
    assert len(told) == 1  # stats moved it aside; clear found a sound cache


def test_a_cache_that_cannot_be_written_is_used_without_keeping(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only database (simulated: the suite may run as root, which writes anyway)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    warnings: list[str] = []
    http = client(settings_for(server, tmp_path), warn=warnings.append)
    assert http.cache.cache is not None
    monkeypatch.setattr(http.cache.cache, "set", refuse)
    for _ in range(3):
        assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 3 and len(warnings) == 1 and "readonly" in warnings[0]


def test_request_key_is_the_normalised_question() -> None:
    one = request_key("get", "https://API.crossref.org/works?rows=5&query.bibliographic=a%20%20b")
    two = request_key(
        "GET", "https://api.crossref.org/works?query.bibliographic=a+b&rows=5&mailto=x"
    )
    assert one == two
    assert one != request_key("GET", "https://api.crossref.org/works?query.bibliographic=a+c")


@pytest.mark.parametrize(
    ("limit", "interval", "rate"),
    [("50", "1s", 50.0), ("5", "1s", 5.0), ("10", None, 10.0), ("3", "2s", 1.5), ("x", "1s", None)],
)
def test_advertised_rate(limit: str, interval: str | None, rate: float | None) -> None:
    assert advertised_rate(limit, interval) == rate


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after("3") == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: go now
    assert retry_after("soon") is None
