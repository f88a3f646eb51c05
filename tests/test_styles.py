# ruff: noqa: E501  (the essays keep their long lines, as real ones do)
"""Whole small essays in citation styles the seeds do not use, resolved end to end.

Each case is a document and, per citation in text order, `(cluster, kind)`: citations with
the same cluster number share one work, `None` means no work (eyecite's compact notation).
"""

from __future__ import annotations

import pytest

from citeres.model import Document
from citeres.pipeline import analyse_documents

CHICAGO_BRACKETED = """The Russian Revolution

The revolution began in February.[1] Workers formed soviets across the country.[2] The
party changed its line in April.[3]

By October the soviets had a new majority.[4]

Notes

[1] Sheila Fitzpatrick, The Russian Revolution, 4th ed. (Oxford: Oxford University Press, 2017), 45.
[2] S. A. Smith, Red Petrograd: Revolution in the Factories, 1917–1918 (Cambridge: Cambridge University Press, 1983), 80–82.
[3] Ibid., 101.
[4] Fitzpatrick, Russian Revolution, 60.
"""

SUPERSCRIPT_FOOTNOTES = """On exile

Her account is partial¹ but it is still the most vivid we have.² Historians have since
corrected it.³

Footnotes

1 Hannah Arendt, The Origins of Totalitarianism (New York: Harcourt, 1951), p. 12.
2 Eric Hobsbawm, The Age of Extremes (London: Michael Joseph, 1994), p. 331.
3 Arendt, Origins, p. 40; see also Robert Service, Comrades: A World History of Communism (London: Macmillan, 2007).
"""

AUTHOR_DATE = """Revolution and its historians

Recent work stresses the factory committees (Smith 1983, 80) and the role of the soldiers
(Wildman 1980). As Fitzpatrick (2017) argues, the revolution was long.

References

Fitzpatrick, Sheila. 2017. The Russian Revolution. 4th ed. Oxford: Oxford University Press.
Smith, S. A. 1983. Red Petrograd: Revolution in the Factories, 1917–1918. Cambridge: Cambridge University Press.
Wildman, Allan K. 1980. The End of the Russian Imperial Army. Princeton: Princeton University Press.
"""

MLA = """Memory and the Soviet Past

Memory of the terror was long suppressed (Figes 45). Later scholars disagreed about its
scale (Conquest 12; Getty and Naumov 590). The archive is described in (Figure 3).

Works Cited

Conquest, Robert. The Great Terror: A Reassessment. Oxford UP, 1990.
Figes, Orlando. The Whisperers: Private Life in Stalin's Russia. Metropolitan Books, 2007.
Getty, J. Arch, and Oleg V. Naumov. The Road to Terror. Yale UP, 1999.
"""

HARVARD = """Workers and the state

The factory committees were strongest in Petrograd (Smith, 1983, p. 80). Their decline was
rapid (ibid., p. 90). Others place it later (Fitzpatrick, 2017: 45-47), and Chase et al.
(2001) agree.

References

Chase, W., Getty, J. A. and Naumov, O. (2001) Stalin's Russia. London: Routledge.
Fitzpatrick, S. (2017) The Russian Revolution. 4th edn. Oxford: Oxford University Press.
Smith, S. A. (1983) Red Petrograd. Cambridge: Cambridge University Press.
"""

MARKDOWN_FOOTNOTES = """# On exile

Her account is partial[^1] but it is the most vivid we have.[^2] Historians have since
corrected it.[^3]

[^1]: Hannah Arendt, *The Origins of Totalitarianism* (New York: Harcourt, 1951), 12.
[^2]: Ibid., 40.
[^3]: Eric Hobsbawm, _The Age of Extremes_ (London: Michael Joseph, 1994), 331.
"""

SUPERSCRIPT_LABELS = """On exile

Her account is partial¹ but it is the most vivid we have.² Historians have since corrected it.³

¹ Hannah Arendt, The Origins of Totalitarianism (New York: Harcourt, 1951), 12.
² Ibid., 40.
³ Eric Hobsbawm, The Age of Extremes (London: Michael Joseph, 1994), 331.
"""

WIKI = """February Revolution

The February Revolution began on 8 March 1917.[1] It was followed by the formation of the
Provisional Government.[2] Historians still debate its causes.[1][3]

References

1. ^ a b Fitzpatrick, Sheila (2017). The Russian Revolution (4th ed.). Oxford University Press. p. 45.
2. ^ Smith, S. A. (2017). Russia in Revolution: An Empire in Crisis, 1890 to 1928. Oxford University Press. pp. 101–103.
3. ^ Figes, Orlando (1996). A People's Tragedy: The Russian Revolution 1891–1924. London: Jonathan Cape. p. 307.
"""

