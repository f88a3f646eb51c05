"""How the analysis grows: MB/s for one file against the same bytes as many files, and the
time to cluster works that share a title. CPU time of this process, on one core.

Files: essays in the seeds' note style (benchmarks/extract.py) and, one in three, essays
that cite in running text (`(Carr, The Prophet, p. 4)`, MLA `(Carr 45)` against a list of
works cited, author-date `(Carr 1950: 45)`, `Carr's The Prophet Armed`, quoted titles named
again), written to a temporary directory once as one file per essay and once as one file,
and analysed from the files (read → find → parse → resolve → cluster → keys). The growth
ratio is the CPU time per MB against that of the smallest size: 1.0 is linear.

Titles: N works titled "Collected Works", each by a different author (names no two of which
are near spellings), across documents of 100 citations; the clustering stage alone.

    python benchmarks/scale.py [--sizes 1,4,16,64] [--works 1000,4000,16000]
                               [--only files|titles] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from extract import FAMILY, FILLER, GIVEN, PLACES, PUBLISHERS, Essay, pages, title

from citeres import cluster
from citeres.model import Citation, Kind, Name, Reference
from citeres.pipeline import Request, run, without_cyclic_gc
from citeres.read.inputs import LIMIT_VARIABLE
from citeres.resolve import Resolution

RUNNING_TEXT_SHARE = 1 / 3
T = TypeVar("T")


class RunningEssay:
    """An essay citing in running text, with a list of works cited at its end."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.works = [self.work() for _ in range(rnd.randint(8, 30))]

    def work(self) -> tuple[str, str, str, int]:
        rnd = self.rnd
        name = title(rnd)
        if len(name.split()) < 2:
            name = f"{name} and Revolution"
        return rnd.choice(GIVEN), rnd.choice(FAMILY), name, rnd.randint(1900, 2020)

    def citation(self) -> str:
        rnd = self.rnd
        given, family, name, year = rnd.choice(self.works)
        n = rnd.randint(1, 500)
        return rnd.choice(
            [
                f"({family}, {name}, {pages(rnd)})",
                f"({family} {n})",
                f"({family} {year}: {n})",
                f"({family} {year}; {rnd.choice(self.works)[1]} {year + 3})",
                f"as {given} {family} argues in {family}'s {name},",
                f"as in his book {name} by {given} {family},",
                f"the ‘{name}’ of the argument,",
            ]
        )

    def sentence(self) -> str:
        rnd = self.rnd
        words = rnd.sample(FILLER, rnd.randint(8, len(FILLER)))
        if rnd.random() < 0.35:
            words.insert(rnd.randrange(1, len(words)), self.citation())
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def entry(self, work: tuple[str, str, str, int]) -> str:
        given, family, name, year = work
        rnd = self.rnd
        imprint = f"{rnd.choice(PLACES)}: {rnd.choice(PUBLISHERS)}, {year}"
        return f"{family}, {given.rstrip('.')}. {name}. {imprint}."

    def text(self) -> str:
        rnd = self.rnd
        paragraphs = [
            " ".join(self.sentence() for _ in range(rnd.randint(3, 9)))
            for _ in range(rnd.randint(15, 70))
        ]
        cited = "\n".join(self.entry(w) for w in sorted(self.works, key=lambda w: w[1]))
        return "\n\n".join(paragraphs) + "\n\nWorks Cited\n\n" + cited + "\n"


def essays(megabytes: float, seed: int) -> list[str]:
    rnd = random.Random(seed)
    texts, size = [], 0
    while size < megabytes * 1_000_000:
        essay = RunningEssay(rnd) if rnd.random() < RUNNING_TEXT_SHARE else Essay(rnd)
        text = essay.text()
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def cpu(call: Callable[[], T], profile: bool = False) -> tuple[float, T]:
    """The CPU seconds `call` takes, and what it returns."""
    profiler = cProfile.Profile() if profile else None
    started = time.process_time()
    result = profiler.runcall(call) if profiler else call()
    elapsed = time.process_time() - started
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    return elapsed, result


