"""Helpers shared by the actor tests: run the pipeline on a hand-written sentence (no cleaning) and
pick out one extracted actor by its text."""

from __future__ import annotations

from eventwire.options import Options
from eventwire.pipeline import process_text

# single sentences are too short for the cleaner's language check, which is not under test here
RAW = Options(clean=False)


def actors_of(text: str, published: str = "2024-04-14"):
    return process_text(text, published=published, options=RAW).extraction.actors


def find(actors, text):
    hits = [a for a in actors if a.text == text]
    assert hits, f"{text!r} not among {[a.text for a in actors]}"
    return hits[0]