CASES = [
    pytest.param(
        CHICAGO_BRACKETED,
        [(0, "full"), (1, "full"), (1, "ibid"), (0, "short")],
        {0: ("fitzpatrick2017russian", "The Russian Revolution"), 1: ("smith1983red", None)},
        id="chicago-bracketed-notes",
    ),
    pytest.param(
        SUPERSCRIPT_FOOTNOTES,
        [(0, "full"), (1, "full"), (0, "short"), (2, "full")],
        {0: ("arendt1951origins", "The Origins of Totalitarianism"), 2: ("service2007comrades", None)},
        id="superscript-footnotes",
    ),
    pytest.param(
        AUTHOR_DATE,
        [(1, "parenthetical"), (2, "parenthetical"), (0, "parenthetical"),
         (0, "further-reading"), (1, "further-reading"), (2, "further-reading")],
        {2: ("wildman1980end", "The End of the Russian Imperial Army")},
        id="author-date-with-reference-list",
    ),
    pytest.param(
        MLA,
        [(0, "parenthetical"), (1, "parenthetical"), (2, "parenthetical"),
         (1, "further-reading"), (0, "further-reading"), (2, "further-reading")],
        {1: ("conquest1990great", "The Great Terror: A Reassessment"), 2: ("getty1999road", None)},
        id="mla-works-cited",
    ),
    pytest.param(
        HARVARD,
        [(0, "parenthetical"), (0, "ibid"), (1, "parenthetical"), (2, "parenthetical"),
         (2, "further-reading"), (1, "further-reading"), (0, "further-reading")],
        {0: ("smith1983red", "Red Petrograd"), 2: ("chase2001stalin", "Stalin's Russia")},
        id="harvard-with-ibid",
    ),
    pytest.param(
        MARKDOWN_FOOTNOTES,
        [(0, "full"), (0, "ibid"), (1, "full")],
        {0: ("arendt1951origins", "The Origins of Totalitarianism"), 1: ("hobsbawm1994age", "The Age of Extremes")},
        id="markdown-footnotes",
    ),
    pytest.param(
        SUPERSCRIPT_LABELS,
        [(0, "full"), (0, "ibid"), (1, "full")],
        {0: ("arendt1951origins", "The Origins of Totalitarianism")},
        id="superscript-note-labels",
    ),
    pytest.param(
        WIKI,
        [(0, "full"), (1, "full"), (2, "full")],
        {0: ("fitzpatrick2017russian", "The Russian Revolution"), 1: ("smith2017russia", "Russia in Revolution: An Empire in Crisis, 1890 to 1928")},
        id="wiki-references",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "works"), CASES)
def test_resolution(text: str, expected: list[tuple[int | None, str]], works: dict) -> None:
    analysis = analyse_documents([Document.from_text("essay.txt", text)])
    (document,) = analysis.documents
    got = [(c.work, c.kind.value) for c in document.citations]
    assert [kind for _, kind in got] == [kind for _, kind in expected]
    keys: dict[int, str] = {}
    for (work, _), (cluster, _) in zip(got, expected, strict=True):
        if cluster is None:
            assert work is None
        else:
            assert work is not None
            assert keys.setdefault(cluster, work) == work
    assert len(set(keys.values())) == len(keys)  # different clusters, different works
    titles = {w.key: w.title for w in analysis.works}
    for cluster, (key, title) in works.items():
        assert keys[cluster] == key
        if title:
            assert titles[key] == title
    assert [p.kind for p in document.problems if p.severity.value != "info"] == []


def test_titles_and_references_that_wrap_across_lines_are_found() -> None:
    text = (
        "On revolutions\n\nAs Eric Hobsbawm showed in his book The Age of\nRevolution, the dual "
        "revolution remade Europe (Hobsbawm, The Age of\nRevolution, p. 3).\n"
    )
    analysis = analyse_documents([Document.from_text("wrapped.txt", text)])
    (document,) = analysis.documents
    assert [(c.kind.value, c.line, c.pages) for c in document.citations] == [
        ("mention", 3, None),
        ("parenthetical", 4, "3"),
    ]
    (work,) = analysis.works
    assert work.title == "The Age of Revolution"
    assert all(c.work == work.key for c in document.citations)
