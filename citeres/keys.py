"""Stable, readable citation keys: surname + year + first significant title word.

`hobsbawm1962age`; a letter is added only when two works would share a key, in an order
fixed by the works' own fields, so keys do not depend on the order of the inputs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from citeres.identity import YEAR, letters, significant_words, slug, volume_number
from citeres.model import Citation, Work

YEAR_IN_URL = re.compile(rf"/({YEAR})/")
POSSESSIVE = re.compile(r"['’]s\b")  # `A People's Tragedy` → figes1996people


def base_key(work: Work) -> str:
    """The key before any collision suffix."""
    if work.url and not work.title:
        return url_key(work.url)
    names = work.authors or work.editors
    who = (
        slug(names[0].family.split()[0] if names[0].corporate else names[0].family) if names else ""
    )
    words = significant_words(POSSESSIVE.sub("", work.title or work.container or ""))
    what = slug(words[0]) if words else ""
    if not who:
        who, what = what, slug(words[1]) if len(words) > 1 else ""
    return f"{who}{work.year or ''}{what}" or "anon"


def url_key(url: str) -> str:
    host, path = host_and_path(url)
    site = (host or "web").removeprefix("www.").split(".")[0]
    year = YEAR_IN_URL.search(path)
    words = significant_words(path.rstrip("/").rsplit("/", 1)[-1].replace("-", " "))
    return slug(site) + (year.group(1) if year else "") + (slug(words[0]) if words else "")


def host_and_path(url: str) -> tuple[str | None, str]:
    """The URL's host and path; a URL urllib refuses (`http://x.y)[4]`, a bracket read as
    an IPv6 host) keys on its text as a path, never stopping the run."""
    try:
        parts = urlsplit(url)
        return parts.hostname, parts.path
    except ValueError:
        return None, url


def order(work: Work, first_cited: tuple[str, int]) -> tuple[object, ...]:
    """What decides which of two colliding works gets `a`: their own fields, then where
    each is first cited (a path and line, which do not depend on the order of inputs)."""
    fields = (work.title, work.year, work.publisher, work.place, work.url, work.container)
    names = tuple(n.inverted() for n in (*work.authors, *work.editors))
    return (*(f or "" for f in fields), volume_number(work.volume) or 0, names, first_cited)


def first_citations(citations: Mapping[str, list[Citation]]) -> dict[str, tuple[str, int]]:
    first: dict[str, tuple[str, int]] = {}
    for path, cs in citations.items():
        for c in cs:
            if c.work and (c.work not in first or (path, c.line) < first[c.work]):
                first[c.work] = (path, c.line)
    return first


def assign_keys(
    works: list[Work], citations: Mapping[str, list[Citation]]
) -> tuple[list[Work], dict[str, list[Citation]]]:
    """Final keys for the works (sorted by key) and for the citations that point at them."""
    by_base: dict[str, list[Work]] = defaultdict(list)
    for work in works:
        by_base[base_key(work)].append(work)
    renamed: dict[str, str] = {}
    first = first_citations(citations)
    for base, group in by_base.items():
        group.sort(key=lambda w: order(w, first.get(w.key, ("", 0))))
        for n, work in enumerate(group):
            renamed[work.key] = base if len(group) == 1 else base + suffix(n)
    keyed = sorted((replace(w, key=renamed[w.key]) for w in works), key=lambda w: w.key)
    updated = {
        path: [c.with_work(renamed.get(c.work)) if c.work else c for c in cs]
        for path, cs in citations.items()
    }
    return keyed, updated


def suffix(n: int) -> str:
    """The letters for the n-th (from 0) of colliding works: a … z, aa … zz, aaa …"""
    return letters(n + 1)
