"""Actor coding on short hand-written sentences."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find
from eventwire.options import Options
from eventwire.pipeline import process_text


def test_title_and_nationality_before_a_name():
    actors = actors_of(
        "Israeli Defense Minister Yoav Gallant spoke with Defense Secretary Lloyd Austin on Sunday."
    )
    gallant = find(actors, "Israeli Defense Minister Yoav Gallant")
    assert (gallant.country, gallant.sector, gallant.person) == ("ISR", "GOV", "Yoav Gallant")
    assert gallant.office == "Defense Minister"
    austin = find(actors, "Defense Secretary Lloyd Austin")
    assert (austin.country, austin.sector) == ("USA", "GOV")


def test_anonymous_official_takes_the_administration_named_earlier():
    actors = actors_of(
        "The Biden administration said it would not join the operation. "
        "A senior administration official told reporters the decision was final."
    )
    official = find(actors, "A senior administration official")
    assert official.anonymous and (official.country, official.sector) == ("USA", "GOV")


@pytest.mark.parametrize(
    ("sentence", "phrase", "country", "sector"),
    [
        ("U.S. intelligence believed the missiles were ready.", "U.S. intelligence", "USA", "SPY"),
        ("Israeli air defense failed to stop the drones.", "Israeli air defense", "ISR", "MIL"),
        ("The Kremlin rejected the proposal.", "The Kremlin", "RUS", "GOV"),
        ("Hezbollah fired rockets at the town.", "Hezbollah", "LBN", "REB"),
        ("NATO warned of further steps.", "NATO", "IGO", None),  # the body itself: IGO, no state sector
        ("Kenyan police arrested ten people.", "Kenyan police", "KEN", "COP"),
    ],
)
def test_sector_and_country_words(sentence, phrase, country, sector):
    actor = find(actors_of(sentence), phrase)
    assert (actor.country, actor.sector) == (country, sector)


def test_countries_used_as_places_are_not_actors():
    actors = actors_of("Protesters gathered in Kenya on Monday.")
    assert actors and all(a.text != "Kenya" for a in actors)


def test_code_actor_span_is_exposed():
    from eventwire.extract.actors import code_actor_span
    from eventwire.extract.base import Context
    from eventwire.models import Article
    from eventwire.nlp import load_nlp

    text = "A second U.S. official spoke."
    ctx = Context(doc=load_nlp()(text), article=Article(id="t", text=text), options=Options())
    actor = code_actor_span(ctx, ctx.doc[0:4])
    assert actor is not None and actor.anonymous and actor.country == "USA"


def test_actor_located_in_a_country_takes_its_code():
    assert find(actors_of("Militants in Mali ambushed a patrol."), "Militants").country == "MLI"
    assert find(actors_of("A militia based in Chad seized the town."), "A militia").country == "TCD"


def test_ethnic_group_is_not_coded_as_the_state_of_its_name():
    serbs = find(actors_of("Ethnic Serbs in Kosovo blocked the road."), "Ethnic Serbs")
    assert serbs.country != "SRB" and serbs.sector == "CVL"


def test_nationality_and_sector_word_make_any_plural_noun_an_actor():
    advisers = find(actors_of("Chinese military advisers arrived."), "Chinese military advisers")
    assert advisers.country == "CHN"


def test_generic_head_with_a_named_apposition_is_an_actor():

    actors = process_text(
        "The militant group Hamas rejected the plan.", options=Options(clean=False)
    ).extraction.actors
    assert any(a.text.startswith("The militant group") and a.country == "PSE" for a in actors)


def test_people_of_or_from_a_group_of_states_are_the_groups():
    # a story about Ukraine: the ministers speak for the G7, not for the country of the story
    actors = actors_of(
        "Ukraine asked for more air defence. Top diplomats from the Group of Seven gathered Thursday "
        "in Quebec. Leaders of the Quad met in Tokyo."
    )
    assert find(actors, "Top diplomats").country == "IGO"
    assert find(actors, "Leaders").country == "IGO"
