"""The typer commands, and nothing else: each collects its options into a pipeline.Request,
runs it once, and prints the Result; a CiteresError becomes one line and exit 2.

Start-up matters (`citeres --help` should cost little more than the interpreter): at the
top level this module imports typer and tiny modules only. The pipeline, the finders, the
model, the report and the catalogue clients load inside the commands that run them, and a
test holds that `import citeres.cli` loads none of them. No `from __future__ import
annotations`: typer would compile and evaluate each option's annotation from its string,
which is 40% of what `--help` costs past importing typer (8 ms → 5 ms).
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from citeres import __version__
from citeres.clihelp import CONTEXT, MARKUP, Command, choices
from citeres.errors import CiteresError
from citeres.localcat.cli import app as catalogue_app

if TYPE_CHECKING:
    from citeres.cache import ResponseCache
    from citeres.model import Analysis
    from citeres.pipeline import Request, Result
    from citeres.settings import Settings

# The default of `build --format`: pipeline.FORMATS, written out so that help needs no
# pipeline (a test holds the two equal).
DEFAULT_FORMATS = "bibtex,csljson,ris"

app = typer.Typer(
    help="Find, resolve and check the references in plain-text essays.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT,
    rich_markup_mode=MARKUP,
)

# citeres' reader checks every path itself (typer's checks would stop the whole run with a
# usage panel where one bad input among good ones is only a problem to report).
Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Text, Markdown or HTML files, directories of them, or - for standard input.",
        show_default=False,
        readable=False,
        metavar="PATH",
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


def run(request: "Request") -> "Result":
    from citeres.pipeline import run as run_pipeline

    try:
        return run_pipeline(request)
    except CiteresError as error:
        raise fail(error) from None


def analyse(request: "Request") -> "Analysis":
    """The whole analysis of a run that writes nothing (extract, check)."""
    analysis = run(request).analysis
    assert analysis is not None  # only a build streams its documents away
    return analysis


Offline = Annotated[
    bool, typer.Option("--offline", help="Enrich from the cache only; make no request.")
]
Mailto = Annotated[
    str | None,
    typer.Option(
        "--mailto",
        metavar="ADDRESS",
        help="Contact address for the catalogues (or CITERES_MAILTO).",
    ),
]
CacheDir = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Catalogue cache folder (or CITERES_CACHE_DIR; ./cache).",
    ),
]
Enrich = Annotated[
    bool, typer.Option("--enrich/--no-enrich", help="Look works up in the catalogues.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
Catalogue = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        metavar="DIR",
        help="A local catalogue (citeres catalogue build), asked first.",
    ),
]


def settings(
    mailto: str | None,
    cache_dir: Path | None,
    offline: bool = False,
    catalogue: Path | None = None,
) -> "Settings":
    from citeres.settings import load_settings

    try:
        return load_settings(
            mailto=mailto, cache_dir=cache_dir, offline=offline, catalogue_dir=catalogue
        )
    except CiteresError as error:
        raise fail(error) from None


@app.command(cls=Command)
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", metavar=choices(OutputFormat), help="json: the whole analysis."
        ),
    ] = OutputFormat.JSON,
    enrich: Enrich = False,
    offline: Offline = False,
    mailto: Mailto = None,
    cache_dir: CacheDir = None,
    catalogue: Catalogue = None,
    quiet: Quiet = False,
) -> None:
    """Print every citation, work and problem found."""
    from citeres import report
    from citeres.pipeline import Request

    chosen = settings(mailto, cache_dir, offline, catalogue)
    request = Request(paths=tuple(paths), enrich=enrich, settings=chosen, quiet=quiet)
    analysis = analyse(request)
    if output_format is OutputFormat.JSON:
        typer.echo(report.to_json(analysis))
    else:
        typer.echo(report.to_markdown(analysis), nl=False)


@app.command(cls=Command)
def check(
    paths: Paths,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar=choices(OutputFormat),
            help="text: path:line:col: severity: kind: message.",
        ),
    ] = OutputFormat.TEXT,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            metavar=choices(FailOn),
            help="Exit 1 when a problem this severe or worse is found.",
        ),
    ] = FailOn.WARNING,
) -> None:
    """Report problems as a linter does; exit 1 when any reach --fail-on."""
    from citeres import report
    from citeres.pipeline import Request
    from citeres.problems import Severity

    problems = report.all_problems(analyse(Request(paths=tuple(paths))))
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
    from citeres import export

    try:
        export.parse_formats(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return value


@app.command(cls=Command)
def build(
    paths: Paths,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="DIR", help="Folder for the bibliography and report."
        ),
    ] = Path("bib"),
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMATS",
            help="Comma list of bibtex, biblatex, csljson, ris.",
            callback=check_formats,
        ),
    ] = DEFAULT_FORMATS,
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
    catalogue: Catalogue = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Processes to use (default: all cores)."
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Run on a Dask cluster: tcp://host:8786, or local.",
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Write the bibliography (references.bib, .json, .ris) and the report (report.md, .html)."""
    from citeres import report
    from citeres.archive.executors import available_cores
    from citeres.paths import shown
    from citeres.pipeline import Request

    request = Request(
        paths=tuple(paths),
        enrich=enrich,
        settings=settings(mailto, cache_dir, offline, catalogue),
        jobs=jobs or available_cores(),
        dask=dask,
        quiet=quiet,
        output=output,
        formats=tuple(name.strip() for name in formats.split(",") if name.strip()),
        per_document=per_document,
        overwrite=overwrite,
    )
    result = run(request)
    for line in report.problem_lines(list(result.kept)):
        typer.echo(line, err=True)
    typer.echo(f"citeres: {result.totals} → {shown(output)}/", err=True)


