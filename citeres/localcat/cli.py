"""`citeres catalogue build|info`: typer commands only; the work is in build.py and index.py.

Importing this module costs typer alone: msgspec, tantivy and SQLite load in the commands.
"""

from pathlib import Path
from typing import Annotated

import typer

from citeres.clihelp import MARKUP, Command
from citeres.errors import CiteresError

app = typer.Typer(
    help="The embedded Open Library catalogue: build it from the dumps, describe it.",
    no_args_is_help=True,
    rich_markup_mode=MARKUP,
)


def fail(error: CiteresError) -> typer.Exit:
    typer.echo(f"citeres: error: {error}", err=True)
    return typer.Exit(2)


@app.command("build", cls=Command)
def build_command(
    dumps: Annotated[
        list[Path],
        typer.Argument(
            help="ol_dump_authors_*.txt.gz, ol_dump_works_*.txt.gz, and optionally "
            "ol_dump_editions_*.txt.gz, in any order.",
            show_default=False,
            metavar="DUMP",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="The catalogue folder.")
    ],
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Processes to use.")
    ] = 2,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Build (or rebuild) a catalogue; the previous one stays in use unless this succeeds."""
    from citeres.localcat.build import build

    try:
        info = build(dumps, output, jobs=jobs, quiet=quiet)
    except CiteresError as error:
        raise fail(error) from None
    counts = info.counts
    typer.echo(
        f"citeres: catalogue {output}: {counts['works']:,} works, {counts['authors']:,} "
        f"authors, {counts['editions']:,} editions, {counts['isbns']:,} ISBNs "
        f"in {info.seconds:,.0f} s",
        err=True,
    )


@app.command("info", cls=Command)
def info_command(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The catalogue folder.", show_default=False)
    ],
) -> None:
    """The dump date, what the catalogue holds, and its size on disk."""
    from citeres.localcat import store

    try:
        build = store.current(directory)
        info = store.read_info(build)
    except CiteresError as error:
        raise fail(error) from None
    typer.echo(f"catalogue: {directory} ({build.name})")
    typer.echo(
        f"dump date: {info.dump_date or 'unknown'}; built {info.built} in {info.seconds:,.0f} s"
    )
    for kind in ("works", "authors", "editions", "isbns"):
        typer.echo(f"{kind}: {info.counts.get(kind, 0):,}")
    for f in info.files:
        skipped = f"; {f['malformed']:,} malformed lines skipped" if f["malformed"] else ""
        typer.echo(f"read {f['name']}: {f['records']:,} {f['kind']}{skipped}")
    total = store.size(build)
    per_work = total / max(1, info.counts.get("works", 0))
    typer.echo(f"size: {total / 1e6:,.1f} MB ({per_work:,.0f} bytes per work)")
