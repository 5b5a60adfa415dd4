"""The blind VOA annotations: well-formed, and their gold files derived from the sentence labels."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "annotations" / "voa" / part for part in ("train", "test")]


def _script():
    spec = importlib.util.spec_from_file_location("voa_gold", ROOT / "scripts" / "voa_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


voa_gold = _script()


def test_every_story_is_well_formed_and_its_gold_is_up_to_date():
    stories = [(folder, sid) for folder in FOLDERS if folder.exists() for sid in voa_gold.story_ids(folder)]
    if not stories:
        pytest.skip("no VOA annotations in this checkout")
    assert voa_gold.run([f for f in FOLDERS if f.exists()], check=True) == []


def test_train_and_test_parts_share_no_story():
    ids = [set(voa_gold.story_ids(folder)) if folder.exists() else set() for folder in FOLDERS]
    assert not ids[0] & ids[1]


def _story(tmp_path, labels, relevant=True):
    lines = [label["text"] for label in labels]
    (tmp_path / "s1.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [json.dumps({"line": i, **label}) for i, label in enumerate(labels, start=1)]
    (tmp_path / "s1.sentences.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    meta = {"id": "s1", "published": "2025-01-02", "relevant": relevant}
    (tmp_path / "s1.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_negated_event_is_optional_gold_and_forbidden_as_asserted(tmp_path):
    event = {
        "type": "ASSAULT",
        "modality": "negated",
        "required": True,
        "source": {"text": "rebels", "country": "SDN", "sector": "REB"},
        "target": None,
    }
    _story(
        tmp_path,
        [{"text": "Rebels did not attack the town.", "events": [event]}, {"text": "Calm.", "events": []}],
    )
    expected = voa_gold.expected_for(*voa_gold.load_story(tmp_path, "s1"))
    (required,) = expected["events"]["required"]
    assert required["source"] == {"country": "SDN", "sector": "REB", "name": "rebels"}
    assert "target" not in required
    (forbidden,) = expected["events"]["forbidden"]
    assert forbidden["modality"] == "asserted" and forbidden["line"] == 1


def test_story_that_is_not_political_forbids_every_asserted_event(tmp_path):
    _story(tmp_path, [{"text": "The team won 3-1.", "events": []}], relevant=False)
    expected = voa_gold.expected_for(*voa_gold.load_story(tmp_path, "s1"))
    assert expected["events"]["forbidden"] == [
        {"line_any_of": [1], "modality": "asserted", "why": "not political news"}
    ]


def test_labels_out_of_step_with_the_text_are_refused(tmp_path):
    _story(tmp_path, [{"text": "One.", "events": []}, {"text": "Two.", "events": []}])
    (tmp_path / "s1.txt").write_text("One.\nTwo changed.\n", encoding="utf-8")
    with pytest.raises(voa_gold.LabelError, match="does not match line 2"):
        voa_gold.load_story(tmp_path, "s1")
