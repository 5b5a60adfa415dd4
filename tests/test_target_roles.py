"""Who an event's target is (issue 14, target errors): the party acted on rather than the place it
happened in, and never the audience a statement is told to or the press it is made through. Each
rule has a counterpart that must keep its reading."""

from __future__ import annotations

import pytest

from event_helpers import country_of
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


# the rules' target the role model keeps is never taken as the doer: a weak source pick used to take
# the one acted on and leave the event with no target ("were killed", "was convicted")
@pytest.mark.parametrize(
    "text, trigger, target",
    [
        (
            "Three Malian police officers were also killed in the raid and the gunfight that followed.",
            "killed",
            "MLI",
        ),
        ("The Chilean senator was convicted on four counts of fraud on Monday.", "convicted", "CHL"),
        ("The former Peruvian minister was convicted of bribery.", "convicted", "PER"),
    ],
)
def test_the_one_acted_on_is_not_made_the_doer(text, trigger, target):
    (event,) = _events(text, trigger)
    assert country_of(event.target) == target
    assert event.source is None


def test_the_doer_named_beside_the_one_acted_on_stays_the_source():
    (event,) = _events("Kenyan police arrested three Somali smugglers on Friday.", "arrested")
    assert country_of(event.source) == "KEN" and country_of(event.target) == "SOM"


def _carrying(monkeypatch, place: str, role: str) -> None:
    """Make the rules carry the actor named ``place`` (in an earlier sentence) into ``role`` of
    every event, as a pronoun read as that place would."""
    import eventwire.extract.coder as coder
    from eventwire.models import Actor

    assign = coder.assign_roles

    def carried(ctx, event, cfg):
        start = ctx.article.text.index(place)
        actor = Actor(text=place, name=place, start=start, end=start + len(place), country="CHE")
        setattr(event, role, actor)
        assign(ctx, event, cfg)

    monkeypatch.setattr(coder, "assign_roles", carried)


# a pronoun read as a place named only as where something happened ("talks opened in Geneva")
_LATER = [
    ("source", "It rejected the statement by the army.", "rejected"),
    ("target", "The rebel commander condemned it.", "condemned"),
]


@pytest.mark.parametrize("role, sentence, trigger", _LATER)
def test_a_place_carried_from_where_things_happened_is_no_party(monkeypatch, role, sentence, trigger):
    _carrying(monkeypatch, "Geneva", role)
    (event,) = _events("Peace talks opened in Geneva last October. " + sentence, trigger)
    carried = getattr(event, role)
    assert carried is None or carried.text != "Geneva"


@pytest.mark.parametrize("role, sentence, trigger", _LATER)
def test_a_place_carried_from_where_it_acted_stays_a_party(monkeypatch, role, sentence, trigger):
    _carrying(monkeypatch, "Switzerland", role)
    (event,) = _events("Switzerland froze the assets of the rebels last October. " + sentence, trigger)
    carried = getattr(event, role)
    assert carried is not None and carried.text == "Switzerland"


def test_whoever_dies_after_an_act_suffers_it_and_does_not_do_it():
    text = "Wounded in the initial blast, the Afghan bus driver later died."
    (event,) = _events(text, "Wounded")
    assert country_of(event.target) == "AFG" and event.source is None


def _undergoes(text: str, actor_text: str, trigger: str) -> bool:
    """Whether the role rules read ``actor_text`` as suffering the act on ``trigger``."""
    from eventwire.extract.base import Context
    from eventwire.extract.coder_roles import _undergoer
    from eventwire.models import Actor, Article
    from eventwire.nlp import load_nlp

    ctx = Context(doc=load_nlp()(text), article=Article(id="t", text=text), options=Options())
    start = text.index(actor_text)
    actor = Actor(text=actor_text, name=actor_text, start=start, end=start + len(actor_text))
    verb = next(t for t in ctx.doc if t.text == trigger)
    return _undergoer(ctx, actor, verb)


@pytest.mark.parametrize("victims", ["At least 14 villagers", "two Nigerian soldiers"])
def test_those_who_died_in_an_attack_are_no_doers(victims):
    text = "At least 14 villagers and two Nigerian soldiers died in the attack on Sunday."
    assert _undergoes(text, victims, "died")


def test_those_who_killed_are_doers():
    text = "Two Nigerian soldiers killed at least 14 villagers in the attack on Sunday."
    assert not _undergoes(text, "Two Nigerian soldiers", "killed")
