"""Local catalogue: build speed, index size and matches per second on a synthetic dump.

    python benchmarks/localcat.py                     # 10⁶ works, in $TMPDIR/citeres-localcat-bench
    python benchmarks/localcat.py --works 100000 --data /tmp/cat-bench

Generates (once per size and seed) Open Library dump files of N works, N/3 authors and
1.3 N editions in the real line format and record shapes, with filler fields so the lines
are as long as the real dump's; titles are drawn from a Zipfian vocabulary, with shared
common titles ("Collected Works", "Poems", volumes of them) and name pools across languages.
It builds the catalogue on `--jobs` processes, then matches cited works against it on as
many processes (full-text candidates + match.choose), and extrapolates to the full dump.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from citeres.enrich.match import Verdict, choose, title_key
from citeres.localcat import store
from citeres.localcat.build import build
from citeres.localcat.dump import dump_line, write_dump
from citeres.localcat.index import LocalCatalogue
from citeres.model import Name, Work, WorkType

FULL_WORKS, FULL_EDITIONS = 40_000_000, 50_000_000
STAMP = "2024-04-30"

COMMON_WORDS = """history life new world art guide study book introduction american war
english poems letters works collected selected theory practice social family time history
science love development society political state man women children education health
culture great stories modern early century journey life political economy handbook law
analysis church king god music house city night death light story nature ancient book
second first last black white red green dark secret old young little short complete
england france germany russia china india africa america europe london paris""".split()
SYLLABLES = """ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri
ro sa se si so ta te ti to va ve vi vo za ze zo tra pre kri glo stan mor vel""".split()
COMMON_TITLES = [
    "Poems",
    "Collected Works",
    "Selected Letters",
    "Selected Poems",
    "Letters",
    "Works",
    "Complete Works",
    "Collected Poems",
    "Essays",
    "Memoirs",
    "Autobiography",
    "Diary",
    "Short Stories",
    "Plays",
    "Sermons",
    "Speeches",
    "Correspondence",
    "Journal",
    "Selected Writings",
    "Stories",
    "The Complete Poems",
    "Collected Stories",
    "Notebooks",
    "Lectures",
]
ARTICLES = ["The", "A", "Le", "La", "Die", "Der", "El", "Il"]
GIVEN = {
    "en": "John William James George Charles Mary Elizabeth Thomas Robert Henry Anne Margaret "
    "Richard Edward Sarah David Michael Susan Jane Peter",
    "fr": "Jean Pierre Marie Jacques Michel Louis François Claude Anne Paul Henri Émile",
    "de": "Hans Karl Friedrich Wilhelm Heinrich Johann Ernst Otto Gerhard Ursula Jürgen",
    "es": "José Juan Antonio Manuel Carmen Francisco Luis Javier Ana Miguel",
    "it": "Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Maria Paolo",
    "ru": "Ivan Aleksandr Sergei Nikolai Vladimir Mikhail Anna Olga Dmitrii Fyodor Vasily",
    "pl": "Jan Stanisław Andrzej Józef Krzysztof Tadeusz Wisława Zofia",
    "zh": "Wei Li Ming Hua Jun Xiaoping Lan Mei",
    "ja": "Hiroshi Takeshi Yuki Haruki Kenji Akira Yoko Naoko",
    "ar": "Muhammad Ahmad Ali Hassan Fatima Omar Khalid Layla",
}
SURNAMES = {
    "en": "Smith Jones Williams Brown Taylor Davies Wilson Evans Thomas Johnson Roberts Walker "
    "Wright Robinson Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson "
    "Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson Baker Harrison Young",
    "fr": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier",
    "de": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer "
    "Koch Bauer Richter Klein Wolf Schröder Neumann",
    "es": "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín "
    "Jiménez Ruiz Hernández Díaz Moreno",
    "it": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo",
    "ru": "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov "
    "Morozov Volkov Alekseev Lebedev Tolstoy Dostoevsky Grossman Solzhenitsyn",
    "pl": "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński",
    "zh": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou",
    "ja": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi",
    "ar": "Haddad Khoury Mansour Nasser Saleh Hamdan Farouk",
}
PUBLISHERS = [
    "Penguin Books",
    "Oxford University Press",
    "Harper & Row",
    "Gallimard",
    "Random House",
    "Vintage",
    "Macmillan",
    "Cambridge University Press",
    "Faber and Faber",
    "Suhrkamp",
    "Routledge",
    "Norton",
    "Knopf",
    "Seuil",
    "Einaudi",
]
PLACES = [
    "London",
    "New York",
    "Paris",
    "Oxford",
    "Cambridge",
    "Berlin",
    "Moscow",
    "Madrid",
    "Milano",
    "Boston",
    "Chicago",
    "Toronto",
    "Frankfurt am Main",
    "Tokyo",
    "Leipzig",
    "Warszawa",
]
FORMATS = ["Paperback", "Hardcover", "Mass Market Paperback", "Library Binding"]
SUBJECTS = [
    "Fiction",
    "History",
    "Biography",
    "Poetry",
    "Philosophy",
    "Politics and government",
    "Social life and customs",
    "Criticism and interpretation",
    "Juvenile fiction",
    "Religion",
    "Economics",
    "Science",
    "Travel",
    "Drama",
]


def zipf_weights(n: int, s: float, q: float = 2.7) -> list[float]:
    return [1 / (rank + q) ** s for rank in range(n)]


@dataclass
class Model:
    """The synthetic catalogue before it is written: what the queries are drawn from."""

    authors: list[tuple[int, str, list[str]]]  # number, name, alternate names
    works: list[tuple[int, str, str | None, int, list[int]]]  # number, title, sub, year, authors
    editions: list[tuple[int, int, str, int, int | None]]  # number, work index, title, year, isbn


class Generator:
    def __init__(self, works: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = works
        rng = self.rng
        tail = {
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(80_000)
        }
        self.vocab = list(dict.fromkeys(COMMON_WORDS)) + sorted(tail - set(COMMON_WORDS))
        rng.shuffle(self.vocab[len(COMMON_WORDS) :])
        self.vocab_cum = cumulative(zipf_weights(len(self.vocab), 1.07))
        self.common_cum = cumulative(zipf_weights(len(COMMON_TITLES), 1.0, 1.0))
        made = {"".join(rng.choice(SYLLABLES) for _ in range(3)).title() for _ in range(30_000)}
        self.surnames = [s for pool in SURNAMES.values() for s in pool.split()] + sorted(made)
        self.surname_cum = cumulative(zipf_weights(len(self.surnames), 0.9, 5))
        self.publishers = PUBLISHERS + [f"{w.title()} Press" for w in self.vocab[200:8000]]
        self.publisher_cum = cumulative(zipf_weights(len(self.publishers), 1.1))

    def words(self, k: int) -> list[str]:
        return [w.title() for w in self.rng.choices(self.vocab, cum_weights=self.vocab_cum, k=k)]

    def title(self) -> tuple[str, str | None]:
        rng = self.rng
        if rng.random() < 0.05:
            (title,) = rng.choices(COMMON_TITLES, cum_weights=self.common_cum)
            if rng.random() < 0.2:
                title += rng.choice([", Volume ", ". Vol. ", ", vol. "]) + str(rng.randint(1, 12))
            return title, None
        k = rng.choices(range(1, 10), weights=[8, 20, 22, 18, 12, 8, 5, 4, 3])[0]
        words = self.words(k)
        if k >= 3 and rng.random() < 0.3:
            words.insert(rng.randint(1, k - 1), rng.choice(["of", "and", "in", "of the"]))
        if rng.random() < 0.3:
            words.insert(0, rng.choice(ARTICLES))
        subtitle = " ".join(self.words(rng.randint(2, 7))) if rng.random() < 0.25 else None
        return " ".join(words), subtitle

    def person(self) -> tuple[str, list[str]]:
        rng = self.rng
        (surname,) = rng.choices(self.surnames, cum_weights=self.surname_cum)
        given = rng.choice(GIVEN[rng.choice(list(GIVEN))].split())
        if rng.random() < 0.2:
            given += f" {rng.choice('ABCDEFGHJKLMNPRSTW')}."
        name = f"{given} {surname}"
        others = [f"{surname}, {given}"] if rng.random() < 0.1 else []
        return name, others

    def model(self) -> Model:
        rng = self.rng
        n_authors = max(1, self.n // 3)
        author_ids = rng.sample(range(1, 14 * n_authors), n_authors)
        authors = [(a, *self.person()) for a in author_ids]
        prolific = cumulative(zipf_weights(n_authors, 0.8, 10))
        works = []
        for number in rng.sample(range(1, 40 * self.n), self.n):
            title, subtitle = self.title()
            count = rng.choices([0, 1, 2, 3], weights=[3, 80, 13, 4])[0]
            people = [
                authors[i][0] for i in rng.choices(range(n_authors), cum_weights=prolific, k=count)
            ]
            # Most of the catalogue is of the last hundred years, with a long tail back to 1450.
            first = max(1450, 2022 - int(rng.expovariate(1 / 45)))
            works.append((number, title, subtitle, first, people))
        editions = []
        extra = rng.choices(
            range(self.n),
            cum_weights=cumulative(zipf_weights(self.n, 0.9, 50)),
            k=int(0.3 * self.n),
        )
        numbers = rng.sample(range(1, 38 * self.n), self.n + len(extra))
        for number, w in zip(numbers, [*range(self.n), *extra], strict=True):
            year = min(2024, works[w][3] + int(rng.expovariate(1 / 12)))
            title = works[w][1] if rng.random() < 0.9 else " ".join(self.words(3))
            isbn = isbn13(rng) if year >= 1968 and rng.random() < 0.7 else None
            editions.append((number, w, title, year, isbn))
        return Model(authors, works, editions)


def cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def isbn13(rng: random.Random) -> int:
    body = "978" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return int(body + str(-total % 10))


def isbn10_of(isbn: int) -> str:
    body = str(isbn)[3:12]
    check = -sum(int(d) * (10 - i) for i, d in enumerate(body)) % 11
    return body + ("X" if check == 10 else str(check))


def modified(rng: random.Random) -> str:
    day = f"20{rng.randint(8, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"{day}T12:00:00.000000"


def datetime_value(rng: random.Random) -> dict[str, str]:
    return {"type": "/type/datetime", "value": modified(rng)}


def stamped(type_name: str, key: str, revision: int, record: dict, rng: random.Random) -> str:
    """The record with its revision and dates, as a dump line."""
    record.update(
        latest_revision=revision,
        revision=revision,
        created=datetime_value(rng),
        last_modified=datetime_value(rng),
    )
    return dump_line(type_name, key, revision, record["last_modified"]["value"], record)


def author_lines(m: Model, rng: random.Random) -> Iterator[str]:
    for number, name, others in sorted(m.authors, key=lambda a: str(a[0])):
        key = f"/authors/OL{number}A"
        record = {"name": name, "personal_name": name, "key": key, "type": {"key": "/type/author"}}
        if others:
            record["alternate_names"] = others
        if rng.random() < 0.5:
            record["birth_date"] = str(rng.randint(1500, 1990))
        if rng.random() < 0.3:
            record["remote_ids"] = {
                "viaf": str(rng.randint(10**6, 10**8)),
                "wikidata": f"Q{rng.randint(1, 10**7)}",
            }
        record["source_records"] = [f"bwb:{rng.randint(10**12, 10**13)}"]
        yield stamped("/type/author", key, 3, record, rng)


def work_lines(m: Model, rng: random.Random) -> Iterator[str]:
    for number, title, subtitle, year, people in sorted(m.works, key=lambda w: str(w[0])):
        key = f"/works/OL{number}W"
        record: dict[str, object] = {"title": title, "key": key}
        if subtitle:
            record["subtitle"] = subtitle
        record["authors"] = [
            {"type": {"key": "/type/author_role"}, "author": {"key": f"/authors/OL{a}A"}}
            for a in people
        ]
        record["type"] = {"key": "/type/work"}
        record["subjects"] = rng.sample(SUBJECTS, rng.randint(1, 6))
        record["covers"] = [rng.randint(10**5, 10**7)]
        if rng.random() < 0.4:
            record["first_publish_date"] = str(year)
        if rng.random() < 0.3:
            record["description"] = {
                "type": "/type/text",
                "value": " ".join(w.lower() for w in COMMON_WORDS[: rng.randint(10, 40)]),
            }
        yield stamped("/type/work", key, 5, record, rng)


def edition_lines(
    m: Model, rng: random.Random, publishers: list[str], cum: list[float]
) -> Iterator[str]:
    for number, w, title, year, isbn in sorted(m.editions, key=lambda e: str(e[0])):
        work = m.works[w]
        key = f"/books/OL{number}M"
        (publisher,) = rng.choices(publishers, cum_weights=cum)
        record: dict[str, object] = {
            "publishers": [publisher],
            "number_of_pages": rng.randint(40, 900),
            "physical_format": rng.choice(FORMATS),
            "key": key,
            "authors": [{"key": f"/authors/OL{a}A"} for a in work[4]],
            "publish_places": [rng.choice(PLACES)],
            "publish_date": rng.choice([str(year), f"March {year}", f"{year}-05-02", f"c{year}"]),
            "title": title,
            "works": [{"key": f"/works/OL{work[0]}W"}],
            "type": {"key": "/type/edition"},
        }
        if isbn:
            choice = rng.random()
            if choice < 0.5:
                record["isbn_13"] = [str(isbn)]
            if choice > 0.3:
                record["isbn_10"] = [
                    isbn10_of(isbn) if rng.random() < 0.8 else "0-" + isbn10_of(isbn)[1:]
                ]
        record["source_records"] = [
            f"ia:{title[:12].lower().replace(' ', '')}{rng.randint(0, 99)}",
            f"amazon:{rng.randint(10**9, 10**10)}",
        ]
        record["languages"] = [{"key": "/languages/eng"}]
        record["identifiers"] = {"goodreads": [str(rng.randint(10**5, 10**7))]}
        record["lc_classifications"] = [
            f"PR{rng.randint(1000, 9999)} .{rng.choice('ABCDEFG')}{rng.randint(10, 99)}"
        ]
        record["pagination"] = f"{record['number_of_pages']} p."
        record["covers"] = [rng.randint(10**5, 10**7)]
        yield stamped("/type/edition", key, 7, record, rng)


def generate(data: Path, works: int, seed: int) -> tuple[list[Path], Path]:
    """The dump files and the queries' ground truth, made once per size and seed."""
    tag = f"{works}-{seed}"
    files = [
        data / f"ol_dump_{kind}_{STAMP}-{tag}.txt.gz" for kind in ("authors", "works", "editions")
    ]
    truth = data / f"truth-{tag}.json"
    if all(f.exists() for f in [*files, truth]):
        return files, truth
    data.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    generator = Generator(works, seed)
    m = generator.model()
    rng = random.Random(seed + 1)
    write_dump(files[0], author_lines(m, rng), level=1)
    write_dump(files[1], work_lines(m, rng), level=1)
    write_dump(
        files[2], edition_lines(m, rng, generator.publishers, generator.publisher_cum), level=1
    )
    truth.write_text(json.dumps(queries(m, generator, rng)), encoding="utf-8")
    print(
        f"generated {works:,} works in {time.perf_counter() - start:,.0f} s → {data}",
        file=sys.stderr,
    )
    return files, truth


