"""Stories that are not political news yield no asserted events; political stories keep theirs.

The stories in tests/data/relevance were written for these tests (sport, a match report, a product
launch, a takeover bid, an earnings report, a weather forecast, a recipe, and a border clash and a
budget vote as the political controls), in the annotated layout the ``relevance`` eval kind reads
(ID.txt + ID.meta.json with ``relevant``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.eval import run_eval
from eventwire.eval.relevance import half_of, load_stories, metrics_for
from eventwire.extract import coder
from eventwire.extract.coder import coder_settings
from eventwire.extract.event_check import asserted_floor
from eventwire.models import Event
from eventwire.options import Options
from eventwire.pipeline import process_text

STORIES = Path(__file__).parent / "data" / "relevance"


def relevant(name: str) -> bool:
    return json.loads((STORIES / f"{name}.meta.json").read_text(encoding="utf-8"))["relevant"]


def asserted(name: str) -> list[Event]:
    processed = process_text((STORIES / f"{name}.txt").read_text(encoding="utf-8"))
    return [e for e in processed.extraction.events if e.modality == "asserted"]


NOT_POLITICAL = [
    *["football", "match_report", "tennis"],  # sport
    *["phone_launch", "takeover", "earnings"],  # technology and business
    *["weather", "recipe"],
]


@pytest.mark.parametrize("name", NOT_POLITICAL)
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


def test_a_budget_vote_keeps_its_events_where_an_earnings_report_has_none() -> None:
    # the political counterpart of the earnings report and the match report: a rejection, an
    # accusation and a protest that must survive the relevance judgment and its confidence ramp
    assert relevant("budget_vote")
    events = asserted("budget_vote")
    assert {"REJECT", "ACCUSE", "PROTEST"} <= {e.type for e in events}
    assert asserted("earnings") == [] and asserted("match_report") == []


def test_a_story_scored_barely_relevant_needs_surer_events() -> None:
    settings = coder_settings()
    floor, bottom = settings["check"]["min_asserted"], settings["relevance"]["min_relevance"]
    ramp = settings["check"]["low_relevance"]
    assert asserted_floor(settings, None) == floor
    assert asserted_floor(settings, ramp["below"]) == floor == asserted_floor(settings, 0.99)
    assert asserted_floor(settings, bottom) == pytest.approx(ramp["needs"])
    middle = asserted_floor(settings, (bottom + ramp["below"]) / 2)
    assert floor < middle < ramp["needs"]


def test_the_ramp_drops_the_less_sure_events_of_a_low_relevance_story(monkeypatch) -> None:
    text = (STORIES / "budget_vote.txt").read_text(encoding="utf-8")
    every = process_text(text, options=Options(min_confidence=0)).extraction.events
    confidences = sorted(e.confidence for e in every if e.modality == "asserted")
    settings = coder_settings()
    score = settings["relevance"]["min_relevance"] + 0.01  # as if barely above min_relevance
    need = asserted_floor(settings, score)
    # the story holds events on both sides of the raised floor, so the test can fail either way
    assert confidences[0] < need <= confidences[-1]
    monkeypatch.setattr(coder, "story_relevance", lambda ctx: score)
    kept = [e for e in process_text(text).extraction.events if e.modality == "asserted"]
    assert kept and all(e.confidence >= need for e in kept)
    assert len(kept) == sum(c >= need for c in confidences)
    # an explicit --min-confidence replaces floor and ramp: every event kept
    everything = process_text(text, options=Options(min_confidence=0)).extraction.events
    assert len([e for e in everything if e.modality == "asserted"]) == len(confidences)


def test_the_relevance_eval_counts_asserted_events_on_non_political_stories() -> None:
    result = run_eval("relevance", STORIES)
    metrics = result["metrics"]
    assert result["n"] == 11
    assert metrics["nonpolitical_n"] == 9 and metrics["political_n"] == 2
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
