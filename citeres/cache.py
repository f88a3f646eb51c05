"""The catalogue cache on disk (diskcache): answers keyed by the normalised request, and
the verdicts drawn from them, so a warm run neither asks nor matches again.

Found answers live long, misses briefly, errors never; a corrupt entry is dropped and
refetched. A damaged database is moved aside with one warning and a new one started; a
cache that cannot be written is used without keeping anything. diskcache rides on SQLite,
so two runs may share one directory.
"""

from __future__ import annotations

import contextlib
import json
import pickle
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import diskcache  # type: ignore[import-untyped]

DAY = 86_400.0
KEY_VERSION = "v1"
IGNORED_PARAMS = frozenset({"mailto"})  # who asks does not change the answer
# What a damaged entry or database can raise on the way in or out of diskcache.
CORRUPT = (
    OSError,
    sqlite3.Error,
    pickle.UnpicklingError,
    EOFError,
    ValueError,
    TypeError,
    diskcache.Timeout,
)


@dataclass(frozen=True)
class Stored:
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class CacheStats:
    directory: Path
    entries: int
    size: int  # bytes on disk


def request_key(method: str, url: str) -> str:
    """The same question asked twice gives the same key: sorted query, folded spaces."""
    parts = urlsplit(url)
    query = sorted(
        (name, " ".join(value.split()))
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name not in IGNORED_PARAMS
    )
    normal = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, urlencode(query), "")
    )
    return f"{KEY_VERSION} {method.upper()} {normal}"


def is_empty_answer(body: bytes) -> bool:
    """A well-formed answer that found nothing (kept as a miss, not as a hit)."""
    data = json.loads(body)
    if not data:
        return True  # /api/books answers {} when no ISBN is known
    if isinstance(data, dict) and isinstance(data.get("docs"), list):
        return not data["docs"]
    message = data.get("message") if isinstance(data, dict) else None
    if isinstance(message, dict) and isinstance(message.get("items"), list):
        return not message["items"]
    return False


def aside(directory: Path) -> Path:
    """A free name beside `directory` for its damaged copy: cache.damaged, cache.damaged-2…"""
    for n in range(1, 1000):
        target = directory.with_name(f"{directory.name}.damaged" + (f"-{n}" if n > 1 else ""))
        if not target.exists():
            return target
    raise OSError(f"too many damaged copies beside {directory}")


class ResponseCache:
    """A thin, forgiving face on diskcache.Cache."""

    def __init__(
        self,
        directory: Path,
        hit_days: float = 30.0,
        miss_days: float = 1.0,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.directory = directory
        self.hit_ttl = hit_days * DAY
        self.miss_ttl = miss_days * DAY
        self.warn = warn
        self.cache = self.open()

    def open(self) -> diskcache.Cache | None:
        """The cache, or a new one when the old is damaged, or None when none can be had."""
        try:
            return probed(diskcache.Cache(str(self.directory)))
        except CORRUPT as error:
            damage = error
        try:
            moved = aside(self.directory)
            self.directory.rename(moved)
            cache = probed(diskcache.Cache(str(self.directory)))
        except CORRUPT as error:
            self.warn(f"cannot use the cache {self.directory} ({error}); nothing is kept this run")
            return None
        self.warn(
            f"the cache {self.directory} was damaged ({damage}); "
            f"moved it to {moved} and started a new one"
        )
        return cache

    def read(self, key: str) -> object:
        if self.cache is None:
            return None
        try:
            return self.cache.get(key)
        except CORRUPT:
            return b"corrupt"

    def write(self, key: str, value: bytes, ttl: float) -> None:
        if self.cache is None:
            return
        try:
            self.cache.set(key, value, expire=ttl)
        except CORRUPT as error:
            self.warn(f"cannot write to the cache {self.directory} ({error}); nothing is kept")
            self.close()
            self.cache = None

    def get(self, key: str) -> Stored | None:
        value = self.read(key)
        if value is None:
            return None
        stored = decode(value)
        if stored is None:
            self.drop(key)
        return stored

    def put(self, key: str, stored: Stored, *, found: bool) -> None:
        self.write(key, encode(stored), self.hit_ttl if found else self.miss_ttl)

    def get_verdict(self, key: str) -> dict[str, Any] | None:
        value = self.read(f"verdict {key}")
        try:
            data = json.loads(value) if isinstance(value, bytes) else None
        except ValueError:
            data = None
        return data if isinstance(data, dict) else None

    def put_verdict(self, key: str, data: dict[str, Any], *, found: bool) -> None:
        """Kept as long as the answers it was drawn from: a verdict from a miss lives briefly."""
        body = json.dumps(data, ensure_ascii=False).encode()
        self.write(f"verdict {key}", body, self.hit_ttl if found else self.miss_ttl)

    def drop(self, key: str) -> None:
        if self.cache is not None:
            with contextlib.suppress(*CORRUPT):  # the next put overwrites it anyway
                self.cache.delete(key)

    def stats(self) -> CacheStats:
        if self.cache is None:
            return CacheStats(self.directory, 0, 0)
        return CacheStats(self.directory, len(self.cache), self.cache.volume())

    def clear(self) -> int:
        return self.cache.clear() if self.cache is not None else 0

    def close(self) -> None:
        if self.cache is not None:
            with contextlib.suppress(*CORRUPT):
                self.cache.close()


def probed(cache: diskcache.Cache) -> diskcache.Cache:
    """The cache, once a read and a count have gone through (a damaged file fails here)."""
    try:
        cache.get("citeres probe")
        len(cache)
    except CORRUPT:
        with contextlib.suppress(*CORRUPT):
            cache.close()
        raise
    return cache


def encode(stored: Stored) -> bytes:
    """A JSON header line, then the body: bytes, so diskcache never pickles our values."""
    head = json.dumps({"status": stored.status, "content_type": stored.content_type})
    return head.encode() + b"\n" + stored.body


def decode(value: object) -> Stored | None:
    if not isinstance(value, bytes) or b"\n" not in value:
        return None
    head, body = value.split(b"\n", 1)
    try:
        meta = json.loads(head)
        return Stored(int(meta["status"]), str(meta["content_type"]), body)
    except (ValueError, KeyError, TypeError):
        return None
