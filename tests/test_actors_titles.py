"""People take the country of the office their name stands beside, not the story's context."""

from __future__ import annotations

import pytest

from eventwire.options import Options
from eventwire.pipeline import process_text

RAW = Options(clean=False)  # short texts: the cleaner's language check is not under test


def person(text: str, name: str):
    actors = process_text(text, published="2024-04-14", options=RAW).extraction.actors
    hits = [a for a in actors if a.person and name in a.person]
    assert hits, f"{name!r} not among {[a.text for a in actors]}"
    return hits


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the name in apposition to a title with a possessor; "to Uganda" is where, not whose
        (
            "The United States said on Monday that Kenya's ambassador to Uganda, Daniel Otieno, "
            "had criticized the new border rules.",
            "Daniel Otieno",
            "KEN",
        ),
        # a title phrase the parser leaves apart from the name that follows it
        (
            "Washington warned of new sanctions. In response, Ghana's navy chief of staff "
            "Kwame Mensah said the ships would sail on Monday.",
            "Kwame Mensah",
            "GHA",
        ),
        # the holder of the title is a person whose code is known
        (
            "The United States blamed the rebels. Nigerian President Bola Tinubu's press chief, "
            "Musa Danladi, rejected the report.",
            "Musa Danladi",
            "NGA",
        ),
    ],
)
def test_a_title_beside_the_name_gives_the_country(text, name, country):
    first = person(text, name)[0]
    assert (first.country, first.country_reason) == (country, "title")


def test_an_international_body_gives_its_code_and_no_state_sector():
    envoy = person(
        "Russia's foreign minister met rebels on Monday. The U.N. special envoy for Libya, "
        "Anna Lindqvist, urged the rivals to talk.",
        "Anna Lindqvist",
    )[0]
    assert (envoy.country, envoy.sector) == ("UNO", None)


def test_a_holder_named_in_the_next_sentence_takes_the_title():
    doe = person(
        "Washington imposed tariffs on steel imports.\n"
        "Brazil's U.N. ambassador told reporters the vote was premature.\n"
        "Carlos Mendes blamed the United States for the crisis.",
        "Carlos Mendes",
    )[0]
    assert (doe.country, doe.country_reason) == ("BRA", "title")


def test_no_title_in_the_sentence_before_lends_nothing():
    doe = person(
        "Brazilian farmers protested in the capital.\nCarlos Mendes blamed the United States for the crisis.",
        "Carlos Mendes",
    )[0]
    assert doe.country_reason != "title"


def test_a_later_surname_takes_the_full_mention_not_the_context():
    mentions = person(
        "The United States imposed tariffs on steel imports from Canada.\n"
        "Then, Mark Hollis, Ontario's provincial leader, said he would raise the price of electricity.\n"
        "Hollis said the United States had started the dispute.",
        "Hollis",
    )
    assert [m.country for m in mentions if m.text in {"Mark Hollis", "Hollis"}] == ["CAN", "CAN"]


def test_a_former_head_of_an_international_body_does_not_speak_for_it():
    chief = person("Former NATO chief Pieter van Dam criticized the plan on Monday.", "Dam")[0]
    assert chief.country not in {"IGO", "NGO", "UNO", "EUR"}
