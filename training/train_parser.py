"""Train citeres' reference models from public labelled data, read in place.

    python -m training.train_parser [--validate] [--no-augment] [--skip SOURCES] [--out DIR]

Reads AnyStyle's parser sets, CORA (in AnyStyle's format), GROBID's citation corpus and
LinkedBooks' training and validation splits from `<repo>/../shared/external` (or
`$CITERES_SHARED/external`), thinned as EVERY says; never AnyStyle's gold.xml nor
LinkedBooks' clean_test.txt, and no training reference whose text is also in one of them.
Notes synthesised from the training references (augment.py) are added unless
`--no-augment`. Writes the field model, the note model and the word lists into
citeres/parse/models/. With `--validate`, a tenth of the training data is held out and
scored instead (for tuning; the evaluation sets stay unseen).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from citeres.parse import tagger
from citeres.parse.features import Featurizer, load_lexicon
from citeres.parse.tokens import tokenize
from training import augment, lexicon
from training.corpora import read_anystyle, read_grobid, split_issue, token_labels
from training.linkedbooks import note_example, notes, read_file, reference_examples
from training.scoring import FIELDS, Score

ROOT = Path(__file__).resolve().parents[1]
ANYSTYLE = "anystyle/c6f5fb2/res/parser"
CORA = "anystyle/1bdf5c2/res/cora.xml"
GROBID = "grobid/b8d6bec/grobid-trainer/resources/dataset/citation/corpus"
LINKEDBOOKS = "linkedbooks-deep-reference-parsing/9411db4"
PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}
# How much of each source the field model sees: measured on the held-out tenth, each of
# GROBID's STEM references and LinkedBooks' Italian ones costs accuracy on AnyStyle-like
# references (LinkedBooks runs a title into its journal, GROBID leaves cue words outside its
# fields), so they come in thinned; AnyStyle's ugly.xml is too noisy to help at all.
EVERY = {"grobid": 3, "linkedbooks": 16}
SKIP = "ugly"
# The note model: every other LinkedBooks pseudo-note, and fewer synthesised English notes
# than that (3,000 of them against 2,200 real notes cut the held-out span F1 from 0.58 to 0.40).
NOTES_EVERY, SYNTHETIC_NOTES = 2, 1000
Sequence = tuple[str, tuple[str, ...]]  # text, one label per token


def shared_external() -> Path:
    base = Path(os.environ["CITERES_SHARED"]) if "CITERES_SHARED" in os.environ else None
    found = (base or ROOT.parent / "shared") / "external"
    if not found.is_dir():
        sys.exit(f"no labelled data at {found}; set CITERES_SHARED to the shared folder")
    return found


def held_out(text: str) -> bool:
    return zlib.crc32(text.encode()) % 10 == 0


def squeezed(text: str) -> str:
    return "".join(text.split()).lower()


def evaluation_texts(ext: Path) -> set[str]:
    """AnyStyle's gold and LinkedBooks' test references: never trained on."""
    gold = read_anystyle(ext / ANYSTYLE / "gold.xml", "gold")
    rows = read_file(ext / LINKEDBOOKS / "dataset/clean_test.txt")
    test = reference_examples(rows, context=False)
    return {squeezed(e.text) for e in gold} | {squeezed(e.text) for e in test}


def field_sequences(ext: Path) -> dict[str, list[Sequence]]:
    """Every training reference, by source, in file order."""
    examples = {
        name: list(read_anystyle(ext / ANYSTYLE / f"{name}.xml", name))
        for name in ("core", "good", "bad", "ugly")
    }
    examples["cora"] = list(read_anystyle(ext / CORA, "cora"))
    examples["grobid"] = list(read_grobid(ext / GROBID))
    keys = {name: [squeezed(e.text) for e in found] for name, found in examples.items()}
    for name, rows in (
        ("linkedbooks", read_file(ext / LINKEDBOOKS / "dataset.tar.gz", "clean_train.txt")),
        ("linkedbooks-valid", read_file(ext / LINKEDBOOKS / "dataset/clean_valid.txt")),
    ):
        examples[name] = list(reference_examples(rows))
        keys[name] = [squeezed(e.text) for e in reference_examples(rows, context=False)]
    unseen = evaluation_texts(ext)
    out: dict[str, list[Sequence]] = {}
    for name, found in examples.items():
        pairs = zip(found, keys[name], strict=True)
        kept = [e for e, k in pairs if e.text and k not in unseen]
        out[name] = [(e.text, labelled(e)) for e in kept]
        print(f"{name}: {len(out[name])} references ({len(found) - len(kept)} dropped)")
    return out


def labelled(example) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    tokens, labels = token_labels(example)
    return split_issue(tokens, labels)


def note_sequences(ext: Path) -> list[Sequence]:
    rows = read_file(ext / LINKEDBOOKS / "dataset.tar.gz", "clean_train.txt")
    examples = [note_example(note) for note in notes(rows)]
    return [(e.text, token_labels(e)[1]) for e in examples if e.text]


def train(
    sequences: Iterable[Sequence], featurize: Featurizer, path: Path, params: dict | None = None
) -> None:
    """A CRF on `sequences`, written to `path`; deterministic for the same input order."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for text, labels in sequences:
        trainer.append(featurize(text, tokenize(text)), list(labels))
    trainer.set_params(params or PARAMS)
    trainer.train(str(path))


