"""The only code that touches the network: an httpx client on a stack of transports.

    cache → retry → circuit breaker → pacing and in-flight limits → httpx.HTTPTransport

The breaker sits under the retries so that it sees every attempt: once it opens, the
retries waiting on other threads stop too, and a dead network costs seconds, not minutes.

Each request names its service and pool in `request.extensions`; httpx's exceptions
become the project's own (NetworkError subclasses below) in `translate`, and nowhere else.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from citeres import __version__
from citeres.enrich.cache import ResponseCache, Stored, is_empty_answer, request_key
from citeres.errors import NetworkError
from citeres.settings import Limits, Settings

SERVICE = "citeres.service"
POOL = "citeres.pool"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
SERVICE_NAMES = {"openlibrary": "Open Library", "crossref": "Crossref"}


class Unreachable(NetworkError):
    """No answer at all: refused, unresolved or timed out, after the retries."""


class ServiceDown(NetworkError):
    """The circuit breaker is open: this service is not asked again during this run."""


class NotCached(NetworkError):
    """Offline, and the cache does not hold the answer."""


class BadResponse(NetworkError):
    """An answer came, but not one we can use (status, or malformed JSON)."""


@dataclass
class Stats:
    """What the run asked of whom; shared by the transports, guarded by one lock."""

    requests: Counter[str] = field(default_factory=Counter)  # reached the network
    hits: Counter[str] = field(default_factory=Counter)  # answered by the cache
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, counter: Counter[str], service: str) -> None:
        with self.lock:
            counter[service] += 1


def service_of(request: httpx.Request) -> str:
    return str(request.extensions.get(SERVICE, request.url.host))


def translate(error: httpx.HTTPError, service: str) -> NetworkError:
    """httpx's exceptions become ours here, once."""
    name = SERVICE_NAMES.get(service, service)
    if isinstance(error, httpx.TimeoutException | httpx.TransportError):
        return Unreachable(f"{name}: {type(error).__name__}: {error or 'no answer'}")
    return BadResponse(f"{name}: {error}")


