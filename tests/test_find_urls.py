"""URL references: numbered markers and their entries, and bare URLs."""

from __future__ import annotations

from citeres.find import urls
from citeres.model import Document

TEXT = (
    "After the article we posted: ’Some experiences’ [1] we publish another. We "
    "appreciate Trotsky’s writings on ‘uneven development’ [2], while remaining critical.\n\n"
    "[1]\n\nhttps://example.org/2020/04/01/some-experiences/\n\n"
    "[2]\n\nhttps://example.org/2020/04/07/strategy/\n"
)


def find(text: str) -> tuple[list, list]:
    return urls.find(Document.from_text("t.txt", text))


def test_entries_pair_with_markers() -> None:
    mentions, problems = find(TEXT)
    assert [(m.kind.value, m.note, m.line, m.reference.url) for m in mentions] == [
        ("url", 1, 5, "https://example.org/2020/04/01/some-experiences/"),
        ("url", 2, 9, "https://example.org/2020/04/07/strategy/"),
    ]
    assert problems == []


def test_unpaired_markers_and_entries_are_reported() -> None:
    text = TEXT.replace("[2], while", "[3], while")
    _, problems = find(text)
    assert sorted((p.kind, p.note) for p in problems) == [
        ("url-entry-without-marker", 2),
        ("url-marker-without-entry", 3),
    ]


def test_duplicate_entries_are_reported() -> None:
    _, problems = find(TEXT + "\n[2] https://example.org/other/\n")
    assert ("url-duplicate-entry", 2) in [(p.kind, p.note) for p in problems]


def test_bare_urls_lose_sentence_punctuation() -> None:
    mentions, problems = find(
        "See https://en.wikipedia.org/wiki/Lenin_(disambiguation). Or (www.marxists.org)."
    )
    assert [m.raw for m in mentions] == [
        "https://en.wikipedia.org/wiki/Lenin_(disambiguation)",
        "www.marxists.org",
    ]
    assert problems == []


def test_markers_without_any_entries_are_not_checked() -> None:
    assert find("LO-Sent-Is This Tomorrow_thumb[1]\n\nText [2] here.") == ([], [])


def test_a_caption_marker_is_not_a_marker() -> None:
    _, problems = find("Photo_thumb[7]\n\n" + TEXT)
    assert problems == []


def test_front_matter_attributes_and_link_definitions_are_not_references() -> None:
    text = (
        "---\ntitle: An Essay\npdf: https://example.org/essay.pdf\n---\n\n"
        'A figure. <a href="https://example.org/figure">Figure</a>\n'
        '{{< figure attrlink="https://example.org/credit" >}}\n'
        "The archive is at https://example.org/archive for all to read.\n\n"
        '![](http://example.org/diagram.png "diagram")\n\n'
        'var doc = new JSDOM(html, {url: "https://www.example.com/the-page"});\n'
        "  [Markdown]: http://en.wikipedia.org/wiki/Markdown\n"
    )
    mentions, _ = find(text)
    assert [(m.line, m.reference.url) for m in mentions] == [(8, "https://example.org/archive")]


def test_a_rule_in_the_text_is_not_front_matter() -> None:
    text = "Intro https://example.org/a\n---\nmore https://example.org/b\n---\n"
    mentions, _ = find(text)
    assert len(mentions) == 2
