"""Bad inputs as users meet them: pipes, devices, sockets, broken links, missing and huge
files, odd file names, standard input, folders. One line and exit 2 when nothing can be
read; an `unreadable` problem, and the rest built, when good inputs stand beside them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
CLEAN = (
    "Carr describes the revolution.1 Meyer disagrees.2\n\nNotes\n\n"
    "1. E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. 65.\n"
    "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
)
NOT_UTF8_NAME = os.fsdecode(b"r\xe9sum\xe9 \xff.txt")  # Latin-1 bytes in a UTF-8 system


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command, with a deadline: a read that blocks fails the test, never hangs it."""
    return subprocess.run(
        [sys.executable, "-m", "citeres", *map(os.fspath, args)],
        capture_output=True,
        input=stdin,
        env=ENV,
        cwd=ROOT,
        timeout=60,
    )


def one_line_error(result: subprocess.CompletedProcess[bytes], *words: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("citeres: error:")
    for word in words:
        assert word in line
    return line


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)  # no writer: opening it for reading would wait forever
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Path:
    path = tmp_path / "sock.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(os.fspath(path))
    yield path
    server.close()


@pytest.fixture
def dangling(tmp_path: Path) -> Path:
    path = tmp_path / "link.txt"
    path.symlink_to(tmp_path / "gone.txt")
    return path


def unreadable_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    return [line for line in lines if ": unreadable: " in line]


