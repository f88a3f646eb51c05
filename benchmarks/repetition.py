"""Time per MB of the whole analysis on one line made of a short fragment repeated n times.

Repetitive text is what a user pastes from a table of contents or a scraped page; a pattern
that backtracks over it grows with the square of the line or worse. For each fragment, one
line of the fragment repeated to 1×, 2×, 4× and 8× a base size (the `line` form), and the
same repetition as the body of note 1 under a `Notes` heading (the `note` form), are
written to a file and analysed in this process as `citeres extract` does (read → find →
parse → resolve → cluster → keys → the JSON report). Printed: seconds per MB at each size
and the ratio of the largest size's to the smallest's; 1.0 is linear, the bar is 1.5.

The default base (12 KB) keeps the 8× line under the one-line cap (citeres.find.LINE_CAP),
beyond which a line is not searched at all; `--uncapped` lifts the cap to time the finders
themselves on longer lines.

    python benchmarks/repetition.py [--base-kb 12] [--sizes 1,2,4,8] [--forms line,note]
        [--only FRAGMENT ...] [--skip N] [--index N] [--isolate SECONDS] [--repeat 3]
        [--budget 30] [--memory-limit MB] [--uncapped] [--profile FRAGMENT]
"""

from __future__ import annotations

import argparse
import cProfile
import faulthandler
import pstats
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from citeres import find, report
from citeres.errors import CiteresError
from citeres.pipeline import Request, run

# Named in issue 13, then others: each piece of reference syntax, alone and in small runs.
FRAGMENTS: tuple[str, ...] = (
    "Vol ",
    "Vol. II ",
    "www.",
    "Title: ",
    "^ ",
    "(1990) ",
    "Ibid. ",
    "p. 12, ",
    "Smith, ",
    "[1] ",
    "http://a.b/ ",
    "“Title” ",
    "ed. ",
    "1. ",
    ", and ",
    "Title Case Words ",
    "(Smith 1990; ",
    "op. cit. ",
    "Id. ",
    "pp. 1–2, ",
    "vol. 2, no. 3, ",
    "J. ",
    "A. B. Smith, ",
    "et al. ",
    "Smith's ",
    '"Title" ',
    "‘Title’ ",
    "Cf. ",
    "See ",
    "In ",
    "— ",
    "... ",
    "* ",
    "# ",
    "[^1] ",
    "(Smith 45) ",
    "(Smith, Title, p. 4) ",
    "Smith (1990) ",
    "(p. 4) ",
    "(ibid.) ",
    "London: Press, 1990, ",
    "doi:10.1000/182 ",
    "ISBN 0-14-044 ",
    "n. 3 ",
    "§ 3 ",
    "Notes ",
    "12 ",
    "by John Smith ",
    "as Smith argues in ",
    "The Book of ",
    "Smith, The Prophet (London: Verso, 1990), p. 3. ",
    "(",
    ")",
    "“",
    "a",
    " ",
    ".",
    ",",
    "A",
    "1",
    "<b>x</b> ",
    "_Title_ ",
    # words joined by hyphens, apostrophes and full stops, which name patterns split
    "Smith-",
    "Smith-Jones ",
    "O'",
    "A.",
    "A. ",
    "J.-P. ",
    "Smith-Smith's ",
    "’s ",
    "Smith Smith ",
    "Smith, Smith, ",
    "Smith and ",
    "Smith, J., ",
    "Smith, J. (1990). ",
    "van der ",
    "II ",
    # marks and signals around references
    "(Smith ",
    "(1990",
    "[",
    "http://",
    "--",
    "**",
    "_a",
    "“a",
    "p.",
    "1–",
    "1,",
    "in: ",
    "trans. ",
    "S. 76 ",
    "\t",
    "\u00a0",
    "^ a ",
    "[12] ",
    "↩ ",
    "See also ",
    "Quoted in ",
    "vgl. ",
    "; ",
    ": ",
    "Ibid., ",
    "Smith, op. cit., ",
)
FORMS = ("line", "note")


