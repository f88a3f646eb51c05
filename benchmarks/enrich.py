"""Enrichment of the seeds' works against a local catalogue with 200 ms latency.

Prints requests per distinct work (cold cache, then warm), the wall time against the
floor the default rate limits set, the CPU a warm run spends per work, and what title
matching costs per work with rapidfuzz and with difflib. Run from the repository root:

    python benchmarks/enrich.py [--mailto you@example.org] [--latency 0.2] [--search strict]
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakeserver import Catalogue, FakeServer, cr_item, ol_doc  # noqa: E402

from citeres.enrich import enrich_analysis, match  # noqa: E402
from citeres.enrich.catalogues import services  # noqa: E402
from citeres.enrich.progress import Silent  # noqa: E402
from citeres.model import Work, WorkType  # noqa: E402
from citeres.pipeline import Request, run  # noqa: E402
from citeres.settings import Settings  # noqa: E402


def catalogue_for(works: tuple[Work, ...], missing: float) -> Catalogue:
    """A catalogue holding each book with a decoy by another author and a chapter of the
    same title in a reader, except a `missing` share left for the variants and Crossref
    to miss. Chosen by position, never by name."""
    every = round(1 / missing) if missing > 0 else 0
    catalogue = Catalogue()
    for i, work in enumerate(w for w in works if w.title and w.authors):
        names = [n.display() for n in work.authors]
        people = [(n.given, n.family) for n in work.authors]
        year = int(work.year[:4]) if work.year and work.year[:4].isdigit() else 1950
        if work.type is not WorkType.BOOK:
            doi = f"10.5555/bench.{i}"
            catalogue.cr_items.append(cr_item(doi, "book-chapter", work.title, people, year))
        elif not every or i % every != every - 1:
            catalogue.ol_docs.append(ol_doc(f"/works/OL{i}W", work.title, names, year))
        catalogue.ol_docs.append(ol_doc(f"/works/OL{i}D", str(work.title), ["A. Decoy"], 1900))
        reader = cr_item(f"10.5555/reader.{i}", "book-chapter", str(work.title), people, 2001)
        catalogue.cr_items.append(reader)
    return catalogue


def floor(hits: list, settings: Settings, latency: float) -> float:
    """The least time the limits allow: the busiest pool's requests at its pace."""
    limits = {name: s.limits_for(settings) for name, s in services().items()}
    per_pool = Counter(
        (h.service, "lookup" if "/api/books" in h.path or "/works/" in h.path else "search")
        for h in hits
    )
    return max(
        (
            (n - 1) / limits[service].rates[pool] + latency
            for (service, pool), n in per_pool.items()
        ),
        default=0.0,
    )


def matching_cpu(works: tuple[Work, ...], catalogue: Catalogue, rounds: int = 20) -> float:
    """CPU seconds per work to score every catalogue title against it (`rounds` times)."""
    records = [match.Candidate("openlibrary", d["key"], d["title"]) for d in catalogue.ol_docs]
    titled = [w for w in works if w.title]
    began = time.process_time()
    for _ in range(rounds):
        for work in titled:
            for record in records[:40]:
                match.title_score(work, record)
    return (time.process_time() - began) / rounds / max(1, len(titled))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mailto", default=None, help="use the identified (faster) limits")
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--search", choices=["loose", "strict"], default="loose")
    parser.add_argument(
        "--missing", type=float, default=0.1, help="share of books Open Library lacks"
    )
    args = parser.parse_args()

    analysis = run(Request(paths=(ROOT / "seeds",))).analysis
    works = analysis.works
    catalogue = catalogue_for(works, args.missing)
    server = FakeServer(catalogue, latency=args.latency, search=args.search).start()
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings(
            mailto=args.mailto,
            cache_dir=Path(cache),
            urls={"openlibrary": f"{server.url}/ol", "crossref": f"{server.url}/cr"},
        )
        began = time.monotonic()
        cold = enrich_analysis(analysis, settings, Silent())
        cold_time = time.monotonic() - began
        cold_hits = list(server.hits)
        began, cpu = time.monotonic(), time.process_time()
        enrich_analysis(analysis, settings, Silent())
        warm_time, warm_cpu = time.monotonic() - began, time.process_time() - cpu
    server.stop()
    warm_requests = len(server.hits) - len(cold_hits)
    least = floor(cold_hits, settings, args.latency)
    statuses = Counter(w.enrichment.status for w in cold.works if w.enrichment)
    services_asked = Counter(h.service for h in cold_hits)
    fast = matching_cpu(works, catalogue)
    match._ratio = lambda a, b: 100 * difflib.SequenceMatcher(None, a, b).ratio()  # type: ignore[assignment]
    slow = matching_cpu(works, catalogue)
    n = max(1, len(works))
    print(f"distinct works:            {len(works)}  ({dict(statuses)})")
    print(f"requests cold:             {len(cold_hits)}  ({dict(services_asked)})")
    print(f"requests per work, cold:   {len(cold_hits) / n:.2f}")
    print(f"requests per work, warm:   {warm_requests / n:.2f}")
    print(f"wall time cold:            {cold_time:.1f} s")
    print(f"rate-limit floor:          {least:.1f} s  (cold is {cold_time / least:.2f}× the floor)")
    print(f"wall time warm:            {warm_time:.2f} s")
    print(f"CPU per work, warm:        {1000 * warm_cpu / n:.2f} ms")
    print(
        f"title scoring per work:    {1000 * fast:.2f} ms rapidfuzz, {1000 * slow:.2f} ms difflib"
    )


if __name__ == "__main__":
    main()