class Gate:
    """One service's limits: a start-to-start interval per pool, and requests in flight."""

    def __init__(self, limits: Limits, clock: Callable[[], float]) -> None:
        self.in_flight_limit = max(1, limits.in_flight)
        self.intervals = {pool: 1.0 / rate for pool, rate in limits.rates.items()}
        self.next_start: dict[str, float] = {}
        self.in_flight = 0
        self.clock = clock
        self.closed = False  # the breaker opened: waiters leave at once
        self.condition = threading.Condition()

    @contextmanager
    def slot(self, pool: str, name: str) -> Iterator[None]:
        with self.condition:
            self.condition.wait_for(lambda: self.closed or self.in_flight < self.in_flight_limit)
            if self.closed:
                raise ServiceDown(f"{name}: not asked again this run")
            self.in_flight += 1
            now = self.clock()
            start = max(now, self.next_start.get(pool, now))
            self.next_start[pool] = start + self.intervals.get(pool, 1.0)
            # wait_for releases the lock while waiting: other pools may go meanwhile.
            self.condition.wait_for(lambda: self.closed, timeout=max(0.0, start - now))
            if self.closed:
                self.release()
                raise ServiceDown(f"{name}: not asked again this run")
        try:
            yield
        finally:
            with self.condition:
                self.release()

    def release(self) -> None:
        self.in_flight -= 1
        self.condition.notify_all()

    def close(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify_all()

    def adapt(self, pool: str, headers: httpx.Headers) -> None:
        """Slow down to what the service says it allows; never speed up past our default."""
        limit = headers.get("x-rate-limit-limit") or headers.get("x-ratelimit-limit")
        interval = headers.get("x-rate-limit-interval") or headers.get("x-ratelimit-interval")
        concurrency = headers.get("x-concurrency-limit")
        with self.condition:
            rate = advertised_rate(limit, interval)
            if rate and 1.0 / rate > self.intervals.get(pool, 0.0):
                self.intervals[pool] = 1.0 / rate
            if concurrency and concurrency.strip().isdigit():
                self.in_flight_limit = max(1, min(self.in_flight_limit, int(concurrency)))


def advertised_rate(limit: str | None, interval: str | None) -> float | None:
    """`x-rate-limit-limit: 50` with `x-rate-limit-interval: 1s` → 50.0 per second."""
    if not limit or not limit.strip().isdigit():
        return None
    seconds = 1.0
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", interval or "")
    if match:
        unit = {"ms": 0.001, "s": 1.0, "m": 60.0}[match.group(2) or "s"]
        seconds = float(match.group(1)) * unit
    return int(limit) / seconds if seconds > 0 and int(limit) > 0 else None


class PacingTransport(httpx.BaseTransport):
    """Holds each request to its service's pace and in-flight limit, body included."""

    def __init__(
        self, inner: httpx.BaseTransport, limits: Mapping[str, Limits], stats: Stats
    ) -> None:
        self.inner = inner
        self.gates = {name: Gate(lim, time.monotonic) for name, lim in limits.items()}
        self.stats = stats

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        service = service_of(request)
        pool = str(request.extensions.get(POOL, "search"))
        gate = self.gates.get(service)
        if gate is None:
            raise ValueError(f"no limits for service {service!r}")  # a programming error
        with gate.slot(pool, SERVICE_NAMES.get(service, service)):
            self.stats.count(self.stats.requests, service)
            response = self.inner.handle_request(request)
            response.read()
        gate.adapt(pool, response.headers)
        return response

    def close_service(self, service: str) -> None:
        """Sends away every request still waiting for this service."""
        if service in self.gates:
            self.gates[service].close()

    def close(self) -> None:
        self.inner.close()


class RetryTransport(httpx.BaseTransport):
    """Retries 429, 5xx and timeouts with exponential backoff and jitter, or Retry-After."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        retries: int,
        backoff: float,
        max_retry_after: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.inner.handle_request(request)
            except httpx.HTTPError as error:
                if last:
                    raise translate(error, service_of(request)) from None
                self.sleep(self.delay(attempt))
                continue
            if response.status_code not in RETRY_STATUSES or last:
                return response
            wait = retry_after(response.headers.get("retry-after"))
            if wait is not None and wait > self.max_retry_after:
                return response  # the service asks for a long pause: do not wait the run out
            self.sleep(wait if wait is not None else self.delay(attempt))
        raise AssertionError("unreachable")  # the loop always returns or raises

    def delay(self, attempt: int) -> float:
        """Half the exponential step fixed, half random, so parallel clients spread out."""
        step = self.backoff * 2**attempt
        return step / 2 + random.uniform(0, step / 2)

    def close(self) -> None:
        self.inner.close()


def retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class BreakerTransport(httpx.BaseTransport):
    """After repeated failures, stops asking a service for the rest of the run.

    Failures are attempts that got no answer or a 5xx; a 429 is the service pacing us,
    which the retries honour, not a sign that it is down. A host that cannot even be
    connected to (unresolved, refused, no SYN-ACK in the connect timeout) opens the breaker
    at once: that is what a dead network looks like, and it will not heal within a run.
    """

    def __init__(
        self, inner: httpx.BaseTransport, after: int, on_open: Callable[[str, str], None]
    ) -> None:
        self.inner = inner
        self.after = max(1, after)
        self.on_open = on_open
        self.failures: Counter[str] = Counter()
        self.open: set[str] = set()
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        service = service_of(request)
        if service in self.open:
            raise ServiceDown(f"{SERVICE_NAMES.get(service, service)}: not asked again this run")
        try:
            response = self.inner.handle_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            self.fail(service, f"cannot connect: {error}", weight=self.after)
            raise
        except httpx.TransportError as error:
            self.fail(service, type(error).__name__)
            raise
        if response.status_code >= 500:
            self.fail(service, f"HTTP {response.status_code}")
        elif response.status_code != 429:
            with self.lock:
                self.failures[service] = 0
        return response

    def fail(self, service: str, reason: str, weight: int = 1) -> None:
        with self.lock:
            self.failures[service] += weight
            opening = self.failures[service] >= self.after and service not in self.open
            if opening:
                self.open.add(service)
        if opening:
            self.on_open(service, reason)

    def close(self) -> None:
        self.inner.close()


class CacheTransport(httpx.BaseTransport):
    """Answers from the cache when it can; stores usable answers; offline, asks no one."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None,
        cache: ResponseCache,
        stats: Stats,
    ) -> None:
        self.inner = inner  # None: offline
        self.cache = cache
        self.stats = stats
        self.locks: dict[str, threading.Lock] = {}
        self.locks_lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = request_key(request.method, str(request.url))
        service = service_of(request)
        # One request per distinct question, even when two threads ask it at once.
        with self.lock_for(key):
            stored = self.cache.get(key)
            if stored is not None and usable(stored):
                self.stats.count(self.stats.hits, service)
                return as_response(stored, request)
            if stored is not None:
                self.cache.drop(key)  # a damaged entry: refetch it
            if self.inner is None:
                raise NotCached(f"{SERVICE_NAMES.get(service, service)}: not in the cache")
            response = self.inner.handle_request(request)
            response.read()
            self.keep(key, response)
            return response

    def keep(self, key: str, response: httpx.Response) -> None:
        stored = Stored(
            response.status_code, response.headers.get("content-type", ""), response.content
        )
        if response.status_code == 404:
            self.cache.put(key, stored, found=False)
        elif response.status_code == 200 and usable(stored):
            self.cache.put(key, stored, found=not is_empty_answer(stored.body))
        # Anything else is an error, and errors are never cached.

    def lock_for(self, key: str) -> threading.Lock:
        with self.locks_lock:
            return self.locks.setdefault(key, threading.Lock())

    def close(self) -> None:
        if self.inner is not None:
            self.inner.close()


