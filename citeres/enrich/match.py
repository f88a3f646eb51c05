"""Whether a catalogue record is the cited work: hard rules, a score, and a margin.

A wrong match is worse than none. Hard rules reject first (a record of another type, no
cited author, another title, another volume, a publication of another year); what is left
is scored, and the best must clear a threshold and beat the next different record clearly.
Every catalogue (Open Library, Crossref, a local index) is judged by `choose` and `confirm`
alone. Catalogue relevance scores (Crossref's `score`) are never used: they grow with the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from rapidfuzz.fuzz import ratio as _ratio

from citeres.model import Name, Work, WorkType
from citeres.text import fold as _fold

ACCEPT = 0.80  # the best candidate must score this much...
MARGIN = 0.08  # ...and this much more than the best different candidate
MIN_TITLE = 0.70
NEAR = 0.65  # the most a title may score that has a word the other lacks
VARIANT = 0.85  # surname similarity above which a spelling counts as a variant
ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l", "der", "die", "das", "el", "il"})
STOPWORDS = ARTICLES | {"and", "of", "in", "on", "to", "for", "de", "du", "des", "und", "et"}
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
VOLUME = re.compile(r"\b(?:vol|volume|tome|tom|band|bd|book|part)\.?\s*([ivxlc]+|\d+)\b", re.I)
YEAR = re.compile(r"\b(1[4-9]\d\d|20\d\d)\b")
# A title's tail that only dates or places it: `Marseille, 1942`, `Moscow, 1937`,
# `Petrograd (1917-1918)`, `Red Vienna, Austria`. The head is then the title in substance.
DATE_TAIL = re.compile(
    r"^(?P<head>.+?)(?:\s*[,:(]\s*(?P<date>\d{4}(?:\s*[-–/]\s*\d{2,4})?)\)?"
    r"|,\s*(?P<place>[A-ZÀ-Þ][\w-]+(?: [A-ZÀ-Þ][\w-]+)?))\s*$"
)
# Anthologies named after the author of the texts: `Bakunin on Anarchy`, `Leon Trotsky
# Speaks`, `The Essential Kropotkin`, `Selected Writings of Lenin`.
ANTHOLOGY = re.compile(
    r"^(?:the )?(?:essential |portable |basic )?(?P<a>[a-z]+(?: [a-z]+)?) (?:on|speaks|reader)\b"
    r"|^(?:the )?(?:essential|portable|basic) (?P<b>[a-z]+(?: [a-z]+)?)$"
    r"|^selected (?:writings|works|essays|texts) of (?P<c>[a-z]+(?: [a-z]+)?)$"
)


class Fit(Enum):
    ALLOW = "allow"
    REPORT = "report"  # accepted, and the difference reported
    REJECT = "reject"


# Cited type × the record's type (in the catalogue's own words) → fit. Anything not listed
# is rejected. Why:
# - A book cited whole is never a chapter of someone else's book (a classic text is often
#   reprinted in readers: same title, same author, another publisher and year), nor an
#   article. A reference book or a thesis cited as a book is the same text: reported.
# - A chapter is never the book that holds it (its DOI would name the whole volume), nor
#   an article (a reprint is another publication); a conference paper is reported.
# - An article is never a book; a conference paper cited as an article is reported.
# - An untyped citation may be any of those, each reported.
# - `reference-entry`, `book-review`, `component`, `peer-review` and `posted-content` are
#   never the work cited: an encyclopedia entry, a review of the book, a figure or
#   supplement, a referee report or a preprint share its title and author, not its identity.
NEVER = frozenset({"reference-entry", "book-review", "component", "peer-review", "posted-content"})
BOOKS = {"book": Fit.ALLOW, "monograph": Fit.ALLOW, "edited-book": Fit.ALLOW}
TYPES: dict[WorkType, dict[str, Fit]] = {
    WorkType.BOOK: BOOKS | {"reference-book": Fit.REPORT, "dissertation": Fit.REPORT},
    WorkType.CHAPTER: {
        "book-chapter": Fit.ALLOW,
        "book-section": Fit.ALLOW,
        "book-part": Fit.ALLOW,
        "proceedings-article": Fit.REPORT,
    },
    WorkType.ARTICLE: {"journal-article": Fit.ALLOW, "proceedings-article": Fit.REPORT},
    WorkType.MISC: {
        kind: Fit.REPORT
        for kind in (*BOOKS, "book-chapter", "book-section", "book-part", "journal-article")
    },
}
# Records that stand for a whole work with all its editions (an Open Library work), as
# opposed to one publication; their year is the first publication's.
WHOLE_WORK = "work"


@dataclass(frozen=True)
class Candidate:
    """One catalogue record, in the few fields matching and filling need."""

    source: str  # openlibrary | crossref | the name of any other catalogue
    id: str  # /works/OL…W, /books/OL…M, or a DOI
    title: str
    subtitle: str | None = None
    authors: tuple[str, ...] = ()  # as the catalogue writes them, "Given Family"
    editors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # the catalogue's alternate names for its authors
    year: int | None = None  # first publication (a whole work), or issued (a publication)
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
    kind: str = WHOLE_WORK  # the record's type in the catalogue's words: work, book-chapter…
    editions: int = 0
    pinned: bool = False  # found by the document's own DOI or ISBN (set by `confirm`)

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
    type_differs: bool = False  # allowed by the type table, with a report
    title: float = 0.0  # the title's similarity alone


@dataclass(frozen=True)
class Verdict:
    status: str  # matched | ambiguous | refused | not-found
    best: Scored | None
    ranked: tuple[Scored, ...]
    conflict: str | None = None  # the document's own DOI or ISBN names another work
    query: str | None = None  # the query that found `best`, set by the caller


def fold(text: str) -> str:
    """Lower-case ASCII words: accents, quotes, punctuation and `&` folded away."""
    return _fold(text.replace("&", " and "))


def title_key(text: str) -> str:
    words = fold(text).split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def ratio(a: str, b: str) -> float:
    return _ratio(a, b) / 100 if a and b else 0.0


def words_shared(a: str, b: str) -> float:
    """Dice overlap of the content words, a misspelt word still counting as shared."""
    left = [w for w in a.split() if w not in STOPWORDS] or a.split()
    right = [w for w in b.split() if w not in STOPWORDS] or b.split()
    if not left or not right:
        return 0.0
    shared = sum(1 for w in left if w in right or any(ratio(w, v) >= VARIANT for v in right))
    return min(1.0, 2 * shared / (len(left) + len(right)))


def unmatched(a: str, b: str) -> int:
    """Content words of either title that the other lacks (a misspelling still matches)."""
    left = [w for w in a.split() if w not in STOPWORDS]
    right = [w for w in b.split() if w not in STOPWORDS]

    def missing(words: list[str], others: list[str]) -> int:
        return sum(
            1 for w in words if w not in others and all(ratio(w, v) < VARIANT for v in others)
        )

    return missing(left, right) + missing(right, left)


def similar(a: str, b: str) -> float:
    """Characters alone forgive too much ("Stalin and the Writers" / "... the Painters",
    "Bolsheviks Come to Power" / "Bolsheviks in Power"): a content word on one side that
    the other lacks makes another title. Short titles and subtitles are judged apart."""
    if a == b:
        return 1.0 if a else 0.0
    value = min(ratio(a, b), words_shared(a, b) + 0.1)
    return min(value, NEAR) if unmatched(a, b) else value


def dated(title: str) -> tuple[str, str | None]:
    """A title without the tail that only dates or places it, and that tail."""
    match = DATE_TAIL.match(title.strip())
    if match is None:
        return title, None
    return match.group("head"), match.group("date") or match.group("place")


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
    head, tail = dated(candidate.title)
    if tail and not candidate.subtitle and cited in (title_key(head), cited_main):
        best = max(best, 0.95)  # `Marseille` for `Marseille, 1942`
    for short in (cited, cited_main):
        if short and found_full.startswith(short + " "):
            # The document's short title of the full one: strong when it says enough.
            best = max(best, 0.92 if len(short.split()) > 1 else 0.75)
    return best


def surnames(names: tuple[Name, ...]) -> list[str]:
    return [fold(n.family) for n in names if fold(n.family)][:4]


ROMANISED_ENDING = re.compile(r"(?<=[kc])(?:ii|ij|iy|yi|yj|i)$")


def romanised(word: str) -> str:
    """One spelling for the endings romanisations disagree on: -skii, -skij, -skiy → -sky."""
    return ROMANISED_ENDING.sub("y", word)


def respelt(surname: str) -> bool:
    """Whether a catalogue may well spell this surname otherwise: its ending is one the
    romanisations disagree on (Lunacharsky, Lunacharskii, Lunacharskiĭ). A search by that
    name finds only the spelling sent; matching knows them all alike."""
    last = (fold(surname).split() or [""])[-1]
    return romanised(last) != last or last.endswith(("ky", "cy"))


def spelled(surname: str, catalogue_name: str) -> str | None:
    """'exact', 'variant' or None: how a catalogue name carries a cited surname."""
    words = [romanised(w) for w in fold(catalogue_name).split() if len(w) > 1]
    if not words:
        return None
    last = romanised(surname.split()[-1])
    if last in words or surname.replace(" ", "") in "".join(words):
        return "exact"
    if any(ratio(last, w) >= VARIANT for w in words if len(w) > 2):
        return "variant"
    return None


def carried(
    people: tuple[Name, ...], names: tuple[str, ...]
) -> tuple[float, tuple[tuple[str, str], ...]]:
    """Share of the cited surnames among `names`; the variant spellings met."""
    cited = surnames(people)
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
    return (found / len(cited) if cited else 0.0), tuple(variants)


def anthology_author(title: str) -> str | None:
    """The surname an anthology's title names: `Bakunin on Anarchy` → bakunin."""
    match = ANTHOLOGY.match(title_key(title))
    if match is None:
        return None
    return (match.group("a") or match.group("b") or match.group("c")).split()[-1]


