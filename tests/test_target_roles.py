"""Who an event's target is (issue 14, target errors): the party acted on rather than the place it
happened in, and never the audience a statement is told to or the press it is made through. Each
rule has a counterpart that must keep its reading."""

from __future__ import annotations

from eventwire.options import Options
from eventwire.pipeline.process import process_text


def _events(text: str, trigger: str, coder: bool = True):
    options = Options(min_confidence=0.0, coder=coder)
    events = process_text(text, published="2024-05-01", options=options).extraction.events
    found = [e for e in events if e.trigger == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger for e in events]}"
    return found


def test_people_acted_on_are_the_target_not_the_place_where():
    for coder in (False, True):
        (event,) = _events("Riot police detained 30 students in Harare on Friday.", "detained", coder)
        assert event.target is not None and "students" in event.target.text
        # the place still says whose students they are
        assert event.target.country == "ZWE"


def test_people_a_passive_acts_on_are_the_target_though_a_phrase_names_no_one():
    # "on Friday" is a target phrase's shape but names no actor; the detained are the target
    for coder in (False, True):
        (event,) = _events("Three reporters were detained in Lusaka on Friday.", "detained", coder)
        assert event.target is not None and "reporters" in event.target.text


def test_a_passive_keeps_the_party_its_phrase_names():
    # "to Belarus" names the party the deployment goes to; the troops are what is deployed
    (event,) = _events("Russian troops were deployed to Belarus on Friday.", "deployed", False)
    assert event.target is not None and event.target.text == "Belarus"


def test_a_place_stays_the_target_when_no_party_is_acted_on():
    (event,) = _events("Troops shelled hillside positions in Juba on Sunday.", "shelled")
    assert event.target is not None and event.target.text == "Juba" and event.target.country == "SSD"


def test_a_party_read_only_from_context_yields_to_the_place():
    # "a state" of emergency is no party acted on, whatever the story's context codes it as
    text = "Kenya's government on Monday lifted a state of emergency in Mombasa."
    (event,) = _events(text, "lifted")
    assert event.target is not None and "Mombasa" in event.target.text


def test_whoever_is_told_of_an_act_is_not_its_target():
    for text in (
        "The defence minister told lawmakers that Russia had violated the ceasefire.",
        "The defence minister said in a speech to lawmakers that Russia had violated the ceasefire.",
    ):
        (event,) = _events(text, "violated")
        assert event.source is not None and event.source.country == "RUS"
        assert event.target is None or "lawmakers" not in event.target.text


def test_lawmakers_an_act_is_done_to_stay_its_target():
    (event,) = _events("The defence minister said the militia had attacked the lawmakers.", "attacked")
    assert event.target is not None and "lawmakers" in event.target.text


def _press_reading(text: str, press: str, trigger: str) -> bool:
    """Whether the role rules read the press named ``press`` as the audience or channel of the
    statement on ``trigger`` (never its target)."""
    from eventwire.extract.base import Context
    from eventwire.extract.coder import coder_settings
    from eventwire.extract.coder_roles import _press_addressee
    from eventwire.models import Actor, Article
    from eventwire.nlp import load_nlp

    ctx = Context(doc=load_nlp()(text), article=Article(id="t", text=text), options=Options())
    start = text.index(press)
    actor = Actor(text=press, name=press, start=start, end=start + len(press), sector="JRN")
    verb = next(t for t in ctx.doc if t.text == trigger)
    return _press_addressee(ctx, actor, verb, coder_settings()["roles"])


def test_the_press_a_statement_is_made_through_is_not_its_target():
    text = "The interior minister said on state television that Caracas had emptied its prisons."
    assert _press_reading(text, "state television", "said")


def test_the_press_a_statement_is_about_may_be_its_target():
    text = "The interior minister said state television had lied about the prisons."
    assert not _press_reading(text, "state television", "said")
