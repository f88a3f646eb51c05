"""Notes synthesised from training references, for the forms that reference lists lack:
`See X, p. 45`, `Cf. X`, `Ibid., p. 12`, `Smith, op. cit., 4`, and notes holding several
references between commentary. Deterministic (a fixed seed over the sorted input)."""

from __future__ import annotations

import random

from citeres.parse.tokens import tokenize

Sequence = tuple[str, tuple[str, ...]]
SEED = 8
LEAD = ("See", "See also", "Cf.", "Cfr.", "Compare", "Vgl.", "Voir", "Vedi", "On this, see")
LINKS = ("; ", "; see also ", "; but compare ", "; cf. ", ". See also ", "; and ")
IBID = ("Ibid.", "Ibidem", "Ibid", "Ivi", "Ebd.", "Id.", "ibid.")
OPCIT = ("op. cit.", "op. cit", "cit.", "loc. cit.", "a.a.O.")


def locator(rng: random.Random) -> str:
    first = rng.randint(1, 480)
    return rng.choice(
        (f"p. {first}", f"pp. {first}-{first + rng.randint(1, 9)}", str(first), f"S. {first}")
    )


def labelled(pieces: list[tuple[str, str | tuple[str, ...]]]) -> Sequence:
    """Pieces of text, each with one label for all its tokens or a label per token."""
    text, labels = "", []
    for piece, label in pieces:
        text += piece
        count = len(tokenize(piece))
        labels += [label] * count if isinstance(label, str) else list(label)
    assert len(tokenize(text)) == len(labels)
    return text, tuple(labels)


def without_stop(text: str, labels: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if text.endswith(".") and len(labels) > 1:
        return text[:-1].rstrip(), labels[:-1]
    return text, labels


def candidates(train: list[Sequence]) -> list[Sequence]:
    return [s for s in train if "title" in s[1] and "commentary" not in s[1]]


def notes_style(train: list[Sequence]) -> list[Sequence]:
    """One note-style variant for a quarter of the references, and short forms."""
    rng = random.Random(SEED)
    out = []
    for text, labels in candidates(train):
        if rng.random() > 0.25:
            continue
        text, labels = without_stop(text, labels)
        pieces: list[tuple[str, str | tuple[str, ...]]] = []
        if rng.random() < 0.5:
            pieces.append((rng.choice(LEAD) + " ", "commentary"))
        pieces.append((text, labels))
        if rng.random() < 0.7:
            pieces += [(", ", labels[-1]), (locator(rng), "locator")]
        pieces.append((".", "locator" if pieces[-1][1] == "locator" else labels[-1]))
        out.append(labelled(pieces))
        if rng.random() < 0.3:
            out.append(short_form(rng, text, labels))
    return out


def short_form(rng: random.Random, text: str, labels: tuple[str, ...]) -> Sequence:
    tokens = tokenize(text)
    if "author" in labels and rng.random() < 0.6:
        last = max(i for i, label in enumerate(labels) if label == "author")
        author = text[: tokens[last].end].rstrip(" ,.")
        author_labels = ("author",) * len(tokenize(author))
        form = rng.choice(OPCIT)
        return labelled(
            [
                (author, author_labels),
                (", ", "author"),
                (form, "short-form"),
                (", ", "short-form"),
                (locator(rng), "locator"),
                (".", "locator"),
            ]
        )
    return labelled(
        [
            (rng.choice(IBID), "short-form"),
            (", ", "short-form"),
            (locator(rng), "locator"),
            (".", "locator"),
        ]
    )


def multi_reference_notes(train: list[Sequence], count: int = 3000) -> list[Sequence]:
    """Notes of one to three references with commentary between them, B/I/O labelled."""
    rng = random.Random(SEED)
    pool = sorted(candidates(train))
    out = []
    for _ in range(count):
        pieces: list[tuple[str, str | tuple[str, ...]]] = []
        if rng.random() < 0.6:
            pieces.append((rng.choice(LEAD) + " ", "O"))
        for n in range(rng.choice((1, 2, 2, 3))):
            text, _ = without_stop(*rng.choice(pool))
            if n:
                pieces.append((rng.choice(LINKS), "O"))
            count_tokens = len(tokenize(text))
            pieces.append((text, ("B",) + ("I",) * (count_tokens - 1)))
            if rng.random() < 0.5:
                pieces += [(", ", "I"), (locator(rng), "I")]
        pieces.append((".", "O"))
        out.append(labelled(pieces))
    return out
