"""`citeres parse`: one reference a line in, the works out in input order, in every format;
blank lines keep outputs aligned; bad input is one line on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from citeres.cli import app

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
LINES = [
    "E.H. Carr, The Bolshevik Revolution, Vol. I, London: Macmillan, 1950, p. 65.",
    "",
    "Ibid., p. 73.",
    "Sheila Fitzpatrick, “The Bolsheviks’ Dilemma,” Slavic Review 47, no. 4 (1988): 599-613.",
    "Deutscher, The Prophet Unarmed, op. cit., p. 21.",
]


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["parse", *args], input=stdin, env=ENV, terminal_width=80)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, data: str | bytes) -> str:
    path = tmp_path / "refs.txt"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_json_one_object_per_line_in_input_order(tmp_path: Path) -> None:
    code, out, err = invoke(write(tmp_path, "\n".join(LINES) + "\n"))
    assert code == 0 and err == ""
    carr, blank, ibid, article, opcit = json.loads(out)
    assert blank == {}
    assert (carr["key"], carr["author"], carr["volume"], carr["year"]) == (
        "carr1950bolshevik", ["Carr, E. H."], "I", "1950",
    )  # fmt: skip
    assert (carr["locator"], carr["form"], carr["address"]) == ("65", "full", "London")
    assert (ibid["form"], ibid["locator"], ibid["key"]) == ("ibid", "73", None)
    assert (article["type"], article["container"], article["pages"]) == (
        "article", "Slavic Review", "599-613",
    )  # fmt: skip
    assert (opcit["form"], opcit["title"], opcit["author"]) == (
        "opcit", "The Prophet Unarmed", ["Deutscher"],
    )  # fmt: skip
    # The work shape of `extract`, plus the pages cited and the form.
    extract_keys = {"key", "type", "author", "editor", "translator", "et_al", "title"}
    assert extract_keys <= set(carr) and {"locator", "form"} <= set(carr)


def test_standard_input_is_the_default(tmp_path: Path) -> None:
    code, out, _ = invoke(stdin="\n".join(LINES).encode())
    assert code == 0 and len(json.loads(out)) == len(LINES)
    assert invoke("-", stdin=b"Ibid.\n")[1] == invoke(write(tmp_path, "Ibid.\n"))[1]


def test_bibtex_and_csljson_hold_the_works_named_with_the_same_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "\n".join(LINES))
    keys = [o["key"] for o in json.loads(invoke(path)[1]) if o.get("key")]
    code, bib, _ = invoke(path, "--format", "bibtex")
    assert code == 0
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == keys  # `Ibid.` alone names no work
    assert library.entries[0]["title"] == "The Bolshevik Revolution"
    code, csl, _ = invoke(path, "-f", "csljson")
    assert [item["id"] for item in json.loads(csl)] == keys


def test_an_empty_file_gives_an_empty_result(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert invoke(path) == (0, "[]\n", "")
    assert invoke(path, "-f", "csljson") == (0, "[]\n", "")
    assert invoke(path, "-f", "bibtex") == (0, "", "")


def assert_one_line_error(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2 and out == "" and "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("citeres: error:") and all(w in line for w in words)


def test_binary_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    assert_one_line_error(*invoke(write(tmp_path, b"\x7fELF\x02\x01\x01" + bytes(200))), "text")
    assert_one_line_error(*invoke(write(tmp_path, b"abc\x00\x00\x00def" * 50)), "text")


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    assert_one_line_error(*invoke(str(tmp_path / "nope.txt")), "nope.txt", "no such file")


def test_invalid_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    code, out, err = invoke(write(tmp_path, "Müller, Geschichte, Berlin 1990.".encode("cp1252")))
    assert code == 0 and "encoding" in err and "Traceback" not in err
    (work,) = json.loads(out)
    assert work["author"] == ["Müller"]


def test_a_megabyte_line_is_one_object(tmp_path: Path) -> None:
    line = "Smith, A Title, London: Verso, 1990, p. 4. " * 25_000
    code, out, err = invoke(write(tmp_path, f"Ibid.\n{line}\nIbid., p. 5.\n"))
    assert code == 0 and "Traceback" not in err
    assert [o["form"] for o in json.loads(out)][::2] == ["ibid", "ibid"]


def test_the_command_as_a_process_reads_stdin() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "citeres", "parse", "-", "-f", "json"],
        input="Ibid., p. 4.\n\n", capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [o.get("locator") for o in json.loads(done.stdout)] == ["4", None]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"])), max_size=6))
def test_outputs_stay_aligned_with_inputs(lines: list[str]) -> None:
    text = "".join(line + "\n" for line in lines)
    code, out, err = invoke(stdin=text.encode())
    assert code == 0 and "Traceback" not in err
    objects = json.loads(out)
    assert len(objects) == len(lines)
    for line, obj in zip(lines, objects, strict=True):
        assert (obj == {}) is (not line.strip())
