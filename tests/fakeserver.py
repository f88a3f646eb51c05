"""A throw-away local catalogue: Open Library and Crossref answers in their real shapes.

Open Library lives under /ol, Crossref under /cr, on one 127.0.0.1 port. The server logs
every request, counts requests in flight per service, and plays scripted faults: 429 +
Retry-After, 503, a stall before the answer, malformed JSON, a text/plain 404, a body that
drips, an oversized answer, redirects (same host, another host, a loop).

Open Library's search is `loose` (any shared word, ranked, as a relevance engine returns
decoys) or `strict` (every title word in the title, the author among the authors' names
and not their alternate names; `q=` searches everything), so query variants matter.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections import Counter, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

FAULTS = (
    "429",
    "503",
    "stall",
    "malformed",
    "text404",
    "drip",
    "huge",
    "redirect-same",
    "redirect-other",
    "redirect-loop",
)
STOP = frozenset({"the", "and", "for", "with", "from"})


@dataclass
class Hit:
    service: str
    path: str
    query: dict[str, str]
    start: float
    user_agent: str
    end: float = 0.0  # set when the answer has gone


@dataclass
class Catalogue:
    """What the fake services know, in the shapes the real ones answer with."""

    ol_docs: list[dict[str, Any]] = field(default_factory=list)
    ol_editions: dict[str, dict[str, Any]] = field(default_factory=dict)  # ISBN → record
    cr_items: list[dict[str, Any]] = field(default_factory=list)


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    return {w for w in re.findall(r"[a-z0-9]+", folded) if len(w) > 2 and w not in STOP}


class FakeServer:
    def __init__(
        self, catalogue: Catalogue | None = None, latency: float = 0.0, search: str = "loose"
    ) -> None:
        self.catalogue = catalogue or Catalogue()
        self.latency = latency
        self.search = search
        self.stall = 5.0
        self.drip_delay = 0.05
        self.redirect_host = "localhost"  # another host name for this very server
        self.retry_after = "1"
        self.headers: dict[str, dict[str, str]] = {"openlibrary": {}, "crossref": {}}
        self.faults: dict[str, deque[str]] = {"openlibrary": deque(), "crossref": deque()}
        self.hits: list[Hit] = []
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail(self, service: str, *faults: str) -> None:
        """The next requests to `service` meet these faults, in order."""
        assert all(f in FAULTS for f in faults)
        self.faults[service].extend(faults)

    def count(self, service: str | None = None) -> int:
        return sum(1 for h in self.hits if service in (None, h.service))

    def handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.serve(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet tests

        return Handler

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        service = "openlibrary" if parts.path.startswith("/ol/") else "crossref"
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        agent = request.headers.get("user-agent", "")
        hit = Hit(service, parts.path, query, time.monotonic(), agent)
        with self.lock:
            self.hits.append(hit)
            self.in_flight[service] += 1
            self.max_in_flight[service] = max(self.max_in_flight[service], self.in_flight[service])
            fault = self.faults[service].popleft() if self.faults[service] else None
        try:
            time.sleep(self.latency)
            status, headers, body = self.answer(service, request.path, query, fault)
            if fault == "stall":
                time.sleep(self.stall)
            self.send(request, status, headers | self.headers[service], body, fault == "drip")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a stalled answer: that is the point
        finally:
            with self.lock:
                self.in_flight[service] -= 1
                hit.end = time.monotonic()

    def send(
        self,
        request: BaseHTTPRequestHandler,
        status: int,
        headers: dict[str, str],
        body: bytes,
        drip: bool = False,
    ) -> None:
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        if not drip:
            request.wfile.write(body)
            return
        for i in range(len(body)):  # one byte at a time: no read ever times out
            request.wfile.write(body[i : i + 1])
            request.wfile.flush()
            time.sleep(self.drip_delay)

    def answer(
        self, service: str, target: str, query: dict[str, str], fault: str | None
    ) -> tuple[int, dict[str, str], bytes]:
        plain = {"Content-Type": "text/plain"}
        path = urlsplit(target).path
        port = self.httpd.server_address[1]
        if fault == "redirect-same":
            return 302, plain | {"Location": target + "&moved=1"}, b"Found"
        if fault == "redirect-other":
            where = f"http://{self.redirect_host}:{port}{target}"
            return 302, plain | {"Location": where}, b"Found"
        if fault == "redirect-loop":
            return 301, plain | {"Location": target}, b"Moved"
        if fault == "429":
            return 429, plain | {"Retry-After": self.retry_after}, b"Too Many Requests"
        if fault == "503":
            return 503, {"Content-Type": "text/html"}, b"<html>Service Unavailable</html>"
        if fault == "text404":
            return 404, plain, b"Resource not found."
        status, data = self.route(path, query)
        if status == 404:
            return 404, plain, b"Resource not found."
        if fault == "huge" and isinstance(data, dict):
            data = dict(data, padding="x" * 3_000_000)
        body = json.dumps(data).encode()
        if fault == "malformed":
            body = body[: len(body) // 2]
        return 200, {"Content-Type": "application/json"}, body

    def route(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        if path == "/ol/search.json":
            return 200, self.ol_search(query)
        if path == "/ol/api/books":
            keys = query.get("bibkeys", "").split(",")
            editions = self.catalogue.ol_editions
            return 200, {k: editions[k[5:]] for k in keys if k[5:] in editions}
        if path == "/cr/works":
            return 200, self.cr_search(query)
        if path.startswith("/cr/works/"):
            doi = unquote(path.removeprefix("/cr/works/")).lower()
            item = next((i for i in self.catalogue.cr_items if i["DOI"].lower() == doi), None)
            if item is None:
                return 404, None
            return 200, {
                "status": "ok",
                "message-type": "work",
                "message-version": "1.0.0",
                "message": item,
            }
        return 404, None

    def ol_search(self, query: dict[str, str]) -> dict[str, Any]:
        title, author = words(query.get("title", "")), words(query.get("author", ""))
        free = words(query.get("q", ""))
        wanted = title | author | free

        def overlap(doc: dict[str, Any]) -> int:
            return len(wanted & everything(doc))

        def fits(doc: dict[str, Any]) -> bool:
            if self.search == "loose":
                return overlap(doc) > 0  # decoys sharing a word come back too
            titled = words(f"{doc.get('title', '')} {doc.get('subtitle', '')}")
            named = words(" ".join(n for n in doc.get("author_name") or [] if isinstance(n, str)))
            return title <= titled and author <= named and free <= everything(doc)

        # Ranked by words shared, as a relevance ranking would, stable for ties.
        docs = sorted((d for d in self.catalogue.ol_docs if fits(d)), key=lambda d: -overlap(d))
        fields = query.get("fields", "").split(",")
        docs = [{k: v for k, v in d.items() if k in fields} for d in docs]
        docs = docs[: int(query.get("limit", "100"))]
        return {
            "numFound": len(docs),
            "start": 0,
            "numFoundExact": True,
            "num_found": len(docs),
            "documentation_url": "https://openlibrary.org/dev/docs/api/search",
            "q": "",
            "offset": None,
            "docs": docs,
        }

    def cr_search(self, query: dict[str, str]) -> dict[str, Any]:
        """Crossref ranks by relevance and always answers something: decoys come back."""
        wanted = words(query.get("query.bibliographic", ""))

        def overlap(item: dict[str, Any]) -> int:
            people = [a for a in item.get("author") or [] if isinstance(a, dict)]
            names = " ".join(str(a.get("family", "")) for a in people)
            title = " ".join(t for t in item.get("title") or [] if isinstance(t, str))
            return len(wanted & (words(title) | words(names)))

        # A relevance score that grows with the query, like Crossref's: never a threshold.
        items = [dict(i, score=overlap(i) * 11.5) for i in self.catalogue.cr_items if overlap(i)]
        items.sort(key=lambda i: -i["score"])
        select = query.get("select")
        if select:
            keep = set(select.split(","))
            items = [{k: v for k, v in i.items() if k in keep} for i in items]
        items = items[: int(query.get("rows", "20"))]
        return {
            "status": "ok",
            "message-type": "work-list",
            "message-version": "1.0.0",
            "message": {
                "facets": {},
                "total-results": len(items),
                "items": items,
                "items-per-page": int(query.get("rows", "20")),
                "query": {"start-index": 0, "search-terms": None},
            },
        }


def everything(doc: dict[str, Any]) -> set[str]:
    """The words a free-text `q=` search sees in a doc."""
    parts = [doc.get("title"), doc.get("subtitle")]
    for name in ("author_name", "author_alternative_name", "contributor"):
        parts += [n for n in doc.get(name) or [] if isinstance(n, str)]
    return words(" ".join(p for p in parts if isinstance(p, str)))


def ol_doc(
    key: str,
    title: str,
    authors: list[str],
    first: int,
    years: list[int] | None = None,
    subtitle: str | None = None,
    editions: int = 1,
    aliases: list[str] | None = None,
    contributors: list[str] | None = None,
) -> dict[str, Any]:
    """A /search.json doc, in the modern shape."""
    doc: dict[str, Any] = {
        "key": key,
        "title": title,
        "author_name": authors,
        "author_key": [f"OL{9000 + i}A" for i, _ in enumerate(authors)],
        "first_publish_year": first,
        "publish_year": years or [first],
        "publisher": ["A Publisher"],
        "publish_place": ["London"],
        "isbn": ["9780000000002"],
        "edition_count": editions,
        "language": ["eng"],
    }
    if subtitle:
        doc["subtitle"] = subtitle
    if aliases:
        doc["author_alternative_name"] = aliases
    if contributors:
        doc["contributor"] = contributors
    return doc


def ol_edition(key: str, title: str, authors: list[str], year: str, publisher: str) -> dict:
    """An /api/books?jscmd=data record."""
    return {
        "url": f"https://openlibrary.org{key}/x",
        "key": key,
        "title": title,
        "authors": [
            {"url": f"https://openlibrary.org/authors/OL{i}A/x", "name": n}
            for i, n in enumerate(authors)
        ],
        "identifiers": {"openlibrary": [key.rsplit("/", 1)[-1]]},
        "publishers": [{"name": publisher}],
        "publish_places": [{"name": "Paris"}],
        "publish_date": year,
    }


def cr_item(
    doi: str,
    kind: str,
    title: str,
    authors: list[tuple[str, str]],
    year: int,
    container: str | None = None,
    volume: str | None = None,
    page: str | None = None,
) -> dict[str, Any]:
    """A Crossref work message, in the shape /works and /works/{doi} return."""
    item: dict[str, Any] = {
        "DOI": doi,
        "type": kind,
        "title": [title],
        "author": [
            {"given": g, "family": f, "sequence": "additional", "affiliation": []}
            for g, f in authors
        ],
        "issued": {"date-parts": [[year]]},
        "published-print": {"date-parts": [[year]]},
        "publisher": "A University Press",
        "prefix": doi.split("/")[0],
        "member": "1",
    }
    if container:
        item["container-title"] = [container]
    if volume:
        item["volume"] = volume
    if page:
        item["page"] = page
    return item