def usable(stored: Stored) -> bool:
    """A 404, or a 200 whose body is JSON: the only answers worth keeping."""
    if stored.status == 404:
        return True
    if stored.status != 200:
        return False
    try:
        json.loads(stored.body)
    except ValueError:
        return False
    return True


def as_response(stored: Stored, request: httpx.Request) -> httpx.Response:
    headers = {"content-type": stored.content_type} if stored.content_type else {}
    return httpx.Response(
        stored.status,
        headers=headers,
        content=stored.body,
        request=request,
        extensions={"citeres.from_cache": True},
    )


def user_agent(mailto: str | None) -> str:
    return f"citeres/{__version__} (mailto:{mailto})" if mailto else f"citeres/{__version__}"


class Http:
    """GET JSON from a named service; None for 'no such thing' (404)."""

    def __init__(
        self,
        settings: Settings,
        on_open: Callable[[str, str], None] = lambda service, reason: None,
        network: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.stats = Stats()
        self.cache = ResponseCache(settings.cache_dir, settings.hit_days, settings.miss_days)
        self.bases = {"openlibrary": settings.openlibrary_url, "crossref": settings.crossref_url}
        inner = None if settings.offline else self.network_stack(on_open, network)
        self.client = httpx.Client(
            transport=CacheTransport(inner, self.cache, self.stats),
            headers={"User-Agent": user_agent(settings.mailto), "Accept": "application/json"},
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            follow_redirects=True,
        )

    def network_stack(
        self, on_open: Callable[[str, str], None], network: httpx.BaseTransport | None
    ) -> httpx.BaseTransport:
        s = self.settings
        paced = PacingTransport(network or httpx.HTTPTransport(), s.limits(), self.stats)

        def opened(service: str, reason: str) -> None:
            paced.close_service(service)
            on_open(service, reason)

        guarded = BreakerTransport(paced, s.breaker_after, opened)
        return RetryTransport(guarded, s.retries, s.backoff, s.max_retry_after)

    def get_json(
        self, service: str, path: str, params: Mapping[str, str], pool: str = "search"
    ) -> Any | None:
        query = dict(params)
        if service == "crossref" and self.settings.mailto:
            query["mailto"] = self.settings.mailto  # Crossref's polite pool wants it here too
        url = self.bases[service] + path
        try:
            response = self.client.get(url, params=query, extensions={SERVICE: service, POOL: pool})
        except httpx.HTTPError as error:
            raise translate(error, service) from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise BadResponse(f"{SERVICE_NAMES[service]}: HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise BadResponse(f"{SERVICE_NAMES[service]}: malformed JSON") from None

    def close(self) -> None:
        self.client.close()
        self.cache.close()
