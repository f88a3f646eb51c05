"""`citeres build` on a generated archive: wall and CPU time with --jobs 1 and --jobs 2,
whether the outputs are identical, and the peak memory (RSS of the whole process tree) of
200 against 2,000 essays.

The archive is a journal's back catalogue in miniature: essays that cite one shared
literature of 3,000 works, the often cited more often (Zipf), in four forms: plain text
with endnotes in the seeds' style (benchmarks/extract.py's generator), Markdown with
`[^n]` footnotes, HTML saved from the web (`<sup>` markers, a notes list), and author-date
essays with a reference list. Run:

    python benchmarks/archive.py [--essays 2000] [--small 200] [--data DIR]

The machine may be shared: the load average and the CPU time of each run are printed
beside the wall time, and the speed-up is given both ways.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract import FAMILY, GIVEN, PLACES, PUBLISHERS, VOLUME, Essay, pages, title

WORKS = 3000  # the literature the archive cites
ZIPF = 0.9
Work = tuple[str, str, str, str, str]  # given, family, title, volume, imprint


def literature(rnd: random.Random) -> list[Work]:
    works = []
    for _ in range(WORKS):
        volume = f"{rnd.choice(VOLUME)}, " if rnd.random() < 0.1 else ""
        place, publisher = rnd.choice(PLACES), rnd.choice(PUBLISHERS)
        imprint = f"{place}: {publisher}, {rnd.randint(1900, 2020)}"
        works.append((rnd.choice(GIVEN), rnd.choice(FAMILY), title(rnd), volume, imprint))
    return works


class Cited(Essay):
    """An essay of extract.py whose full citations come from the archive's literature."""

    def __init__(self, rnd: random.Random, works: list[Work], weights: list[float]) -> None:
        super().__init__(rnd)
        self.works, self.weights = works, weights

    def pick(self) -> Work:
        return self.rnd.choices(self.works, self.weights)[0]

    def full(self) -> str:
        given, family, name, volume, imprint = self.pick()
        self.cited.append((given, family, name))
        if self.rnd.random() < 0.2:
            return f"{given} {family}, {name} ({imprint}), {self.rnd.randint(1, 500)}."
        return f"{given} {family}, {name}, {volume}{imprint}, {pages(self.rnd)}."

    def prose(self, count: int) -> list[str]:
        return [self.sentence(None) for _ in range(count)]

    def markdown(self) -> str:
        notes = self.rnd.randint(10, 80)
        body = [
            " ".join(self.prose(self.rnd.randint(1, 5))) + f"[^{n}]" for n in range(1, notes + 1)
        ]
        foot = [f"[^{n}]: {self.note()}" for n in range(1, notes + 1)]
        return "# An essay\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(foot) + "\n"

    def html(self) -> str:
        notes = self.rnd.randint(10, 80)
        body = [
            f"<p>{' '.join(self.prose(self.rnd.randint(1, 5)))}"
            f'<sup id="r{n}"><a href="#fn{n}">{n}</a></sup></p>'
            for n in range(1, notes + 1)
        ]
        items = [
            f'<li id="fn{n}"><p>{self.note()} <a href="#r{n}">↩</a></p></li>'
            for n in range(1, notes + 1)
        ]
        return (
            "<!DOCTYPE html>\n<html><head><title>Essay</title></head><body>\n<article>\n"
            + "\n".join(body)
            + '\n<section class="footnotes"><h2>Notes</h2><ol>\n'
            + "\n".join(items)
            + "\n</ol></section></article></body></html>\n"
        )

    def author_date(self) -> str:
        cited = [self.pick() for _ in range(self.rnd.randint(5, 30))]
        body = []
        for _, family, _, _, imprint in cited:
            year = imprint.rsplit(", ", 1)[1]
            sentences = self.prose(self.rnd.randint(1, 4))
            sentences[-1] = (
                sentences[-1].rstrip(".") + f" ({family} {year}: {self.rnd.randint(1, 400)})."
            )
            body.append(" ".join(sentences))
        entries = sorted(
            {
                f"{family}, {given} {imprint.rsplit(', ', 1)[1]}. {name}. "
                f"{imprint.rsplit(', ', 1)[0]}."
                for given, family, name, _, imprint in cited
            }
        )
        return "\n\n".join(body) + "\n\nReferences\n\n" + "\n".join(entries) + "\n"


