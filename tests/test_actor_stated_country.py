"""A person or court whose own words name no country takes the one the story states for it, not the
country the story is mostly about: a court sits where the story's trial is held, a nationality said
of a person at one mention holds for all of them, a leader of a group is one of that group, a title's
holder named with a name the recogniser took for a place is still a person, and "State" of "Secretary
of State" is no government. Each rule has a counterpart where the old reading stays."""

from __future__ import annotations

import pytest

from actor_helpers import RAW, actors_of, find
from eventwire.pipeline import process_text

# A story about one country (Iran is named most), whose trial is held in another
TRIAL = (
    "A gang member told a court on Monday that Iran's government paid him. The Iranian government "
    "denied it. He testified at the trial in Chicago of two associates. Prosecutors said the "
    "associates hired him. Federal prosecutor John Harlan said the plot failed."
)


# (text, [(mention, country), ...]): each rule, and the counterpart where the old reading stays
STATED = {
    "court and prosecutors sit where the trial is held": (
        TRIAL,
        [("a court", "USA"), ("Prosecutors", "USA"), ("Federal prosecutor John Harlan", "USA")],
    ),
    "a court with no trial place takes the story's country": (
        TRIAL.replace(" in Chicago", ""),
        [("a court", "IRN"), ("Prosecutors", "IRN")],
    ),
    "a court with its own place keeps it": (
        "Iran's government denied the charge on Monday. A court in Ankara heard the case of two "
        "men at the trial in Chicago.",
        [("A court", "TUR")],
    ),
    "a nationality said later holds for earlier mentions": (
        "Iran denied the charge on Monday. Oleg Varnavsky testified on Tuesday that he planned the "
        "attack. Varnavsky, who is Ukrainian, told jurors he was paid.",
        [("Oleg Varnavsky", "UKR"), ("Varnavsky", "UKR")],
    ),
    "an unstated nationality keeps the story's country": (
        "Iran denied the charge on Monday. Oleg Varnavsky testified on Tuesday that he planned the "
        "attack. Varnavsky, who is 40, told jurors he was paid.",
        [("Oleg Varnavsky", "IRN")],
    ),
    "an origin after coordinated names holds for each": (
        "Iran denied the charge on Monday. Tarkan Velioglu and Emre Sadikov, both from Azerbaijan, "
        "have pleaded not guilty.",
        [("Tarkan Velioglu", "AZE"), ("Emre Sadikov", "AZE")],
    ),
    "a name written without its accent is the same person": (
        "Police in Haiti clashed with protesters. President Rene Dumarais spoke on Monday. The U.S. "
        "government urged calm. René Dumarais said the talks failed.",
        [("President Rene Dumarais", "HTI"), ("René Dumarais", "HTI")],
    ),
    "leaders of a group are of its country": (
        "Iran said on Monday it would not talk. Eight Republican U.S. senators led by John Harkin and "
        "Mary Stowe sent a letter to the president.",
        [("John Harkin", "USA"), ("Mary Stowe", "USA")],
    ),
    "a state named as such stays an actor": (
        "The state of Texas sued the federal government on Monday.",
        [("The state", "USA")],
    ),
    "an ethnic adjective names no state": (
        "The army launched an offensive against ethnic Albanian fighters in Macedonia on Monday.",
        [("ethnic Albanian fighters", "MKD")],
    ),
    "a national adjective names its state": (
        "Albanian fighters attacked a police post in Macedonia on Monday.",
        [("Albanian fighters", "ALB")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), list(STATED.values()), ids=list(STATED))
def test_country_the_story_states(text, expected):
    actors = actors_of(text)
    assert [(mention, find(actors, mention).country) for mention, _ in expected] == expected


def test_leaders_of_a_group_with_no_stated_country_take_nothing_from_it():
    actors = actors_of(
        "Iran said on Monday it would not talk. A delegation headed by John Harkin arrived in Paris."
    )
    assert find(actors, "John Harkin").country_reason != "title"


def test_adviser_is_a_title_before_a_name():
    actors = actors_of(
        "Iran denied the charge on Monday. Turkish presidential adviser Mesut Kaya says a reset is possible."
    )
    adviser = find(actors, "Turkish presidential adviser Mesut Kaya")
    assert (adviser.country, adviser.person) == ("TUR", "Mesut Kaya")


def test_state_of_an_office_name_is_no_actor():
    texts = [
        a.text
        for a in actors_of("North Korea fired a missile. Secretary of State Mark Lambert condemned it.")
    ]
    assert "State" not in texts


def test_province_named_with_its_region_word_is_placed():
    extraction = process_text(
        '"Helicopters landed," said Abdul Karim Noori, a council member in Ghazni province.',
        published="2024-04-14",
        options=RAW,
    ).extraction
    assert [p.country for p in extraction.places if p.text == "Ghazni province"] == ["AFG"]
    assert find(extraction.actors, "Abdul Karim Noori").country == "AFG"


def test_unknown_province_stays_unplaced():
    extraction = process_text(
        "Police in Zorblat province said on Monday.", published="2024-04-14", options=RAW
    ).extraction
    assert all(p.country is None for p in extraction.places if p.text.startswith("Zorblat"))