def document_text(fragment: str, size: int, form: str) -> str:
    """The fragment repeated to about `size` characters, as one line or as note 1."""
    body = fragment * max(1, size // len(fragment))
    if form == "note":
        return f"An essay cites a work.1\n\nNotes\n\n1. {body}\n"
    return f"A line of prose.\n{body}\n"  # (a file of spaces alone would be empty)


def analyse(path: Path) -> None:
    """What `citeres extract --format json` does with the file, in this process."""
    try:
        analysis = run(Request(paths=(path,))).analysis
    except CiteresError:
        return  # a file of spaces is empty: refused, as citeres extract refuses it
    assert analysis is not None
    report.to_json(analysis)


def clear_caches() -> None:
    """Empty citeres's memo caches (not the models loaded once), so that no run is timed
    on answers an earlier run left: each analysis starts as a fresh process's would."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("citeres") or module is None:
            continue
        for value in list(vars(module).values()):
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] != 1:
                value.cache_clear()


def warm(folder: Path) -> None:
    """One analysis of a small essay with notes, untimed: modules and the model load."""
    path = folder / "warm.txt"
    path.write_text(document_text("Smith, The Prophet, p. 3. See also ", 2000, "note"))
    analyse(path)


def timed(folder: Path, text: str, repeat: int) -> float:
    """The best of `repeat` wall-clock times of the analysis of `text`, in seconds."""
    path = folder / "essay.txt"
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(repeat):
        clear_caches()
        start = time.perf_counter()
        analyse(path)
        best = min(best, time.perf_counter() - start)
    return best


def measure(
    folder: Path, fragment: str, form: str, sizes: list[int], repeat: int, budget: float
) -> list[float | None]:
    """Seconds per MB at each size; None for the sizes skipped once one took over budget."""
    rates: list[float | None] = []
    for size in sizes:
        if rates and (rates[-1] is None or rates[-1] * size / 1e6 > budget):
            rates.append(None)
            continue
        text = document_text(fragment, size, form)
        seconds = timed(folder, text, repeat)
        rates.append(seconds / (len(text.encode("utf-8")) / 1e6))
    return rates


def row(fragment: str, form: str, rates: list[float | None]) -> tuple[str, float | None]:
    shown = " ".join(f"{r:8.3f}" if r is not None else "    skip" for r in rates)
    first, last = rates[0], rates[-1]
    ratio = last / first if first and last is not None else None
    mark = "" if ratio is None or ratio <= 1.5 else "  <-- over 1.5"
    text = "skipped" if ratio is None else f"{ratio:5.2f}"
    return f"{fragment!r:40} {form:5} {shown}   {text}{mark}", ratio


def isolated(args: argparse.Namespace, fragment: str, form: str) -> tuple[str, float | None]:
    """The case measured by a child process with the same options; a case that backtracks
    without end is killed and shown as a hang."""
    command = [sys.executable, __file__, "--index", str(FRAGMENTS.index(fragment))]
    command += ["--forms", form, "--base-kb", str(args.base_kb), "--sizes", args.sizes]
    command += ["--repeat", str(args.repeat), "--budget", str(args.budget)]
    command += ["--memory-limit", str(args.memory_limit)] if args.memory_limit else []
    command += ["--uncapped"] if args.uncapped else []
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.isolate)
    except subprocess.TimeoutExpired:
        return f"{fragment!r:40} {form:5} {'hang':>8}   killed after {args.isolate:g} s", None
    line = next(x for x in done.stdout.splitlines() if x.startswith(repr(fragment)))
    ratio = line.split("<--")[0].split()[-1]
    return line, None if ratio == "skipped" else float(ratio)


def profile(fragment: str, size: int, form: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "essay.txt"
        path.write_text(document_text(fragment, size, form), encoding="utf-8")
        profiler = cProfile.Profile()
        profiler.runcall(analyse, path)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-kb", type=float, default=12.0)
    parser.add_argument("--sizes", default="1,2,4,8", help="multiples of the base size")
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--only", nargs="*", help="these fragments alone")
    parser.add_argument("--skip", type=int, default=0, help="start at this fragment")
    parser.add_argument("--index", type=int, help="this fragment of the list alone")
    parser.add_argument(
        "--isolate", type=float, help="each case in a child process, killed after SECONDS"
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds; larger skipped")
    parser.add_argument("--memory-limit", type=int, help="address space cap in MB")
    parser.add_argument("--uncapped", action="store_true", help="search lines of any length")
    parser.add_argument("--profile", help="cProfile the analysis of this fragment at 8×")
    args = parser.parse_args()
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 PID`: where a slow case is
    if args.memory_limit:
        cap = args.memory_limit * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if args.uncapped:
        find.LINE_CAP = 1 << 62
    base = int(args.base_kb * 1000)
    multiples = [int(m) for m in args.sizes.split(",")]
    sizes = [base * m for m in multiples]
    forms = args.forms.split(",")
    if args.profile is not None:
        profile(args.profile, sizes[-1], forms[0])
        return
    fragments = (args.only or FRAGMENTS)[args.skip :]
    if args.index is not None:
        fragments = (FRAGMENTS[args.index],)
    print(f"seconds per MB at {', '.join(f'{m}×' for m in multiples)} of {args.base_kb:g} KB;")
    print(f"the last column is {multiples[-1]}× against {multiples[0]}× (bar: 1.5)\n")
    worst: tuple[float, str] = (0.0, "")
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        warm(Path(folder))
        for fragment in fragments:
            for form in forms:
                if args.isolate:
                    line, ratio = isolated(args, fragment, form)
                else:
                    rates = measure(Path(folder), fragment, form, sizes, args.repeat, args.budget)
                    line, ratio = row(fragment, form, rates)
                print(line, flush=True)
                if ratio is None or ratio > 1.5:
                    over += 1
                if ratio is not None and ratio > worst[0]:
                    worst = (ratio, f"{fragment!r} {form}")
    print(f"\nworst ratio {worst[0]:.2f} ({worst[1]}); {over} cases over 1.5 or skipped")


if __name__ == "__main__":
    main()
