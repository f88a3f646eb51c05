"""How well citeres finds and resolves the citations of the real documents in benchmarks/devset.

    python benchmarks/devset_eval.py [--json] [--verbose] [--devset DIR]

Each document of `docs/` is run alone through the installed package's JSON contract
(`python -m citeres extract PATH --format json`), and what it reports is compared with the
hand labels of `labels/`. The prose of `prose/` has no citations: whatever is found there
is false.

Matching. A found citation matches a label when their lines differ by at most one and
their kinds are of the same family: `author-only` and `attribution` (a person, no work)
form one family, every other kind (full, short, ibid, opcit, volume-only, parenthetical,
mention, further-reading, url: a work is named) the other. Matching is one to one, taken
greedily in this order: nearer line, same kind, same note, title (or author) of the label
found in the citation, then document order. So a note cited as a `mention`, or an Ibid.
reported as `short`, counts as found; how often the kinds agree is reported apart
("kind agrees"), and a found citation whose only neighbour is a label of the other
family is counted as "wrong family" (it is neither found nor precise).

- found (recall): matched labels / labels.
- precision: matched citations / citations reported.
- resolved: labels of a work whose matched citation's work maps to that labelled work /
  all labels of a work (an unfound label is unresolved). Reported works are mapped to
  labelled works one to one, within each document, by majority: the pair (reported
  key, labelled id) that most matched citations share is taken first, then the next pair
  whose two sides are both free, and so on; ties go to the smaller key. A work split in
  two clusters therefore resolves only its larger half; two works merged into one key
  resolve only the one with more citations.
- work precision: reported works (distinct keys in a document) that map to a labelled
  work / reported works.
- prose: citations reported per 10,000 words (whitespace-separated tokens of the file),
  except those within a line of a genuine reference listed in `prose/KNOWN.json`.

Kinds are grouped by the label's kind for found and resolved, by the reported kind for
precision; conventions by the document's `convention`. Totals add counts over documents
(micro average). Output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "benchmarks" / "devset"
UNNAMED = {"author-only", "attribution"}


def family(kind: str) -> str:
    return "person" if kind in UNNAMED else "work"


def fold(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


def extract(path: Path) -> tuple[dict, str | None]:
    """citeres' JSON analysis of one file, or an empty one and the error it gave."""
    command = [sys.executable, "-m", "citeres", "extract", str(path), "--format", "json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return {"documents": [], "works": []}, message
    return json.loads(done.stdout), None


def citations_of(analysis: dict) -> tuple[list[dict], dict[str, dict]]:
    citations = [c for d in analysis["documents"] for c in d["citations"]]
    return citations, {w["key"]: w for w in analysis["works"]}


def affinity(label: dict, citation: dict, works: dict[str, dict]) -> int:
    """0 when the citation names what the label names (title, else author), 1 otherwise."""
    work = works.get(citation.get("work") or "", {})
    text = fold(citation.get("raw")) + " " + fold(work.get("title"))
    wanted = fold(label.get("title")) or fold(label.get("author"))
    return 0 if wanted and (wanted in text or (fold(work.get("title")) or "\0") in wanted) else 1


def match(labels: list[dict], citations: list[dict], works: dict[str, dict]) -> list[tuple]:
    """One-to-one (label index, citation index) pairs; see the module docstring."""
    candidates = []
    for i, label in enumerate(labels):
        for j, citation in enumerate(citations):
            distance = abs(label["line"] - citation["line"])
            if distance > 1 or family(label["kind"]) != family(citation["kind"]):
                continue
            note_differs = (
                label["note"] is not None
                and citation.get("note") is not None
                and str(label["note"]) != str(citation["note"])
            )
            candidates.append(
                (
                    distance,
                    label["kind"] != citation["kind"],
                    note_differs,
                    affinity(label, citation, works),
                    i,
                    j,
                )
            )
    pairs, taken_labels, taken_citations = [], set(), set()
    for *_, i, j in sorted(candidates):
        if i not in taken_labels and j not in taken_citations:
            taken_labels.add(i)
            taken_citations.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def map_works(pairs: list[tuple], labels: list[dict], citations: list[dict]) -> dict[str, str]:
    """Reported work key → labelled work id, one to one by majority."""
    shared = Counter(
        (citations[j]["work"], labels[i]["work"])
        for i, j in pairs
        if citations[j].get("work") and labels[i]["work"]
    )
    mapping: dict[str, str] = {}
    claimed: set[str] = set()
    for (key, work), _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        if key not in mapping and work not in claimed:
            mapping[key] = work
            claimed.add(work)
    return mapping


@dataclass
class Tally:
    labels: int = 0
    found: int = 0
    kind_agrees: int = 0
    citations: int = 0
    precise: int = 0
    wrong_family: int = 0
    resolvable: int = 0
    resolved: int = 0
    works: int = 0
    works_mapped: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, object]:
        def ratio(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        return {
            **{name: getattr(self, name) for name in self.__dataclass_fields__},
            "recall": ratio(self.found, self.labels),
            "precision": ratio(self.precise, self.citations),
            "kind_agreement": ratio(self.kind_agrees, self.found),
            "resolved_rate": ratio(self.resolved, self.resolvable),
            "work_precision": ratio(self.works_mapped, self.works),
        }


@dataclass
class Result:
    name: str
    convention: str
    tally: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    missed: list[dict] = field(default_factory=list)
    false: list[dict] = field(default_factory=list)
    error: str | None = None


def kind_tally(result: Result, kind: str) -> Tally:
    return result.by_kind.setdefault(kind, Tally())


def evaluate(gold: dict, docs: Path) -> Result:
    path = docs / Path(gold["document"]).name
    result = Result(path.name, gold["convention"])
    analysis, result.error = extract(path)
    citations, works = citations_of(analysis)
    labels = gold["labels"]
    pairs = match(labels, citations, works)
    mapping = map_works(pairs, labels, citations)
    matched_labels = {i: j for i, j in pairs}
    matched_citations = {j for _, j in pairs}
    for i, label in enumerate(labels):
        for tally in (result.tally, kind_tally(result, label["kind"])):
            tally.labels += 1
            tally.resolvable += label["work"] is not None
        if i not in matched_labels:
            result.missed.append(label)
            continue
        citation = citations[matched_labels[i]]
        right = (
            label["work"] is not None and mapping.get(citation.get("work") or "") == label["work"]
        )
        for tally in (result.tally, kind_tally(result, label["kind"])):
            tally.found += 1
            tally.kind_agrees += label["kind"] == citation["kind"]
            tally.resolved += right
    for j, citation in enumerate(citations):
        tally = kind_tally(result, citation["kind"])
        for t in (result.tally, tally):
            t.citations += 1
            t.precise += j in matched_citations
        if j in matched_citations:
            continue
        near = [
            lab
            for lab in result.missed
            if abs(lab["line"] - citation["line"]) <= 1
            and family(lab["kind"]) != family(citation["kind"])
        ]
        if near:
            result.tally.wrong_family += 1
            tally.wrong_family += 1
        result.false.append(citation)
    reported = {c["work"] for c in citations if c.get("work")}
    result.tally.works = len(reported)
    result.tally.works_mapped = len(reported & set(mapping))
    return result


def prose_figures(prose: Path) -> dict[str, object]:
    known_path = prose / "KNOWN.json"
    known = json.loads(known_path.read_text(encoding="utf-8")) if known_path.exists() else {}
    files, words, false = [], 0, 0
    for path in sorted(p for p in prose.iterdir() if p.is_file() and p.name != "KNOWN.json"):
        analysis, error = extract(path)
        citations, _ = citations_of(analysis)
        lines = [entry["line"] for entry in known.get(path.name, [])]
        wrong = [c for c in citations if all(abs(c["line"] - line) > 1 for line in lines)]
        count = len(path.read_text(encoding="utf-8", errors="replace").split())
        by_kind = Counter(c["kind"] for c in wrong)
        files.append(
            {
                "file": path.name,
                "words": count,
                "false": len(wrong),
                "by_kind": dict(sorted(by_kind.items())),
                "error": error,
                "examples": [
                    {"line": c["line"], "kind": c["kind"], "raw": c.get("raw", "")[:80]}
                    for c in wrong[:5]
                ],
            }
        )
        words += count
        false += len(wrong)
    rate = round(false * 10000 / words, 2) if words else None
    return {"words": words, "false": false, "per_10000_words": rate, "files": files}


def summarise(results: list[Result]) -> dict[str, object]:
    overall = Tally()
    kinds: dict[str, Tally] = {}
    conventions: dict[str, Tally] = {}
    for result in results:
        overall.add(result.tally)
        conventions.setdefault(result.convention, Tally()).add(result.tally)
        for kind, tally in result.by_kind.items():
            kinds.setdefault(kind, Tally()).add(tally)
    return {
        "overall": overall.figures(),
        "by_kind": {k: kinds[k].figures() for k in sorted(kinds)},
        "by_convention": {c: conventions[c].figures() for c in sorted(conventions)},
        "documents": [
            {"document": r.name, "convention": r.convention, "error": r.error, **r.tally.figures()}
            for r in results
        ],
    }


COLUMNS = [
    ("labels", "labels"),
    ("found", "recall"),
    ("citations", "cited"),
    ("precision", "precision"),
    ("kind_agreement", "kind ok"),
    ("resolved_rate", "resolved"),
    ("work_precision", "work prec"),
]


RATES = {"recall", "precision", "kind_agreement", "resolved_rate", "work_precision"}


def row(name: str, figures: dict, width: int) -> str:
    cells = []
    for key, _ in COLUMNS:
        value = figures["recall" if key == "found" else key]
        if key == "found" or key in RATES:
            cells.append("-" if value is None else f"{value:.2f}")
        else:
            cells.append(str(value))
    return f"{name:{width}}" + "".join(f"{c:>10}" for c in cells)


def table(title: str, groups: dict[str, dict]) -> list[str]:
    width = max([len(title), *map(len, groups)]) + 2
    lines = [f"{title:{width}}" + "".join(f"{h:>10}" for _, h in COLUMNS)]
    lines += [row(name, figures, width) for name, figures in groups.items()]
    return [*lines, ""]


def report(summary: dict, prose: dict) -> str:
    out = table("overall", {"all documents": summary["overall"]})
    out += table("kind", summary["by_kind"])
    out += table("convention", summary["by_convention"])
    out += table("document", {d["document"]: d for d in summary["documents"]})
    wrong = summary["overall"]["wrong_family"]
    out.append(f"reported next to a label of the other family (not counted as found): {wrong}")
    errors = [d for d in summary["documents"] if d["error"]]
    out += [f"citeres failed on {d['document']}: {d['error']}" for d in errors]
    out += ["", f"prose without references: {prose['words']} words"]
    for entry in prose["files"]:
        kinds = ", ".join(f"{k} {n}" for k, n in entry["by_kind"].items()) or "none"
        out.append(
            f"  {entry['file']:40} {entry['words']:>7} words {entry['false']:>4} false ({kinds})"
        )
    out.append(f"false citations per 10,000 words: {prose['per_10000_words']}")
    return "\n".join(out)


def details(results: list[Result]) -> str:
    out = []
    for r in results:
        out += [
            f"  missed {r.name}:{lab['line']}: {lab['kind']} {lab['title'] or lab['author']!r}"
            for lab in r.missed
        ]
        out += [
            f"  false  {r.name}:{c['line']}: {c['kind']} {c.get('raw', '')[:70]!r}" for c in r.false
        ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--devset", type=Path, default=DEVSET, help="folder with docs/, labels/, prose/"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--verbose", action="store_true", help="also list every miss and false find"
    )
    args = parser.parse_args(argv)
    golds = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((args.devset / "labels").glob("*.json"))
    ]
    results = [evaluate(gold, args.devset / "docs") for gold in golds]
    summary = summarise(results)
    prose = prose_figures(args.devset / "prose")
    if args.json:
        print(json.dumps({**summary, "prose": prose}, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(report(summary, prose))
        if args.verbose:
            print(details(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
