"""Works named in prose: tables of real sentences → (kind, title, author)."""

from __future__ import annotations

import pytest

from citeres.find import prose
from tests.find_table import rows

M = "mention"

CASES = [
    (
        "as demonstrated by Salvatore Salerno’s Red November, Black November. Some members",
        [(M, "Red November, Black November", "Salerno")],
    ),
    (
        "(See Alexander Rabinowtich’s Bolsheviks Come to Power and Bolsheviks In Power for a "
        "historically in-depth look at these events).",
        [(M, "Bolsheviks Come to Power", "Rabinowtich"), (M, "Bolsheviks In Power", "Rabinowtich")],
    ),
    (
        "‘in the name of the soviets’, so said Trotsky in his fine History of the Russian "
        "Revolution. Here in a nutshell",
        [(M, "History of the Russian Revolution", "Trotsky")],
    ),
    (
        "As Don Filtzer showed in his seminal book Soviet Workers and Stalinist "
        "Industrialization, by the 1930s the working class",
        [(M, "Soviet Workers and Stalinist Industrialization", "Filtzer")],
    ),
    (
        "attacked in Lenin’s famous pamphlet Left-wing Communism: An Infantile Disorder were",
        [(M, "Left-wing Communism: An Infantile Disorder", "Lenin")],
    ),
    (
        "Victor Kravchenko reports in his book, I Chose Freedom, that the victims numbered",
        [(M, "I Chose Freedom", "Kravchenko")],
    ),
    (
        "(for this argument see Naimark, Stalin’s Genocides; on the terror",
        [(M, "Stalin’s Genocides", "Naimark")],
    ),
    (
        "I think his critical analysis actually lies in Serge’s fiction — specifically The Case "
        "of Comrade Tulayev and Midnight In The Century; the analysis",
        [(M, "The Case of Comrade Tulayev", "Serge"), (M, "Midnight In The Century", "Serge")],
    ),
    (
        "the only serious attempt is Sartre’s unfinished masterpiece Critique of Dialectical "
        "Reason, whose second volume",
        [(M, "Critique of Dialectical Reason", "Sartre")],
    ),
    (
        "after reading Vasily Grossman’s novel, ‘Everything Flows’. Later, ‘Everything Flows’ "
        "slams up against fifty years of my own prejudices.",
        [(M, "Everything Flows", "Grossman"), (M, "Everything Flows", "Grossman")],
    ),
    (
        "Harold Lord Varney would write a pamphlet called Industrial Communism which aimed",
        [(M, "Industrial Communism", "Varney")],
    ),
    (
        "the new book Darkness at Noon by Arthur Koestler appeared",
        [(M, "Darkness at Noon", "Koestler")],
    ),
    (
        "In his pamphlet State and Revolution, and again in his April Theses, he described",
        [(M, "State and Revolution", None), (M, "April Theses", None)],
    ),
    (
        "Leland, in his story, Black Cat and the Sable, tells of the island.",
        [(M, "Black Cat and the Sable", None)],  # mid-sentence, the comma is an apposition
    ),
    # Must yield nothing: parties, organisations, events, places, slogans, sentence starts.
    ("There was also Daniel DeLeon’s Socialist Labor Party, which was less of a force", []),
    ("then Stalin’s Russia was discrediting and destroying it for decades to come", []),
    ("the Soviet Union was no different from Hitler’s Germany.", []),
    ("the Bolsheviks used the slogan ‘All power to the Soviets’ that year", []),
    ("The Seattle General Strike showed the militancy that American workers were capable of", []),
    ("Lenin’s Central Committee voted for the treaty", []),
    ("he met his New York friends at the Finland Station", []),
    ("It was the work of many others, Cliff Slaughter especially.", []),
    ("Russia’s Marxist intellectuals had agreed it was going to be capitalist", []),
    ("a mass strike led by the AFL Metal Trades Council and IWW", []),
    ("Gavril Myasnikov: hero of the working class", []),
    # Buildings, places and forms of address after a possessive or `his`.
    ("It came to the same thing in the end--to the King's Bench Prison, that is to say", []),
    ("after a long and desperate conflict, his Satanic Majesty was at last constrained", []),
    ("the Chronicles of their own Duchy of Normandy, it is not improbable that", []),
    # People after a possessive or `his`, an opening phrase, a page's label.
    ("Mdodana joined other African students like Ghana's James Aggrey who contributed", []),
    ("the group included Kingsley Mbadiwe, his brother George Mbadiwe, and Mbonu Ojike.", []),
    ("Leland tells it otherwise. In his story, Black Cat was carried off from the island.", []),
    ("Firefox OS\n\nMain article: Firefox OS\n\nFirefox OS is an operating system.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_prose(text: str, expected: list) -> None:
    assert rows(prose.find, text) == expected


def test_a_title_named_with_evidence_is_found_again_bare() -> None:
    text = (
        "Varney wrote a pamphlet called Industrial Communism in 1919. While not ignoring "
        "their differences, Industrial Communism essentially projects onto Bolshevism"
    )
    assert [r[1] for r in rows(prose.find, text)] == ["Industrial Communism"] * 2


def test_a_common_phrase_is_not_found_again_after_the() -> None:
    text = "his book The Road to Power was read. But The Road to Power was long."
    assert [r[1] for r in rows(prose.find, text)] == ["The Road to Power"]


def test_a_named_revolution_is_not_a_book() -> None:
    assert rows(prose.find, "his book The Russian Revolution was read.") == []


QUOTED_CASES = [
    (
        "One of my favourites is William Thomas’s article, “Writing History from Scratch.” It",
        ["Writing History from Scratch"],
    ),
    (
        "Jane Row wrote a fine piece titled “No Reviews = No Respect” last spring.",
        ["No Reviews = No Respect"],
    ),
    (
        "Beschränkte sich Berg 2011 in seinem Artikel „Zeichen und Begriffe in der Ordnung“ noch",
        ["Zeichen und Begriffe in der Ordnung"],
    ),
    ('before setting out to write his essay ("Notes on Giotto") he read', ["Notes on Giotto"]),
    ('as published by Leland in his "Northern Tales." The cylinders', ["Northern Tales"]),
    # Quotations, not titles: a sentence quoted, lower case, music, a word `in his` mouth.
    ("In his essay he wrote “It rained. We stayed in.” and left.", []),
    ("the book “is a triumph of the form” says one reviewer", []),
    ("The 1st Sonata is entitled “The Fight of the Giants.” It opens in G.", []),
    ("a movement (B flat) entitled “The Harp of Morning.” The following", []),
    ("He said in his “loud voice” that all was well.", []),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED_CASES)
def test_a_quoted_title_that_a_noun_vouches_for(text: str, expected: list[str]) -> None:
    assert [r[1] for r in rows(prose.find, text)] == expected


def test_a_quoted_title_repeated_as_a_heading_is_not_found_again() -> None:
    text = "## “Small Hours”\n\nIn her book “Small Hours” she asks. Later “Small Hours” ends.\n"
    assert [(r[1]) for r in rows(prose.find, text)] == ["Small Hours", "Small Hours"]
