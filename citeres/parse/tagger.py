"""The trained reference models at run time: label the tokens of a reference string, split
a note into its references, and read each reference's fields.

The models load on first use (python-crfsuite is imported only then), and every result is
cached per distinct string, since notes repeat references. The model's labels pass through
the exact rules of exact.py before the spans are read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeres.model import ProblemKind
from citeres.parse.exact import relabel
from citeres.parse.features import Featurizer, load_lexicon
from citeres.parse.spans import fields_of, spans_of
from citeres.parse.tokens import Token, tokenize

MODELS = Path(__file__).parent / "models"
FIELD_MODEL, NOTE_MODEL, LEXICON = "fields.crfsuite", "notes.crfsuite", "lexicon.json"
WINDOW = 400  # tokens labelled at a time: a reference is far shorter; a 1 MB line is not


class Model:
    """One CRF and the features it was trained on."""

    def __init__(self, path: Path, featurizer: Featurizer) -> None:
        import pycrfsuite  # here, not at import: start-up of commands that never parse

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(path))
        self.featurize = featurizer

    def labels(self, text: str, tokens: tuple[Token, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for at in range(0, len(tokens), WINDOW):
            window = tokens[at : at + WINDOW]
            out += self.tagger.tag(self.featurize(text, window))
        return tuple(out)


@lru_cache(maxsize=1)
def featurizer() -> Featurizer:
    return Featurizer(load_lexicon(MODELS / LEXICON))


@lru_cache(maxsize=1)
def field_model() -> Model:
    return Model(MODELS / FIELD_MODEL, featurizer())


@lru_cache(maxsize=1)
def note_model() -> Model:
    return Model(MODELS / NOTE_MODEL, featurizer())


@lru_cache(maxsize=32768)
def tag(text: str) -> tuple[tuple[Token, ...], tuple[str, ...]]:
    """The tokens of a reference string and the label of each."""
    tokens = tokenize(text)
    return tokens, field_model().labels(text, tokens) if tokens else ()


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return load_lexicon(MODELS / LEXICON).get("given", frozenset())


Complaints = tuple[tuple[ProblemKind, str], ...]


@lru_cache(maxsize=32768)
def parsed(
    text: str, emphasis: tuple[tuple[int, int], ...] = ()
) -> tuple[tuple[tuple[str, Any], ...], Complaints]:
    """The fields of a reference (as pairs, so the cache hands out no shared lists) and
    the complaints the exact rules raised about how it is written; `emphasis` holds the
    (start, end) of what the document set in italics (`*Title*`, marks already dropped)."""
    tokens, labels = tag(text)
    if not tokens:
        return (), ()
    labels, complaints = relabel(text, tokens, labels, given_names(), emphasis)
    fields = fields_of(spans_of(text, tokens, labels))
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in fields.items()), complaints


def parse(text: str) -> dict[str, Any]:
    """The fields of one reference in the contract's work shape, plus `locator` (the pages
    cited) and `form` (full, ibid, opcit, short); `{}` for a blank string."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in parsed(text)[0]}


@lru_cache(maxsize=32768)
def split_note(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the references in a note; the rest is commentary."""
    tokens = tokenize(text)
    if not tokens:
        return ()
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for token, label in zip(tokens, note_model().labels(text, tokens), strict=True):
        if label == "B" or (label == "I" and current is None):
            if current:
                spans.append(current)
            current = (token.start, token.end)
        elif label == "I" and current:
            current = (current[0], token.end)
        elif current:
            spans.append(current)
            current = None
    if current:
        spans.append(current)
    return tuple((start, end) for start, end in map(trimmed(text), spans) if end > start)


def trimmed(text: str) -> Callable[[tuple[int, int]], tuple[int, int]]:
    """A reference span without the separator it ends on (`…, 4–5,`, `…, p. 45;`)."""

    def trim(span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        while end > start and (text[end - 1] in ",;:" or text[end - 1].isspace()):
            end -= 1
        return start, end

    return trim


def parse_note(text: str) -> list[dict[str, Any]]:
    """Each reference of a note, parsed alone, with its `start`, `end` and `raw` text."""
    return [
        {"start": start, "end": end, "raw": text[start:end], **parse(text[start:end])}
        for start, end in split_note(text)
    ]
