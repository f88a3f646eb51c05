"""Fuzzing the whole run (issue 13): random bytes, and random mixes of the pieces notes and
essays are made of (numbers, `Ibid.`, `op. cit.`, years, brackets, quotes, URLs, notes
headings, Markdown and HTML), written as a .txt, .md or .html file or one without a suffix
and run as `citeres extract --format json` runs them: read → find → parse → resolve →
cluster → keys → the JSON report. Whatever the input: no exception but the one-line
refusal of a file with no text, valid JSON, and every line reported within the file.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citeres import report
from citeres.errors import InputError
from citeres.pipeline import Request, run
from citeres.read import read_document

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    *("1. ", "2. ", "12", "3.", "[4]", "[^1]", "[^1]: ", "^ ", "^ a b ", "¹", "*", "†"),
    *("Ibid.", "ibid., p. 4", "Ibid., 12–14.", "op. cit.", "Id.", "loc. cit.", "supra n. 3"),
    *("1990", "(1990)", "(Smith 1990: 45)", "(Smith, Title, p. 4)", "(p. 12)", "1917–1921"),
    *("(", ")", "[", "]", "“", "”", '"', "'", "‘", "’", "«", "»", "—", "–", "-", "/", ";"),
    *("http://example.com/a?b=1", "https://doi.org/10.1000/182", "www.example.org", "<", ">"),
    *("Notes", "\nNotes\n\n", "Footnotes\n", "Endnotes", "References\n", "Further reading\n"),
    *("\n", "\n\n", " ", "\t", "\r\n", "\r", "\u00a0", "\ufeff", "\x00", "\x0c", "é", "ß"),
    *("# ", "## Notes\n", "* ", "- ", "**", "_", "`", "> ", "[a](http://x.y)", "---\n"),
    *("<p>", "</p>", "<sup>1</sup>", "<a href='#fn1'>1</a>", "<ol><li>", "</li>", "&amp;"),
    *("<!--", "-->", "<br>", "<html><body>", "<script>x</script>", "<div id='fn1'>"),
    *("Smith", "J. Smith", "Smith, J., ", "Smith's ", "The Book of Things", "vol. II", "Vol "),
    *(", ", ". ", "pp. 3–4", "p. 5", "ed. ", "trans. ", "See ", "Cf. ", "by ", "Press, "),
    *("London: Verso, 1990", "Smith, The Prophet (London: Verso, 1990), p. 3.", "et al."),
]
SUFFIXES = ["essay.txt", "essay.md", "essay.html", "essay"]
MIXES = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def line_bound(data: bytes) -> int:
    """No reading of these bytes can hold more lines than this."""
    return data.count(b"\n") + data.count(b"\r") + 1


def check(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            analysis = run(Request(paths=(path,))).analysis
        except InputError as error:  # a file with no text: refused in one line
            assert "\n" not in str(error)
            return
        assert analysis is not None
        document, _ = read_document(path)
    data_out = json.loads(report.to_json(analysis))
    lines = min(document.line_count, line_bound(data))
    (result,) = data_out["documents"]
    for item in [*result["citations"], *result["problems"]]:
        assert 1 <= item["line"] <= lines, (item, lines)
    for problem in [*result["problems"], *data_out.get("problems", [])]:
        assert problem["kind"] != "analysis-failed", problem  # an exception, caught


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, name: str) -> None:
    check(data, name)


@FUZZ
@given(MIXES, st.sampled_from(SUFFIXES), st.sampled_from(["utf-8", "utf-16", "latin-1"]))
@example("A claim.1\n\nNotes\n\n1. Ibid.\n", "essay.txt", "utf-8")
@example("<p>x<sup>1</sup></p><ol><li>Ibid.</li></ol>", "essay.html", "utf-8")
@example("See http://x.y)[4]\n", "essay.txt", "utf-8")  # once a crash (keys.url_key)
def test_mixes_of_note_pieces(text: str, name: str, encoding: str) -> None:
    check(text.encode(encoding, errors="replace"), name)


@FUZZ
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4), st.integers(1, 400))
def test_repeated_pieces(pieces: list[str], times: int) -> None:
    """Repetition of a few pieces: what a pasted table of contents looks like."""
    check(("".join(pieces) * times).encode("utf-8"), "essay.txt")
