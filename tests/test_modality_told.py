"""Modality from how an event is told: the year that dates it (not one naming what it is about), a
backshifted "would" of reported speech, a threat or an accusation as an act of saying, a look back
that goes on past the sentence that dates it, a weekday of a plan; each beside a control."""

from __future__ import annotations

from event_helpers import first_of_type as typed


def test_a_year_naming_what_an_accusation_is_about_does_not_date_it():
    text = "Two Kenyan officers stand accused of the 2015 massacre of villagers near Garissa."
    assert typed(text, "ACCUSE").modality == "asserted"


def test_a_year_of_a_nested_act_does_not_date_the_event_above_it():
    text = "The minister blamed Rwanda for wrecking the talks by walking out of them in 2019."
    assert typed(text, "ACCUSE").modality == "asserted"


def test_a_named_year_still_dates_the_subject_act_and_a_time_phrase():
    assert typed("The 2016 raid on the camp killed nine refugees.", "ASSAULT").modality == "historical"
    text = "Police detained 30 students during the 2019 protests in Kampala."
    assert typed(text, "COERCE").modality == "historical"
    text = "Police detained 30 students over the 2019 protests in Kampala."
    assert typed(text, "COERCE").modality == "asserted"


def test_would_reported_after_a_past_verb_of_saying_is_future():
    text = "The president said he would impose tariffs on Ghanaian cocoa."
    assert typed(text, "SANCTION").modality == "future"
    text = "The ministry announced that it would suspend military aid to Niger."
    assert typed(text, "SANCTION").modality == "future"


def test_would_under_a_condition_or_unreported_stays_hypothetical():
    text = "The president said he would impose tariffs on Ghanaian cocoa if the talks failed."
    assert typed(text, "SANCTION").modality == "hypothetical"
    text = "The president would impose tariffs on Ghanaian cocoa."
    assert typed(text, "SANCTION").modality == "hypothetical"


def test_an_accusation_is_made_even_when_its_content_is_a_claim():
    text = (
        "A lawsuit filed last month alleged that the Interior Ministry had barred lawyers from seeing the"
        " detainees."
    )
    assert typed(text, "ACCUSE").modality == "asserted"


def test_a_threat_voiced_in_the_future_tense_is_made_now():
    text = "\u201cI will double the tariffs on Mexican cars next month,\u201d the president told reporters."
    assert typed(text, "THREATEN").modality == "asserted"
    assert typed("The army will threaten the rebels with air strikes.", "THREATEN").modality == "future"


def test_an_undated_past_sentence_after_background_goes_on_with_it():
    story = "Relations soured in 2015 after soldiers stormed the embassy in Juba. Four diplomats were killed."
    assert typed(story, "ASSAULT", "killed").modality == "historical"


def test_a_dated_or_present_sentence_after_background_is_the_story_s_own_time():
    background = "Relations soured in 2015 after soldiers stormed the embassy in Juba. "
    story = background + "Four diplomats were killed on Friday."
    assert typed(story, "ASSAULT", "killed").modality == "asserted"
    story = background + "Soldiers have killed four diplomats."
    assert typed(story, "ASSAULT", "killed").modality == "asserted"


def test_a_reaction_after_background_is_the_story_s_own_time():
    story = "Separatists killed 40 people in 2022. Officials accused Eritrea of arming the separatists."
    assert typed(story, "ACCUSE").modality == "asserted"


def test_a_weekday_in_a_plan_told_in_the_present_points_forward():
    text = "The minister hopes to settle the dispute during talks Thursday with Ugandan officials."
    talks = typed(text, "CONSULT", "talks")
    assert talks.modality == "future" and talks.date.value == "2024-04-18"
    text = "The minister held talks Thursday with Ugandan officials."
    talks = typed(text, "CONSULT")
    assert talks.modality == "asserted" and talks.date.value == "2024-04-11"
