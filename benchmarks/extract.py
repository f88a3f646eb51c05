"""Throughput of `extract` (read → find → parse → resolve → cluster → keys) on one core.

Generates a corpus (50 MB by default) of essays in the seeds' note style: body paragraphs
with glued markers (`socialism”.3`, `Leon Trotsky 2`, `700,000.34`), then a notes section
mixing full citations, Ibid., op. cit., short titles and volume-only forms, wrapped notes,
missing notes and broken labels. Run:

    python benchmarks/extract.py [--mb 50] [--seed 1] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import time

from citeres.model import Document
from citeres.pipeline import analyse_documents

GIVEN = ["Isaac", "Moshe", "E.H.", "V.I.", "Alfred G.", "Sheila", "Leszek", "Anna", "Pierre"]
FAMILY = [
    "Carr",
    "Deutscher",
    "Lewin",
    "Meyer",
    "Fitzpatrick",
    "Kolakowski",
    "Hill",
    "Serge",
    "Dolgoff",
    "von Mises",
    "Cohn-Bendit",
    "Rabinowitch",
    "Kotkin",
    "Shukman",
    "Figes",
]
WORDS = [
    "Revolution",
    "Prophet",
    "Struggle",
    "Class",
    "Power",
    "Soviet",
    "History",
    "State",
    "Party",
    "Workers",
    "Peasant",
    "War",
    "Russia",
    "Socialism",
    "Terror",
    "Bread",
    "Commune",
    "Empire",
    "Memory",
    "Famine",
    "Factory",
    "Village",
    "Church",
    "Army",
    "Theory",
    "Exile",
    "Prison",
    "Utopia",
    "Market",
    "Nation",
    "Reform",
    "Strike",
    "Council",
    "Frontier",
    "Harvest",
    "Machine",
    "Republic",
    "Silence",
    "Tsar",
    "Union",
    "Winter",
    "Youth",
    "Labour",
    "Letters",
    "Diaries",
    "Trials",
    "Dream",
    "Crisis",
]
LEADS = ["The", "A", "On the", "From", "Lenin's", "After the", ""]
PLACES = ["New York", "London", "Baltimore, Maryland", "Middlesex, England", "Paris"]
PUBLISHERS = [
    "Vintage Books",
    "Penguin Books",
    "Pathfinder Press",
    "Frederick A. Praeger, Inc.",
    "Verso",
    "Monad Press",
    "Oxford University Press",
    "Pioneer Publishers",
]
# Years, decades and figures, which marker finding must tell from note markers. The seeds
# hold about 3,400 runs of digits per MB, notes included: one sentence in five has one.
FIGURES = ["700,000", "1917,", "in 1921", "the 1920s", "57.5 percent", "1.1–1.2 million"]
NUMBERED = 0.2
VOLUME = ["Vol. I", "Vol. II", "Vol. III", "Vol II", "Vol, II", "Vio. III", "Volume I"]
FILLER = [
    "The",
    "party",
    "leadership",
    "argued",
    "that",
    "the",
    "soviets",
    "could",
    "not",
    "survive",
    "without",
    "discipline,",
    "and",
    "the",
    "workers",
    "of",
    "Petrograd,",
    "some",
    "strong",
    "in",
    "answered",
    "with",
    "strikes",
    "and",
    "resolutions",
    "that",
    "filled",
    "the",
    "newspapers",
    "of",
    "the",
    "for",
    "months",
    "on",
    "end",
]


def pages(rnd: random.Random) -> str:
    n = rnd.randint(1, 600)
    return rnd.choice(
        [f"p. {n}", f"pp. {n}-{n % 10 + 1}", f"pp{n}-{n + 3}", "p. xiii", f"pp. {n}, {n + 9}"]
    )


def title(rnd: random.Random) -> str:
    words = rnd.sample(WORDS, rnd.randint(1, 3))
    return " ".join([rnd.choice(LEADS), *[" and ".join(words[:2]), *words[2:]]]).strip()


# Sentences of body text between two note markers. Seed 003 carries about 460 bytes of
# body per note, which (1, 6) matches; (0, 4) is a denser corpus, for stress.
SEEDLIKE, DENSE = (1, 6), (0, 4)


class Essay:
    def __init__(self, rnd: random.Random, between: tuple[int, int] = SEEDLIKE) -> None:
        self.rnd = rnd
        self.between = between
        self.cited: list[tuple[str, str, str]] = []  # (given, family, title)

    def full(self) -> str:
        rnd = self.rnd
        given, family, name = rnd.choice(GIVEN), rnd.choice(FAMILY), title(rnd)
        self.cited.append((given, family, name))
        volume = f"{rnd.choice(VOLUME)}, " if rnd.random() < 0.2 else ""
        imprint = f"{rnd.choice(PLACES)}: {rnd.choice(PUBLISHERS)}, {rnd.randint(1900, 2020)}"
        if rnd.random() < 0.2:
            return f"{given} {family}, {name} ({imprint}), {rnd.randint(1, 500)}."
        return f"{given} {family}, {name}, {volume}{imprint}, {pages(rnd)}."

    def short(self) -> str:
        rnd = self.rnd
        if not self.cited:
            return self.full()
        _, family, name = rnd.choice(self.cited)
        return rnd.choice(
            [
                f"{family}, op. cit., {pages(rnd)}.",
                f"{family}, {name}, op. cit., {pages(rnd)}.",
                f"{family}, {rnd.choice(VOLUME)}, op. cit., {pages(rnd)}.",
                f"{family}, {name}, {rnd.randint(1, 400)}.",
                f"{family}, op cit. {pages(rnd)}.",
            ]
        )

    def note(self) -> str:
        roll = self.rnd.random()
        if roll < 0.3:
            return self.full()
        if roll < 0.55:
            return self.rnd.choice(["Ibid.", f"Ibid., {pages(self.rnd)}."])
        if roll < 0.9:
            return self.short()
        return f"{self.short().rstrip('.')}; See also: {self.short()}"

    def sentence(self, marker: int | None) -> str:
        rnd = self.rnd
        words = rnd.sample(FILLER, rnd.randint(8, len(FILLER)))
        if rnd.random() < NUMBERED:
            words.insert(rnd.randrange(len(words)), rnd.choice(FIGURES))
        text = " ".join(words).capitalize()
        if marker is None:
            return text + "."
        return text + rnd.choice([f".{marker}", f"”.{marker}", f".”{marker}", f" {marker}\n"])

    def text(self) -> str:
        rnd = self.rnd
        count = rnd.randint(20, 180)
        missing = (
            set(rnd.sample(range(2, count), k=min(2, count - 3))) if rnd.random() < 0.3 else set()
        )
        body: list[str] = []
        for n in range(1, count + 1):
            body.extend(self.sentence(None) for _ in range(rnd.randint(*self.between)))
            body.append(self.sentence(n))
            if rnd.random() < 0.3:
                body.append("\n\n")
        notes = []
        for n in range(1, count + 1):
            if n in missing:
                continue
            note = self.note()
            if rnd.random() < 0.08:  # a note wrapping over a blank line
                cut = note.find(" ", len(note) // 2)
                note = note[:cut] + "\n\n" + note[cut + 1 :] if cut > 0 else note
            spacing = rnd.choice([". ", ". ", ". ", ".\u00a0 ", " . "])
            notes.append(f"{n}{spacing}{note}")
        tail = "\n\nLeave a Reply\nFill in your details below.\n"
        return " ".join(body) + "\n\nNotes\n\n" + "\n\n".join(notes) + tail


def corpus(megabytes: float, seed: int, between: tuple[int, int] = SEEDLIKE) -> list[Document]:
    rnd = random.Random(seed)
    documents, size = [], 0
    while size < megabytes * 1_000_000:
        text = Essay(rnd, between).text()
        documents.append(Document.from_text(f"gen/{len(documents):05d}.txt", text))
        size += len(text.encode("utf-8"))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print the top 25 functions")
    parser.add_argument(
        "--dense", action="store_true", help="fewer body sentences per note than seed 003 has"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    documents = corpus(args.mb, args.seed, DENSE if args.dense else SEEDLIKE)
    size = sum(len(d.text.encode("utf-8")) for d in documents)
    print(
        f"corpus: {len(documents)} documents, {size / 1e6:.1f} MB "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    profiler = cProfile.Profile() if args.profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    analysis = analyse_documents(documents)
    if profiler:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    citations = sum(len(d.citations) for d in analysis.documents)
    print(
        f"extract: {elapsed:.1f} s, {size / 1e6 / elapsed:.2f} MB/s; "
        f"CPU {cpu:.1f} s, {size / 1e6 / cpu:.2f} MB/s per core, "
        f"{citations / elapsed:,.0f} citations/s ({citations:,} citations, "
        f"{len(analysis.works):,} works; {citations / (size / 1e6):,.0f} citations per MB)"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
