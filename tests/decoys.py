"""The decoy catalogue: for each cited work, the traps a real catalogue holds.

Every record here is made up for the tests (identifiers under Crossref's test prefix
10.5555 and Open Library keys OL9…); the shapes are those of the real services. Each case
names the records that are the cited work (none when the catalogue does not hold it) and
carries its traps: the same title as a chapter of an anthology, a review of the book, an
encyclopedia entry, a later edition, another volume, the same title by another author, a
near-duplicate record, no record at all; short titles against full titles with a date or
place, edited collections listed by editor or by the texts' author, translations under
the author's native spelling, leading articles and colon subtitles on one side only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from enrich_support import book
from fakeserver import Catalogue, cr_item, ol_doc, ol_edition

from citeres.model import Name, Work, WorkType


@dataclass
class Case:
    work: Work
    right: frozenset[str]  # the records that are the work; empty: not held
    ol: list[dict[str, Any]] = field(default_factory=list)
    cr: list[dict[str, Any]] = field(default_factory=list)
    editions: dict[str, dict[str, Any]] = field(default_factory=dict)


def person(text: str) -> Name:
    *given, family = text.split()
    return Name(family=family, given=" ".join(given))


def chapter_of_reader(doi: str, title: str, author: tuple[str, str], year: int) -> dict:
    """The text reprinted in an anthology: same title, same author, another book."""
    item = cr_item(doi, "book-chapter", title, [author], year, container="A Reader in History")
    item["editor"] = [{"given": "Rita", "family": "Compiler", "sequence": "first"}]
    return item


def review(doi: str, title: str, reviewer: tuple[str, str], year: int, kind: str) -> dict:
    return cr_item(doi, kind, title, [reviewer], year, container="The Review of Books")


def cases() -> list[Case]:
    grossman = ("Vasily", "Grossman")
    return [
        Case(  # a chapter, a review, an encyclopedia entry, the title by another author
            book("life", "Life and Fate", "Vasily Grossman", year="1985"),
            frozenset({"/works/OL9001W"}),
            ol=[
                ol_doc(
                    "/works/OL9001W",
                    "Life and Fate",
                    ["Vasiliĭ Grossman"],
                    1980,
                    [1980, 1985, 2006],
                    aliases=["Vasily Grossman", "Василий Гроссман"],
                    editions=12,
                ),
                ol_doc("/works/OL9002W", "Life and Fate", ["Jane Otherwriter"], 2001, editions=30),
            ],
            cr=[
                chapter_of_reader("10.5555/reader.life", "Life and Fate", grossman, 2003),
                review(
                    "10.5555/review.life",
                    "Life and Fate",
                    ("Ann", "Critic"),
                    1986,
                    "journal-article",
                ),
                review("10.5555/entry.life", "Life and Fate", grossman, 2010, "reference-entry"),
            ],
        ),
        Case(  # a translation listed under the native spelling only; a later reissue
            book("flows", "Everything Flows", "Vasily Grossman", year="1972"),
            frozenset({"/works/OL9003W"}),
            ol=[
                ol_doc(
                    "/works/OL9003W", "Everything Flows", ["Василий Гроссман"], 1970, editions=4
                ),
                ol_doc("/works/OL9004W", "Everything Flows", ["Vasily Grossman"], 2010),
            ],
        ),
        Case(  # a short title against the catalogue's title with a date; a chapter of it
            book("marseille", "Marseille", "Jean Ballard", year="1990"),
            frozenset({"/works/OL9005W"}),
            ol=[
                ol_doc("/works/OL9005W", "Marseille, 1942", ["Jean Ballard"], 1988, [1988, 1990]),
                ol_doc("/works/OL9006W", "Marseille: A City Guide", ["Tom Tourist"], 1995),
            ],
            cr=[
                chapter_of_reader(
                    "10.5555/reader.marseille", "Marseille", ("Jean", "Ballard"), 1999
                )
            ],
        ),
        Case(  # the date is the title's, not the publication's; the title by another author
            book("moscow", "Moscow", "Karl Schlögel", year="1937"),
            frozenset({"/works/OL9007W"}),
            ol=[
                ol_doc("/works/OL9007W", "Moscow, 1937", ["Karl Schlögel"], 2008, [2008, 2012]),
                ol_doc("/works/OL9008W", "Moscow", ["Ivan Guidebook"], 1937),
            ],
        ),
        Case(  # an anthology cited by its editor, catalogued under the texts' author
            book("bakunin", "Bakunin on Anarchy", "Sam Dolgoff", year="1971"),
            frozenset({"/works/OL9009W"}),
            ol=[
                ol_doc("/works/OL9009W", "Bakunin on Anarchy", ["Mikhail Bakunin"], 1971),
                ol_doc("/works/OL9010W", "Bakunin", ["Mark Biographer"], 2006),
                ol_doc("/works/OL9011W", "On Anarchy", ["Pierre Essayist"], 1971),
            ],
        ),
        Case(  # an edited collection listed by its editor
            Work(
                key="lenin-politics",
                type=WorkType.BOOK,
                editors=(person("James E. Conner"),),
                title="Lenin on Politics and Revolution",
                year="1968",
            ),
            frozenset({"/works/OL9012W"}),
            ol=[
                ol_doc(
                    "/works/OL9012W", "Lenin on Politics and Revolution", ["James E. Conner"], 1968
                ),
                ol_doc("/works/OL9013W", "Lenin on Politics", ["V. I. Lenin"], 1975),
            ],
        ),
        Case(  # the texts' author cited, the catalogue listing the editor
            book(
                "peasant-war",
                "The Peasant War in Germany",
                "Frederick Engels",
                editors=(person("Leonard Krieger"),),
            ),
            frozenset({"/works/OL9014W"}),
            ol=[ol_doc("/works/OL9014W", "The Peasant War in Germany", ["Leonard Krieger"], 1967)],
        ),
        Case(  # the leading article on the record's side; the same author's other book
            book("come-to-power", "Bolsheviks Come to Power", "Alexander Rabinowitch"),
            frozenset({"/works/OL9015W"}),
            ol=[
                ol_doc(
                    "/works/OL9015W",
                    "The Bolsheviks Come to Power",
                    ["Alexander Rabinowitch"],
                    1976,
                ),
                ol_doc(
                    "/works/OL9016W", "The Bolsheviks in Power", ["Alexander Rabinowitch"], 2007
                ),
            ],
        ),
        Case(  # the same author's similar title, and no record of the work cited
            book("prelude", "Prelude to Revolution", "Alexander Rabinowitch", year="1968"),
            frozenset(),
            ol=[
                ol_doc(
                    "/works/OL9017W",
                    "Prelude to the Revolution in Power",
                    ["Alexander Rabinowitch"],
                    1990,
                )
            ],
        ),
        Case(  # another volume is held, and the cited one; a third is cited and not held
            book("carr-1", "The Bolshevik Revolution", "E. H. Carr", year="1950", volume="I"),
            frozenset({"/works/OL9018W"}),
            ol=[
                ol_doc(
                    "/works/OL9018W",
                    "The Bolshevik Revolution, 1917-1923",
                    ["Edward Hallett Carr"],
                    1950,
                    subtitle="Vol. 1",
                ),
                ol_doc(
                    "/works/OL9019W",
                    "The Bolshevik Revolution, 1917-1923",
                    ["Edward Hallett Carr"],
                    1952,
                    subtitle="Vol. 2",
                ),
            ],
        ),
        Case(
            book("carr-3", "The Bolshevik Revolution", "E. H. Carr", year="1953", volume="III"),
            frozenset(),
        ),
        Case(  # the same title by two authors, both cited
            book("hill", "Lenin and the Russian Revolution", "Christopher Hill", year="1971"),
            frozenset({"/works/OL9020W"}),
            ol=[
                ol_doc(
                    "/works/OL9020W",
                    "Lenin and the Russian Revolution",
                    ["Christopher Hill"],
                    1947,
                    [1947, 1971],
                ),
                ol_doc(
                    "/works/OL9021W",
                    "Lenin and the Russian Revolution",
                    ["Harold Shukman"],
                    1966,
                    editions=20,
                ),
            ],
        ),
        Case(
            book("shukman", "Lenin and the Russian Revolution", "Harold Shukman", year="1967"),
            frozenset({"/works/OL9021W"}),
        ),
        Case(  # a near-duplicate record: either is the work
            book("petrograd", "Red Petrograd", "S. A. Smith"),
            frozenset({"/works/OL9022W", "/works/OL9023W"}),
            ol=[
                ol_doc(
                    "/works/OL9022W",
                    "Red Petrograd",
                    ["S. A. Smith"],
                    1983,
                    subtitle="Revolution in the Factories, 1917-1918",
                    editions=5,
                ),
                ol_doc(
                    "/works/OL9023W",
                    "Red Petrograd",
                    ["Steve A. Smith"],
                    1983,
                    subtitle="Revolution in the factories, 1917-18",
                ),
            ],
        ),
        Case(  # no record at all; a chapter of that title by that author; another author's
            book("varney", "Industrial Communism", "Harold Lord Varney", year="1919"),
            frozenset(),
            ol=[
                ol_doc(
                    "/works/OL9024W", "Industrial Communism and Its Critics", ["Ada Other"], 1921
                )
            ],
            cr=[
                chapter_of_reader(
                    "10.5555/reader.varney", "Industrial Communism", ("Harold Lord", "Varney"), 1919
                ),
                cr_item(
                    "10.5555/other.varney",
                    "journal-article",
                    "Industrial Communism",
                    [("Bea", "Scholar")],
                    1977,
                ),
            ],
        ),
        Case(  # only a later reissue, catalogued as a work of its own
            book("silhouettes", "Revolutionary Silhouettes", "Anatoly Lunacharsky", year="1967"),
            frozenset(),
            ol=[
                ol_doc("/works/OL9025W", "Revolutionary Silhouettes", ["Anatoly Lunacharsky"], 2016)
            ],
        ),
        Case(  # romanised spelling of the ending: -skiĭ for -sky
            book("lunacharsky", "On Literature and Art", "A. V. Lunacharsky", year="1965"),
            frozenset({"/works/OL9026W"}),
            ol=[
                ol_doc(
                    "/works/OL9026W",
                    "On Literature and Art",
                    ["Anatoliĭ Vasilʹevich Lunacharskiĭ"],
                    1965,
                )
            ],
        ),
        Case(  # an article: a review by someone else, a preprint, and the article itself
            book(
                "filtzer-plan",
                "The Soviet Worker and the Plan",
                "Don Filtzer",
                year="1992",
                type=WorkType.ARTICLE,
                container="Soviet Studies",
            ),
            frozenset({"10.5555/filtzer.plan"}),
            cr=[
                cr_item(
                    "10.5555/filtzer.plan",
                    "journal-article",
                    "The Soviet Worker and the Plan",
                    [("Don", "Filtzer")],
                    1992,
                    container="Soviet Studies",
                    volume="44",
                    page="1-20",
                ),
                review(
                    "10.5555/review.plan",
                    "The Soviet Worker and the Plan",
                    ("Ann", "Critic"),
                    1993,
                    "book-review",
                ),
                cr_item(
                    "10.5555/preprint.plan",
                    "posted-content",
                    "The Soviet Worker and the Plan",
                    [("Don", "Filtzer")],
                    1991,
                ),
            ],
        ),
        Case(  # a book only in Crossref: a chapter of the same title, and a later reprint
            book(
                "filtzer-book",
                "Soviet Workers and Stalinist Industrialization",
                "Don Filtzer",
                year="1986",
            ),
            frozenset({"10.5555/filtzer.book"}),
            cr=[
                cr_item(
                    "10.5555/filtzer.book",
                    "monograph",
                    "Soviet Workers and Stalinist Industrialization",
                    [("Don", "Filtzer")],
                    1986,
                ),
                chapter_of_reader(
                    "10.5555/reader.filtzer",
                    "Soviet Workers and Stalinist Industrialization",
                    ("Don", "Filtzer"),
                    1990,
                ),
                cr_item(
                    "10.5555/reprint.filtzer",
                    "monograph",
                    "Soviet Workers and Stalinist Industrialization",
                    [("Don", "Filtzer")],
                    2002,
                ),
            ],
        ),
        Case(  # a chapter: the classic as a book, and in another reader of another year
            Work(
                key="state-revolution",
                type=WorkType.CHAPTER,
                authors=(person("V. I. Lenin"),),
                editors=(person("James E. Conner"),),
                title="State and Revolution",
                container="Lenin on Politics and Revolution",
                year="1968",
            ),
            frozenset({"10.5555/conner.state"}),
            cr=[
                cr_item(
                    "10.5555/conner.state",
                    "book-chapter",
                    "State and Revolution",
                    [("V. I.", "Lenin")],
                    1968,
                    container="Lenin on Politics and Revolution",
                ),
                cr_item(
                    "10.5555/book.state", "book", "State and Revolution", [("V. I.", "Lenin")], 1932
                ),
                chapter_of_reader(
                    "10.5555/reader.state", "State and Revolution", ("V. I.", "Lenin"), 2004
                ),
            ],
        ),
        Case(  # cited as an article; only the book exists
            book(
                "naimark",
                "Stalin's Genocides",
                "Norman Naimark",
                year="2010",
                type=WorkType.ARTICLE,
            ),
            frozenset(),
            cr=[
                cr_item(
                    "10.5555/naimark.book",
                    "monograph",
                    "Stalin's Genocides",
                    [("Norman", "Naimark")],
                    2010,
                )
            ],
        ),
        Case(  # a colon subtitle on the cited side only
            book("kollontai", "Alexandra Kollontai: A Biography", "Cathy Porter"),
            frozenset({"/works/OL9027W"}),
            ol=[
                ol_doc("/works/OL9027W", "Alexandra Kollontai", ["Cathy Porter"], 1980),
                ol_doc("/works/OL9028W", "Alexandra Kollontai", ["Ruth Biographer"], 1999),
            ],
        ),
        Case(  # a colon subtitle on the record's side only
            book(
                "obsolete",
                "Obsolete Communism",
                "Daniel Cohn-Bendit",
                "Gabriel Cohn-Bendit",
                year="1968",
            ),
            frozenset({"/works/OL9029W"}),
            ol=[
                ol_doc(
                    "/works/OL9029W",
                    "Obsolete Communism: The Left-Wing Alternative",
                    ["Daniel Cohn-Bendit", "Gabriel Cohn-Bendit"],
                    1968,
                ),
                ol_doc("/works/OL9030W", "Communism", ["Richard Pipes"], 2001),
            ],
        ),
        Case(  # a leading article on the cited side only; an encyclopedia entry
            book("betrayed", "The Revolution Betrayed", "Leon Trotsky", year="1972"),
            frozenset({"/works/OL9031W"}),
            ol=[
                ol_doc(
                    "/works/OL9031W",
                    "Revolution Betrayed",
                    ["Lev Trotskiĭ"],
                    1937,
                    [1937, 1972],
                    aliases=["Leon Trotsky", "Лев Троцкий"],
                )
            ],
            cr=[
                review(
                    "10.5555/entry.betrayed",
                    "The Revolution Betrayed",
                    ("Leon", "Trotsky"),
                    2005,
                    "reference-entry",
                )
            ],
        ),
        Case(  # the author's pen name is the catalogue's alternate name
            book("tulayev", "The Case of Comrade Tulayev", "Victor Serge"),
            frozenset({"/works/OL9032W"}),
            ol=[
                ol_doc(
                    "/works/OL9032W",
                    "The Case of Comrade Tulayev",
                    ["Viktor Lʹvovich Kibalʹchich"],
                    1948,
                    aliases=["Victor Serge"],
                )
            ],
        ),
        Case(  # the same title by another author only
            book("leninism", "Leninism", "Alfred G. Meyer", year="1962"),
            frozenset(),
            ol=[ol_doc("/works/OL9033W", "Leninism", ["Grigory Zinoviev"], 1925, editions=6)],
        ),
        Case(  # a work cited whole, held in two volumes: a guess would be wrong
            book("selected", "Selected Works", "Karl Kautsky"),
            frozenset(),
            ol=[
                ol_doc(
                    "/works/OL9034W", "Selected Works", ["Karl Kautsky"], 1960, subtitle="Vol. 1"
                ),
                ol_doc(
                    "/works/OL9035W", "Selected Works", ["Karl Kautsky"], 1961, subtitle="Vol. 2"
                ),
            ],
        ),
        Case(  # the document's own ISBN
            book("quignard", "Les ombres errantes", "Pascal Quignard", isbn="978-2-07-042779-6"),
            frozenset({"/books/OL9900M"}),
            editions={
                "9782070427796": ol_edition(
                    "/books/OL9900M",
                    "Les ombres errantes",
                    ["Pascal Quignard"],
                    "2002",
                    "Gallimard",
                )
            },
        ),
        Case(  # the document's own DOI
            book(
                "doi",
                "Memory and the Archive",
                "Maria Petrova",
                year="1999",
                type=WorkType.ARTICLE,
                doi="10.5555/petrova.memory",
            ),
            frozenset({"10.5555/petrova.memory"}),
            cr=[
                cr_item(
                    "10.5555/petrova.memory",
                    "journal-article",
                    "Memory and the Archive",
                    [("Maria", "Petrova")],
                    1999,
                    container="Slavic Review",
                )
            ],
        ),
    ]


def catalogue_of(all_cases: list[Case]) -> Catalogue:
    catalogue = Catalogue()
    for case in all_cases:
        catalogue.ol_docs.extend(case.ol)
        catalogue.cr_items.extend(case.cr)
        catalogue.ol_editions.update(case.editions)
    return catalogue
