"""PLOVER events on short hand-written sentences: roles, modality, attribution, context."""

from __future__ import annotations

from eventwire.options import Options
from eventwire.pipeline import process_text

# single sentences are too short for the cleaner's language check, which is not under test here
RAW = Options(clean=False)


def events_of(text: str):
    return process_text(text, published="2024-04-14", options=RAW).extraction.events


def only(events, etype):
    hits = [e for e in events if e.type == etype]
    assert hits, f"no {etype} among {[(e.type, e.trigger) for e in events]}"
    return hits[0]


def country(actor):
    return actor.country if actor else None


def test_active_voice_subject_and_object():
    ev = only(events_of("Kenya accused Tanzania of shielding smugglers."), "ACCUSE")
    assert (country(ev.source), country(ev.target)) == ("KEN", "TZA")
    assert ev.modality == "asserted"


def test_passive_voice_agent_is_the_source():
    ev = only(events_of("The Syrian base was struck by Iranian drones."), "ASSAULT")
    assert country(ev.source) == "IRN"
    assert country(ev.target) == "SYR"


def test_nominal_event_possessor_and_on():
    ev = only(events_of("Iran's attack on Israel rattled world leaders."), "ASSAULT")
    assert (country(ev.source), country(ev.target)) == ("IRN", "ISR")
    assert ev.trigger == "attack"


def test_negated_cooperation_is_a_refusal():
    ev = only(events_of("The United States will not join an offensive on Israel's behalf."), "REJECT")
    assert country(ev.source) == "USA" and ev.modality == "asserted"


def test_failed_action_is_negated():
    events = events_of("Egyptian police failed to arrest the suspects.")
    ev = only(events, "COERCE")
    assert ev.modality == "negated"


def test_hypothetical():
    ev = only(events_of("If Israel chooses to retaliate, the war could spread."), "ASSAULT")
    assert ev.modality == "hypothetical" and country(ev.source) == "ISR"


def test_future():
    ev = only(events_of("Turkey plans to deploy troops to the border."), "MOBILIZE")
    assert ev.modality == "future"


def test_alleged():
    ev = only(events_of("Rebels allegedly attacked the convoy near Goma."), "ASSAULT")
    assert ev.modality == "alleged"


def test_attribution_with_outlet():
    ev = only(events_of("Iranian missiles struck two bases, a senior American official told ABC News."), "ASSAULT")
    assert ev.attribution is not None
    assert ev.attribution.speaker_text == "a senior American official"
    assert ev.attribution.anonymous and ev.attribution.via == "ABC News"
    assert ev.attribution.speaker.country == "USA"


def test_implicit_source_from_previous_sentence():
    events = events_of(
        "At least nine Iranian missiles struck two Israeli air bases.\nFive ballistic missiles hit the Nevatim Air Base."
    )
    second = [e for e in events if e.type == "ASSAULT" and e.trigger == "hit"]
    assert second and country(second[0].source) == "IRN"


def test_evidence_points_at_the_trigger():
    text = "Kenya accused Tanzania of shielding smugglers."
    ev = only(events_of(text), "ACCUSE")
    assert text[ev.evidence.start : ev.evidence.end] == "accused"
    assert ev.evidence.sentence(text) == text