def fields_score(model: tagger.Model, sequences: list[Sequence]) -> Score:
    from citeres.parse.spans import fields_of, spans_of

    score = Score()
    for text, labels in sequences:
        tokens = tokenize(text)
        gold = fields_of(spans_of(text, tokens, labels))
        score.add(gold, fields_of(spans_of(text, tokens, model.labels(text, tokens))))
    return score


def print_score(name: str, score: Score) -> None:
    cells = [f"{f}={v:.3f}" for f in FIELDS if (v := score.f1(f)) is not None]
    print(f"{name}: " + " ".join(cells))


def note_spans_f1(model: tagger.Model, sequences: list[Sequence]) -> float:
    def spans(labels: Iterable[str]) -> set[tuple[int, int]]:
        found, start = set(), None
        labels = [*labels, "O"]
        for i, label in enumerate(labels):
            if start is not None and label != "I":
                found.add((start, i))
                start = None
            if label == "B" or (label == "I" and start is None):
                start = i
        return found

    tp = fp = fn = 0
    for text, labels in sequences:
        gold, ours = spans(labels), spans(model.labels(text, tokenize(text)))
        tp, fp, fn = tp + len(gold & ours), fp + len(ours - gold), fn + len(gold - ours)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--validate", action="store_true", help="hold out a tenth and score")
    parser.add_argument("--no-augment", action="store_true", help="no synthesised notes")
    parser.add_argument("--skip", default=SKIP, help="sources to leave out, comma-separated")
    parser.add_argument("--out", type=Path, default=tagger.MODELS)
    parser.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    parser.add_argument("--only", choices=("fields", "notes"), help="train one model alone")
    parser.add_argument(
        "--every",
        default=",".join(f"{k}={v}" for k, v in EVERY.items()),
        help="train on every Nth reference of a source: grobid=3,linkedbooks=16",
    )
    args = parser.parse_args(argv)
    ext, started = shared_external(), time.time()
    by_source = field_sequences(ext)
    skip = set(filter(None, args.skip.split(",")))
    train_set, valid = [], {}
    for item in filter(None, args.every.split(",")):
        name, _, step = item.partition("=")
        by_source[name] = by_source[name][:: int(step)]
    for name, sequences in by_source.items():
        if name in skip:
            continue
        keep = [s for s in sequences if not (args.validate and held_out(s[0]))]
        train_set += keep
        if args.validate:
            valid[name] = [s for s in sequences if held_out(s[0])]
    if not args.no_augment:
        train_set += augment.notes_style(train_set)
    notes_data = note_sequences(ext)
    note_train = [s for s in notes_data if not (args.validate and held_out(s[0]))][::NOTES_EVERY]
    if not args.no_augment:
        note_train += augment.multi_reference_notes(train_set, SYNTHETIC_NOTES)
    args.out.mkdir(parents=True, exist_ok=True)
    lexicon_path = args.out / tagger.LEXICON
    lexicon.write(lexicon.learn(train_set), lexicon_path)
    featurize = Featurizer(load_lexicon(lexicon_path))
    params = {**PARAMS, "max_iterations": args.iterations}
    print(f"training on {len(train_set)} references and {len(note_train)} notes")
    wanted = {"fields": train_set, "notes": note_train}
    files = {"fields": tagger.FIELD_MODEL, "notes": tagger.NOTE_MODEL}
    with ProcessPoolExecutor(2) as pool:  # one model per core
        jobs = [
            pool.submit(train, data, featurize, args.out / files[name], params)
            for name, data in wanted.items()
            if args.only in (None, name)
        ]
        for job in jobs:
            job.result()
    print(f"trained in {time.time() - started:.0f} s")
    if args.validate and args.only != "notes":
        model = tagger.Model(args.out / tagger.FIELD_MODEL, featurize)
        for name, sequences in valid.items():
            print_score(f"valid {name} ({len(sequences)})", fields_score(model, sequences))
    if args.validate and args.only != "fields":
        notes_model = tagger.Model(args.out / tagger.NOTE_MODEL, featurize)
        held = [s for s in notes_data if held_out(s[0])]
        print(
            f"valid notes ({len(held)}): reference span F1 {note_spans_f1(notes_model, held):.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