def anthologised(work: Work, names: tuple[str, ...]) -> bool:
    """An anthology named after the author of its texts (`Bakunin on Anarchy`), cited by
    its editor and catalogued under that author: the title itself names the record's author."""
    named = anthology_author(work.title or "")
    return named is not None and any(spelled(named, n) == "exact" for n in names)


def author_score(work: Work, candidate: Candidate) -> tuple[float, tuple[tuple[str, str], ...]]:
    """Share of the cited surnames the record carries (under any of its names)."""
    names = candidate.authors + candidate.editors + candidate.aliases
    if not (work.authors or work.editors):
        return 0.5, ()  # an anonymous work: the title must carry the match alone
    best, variants = carried(work.authors or work.editors, names)
    if best < 1 and work.authors and work.editors:
        # An edited collection listed by its editor.
        best, variants = max((best, variants), carried(work.editors, names))
    if best == 0 and anthologised(work, candidate.authors):
        return 0.9, ()
    return best, variants


def year_of(text: str | None) -> int | None:
    match = YEAR.search(text or "")
    return int(match.group(1)) if match else None


def cited_year(work: Work, candidate: Candidate) -> int | None:
    """The cited year, unless it is the date in the record's own title (`Moscow, 1937`)."""
    year = year_of(work.year)
    tail = dated(candidate.title)[1]
    if year is not None and tail and str(year) in tail:
        return None
    return year


