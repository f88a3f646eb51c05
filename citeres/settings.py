"""One frozen Settings for a run, from CLI options, then environment, then a config file.

The config file is TOML (`citeres.toml` in the working directory, or the path in
CITERES_CONFIG) with top-level keys `mailto`, `cache_dir`, `catalogue`, `deadline` and
`<service>_url` for each catalogue service (`openlibrary_url`, `crossref_url`). Each value
is type-checked; a wrong one is an InputError naming the key.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from citeres.errors import InputError

CONFIG_NAME = "citeres.toml"
URL_KEY = re.compile(r"^([a-z][a-z0-9]*)_url$")
URL_ENV = re.compile(r"^CITERES_([A-Z][A-Z0-9]*)_URL$")


@dataclass(frozen=True)
class Limits:
    """How hard one service may be asked: requests per second per pool, and in flight."""

    in_flight: int
    rates: Mapping[str, float]  # pool ("search", "lookup") → requests per second


@dataclass(frozen=True)
class Settings:
    """Everything enrichment needs to know; built once, never changed."""

    mailto: str | None = None
    cache_dir: Path = Path("cache")
    urls: Mapping[str, str] = field(default_factory=dict)  # service name → base URL override
    catalogue_dir: Path | None = None  # a local catalogue, asked before the services
    offline: bool = False
    connect_timeout: float = 3.0  # short: with no network the run must end in seconds
    read_timeout: float = 5.0  # the longest silence: a silent endpoint costs seconds
    request_deadline: float = 30.0  # one request, all its bytes, however slowly they come
    run_deadline: float = 3600.0  # the whole enrichment; works not asked by then: error
    max_answer_bytes: int = 2_000_000  # a search answer is a few KB; more is not an answer
    retries: int = 3
    backoff: float = 1.0  # first retry waits about this long, doubling each time
    max_retry_after: float = 60.0  # a longer Retry-After means: give up for now
    breaker_after: int = 3  # failed requests in a row (after retries) before giving up
    hit_days: float = 30.0
    miss_days: float = 1.0
    workers: int = 16  # threads; the per-service limits, not this, bound the requests
    limits: Mapping[str, Limits] | None = field(default=None, repr=False)  # tests, mirrors


def load_settings(
    *,
    mailto: str | None = None,
    cache_dir: Path | None = None,
    catalogue_dir: Path | None = None,
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

    urls = {m.group(1): str(v) for k, v in config.items() if (m := URL_KEY.match(k))}
    urls |= {m.group(1).lower(): v for k, v in env.items() if (m := URL_ENV.match(k)) and v}
    chosen_cache = pick(cache_dir, "CITERES_CACHE_DIR", "cache_dir")
    chosen_catalogue = pick(catalogue_dir, "CITERES_CATALOGUE", "catalogue")
    deadline = config.get("deadline")
    return Settings(
        mailto=str(pick(mailto, "CITERES_MAILTO", "mailto") or "") or None,
        cache_dir=Path(str(chosen_cache)) if chosen_cache else Path("cache"),
        urls={name: url.rstrip("/") for name, url in urls.items()},
        catalogue_dir=Path(str(chosen_catalogue)) if chosen_catalogue else None,
        offline=offline,
        run_deadline=(
            float(deadline) if isinstance(deadline, int | float) else Settings.run_deadline
        ),
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
    unknown = sorted(k for k in data if k not in CHECKS and not URL_KEY.match(k))
    if unknown:
        raise InputError(f"{path}: unknown setting {', '.join(unknown)}")
    for key, value in data.items():
        expected = check(key, value)
        if expected:
            raise InputError(f"{path}: {key} must be {expected}, not {value!r}")
    return data


def text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def web_address(value: object) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s/]+", value) is not None


def seconds(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


# Each config key and what its value must be: (test, what to say when it fails).
CHECKS = {
    "mailto": (text, "an e-mail address in quotes"),
    "cache_dir": (text, "a folder path in quotes"),
    "catalogue": (text, "a folder path in quotes"),
    "deadline": (seconds, "a number of seconds above 0"),
}


def check(key: str, value: object) -> str | None:
    """What the value of `key` must be, when it is not that; else None."""
    test, expected = CHECKS.get(key, (web_address, "an http:// or https:// address in quotes"))
    return None if test(value) else expected
