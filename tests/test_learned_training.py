"""The training path end to end on a handful of references written here: learn the word
lists, train a CRF, load it as the runtime does, and read fields back."""
# ruff: noqa: E501  (tables of real strings read best one row to a line)

from pathlib import Path

from citeres.parse.features import Featurizer, load_lexicon
from citeres.parse.spans import fields_of, spans_of
from citeres.parse.tagger import Model
from citeres.parse.tokens import tokenize
from training import lexicon
from training.augment import labelled
from training.train_parser import train

A, T, P, L, D, C, V, G = (
    "author title publisher location date container volume pages".split()
)  # fmt: skip
REFERENCES = [
    [("Hobsbawm, Eric. ", A), ("The Age of Extremes. ", T), ("London: ", L), ("Michael Joseph, ", P), ("1994.", D)],
    [("Carr, E. H. ", A), ("The Bolshevik Revolution. ", T), ("London: ", L), ("Macmillan, ", P), ("1950.", D)],
    [("Lewin, Moshe. ", A), ("Lenin's Last Struggle. ", T), ("New York: ", L), ("Vintage Books, ", P), ("1970.", D)],
    [("Smith, S. A. ", A), ("Red Petrograd. ", T), ("Cambridge: ", L), ("Cambridge University Press, ", P), ("1983.", D)],
    [("Fitzpatrick, Sheila. ", A), ("The Russian Revolution. ", T), ("Oxford: ", L), ("Oxford University Press, ", P), ("1982.", D)],
    [("Davies, R. W. ", A), ('"Soviet Industry." ', T), ("Soviet Studies ", C), ("12 ", V), ("(1960): ", D), ("45-67.", G)],
    [("Nove, Alec. ", A), ('"The Problem of Success." ', T), ("Slavic Review ", C), ("21 ", V), ("(1962): ", D), ("1-10.", G)],
    [("Harrison, Mark. ", A), ('"Soviet Economic Growth." ', T), ("Economic History Review ", C), ("49 ", V), ("(1996): ", D), ("12-30.", G)],
]  # fmt: skip


def test_a_model_trained_on_a_few_references_reads_them_back(tmp_path: Path) -> None:
    sequences = [labelled(pieces) for pieces in REFERENCES]
    lexicon.write(lexicon.learn(sequences), tmp_path / "lexicon.json")
    featurize = Featurizer(load_lexicon(tmp_path / "lexicon.json"))
    params = {"c1": 0.0, "c2": 0.01, "max_iterations": 100}
    train(sequences, featurize, tmp_path / "tiny.crfsuite", params)
    model = Model(tmp_path / "tiny.crfsuite", featurize)

    text, labels = sequences[0]
    assert model.labels(text, tokenize(text)) == labels

    unseen = "Service, Robert. Lenin: A Biography. London: Macmillan, 2000."
    got = fields_of(spans_of(unseen, tokenize(unseen), model.labels(unseen, tokenize(unseen))))
    assert got["year"] == "2000"
    assert got["publisher"] == "Macmillan"
    assert got["author"] and got["author"][0].startswith("Service")


def test_training_is_deterministic(tmp_path: Path) -> None:
    sequences = [labelled(pieces) for pieces in REFERENCES]
    featurize = Featurizer({})
    params = {"c1": 0.01, "c2": 0.01, "max_iterations": 30}
    train(sequences, featurize, tmp_path / "a.crfsuite", params)
    train(sequences, featurize, tmp_path / "b.crfsuite", params)
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
