"""The full-text index of works (tantivy): its schema, the words of a title or a name, and
the query that finds a cited work's candidates, ranked by BM25 with top-k pruning.

Titles and names are folded as match.py folds them (ASCII, lower case, `&` as `and`) in
Python, and cut into words without match.py's stop words by the index's own analyzer; the
query's words are cut the same way in Python, so what matching would call the same word
is the same term. Nothing is stored but the work's number, as a fast field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from anyascii import anyascii

from citeres.enrich.match import STOPWORDS

if TYPE_CHECKING:
    import tantivy

HEAP = 256 * 1024 * 1024  # the writer's memory before it flushes a segment
NAME_BOOST = 2.0  # a shared author word says more than a shared title word
# A word of the subtitle counts less, and a long subtitle does not bury its title: cited
# short titles are the rule ("Culture History" for "Culture History: A Study of ...").
SUBTITLE_BOOST = 0.5
# The whole title, word for word, lifts a short common title ("Poems", "New") above the
# author's longer titles that merely contain its words.
EXACT_BOOST = 4.0
MAX_TERMS = 16  # a cited title longer than this adds nothing to finding it
WORD = re.compile(r"[a-z0-9]+")
# match.py: similar() = min(ratio, words_shared + 0.1) ≥ MIN_TITLE (0.70), so the words'
# Dice overlap 2s / (c + f) ≥ 0.6; with s ≤ f, s ≥ 0.6 c / 1.4 ≈ 0.43 c.
SHARED = 0.6 / 1.4


ANALYZER = "citeres"  # tantivy's simple tokenizer, less the stop words


def schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=False, indexed=False, fast=True)
    builder.add_text_field("title", tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field("subtitle", tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field("exact", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("names", tokenizer_name=ANALYZER, index_option="freq")
    return builder.build()


def register(index: tantivy.Index) -> None:
    """Analyzers are not kept in the index: writer and readers each register it."""
    import tantivy

    words = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    index.register_tokenizer(
        ANALYZER, words.filter(tantivy.Filter.custom_stopword(sorted(STOPWORDS))).build()
    )


def plain(text: str) -> str:
    """match.fold without its word split: ASCII (transliterated only when it is not
    already, as most of the catalogue is), lower case, `&` as `and`."""
    if not text.isascii():
        text = anyascii(text)
    return text.lower().replace("&", " and ")


def folded(text: str) -> list[str]:
    """match.fold's words; the index's analyzer cuts `plain(text)` into the same."""
    return WORD.findall(plain(text))


def title_words(*titles: str | None) -> list[str]:
    """The title's content words, once each; all its words when it has no other."""
    words = list(dict.fromkeys(folded(" ".join(t for t in titles if t))))
    return [w for w in words if w not in STOPWORDS] or words


def name_words(names: Iterable[str]) -> list[str]:
    """Every word of the names but initials, once each."""
    return [w for w in dict.fromkeys(folded(" ".join(names))) if len(w) > 1]


class Writer:
    """Adds works to a new index in `directory`; `close` commits and merges."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        directory.mkdir(parents=True)
        self.index = tantivy.Index(schema(), str(directory))
        register(self.index)
        self.writer = self.index.writer(HEAP, 1)
        self.document = tantivy.Document

    def add(self, number: int, title: str, subtitle: str | None, names: str) -> None:
        """A work: its title, subtitle and its authors' names (`plain` folds them)."""
        self.writer.add_document(
            self.document(
                id=number,
                title=plain(title),
                subtitle=plain(subtitle or ""),
                exact=exact(title),
                names=names,
            )
        )

    def close(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()


class Reader:
    """Searches an index read-only; safe to share between threads."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        self.tantivy = tantivy
        self.index = tantivy.Index.open(str(directory))
        register(self.index)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def search(self, title: str, names: Sequence[str], limit: int) -> list[int]:
        """The numbers of the best-ranked works sharing a title word and, when names are
        given, a word of an author's name (the online search asks for title and author
        both), by BM25."""
        query = self.query(title, title_words(title)[:MAX_TERMS], name_words(names))
        if query is None:
            return []
        hits = self.searcher.search(query, limit, count=False).hits
        if not hits:
            return []
        ids = self.searcher.fast_field_values("id", [address for _, address in hits])
        return cast(list[int], ids)  # the id field holds integers only

    def query(self, cited: str, title: list[str], names: list[str]) -> tantivy.Query | None:
        # Two groups of alternatives, each required: pure disjunctions inside keep
        # tantivy's top-k pruning (a minimum number of matching words would lose it).
        t = self.tantivy
        if not title:
            return None
        groups = [self.any_of([("title", 1.0), ("subtitle", SUBTITLE_BOOST)], title)]
        if names:
            groups.append(self.any_of([("names", NAME_BOOST)], names))
        clauses = [(t.Occur.Must, group) for group in groups]
        whole = t.Query.term_query(self.schema, "exact", exact(cited))
        clauses.append((t.Occur.Should, t.Query.boost_query(whole, EXACT_BOOST)))
        return t.Query.boolean_query(clauses)

    def any_of(self, fields: list[tuple[str, float]], words: list[str]) -> tantivy.Query:
        t = self.tantivy
        return t.Query.boolean_query(
            [
                (t.Occur.Should, t.Query.boost_query(t.Query.term_query(self.schema, f, w), b))
                for f, b in fields
                for w in words
            ]
        )


def exact(title: str) -> str:
    """The main title's content words, in order: one term for the title as a whole."""
    return " ".join(title_words(title.split(":")[0]))


def enough_shared(cited: str, title: str, subtitle: str | None) -> bool:
    """Whether a record's title shares enough words with the cited one to pass match.py's
    title gate (see `shared_needed`)."""
    shared = set(title_words(cited)) & set(title_words(title, subtitle))
    return len(shared) >= shared_needed(cited)


def shared_needed(title: str) -> int:
    """How many of the cited main title's words a record must share to pass match.py's
    title gate. Its word overlap (2·shared / (cited + found words)) must reach 0.6 on some
    reading of the titles (whole, main title, full); as a record shares no more words than
    it has, that needs shared ≥ 0.43 × the words of the shortest reading, the main title
    (before a colon). A record that is its full form (a short title cited) shares them all.
    """
    return max(1, math.ceil(SHARED * len(title_words(title.split(":")[0]))))
