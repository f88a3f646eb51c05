"""Documents analysed, documents/s and the time left: a bar on a terminal's stderr, and
nothing elsewhere (a log needs no line per document; the summary line says what was done)."""

from __future__ import annotations

import sys
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    def advance(self) -> None: ...
    def close(self) -> None: ...


class Silent:
    def advance(self) -> None:
        pass

    def close(self) -> None:
        pass


class Bar:
    def __init__(self, total: int, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.1f} documents/s" if speed else "")

        self.progress = RichProgress(
            TextColumn("analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            Rate(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self.task = self.progress.add_task("", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.update(self.task, advance=1)

    def close(self) -> None:
        self.progress.stop()


def progress(total: int, quiet: bool, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    return Bar(total, stream) if not quiet and stream.isatty() else Silent()
