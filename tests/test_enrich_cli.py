"""The CLI's enrichment options and cache commands, offline so no network is needed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from citeres.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_extract_enrich_offline_marks_every_work(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = CliRunner().invoke(
        app,
        ["extract", str(SEEDS), "--enrich", "--offline", "--quiet", "--cache-dir", str(cache)],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    works = json.loads(result.stdout)["works"]
    assert works and {w["enrichment"]["status"] for w in works} == {"skipped"}


def test_extract_without_enrich_asks_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert all("enrichment" not in w for w in json.loads(result.stdout)["works"])


def test_cache_stats_and_clear(tmp_path: Path) -> None:
    runner = CliRunner()
    stats = runner.invoke(app, ["cache", "stats", "--cache-dir", str(tmp_path)])
    assert stats.exit_code == 0 and "0 entries" in stats.stdout
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path)])
    assert cleared.exit_code == 0 and "removed 0 entries" in cleared.stdout


def test_a_bad_config_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("nonsense = 1\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(SEEDS), "--enrich"], env={"CITERES_CONFIG": str(config)}
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "unknown setting nonsense" in result.output


def test_a_mistyped_config_value_is_exit_2_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "citeres.toml"
    config.write_text('cache_dir = ["a", "b"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(SEEDS), "--enrich"], env={"CITERES_CONFIG": str(config)}
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "cache_dir must be a folder path" in result.output
