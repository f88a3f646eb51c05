"""Realistic works for the export tests: the oddities a bibliography meets in the wild.

Identifiers are from the reserved example ranges (DOI prefix 10.5555, ISBN 978-3-16-148410-0),
never real-looking inventions.
"""

from __future__ import annotations

import dataclasses

from citeres.model import (
    Analysis,
    Citation,
    DocumentResult,
    Enrichment,
    EnrichmentStatus,
    Kind,
    Name,
    Problem,
    ProblemKind,
    Reference,
    Work,
    WorkType,
)

CARR = Name(family="Carr", given="E.H.")
WORKS = (
    Work(
        key="carr1950bolshevik",
        type=WorkType.BOOK,
        authors=(CARR,),
        title="The Bolshevik Revolution 1917–1923",
        volume="I",
        place="London",
        publisher="Macmillan",
        year="1950",
    ),
    Work(
        key="carr1952bolshevik",
        type=WorkType.BOOK,
        authors=(CARR,),
        title="The Bolshevik Revolution 1917–1923",
        volume="II",
        place="London",
        publisher="Macmillan",
        year="1952",
    ),
    Work(
        key="lenin1966state",
        type=WorkType.CHAPTER,
        authors=(Name(family="Lenin", given="V.I."),),
        editors=(Name(family="Conner", given="James E."),),
        title="The State and Revolution",
        container="Lenin on Politics and Revolution",
        place="New York",
        publisher="Pegasus",
        year="1968",
        pages="185-96",
    ),
    Work(
        key="fitzpatrick1988bolsheviks",
        type=WorkType.ARTICLE,
        authors=(Name(family="Fitzpatrick", given="Sheila"),),
        title="The Bolsheviks' Dilemma",
        subtitle="Class, Culture, and Politics",
        container="Slavic Review",
        volume="47",
        issue="4",
        year="1988",
        pages="599–613",
        doi="https://doi.org/10.5555/12345678",
    ),
    Work(
        key="mia2007trotsky",
        type=WorkType.WEB,
        authors=(Name(family="Marxists Internet Archive", corporate=True),),
        title="Leon Trotsky Internet Archive",
        year="2007",
        url="https://www.marxists.org/archive/trotsky/index.htm",
    ),
    Work(
        key="cpsu1939history",
        type=WorkType.BOOK,
        authors=(Name(family="Communist Party of the Soviet Union (Bolsheviks)", corporate=True),),
        title="History of the CPSU(B)",
        subtitle="Short Course",
        place="Moscow",
        publisher="Foreign Languages Publishing House",
        year="1939",
    ),
    Work(
        key="beethoven1961letters",
        type=WorkType.BOOK,
        authors=(Name(family="Beethoven", given="Ludwig", particle="van"),),
        editors=(Name(family="Anderson", given="Emily"),),
        title="The Letters of Beethoven",
        place="London",
        publisher="Macmillan & Co.",
        year="1961",
        edition="2nd",
    ),
    Work(
        key="king1964why",
        type=WorkType.BOOK,
        authors=(Name(family="King", given="Martin Luther", suffix="Jr."),),
        title="Why We Can't Wait",
        place="New York",
        publisher="Harper & Row",
        year="1964",
        isbn="978-3-16-148410-0",
    ),
    Work(
        key="trotskii1930moia",
        type=WorkType.BOOK,
        authors=(Name(family="Троцкий", given="Лев"),),
        title="Моя жизнь",
        subtitle="Опыт автобиографии",
        place="Берлин",
        publisher="Гранит",
        year="1930",
    ),
    Work(
        key="kolakowski1978main",
        type=WorkType.BOOK,
        authors=(Name(family="Kołakowski", given="Leszek"),),
        title="Main Currents of Marxism",
        volume="III",
        place="Oxford",
        publisher="Clarendon Press",
        year="1978",
        original_year="1976",
    ),
    Work(
        key="tabari1989history",
        type=WorkType.BOOK,
        authors=(Name(family="Tabari", given="Muhammad ibn Jarir", particle="al-"),),
        title="The History of al-Ṭabarī",
        place="Albany",
        publisher="SUNY Press",
        year="1989",
    ),
    Work(
        key="guerin1965anarchisme",
        type=WorkType.CHAPTER,
        authors=(Name(family="Guérin", given="Daniel"),),
        title="L'anarchisme et la révolution",
        container="Ni Dieu ni maître",
        editors=(Name(family="Guérin", given="Daniel"),),
        place="Paris",
        publisher="Éditions de Minuit",
        year="1917-18",
    ),
    Work(
        key="marx1976capital",
        type=WorkType.BOOK,
        authors=(Name(family="Marx", given="Karl"),),
        translators=(Name(family="Fowkes", given="Ben"),),
        title="Capital",
        subtitle="A Critique of Political Economy",
        series="Pelican Marx Library",
        volume="1",
        place="Harmondsworth",
        publisher="Penguin",
        year="1976",
    ),
    Work(
        key="hobsbawm1983inventing",
        type=WorkType.CHAPTER,
        authors=(Name(family="Hobsbawm", given="Eric"),),
        editors=(Name(family="Hobsbawm", given="Eric"), Name(family="Ranger", given="Terence")),
        title="Introduction: Inventing Traditions",
        container="The Invention of Tradition",
        series="Past and Present Publications",
        place="Cambridge",
        publisher="Cambridge University Press",
        year="1983",
        pages="1-14",
    ),
    Work(
        key="odd",
        type=WorkType.MISC,
        title="Profits & Losses: 100% of $5 #1 under_score {braces} ~ ^ \\",
        container="Pamphlet #3",
    ),
)

