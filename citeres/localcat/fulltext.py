"""The full-text index of works (tantivy): its schema, the words of a title or a name, and
the query that finds a cited work's candidates, ranked by BM25 with top-k pruning.

Titles and names are folded as match.py folds them (ASCII, lower case, articles and
conjunctions out), at indexing and at query time alike, so what matching would call the
same word is the same term. Nothing is stored but the work's number, as a fast field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from citeres.enrich.match import STOPWORDS, fold

if TYPE_CHECKING:
    import tantivy

HEAP = 256 * 1024 * 1024  # the writer's memory before it flushes a segment
NAME_BOOST = 2.0  # a shared author word says more than a shared title word
MAX_TERMS = 16  # a cited title longer than this adds nothing to finding it


def schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=False, indexed=False, fast=True)
    builder.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("names", tokenizer_name="whitespace", index_option="freq")
    return builder.build()


def title_words(*titles: str | None) -> list[str]:
    """The title's content words, once each; all its words when it has no other."""
    words = list(dict.fromkeys(fold(" ".join(t for t in titles if t)).split()))
    return [w for w in words if w not in STOPWORDS] or words


def name_words(names: Iterable[str]) -> list[str]:
    """Every word of the names but initials, once each."""
    return [w for w in dict.fromkeys(fold(" ".join(names)).split()) if len(w) > 1]


class Writer:
    """Adds works to a new index in `directory`; `close` commits and merges."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        directory.mkdir(parents=True)
        self.index = tantivy.Index(schema(), str(directory))
        self.writer = self.index.writer(HEAP, 1)
        self.document = tantivy.Document

    def add(self, number: int, title: list[str], names: list[str]) -> None:
        self.writer.add_document(
            self.document(id=number, title=" ".join(title), names=" ".join(names))
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
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def search(self, title: str, names: Sequence[str], limit: int) -> list[int]:
        """The numbers of the best-ranked works for a title and author names."""
        query = self.query(title_words(title)[:MAX_TERMS], name_words(names))
        if query is None:
            return []
        hits = self.searcher.search(query, limit, count=False).hits
        if not hits:
            return []
        return self.searcher.fast_field_values("id", [address for _, address in hits])

    def query(self, title: list[str], names: list[str]) -> tantivy.Query | None:
        t = self.tantivy
        should = t.Occur.Should
        clauses = [(should, t.Query.term_query(self.schema, "title", w)) for w in title]
        clauses += [
            (should, t.Query.boost_query(t.Query.term_query(self.schema, "names", w), NAME_BOOST))
            for w in names
        ]
        return t.Query.boolean_query(clauses) if clauses else None
