"""Real consumers read citeres' outputs: pandoc, biber, bibtexparser, citeproc-py, bibutils,
and headless Chromium for report.html. Each runs once per format and output set.

The output sets are the hand-made sample works, the same with control characters in their
fields, and the five seeds, each written as `build` writes it (export.write_bibliography).
A missing consumer skips its test on a workstation and fails it when CI is set.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest
from export_works import ANALYSIS, DIRTY_ANALYSIS

from citeres import pipeline
from citeres.controls import strip_controls
from citeres.export import Format, write_bibliography
from citeres.model import Analysis
from citeres.report_html import to_html

ROOT = Path(__file__).resolve().parent.parent
IN_CI = bool(os.environ.get("CI"))


def missing(what: str) -> None:
    message = f"{what} is not installed (.ci/run installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(name)
    assert path is not None
    return path


def seeds_analysis() -> Analysis:
    return pipeline.run(pipeline.Request(paths=(ROOT / "seeds",))).analysis


@pytest.fixture(scope="module", params=["samples", "control-characters", "seeds"])
def out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with references.bib, -biblatex.bib, .json, .ris and report.html."""
    sets = {"samples": ANALYSIS, "control-characters": DIRTY_ANALYSIS}
    analysis = sets.get(request.param) or seeds_analysis()
    folder = tmp_path_factory.mktemp(request.param)
    write_bibliography(folder, analysis, tuple(Format))
    (folder / "report.html").write_text(to_html(analysis), encoding="utf-8")
    keys = sorted(w.key for w in analysis.works)
    (folder / "keys.json").write_text(json.dumps(keys), encoding="utf-8")
    paths = [strip_controls(d.path) for d in analysis.documents]
    (folder / "paths.json").write_text(json.dumps(paths), encoding="utf-8")
    return folder


def keys_of(folder: Path) -> list[str]:
    keys = json.loads((folder / "keys.json").read_text(encoding="utf-8"))
    assert keys, "an output set without works proves nothing"
    return keys


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_bibtexparser_round_trip(out: Path) -> None:
    library = bibtexparser.parse_string((out / "references.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == keys_of(out)


@pytest.mark.parametrize(
    ("source", "name"),
    [("references.bib", "bibtex.bibtex"),  # pandoc reads .bibtex as BibTeX, .bib as BibLaTeX
     ("references-biblatex.bib", "biblatex.bib"),
     ("references.json", "csl.json")],
)  # fmt: skip
def test_pandoc_citeproc_renders_every_key(out: Path, source: str, name: str) -> None:
    pandoc = tool("pandoc")
    shutil.copy(out / source, out / name)
    keys = keys_of(out)
    (out / f"{name}.md").write_text(
        "".join(f"Cited [@{key}].\n\n" for key in keys), encoding="utf-8"
    )
    result = run(pandoc, "--citeproc", "--bibliography", name, "-t", "plain", f"{name}.md", cwd=out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # pandoc reports unknown keys and bad entries here
    assert not re.search(r"\w\?\)", result.stdout)  # pandoc's mark of a key it cannot find
    assert result.stdout.count("Cited (") == len(keys)


def test_biber_tool_reads_biblatex(out: Path) -> None:
    biber = tool("biber")
    result = run(biber, "--tool", "--output-file", "tool.bib", "references-biblatex.bib", cwd=out)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert not re.search(r"^(WARN|ERROR)", log, re.MULTILINE), log
    keys = [e.key for e in bibtexparser.parse_string((out / "tool.bib").read_text()).entries]
    assert sorted(keys) == keys_of(out)


def test_biber_datamodel_warns_only_of_data_the_works_lack(out: Path) -> None:
    """With validation, the one allowed warning is a missing date: citeres never invents one."""
    biber = tool("biber")
    result = run(biber, "--tool", "--validate-datamodel", "--output-file", "checked.bib",
                 "references-biblatex.bib", cwd=out)  # fmt: skip
    log = result.stdout + result.stderr
    warnings_ = re.findall(r"^(?:WARN|ERROR) - (.*)$", log, re.MULTILINE)
    assert result.returncode == 0, log
    assert [w for w in warnings_ if "Missing mandatory field" not in w] == []


def test_citeproc_py_renders_every_item(out: Path) -> None:
    try:
        from citeproc import (
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON
    except ImportError:
        missing("citeproc-py")
    items = json.loads((out / "references.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    assert [str(w.message) for w in caught] == []
    assert len(rendered) == len(items) == len(keys_of(out))
    assert all(entry.strip() for entry in rendered)


def test_bibutils_ris2xml_reads_every_record(out: Path) -> None:
    ris2xml = tool("ris2xml")
    result = run(ris2xml, "-i", "utf8", "references.ris", cwd=out)
    assert result.returncode == 0, result.stderr
    keys = keys_of(out)
    assert f"Processed {len(keys)} references" in result.stderr
    mods = ET.fromstring(result.stdout)
    ids = [m.get("ID") for m in mods.iter("{http://www.loc.gov/mods/v3}mods")]
    assert sorted(ids) == keys


def test_report_html_loads_in_chromium_without_console_errors(out: Path) -> None:
    chromium = tool("chromium")
    result = run(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--enable-logging=stderr", "--v=0", "--dump-dom",
                 (out / "report.html").as_uri(), cwd=out)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert ":CONSOLE" not in result.stderr  # script errors, CSP refusals of any fetch
    paths = json.loads((out / "paths.json").read_text(encoding="utf-8"))
    assert result.stdout.count('<section class="document"') == len(paths)
    for path in paths:
        assert f"<h2>{path}</h2>" in result.stdout
