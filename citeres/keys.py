"""Stable, readable citation keys: surname + year + first significant title word.

`carr1950bolshevik`; a letter is added only when two works would share a key, in an order
fixed by the works' own fields, so keys do not depend on the order of the inputs.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from citeres.model import Citation, Work
from citeres.parse.numbers import volume_number
from citeres.text import ascii_fold, significant_words

YEAR_IN_URL = re.compile(r"/((?:19|20)\d\d)/")
POSSESSIVE = re.compile(r"['’]s\b")  # `Lenin's Last Struggle` → lewin1970lenin


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


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
    parts = urlsplit(url)
    site = (parts.hostname or "web").removeprefix("www.").split(".")[0]
    year = YEAR_IN_URL.search(parts.path)
    words = significant_words(parts.path.rstrip("/").rsplit("/", 1)[-1].replace("-", " "))
    return slug(site) + (year.group(1) if year else "") + (slug(words[0]) if words else "")


def order(work: Work) -> tuple[str, int, str, str, str]:
    """What decides which of two colliding works gets `a`: their own fields only."""
    return (
        work.title or "",
        volume_number(work.volume) or 0,
        work.year or "",
        work.publisher or "",
        work.url or "",
    )


def assign_keys(
    works: list[Work], citations: Mapping[str, list[Citation]]
) -> tuple[list[Work], dict[str, list[Citation]]]:
    """Final keys for the works (sorted by key) and for the citations that point at them."""
    by_base: dict[str, list[Work]] = defaultdict(list)
    for work in works:
        by_base[base_key(work)].append(work)
    renamed: dict[str, str] = {}
    for base, group in by_base.items():
        group.sort(key=order)
        for n, work in enumerate(group):
            renamed[work.key] = base if len(group) == 1 else base + suffix(n)
    keyed = sorted((replace(w, key=renamed[w.key]) for w in works), key=lambda w: w.key)
    updated = {
        path: [replace(c, work=renamed.get(c.work)) if c.work else c for c in cs]
        for path, cs in citations.items()
    }
    return keyed, updated


def suffix(n: int) -> str:
    letters = string.ascii_lowercase
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]
