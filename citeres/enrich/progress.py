"""How enrichment tells the user where it is: a rich bar on a terminal, plain lines
elsewhere, nothing with --quiet. Messages go to stderr; stdout stays the command's output.
"""

from __future__ import annotations

import sys
import threading
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Reporter(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, label: str | None) -> None: ...  # None: a step with nothing to say
    def say(self, message: str) -> None: ...
    def finish(self, summary: str) -> None: ...
    def stop(self) -> None: ...  # interrupted: leave the terminal clean, say nothing


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, label: str | None) -> None:
        pass

    def say(self, message: str) -> None:
        pass

    def finish(self, summary: str) -> None:
        pass

    def stop(self) -> None:
        pass


class Lines:
    """One line per look-up that reached a catalogue, for logs and pipes: offline or
    unreachable, the summary alone says it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.lock = threading.Lock()  # say() comes from worker threads

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, label: str | None) -> None:
        with self.lock:
            self.done += 1
            if label is not None:
                print(f"citeres: enrich [{self.done}/{self.total}] {label}", file=self.stream)

    def say(self, message: str) -> None:
        with self.lock:
            print(f"citeres: {message}", file=self.stream)

    def finish(self, summary: str) -> None:
        self.say(summary)

    def stop(self) -> None:
        pass


class Bar:
    """A rich progress bar that leaves one summary line behind."""

    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream)
        self.progress = Progress(
            TextColumn("enriching"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            transient=True,
        )
        self.task = self.progress.add_task("", total=0)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()

    def advance(self, label: str | None) -> None:
        self.progress.update(self.task, advance=1, description=(label or "")[:50])

    def say(self, message: str) -> None:
        self.progress.console.print(f"citeres: {message}", markup=False, highlight=False)

    def finish(self, summary: str) -> None:
        self.progress.stop()
        self.say(summary)

    def stop(self) -> None:
        self.progress.stop()


def make_reporter(quiet: bool = False, stream: TextIO | None = None) -> Reporter:
    stream = stream or sys.stderr
    if quiet:
        return Silent()
    return Bar(stream) if stream.isatty() else Lines(stream)
