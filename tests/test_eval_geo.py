"""The geowebnews and event-location eval kinds on tiny invented samples (tests/data/eval/)."""

from __future__ import annotations

from pathlib import Path

from eventwire.eval import run_eval
from eventwire.eval.geowebnews import haversine_km, original_offsets
from eventwire.pipeline import process_text

DATA = Path(__file__).resolve().parent / "data" / "eval"


def test_geowebnews_sample(nlp):
    metrics = run_eval("geowebnews", DATA / "geowebnews")["metrics"]
    # By hand: Lyon, France, Lyon, Nairobi, French; "city" is an expression and is left out.
    assert metrics["n_gold_toponyms"] == 5
    # "French" is a demonym modifier: not a place, but counted as an associative mention.
    assert 0 < metrics["toponym_f1"] < 1
    assert metrics["toponym_recall"] <= 0.8
    assert metrics["toponym_f1_places_only"] < metrics["toponym_f1"]  # "French" counts only as associative
    assert metrics["geocode_acc_161km"] == 1.0  # every found toponym lies within 161 km of gold


def test_event_location_sample(nlp):
    result = run_eval("event-location", DATA / "event-location")
    assert result["n"] == 4
    assert 0 < result["metrics"]["exact_accuracy"] < 1


def test_offsets_map_back_over_collapsed_spaces(nlp):
    original = "Troops  moved   into Gaza.\n\nThen   they left Rafah."
    article = process_text(original).article
    for word in ("Gaza", "Rafah"):
        start = article.text.index(word)
        mapped = original_offsets(article, original, start, start + len(word))
        assert original[mapped[0] : mapped[1]] == word


def test_haversine():
    # Paris to London is about 344 km.
    assert 330 < haversine_km(48.8566, 2.3522, 51.5074, -0.1278) < 360
