"""The typer commands, and nothing else: each turns a CiteresError into one line and exit 2."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from citeres import __version__, export, report, report_html
from citeres.enrich import cache_stats, clear_cache, enrich_analysis
from citeres.enrich.progress import make_reporter
from citeres.errors import CiteresError
from citeres.model import Analysis, Severity
from citeres.paths import shown
from citeres.pipeline import analyse_paths
from citeres.settings import Settings, load_settings
from citeres.write import check_output_dir, write_atomic

app = typer.Typer(
    help="Find, resolve and check the references in plain-text essays.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# citeres' reader checks every path itself (typer's checks would stop the whole run with a
# usage panel where one bad input among good ones is only a problem to report).
Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Text, Markdown or HTML files, directories of them, or - for standard input.",
        show_default=False,
        readable=False,
    ),
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


Offline = Annotated[
    bool, typer.Option("--offline", help="Enrich from the cache only; make no request.")
]
Mailto = Annotated[
    str | None,
    typer.Option("--mailto", help="Contact address for the catalogues (or CITERES_MAILTO)."),
]
CacheDir = Annotated[
    Path | None,
    typer.Option("--cache-dir", help="Catalogue cache folder (or CITERES_CACHE_DIR; ./cache)."),
]
Enrich = Annotated[
    bool, typer.Option("--enrich/--no-enrich", help="Look works up in the catalogues.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]


def settings(mailto: str | None, cache_dir: Path | None, offline: bool = False) -> Settings:
    try:
        return load_settings(mailto=mailto, cache_dir=cache_dir, offline=offline)
    except CiteresError as error:
        raise fail(error) from None


def enriched(analysis: Analysis, chosen: Settings, quiet: bool) -> Analysis:
    """Looks each work up in Open Library or Crossref; never fails the run on the network."""
    return enrich_analysis(analysis, chosen, make_reporter(quiet))


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json: the whole analysis.")
    ] = OutputFormat.JSON,
    enrich: Enrich = False,
    offline: Offline = False,
    mailto: Mailto = None,
    cache_dir: CacheDir = None,
    quiet: Quiet = False,
) -> None:
    """Print every citation, work and problem found."""
    chosen = settings(mailto, cache_dir, offline)
    analysis = analyse(paths)
    if enrich:
        analysis = enriched(analysis, chosen, quiet)
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


def check_formats(value: str) -> str:
    try:
        export.parse_formats(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return value


@app.command()
def build(
    paths: Paths,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the bibliography and report.")
    ] = Path("bib"),
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Comma list of bibtex, biblatex, csljson, ris.",
            callback=check_formats,
        ),
    ] = "bibtex,csljson,ris",
    per_document: Annotated[
        bool, typer.Option("--per-document", help="Also write one set per input file.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace hand edits in the .bib files.")
    ] = False,
    enrich: Enrich = True,
    offline: Offline = False,
    mailto: Mailto = None,
    cache_dir: CacheDir = None,
    quiet: Quiet = False,
) -> None:
    """Write the bibliography (references.bib, .json, .ris) and the report (report.md, .html)."""
    try:
        check_output_dir(output)  # before any work: a bad -o costs nothing
    except CiteresError as error:
        raise fail(error) from None
    chosen = settings(mailto, cache_dir, offline)
    analysis = analyse(paths)
    if enrich:
        analysis = enriched(analysis, chosen, quiet)
    wanted = export.parse_formats(formats)
    try:
        kept = export.write_bibliography(output, analysis, wanted, overwrite)
        if per_document:
            kept += export.write_per_document(output, analysis, wanted, overwrite)
        write_atomic(output / "report.md", report.to_markdown(analysis))
        write_atomic(output / "report.html", report_html.to_html(analysis))
    except CiteresError as error:
        raise fail(error) from None
    for line in report.problem_lines(kept):
        typer.echo(line, err=True)
    counts = report.summary(analysis)
    typer.echo(f"citeres: {counts} → {shown(output)}/", err=True)


cache_app = typer.Typer(help="The catalogue cache: stats, clear.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("stats")
def cache_stats_command(cache_dir: CacheDir = None) -> None:
    """How many catalogue answers are cached, and how much disk they take."""
    stats = cache_stats(settings(None, cache_dir))
    typer.echo(f"{stats.directory}: {stats.entries} entries, {stats.size / 1024:.0f} KiB")


@cache_app.command("clear")
def cache_clear_command(cache_dir: CacheDir = None) -> None:
    """Remove every cached catalogue answer."""
    chosen = settings(None, cache_dir)
    removed = clear_cache(chosen)
    typer.echo(f"{chosen.cache_dir}: removed {removed} entries")


def main() -> None:
    try:
        app()
    except SystemExit as stop:
        if stop.code == 130:  # typer turns Ctrl-C into a silent exit 130
            typer.echo("citeres: interrupted", err=True)
        raise
    except KeyboardInterrupt:
        typer.echo("citeres: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # a bug, not bad input: one line, unless asked for more
        if os.environ.get("CITERES_DEBUG"):
            raise
        typer.echo(f"citeres: internal error: {type(error).__name__}: {error}", err=True)
        typer.echo("citeres: run again with CITERES_DEBUG=1 for the details", err=True)
        sys.exit(70)
