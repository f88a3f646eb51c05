"""The commands as a user meets them: output contracts, exit codes, one line on stderr and
never a traceback, atomic outputs. In-process through typer's CliRunner; a real process
only where the entry point and its exit status are what is tested."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
import pytest
from typer.testing import CliRunner

from citeres import write
from citeres.cli import app
from citeres.problems import SEVERITY, ProblemKind

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "003_6b9c40ab48327787.txt"
ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
NO_NETWORK = "--no-enrich"  # build enriches by default; these tests never touch the network

CLEAN = (
    "Carr describes the revolution.1 Meyer disagrees.2\n\nNotes\n\n"
    "1. E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. 65.\n"
    "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
)
BROKEN = CLEAN.replace("disagrees.2", "disagrees.2 And more.3")  # marker 3 has no note


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENV, "CITERES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CITERES_CACHE_DIR", str(tmp_path / "cache"))


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str | Path, cwd: Path = ROOT) -> Ran:
    """The command, in this process; an exception the CLI did not turn into an exit fails."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(app, [str(a) for a in args], env=ENV, terminal_width=80)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def process(*args: str | Path, cwd: Path = ROOT) -> Ran:
    """The command as a real process through `python -m citeres`."""
    done = subprocess.run(
        [sys.executable, "-m", "citeres", *map(str, args)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=cwd,
        timeout=120,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def assert_one_line_error(result: Ran, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("citeres: error:")
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_extract_json_contract() -> None:
    result = run("extract", SEED, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"documents", "works"}
    (document,) = data["documents"]
    assert document["path"].endswith("003_6b9c40ab48327787.txt")
    for citation in document["citations"]:
        assert set(citation) >= {"kind", "line", "note", "raw", "work", "pages", "ambiguous"}
        assert citation["kind"] in {
            "full",
            "short",
            "ibid",
            "opcit",
            "volume-only",
            "parenthetical",
            "mention",
            "author-only",
            "further-reading",
            "url",
            "attribution",
        }
    for problem in document["problems"]:
        assert set(problem) >= {"kind", "severity", "line", "note", "message"}
        assert problem["severity"] in {"error", "warning", "info"}
    keys = {w["key"] for w in data["works"]}
    for work in data["works"]:
        assert set(work) >= {
            "key",
            "type",
            "author",
            "editor",
            "title",
            "volume",
            "year",
            "publisher",
            "address",
        }
    assert {c["work"] for c in document["citations"] if c["work"]} <= keys
    lewin = next(c for c in document["citations"] if c["note"] == 81)
    assert (lewin["kind"], lewin["line"], lewin["work"], lewin["pages"], lewin["ambiguous"]) == (
        "full",
        703,
        "lewin1970lenin",
        "4",
        False,
    )
    orphan = next(p for p in document["problems"] if p["kind"] == "marker-without-note")
    assert (orphan["severity"], orphan["line"], orphan["note"]) == ("error", 411, 141)


def test_check_exits_1_on_the_seeds_and_prints_linter_lines() -> None:
    result = process("check", "seeds/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "seeds/003_6b9c40ab48327787.txt:411:1: error: marker-without-note: "
        "marker 141 in the text has no note" in lines
    )
    for line in lines:  # path:line:col: severity: kind: message, as ruff and flake8 write
        path, number, column, severity, kind, message = line.split(":", 5)
        assert Path(ROOT / path).is_file() and int(number) >= 1 and int(column) >= 1
        assert severity == f" {SEVERITY[ProblemKind(kind.strip())]}"
        assert kind.startswith(" ") and message.startswith(" ")
    assert "Traceback" not in result.stderr


def test_check_json() -> None:
    result = run("check", SEED, "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert {"path", "kind", "severity", "line", "note", "message"} <= set(problems[0])
    assert ("missing-note", 831, 141) in {(p["kind"], p["line"], p["note"]) for p in problems}


def test_fail_on(tmp_path: Path) -> None:
    # only warnings and infos: a title variant and a malformed locator
    path = tmp_path / "warn.txt"
    path.write_text(CLEAN.replace("p. 169", "pp169-70"), encoding="utf-8")
    assert run("check", path).returncode == 1
    assert run("check", path, "--fail-on", "error").returncode == 0
    assert run("check", path, "--fail-on", "never").returncode == 0
    broken = tmp_path / "broken.txt"
    broken.write_text(BROKEN, encoding="utf-8")
    assert run("check", broken, "--fail-on", "error").returncode == 1
    assert run("check", broken, "--fail-on", "never").returncode == 0


def test_check_exit_0_on_a_clean_document(clean: Path) -> None:
    result = run("check", clean)
    assert (result.returncode, result.stdout) == (0, "")


def test_missing_path(tmp_path: Path) -> None:
    assert_one_line_error(process("check", tmp_path / "nope.txt"), "nope.txt")
    assert_one_line_error(run("check", tmp_path / "nope.txt"), "nope.txt")


def test_directory_without_text_files(tmp_path: Path) -> None:
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n")
    assert_one_line_error(run("extract", tmp_path), "no text files")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    assert_one_line_error(run("check", path), "empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    assert_one_line_error(run("extract", path), "binary")


@pytest.mark.parametrize("command", ["extract", "check", "build"])
def test_bad_file_among_good_ones_is_reported_and_the_rest_processed(
    tmp_path: Path, clean: Path, command: str
) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00" * 20)
    args = ["-o", tmp_path / "out", NO_NETWORK] if command == "build" else []
    result = run(command, tmp_path, *args)
    assert "Traceback" not in result.stderr
    if command == "extract":
        assert result.returncode == 0
        data = json.loads(result.stdout)
        assert [d["path"] for d in data["documents"]][-1].endswith("clean.txt")
        unreadable = [p for d in data["documents"] for p in d["problems"]]
        unreadable += data.get("problems", [])
        assert any(p["kind"] == "unreadable" for p in unreadable) or "binary" in result.stdout
        assert "lewin" not in result.stdout and "carr1950bolshevik" in result.stdout
    elif command == "check":
        assert result.returncode == 1
        assert f"{tmp_path.as_posix()}/binary.txt:1:1: error: unreadable:" in result.stdout
        assert f"{tmp_path.as_posix()}/empty.txt:1:1: error: unreadable:" in result.stdout
    else:
        assert result.returncode == 0, result.stderr
        assert "carr1950bolshevik" in (tmp_path / "out" / "references.bib").read_text()


def test_build_writes_a_bib_that_parses_back_and_a_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "seeds/", "-o", out, NO_NETWORK)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    library = bibtexparser.parse_string((out / "references.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    keys = {e.key for e in library.entries}
    assert {"carr1950bolshevik", "carr1952bolshevik", "lewin1970lenin"} <= keys
    carr = next(e for e in library.entries if e.key == "carr1952bolshevik")
    assert carr.entry_type == "book"
    assert carr["volume"] == "II" and carr["year"] == "1952"
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "003_6b9c40ab48327787.txt" in report and "marker-without-note" in report
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_build_replaces_an_old_report_whole(tmp_path: Path, clean: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("OLD REPORT\n" * 5000, encoding="utf-8")
    assert run("build", clean, "-o", out, NO_NETWORK).returncode == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "OLD REPORT" not in report and "clean.txt" in report


def test_build_failure_leaves_old_outputs_intact(
    tmp_path: Path, clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = {"references.bib": "@book{old1900,\n  title = {Old},\n}\n", "report.md": "# old\n"}
    for name, text in old.items():
        (out / name).write_text(text, encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", disk_full)
    result = CliRunner().invoke(app, ["build", str(clean), "-o", str(out), NO_NETWORK])
    assert result.exit_code == 2
    assert "No space left on device" in result.output
    assert "Traceback" not in result.output
    for name, text in old.items():
        assert (out / name).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in out.iterdir()) == sorted(old)  # no temporary files left


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = CLEAN.replace("Carr describes", "Carr’s “history” describes").replace("Meyer", "Mëyer")
    path.write_bytes(text.encode("cp1252"))
    result = run("check", path, "--format", "json")
    assert "Traceback" not in result.stderr
    problems = json.loads(result.stdout)
    assert [(p["kind"], p["severity"]) for p in problems] == [("encoding", "warning")]
    data = json.loads(run("extract", path).stdout)
    assert "meyer1962leninism" in {w["key"] for w in data["works"]}
    assert any("Mëyer" in a for w in data["works"] for a in w["author"])


def test_bom_file_works(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode("utf-8"))
    result = run("extract", path)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    (document,) = data["documents"]
    assert document["problems"] == []
    assert [(c["note"], c["line"]) for c in document["citations"] if c["note"]] == [(1, 5), (2, 6)]
    assert run("check", path).returncode == 0


def test_an_internal_error_is_one_line_and_exit_70(monkeypatch, capsys) -> None:
    from citeres import cli

    def broken() -> None:
        raise ValueError("something the code did not expect")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.delenv("CITERES_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        err.splitlines()[0]
        == "citeres: internal error: ValueError: something the code did not expect"
    )