class ParseFormat(StrEnum):
    JSON = "json"
    BIBTEX = "bibtex"
    CSLJSON = "csljson"


@app.command("parse", cls=Command)
def parse_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A file of references, one a line, or - for standard input.",
        ),
    ] = Path("-"),
    output_format: Annotated[
        ParseFormat,
        typer.Option(
            "--format",
            "-f",
            metavar=choices(ParseFormat),
            help="json: one object a line ({} for a blank one).",
        ),
    ] = ParseFormat.JSON,
) -> None:
    """Parse reference strings, one a line, into works, in input order."""
    from citeres.parse import lines

    try:
        text, warnings = lines.read_lines(None if str(source) == "-" else source)
    except CiteresError as error:
        raise fail(CiteresError(f"{source}: {error}")) from None
    for line, message in warnings:
        typer.echo(f"{source}:{line}: encoding: {message}", err=True)
    typer.echo(lines.render(output_format.value, text), nl=False)


cache_app = typer.Typer(
    help="The catalogue cache: stats, clear.", no_args_is_help=True, rich_markup_mode=MARKUP
)
app.add_typer(cache_app, name="cache")
app.add_typer(catalogue_app, name="catalogue")


@cache_app.command("stats", cls=Command)
def cache_stats_command(cache_dir: CacheDir = None) -> None:
    """How many catalogue answers are cached, and how much disk they take."""
    with response_cache(cache_dir) as cache:
        stats = cache.stats()
    typer.echo(f"{stats.directory}: {stats.entries} entries, {stats.size / 1024:.0f} KiB")


@cache_app.command("clear", cls=Command)
def cache_clear_command(cache_dir: CacheDir = None) -> None:
    """Remove every cached catalogue answer."""
    with response_cache(cache_dir) as cache:
        removed = cache.clear()
    typer.echo(f"{cache.directory}: removed {removed} entries")


@contextmanager
def response_cache(cache_dir: Path | None) -> Iterator["ResponseCache"]:
    """The catalogue cache alone (citeres.cache), without the catalogues that fill it."""
    from citeres.cache import ResponseCache

    cache = ResponseCache(settings(None, cache_dir).cache_dir, warn=warn)
    try:
        yield cache
    finally:
        cache.close()


def warn(message: str) -> None:
    typer.echo(f"citeres: {message}", err=True)


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
