"""Start-up cost of the CLI: wall-clock seconds of `citeres --help`, `citeres --version` and
`citeres cache stats` (an empty cache in a temporary folder), each as a ratio to a bare
interpreter start (`python -c pass`), best of several runs so a busy machine does not skew
them. Bytecode is written as an installed citeres would have it (a first, untimed run
writes it even where PYTHONDONTWRITEBYTECODE is set), so source compilation is not timed.
The bar (issue 13) is `--help` at most 3× the bare start. Run:

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

# What the installed `citeres` script runs, with no lookup of the script on PATH.
CITERES = "import sys; from citeres.cli import main; sys.argv[0] = 'citeres'; main()"


def best(argv: Sequence[str], runs: int, env: dict[str, str]) -> float:
    """The fastest of `runs` wall-clock times of a command run to its end, after one
    untimed run."""
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (best kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CITERES_CACHE_DIR": cache, "COLUMNS": "100"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = best([sys.executable, "-c", "pass"], args.runs, env)
        print(f"python -c pass: {bare * 1000:6.1f} ms")
        for command in (["--help"], ["--version"], ["cache", "stats"]):
            seconds = best([sys.executable, "-c", CITERES, *command], args.runs, env)
            name = " ".join(["citeres", *command])
            print(f"{name:<20}{seconds * 1000:6.1f} ms  {seconds / bare:4.1f}× python -c pass")


if __name__ == "__main__":
    main()
