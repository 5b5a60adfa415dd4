"""Helpers shared by the event tests: run the pipeline on a hand-written sentence (no cleaning) and
read its events, their triggers or the triggers of one type."""

from __future__ import annotations

from eventwire.options import Options
from eventwire.pipeline import process_text

# single sentences are too short for the cleaner's language check, which is not under test here
RAW = Options(clean=False)


def events_of(text: str):
    # published on a Sunday: the tests of weekdays ("talks Tuesday") count from it
    return process_text(text, published="2024-04-14", options=RAW).extraction.events


def typed(text: str, event_type: str) -> list[str]:
    """The lower-cased triggers of the events of ``event_type``."""
    return [e.trigger.lower() for e in events_of(text) if e.type == event_type]


def first_of_type(text: str, event_type: str, trigger: str | None = None):
    """The first event of ``event_type`` (with that trigger, when given); fails when there is none."""
    hits = [e for e in events_of(text) if e.type == event_type and (trigger is None or e.trigger == trigger)]
    assert hits, f"no {event_type} in {text!r}"
    return hits[0]


def all_events(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.lower()) for e in events_of(text)]


def country_of(actor):
    """The actor's country, None for no actor: an assertion on it fails on a missing role."""
    return None if actor is None else actor.country
