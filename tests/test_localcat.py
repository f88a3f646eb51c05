"""The local catalogue, built from small dump files written here in the real line format and
record shapes: building, refusing bad dumps without losing the catalogue in use, querying
(works, ISBN → edition → work), decoys judged by match.py, and read-only sharing."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from enrich_support import book
from typer.testing import CliRunner

from citeres.cli import app
from citeres.enrich.lookup import look_up
from citeres.enrich.match import choose, confirm
from citeres.localcat import LocalCatalogue, records, store
from citeres.localcat.build import build
from citeres.localcat.catalogue import Local, open_catalogue
from citeres.localcat.dump import DumpError, dump_line, write_dump
from citeres.model import WorkType
from citeres.settings import Settings

MODIFIED = "2024-04-01T10:20:30.123456"
DATE = "2024-04-30"


def stamp(kind: str) -> dict[str, Any]:
    return {
        "type": {"key": f"/type/{kind}"},
        "latest_revision": 3,
        "revision": 3,
        "created": {"type": "/type/datetime", "value": "2009-01-01T00:00:00.000000"},
        "last_modified": {"type": "/type/datetime", "value": MODIFIED},
    }


def author(number: int, name: str, *alternate: str) -> str:
    key = f"/authors/OL{number}A"
    record = {"name": name, "personal_name": name, "key": key, "birth_date": "1905"}
    if alternate:
        record["alternate_names"] = list(alternate)
    return dump_line("/type/author", key, 3, MODIFIED, {**record, **stamp("author")})


def work(number: int, title: str, *authors: int, subtitle: str = "", first: str = "") -> str:
    key = f"/works/OL{number}W"
    record: dict[str, Any] = {"title": title, "key": key, "subjects": ["History"]}
    if subtitle:
        record["subtitle"] = subtitle
    record["authors"] = [
        {"type": {"key": "/type/author_role"}, "author": {"key": f"/authors/OL{a}A"}}
        for a in authors
    ]
    if first:
        record["first_publish_date"] = first
    return dump_line("/type/work", key, 3, MODIFIED, {**record, **stamp("work")})


def edition(number: int, of: int, title: str, date: str, **fields: Any) -> str:
    key = f"/books/OL{number}M"
    record = {"title": title, "key": key, "works": [{"key": f"/works/OL{of}W"}]}
    record.update(publish_date=date, number_of_pages=320, physical_format="Paperback")
    record.update(fields)
    return dump_line("/type/edition", key, 3, MODIFIED, {**record, **stamp("edition")})


AUTHORS = [
    author(1, "Vasily Grossman", "Vasiliĭ Semenovich Grossman"),
    author(2, "Jane Otherwriter"),
    author(3, "Edward Hallett Carr", "E. H. Carr"),
    author(4, "Moshe Lewin"),
]
WORKS = [
    work(10, "Life and Fate", 1, first="1980"),
    work(11, "Life and Fate", 2),  # the same title by another author
    work(12, "Everything Flows", 1),
    work(20, "A History of Soviet Russia, Volume 1", 3, subtitle="The Bolshevik Revolution"),
    work(21, "A History of Soviet Russia, Volume 3", 3, subtitle="Socialism in One Country"),
    work(30, "Stalin", 4, subtitle="A New Biography of a Dictator"),
    work(31, "Lenin's Last Struggle", 4, first="1968"),
    work(32, "Lenin's Last Struggle, Chapter 3", 4),  # a chapter catalogued as a work
]
EDITIONS = [
    edition(
        100,
        10,
        "Life and Fate",
        "1985",
        isbn_10=["0-06-015640-1"],
        publishers=["Harper & Row"],
        publish_places=["New York"],
    ),
    edition(101, 10, "Life and Fate", "March 2006", isbn_13=["9781590172018"]),
    edition(102, 31, "Lenin's Last Struggle", "1970", publishers=["Vintage Books"]),
    edition(103, 31, "Le dernier combat de Lénine", "1967", isbn_13=["978-2-7073-0123-4"]),
]


def dumps(
    folder: Path,
    *,
    authors: list[str] | None = None,
    works: list[str] | None = None,
    editions: list[str] | None = None,
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, lines in (("authors", authors), ("works", works), ("editions", editions)):
        path = folder / f"ol_dump_{kind}_{DATE}.txt.gz"
        chosen = {"authors": AUTHORS, "works": WORKS, "editions": EDITIONS}[kind]
        write_dump(path, chosen if lines is None else lines)
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def catalogue_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue")
    build(dumps(folder / "dumps"), folder / "cat", jobs=1)
    return folder / "cat"


@pytest.fixture
def catalogue(catalogue_dir: Path) -> LocalCatalogue:
    with LocalCatalogue.open(catalogue_dir) as opened:
        yield opened  # type: ignore[misc]


def cli(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "100"})


def one_line_error(result: Any, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citeres: error:"), result.output
    for word in words:
        assert word in lines[0]


# Building


def test_build_and_info_report_what_the_dumps_held(tmp_path: Path) -> None:
    paths = dumps(tmp_path / "dumps")
    result = cli("catalogue", "build", *reversed(paths), "-o", tmp_path / "cat", "-q")
    assert result.exit_code == 0, result.output
    assert "8 works, 4 authors, 4 editions, 3 ISBNs" in result.output
    info = cli("catalogue", "info", tmp_path / "cat")
    assert info.exit_code == 0, info.output
    assert "dump date: 2024-04-30" in info.output
    for line in ("works: 8", "authors: 4", "editions: 4", "isbns: 3", "bytes per work"):
        assert line in info.output


def test_malformed_lines_and_other_types_are_skipped_and_counted(tmp_path: Path) -> None:
    bad_json = dump_line("/type/work", "/works/OL90W", 1, MODIFIED, {}).replace("{}", "{oops")
    odd = [
        "only\tthree\tcolumns",
        bad_json,
        dump_line("/type/work", "/works/OLxW", 1, MODIFIED, {"title": "Bad key"}),
        dump_line("/type/redirect", "/works/OL91W", 1, MODIFIED, {"location": "/works/OL10W"}),
        dump_line("/type/work", "/works/OL92W", 1, MODIFIED, {"subjects": ["no title"]}),
    ]
    info = build(dumps(tmp_path / "d", works=WORKS[:2] + odd + WORKS[2:]), tmp_path / "c", 1)
    works_file = next(f for f in info.files if f["kind"] == "works")
    assert (works_file["malformed"], works_file["other"]) == (3, 1)
    assert info.counts["works"] == 8  # the record without a title is read, not kept
    assert works_file["records"] == 9


def test_tab_and_newline_in_a_title_stay_inside_the_json(tmp_path: Path) -> None:
    tricky = work(40, "Tabs\tand\nnewlines", 1)
    assert tricky.count("\t") == 4 and "\n" not in tricky
    build(dumps(tmp_path / "d", works=[*WORKS, tricky]), tmp_path / "c", 1)
    with LocalCatalogue.open(tmp_path / "c") as opened:
        found = opened.work("/works/OL40W")
    assert found is not None and found.title == "Tabs and newlines"


def test_the_two_parts_build_the_same_catalogue_in_parallel(tmp_path: Path) -> None:
    paths = dumps(tmp_path / "d")
    one, two = build(paths, tmp_path / "one", jobs=1), build(paths, tmp_path / "two", jobs=2)
    assert one.counts == two.counts and set(two.cpu_seconds) == {"works", "editions"}
    with LocalCatalogue.open(tmp_path / "one") as a, LocalCatalogue.open(tmp_path / "two") as b:
        assert a.search("Life and Fate", ["Grossman"]) == b.search("Life and Fate", ["Grossman"])


def test_editions_are_optional(tmp_path: Path) -> None:
    paths = dumps(tmp_path / "d")
    info = build(paths[:2], tmp_path / "c", jobs=2)
    assert (info.counts["works"], info.counts["editions"]) == (8, 0)
    with LocalCatalogue.open(tmp_path / "c") as opened:
        (found, *_) = opened.search("Life and Fate", ["Grossman"])
    assert (found.year, found.years, found.editions) == (1980, (), 0)


def empty_gzip(path: Path) -> None:
    with gzip.open(path, "wb"):
        pass


def truncated_gzip(path: Path) -> None:
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (empty_gzip, ["is empty"]),
        (lambda p: p.write_bytes(b""), ["is empty"]),
        (truncated_gzip, ["truncated"]),
        (lambda p: p.write_text("not gzip at all"), ["not a gzip file"]),
        (
            lambda p: write_dump(p, ["/works/OL1W\t/books/OL2M\t5\t2024-01-01"] * 3),
            ["not an Open Library dump"],
        ),
        (
            lambda p: write_dump(p, [dump_line("/type/redirect", "/works/OL1W", 1, MODIFIED, {})]),
            ["/type/redirect", "not authors, works or editions"],
        ),
        (lambda p: write_dump(p, ["garbage"] * 150 + WORKS), ["150 of 158 lines are malformed"]),
        (lambda p: p.unlink(), ["no such file"]),
    ],
)
def test_a_bad_works_dump_is_refused_and_the_catalogue_in_use_stays(
    tmp_path: Path, spoil: Any, words: list[str]
) -> None:
    paths = dumps(tmp_path / "d")
    target = tmp_path / "cat"
    build(paths, target, jobs=1)
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    spoil(paths[1])
    result = cli("catalogue", "build", *paths, "-o", target, "-q")
    one_line_error(result, str(paths[1]), *words)
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before
    with LocalCatalogue.open(target) as opened:
        assert opened.search("Everything Flows", ["Grossman"])


def test_a_failure_in_the_parallel_part_stops_the_build(tmp_path: Path) -> None:
    # Its first line is sound, so the file is accepted at the start and refused at its end.
    paths = dumps(tmp_path / "d", editions=EDITIONS + ["garbage"] * 150)
    with pytest.raises(DumpError, match="malformed"):
        build(paths, tmp_path / "cat", jobs=2)
    assert not any((tmp_path / "cat").iterdir())


def test_a_wrong_set_of_dumps_is_one_clear_error(tmp_path: Path) -> None:
    authors, works, _ = dumps(tmp_path / "d")
    one_line_error(cli("catalogue", "build", works, "-o", tmp_path / "c"), "no authors dump")
    one_line_error(cli("catalogue", "build", authors, works, works, "-o", tmp_path / "c"), "two")
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("keep me")
    one_line_error(cli("catalogue", "build", authors, works, "-o", stranger), "not touching")
    one_line_error(cli("catalogue", "info", stranger), "not a citeres catalogue")


def test_a_rebuild_replaces_the_build_and_old_readers_keep_reading(tmp_path: Path) -> None:
    paths = dumps(tmp_path / "d")
    target = tmp_path / "cat"
    build(paths, target, jobs=1)
    old = LocalCatalogue.open(target)
    assert old.search("Everything Flows", ["Grossman"])
    build(dumps(tmp_path / "e", works=WORKS[:2]), target, jobs=1)
    assert len([p for p in target.iterdir() if p.name.startswith("build-")]) == 1
    with LocalCatalogue.open(target) as new:
        assert new.search("Everything Flows", ["Grossman"]) == []
    if os.name == "posix":  # the replaced build's files stay readable while open
        assert old.search("Everything Flows", ["Grossman"])
    old.close()


# Querying


def test_works_come_as_the_online_search_makes_them(catalogue: LocalCatalogue) -> None:
    (found, *rest) = catalogue.search("Life and Fate", ["Grossman"])
    assert found.source == "openlibrary" and found.id == "/works/OL10W"
    assert (found.title, found.authors, found.type) == (
        "Life and Fate",
        ("Vasily Grossman",),
        WorkType.BOOK,
    )
    assert (found.year, found.years, found.editions, found.kind) == (1980, (1985, 2006), 2, "work")
    assert found.aliases == ("Vasiliĭ Semenovich Grossman",)  # as author_alternative_name
    assert all(c.id != "/works/OL11W" for c in rest)  # no shared name word: not a candidate
    assert catalogue.search("Life and Fate", ["Otherwriter"])[0].id == "/works/OL11W"
    # An alternate name finds the author too; the candidate still names them as OL does.
    assert catalogue.search("Life and Fate", ["Vasiliĭ Semenovich"])[0].authors == (
        "Vasily Grossman",
    )


def test_isbn_to_edition_to_work(catalogue: LocalCatalogue) -> None:
    found = catalogue.by_isbn(["0-06-015640-1", "9780060156404", "978-1-59017-201-8", "123"])
    assert set(found) == {"0060156401", "9780060156404", "9781590172018"}
    pinned = found["0060156401"]
    assert (pinned.id, pinned.publisher, pinned.place, pinned.year) == (
        "/books/OL100M",
        "Harper & Row",
        "New York",
        1985,
    )
    assert (pinned.kind, pinned.isbn, pinned.authors) == (
        "edition",
        "0060156401",
        ("Vasily Grossman",),
    )
    assert found["9781590172018"].publisher is None and found["9781590172018"].year == 2006
    of = catalogue.work(pinned.id)
    assert of is not None and of.id == "/works/OL10W"
    assert catalogue.work("/books/OL999M") is None and catalogue.work("nonsense") is None
    verdict = confirm(book("k", "Life and Fate", "Vasily Grossman"), [pinned], "ISBN 0060156401")
    assert verdict.status == "matched"


def test_an_isbn_of_another_work_is_a_conflict(catalogue: LocalCatalogue) -> None:
    record = catalogue.by_isbn(["9782707301234"])["9782707301234"]
    assert record.title == "Le dernier combat de Lénine"  # the edition's own title
    verdict = confirm(book("k", "Life and Fate", "Vasily Grossman"), [record], "ISBN 9782707301234")
    assert verdict.status == "not-found" and verdict.conflict


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        (book("k", "Life and Fate", "Vasily Grossman", year="1985"), "/works/OL10W"),
        (book("k", "life and fate", "V. Grossman"), "/works/OL10W"),
        # ... and not its chapter-like record, nor the chapter-like record for a chapter.
        (book("k", "Lenin’s Last Struggle", "Moshe Lewin", year="1970"), "/works/OL31W"),
        (book("k", "Lenin's Last Struggle", "M. Lewin", type=WorkType.CHAPTER), None),
        (
            book("k", "A History of Soviet Russia", "E. H. Carr", volume="III"),
            "/works/OL21W",
        ),
        # Decoys: the same title by another author; another volume; a chapter named as the
        # author's book (Open Library is asked for books only, as online); an unknown book.
        (book("k", "Life and Fate", "Anna Akhmatova"), None),
        (book("k", "A History of Soviet Russia", "E. H. Carr", volume="2"), None),
        (book("k", "Stalin", "Moshe Lewin", type=WorkType.CHAPTER, container="Essays"), None),
        (book("k", "The Making of the Soviet System", "Moshe Lewin"), None),
    ],
)
def test_match_choose_decides_on_the_local_candidates(
    catalogue: LocalCatalogue, cited: Any, expected: str | None
) -> None:
    verdict = choose(cited, catalogue.candidates(cited))
    found = verdict.best.candidate.id if verdict.status == "matched" and verdict.best else None
    assert found == expected, verdict


def test_enrichment_asks_it_as_one_of_its_catalogues(catalogue_dir: Path) -> None:
    assert open_catalogue(Settings(), None) is None  # type: ignore[arg-type]
    local = open_catalogue(Settings(catalogue_dir=catalogue_dir), None)  # type: ignore[arg-type]
    assert isinstance(local, Local)
    verdict = look_up(book("k", "Life and Fate: A Novel", "Vasily Grossman"), [local])
    assert verdict.status == "matched" and verdict.best is not None
    assert verdict.best.candidate.id == "/works/OL10W"
    by_isbn = look_up(book("k", "Life and Fate", "V. Grossman", isbn="0060156401"), [local])
    assert by_isbn.best is not None and by_isbn.best.candidate.id == "/books/OL100M"
    assert by_isbn.best.candidate.pinned
    decoy = look_up(book("k", "Life and Fate", "Anna Akhmatova"), [local])
    assert decoy.status != "matched"


def test_many_threads_and_processes_read_one_catalogue(catalogue_dir: Path) -> None:
    build_dir = store.current(catalogue_dir)
    before = {p: p.stat().st_mtime_ns for p in build_dir.rglob("*")}
    shared = LocalCatalogue.open(catalogue_dir)
    want = [c.id for c in shared.search("Life and Fate", ["Grossman"])]
    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(lambda _: ids(shared), range(40)))
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:  # each process gets the catalogue by pickle, reopened there
        seen += pool.map(ids, [shared] * 4)
    assert all(s == want for s in seen)
    assert pickle.loads(pickle.dumps(shared)).build == build_dir
    shared.close()
    assert {p: p.stat().st_mtime_ns for p in build_dir.rglob("*")} == before  # nothing written


def ids(catalogue: LocalCatalogue) -> list[str]:
    return [c.id for c in catalogue.search("Life and Fate", ["Grossman"])]


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("0-06-015640-1", 9780060156404),
        ("0060156401", 9780060156404),
        ("006015640X", 9780060156404),  # a wrong check digit is recomputed, as OL's own are
        ("978-0-06-015640-4", 9780060156404),
        ("0-06-015640-1 (pbk.)", 9780060156404),
        ("12345", None),
        ("", None),
    ],
)
def test_isbns_are_kept_as_isbn_13(raw: str, number: int | None) -> None:
    assert records.isbn13(raw) == number


def test_older_record_shapes_are_read() -> None:
    old = b'{"title": {"type": "/type/text", "value": " The  Title "}, "authors": '
    old += b'[{"key": "/authors/OL5A"}, {"author": "/authors/OL6A"}, {"author": 7}]}'
    row = records.work(1, old)
    assert row is not None and (row.title, row.authors) == ("The Title", (5, 6))
    edition_row = records.edition(
        2, b'{"works": [{"key": "/works/OL3W"}], "isbn_10": "0060156401"}'
    )
    assert edition_row is not None and edition_row.isbns == (9780060156404,)
    assert records.edition(3, b'{"title": "No work"}') is None
    with pytest.raises(ValueError):
        records.work(4, b'{"title": ')


def test_the_cli_does_not_load_the_engines_at_start() -> None:
    code = (
        "import sys; from citeres.cli import app; "
        "print(sorted(m for m in ('tantivy', 'msgspec', 'citeres.localcat.index') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
