"""`citeres build` over an archive: documents analysed on worker processes (or a Dask
cluster) and spooled, the archive joined at the end; the same bytes as one process and
as the analysis held in memory; a document that breaks a stage or kills its worker is
reported and skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres import find, report, report_html
from citeres.cli import app
from citeres.pipeline import Request, export, run

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "benchmarks" / "devset" / "docs"
# Real documents of every input kind and several conventions, with the seeds.
CHOSEN = [
    "gibbs-aesthetics-of-history.md",
    "libreas-brandt-geschwisterbuecherei.html",
    "pg-bury-freedom-of-thought.txt",
    "pg-woolf-modern-essay.html",
    "scotus-fisher-v-texas-opinions.txt",
    "startwords-on-spanish-parrots.md",
]
ESSAY = (
    "Carr describes the revolution.1 Meyer disagrees.2 More.3\n\nNotes\n\n"
    "1. E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. 65.\n"
    "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
    "3. Ibid., p. 170.\n"
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for name in CHOSEN:
        (folder / "real").mkdir(exist_ok=True)
        shutil.copy(DEVSET / name, folder / "real" / name)
    for n in range(8):  # the same works cited again and again, as in a journal's archive
        (folder / "short" / f"essay{n}.txt").parent.mkdir(exist_ok=True)
        (folder / "short" / f"essay{n}.txt").write_text(ESSAY * (1 + n % 2), encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build(paths: tuple[Path, ...], out: Path, **options: object) -> dict[str, bytes]:
    run(Request(paths=paths, output=out, per_document=True, **options))  # type: ignore[arg-type]
    return files(out)


def test_workers_write_what_one_process_writes(archive: Path, tmp_path: Path) -> None:
    one = build((archive,), tmp_path / "one", jobs=1)
    two = build((archive,), tmp_path / "two", jobs=2)
    assert one.keys() == two.keys() and len(one) > 40  # per-document sets too
    assert one == two


def test_a_build_writes_what_the_analysis_in_memory_says(archive: Path, tmp_path: Path) -> None:
    """The archive's join (outlines, spool) against the run that holds every document."""
    built = build((archive,), tmp_path / "built", jobs=2)
    request = Request(paths=(archive,), per_document=True)
    analysis = run(request).analysis
    assert analysis is not None
    assert built["report.md"].decode() == report.to_markdown(analysis)
    assert built["report.html"].decode() == report_html.to_html(analysis)
    export(analysis, request, tmp_path / "memory")
    assert {k: v for k, v in built.items() if not k.startswith("report.")} == files(
        tmp_path / "memory"
    )


def test_the_summary_line_counts_the_archive(archive: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", str(archive), "-o", str(tmp_path / "out"), "--no-enrich", "-j", "2"]
    )
    assert result.exit_code == 0, result.output
    analysis = run(Request(paths=(archive,))).analysis
    assert analysis is not None
    assert f"citeres: {report.summary(analysis)} → " in result.stderr


def poisoned(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(ESSAY, encoding="utf-8")
    (folder / "b.txt").write_text(ESSAY.replace("Carr describes", "POISON"), encoding="utf-8")
    (folder / "c.txt").write_text(ESSAY.replace("Meyer", "Meier"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_a_stage_fails_on_is_reported_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    real = find.find_all

    def broken(document):  # type: ignore[no-untyped-def]
        if "POISON" in document.text:
            raise RuntimeError("a bug this document meets")
        return real(document)

    monkeypatch.setattr(find, "find_all", broken)  # workers are forked: they have it too
    monkeypatch.delenv("CITERES_DEBUG", raising=False)
    folder = poisoned(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", str(folder), "-o", str(out), "--no-enrich", "-j", jobs]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = (out / "report.md").read_text(encoding="utf-8")
    bad = (folder / "b.txt").as_posix()
    assert f"{bad}:1: analysis-failed: citeres failed on this document" in text
    assert "RuntimeError: a bug this document meets" in text
    assert f"## {(folder / 'a.txt').as_posix()}" in text and f"## {bad}" not in text
    checked = CliRunner().invoke(app, ["check", str(folder)])  # the same in memory
    assert f"{bad}:1:1: error: analysis-failed:" in checked.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="the stage is replaced in forked workers")
def test_a_document_that_kills_its_worker_is_reported_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = find.find_all

    def fatal(document):  # type: ignore[no-untyped-def]
        if "POISON" in document.text:
            os._exit(9)  # as the out-of-memory killer would end it
        return real(document)

    monkeypatch.setattr(find, "find_all", fatal)
    folder = poisoned(tmp_path / "in")
    for n in range(6):
        (folder / f"more{n}.txt").write_text(ESSAY, encoding="utf-8")
    out = tmp_path / "out"
    result = run(Request(paths=(folder,), output=out, jobs=2))
    assert result.totals.documents == 8
    text = (out / "report.md").read_text(encoding="utf-8")
    assert f"{(folder / 'b.txt').as_posix()}:1: analysis-failed:" in text
    assert "worker process analysing it stopped" in text


def test_nothing_readable_is_still_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "empty" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_standard_input_is_read_by_the_main_process(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ESSAY, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "build",
            "-",
            str(tmp_path / "a.txt"),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "2",
            "-q",
            "--no-enrich",
        ],
        input=ESSAY.replace("Meyer", "Trotsky"),
    )
    assert result.exit_code == 0, result.output
    assert "## \\<stdin\\>" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_the_cli_loads_no_pool_and_no_dask_at_start() -> None:
    code = (
        "import sys; from citeres.cli import app; "
        "print(sorted(m for m in ('distributed', 'dask', 'concurrent.futures.process', "
        "'citeres.archive.executors', 'citeres.pipeline') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_dask_missing_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    (tmp_path / "a.txt").write_text(ESSAY, encoding="utf-8")
    args = ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--dask", "local"]
    args.append("--no-enrich")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.output.strip() == "citeres: error: --dask needs Dask: pip install 'citeres[dask]'"


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed")  # its settings loaded before one is changed
    import dask

    (tmp_path / "a.txt").write_text(ESSAY, encoding="utf-8")
    args = ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--no-enrich"]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, [*args, "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("citeres: error: cannot reach the Dask scheduler at")


def test_a_dask_cluster_builds_what_a_local_run_builds(archive: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    here = build((archive,), tmp_path / "here", jobs=1)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2) as client:
        there = build((archive,), tmp_path / "there", dask=client.scheduler.address)
    assert here == there
