"""Decoding as Windows editors, old files and damaged files need it: BOMs, UTF-16 and UTF-32,
a few bad bytes reported with their line, binaries refused, text with a stray NUL read."""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeres.cli import app
from citeres.read import read_document
from citeres.read.decode import NotText, decode

CLEAN = (
    "Carr’s describes the revolution.1 Mëyer disagrees.2\n\nNotes\n\n"
    "1. E.H. Carr, The Bolshevik Revolution, Vol. I, Baltimore: Penguin Books, 1950, p. 65.\n"
    "2. Alfred G. Meyer, Leninism, New York: Praeger, 1962, p. 169.\n"
)


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (b"", "utf-16-le"),  # Notepad's "Unicode" without its BOM
    ],
)
def test_unicode_files_as_windows_editors_save_them(
    tmp_path: Path, bom: bytes, encoding: str
) -> None:
    path = tmp_path / "essay.txt"
    path.write_bytes(bom + CLEAN.replace("\n", "\r\n").encode(encoding))
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.output)["documents"]
    assert document["problems"] == []
    notes = [(c["note"], c["line"], c["work"]) for c in document["citations"] if c["note"]]
    assert notes == [(1, 5, "carr1950bolshevik"), (2, 6, "meyer1962leninism")]


def test_a_few_bad_bytes_are_reported_on_their_lines_and_the_file_read(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    data = CLEAN.encode().replace(b"Vol. I", b"Vol.\xff\xfe I").replace(b"Leninism", b"Len\0inism")
    path.write_bytes(data)
    document, problems = read_document(path)
    assert [(p.kind, p.severity.value, p.line) for p in problems] == [
        ("encoding", "warning", 5),
        ("encoding", "warning", 6),
    ]
    assert "2 undecodable bytes" in problems[0].message
    assert "control character" in problems[1].message
    assert "Vol.\ufffd\ufffd I" in document.text and "Leninism" in document.text
    assert "Mëyer" in document.text  # the rest is still UTF-8


def test_one_bad_byte_in_an_ascii_file_reads_it_as_cp1252_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes(b"line one\nHe said \x93yes\x94.\n")
    document, problems = read_document(path)
    assert document.text == "line one\nHe said “yes”.\n"
    assert [(p.line, p.message) for p in problems] == [(2, "not UTF-8; read as cp1252")]


def test_binaries_are_refused_and_text_with_a_stray_nul_is_not() -> None:
    noise = random.Random(7).randbytes(20_000)
    with pytest.raises(NotText, match="binary"):
        decode(noise)
    with pytest.raises(NotText, match="PDF"):
        decode(b"%PDF-1.4\n" + noise)
    text = decode(CLEAN.encode() * 50 + b"\0\0" + CLEAN.encode())
    assert "\0" not in text.text and len(text.warnings) == 1
