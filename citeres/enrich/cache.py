"""The catalogue cache on disk (diskcache): answers keyed by the normalised request.

Found answers live long, misses briefly, errors never; a corrupt entry is dropped and
refetched. diskcache rides on SQLite, so two runs may share one directory.
"""

from __future__ import annotations

import contextlib
import json
import pickle
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import diskcache

DAY = 86_400.0
KEY_VERSION = "v1"
IGNORED_PARAMS = frozenset({"mailto"})  # who asks does not change the answer
# What a damaged entry can raise on the way out of diskcache.
CORRUPT = (OSError, sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError, TypeError)


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


class ResponseCache:
    """A thin, forgiving face on diskcache.Cache."""

    def __init__(self, directory: Path, hit_days: float = 30.0, miss_days: float = 1.0) -> None:
        self.directory = directory
        self.hit_ttl = hit_days * DAY
        self.miss_ttl = miss_days * DAY
        self.cache = diskcache.Cache(str(directory))

    def get(self, key: str) -> Stored | None:
        try:
            value = self.cache.get(key)
        except CORRUPT:
            value = b"corrupt"
        if value is None:
            return None
        stored = decode(value)
        if stored is None:
            self.drop(key)
        return stored

    def put(self, key: str, stored: Stored, *, found: bool) -> None:
        ttl = self.hit_ttl if found else self.miss_ttl
        self.cache.set(key, encode(stored), expire=ttl)

    def drop(self, key: str) -> None:
        with contextlib.suppress(*CORRUPT):  # the next put overwrites it anyway
            self.cache.delete(key)

    def stats(self) -> CacheStats:
        return CacheStats(self.directory, len(self.cache), self.cache.volume())

    def clear(self) -> int:
        return self.cache.clear()

    def close(self) -> None:
        self.cache.close()


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
