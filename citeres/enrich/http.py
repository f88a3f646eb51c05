"""The only code that touches the network: an httpx client on a stack of transports.

    cache → same-host redirects → circuit breaker → retry → pacing and limits → httpx

The breaker sits above the retries, so it counts requests that failed after all their
retries, never single attempts; a host that cannot be connected to, or that stays silent
through a retry, opens it at once. When it opens, requests waiting for that service are
sent away, and retries sleeping on other threads give up.

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
from citeres.enrich.catalogue import Service
from citeres.errors import NetworkError
from citeres.settings import Limits, Settings

SERVICE = "citeres.service"
POOL = "citeres.pool"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


class Unreachable(NetworkError):
    """No answer at all: refused, unresolved or timed out, after the retries."""


class ServiceDown(NetworkError):
    """The circuit breaker is open: this service is not asked again during this run."""


class NotCached(NetworkError):
    """Offline, and the cache does not hold the answer."""


class BadResponse(NetworkError):
    """An answer came, but not one we can use (status, size, redirect, malformed JSON)."""


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


def translate(error: httpx.HTTPError, label: str) -> NetworkError:
    """httpx's exceptions become ours here, once."""
    if isinstance(error, httpx.TimeoutException | httpx.TransportError):
        return Unreachable(f"{label}: {type(error).__name__}: {error or 'no answer'}")
    return BadResponse(f"{label}: {error}")


