"""One frozen Settings for a run, from CLI options, then environment, then a config file.

The config file is TOML (`citeres.toml` in the working directory, or the path in
CITERES_CONFIG) with top-level keys `mailto`, `cache_dir`, `openlibrary_url`, `crossref_url`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from citeres.errors import InputError

OPENLIBRARY_URL = "https://openlibrary.org"
CROSSREF_URL = "https://api.crossref.org"
CONFIG_NAME = "citeres.toml"
CONFIG_KEYS = ("mailto", "cache_dir", "openlibrary_url", "crossref_url")


@dataclass(frozen=True)
class Limits:
    """How hard one service may be asked: requests per second per pool, and in flight."""

    in_flight: int
    rates: Mapping[str, float]  # pool ("search", "lookup") → requests per second


def published_limits(identified: bool) -> dict[str, Limits]:
    """The limits the services publish today; a contact address buys the faster pools.

    Open Library asks for about 1 request/s from anonymous clients and allows 3/s with a
    contact in the User-Agent; Crossref's public pool allows 1 search/s and 1 request in
    flight, its polite pool (mailto) 3 searches/s and 3 in flight; single-DOI lookups get
    5/s and 10/s.
    """
    if identified:
        return {
            "openlibrary": Limits(3, {"search": 3.0, "lookup": 3.0}),
            "crossref": Limits(3, {"search": 3.0, "lookup": 10.0}),
        }
    return {
        "openlibrary": Limits(1, {"search": 1.0, "lookup": 1.0}),
        "crossref": Limits(1, {"search": 1.0, "lookup": 5.0}),
    }


@dataclass(frozen=True)
class Settings:
    """Everything enrichment needs to know; built once, never changed."""

    mailto: str | None = None
    cache_dir: Path = Path("cache")
    openlibrary_url: str = OPENLIBRARY_URL
    crossref_url: str = CROSSREF_URL
    offline: bool = False
    connect_timeout: float = 3.0  # short: with no network the run must end in seconds
    read_timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0  # first retry waits about this long, doubling each time
    max_retry_after: float = 60.0  # a longer Retry-After means: give up for now
    breaker_after: int = 3  # failed requests in a row before a service is left alone
    hit_days: float = 30.0
    miss_days: float = 1.0
    rate_scale: float = 1.0  # multiplies every rate; tests use it to run fast
    workers: int = 16  # threads; the per-service limits, not this, bound the requests
    limits_override: Mapping[str, Limits] | None = field(default=None, repr=False)

    def limits(self) -> dict[str, Limits]:
        base = dict(self.limits_override or published_limits(bool(self.mailto)))
        return {
            service: Limits(lim.in_flight, {p: r * self.rate_scale for p, r in lim.rates.items()})
            for service, lim in base.items()
        }


def load_settings(
    *,
    mailto: str | None = None,
    cache_dir: Path | None = None,
    offline: bool = False,
    environ: Mapping[str, str] | None = None,
    config_path: Path | None = None,
) -> Settings:
    """Options win over the environment, which wins over the config file."""
    env = os.environ if environ is None else environ
    config = read_config(config_path or config_location(env))

    def pick(option: object, env_name: str, key: str) -> object:
        if option not in (None, ""):
            return option
        return env.get(env_name) or config.get(key)

    chosen_cache = pick(cache_dir, "CITERES_CACHE_DIR", "cache_dir")
    return Settings(
        mailto=str(pick(mailto, "CITERES_MAILTO", "mailto") or "") or None,
        cache_dir=Path(str(chosen_cache)) if chosen_cache else Path("cache"),
        openlibrary_url=str(
            pick(None, "CITERES_OPENLIBRARY_URL", "openlibrary_url") or OPENLIBRARY_URL
        ).rstrip("/"),
        crossref_url=str(pick(None, "CITERES_CROSSREF_URL", "crossref_url") or CROSSREF_URL).rstrip(
            "/"
        ),
        offline=offline,
    )


def config_location(environ: Mapping[str, str]) -> Path | None:
    explicit = environ.get("CITERES_CONFIG")
    if explicit:
        return Path(explicit)
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


def read_config(path: Path | None) -> dict[str, object]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"cannot read the config file {path}: {error}") from None
    unknown = sorted(set(data) - set(CONFIG_KEYS))
    if unknown:
        raise InputError(f"{path}: unknown setting {', '.join(unknown)}")
    return data