def queries(m: Model, g: Generator, rng: random.Random, n: int = 4000) -> list[dict[str, object]]:
    """Cited works: 70% in the catalogue (as documents cite them: short titles, no
    subtitle, lower case, a typo, an edition's year), 30% not (unknown titles, and known
    titles under another author)."""
    names = {a[0]: a[1] for a in m.authors}
    years: dict[int, list[int]] = {}
    for _, w, _, year, _ in m.editions:
        years.setdefault(w, []).append(year)
    out: list[dict[str, object]] = []
    while len(out) < n:
        if rng.random() < 0.7:
            w = rng.randrange(len(m.works))
            number, title, subtitle, first, people = m.works[w]
            if not people:
                continue
            cited = title if rng.random() < 0.6 or not subtitle else f"{title}: {subtitle}"
            if rng.random() < 0.1:
                cited = cited.lower()
            if rng.random() < 0.05:
                cited = typo(cited, rng)
            # An edition's year: the work's own first year is in the dump only some of the time.
            year = rng.choice(years.get(w, [first]))
            out.append(
                {
                    "want": f"/works/OL{number}W",
                    "title": cited,
                    "author": names[people[0]],
                    "year": year if rng.random() < 0.8 else None,
                }
            )
        elif rng.random() < 0.5:
            out.append(
                {
                    "want": None,
                    "title": " ".join(g.words(rng.randint(3, 6))),
                    "author": g.person()[0],
                    "year": rng.randint(1900, 2020),
                }
            )
        else:
            title = m.works[rng.randrange(len(m.works))][1]
            stranger = "".join(rng.choice(SYLLABLES) for _ in range(5)).title()
            out.append({"want": None, "title": title, "author": f"Anna {stranger}", "year": None})
    return out


def typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) > 6]
    if long:
        i = rng.choice(long)
        j = rng.randrange(1, len(words[i]) - 1)
        words[i] = words[i][:j] + words[i][j + 1 :]
    return " ".join(words)


def cited(query: dict[str, object], i: int) -> Work:
    given, _, family = str(query["author"]).rpartition(" ")
    year = query["year"]
    return Work(
        f"q{i}",
        WorkType.BOOK,
        authors=(Name(family, given),),
        title=str(query["title"]),
        year=str(year) if year else None,
    )


def match_share(
    args: tuple[Path, list[dict[str, object]], int],
) -> tuple[float, float, dict[str, int], list[str]]:
    """One process's share of the queries: wall and CPU seconds, outcomes, wrong matches."""
    directory, share, offset = args
    catalogue = LocalCatalogue.open(directory)
    works = [cited(q, offset + i) for i, q in enumerate(share)]
    for work in works[:50]:  # warm: the first queries open files and fill caches
        choose(work, catalogue.candidates(work))
    outcomes: dict[str, int] = {}
    wrong: list[str] = []
    start, cpu = time.perf_counter(), time.process_time()
    for query, work in zip(share, works, strict=True):
        verdict = choose(work, catalogue.candidates(work))
        kind = outcome(query, verdict, catalogue)
        outcomes[kind] = outcomes.get(kind, 0) + 1
        if "WRONG" in kind and verdict.best:
            wrong.append(f"{query} → {verdict.best.candidate.label()}")
    return time.perf_counter() - start, time.process_time() - cpu, outcomes, wrong


