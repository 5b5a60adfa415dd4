"""The speaker of reported speech is the source of the speech act it makes (extract/speech_roles.py):
a speech act the coder reads off the reported words ("“X attacks Y,” Z said" is Z accusing X), a
first-person subject inside the speaker's quote, and the quote's own cue verb. Each rule has a
counterpart that must keep the reported doer as the source."""

from __future__ import annotations

import pytest

from event_helpers import country_of
from eventwire.extract.base import Context, pipeline, remember_text
from eventwire.extract.quote_spans import find_quote_spans
from eventwire.extract.speech_roles import speaker_roles
from eventwire.models import Article, Extraction
from eventwire.nlp import load_nlp
from eventwire.options import Options
from eventwire.pipeline.process import process_text

ATTACK = "Armenia attacks our border villages every night"


def _rules_context(text: str) -> Context:
    """Every component but the coder: the rules' events with their roles, and the quotes."""
    doc = load_nlp()(text)
    ctx = Context(doc=doc, article=Article(id="t", text=text), options=Options(), result=Extraction())
    remember_text(doc, text)
    for comp in pipeline():
        if comp.name != "coder":
            comp.func(ctx)
    return ctx


def _event(ctx: Context, trigger: str):
    found = [e for e in ctx.result.events if e.trigger == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger for e in ctx.result.events]}"
    return found[0]


def test_an_accusation_read_off_the_reported_act_is_the_speakers():
    for text, speaker, doer in (
        (f"“{ATTACK},” the Azerbaijani defence minister said.", "AZE", "ARM"),
        ("Kenyan officials said Somali militants ambushed a police convoy near Mandera.", "KEN", "SOM"),
    ):
        ctx = _rules_context(text)
        event = _event(ctx, "attacks" if "attacks" in text else "ambushed")
        assert country_of(event.source) == doer  # the rules: the doer acts
        event.type = "ACCUSE"  # as the coder types the sentence: the speech accuses
        speaker_roles(ctx, event)
        assert country_of(event.source) == speaker
        assert country_of(event.target) == doer


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "doer"),
    [
        # "accuses" is itself the accusation: Russia accuses, the Ukrainian speaker only reports it
        (
            "“Russia accuses our soldiers of looting,” the Ukrainian foreign minister said.",
            "accuses",
            "ACCUSE",
            "RUS",
        ),
        # the reported attack stays an attack by its doer: only a speech act moves to the speaker
        (f"“{ATTACK},” the Azerbaijani defence minister said.", "attacks", "ASSAULT", "ARM"),
    ],
)
def test_an_act_its_own_word_names_keeps_its_own_doer(text, trigger, event_type, doer):
    ctx = _rules_context(text)
    event = _event(ctx, trigger)
    assert event.type == event_type
    speaker_roles(ctx, event)
    assert country_of(event.source) == doer


def test_the_first_person_inside_a_quote_is_its_speaker():
    text = (
        "Chile's foreign minister Alberto van Klaveren spoke on Tuesday.\n"
        "“I urge the Bolivian government to free the detained truck drivers,” he said."
    )
    ctx = _rules_context(text)
    event = _event(ctx, "urge")
    speaker_roles(ctx, event)
    assert country_of(event.source) == "CHL"
    assert country_of(event.target) == "BOL"
    # and so through the whole pipeline, the learned role model included
    events = process_text(text, published="2024-05-01", options=Options(min_confidence=0.0)).extraction.events
    (event,) = [e for e in events if e.trigger == "urge"]
    assert country_of(event.source) == "CHL"


def test_a_speech_act_on_the_cue_verb_is_made_by_the_body_the_speaker_mention_names():
    # "the Kenyan statement" is no actor, but it names the one that speaks
    ctx = _rules_context("“The Council must act now to stop the fighting,” the Kenyan statement said.")
    event = _event(ctx, "said")
    assert event.type == "REQUEST"
    speaker_roles(ctx, event)
    assert country_of(event.source) == "KEN"
    assert event.target is not None and "Council" in event.target.text


def test_a_paragraph_that_only_closes_a_quotation_carries_it_on():
    text = '"If they lift the tariffs, we will talk.\nBut if they raise them, we will respond."\nTalks ended.'
    quoted = [text[s.start : s.end] for s in find_quote_spans(text)]
    assert quoted == ["If they lift the tariffs, we will talk.", "But if they raise them, we will respond."]
    # a closing mark with no quotation left open before it opens nothing
    assert find_quote_spans('Talks ended.\nBut if they raise them, we will respond."') == []


def test_we_in_the_last_paragraph_of_a_quotation_is_its_speaker():
    text = (
        '"Kenya will not accept this," Kenyan foreign minister Musalia Mudavadi said.\n'
        '"If Somalia talks with us, we will talk.\n'
        'But if its militias attack our border posts again, we will retaliate."'
    )
    ctx = _rules_context(text)
    event = _event(ctx, "retaliate")
    speaker_roles(ctx, event)
    assert country_of(event.source) == "KEN"


def _speaker_as_source(ctx: Context, event) -> None:
    """What the role model may do: give the act to the quote's speaker."""
    quote = next(q for q in ctx.result.quotes if q.start <= event.evidence.start < q.end)
    assert quote.speaker is not None
    event.source = quote.speaker


def test_a_reported_act_is_done_by_the_subject_of_the_reported_clause():
    # a blockade (no speech act): the speaker only reports it; Turkey blockades, Greece is blockaded
    text = "A Greek government spokesman said Turkey would blockade the port of Piraeus to stop Greece."
    ctx = _rules_context(text)
    event = _event(ctx, "blockade")
    _speaker_as_source(ctx, event)
    assert country_of(event.source) == "GRC"
    speaker_roles(ctx, event)
    assert country_of(event.source) == "TUR"


def test_a_refusal_to_cooperate_is_the_refusers_not_the_speakers():
    # "will not cooperate" is Pakistan's refusal, typed REJECT from the negated verb, not a speech act
    text = "“Pakistan will not cooperate with the tribunal,” an Indian government lawyer said."
    ctx = _rules_context(text)
    event = _event(ctx, "cooperate")
    assert event.type == "REJECT"
    _speaker_as_source(ctx, event)
    speaker_roles(ctx, event)
    assert country_of(event.source) == "PAK"


def test_a_reported_act_whose_subject_is_the_speaker_stays_the_speakers():
    # "it" is the ministry: the pronoun leaves the speaker as the doer
    ctx = _rules_context("The Belarusian interior ministry said it detained 12 protesters in Minsk.")
    event = _event(ctx, "detained")
    _speaker_as_source(ctx, event)
    speaker_roles(ctx, event)
    assert country_of(event.source) == "BLR"
    assert event.source.start == ctx.result.quotes[0].speaker.start
