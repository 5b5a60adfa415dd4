"""An actor whose own words name no country must not take a nearby country's: a body named again by
its bare noun ("the council") is the body the story named in full, an international body's dotted
abbreviation ("U.N.") is no town of the same letters, a region of the Americas is not the United
States, a stateless people is coded as the state most of it lives in, and a person set after a
description with a nationality ("a Ruritanian national, Jane Doe") takes that nationality."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find
from event_helpers import RAW
from eventwire.pipeline import process_text


def test_bare_council_is_the_council_named_before():
    actors = actors_of(
        "The U.N. Security Council met on Tuesday to discuss the fighting in Chad. Libya asked the "
        "council on Wednesday to impose an arms embargo on the rebels."
    )
    council = find(actors, "the council")
    assert council.country == "UNO"
    assert council.country_reason == "coreference"


def test_capitalised_bare_council_is_the_council_named_before():
    actors = actors_of(
        "Norway said Iran was defying the U.N. Security Council over its enrichment program. "
        '"The Council must act now," the Norwegian statement said.'
    )
    assert find(actors, "The Council").country == "UNO"


def test_a_council_of_another_kind_is_not_the_named_one():
    actors = actors_of(
        "The U.N. Security Council met in New York on Tuesday. In Nairobi, the city council "
        "approved a new budget for the Kenyan capital."
    )
    assert all(a.country != "UNO" for a in actors if a.text == "the city council")


@pytest.mark.parametrize(
    "text",
    [
        "Kenya asked the U.N. for more help on Monday.",
        "The U.N. condemned the attack on the convoy in Sudan.",
    ],
)
def test_dotted_body_abbreviation_is_no_place(text):
    extraction = process_text(text, published="2024-04-14", options=RAW).extraction
    assert not [p for p in extraction.places if p.text == "U.N."]
    bodies = [a for a in extraction.actors if a.text.endswith("U.N.")]
    assert bodies and all(a.country == "UNO" for a in bodies)


def test_dotted_abbreviation_never_codes_an_event_party_as_a_town():
    events = process_text(
        "The Taliban rejected the U.N. findings on Thursday.", published="2024-04-14", options=RAW
    ).extraction.events
    parties = [a for e in events for a in (e.source, e.target) if a is not None]
    assert parties and all(a.country != "IND" for a in parties)


@pytest.mark.parametrize(
    "text",
    [
        "Rosa Diaz, director of the Latin America desk of a press group, criticised the ruling.",
        "Latin American leaders met in Bogota on Friday to discuss migration.",
        "South American farmers protested against the new trade deal.",
    ],
)
def test_regions_of_the_americas_are_not_the_united_states(text):
    assert all(a.country != "USA" for a in actors_of(text))


def test_an_ethnic_marker_leaves_a_stateless_people_to_its_state():
    actors = actors_of("Kazakhstan deported two ethnic Uyghurs to China last week.")
    assert find(actors, "two ethnic Uyghurs").country == "CHN"


def test_a_stateless_people_does_not_make_its_state_the_story_home():
    actors = actors_of(
        "Police in Kazakhstan detained five Uyghurs on Monday. The Uyghurs had crossed the border "
        "illegally, and the Uyghurs will be deported, officials in Almaty said. Kazakhstan's "
        "interior ministry confirmed the arrests. Officials said the Uyghurs were questioned."
    )
    assert find(actors, "Officials").country == "KAZ"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Among the most popular bloggers in Vietnam is a Bolivian national, Maria Gonzalez, who "
            "moved to Hanoi in 2019.",
            "Maria Gonzalez",
            "BOL",
        ),
        (
            "One of the first foreign stars of Japanese television was a Ghanaian comedian, Kofi "
            "Mensah, known in Japan as Kofi-san.",
            "Kofi Mensah",
            "GHA",
        ),
    ],
)
def test_person_after_a_description_takes_its_nationality(text, name, country):
    people = [a for a in actors_of(text) if a.person and name in a.person]
    assert people and people[0].country == country
    assert people[0].country_reason == "modifier"
