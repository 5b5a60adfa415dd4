"""Mentions that are no events (issue 14): states, names, fixed phrases, framing sentences, and
events that are only possible. Each case has a counterpart the rule must leave alone."""

from __future__ import annotations

from types import SimpleNamespace

from event_helpers import RAW, events_of
from eventwire.extract.coder import _framing, _reported_modality
from eventwire.extract.event_lexicon import modality_lexicon
from eventwire.nlp import load_nlp
from eventwire.options import Options
from eventwire.pipeline import process_text


def triggers(events) -> set[str]:
    return {e.trigger.lower() for e in events}


def test_a_participle_before_its_noun_is_a_state_not_an_act():
    events = events_of("Pakistani police arrested three members of the banned group in Karachi.")
    assert "banned" not in triggers(events)
    assert any(e.type == "COERCE" and e.trigger == "arrested" for e in events)


def test_a_participle_describing_weapons_or_a_port_is_no_event():
    events = events_of("Troops seized prohibited weapons near the Chinese-funded port of Gwadar.")
    assert not {"prohibited", "funded"} & triggers(events)
    assert any(e.trigger == "seized" for e in events)


def test_the_same_verb_as_the_clause_verb_is_still_an_event():
    events = events_of("The Taliban banned girls from attending secondary school in Kabul.")
    assert any(e.type == "COERCE" and e.trigger == "banned" for e in events)


def test_a_trigger_word_inside_the_name_of_a_body_is_no_event():
    events = events_of(
        "Kenyan soldiers of the African Union Support and Stabilization Mission patrolled Mogadishu."
    )
    assert "support" not in triggers(events)


def test_pleading_guilty_is_no_request():
    events = events_of(
        "Two Azerbaijani men have pleaded not guilty to charges of attempted murder in New York."
    )
    assert not [e for e in events if e.type == "REQUEST"]


def test_requesting_anonymity_is_no_request_but_requesting_weapons_is():
    events = events_of("A police officer, who requested anonymity, said protesters were arrested in Nairobi.")
    assert "requested" not in triggers(events)
    assert any(e.trigger == "arrested" for e in events)
    asked = events_of("Ukraine requested air defense systems from Germany on Monday.")
    assert any(e.type == "REQUEST" and e.trigger == "requested" for e in asked)


def test_a_released_report_is_no_release_of_people():
    events = events_of(
        "A report released by the United Nations on Monday accused Sudanese troops of shelling villages."
    )
    assert not [e for e in events if e.type == "RETREAT"]
    freed = events_of("Militants released 40 hostages in northern Mali on Sunday.")
    assert any(e.type == "RETREAT" for e in freed)


def test_meeting_with_resistance_is_no_consultation():
    events = events_of("Kenya's plan to close the Dadaab camp met with resistance from Somalia.")
    assert not [e for e in events if e.type == "CONSULT"]
    met = events_of("The Kenyan foreign minister met with Somali officials in Nairobi.")
    assert any(e.type == "CONSULT" for e in met)


def test_speaking_on_condition_of_anonymity_to_discuss_is_no_consultation():
    events = events_of(
        "The officials, speaking on the condition of anonymity to discuss the operation, said 40 "
        "detainees were flown to Louisiana."
    )
    assert "discuss" not in triggers(events)
    talks = events_of("Iranian diplomats traveled to Oman to discuss the nuclear program with U.S. envoys.")
    assert any(e.type == "CONSULT" and e.trigger == "discuss" for e in talks)


def test_seeking_to_do_something_is_an_attempt_not_a_request():
    events = events_of("A lawsuit filed in Washington seeks to stop the transfer of migrants to Guantanamo.")
    assert "seeks" not in triggers(events)
    asked = events_of("North Korea is seeking trade and military assistance from Russia.")
    assert any(e.type == "REQUEST" and e.trigger == "seeking" for e in asked)


def test_not_being_allowed_is_no_refusal_of_ones_own():
    events = events_of("Afghan women are not allowed to travel without a male guardian.")
    assert not [e for e in events if e.type == "REJECT"]
    refused = events_of("The Nigerian army does not allow aid agencies to enter the area.")
    assert any(e.type == "REJECT" for e in refused)


def test_a_main_verb_that_frames_one_event_by_another_is_no_anchor_for_the_coder():
    nlp, ctx = load_nlp(RAW.model), SimpleNamespace(options=RAW)
    for text in (
        "The warning comes as the U.S. Senate prepares to vote on measures against Turkey.",
        "The unrest comes amid the threatened eviction of families from their homes.",
    ):
        assert _framing(ctx, next(nlp(text).sents).root), text
    for text in (
        "The convoy came under attack as it passed through Kalat.",
        "Thousands of protesters came to the capital on Friday.",
    ):
        assert not _framing(ctx, next(nlp(text).sents).root), text


