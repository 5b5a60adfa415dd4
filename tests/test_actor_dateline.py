"""A dateline left at the head of an uncleaned text ("TAMALE, Ghana (Wire) —") names where the story
was filed from: it gives the home country but no party to any event."""

from __future__ import annotations

import pytest

from actor_helpers import RAW
from eventwire.options import Options
from eventwire.pipeline import process_text

BODY = "Police detained nine traders on Tuesday after a dispute over stall fees near the main lorry park."


def _events(text: str, options: Options = RAW):
    return process_text(text, published="2025-03-04", options=options).extraction


@pytest.mark.parametrize("dateline", ["TAMALE, Ghana (Wire) — ", "TAMALE, Ghana — ", "TAMALE — "])
def test_uncleaned_dateline_place_is_no_party(dateline):
    extraction = _events(dateline + BODY)
    assert "TAMALE" not in {a.text for a in extraction.actors}
    (event,) = [e for e in extraction.events if e.type == "COERCE"]
    assert event.source is not None and event.source.text == "Police"
    assert event.source.country == "GHA"  # the dateline still places the police


def test_uncleaned_and_cleaned_dateline_code_the_same_source():
    text = "TAMALE, Ghana (Wire) — " + BODY + " Traders said the fees had doubled since January."
    uncleaned = [(e.type, e.source and e.source.text) for e in _events(text).events]
    cleaned = [(e.type, e.source and e.source.text) for e in _events(text, Options()).events]
    assert uncleaned == cleaned and ("COERCE", "Police") in cleaned


def test_capitalised_actor_opening_the_text_stays_a_party():
    # no place, no dash: an organisation opening the first sentence is an actor as ever
    extraction = _events("UNICEF delivered vaccines to clinics in northern Ghana on Tuesday, officials said.")
    assert "UNICEF" in {a.text for a in extraction.actors}