def year_score(work: Work, candidate: Candidate) -> tuple[float, bool]:
    """(score, conflict). A later edition of an earlier work is consistent; the reverse is not."""
    cited = cited_year(work, candidate)
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
    if candidate.volume and candidate.type is not WorkType.ARTICLE:
        return volume_number(candidate.volume)
    match = VOLUME.search(f"{candidate.title} {candidate.subtitle or ''}")
    return volume_number(match.group(1)) if match else None


def type_fit(work: Work, candidate: Candidate) -> Fit:
    if candidate.kind in NEVER:
        return Fit.REJECT
    # Open Library holds books, as works or as editions.
    kind = "book" if candidate.kind in (WHOLE_WORK, "edition") else candidate.kind
    return TYPES.get(work.type, {}).get(kind, Fit.REJECT)


def rejection(
    work: Work, candidate: Candidate, title: float, authors: float, conflict: bool
) -> str | None:
    """Why the record cannot be the work, or None. The first rule that fails is named.
    A record pinned by the document's own identifier is refused only when it cannot be
    the work at all: the cited type may be the parser's guess, the identifier is not."""
    fit = type_fit(work, candidate)
    if fit is Fit.REJECT and (candidate.kind in NEVER or not candidate.pinned):
        return f"a {candidate.kind}, not the {work.type.value} cited"
    if authors == 0.0:
        return "no cited author in the record"
    if title < MIN_TITLE:
        return "another title"
    cited_volume, found_volume = volume_number(work.volume), candidate_volume(candidate)
    if cited_volume is not None and found_volume not in (None, cited_volume):
        return "another volume"
    if candidate.pinned:
        return None  # the document's own identifier: a year is a conflict to report
    cited = cited_year(work, candidate)
    if conflict:
        return f"first published {candidate.year}, after the cited {cited}"
    one_publication = candidate.kind != WHOLE_WORK
    if one_publication and cited and candidate.year and abs(cited - candidate.year) > 1:
        return f"another edition or printing ({candidate.year})"
    return None


