"""A person or court whose own words name no country takes the one the story states for it, not the
country the story is mostly about: a court sits where the story's trial is held, a nationality said
of a person at one mention holds for all of them, a leader of a group is one of that group, a title's
holder named with a name the recogniser took for a place is still a person, and "State" of "Secretary
of State" is no government. Each rule has a counterpart where the old reading stays."""

from __future__ import annotations

from actor_helpers import actors_of, find
from eventwire.options import Options
from eventwire.pipeline import process_text

# A story about one country (Iran is named most), whose trial is held in another
TRIAL = (
    "A gang member told a court on Monday that Iran's government paid him. The Iranian government "
    "denied it. He testified at the trial in Chicago of two associates. Prosecutors said the "
    "associates hired him. Federal prosecutor John Harlan said the plot failed."
)


def test_court_and_prosecutors_sit_where_the_trial_is_held():
    actors = actors_of(TRIAL)
    assert find(actors, "a court").country == "USA"
    assert find(actors, "Prosecutors").country == "USA"
    assert find(actors, "Federal prosecutor John Harlan").country == "USA"


def test_court_with_no_trial_place_takes_the_story_country():
    actors = actors_of(TRIAL.replace(" in Chicago", ""))
    assert find(actors, "a court").country == "IRN"
    assert find(actors, "Prosecutors").country == "IRN"


def test_court_with_its_own_place_keeps_it():
    actors = actors_of(
        "Iran's government denied the charge on Monday. A court in Ankara heard the case of two "
        "men at the trial in Chicago."
    )
    assert find(actors, "A court").country == "TUR"


def test_nationality_said_later_holds_for_earlier_mentions():
    actors = actors_of(
        "Iran denied the charge on Monday. Oleg Varnavsky testified on Tuesday that he planned the "
        "attack. Varnavsky, who is Ukrainian, told jurors he was paid."
    )
    assert find(actors, "Oleg Varnavsky").country == "UKR"
    assert find(actors, "Varnavsky").country == "UKR"


def test_unstated_nationality_keeps_the_story_country():
    actors = actors_of(
        "Iran denied the charge on Monday. Oleg Varnavsky testified on Tuesday that he planned the "
        "attack. Varnavsky, who is 40, told jurors he was paid."
    )
    assert find(actors, "Oleg Varnavsky").country == "IRN"


def test_origin_after_coordinated_names_holds_for_each():
    actors = actors_of(
        "Iran denied the charge on Monday. Tarkan Velioglu and Emre Sadikov, both from Azerbaijan, "
        "have pleaded not guilty."
    )
    assert find(actors, "Tarkan Velioglu").country == "AZE"
    assert find(actors, "Emre Sadikov").country == "AZE"


def test_name_written_without_its_accent_is_the_same_person():
    actors = actors_of(
        "Police in Haiti clashed with protesters. President Rene Dumarais spoke on Monday. The U.S. "
        "government urged calm. René Dumarais said the talks failed."
    )
    assert find(actors, "President Rene Dumarais").country == "HTI"
    assert find(actors, "René Dumarais").country == "HTI"


def test_leaders_of_a_group_are_of_its_country():
    actors = actors_of(
        "Iran said on Monday it would not talk. Eight Republican U.S. senators led by John Harkin and "
        "Mary Stowe sent a letter to the president."
    )
    assert find(actors, "John Harkin").country == "USA"
    assert find(actors, "Mary Stowe").country == "USA"


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


def test_a_state_named_as_such_stays_an_actor():
    actors = actors_of("The state of Texas sued the federal government on Monday.")
    assert find(actors, "The state").country == "USA"


def test_ethnic_adjective_names_no_state():
    actors = actors_of(
        "The army launched an offensive against ethnic Albanian fighters in Macedonia on Monday."
    )
    assert find(actors, "ethnic Albanian fighters").country == "MKD"


def test_national_adjective_names_its_state():
    actors = actors_of("Albanian fighters attacked a police post in Macedonia on Monday.")
    assert find(actors, "Albanian fighters").country == "ALB"


def test_province_named_with_its_region_word_is_placed():
    extraction = process_text(
        '"Helicopters landed," said Abdul Karim Noori, a council member in Ghazni province.',
        published="2024-04-14",
        options=Options(clean=False),
    ).extraction
    assert [p.country for p in extraction.places if p.text == "Ghazni province"] == ["AFG"]
    assert find(extraction.actors, "Abdul Karim Noori").country == "AFG"


def test_unknown_province_stays_unplaced():
    extraction = process_text(
        "Police in Zorblat province said on Monday.", published="2024-04-14", options=Options(clean=False)
    ).extraction
    assert all(p.country is None for p in extraction.places if p.text.startswith("Zorblat"))