@pytest.mark.parametrize(
    ("which", "words"),
    [
        ("fifo", ("pipe.txt", "not a regular file", "named pipe")),
        ("unix_socket", ("sock.txt", "not a regular file", "socket")),
        ("dangling", ("link.txt", "broken symbolic link", "gone.txt")),
        ("missing", ("nope.txt", "no such file")),
    ],
)
def test_a_bad_input_alone_is_one_line_and_exit_2(
    request: pytest.FixtureRequest, tmp_path: Path, which: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / "nope.txt" if which == "missing" else request.getfixturevalue(which)
    for command in (["extract"], ["check"], ["build", "--no-enrich"]):
        one_line_error(run(*command, path), *words)


def test_dev_zero_named_explicitly_does_not_hang() -> None:
    one_line_error(run("check", "/dev/zero"), "/dev/zero", "character device")


def test_bad_inputs_among_good_ones_are_reported_and_the_rest_built(
    tmp_path: Path, good: Path, fifo: Path, unix_socket: Path, dangling: Path
) -> None:
    missing = tmp_path / "missing.txt"
    inputs = [good, fifo, unix_socket, dangling, missing, "/dev/zero"]
    result = run("check", *inputs, "--fail-on", "error")
    assert result.returncode == 1  # unreadable is an error
    reported = unreadable_lines(result)
    assert [line.split(":")[0] for line in reported] == sorted([os.fspath(p) for p in inputs[1:]])
    out = tmp_path / "bib"
    built = run("build", *inputs, "-o", out, "--no-enrich")
    assert built.returncode == 0, built.stderr
    assert "carr1950bolshevik" in (out / "references.bib").read_text(encoding="utf-8")
    assert "unreadable" in (out / "report.md").read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_unreadable(tmp_path: Path, good: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(CLEAN, encoding="utf-8")
    locked.chmod(0)
    result = run("check", good, locked)
    denied = f"{locked}:1:1: error: unreadable: cannot read: Permission denied"
    assert unreadable_lines(result) == [denied]


def test_typer_no_longer_checks_readability_first(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """typer's own `readable` check answered with a usage panel before citeres could
    report the one bad input and build the rest."""
    locked = tmp_path / "locked.txt"
    locked.write_text(CLEAN, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: p != locked and real_access(p, mode))
    result = CliRunner().invoke(app, ["check", str(good), str(locked), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert "Usage" not in result.output


def test_a_file_name_that_is_not_utf8_is_shown_with_replacement_characters(
    tmp_path: Path,
) -> None:
    path = tmp_path / NOT_UTF8_NAME
    path.write_text(CLEAN.replace("disagrees.2", "disagrees.2 And more.3"), encoding="utf-8")
    shown = f"{tmp_path}/r\ufffdsum\ufffd \ufffd.txt"
    checked = run("check", path)
    assert checked.returncode == 1
    assert checked.stdout.decode("utf-8").startswith(f"{shown}:1:1: error: marker-without-note:")
    data = json.loads(run("extract", path).stdout.decode("utf-8"))
    assert [d["path"] for d in data["documents"]] == [shown]
    out = tmp_path / "bib"
    built = run("build", path, "-o", out, "--no-enrich")
    assert built.returncode == 0, built.stderr
    assert shown in (out / "report.md").read_text(encoding="utf-8")
    alone = run("check", tmp_path / os.fsdecode(b"gone \xff.txt"))
    one_line_error(alone, "gone \ufffd.txt", "no such file")


def test_dash_reads_standard_input(good: Path) -> None:
    result = run("extract", "-", stdin=good.read_bytes())
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == ["<stdin>"]
    assert {w["key"] for w in data["works"]} == {"carr1950bolshevik", "meyer1962leninism"}
    both = json.loads(run("extract", "-", good, stdin=good.read_bytes()).stdout)
    assert {d["path"] for d in both["documents"]} == {"<stdin>", os.fspath(good)}


def test_the_size_limit_is_clear_and_settable(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENV, "CITERES_MAX_INPUT_MB", "0.0001")
    one_line_error(run("check", good), "good.txt", "input limit of 0.0001 MB")
    one_line_error(run("check", "-", stdin=good.read_bytes()), "<stdin>", "input limit")
    monkeypatch.setitem(ENV, "CITERES_MAX_INPUT_MB", "lots")
    one_line_error(run("check", good), "CITERES_MAX_INPUT_MB", "megabytes")
    monkeypatch.setitem(ENV, "CITERES_MAX_INPUT_MB", "1")
    assert run("check", good, "--fail-on", "never").returncode == 0


def test_a_file_named_twice_is_read_once(tmp_path: Path, good: Path) -> None:
    data = json.loads(run("extract", good, good, tmp_path).stdout)
    assert [d["path"] for d in data["documents"]] == [os.fspath(good)]


def test_folders_give_their_text_files_but_not_hidden_ones_or_citeres_outputs(
    tmp_path: Path,
) -> None:
    essays = tmp_path / "essays"
    (essays / "part").mkdir(parents=True)
    (essays / ".git" / "objects").mkdir(parents=True)
    for name in ("a.txt", "b.md", "c.markdown", "part/d.html", "part/e.htm", "f.text", "g.rst"):
        (essays / name).write_text(CLEAN, encoding="utf-8")
    (essays / "README").write_text("A plain note without a suffix.\n", encoding="utf-8")
    (essays / "tool").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))  # a program: skipped
    (essays / ".git" / "objects" / "ab").write_bytes(b"x\x9c\x00\x00")
    (essays / ".hidden.txt").write_text(CLEAN, encoding="utf-8")
    (essays / "photo.png").write_bytes(b"\x89PNG\r\n")
    assert run("build", essays, "-o", essays / "bib", "--no-enrich").returncode == 0
    result = run("extract", essays)
    data = json.loads(result.stdout)
    found = [Path(d["path"]).relative_to(essays).as_posix() for d in data["documents"]]
    assert found == [
        "README", "a.txt", "b.md", "c.markdown", "f.text", "g.rst", "part/d.html", "part/e.htm"
    ]  # fmt: skip
    assert "problems" not in data  # neither the program nor bib/report.md were read
    one_line_error(run("check", essays / "bib"), "citeres' own outputs")


def test_a_binary_file_named_or_with_a_text_suffix_is_unreadable(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    one_line_error(run("check", pdf), "paper.pdf", "a PDF document")
    docx = tmp_path / "essay.txt"
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(100))
    one_line_error(run("check", docx), "ZIP archive")
