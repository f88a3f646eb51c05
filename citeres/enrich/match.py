"""Whether a catalogue record is the cited work: score, gate, and a margin over the rest.

A wrong match is worse than none: a shared author surname is required, a different
volume rejects, and the best must clear a threshold and beat the runner-up clearly.
Catalogue relevance scores (Crossref's `score`) are never used: they grow with the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from anyascii import anyascii

from citeres.model import Name, Work, WorkType

ACCEPT = 0.80  # the best candidate must score this much...
MARGIN = 0.08  # ...and this much more than the best different candidate
MIN_TITLE = 0.70
VARIANT = 0.85  # surname similarity above which a spelling counts as a variant
ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l", "der", "die", "das", "el", "il"})
STOPWORDS = ARTICLES | {"and", "of", "in", "on", "to", "for", "de", "du", "des", "und", "et"}
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
VOLUME = re.compile(r"\b(?:vol|volume|tome|tom|band|bd|book|part)\.?\s*([ivxlc]+|\d+)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    """One catalogue record, in the few fields matching and filling need."""

    source: str  # openlibrary | crossref
    id: str  # /works/OL…W, /books/OL…M, or a DOI
    title: str
    subtitle: str | None = None
    authors: tuple[str, ...] = ()  # as the catalogue writes them, "Given Family"
    editors: tuple[str, ...] = ()
    year: int | None = None  # first publication (Open Library), or issued (Crossref)
    years: tuple[int, ...] = ()  # every edition year the catalogue knows
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    container: str | None = None
    publisher: str | None = None
    place: str | None = None
    isbn: str | None = None
    doi: str | None = None
    type: WorkType | None = None
    editions: int = 0
    pinned: bool = False  # one edition or publication (ISBN, DOI), not a whole work

    def label(self) -> str:
        who = ", ".join(self.authors or self.editors) or "anonymous"
        year = f" ({self.year})" if self.year else ""
        return f"{who}: {self.title}{year} [{self.id}]"


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    variants: tuple[tuple[str, str], ...] = ()  # (cited surname, catalogue spelling)
    year_conflict: bool = False
    rejected: str | None = None  # why the candidate cannot be the work


@dataclass(frozen=True)
class Verdict:
    status: str  # matched | ambiguous | not-found
    best: Scored | None
    ranked: tuple[Scored, ...]
    conflict: str | None = None  # the document's own DOI or ISBN names another work


def fold(text: str) -> str:
    """Lower-case ASCII words: accents, quotes, punctuation and `&` folded away."""
    text = anyascii(text).lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def title_key(text: str) -> str:
    words = fold(text).split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def words_shared(a: str, b: str) -> float:
    """Dice overlap of the content words, a misspelt word still counting as shared."""
    left = [w for w in a.split() if w not in STOPWORDS] or a.split()
    right = [w for w in b.split() if w not in STOPWORDS] or b.split()
    if not left or not right:
        return 0.0
    shared = sum(1 for w in left if any(w == v or ratio(w, v) >= VARIANT for v in right))
    return min(1.0, 2 * shared / (len(left) + len(right)))


def similar(a: str, b: str) -> float:
    """Characters alone forgive too much ("Stalin and the Writers" / "... the Painters"):
    the words must agree too."""
    return min(ratio(a, b), words_shared(a, b) + 0.1)


def title_score(work: Work, candidate: Candidate) -> float:
    """Similarity of titles, allowing a short title and a missing or extra subtitle."""
    cited = title_key(work.title or "")
    cited_full = title_key(f"{work.title} {work.subtitle or ''}")
    cited_main = title_key((work.title or "").split(":")[0])
    found = title_key(candidate.title)
    found_full = title_key(f"{candidate.title} {candidate.subtitle or ''}")
    found_main = title_key(candidate.title.split(":")[0])
    best = max(
        similar(cited, found),
        similar(cited_full, found_full),
        similar(cited, found_full),
        similar(cited_main, found_main) * 0.95,
    )
    for short in (cited, cited_main):
        if short and found_full.startswith(short + " "):
            # The document's short title of the full one: strong when it says enough.
            best = max(best, 0.92 if len(short.split()) > 1 else 0.75)
    return best


def surnames(names: tuple[Name, ...]) -> list[str]:
    return [fold(n.family) for n in names if fold(n.family)][:4]


def spelled(surname: str, catalogue_name: str) -> str | None:
    """'exact', 'variant' or None: how a catalogue name carries a cited surname."""
    words = [w for w in fold(catalogue_name).split() if len(w) > 1]
    if not words:
        return None
    last = surname.split()[-1]
    if last in words or surname.replace(" ", "") in "".join(words):
        return "exact"
    if any(ratio(last, w) >= VARIANT for w in words if len(w) > 2):
        return "variant"
    return None


def author_score(work: Work, candidate: Candidate) -> tuple[float, tuple[tuple[str, str], ...]]:
    """Share of the cited surnames the record carries; the variant spellings met."""
    people = work.authors or work.editors
    cited = surnames(people)
    names = candidate.authors + candidate.editors
    if not cited:
        return 0.5, ()  # an anonymous work: the title must carry the match alone
    found = 0.0
    variants = []
    for surname in cited:
        kinds = [(spelled(surname, n), n) for n in names]
        if any(kind == "exact" for kind, _ in kinds):
            found += 1
        elif variant := next((n for kind, n in kinds if kind == "variant"), None):
            found += 0.9
            family = next(x.family for x in people if fold(x.family) == surname)
            variants.append((family, variant))
    return found / len(cited), tuple(variants)


def year_of(text: str | None) -> int | None:
    match = re.search(r"\b(1[4-9]\d\d|20\d\d)\b", text or "")
    return int(match.group(1)) if match else None


def year_score(work: Work, candidate: Candidate) -> tuple[float, bool]:
    """(score, conflict). A later edition of an earlier work is consistent; the reverse is not."""
    cited = year_of(work.year)
    first = candidate.year
    if cited is None or first is None:
        return 0.5, False
    if cited in candidate.years or abs(cited - first) <= 1:
        return 1.0, False
    if cited < first:
        return 0.0, True
    if candidate.pinned and candidate.type is WorkType.ARTICLE:
        return 0.0, True  # an article appears once: its year is its year
    return 0.8, False


def volume_number(text: str | None) -> int | None:
    text = (text or "").strip().lower()
    if text.isdigit():
        return int(text)
    if text and all(ch in ROMAN for ch in text):
        values = [ROMAN[ch] for ch in text]
        return sum(-v if v < n else v for v, n in zip(values, [*values[1:], 0], strict=True))
    return None


def candidate_volume(candidate: Candidate) -> int | None:
    if candidate.volume:
        return volume_number(candidate.volume)
    match = VOLUME.search(f"{candidate.title} {candidate.subtitle or ''}")
    return volume_number(match.group(1)) if match else None


def score(work: Work, candidate: Candidate) -> Scored:
    title = title_score(work, candidate)
    authors, variants = author_score(work, candidate)
    years, conflict = year_score(work, candidate)
    value = 0.55 * title + 0.30 * authors + 0.15 * years
    cited_volume, found_volume = volume_number(work.volume), candidate_volume(candidate)
    if cited_volume is None and found_volume is not None:
        value -= 0.05  # one volume of a work cited whole: possible, not likely
    if candidate.type and candidate.type is not work.type and work.type is not WorkType.MISC:
        value -= 0.10
    rejected = None
    if authors == 0.0:
        rejected = "no cited author in the record"
    elif title < MIN_TITLE:
        rejected = "another title"
    elif cited_volume is not None and found_volume not in (None, cited_volume):
        rejected = "another volume"
    return Scored(candidate, round(value, 3), variants, conflict, rejected)


def identity(scored: Scored) -> tuple[str, tuple[str, ...], int | None]:
    """Records that say the same thing: duplicates in the catalogue, not rival works."""
    c = scored.candidate
    names = tuple(sorted(fold(n).split()[-1] for n in c.authors + c.editors if fold(n)))
    return title_key(f"{c.title} {c.subtitle or ''}"), names, candidate_volume(c)


def choose(work: Work, candidates: list[Candidate]) -> Verdict:
    """The best candidate if it is clearly the work; else ambiguous or not-found."""
    ranked = sorted(
        (score(work, c) for c in candidates),
        key=lambda s: (s.rejected is None, s.score, s.candidate.editions),
        reverse=True,
    )
    viable = dedupe([s for s in ranked if s.rejected is None])
    if not viable or viable[0].score < ACCEPT:
        return Verdict("not-found", viable[0] if viable else None, tuple(ranked))
    if len(viable) > 1 and viable[0].score - viable[1].score < MARGIN:
        return Verdict("ambiguous", viable[0], tuple(viable))
    return Verdict("matched", viable[0], tuple(ranked))


def confirm(work: Work, record: Candidate | None, identifier: str) -> Verdict:
    """A record found by the document's own DOI or ISBN: only a contradiction refuses it."""
    if record is None:
        return Verdict("not-found", None, ())
    scored = score(work, record)
    if scored.rejected:
        return Verdict("not-found", None, (scored,), f"{identifier} names {record.label()}")
    return Verdict("matched", scored, (scored,))


def dedupe(viable: list[Scored]) -> list[Scored]:
    """Keep the best-scored record of each identity (most editions wins a tie)."""
    seen: set[tuple[str, tuple[str, ...], int | None]] = set()
    kept = []
    for scored in viable:
        key = identity(scored)
        if key not in seen:
            seen.add(key)
            kept.append(scored)
    return kept
