"""The HTTP layer against a real local server: limits, retries, breaker, cache, faults."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from enrich_support import closed_port, settings_for
from fakeserver import FakeServer

from citeres.enrich.cache import ResponseCache, Stored, encode, request_key
from citeres.enrich.http import (
    BadResponse,
    Http,
    NotCached,
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


def starts(server: FakeServer, service: str) -> list[float]:
    return sorted(h.start for h in server.hits if h.service == service)


def test_user_agent_names_citeres_and_the_contact(server: FakeServer, tmp_path: Path) -> None:
    http = Http(settings_for(server, tmp_path, mailto="me@example.org"))
    http.get_json("crossref", "/works", {"query.bibliographic": "x"})
    http.close()
    hit = server.hits[0]
    assert hit.user_agent.startswith("citeres/") and "(mailto:me@example.org)" in hit.user_agent
    assert hit.query["mailto"] == "me@example.org"  # Crossref's polite pool


def test_pacing_holds_per_service(server: FakeServer, tmp_path: Path) -> None:
    limits = {
        "openlibrary": Limits(4, {"search": 10.0}),
        "crossref": Limits(4, {"search": 10.0}),
    }
    http = Http(settings_for(server, tmp_path, limits_override=limits))
    both = [
        threading.Thread(target=ask, args=(http, 6, service, 3))
        for service in ("openlibrary", "crossref")
    ]
    began = time.monotonic()
    for thread in both:
        thread.start()
    for thread in both:
        thread.join()
    http.close()
    for service in ("openlibrary", "crossref"):
        times = starts(server, service)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        # 0.1 s asked: the span is what pacing guarantees; one gap may shrink by jitter.
        assert len(times) == 6 and times[-1] - times[0] > 0.45 and min(gaps) > 0.04
    # The services are paced separately, so they overlap: far less than 12 × 0.1 s.
    assert time.monotonic() - began < 1.0


def test_in_flight_limit_holds(server: FakeServer, tmp_path: Path) -> None:
    server.latency = 0.15
    limits = {"openlibrary": Limits(2, {"search": 1000.0}), "crossref": Limits(1, {})}
    http = Http(settings_for(server, tmp_path, limits_override=limits))
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
    server.latency = 0.05
    limits = {"openlibrary": Limits(1, {}), "crossref": Limits(4, {"search": 100.0})}
    http = Http(settings_for(server, tmp_path, limits_override=limits))
    http.get_json("crossref", "/works", {"query.bibliographic": "first"})
    ask(http, 4, "crossref", threads=4)
    http.close()
    times = starts(server, "crossref")[1:]
    assert times[-1] - times[0] > 0.5  # 5/s, not 100/s: 3 gaps of 0.2 s
    assert server.max_in_flight["crossref"] == 1


def test_429_waits_for_retry_after(server: FakeServer, tmp_path: Path) -> None:
    server.retry_after = "1"
    server.fail("openlibrary", "429")
    http = Http(settings_for(server, tmp_path))
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    first, second = starts(server, "openlibrary")
    assert second - first >= 0.9


def test_503_and_a_stall_are_retried(server: FakeServer, tmp_path: Path) -> None:
    server.fail("crossref", "503", "stall")
    http = Http(settings_for(server, tmp_path, read_timeout=0.3))
    began = time.monotonic()
    data = http.get_json("crossref", "/works", {"query.bibliographic": "memory"})
    http.close()
    assert data["message-type"] == "work-list"
    assert server.count("crossref") == 3
    assert time.monotonic() - began < 2.0


def test_malformed_json_is_an_error_and_never_cached(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "malformed")
    http = Http(settings_for(server, tmp_path))
    with pytest.raises(BadResponse, match="malformed JSON"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 2


def test_text_plain_404_is_a_cached_miss(server: FakeServer, tmp_path: Path) -> None:
    http = Http(settings_for(server, tmp_path))
    assert http.get_json("crossref", "/works/10.5555/nothing", {}, "lookup") is None
    assert http.get_json("crossref", "/works/10.5555/nothing", {}, "lookup") is None
    http.close()
    assert server.count() == 1


def test_errors_are_never_cached(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", "503", "503")
    http = Http(settings_for(server, tmp_path, retries=1))
    with pytest.raises(BadResponse, match="503"):
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 3


def test_breaker_stops_asking_and_says_so_once(server: FakeServer, tmp_path: Path) -> None:
    server.fail("openlibrary", *["503"] * 10)
    said: list[str] = []
    settings = settings_for(server, tmp_path, retries=1, breaker_after=2)
    http = Http(settings, on_open=lambda service, reason: said.append(service))
    with pytest.raises(BadResponse):  # two attempts, two 503s: the breaker opens
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    asked = server.count()
    for _ in range(3):
        with pytest.raises(ServiceDown):
            http.get_json("openlibrary", SEARCH, {"title": "y"})
    assert http.get_json("crossref", "/works", {"query.bibliographic": "memory"}) is not None
    http.close()
    assert server.count("openlibrary") == asked == 2
    assert said == ["openlibrary"]


def test_dead_network_fails_fast(tmp_path: Path) -> None:
    http = Http(settings_for(f"http://127.0.0.1:{closed_port()}", tmp_path))
    began = time.monotonic()
    with pytest.raises((Unreachable, ServiceDown)):  # the breaker opens during the retries
        http.get_json("openlibrary", SEARCH, {"title": "x"})
    with pytest.raises(ServiceDown):
        http.get_json("openlibrary", SEARCH, {"title": "y"})
    http.close()
    assert time.monotonic() - began < 2.0


def test_offline_answers_from_the_cache_only(server: FakeServer, tmp_path: Path) -> None:
    online = Http(settings_for(server, tmp_path))
    online.get_json("openlibrary", SEARCH, {"title": "x"})
    online.close()
    offline = Http(settings_for(server, tmp_path, offline=True))
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
    http = Http(settings)
    http.get_json("openlibrary", SEARCH, {"title": "x"})
    http.close()
    cache = ResponseCache(tmp_path)
    [key] = list(cache.cache.iterkeys())
    cache.cache.set(key, damage)
    cache.close()
    http = Http(settings)
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    assert http.get_json("openlibrary", SEARCH, {"title": "x"}) is not None
    http.close()
    assert server.count() == 2  # one refetch, then the repaired entry answers


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