class Gate:
    """One service's limits: a start-to-start interval per pool, and requests in flight."""

    def __init__(self, label: str, limits: Limits, clock: Callable[[], float]) -> None:
        self.label = label
        self.in_flight_limit = max(1, limits.in_flight)
        self.intervals = {pool: 1.0 / rate for pool, rate in limits.rates.items()}
        self.next_start: dict[str, float] = {}
        self.in_flight = 0
        self.clock = clock
        self.closed = False  # the breaker opened, or the run stops: waiters leave at once
        self.condition = threading.Condition()

    @contextmanager
    def slot(self, pool: str) -> Iterator[float]:
        """Waits for a free slot and the pool's next start; yields the start time."""
        with self.condition:
            self.condition.wait_for(lambda: self.closed or self.in_flight < self.in_flight_limit)
            self.refuse_if_closed()
            self.in_flight += 1
            now = self.clock()
            start = max(now, self.next_start.get(pool, now))
            self.next_start[pool] = start + self.intervals.get(pool, 1.0)
            # wait_for releases the lock while waiting: other pools may go meanwhile.
            self.condition.wait_for(lambda: self.closed, timeout=max(0.0, start - now))
            if self.closed:
                self.release()
                self.refuse_if_closed()
        try:
            yield start
        finally:
            with self.condition:
                self.release()

    def refuse_if_closed(self) -> None:
        if self.closed:
            raise ServiceDown(f"{self.label}: not asked again this run")

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
    """Holds each request to its service's pace and in-flight limit, body included, and
    reads the body under a byte cap and the request's deadline."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        gates: Mapping[str, Gate],
        stats: Stats,
        settings: Settings,
    ) -> None:
        self.inner = inner
        self.gates = gates
        self.stats = stats
        self.max_bytes = settings.max_answer_bytes
        self.deadline = settings.request_deadline

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        service = service_of(request)
        pool = str(request.extensions.get(POOL, "search"))
        gate = self.gates.get(service)
        if gate is None:
            raise ValueError(f"no limits for service {service!r}")  # a programming error
        with gate.slot(pool):
            self.stats.count(self.stats.requests, service)
            deadline = time.monotonic() + self.deadline  # from its start, not its queueing
            response = self.inner.handle_request(request)
            try:
                body = read_capped(response, self.max_bytes, deadline)
            finally:
                response.close()
        gate.adapt(pool, response.headers)
        return httpx.Response(
            response.status_code, headers=response.headers, content=body, request=request
        )

    def close(self) -> None:
        self.inner.close()


def read_capped(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """The body, or an error when it is larger than `max_bytes` or still coming at the
    deadline (a body that drips a byte at a time never trips the read timeout)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise BadResponse(f"an answer larger than {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise httpx.ReadError("the answer was still coming at the request's deadline")
        chunks.append(chunk)
    return b"".join(chunks)


class RetryTransport(httpx.BaseTransport):
    """Retries 429, 5xx and errors with exponential backoff and jitter, or Retry-After.
    A timeout is retried once only and a refused connection not at all: a silent or
    absent service costs seconds, not minutes."""

    def __init__(
        self, inner: httpx.BaseTransport, settings: Settings, stopped: threading.Event
    ) -> None:
        self.inner = inner
        self.retries = settings.retries
        self.backoff = settings.backoff
        self.max_retry_after = settings.max_retry_after
        self.stopped = stopped

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timed_out = False
        for attempt in range(self.retries + 1):
            try:
                response = self.inner.handle_request(request)
            except (httpx.ConnectError, httpx.ConnectTimeout):
                raise  # no host there: a dead network does not heal in seconds
            except httpx.HTTPError as error:
                timeout = isinstance(error, httpx.TimeoutException)
                if attempt == self.retries or (timeout and timed_out):
                    raise
                timed_out = timed_out or timeout
                self.pause(self.delay(attempt))
                continue
            last = attempt == self.retries
            if response.status_code not in RETRY_STATUSES or last:
                return response
            wait = retry_after(response.headers.get("retry-after"))
            if wait is not None and wait > self.max_retry_after:
                return response  # the service asks for a long pause: do not wait the run out
            self.pause(wait if wait is not None else self.delay(attempt))
        raise AssertionError("unreachable")  # the loop always returns or raises

    def pause(self, seconds: float) -> None:
        if self.stopped.wait(seconds):
            raise ServiceDown("the run is stopping")

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
    """After repeated failed requests, stops asking a service for the rest of the run.

    A failure is a request that, after all its retries, got no answer or a 5xx; a 429 is
    the service pacing us, not a sign that it is down. A host that cannot be connected to
    (unresolved, refused, no SYN-ACK) or that stays silent through a retry opens the breaker
    at once: that is what a dead network or a hung server looks like, and neither heals
    within a run.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        after: int,
        labels: Mapping[str, str],
        on_open: Callable[[str, str], None],
    ) -> None:
        self.inner = inner
        self.after = max(1, after)
        self.labels = labels
        self.on_open = on_open
        self.failures: Counter[str] = Counter()
        self.open: set[str] = set()
        self.lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        service = service_of(request)
        if service in self.open:
            raise ServiceDown(f"{self.labels.get(service, service)}: not asked again this run")
        try:
            response = self.inner.handle_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            self.fail(service, f"cannot connect: {error}", weight=self.after)
            raise
        except httpx.TimeoutException:
            self.fail(service, "no answer within the timeout", weight=self.after)
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


class RedirectTransport(httpx.BaseTransport):
    """Follows a redirect only to the same scheme, host and port (the User-Agent carries
    the user's contact address), and stops a loop at its first repeat."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        seen = {str(request.url)}
        for _ in range(MAX_REDIRECTS + 1):
            response = self.inner.handle_request(request)
            location = response.headers.get("location")
            if response.status_code not in REDIRECTS or not location:
                return response
            target = request.url.join(location)
            if (target.scheme, target.host, target.port) != (
                request.url.scheme,
                request.url.host,
                request.url.port,
            ):
                raise BadResponse(f"redirected to another host ({target.host}): not followed")
            if str(target) in seen:
                raise BadResponse(f"a redirect loop at {target.path}")
            seen.add(str(target))
            request = httpx.Request(
                "GET", target, headers=request.headers, extensions=request.extensions
            )
        raise BadResponse(f"more than {MAX_REDIRECTS} redirects")

    def close(self) -> None:
        self.inner.close()


class CacheTransport(httpx.BaseTransport):
    """Answers from the cache when it can; stores usable answers; offline, asks no one."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None,
        cache: ResponseCache,
        stats: Stats,
        labels: Mapping[str, str],
    ) -> None:
        self.inner = inner  # None: offline
        self.cache = cache
        self.stats = stats
        self.labels = labels
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
                raise NotCached(f"{self.labels.get(service, service)}: not in the cache")
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
        services: Mapping[str, Service],
        on_open: Callable[[str, str], None] = lambda service, reason: None,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.settings = settings
        self.services = dict(services)
        self.labels = {name: s.label for name, s in services.items()}
        self.stats = Stats()
        self.down: dict[str, str] = {}  # label → why its breaker opened
        self.stopped = threading.Event()
        self.local = threading.local()
        self.cache = ResponseCache(settings.cache_dir, settings.hit_days, settings.miss_days, warn)
        self.gates = {
            name: Gate(s.label, s.limits_for(settings), time.monotonic)
            for name, s in services.items()
        }
        inner = None if settings.offline else self.network_stack(on_open)
        self.client = httpx.Client(
            transport=CacheTransport(inner, self.cache, self.stats, self.labels),
            headers={"User-Agent": user_agent(settings.mailto), "Accept": "application/json"},
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            follow_redirects=False,  # RedirectTransport follows, to the same host only
        )

    def network_stack(self, on_open: Callable[[str, str], None]) -> httpx.BaseTransport:
        s = self.settings
        paced = PacingTransport(httpx.HTTPTransport(), self.gates, self.stats, s)

        def opened(service: str, reason: str) -> None:
            self.down[self.labels.get(service, service)] = reason
            self.gates[service].close()
            on_open(service, reason)

        retried = RetryTransport(paced, s, self.stopped)
        guarded = BreakerTransport(retried, s.breaker_after, self.labels, opened)
        return RedirectTransport(guarded)

    def url(self, service: str, path: str, params: Mapping[str, str]) -> httpx.URL:
        query = dict(params)
        contact = self.services[service].contact_param
        if contact and self.settings.mailto:
            query[contact] = self.settings.mailto  # Crossref's polite pool wants it here too
        return httpx.URL(self.services[service].url(self.settings) + path, params=query)

    def get_json(
        self, service: str, path: str, params: Mapping[str, str], pool: str = "search"
    ) -> Any | None:
        label = self.labels[service]
        if self.stopped.is_set():
            raise ServiceDown(f"{label}: the run is stopping")
        extensions = {SERVICE: service, POOL: pool}
        try:
            response = self.client.get(self.url(service, path, params), extensions=extensions)
        except httpx.HTTPError as error:
            raise translate(error, label) from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise BadResponse(f"{label}: HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError:
            raise BadResponse(f"{label}: malformed JSON") from None

    def forget(self, service: str, path: str, params: Mapping[str, str]) -> None:
        """Drops a cached answer that held a record we could not read: ask again next run.
        The thread's count of forgotten answers tells its caller not to keep a verdict."""
        self.cache.drop(request_key("GET", str(self.url(service, path, params))))
        self.local.forgotten = self.forgotten() + 1

    def forgotten(self) -> int:
        """How many answers this thread has forgotten so far."""
        return int(getattr(self.local, "forgotten", 0))

    def stop(self) -> None:
        """The run is over early (Ctrl-C, its deadline): nothing waits or retries any more."""
        self.stopped.set()
        for gate in self.gates.values():
            gate.close()

    def close(self) -> None:
        self.client.close()
        self.cache.close()
