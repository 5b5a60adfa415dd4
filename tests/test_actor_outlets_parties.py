"""Actor classes of issue 11, second round, on hand-written phrases: news outlets and agencies
(named alone, with a descriptive noun, or as a language service), U.S. party labels, and people
placed by their affiliation with a body the knowledge base knows."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of


def covering(actors, phrase: str):
    """The extracted actor whose text holds ``phrase`` (the way the annotated scorer matches)."""
    hits = [a for a in actors if phrase.lower() in a.text.lower()]
    assert hits, f"{phrase!r} not among {[a.text for a in actors]}"
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "country"),
    [
        ("A refugee in the camp told VOA that food had run out.", "VOA", "USA"),
        ("The finance minister told CNN on Monday he would resign.", "CNN", "USA"),
        ("Police fired tear gas, Agence France-Presse reported.", "Agence France-Presse", "FRA"),
        ("Xinhua said the delegation would arrive on Friday.", "Xinhua", "CHN"),
        ("The talks collapsed, the Financial Times reported.", "Financial Times", "GBR"),
    ],
)
def test_a_news_outlet_is_coded_with_its_home_country(sentence, phrase, country):
    actor = covering(actors_of(sentence), phrase)
    assert (actor.country, actor.sector) == (country, "JRN")


@pytest.mark.parametrize(
    ("sentence", "phrase", "country"),
    [
        # a descriptive noun after the name: the parse heads the phrase with a common noun
        ("The mayor spoke to The Wall Street Journal newspaper on Tuesday.", "Wall Street Journal", "USA"),
        ("The lawyer told Agence France-Presse news service the trial was unfair.", "France-Presse", "FRA"),
        # a language service: the language adjective names no country of the actor
        (
            "The governor said in an interview with VOA's Korean Service that talks would resume.",
            "Korean Service",
            "USA",
        ),
        ("VOA Somali reported that the port had reopened.", "VOA Somali", "USA"),
    ],
)
def test_an_outlet_named_as_a_modifier_codes_the_phrase(sentence, phrase, country):
    actor = covering(actors_of(sentence), phrase)
    assert actor.country == country and actor.sector in {"JRN", "MED"}


def test_a_demonym_before_an_outlet_name_does_not_hide_it():
    actors = actors_of("The minister gave an interview to Afghan broadcaster TOLOnews late on Sunday.")
    assert covering(actors, "TOLOnews").country == "AFG"


@pytest.mark.parametrize(
    ("sentence", "phrase", "sector"),
    [
        ("In Kyiv, Republican Senator Jane Roe said the aid would pass.", "Jane Roe", "LEG"),
        ("In Kyiv, Democratic Rep. John Doe criticized the plan.", "John Doe", "LEG"),
        ("Kyiv welcomed the vote, but Republican lawmakers objected.", "Republican lawmakers", "LEG"),
        ("Ukraine's parliament met as Democrats in Washington urged more aid.", "Democrats", "PTY"),
        ("Senate Republicans blocked the bill in Kyiv's favor.", "Republicans", "PTY"),
    ],
)
def test_a_us_party_label_makes_the_actor_american(sentence, phrase, sector):
    actor = covering(actors_of(sentence), phrase)
    assert (actor.country, actor.sector) == ("USA", sector)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("In Stockholm, the Sweden Democrats gained seats.", "Sweden Democrats"),
        ("In Berlin, the Social Democrats lost the vote.", "Social Democrats"),
        ("Irish republicans marched through Belfast.", "republicans"),
    ],
)
def test_another_countrys_party_name_is_no_us_party(sentence, phrase):
    actors = [a for a in actors_of(sentence) if phrase.lower() in a.text.lower()]
    assert all(a.country != "USA" for a in actors)


@pytest.mark.parametrize(
    ("sentence", "person", "country", "sector"),
    [
        ("Kyiv is calm. Jane Roe, a senior fellow at the Atlantic Council, said Russia would attack.",
         "Jane Roe", "USA", "NGO"),
        ("Kyiv is calm. John Doe, a Brookings Institution researcher, warned of an offensive.",
         "John Doe", "USA", "NGO"),
    ],
)  # fmt: skip
def test_a_person_takes_the_country_of_the_body_they_work_for(sentence, person, country, sector):
    actor = covering(actors_of(sentence), person)
    assert (actor.country, actor.sector) == (country, sector)
