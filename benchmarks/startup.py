"""Start-up cost of the CLI: `citeres --help`, `citeres --version` and `citeres cache stats`
(an empty cache in a temporary folder), each as a ratio to a bare interpreter start
(`python -c pass`), wall-clock and CPU, best of several runs. The commands and the bare
start take turns, so a machine busy at one moment weighs on all alike. Bytecode is written
as an installed citeres would have it (an untimed first run writes it even where
PYTHONDONTWRITEBYTECODE is set), so compiling the source is not timed. The bar (issue 13)
is `--help` at most 3× the bare start. Run:

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

# What the installed `citeres` script runs, with no lookup of the script on PATH.
CITERES = "import sys; from citeres.cli import main; sys.argv[0] = 'citeres'; main()"
COMMANDS = (["--help"], ["--version"], ["cache", "stats"])


def timed(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of a command to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (best kept)")
    args = parser.parse_args()
    bare = [sys.executable, "-c", "pass"]
    commands = {" ".join(["citeres", *c]): [sys.executable, "-c", CITERES, *c] for c in COMMANDS}
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CITERES_CACHE_DIR": cache, "COLUMNS": "100"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for argv in commands.values():
            timed(argv, env)  # writes the bytecode
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.runs):
            for name, argv in {"python -c pass": bare, **commands}.items():
                wall, cpu = timed(argv, env)
                old_wall, old_cpu = best.get(name, (wall, cpu))
                best[name] = (min(wall, old_wall), min(cpu, old_cpu))
    bare_wall, bare_cpu = best.pop("python -c pass")
    print(f"python -c pass       wall {bare_wall * 1000:6.1f} ms   cpu {bare_cpu * 1000:6.1f} ms")
    for name, (wall, cpu) in best.items():
        print(
            f"{name:<20} wall {wall * 1000:6.1f} ms {wall / bare_wall:4.1f}×   "
            f"cpu {cpu * 1000:6.1f} ms {cpu / bare_cpu:4.1f}×"
        )


if __name__ == "__main__":
    main()