KEYS = sorted(work.key for work in WORKS)


def citation(path: str, line: int, work: str | None, kind: Kind = Kind.FULL) -> Citation:
    return Citation(
        path=path,
        line=line,
        kind=kind,
        raw=f"<raw & text of line {line}>",
        reference=Reference(),
        work=work,
        pages="12" if work else None,
    )


ANALYSIS = Analysis(
    documents=(
        DocumentResult(
            path="essays/one.txt",
            citations=(
                citation("essays/one.txt", 10, "carr1950bolshevik"),
                citation("essays/one.txt", 12, "carr1950bolshevik", Kind.IBID),
                citation("essays/one.txt", 14, "trotskii1930moia"),
                citation("essays/one.txt", 20, None, Kind.OPCIT),
                dataclasses.replace(
                    citation("essays/one.txt", 22, None, Kind.IBID), ambiguous=True
                ),
            ),
            problems=(
                Problem(
                    path="essays/one.txt",
                    line=20,
                    kind=ProblemKind.UNRESOLVED_SHORT_FORM,
                    message="op. cit. <without> an earlier work",
                    note=4,
                ),
            ),
        ),
        DocumentResult(
            path="essays/two.txt", citations=(citation("essays/two.txt", 3, "odd"),), problems=()
        ),
    ),
    works=WORKS,
)

# Control characters as a document (or a catalogue, for the publisher) may hand them over.
DIRTY = Work(
    key="smith2000ordinary",
    type=WorkType.ARTICLE,
    authors=(Name(family="Smith\x07", given="Jane\x00"),),
    title="Ordinary\x00 Title\x1b[31m with a bell\x07",
    container="Journal\x0c of\x85 Tests",
    publisher="Pub\x7flisher",
    volume="3",
    year="2000",
    pages="1-9",
    enrichment=Enrichment(
        status=EnrichmentStatus.MATCHED, source="crossref", filled=("publisher",)
    ),
)
DIRTY_ANALYSIS = Analysis(
    documents=(
        DocumentResult(
            path="essays/dirty\x1b.txt",
            citations=(
                Citation(
                    path="essays/dirty\x1b.txt",
                    line=7,
                    kind=Kind.FULL,
                    raw="<script>alert('x')</script> | Smith\x07, *Ordinary* [x](javascript:y) \\",
                    reference=Reference(),
                    work=DIRTY.key,
                    pages="5|6",
                ),
            ),
            problems=(
                Problem(
                    path="essays/dirty\x1b.txt",
                    line=7,
                    kind=ProblemKind.UNPARSED_REFERENCE,
                    message="<img src=x onerror=alert(1)> \x1b]0;title\x07 | not a cell",
                ),
            ),
        ),
    ),
    works=(DIRTY, *WORKS),
)
