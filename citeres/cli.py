"""The typer commands, and nothing else: each turns a CiteresError into one line and exit 2."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from citeres import __version__, report
from citeres.errors import CiteresError
from citeres.model import Analysis, Severity
from citeres.pipeline import analyse_paths
from citeres.write import write_atomic

app = typer.Typer(
    help="Find, resolve and check the references in plain-text essays.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Paths = Annotated[
    list[Path], typer.Argument(help="Text files, or directories of them.", show_default=False)
]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


def fail(error: CiteresError) -> typer.Exit:
    typer.echo(f"citeres: error: {error}", err=True)
    return typer.Exit(2)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"citeres {__version__}")
        raise typer.Exit()


@app.callback()
def common(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """citeres: a citation and bibliography resolver for the command line."""


def analyse(paths: list[Path]) -> Analysis:
    try:
        return analyse_paths(paths)
    except CiteresError as error:
        raise fail(error) from None


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json: the whole analysis.")
    ] = OutputFormat.JSON,
) -> None:
    """Print every citation, work and problem found."""
    analysis = analyse(paths)
    if output_format is OutputFormat.JSON:
        typer.echo(report.to_json(analysis))
    else:
        typer.echo(report.to_markdown(analysis), nl=False)


@app.command()
def check(
    paths: Paths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: path:line: kind: message.")
    ] = OutputFormat.TEXT,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when a problem this severe or worse is found."),
    ] = FailOn.WARNING,
) -> None:
    """Report problems as a linter does; exit 1 when any reach --fail-on."""
    analysis = analyse(paths)
    problems = report.all_problems(analysis)
    if output_format is OutputFormat.JSON:
        typer.echo(report.problems_json(problems))
    else:
        for line in report.problem_lines(problems):
            typer.echo(line)
    if fail_on is not FailOn.NEVER:
        threshold = Severity(fail_on.value).rank
        if any(p.severity.rank >= threshold for p in problems):
            raise typer.Exit(1)


@app.command()
def build(
    paths: Paths,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the bibliography and report.")
    ] = Path("bib"),
) -> None:
    """Write the bibliography (references.bib) and the report (report.md)."""
    analysis = analyse(paths)
    from citeres.export import bibtex

    try:
        write_atomic(output / "references.bib", bibtex.to_bibtex(analysis.works))
        write_atomic(output / "report.md", report.to_markdown(analysis))
    except CiteresError as error:
        raise fail(error) from None
    counts = report.summary(analysis)
    typer.echo(f"citeres: {counts} → {output}/", err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("citeres: interrupted", err=True)
        sys.exit(130)
