"""Realistic works for the export tests: the oddities a bibliography meets in the wild.

Identifiers are from the reserved example ranges (DOI prefix 10.5555, ISBN 978-3-16-148410-0),
never real-looking inventions.
"""

from __future__ import annotations

from citeres.model import (
    Analysis,
    Citation,
    DocumentResult,
    Enrichment,
    Kind,
    Name,
    Problem,
    Reference,
    Severity,
    Work,
    WorkType,
)

CARR = Name("Carr", "E.H.")
WORKS = (
    Work("carr1950bolshevik", WorkType.BOOK, authors=(CARR,),
         title="The Bolshevik Revolution 1917–1923", volume="I", place="London",
         publisher="Macmillan", year="1950"),
    Work("carr1952bolshevik", WorkType.BOOK, authors=(CARR,),
         title="The Bolshevik Revolution 1917–1923", volume="II", place="London",
         publisher="Macmillan", year="1952"),
    Work("lenin1966state", WorkType.CHAPTER, authors=(Name("Lenin", "V.I."),),
         editors=(Name("Conner", "James E."),), title="The State and Revolution",
         container="Lenin on Politics and Revolution", place="New York", publisher="Pegasus",
         year="1968", pages="185-96"),
    Work("fitzpatrick1988bolsheviks", WorkType.ARTICLE, authors=(Name("Fitzpatrick", "Sheila"),),
         title="The Bolsheviks' Dilemma", subtitle="Class, Culture, and Politics",
         container="Slavic Review", volume="47", issue="4", year="1988", pages="599–613",
         doi="https://doi.org/10.5555/12345678"),
    Work("mia2007trotsky", WorkType.WEB,
         authors=(Name("Marxists Internet Archive", corporate=True),),
         title="Leon Trotsky Internet Archive", year="2007",
         url="https://www.marxists.org/archive/trotsky/index.htm"),
    Work("cpsu1939history", WorkType.BOOK,
         authors=(Name("Communist Party of the Soviet Union (Bolsheviks)", corporate=True),),
         title="History of the CPSU(B)", subtitle="Short Course", place="Moscow",
         publisher="Foreign Languages Publishing House", year="1939"),
    Work("beethoven1961letters", WorkType.BOOK,
         authors=(Name("Beethoven", "Ludwig", particle="van"),),
         editors=(Name("Anderson", "Emily"),), title="The Letters of Beethoven",
         place="London", publisher="Macmillan & Co.", year="1961", edition="2nd"),
    Work("king1964why", WorkType.BOOK, authors=(Name("King", "Martin Luther", suffix="Jr."),),
         title="Why We Can't Wait", place="New York", publisher="Harper & Row", year="1964",
         isbn="978-3-16-148410-0"),
    Work("trotskii1930moia", WorkType.BOOK, authors=(Name("Троцкий", "Лев"),),
         title="Моя жизнь", subtitle="Опыт автобиографии", place="Берлин", publisher="Гранит",
         year="1930"),
    Work("kolakowski1978main", WorkType.BOOK, authors=(Name("Kołakowski", "Leszek"),),
         title="Main Currents of Marxism", volume="III", place="Oxford",
         publisher="Clarendon Press", year="1978", original_year="1976"),
    Work("tabari1989history", WorkType.BOOK,
         authors=(Name("Tabari", "Muhammad ibn Jarir", particle="al-"),),
         title="The History of al-Ṭabarī", place="Albany", publisher="SUNY Press", year="1989"),
    Work("guerin1965anarchisme", WorkType.CHAPTER, authors=(Name("Guérin", "Daniel"),),
         title="L'anarchisme et la révolution", container="Ni Dieu ni maître",
         editors=(Name("Guérin", "Daniel"),), place="Paris", publisher="Éditions de Minuit",
         year="1917-18"),
    Work("odd", WorkType.MISC, title="Profits & Losses: 100% of $5 #1 under_score {braces} ~ ^ \\",
         container="Pamphlet #3"),
)  # fmt: skip

KEYS = sorted(work.key for work in WORKS)


def citation(path: str, line: int, work: str | None, kind: Kind = Kind.FULL) -> Citation:
    return Citation(path, line, kind, f"<raw & text of line {line}>", Reference(), work=work,
                    pages="12" if work else None)  # fmt: skip


ANALYSIS = Analysis(
    documents=(
        DocumentResult(
            "essays/one.txt",
            (citation("essays/one.txt", 10, "carr1950bolshevik"),
             citation("essays/one.txt", 12, "carr1950bolshevik", Kind.IBID),
             citation("essays/one.txt", 14, "trotskii1930moia"),
             citation("essays/one.txt", 20, None, Kind.OPCIT)),
            (Problem("essays/one.txt", 20, "unresolved-short-form", Severity.WARNING,
                     "op. cit. <without> an earlier work", note=4),),
        ),
        DocumentResult("essays/two.txt", (citation("essays/two.txt", 3, "odd"),), ()),
    ),
    works=WORKS,
)  # fmt: skip

# Control characters as a document (or a catalogue, for the publisher) may hand them over.
DIRTY = Work("smith2000ordinary", WorkType.ARTICLE, authors=(Name("Smith\x07", "Jane\x00"),),
             title="Ordinary\x00 Title\x1b[31m with a bell\x07",
             container="Journal\x0c of\x85 Tests", publisher="Pub\x7flisher", volume="3",
             year="2000", pages="1-9",
             enrichment=Enrichment("matched", "crossref", filled=("publisher",)))  # fmt: skip
DIRTY_ANALYSIS = Analysis(
    documents=(
        DocumentResult(
            "essays/dirty\x1b.txt",
            (Citation("essays/dirty\x1b.txt", 7, Kind.FULL,
                      "<script>alert('x')</script> | Smith\x07, *Ordinary* [x](javascript:y) \\",
                      Reference(), work=DIRTY.key, pages="5|6"),),
            (Problem("essays/dirty\x1b.txt", 7, "unparsed-reference", Severity.INFO,
                     "<img src=x onerror=alert(1)> \x1b]0;title\x07 | not a cell"),),
        ),
    ),
    works=(DIRTY, *WORKS),
)  # fmt: skip
