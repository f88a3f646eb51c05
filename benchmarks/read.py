"""Throughput of the read stage (bytes → Document) on one core, by input kind: plain text,
Markdown, HTML in the shape of a page saved from the web (paragraphs with links, emphasis
and footnote markers, a footnotes list with backlinks), and text with a few bad bytes.
Figures are CPU seconds, best of three, so a busy machine does not skew them. Run:

    python benchmarks/read.py [--mb 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from citeres.read import read_document

NOTE = "E. H. Carr, <i>The Bolshevik Revolution</i>, Vol. I, London: Macmillan, 1950, p. {n}."
PARAGRAPH = (
    "<p>Paragraph {n} says that the <em>revolution</em> of 1917 was\n"
    'long in coming and <a href="https://example.org/{n}">well argued</a>.'
    '<sup id="r{n}"><a href="#fn{n}">{n}</a></sup></p>\n'
)


def html(mb: float) -> bytes:
    paragraphs, notes, n = [], [], 0
    while sum(map(len, paragraphs)) + sum(map(len, notes)) < mb * 1e6:
        n += 1
        paragraphs.append(PARAGRAPH.format(n=n))
        notes.append(f'<li id="fn{n}"><p>{NOTE.format(n=n)} <a href="#r{n}">↩</a></p></li>\n')
    body = "".join(paragraphs) + '<section class="footnotes"><ol>\n' + "".join(notes)
    return f"<!DOCTYPE html>\n<html><body>\n{body}</ol></section></body></html>\n".encode()


def text(mb: float) -> bytes:
    line = "Carr describes the revolution of 1917 in the first volume.{n}\n"
    lines = [line.format(n=n % 90 + 1) for n in range(int(mb * 1e6 / len(line)))]
    return "".join(lines).encode()


def markdown(mb: float) -> bytes:
    line = "See [the archive](https://example.org/{n}) and *Leninism*.[^{n}]\n"
    lines = [line.format(n=n % 90 + 1) for n in range(int(mb * 1e6 / len(line)))]
    return "".join(lines).encode()


def bad_bytes(mb: float) -> bytes:
    return text(mb).replace(b"volume", b"vol\xffme", 1000) + "é".encode()


def best_of_three(path: Path) -> float:
    times = []
    for _ in range(3):
        start = time.process_time()
        read_document(path)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--mb", type=float, default=5.0)
    mb = options.parse_args().mb
    kinds = {"text": (text, ".txt"), "markdown": (markdown, ".md"), "html": (html, ".html")}
    kinds["bad bytes"] = (bad_bytes, ".txt")
    with tempfile.TemporaryDirectory() as folder:
        for name, (make, suffix) in kinds.items():
            path = Path(folder, "input" + suffix)
            path.write_bytes(make(mb))
            size = path.stat().st_size / 1e6
            seconds = best_of_three(path)
            print(f"{name:10} {size:6.1f} MB  {seconds:6.2f} s  {size / seconds:7.1f} MB/s")


if __name__ == "__main__":
    main()