def archive(folder: Path, essays: int, seed: int = 1) -> int:
    """Writes the essays into `folder` (in sub-folders of 500); returns their bytes."""
    rnd = random.Random(seed)
    works = literature(rnd)
    weights = [1 / (rank + 1) ** ZIPF for rank in range(len(works))]
    size = 0
    for n in range(essays):
        essay = Cited(rnd, works, weights)
        roll = rnd.random()
        if roll < 0.55:
            suffix, text = "txt", essay.text()
        elif roll < 0.7:
            suffix, text = "md", essay.markdown()
        elif roll < 0.85:
            suffix, text = "html", essay.html()
        else:
            suffix, text = "txt", essay.author_date()
        path = folder / f"vol{n // 500:02d}" / f"essay{n:05d}.{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total


def busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    values = [float(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def build(folder: Path, out: Path, jobs: int) -> dict[str, float]:
    """One `citeres build`, timed: wall, CPU of the process tree, peak tree RSS, and how
    busy the machine was meanwhile (all processes, ours included)."""
    command = [sys.executable, "-m", "citeres", "build", str(folder), "-o", str(out)]
    command += ["--no-enrich", "--quiet", "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = busy()
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peak, own = [0], [0.0]
    ticks = os.sysconf("SC_CLK_TCK")

    def watch() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            try:
                fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
                own[0] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
            except (OSError, IndexError):
                pass
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    _, err = process.communicate()
    watcher.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_after = busy()
    if process.returncode != 0:
        sys.exit(f"build failed: {err}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    used = (machine_after[0] - machine[0]) / max(1.0, machine_after[1] - machine[1])
    return {"wall": wall, "cpu": cpu, "own": own[0], "peak": peak[0] / 2**20, "machine": used}


def same(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, [str(f) for f in files], shallow=False)
    return not mismatch and not errors


def say(name: str, figures: dict[str, float]) -> None:
    print(
        f"  {name}: {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU "
        f"({figures['own']:.1f} s in the main process), "
        f"peak {figures['peak']:.0f} MiB (machine {figures['machine']:.0%} busy meanwhile)"
    )


def idle_speed_up(one: dict[str, float], two: dict[str, float]) -> float:
    """The speed-up on 2 idle cores if nothing the main process does overlapped the
    workers (it mostly does: it receives and spools while they analyse): --jobs 1's CPU
    time against the main process's CPU plus half the workers'."""
    workers = two["cpu"] - two["own"]
    return one["cpu"] / (two["own"] + workers / 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--essays", type=int, default=2000)
    parser.add_argument("--small", type=int, default=200, help="the smaller archive")
    parser.add_argument("--data", type=Path, help="where to write the archives (default: TMPDIR)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.data) as scratch:
        root = Path(scratch)
        size = archive(root / "large", args.essays)
        archive(root / "small", args.small)
        print(
            f"archive: {args.essays:,} essays, {size / 1e6:.1f} MB; load average {os.getloadavg()}"
        )
        one = build(root / "large", root / "out1", 1)
        two = build(root / "large", root / "out2", 2)
        small = build(root / "small", root / "outs", 2)
        print(f"load average after: {os.getloadavg()} (2 cores)")
        say("--jobs 1", one)
        say("--jobs 2", two)
        say(f"--jobs 2, {args.small} essays", small)
        print(
            f"speed-up: {one['wall'] / two['wall']:.2f}x wall (bar 1.7); "
            f"CPU {two['cpu'] / one['cpu']:.2f}x of --jobs 1's; on 2 idle cores at most "
            f"{one['cpu'] / two['cpu'] * 2:.2f}x, at least {idle_speed_up(one, two):.2f}x"
        )
        print(f"outputs identical: {same(root / 'out1', root / 'out2')}")
        ratio = two["peak"] / small["peak"]
        print(
            f"peak memory: {small['peak']:.0f} MiB for {args.small:,} essays, "
            f"{two['peak']:.0f} MiB for {args.essays:,}: {ratio:.2f}x (bar 1.5)"
        )


if __name__ == "__main__":
    main()
