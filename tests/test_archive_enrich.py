"""Enrichment of an archive: each distinct work looked up once whatever the number of
documents citing it; the local catalogue asked first, only its residue sent to the
services (nothing offline); the local look-ups on worker processes and on Dask."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from enrich_support import settings_for
from fakeserver import FakeServer
from test_localcat import dumps

from citeres.localcat.build import build as build_catalogue
from citeres.pipeline import Request, run

pytest_plugins = ["conftest_enrich"]  # the `server` fixture

LIFE = "Vasily Grossman, Life and Fate, New York: Harper & Row, 1985, p. {page}."
UNDERGROUND = "Fyodor Dostoyevsky, Notes from Underground, London: Penguin, 1972, p. {page}."


def essay(n: int) -> str:
    notes = [LIFE.format(page=n + 1), UNDERGROUND.format(page=n + 2), "Ibid., p. 9."]
    body = "Grossman wrote.1 Dostoyevsky too.2 Again.3\n\nNotes\n\n"
    return body + "".join(f"{i}. {note}\n" for i, note in enumerate(notes, 1))


def archive(folder: Path, documents: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(documents):
        (folder / f"essay{n:02d}.txt").write_text(essay(n), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def catalogue_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """test_localcat's tiny catalogue: Grossman's Life and Fate is in it, Notes from
    Underground is not."""
    folder = tmp_path_factory.mktemp("catalogue")
    build_catalogue(dumps(folder / "dumps"), folder / "cat", jobs=1)
    return folder / "cat"


def built(folder: Path, out: Path, server: FakeServer, cache: Path, **options: Any) -> dict:
    catalogue = options.pop("catalogue", None)
    offline = options.pop("offline", False)
    settings = settings_for(server, cache, catalogue_dir=catalogue, offline=offline)
    run(Request(paths=(folder,), output=out, enrich=True, settings=settings, **options))
    record = json.loads((out / ".citeres" / "works.json").read_text(encoding="utf-8"))
    return {key: entry["work"] for key, entry in record["works"].items()}


def test_each_distinct_work_is_looked_up_once_for_the_whole_archive(
    server: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built(archive(tmp_path / "one", 1), tmp_path / "o1", server, tmp_path / "c1")
    alone = server.count()
    server.hits.clear()
    works = built(
        archive(tmp_path / "many", 12),
        tmp_path / "o12",
        server,
        tmp_path / "c12",
        jobs=2,
        quiet=False,
    )
    assert server.count() == alone > 0  # twelve documents ask what one asks
    assert {w.get("openlibrary") for w in works.values()} == {"OL101W", "OL106W"}
    assert "citeres: 36 citations → 2 distinct works → 2 look-ups" in capsys.readouterr().err


def test_the_local_catalogue_answers_first_and_the_services_only_the_rest(
    server: FakeServer, tmp_path: Path, catalogue_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = archive(tmp_path / "in", 6)
    works = built(
        folder,
        tmp_path / "out",
        server,
        tmp_path / "c",
        catalogue=catalogue_dir,
        jobs=2,
        quiet=False,
    )
    by_title = {w["title"]: w for w in works.values()}
    assert by_title["Life and Fate"]["openlibrary"] == "OL10W"  # the local record
    assert by_title["Notes from Underground"]["openlibrary"] == "OL106W"  # online
    asked = " ".join(" ".join(hit.query.values()) for hit in server.hits).lower()
    assert server.count() > 0 and "life" not in asked and "grossman" not in asked
    assert "1 look-ups settled by the local catalogue, 1 left for the services" in (
        capsys.readouterr().err
    )


def test_offline_with_a_local_catalogue_asks_nothing(
    server: FakeServer, tmp_path: Path, catalogue_dir: Path
) -> None:
    folder = archive(tmp_path / "in", 3)
    works = built(
        folder, tmp_path / "out", server, tmp_path / "c", catalogue=catalogue_dir, offline=True
    )
    assert server.count() == 0
    by_title = {w["title"]: w for w in works.values()}
    assert by_title["Life and Fate"]["openlibrary"] == "OL10W"
    assert "openlibrary" not in by_title["Notes from Underground"]
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert '| matched /works/OL10W (openlibrary) by title "Life and Fate"' in report
    assert "| not found |" in report


def test_local_look_ups_on_dask_give_what_they_give_here(
    server: FakeServer, tmp_path: Path, catalogue_dir: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    folder = archive(tmp_path / "in", 4)
    options = {"catalogue": catalogue_dir, "offline": True}
    here = built(folder, tmp_path / "here", server, tmp_path / "c1", jobs=1, **options)
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2) as client:
        address = client.scheduler.address
        there = built(folder, tmp_path / "there", server, tmp_path / "c2", dask=address, **options)
    assert here == there
    for name in ("references.bib", "report.md", "report.html"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "there" / name).read_bytes()
