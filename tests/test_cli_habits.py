"""What a user of other command-line tools expects of citeres: a fast start (importing the
CLI loads none of the pipeline), `-h` on every command, help that names what an option
takes rather than its Python type."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from citeres.cli import DEFAULT_FORMATS, app

# What `import citeres.cli` must not load: every stage of the pipeline and the libraries
# behind them (typer's own rich is loaded only for pretty errors, which citeres turns off).
HEAVY_MODULES = (
    "citeres.pipeline",
    "citeres.read",
    "citeres.find",
    "citeres.parse",
    "citeres.resolve",
    "citeres.cluster",
    "citeres.model",
    "citeres.report",
    "citeres.export",
    "citeres.enrich",
    "citeres.archive",
    "citeres.settings",
    "httpx",
    "diskcache",
    "lxml",
    "rich",
    "rapidfuzz",
    "pycrfsuite",
    "bibtexparser",
    "anyascii",
    "msgspec",
    "tantivy",
)
COMMANDS = (
    [],
    ["extract"],
    ["check"],
    ["build"],
    ["parse"],
    ["cache"],
    ["cache", "stats"],
    ["cache", "clear"],
    ["catalogue"],
    ["catalogue", "build"],
    ["catalogue", "info"],
)


def loaded_by(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}; import sys; print(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    return set(done.stdout.split())


def heavy(modules: set[str]) -> list[str]:
    """The modules of HEAVY_MODULES, or inside one of them, among `modules`."""
    return sorted(m for m in modules if m in HEAVY_MODULES or m.startswith(INSIDE))


INSIDE = tuple(f"{name}." for name in HEAVY_MODULES)


def test_importing_the_cli_loads_no_stage_and_no_heavy_library() -> None:
    modules = loaded_by("import citeres.cli")
    assert {"typer", "citeres.cli"} <= modules  # the test sees what the import loaded
    assert heavy(modules) == []


def test_help_and_version_load_no_stage_and_no_rich() -> None:
    for option in ("--help", "--version"):
        modules = loaded_by(
            f"import sys; sys.argv = ['citeres', '{option}']\n"
            "try:\n from citeres.cli import main; main()\nexcept SystemExit: pass"
        )
        assert "citeres.cli" in modules
        assert heavy(modules) == []


def test_cache_stats_loads_the_cache_alone(tmp_path: Path) -> None:
    modules = loaded_by(
        f"import os, sys; os.environ['CITERES_CACHE_DIR'] = {str(tmp_path)!r}\n"
        "sys.argv = ['citeres', 'cache', 'stats']\n"
        "try:\n from citeres.cli import main; main()\nexcept SystemExit: pass"
    )
    assert {"citeres.cache", "diskcache"} <= modules  # it did open the cache
    loaded = set(heavy(modules)) - {"citeres.settings"}  # the cache folder's setting
    assert loaded == {m for m in modules if m.split(".")[0] == "diskcache"}


def test_the_heavy_modules_are_what_a_command_loads() -> None:
    # the list names real modules: a command that runs the pipeline loads most of them
    modules = loaded_by("import citeres.pipeline, citeres.enrich")
    assert len(heavy(modules)) > 100
    assert {"citeres.find", "citeres.model", "httpx", "diskcache", "rapidfuzz"} <= modules


def test_the_default_formats_of_build_are_the_pipelines() -> None:
    from citeres.pipeline import FORMATS

    assert ",".join(FORMATS) == DEFAULT_FORMATS


def help_of(args: list[str]) -> Result:
    return CliRunner().invoke(app, args, prog_name="citeres", terminal_width=100)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_takes_h_and_help_alike(command: list[str]) -> None:
    short = help_of([*command, "-h"])
    long = help_of([*command, "--help"])
    assert (short.exit_code, long.exit_code) == (0, 0), short.output
    assert short.output == long.output
    assert short.output.startswith("Usage: citeres")
    assert "-h, --help" in short.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_names_what_an_option_takes_not_its_python_type(command: list[str]) -> None:
    shown = help_of([*command, "-h"]).output
    assert not re.search(r"<[^>]*>", shown), shown  # <bool>, <str>, <list[Path]>, <path>


def test_help_still_names_the_choices_and_the_metavars() -> None:
    shown = help_of(["build", "-h"]).output
    assert "PATH..." in shown and "-o, --output DIR" in shown and "--format FORMATS" in shown
    assert "--mailto ADDRESS" in shown and "--per-document  " in shown
    shown = help_of(["check", "-h"]).output
    assert "--fail-on [error|warning|info|never]" in shown


ESSAY = (
    "Carr describes the revolution.1 Meyer disagrees.2\n\nNotes\n\n"
    "1. E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. 65.\n"
    "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
)


def test_a_dash_reads_standard_input_for_check_extract_and_build(tmp_path: Path) -> None:
    env = {**os.environ, "CITERES_CACHE_DIR": str(tmp_path / "cache")}
    broken = ESSAY.replace("disagrees.2", "disagrees.2 And more.3")
    checked = CliRunner().invoke(app, ["check", "-"], input=broken, env=env)
    assert checked.exit_code == 1
    assert checked.stdout.startswith("<stdin>:1:1: error: marker-without-note: marker 3")
    extracted = CliRunner().invoke(app, ["extract", "-"], input=ESSAY, env=env)
    assert '"path": "<stdin>"' in extracted.stdout
    out = tmp_path / "bib"
    built = CliRunner().invoke(app, ["build", "-", "-o", str(out), "--no-enrich"], input=ESSAY)
    assert built.exit_code == 0, built.output
    assert "carr1950bolshevik" in (out / "references.bib").read_text(encoding="utf-8")
