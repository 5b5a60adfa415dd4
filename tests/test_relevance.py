"""Stories that are not political news yield no asserted events; political stories keep theirs.

The stories in tests/data/relevance were written for these tests (sport, a product launch, a
takeover bid, a weather forecast, a recipe, and a border clash as the political control), in the
annotated layout the ``relevance`` eval kind reads (ID.txt + ID.meta.json with ``relevant``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.eval import run_eval
from eventwire.eval.relevance import half_of, load_stories, metrics_for
from eventwire.models import Event
from eventwire.pipeline import process_text

STORIES = Path(__file__).parent / "data" / "relevance"


def relevant(name: str) -> bool:
    return json.loads((STORIES / f"{name}.meta.json").read_text(encoding="utf-8"))["relevant"]


def asserted(name: str) -> list[Event]:
    processed = process_text((STORIES / f"{name}.txt").read_text(encoding="utf-8"))
    return [e for e in processed.extraction.events if e.modality == "asserted"]


@pytest.mark.parametrize("name", ["football", "tennis", "phone_launch", "takeover", "weather", "recipe"])
def test_a_story_that_is_not_political_news_has_no_asserted_event(name: str) -> None:
    assert not relevant(name)
    assert asserted(name) == []


@pytest.mark.xfail(
    strict=True,
    reason="known limit: a 62-word cricket brief scores 0.38 (threshold 0.2); attacked, dismissed, struck "
    "are read as events",
)
def test_a_short_sport_brief_has_no_asserted_event() -> None:
    assert asserted("cricket_brief") == []


def test_a_political_story_keeps_its_events_and_relevance_score() -> None:
    assert relevant("border_clash")
    processed = process_text((STORIES / "border_clash.txt").read_text(encoding="utf-8"))
    events = [e for e in processed.extraction.events if e.modality == "asserted"]
    assert {"ASSAULT", "COERCE", "PROTEST"} & {e.type for e in events}
    assert len(events) >= 3
    assert processed.article.meta["relevance"] >= 0.5


def test_the_relevance_eval_counts_asserted_events_on_non_political_stories() -> None:
    result = run_eval("relevance", STORIES)
    metrics = result["metrics"]
    assert result["n"] == 8
    assert metrics["nonpolitical_n"] == 7 and metrics["political_n"] == 1
    assert metrics["political_kept"] == 1.0 and metrics["political_silenced_violations"] == 0
    # the cricket brief is the known miss (see the xfail above)
    assert metrics["nonpolitical_story_violations"] <= 1


def test_the_scorer_counts_stories_and_silenced_politics() -> None:
    stories = load_stories(STORIES)
    by_id = {s.id: s for s in stories}
    order = [by_id[i] for i in ("football", "weather", "border_clash")]
    metrics = metrics_for(order, [(2, 0.5), (0, 0.1), (0, 0.1)], below=0.2)
    assert metrics["nonpolitical_story_violations"] == 1
    assert metrics["nonpolitical_event_violations"] == 2
    assert metrics["nonpolitical_clean"] == 0.5
    assert metrics["political_kept"] == 0.0 and metrics["political_silenced_violations"] == 1


def test_stories_split_into_two_stable_halves(tmp_path: Path) -> None:
    halves = {half_of(f"story-{i}") for i in range(20)}
    assert halves == {"dev", "heldout"}
    assert half_of("story-3") == half_of("story-3")
    (tmp_path / "train.tsv").write_text("trained on text\t0\n", encoding="utf-8")
    rows = "a cup final report\t0\nthe budget vote\t1\nbad row\n"
    (tmp_path / "dev.tsv").write_text(rows, encoding="utf-8")
    stories = load_stories(tmp_path)
    assert sorted(s.political for s in stories) == [False, True]  # train.tsv is never scored
    dev, held = load_stories(tmp_path, "dev"), load_stories(tmp_path, "heldout")
    assert {s.id for s in dev} | {s.id for s in held} == {s.id for s in stories}
    assert not {s.id for s in dev} & {s.id for s in held}