def write(directory: Path, texts: list[str]) -> list[Path]:
    directory.mkdir()
    paths = [directory / f"{n:05d}.txt" for n in range(len(texts))]
    for path, text in zip(paths, texts, strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def best(repeat: int, call: Callable[[], object], profile: bool) -> float:
    """The least CPU time of `repeat` runs: the others paid for a busy machine."""
    return min(cpu(call, profile)[0] for _ in range(repeat))


def files(sizes: list[float], seed: int, repeat: int, profile: bool) -> None:
    # One file of 64 MB is over the default input limit, which guards against mistakes.
    os.environ[LIMIT_VARIABLE] = str(int(max(sizes) * 2) + 1)
    print(
        "size    files  many: CPU s   MB/s | one file: CPU s   MB/s | one/many | growth many, one"
    )
    base: tuple[float, float] | None = None
    for megabytes in sizes:
        texts = essays(megabytes, seed)
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        with tempfile.TemporaryDirectory() as tmp:
            many = write(Path(tmp) / "many", texts)
            one = write(Path(tmp) / "one", ["\n\n".join(texts)])
            many_s = best(repeat, lambda paths=many: run(Request(paths=tuple(paths))), profile)
            one_s = best(repeat, lambda paths=one: run(Request(paths=tuple(paths))), profile)
        per_mb = (many_s / size, one_s / size)
        base = base or per_mb
        print(
            f"{size:5.1f} MB {len(texts):6,}  {many_s:8.2f} {size / many_s:6.2f} |"
            f"  {one_s:14.2f} {size / one_s:6.2f} | {one_s / many_s:7.2f}× |"
            f" {per_mb[0] / base[0]:5.2f}, {per_mb[1] / base[1]:5.2f}"
        )


def surnames(count: int, rnd: random.Random) -> Iterator[str]:
    """Distinct surnames of 6 to 10 letters, no two of which share a first letter and a
    spelling two deletions away: so none is a near spelling of another."""
    onsets = "b c d f g h j k l m n p r s t v w z br dr gr kr pl st tr sh ch th".split()
    vowels = "a e i o u y ai ou ei".split()
    taken: set[tuple[str, str]] = set()
    made = 0
    while made < count:
        name = "".join(rnd.choice(onsets) + rnd.choice(vowels) for _ in range(4))
        name = name[: 6 + made % 5]  # the same mix of lengths at every count
        near = {(name[0], v) for v in deletions(name)}
        if near & taken:
            continue
        taken |= near
        made += 1
        yield name.capitalize()


def deletions(word: str) -> set[str]:
    once = {word[:i] + word[i + 1 :] for i in range(len(word))}
    return {word} | once | {w[:i] + w[i + 1 :] for w in once for i in range(len(w))}


def same_title(count: int, seed: int) -> dict[str, Resolution]:
    rnd = random.Random(seed)
    citations = [
        Citation(
            path=f"gen/{n // 100:05d}.txt",
            line=n % 100 + 1,
            kind=Kind.FULL,
            raw="",
            reference=Reference(
                authors=(Name(family=family, given=rnd.choice(GIVEN)),),
                title="Collected Works",
                publisher=rnd.choice(PUBLISHERS),
                year=str(rnd.randint(1900, 2020)),
            ),
        )
        for n, family in enumerate(surnames(count, rnd))
    ]
    by_path: dict[str, list[Citation]] = {}
    for citation in citations:
        by_path.setdefault(citation.path, []).append(citation)
    return {path: Resolution(cs, list(range(len(cs))), []) for path, cs in sorted(by_path.items())}


def titles(counts: list[int], seed: int, repeat: int, profile: bool) -> None:
    print('works titled "Collected Works"   cluster CPU s   works   time / previous')
    previous = None
    for count in counts:
        resolutions = same_title(count, seed)
        with without_cyclic_gc():  # as the pipeline runs it
            runs = [cpu(lambda r=resolutions: cluster.cluster(r), profile) for _ in range(repeat)]
        seconds, (works, _, _) = min(runs, key=lambda run: run[0])
        ratio = f"{seconds / previous:6.2f}×" if previous else ""
        print(f"{count:30,}   {seconds:13.3f}   {len(works):6,}   {ratio}")
        previous = seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16,64", help="MB, comma-separated")
    parser.add_argument("--works", default="1000,4000,16000", help="comma-separated")
    parser.add_argument("--only", choices=["files", "titles"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--profile", action="store_true", help="top functions of each run")
    args = parser.parse_args()
    if args.only != "titles":
        files([float(s) for s in args.sizes.split(",")], args.seed, args.repeat, args.profile)
    if args.only != "files":
        titles([int(s) for s in args.works.split(",")], args.seed, args.repeat, args.profile)


if __name__ == "__main__":
    main()