def test_a_nominal_event_that_could_take_place_is_hypothetical():
    events = events_of(
        "Rubio said he hopes a ceasefire between Russia and Ukraine could take place within days."
    )
    ceasefire = [e for e in events if e.trigger == "ceasefire"]
    assert ceasefire and all(e.modality == "hypothetical" for e in ceasefire)
    done = events_of("The ceasefire between Israel and Hamas took effect on Sunday.")
    assert any(e.trigger == "ceasefire" and e.modality == "asserted" for e in done)


def test_past_attacks_are_historical():
    events = events_of("Past attacks on the Kabul airport were claimed by Islamic State.")
    past = [e for e in events if e.trigger == "attacks"]
    assert past and all(e.modality == "historical" for e in past)
    now = events_of("The attack on the Kabul airport was claimed by Islamic State.")
    assert any(e.trigger == "attack" and e.modality == "asserted" for e in now)


def test_an_event_the_coder_anchors_on_a_reporting_verb_takes_the_reported_clause_modality():
    nlp = load_nlp(RAW.model)
    mlex = modality_lexicon(())
    root = next(nlp("The president said the new steel tariffs would take effect on Wednesday.").sents).root
    # the "would" of a clause reported in the past is the reported "will": a stated plan, future
    assert _reported_modality(root, "SANCTION", "2024-04-14", mlex) == "future"
    # saying is the act itself: an accusation stays asserted whatever the clause's modality
    assert _reported_modality(root, "ACCUSE", "2024-04-14", mlex) == "asserted"
    done = next(nlp("The president said the new steel tariffs took effect on Wednesday.").sents).root
    assert _reported_modality(done, "SANCTION", "2024-04-14", mlex) == "asserted"


# --- what a request asks for, questions, dangers, "meeting" a requirement (issue 14, audit classes)


def asserted_of_type(events, kind: str) -> list:
    return [e for e in events if e.type == kind and e.modality == "asserted"]


def test_the_act_a_request_asks_for_is_no_event_but_the_request_is():
    for text, asked in (
        ("The Committee to Protect Journalists asked the court to drop the charges against Ali.", "ACCUSE"),
        ("The G7 foreign ministers called on both sides to agree to a ceasefire.", "AGREE"),
        ("Lithuania urged Iran to release the two detained French sailors.", "RETREAT"),
        ("The U.N. envoy called on all warring parties to resume stalled peace talks.", "CONSULT"),
        ("The ministers urged the president to return to talks in order to reach an agreement.", "AGREE"),
    ):
        events = events_of(text)
        assert not asserted_of_type(events, asked), text
        assert asserted_of_type(events, "REQUEST"), text
    done = events_of("Both sides agreed to a ceasefire in Doha on Monday.")
    assert asserted_of_type(done, "AGREE")


def test_saying_someone_should_act_is_an_urging_not_the_act():
    events = events_of("British Foreign Secretary David Lammy said Russia should accept the peace deal.")
    assert not asserted_of_type(events, "AGREE")
    assert asserted_of_type(events, "REQUEST")
    accepted = events_of("British Foreign Secretary David Lammy said Russia accepted the peace deal.")
    assert asserted_of_type(accepted, "AGREE")


def test_a_question_reports_no_event():
    for text in (
        "Would the United States defend Taiwan against China?",
        "Did Russia attack the power plant?",
    ):
        assert not events_of(text), text
    assert asserted_of_type(events_of("Russia attacked the power plant in Zaporizhzhia."), "ASSAULT")


def test_a_threat_that_names_a_danger_is_no_threat_made():
    rules = Options(clean=False, coder=False)  # the rule itself, before the coder judges the sentence
    for text in (
        "Japanese officials say China poses a growing threat to Taiwan.",
        "The senator said the decisions threaten the stability of the country.",
        "Critics say the moves by Ethiopia are threatening Somalia's territorial integrity.",
    ):
        for options in (RAW, rules):
            found = process_text(text, published="2024-04-14", options=options).extraction.events
            assert not [e for e in found if e.type == "THREATEN"], text
    made = events_of("Iran threatened to close the Strait of Hormuz on Sunday.")
    assert asserted_of_type(made, "THREATEN")


def test_meeting_a_requirement_is_no_meeting():
    for text in (
        "Taiwan's budget will meet its defense requirements, the ministry said.",
        "Japan said all the requirements of the alliance were met in 2024.",
    ):
        assert not [e for e in events_of(text) if e.type == "CONSULT"], text
    met = events_of("The Japanese defense minister met his Taiwanese counterpart in Tokyo.")
    assert asserted_of_type(met, "CONSULT")


def test_an_event_the_coder_anchors_on_a_reported_hope_is_future():
    nlp = load_nlp(RAW.model)
    mlex = modality_lexicon(())
    text = "“I'm hoping the administration will reach out to Putin,” Representative Glenn Ivey told VOA."
    root = next(nlp(text).sents).root
    assert _reported_modality(root, "CONSULT", "2024-04-14", mlex) == "future"
    said = "“The administration reached out to Putin,” Representative Glenn Ivey told VOA."
    done = next(nlp(said).sents).root
    assert _reported_modality(done, "CONSULT", "2024-04-14", mlex) == "asserted"
