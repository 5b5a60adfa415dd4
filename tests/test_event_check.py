"""The event check: the coder's last step, a learned judgment of each event as a whole."""

from __future__ import annotations

import json

import spacy
from spacy.tokens import Doc

from eventwire.extract.coder import coder_settings
from eventwire.learn.check import check_features
from eventwire.learn.linear import load_model
from eventwire.models import Actor, Event, Evidence
from eventwire.options import Options
from eventwire.pipeline.process import process_text

STORY = (
    "KYIV, Ukraine — Russian forces shelled the city of Kharkiv overnight, killing four civilians, "
    "regional officials said on Tuesday.\n"
    "Ukraine's foreign minister accused Moscow of targeting homes and called on allies to send more "
    "air defense systems.\n"
    "Would the United States send more help? Analysts said the growing threat to the region was clear.\n"
    "The European Union agreed on Monday to extend its sanctions on Russian banks for six months.\n"
    "Officials in Brussels said the decision was unanimous.\n"
)


def _doc(words, deps, heads, pos):
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab,
        words=words,
        deps=deps,
        heads=heads,
        pos=pos,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def _event(kind="ASSAULT", source=None, target=None, modality="asserted", confidence=0.4):
    return Event(
        kind,
        "shelled",
        Evidence(0, 7, 0, 30),
        source=source,
        target=target,
        modality=modality,
        confidence=confidence,
    )


def test_features_say_where_the_trigger_stands_and_what_the_roles_hold():
    doc = _doc(
        ["Would", "Russia", "attack", "Kyiv", "?"],
        ["aux", "nsubj", "ROOT", "dobj", "punct"],
        [2, 2, 2, 2, 2],
        ["AUX", "PROPN", "VERB", "PROPN", "PUNCT"],
    )
    source = Actor("Russia", "Russia", 6, 12, country="RUS", sector=None, country_reason="lexicon")
    feats = check_features(doc[2], _event(source=source), in_sentence=2)
    assert feats["question"] == 1.0 and feats["root"] == 1.0 and feats["type_pos=ASSAULT_VERB"] == 1.0
    assert feats["source_country"] == 1.0 and feats["source_reason=lexicon"] == 1.0
    assert feats["target=none"] == 1.0 and feats["in_sentence"] == 0.5
    assert feats["score>=0.3"] == 1.0 and "score>=0.5" not in {k for k, v in feats.items() if v}


def test_a_clause_under_another_verb_is_told_apart_from_a_root():
    doc = _doc(
        ["They", "asked", "Russia", "to", "withdraw", "."],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "punct"],
        [1, 1, 1, 4, 1, 1],
        ["PRON", "VERB", "PROPN", "PART", "VERB", "PUNCT"],
    )
    feats = check_features(doc[4], _event("RETREAT"), in_sentence=1)
    assert feats["dep_head_pos=xcomp_VERB"] == 1.0 and "root" not in feats and "question" not in feats


def test_the_shipped_check_is_trained_on_stories_it_never_coded_with_their_own_type_model():
    model = load_model("event_check")
    assert model is not None and set(model.labels) == {"right", "wrong"}
    report = json.loads(model.meta["report"])
    cv = report["train_cv"]
    assert cv["events"] > 300 and 0 < cv["right"] < cv["events"]
    # the check must sort right from wrong better than chance, on stories unseen by every model
    assert cv["auc"] > 0.65 and report["heldout"]["auc"] > 0.65
    assert cv["precision_kept"] > cv["precision"]


def test_the_floor_drops_only_asserted_events_and_zero_keeps_them_all():
    every = process_text(STORY, published="2024-05-14", options=Options(min_confidence=0.0)).extraction.events
    default = process_text(STORY, published="2024-05-14").extraction.events
    floor = coder_settings()["check"]["min_asserted"]
    assert every, "the story holds events"
    assert all(e.modality != "asserted" or e.confidence >= floor for e in default)
    kept = {(e.evidence.start, e.type) for e in default}
    assert kept <= {(e.evidence.start, e.type) for e in every}
    dropped = [e for e in every if (e.evidence.start, e.type) not in kept]
    assert all(e.modality == "asserted" and e.confidence < floor for e in dropped)
    high = process_text(STORY, published="2024-05-14", options=Options(min_confidence=0.99)).extraction.events
    assert all(e.modality != "asserted" for e in high)


def test_a_lone_sentence_is_not_judged_by_the_check():
    """A gold record or a headline is no story: its events keep the calibrated score."""
    text = "Russian forces shelled the city of Kharkiv overnight, killing four civilians."
    on = process_text(text, published="2024-05-14").extraction.events
    off = process_text(text, published="2024-05-14", options=Options(event_check=False)).extraction.events
    assert on and [(e.type, e.confidence) for e in on] == [(e.type, e.confidence) for e in off]


def test_the_check_sets_a_confidence_other_than_the_calibrated_score():
    on = process_text(STORY, published="2024-05-14", options=Options(min_confidence=0.0)).extraction.events
    off = process_text(STORY, published="2024-05-14", options=Options(event_check=False)).extraction.events
    assert [(e.evidence.start, e.type) for e in on] == [(e.evidence.start, e.type) for e in off]
    assert [e.confidence for e in on] != [e.confidence for e in off]


def test_the_cli_docs_state_the_shipped_floor():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    stated = re.search(r"the shipped floor \((\d\.\d+)", text)
    assert stated and float(stated.group(1)) == coder_settings()["check"]["min_asserted"]
    ramp = re.search(r"raised up to (\d\.\d+) .*?from relevance (\d\.\d+)", text, re.S)
    shipped = coder_settings()["check"]["low_relevance"]
    assert ramp and (float(ramp.group(1)), float(ramp.group(2))) == (shipped["needs"], shipped["below"])


def test_eval_takes_the_floor_from_the_command_line(tmp_path):
    """`eventwire eval --min-confidence 0` scores every event: never fewer asserted ones than the default."""
    import json as _json
    from pathlib import Path

    from typer.testing import CliRunner

    from eventwire.cli.main import app

    samples = Path(__file__).resolve().parent / "data" / "annotated-samples"
    runs = {}
    for floor in ("0", "0.99"):
        result = CliRunner().invoke(
            app, ["eval", "annotated", str(samples), "--json", "--min-confidence", floor]
        )
        assert result.exit_code == 0, result.output
        runs[floor] = _json.loads(result.stdout)["metrics"]
    assert runs["0"]["event_recall"] > runs["0.99"]["event_recall"]