def score(work: Work, candidate: Candidate) -> Scored:
    title = title_score(work, candidate)
    authors, variants = author_score(work, candidate)
    years, conflict = year_score(work, candidate)
    value = 0.55 * title + 0.30 * authors + 0.15 * years
    if volume_number(work.volume) is None and candidate_volume(candidate) is not None:
        value -= 0.05  # one volume of a work cited whole: possible, not likely
    rejected = rejection(work, candidate, title, authors, conflict)
    differs = type_fit(work, candidate) is not Fit.ALLOW
    return Scored(candidate, round(value, 3), variants, conflict, rejected, differs, title)


def duplicates(a: Candidate, b: Candidate) -> bool:
    """Records that say the same thing: duplicates in the catalogue, not rival works. The
    same title, surnames and volume, subtitles alike (`1917-1918` / `1917-18`) or both
    absent; two publications of other years are two editions, not duplicates."""

    def surnames_of(c: Candidate) -> set[str]:
        return {fold(n).split()[-1] for n in c.authors + c.editors if fold(n)}

    if title_key(a.title) != title_key(b.title) or surnames_of(a) != surnames_of(b):
        return False
    if candidate_volume(a) != candidate_volume(b):
        return False
    if WHOLE_WORK not in (a.kind, b.kind) and a.year != b.year:
        return False
    sub_a, sub_b = title_key(a.subtitle or ""), title_key(b.subtitle or "")
    return sub_a == sub_b or (bool(sub_a and sub_b) and ratio(sub_a, sub_b) >= 0.9)


def ranking(scored: Scored) -> tuple[bool, float, int, int]:
    """Best first: not rejected, score; among equals the earliest, then the most editions
    (a later reissue catalogued as a work of its own is not the work)."""
    c = scored.candidate
    return (scored.rejected is None, scored.score, -(c.year or 9999), c.editions)


def choose(work: Work, candidates: list[Candidate]) -> Verdict:
    """The best candidate if it is clearly the work; else ambiguous, refused or not-found.

    Refused: the record that would have been accepted on title, author and year was
    rejected by a hard rule (its type, its volume, its year); it is named, with the reason.
    """
    ranked = sorted((score(work, c) for c in candidates), key=ranking, reverse=True)
    viable = dedupe([s for s in ranked if s.rejected is None])
    if viable and viable[0].score >= ACCEPT:
        if len(viable) > 1 and viable[0].score - viable[1].score < MARGIN:
            return Verdict("ambiguous", viable[0], tuple(viable))
        return Verdict("matched", viable[0], tuple(ranked))
    refused = [s for s in ranked if s.rejected and s.score >= ACCEPT and resembles(s)]
    if refused:
        best = max(refused, key=lambda s: s.score)
        return Verdict("refused", best, tuple(ranked))
    return Verdict("not-found", viable[0] if viable else None, tuple(ranked))


def resembles(scored: Scored) -> bool:
    """Rejected although it carries the title and an author: worth naming to the editor."""
    return scored.rejected not in ("another title", "no cited author in the record")


def confirm(work: Work, records: list[Candidate], identifier: str) -> Verdict:
    """A record found by the document's own DOI or ISBN: only a contradiction refuses it."""
    if not records:
        return Verdict("not-found", None, ())
    record = replace(records[0], pinned=True)
    scored = score(work, record)
    if scored.rejected:
        conflict = f"{identifier} names {record.label()} ({scored.rejected})"
        return Verdict("not-found", None, (scored,), conflict)
    return Verdict("matched", scored, (scored,))


def dedupe(viable: list[Scored]) -> list[Scored]:
    """Keep the best-ranked record of each set of duplicates."""
    kept: list[Scored] = []
    for scored in viable:
        if not any(duplicates(scored.candidate, k.candidate) for k in kept):
            kept.append(scored)
    return kept
