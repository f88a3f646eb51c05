"""How every command's help reads: `-h` as well as `--help`, click's plain layout (rich
would double the start-up time of `citeres --help`), and arguments shown by their metavar
alone, as options are (typer would add Python's type: `PATH... <list[Path]>`).

Importing this module costs typer alone.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from typer.core import TyperArgument, TyperCommand

# click's contexts inherit help_option_names from the group's, so the app's alone is enough.
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
MARKUP = None  # typer's rich_markup_mode: click's plain help


class Command(TyperCommand):
    """A typer command whose help names each argument by its metavar, without its type."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((untyped(param, ctx, record[0]), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def untyped(argument: TyperArgument, ctx: Any, name: str) -> str:
    """`PATH... <list[Path]>` → `PATH...` for an argument given a metavar."""
    if argument.metavar is None:
        return name
    return argument.metavar + ("..." if argument.nargs != 1 else "")


def choices(kind: type[StrEnum]) -> str:
    """An option's metavar that lists its values, as click writes it: `[text|json]`."""
    return "[" + "|".join(member.value for member in kind) + "]"
