"""What a worker is sent and runs: a document's analysis (read → find → parse → resolve,
by pipeline.analyse_input), its section of the report, and look-ups in the local
catalogue. Each function is top-level and each value picklable, for any executor."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from citeres import pipeline
from citeres.archive import spool
from citeres.archive.executors import LOST
from citeres.archive.outline import Outline, document_result, outline_of
from citeres.enrich.catalogue import Catalogue
from citeres.enrich.verdicts import Looked
from citeres.model import Problem, Work
from citeres.problems import ordered
from citeres.read.inputs import Input
from citeres.settings import Settings


@dataclass(frozen=True)
class Arrived:
    """One input analysed: its outline without its anchors, and, pickled for the spool
    (the main process stores them as they are), the anchors and the whole analysis; or,
    when it gave no document, the problems saying why."""

    outline: Outline | None
    anchors: bytes = b""
    record: bytes = b""
    problems: tuple[Problem, ...] = ()


def analyse(limit: int, item: Input) -> Arrived:
    analysed = pipeline.analyse_input(limit, item)
    if not isinstance(analysed, pipeline.Analysed):
        return Arrived(None, problems=tuple(analysed))
    outline = outline_of(analysed.path, analysed.resolution, len(analysed.problems))
    anchors = spool.dumps(outline.anchors)
    return Arrived(replace(outline, anchors=()), anchors, spool.dumps(analysed))


def lost(item: Input) -> Arrived:
    return Arrived(None, problems=(pipeline.failed(item.shown, LOST),))


@dataclass(frozen=True)
class Section:
    """What a document's part of the report needs: its analysis as spooled, its works'
    keys, the problems the archive found in it, and the works it cites."""

    index: int  # its place among the documents, from 1
    record: bytes
    keys: dict[int, str]
    problems: tuple[Problem, ...]
    works: dict[str, Work] = field(default_factory=dict)


def render(section: Section) -> tuple[str, str]:
    """The document's section of report.md and of report.html."""
    from citeres import report, report_html

    analysed: pipeline.Analysed = spool.loads(section.record)
    problems = ordered([*analysed.problems, *section.problems])
    document = document_result(analysed.path, analysed.resolution, section.keys, problems)
    html = report_html.document_section(section.index, document, section.works)
    return report.markdown_section(document), html


OPENED: dict[Path | None, list[Catalogue]] = {}  # per process: opened once, then shared


def match(settings: Settings, works: list[Work]) -> list[Looked]:
    """Each work's verdict from the local catalogues, opened read-only in this process."""
    from citeres.enrich import open_local
    from citeres.enrich.lookup import look_up

    if settings.catalogue_dir not in OPENED:
        OPENED[settings.catalogue_dir] = open_local(settings)
    sources = OPENED[settings.catalogue_dir]
    return [Looked.of(look_up(work, sources)) for work in works]