def outcome(query: dict[str, object], verdict: Verdict, catalogue: LocalCatalogue) -> str:
    found = verdict.best.candidate if verdict.status == "matched" and verdict.best else None
    want = query["want"]
    if want is None:
        return "miss: not matched" if found is None else "miss: WRONG MATCH"
    if found is None:
        return f"hit: {verdict.status}"
    if found.id == want:
        return "hit: matched right"
    # match.py knows authors by surname: another person's work of the same title is,
    # to it, a duplicate record of the cited one.
    wanted = catalogue.work(str(want))
    same = wanted is not None and title_key(found.title) == title_key(wanted.title)
    return "hit: homonym (same title and surname)" if same else "hit: WRONG MATCH"


def measure_matching(directory: Path, truth: Path, jobs: int, rounds: int) -> None:
    qs = json.loads(truth.read_text(encoding="utf-8")) * rounds
    shares = [(directory, qs[i::jobs], i * len(qs)) for i in range(jobs)]
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        results = pool.map(match_share, shares)
    wall = max(r[0] for r in results)
    cpu = max(r[1] for r in results)
    print(
        f"matching: {len(qs) / wall:,.0f} matches/s on {jobs} processes, wall; "
        f"{len(qs) / cpu:,.0f}/s by CPU time, what {jobs} idle cores give "
        "(candidates + match.choose)"
    )
    totals: dict[str, int] = {}
    for _, _, counts, _ in results:
        for kind, n in counts.items():
            totals[kind] = totals.get(kind, 0) + n // rounds
    for kind, n in sorted(totals.items()):
        print(f"  {kind}: {n:,}")
    for line in sorted({w for r in results for w in r[3]})[:10]:
        print(f"  wrong: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--data", type=Path, default=Path(tempfile.gettempdir()) / "citeres-localcat-bench"
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the 4,000 queries")
    parser.add_argument("--match-only", action="store_true", help="reuse the built catalogue")
    args = parser.parse_args()
    files, truth = generate(args.data, args.works, args.seed)
    directory = args.data / f"catalogue-{args.works}"
    if not args.match_only:
        measure_build(files, directory, args.jobs)
    measure_matching(directory, truth, args.jobs, args.rounds)


def measure_build(files: list[Path], directory: Path, jobs: int) -> None:
    start = time.perf_counter()
    info = build(files, directory, jobs=jobs)
    wall = time.perf_counter() - start
    longest = max(info.cpu_seconds.values())  # the parts run side by side
    build_dir = store.current(directory)
    size = store.size(build_dir)
    works, editions = info.counts["works"], info.counts["editions"]
    print(
        f"dump: {works:,} works, {info.counts['authors']:,} authors, {editions:,} editions, "
        f"{info.counts['isbns']:,} ISBNs"
    )
    cpu = ", ".join(f"{k} {v:,.1f} s" for k, v in info.cpu_seconds.items())
    print(
        f"build: {wall:,.1f} s wall on {jobs} processes = {works / wall:,.0f} works/s; "
        f"CPU per part: {cpu} = {works / longest:,.0f} works/s on {jobs} idle cores"
    )
    parts = {p.name: store.size(p) if p.is_dir() else p.stat().st_size for p in build_dir.iterdir()}
    detail = ", ".join(f"{k} {v / works:,.0f}" for k, v in sorted(parts.items()))
    print(f"index: {size / 1e6:,.1f} MB = {size / works:,.0f} bytes per work ({detail})")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # KiB on Linux
    print(f"memory: {peak:,.2f} GiB peak in the largest part")
    scale = max(FULL_WORKS / works, FULL_EDITIONS / max(1, editions))
    print(
        f"full dump (≈ {FULL_WORKS / 1e6:.0f} M works, {FULL_EDITIONS / 1e6:.0f} M editions): "
        f"build ≈ {longest * scale / 60:,.0f} min on {jobs} idle cores "
        f"({wall * scale / 60:,.0f} min at this run's wall rate), "
        f"index ≈ {size / works * FULL_WORKS / 1e9:,.1f} GB"
    )


if __name__ == "__main__":
    main()
