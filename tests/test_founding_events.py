"""The founding example: every required event and actor of the hand annotation is found, and
no forbidden event is. Match rules from /work/shared/examples/README.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import process_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed"

pytestmark = pytest.mark.skipif(
    not (SEED / "article.txt").is_file(), reason=f"founding example not found under {SEED}"
)


@pytest.fixture(scope="module")
def seed():
    gold = json.loads((SEED / "article.expected.json").read_text(encoding="utf-8"))
    processed = process_text((SEED / "article.txt").read_text(encoding="utf-8"), published=gold["published"])
    return gold, processed


def norm(text: str | None) -> str:
    text = (text or "").lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text.replace("–", "-").replace("—", "-")).strip()


def names_match(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


def accepted(item: dict, key: str, value) -> bool:
    """A plain field must equal; its ``_any_of`` twin lists accepted values; absent = unchecked."""
    if key in item:
        return value == item[key]
    if f"{key}_any_of" in item:
        return value in item[f"{key}_any_of"]
    return True


def line_of(article, offset: int) -> int | None:
    return next((p.line for p in article.paragraphs if p.kept and p.start <= offset < p.end + 1), None)


def actor_ok(spec: dict | None, actor) -> bool:
    if spec is None:
        return True  # the text names none: an invented one still matches
    if actor is None:
        return False
    if not accepted(spec, "country", actor.country) or not accepted(spec, "sector", actor.sector):
        return False
    return "name" not in spec or names_match(spec["name"], actor.person or actor.name or actor.text)


def event_matches(item: dict, event, article) -> bool:
    line = line_of(article, event.evidence.sentence_start)
    if not accepted(item, "line", line) or not accepted(item, "type", event.type):
        return False
    if not accepted(item, "modality", event.modality):
        return False
    roles = actor_ok(item.get("source"), event.source) and actor_ok(item.get("target"), event.target)
    if not roles and event.type == "CONSULT":
        roles = actor_ok(item.get("source"), event.target) and actor_ok(item.get("target"), event.source)
    return roles


def forbidden_violated(item: dict, event, article) -> bool:
    line = line_of(article, event.evidence.sentence_start)
    if not accepted(item, "line", line) or not accepted(item, "type", event.type):
        return False
    if not accepted(item, "modality", event.modality):
        return False
    return all(
        actor_ok(item.get(role), getattr(event, role)) for role in ("source", "target") if role in item
    )


def required_ids() -> list:
    if not (SEED / "article.expected.json").is_file():
        return []
    gold = json.loads((SEED / "article.expected.json").read_text(encoding="utf-8"))
    return [KNOWN_MISSES.get(item["id"], item["id"]) for item in gold["events"]["required"]]


# Required events the shipped models are known to lose, each with the reason; strict, so a fix
# shows up as a failure to remove the mark. The gate's floor for the founding example records it too.
KNOWN_MISSES: dict[str, Any] = {
    # none since 2026-12-07 (second stop): E5, the U.S. refusal to join, lost to the event check
    # since 2026-12-06 (late), is kept again after the roles and check retrain (docs/models.md)
}


def test_the_annotation_requires_events(seed):
    gold, _ = seed
    assert len(gold["events"]["required"]) >= 5


@pytest.mark.parametrize("event_id", required_ids())
def test_each_required_event_is_found(seed, event_id):
    gold, processed = seed
    events, article = processed.extraction.events, processed.article
    item = next(i for i in gold["events"]["required"] if i["id"] == event_id)
    matches = [e for e in events if event_matches(item, e, article)]
    assert matches, f"required event {event_id} not found"


def test_required_events_carry_location_and_count(seed):
    gold, processed = seed
    events, article = processed.extraction.events, processed.article
    required = gold["events"]["required"]
    assert any("location" in i for i in required) and any("count" in i for i in required)
    for item in required:
        matches = [e for e in events if event_matches(item, e, article)]
        if "location" in item:
            loc = item["location"]
            assert any(
                e.location
                and names_match(loc["name"], e.location.name)
                and e.location.country == loc["country"]
                for e in matches
            ), f"{item['id']}: location {loc['name']} not on the matched event"
        if "count" in item:
            assert any(
                c.value == item["count"]["value"] and accepted(item["count"], "qualifier", c.qualifier)
                for e in matches
                for c in e.counts
            ), f"{item['id']}: count not on the matched event"


def test_attribution_of_the_air_base_strike(seed):
    gold, processed = seed
    item = next(i for i in gold["events"]["required"] if i["id"] == "E2")
    event = next(e for e in processed.extraction.events if event_matches(item, e, processed.article))
    expected = item["attribution"]
    assert event.attribution is not None
    assert names_match(expected["speaker"], event.attribution.speaker_text)
    assert event.attribution.anonymous == expected["anonymous"]
    assert names_match(expected["via"], event.attribution.via)


def test_no_forbidden_event(seed):
    gold, processed = seed
    article = processed.article
    assert gold["events"]["forbidden"] and processed.extraction.events
    for item in gold["events"]["forbidden"]:
        for event in processed.extraction.events:
            assert not forbidden_violated(item, event, article), (
                f"forbidden event extracted: {item.get('why')}"
            )


def test_each_required_actor_is_found(seed):
    gold, processed = seed
    actors = processed.extraction.actors
    assert gold["actors"]["required"]
    for item in gold["actors"]["required"]:
        found = [
            a
            for a in actors
            if names_match(item["text"], a.text)
            and accepted(item, "country", a.country)
            and accepted(item, "sector", a.sector)
            and ("anonymous" not in item or a.anonymous == item["anonymous"])
        ]
        assert found, f"required actor {item['text']!r} not found"
