"""The learned event coder: its model runtime, its features, the shipped models' behaviour, training."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from eventwire.learn import cameo
from eventwire.learn.features import RuleHint, role_features, sentence_features, trigger_features
from eventwire.learn.linear import LinearModel, load_model, read_model
from eventwire.options import Options
from eventwire.pipeline.process import process_text

MODELS = ("event_type", "roles", "modality", "mode", "relevance", "event_check")


def _model(labels=("A", "B", "C")) -> LinearModel:
    weights = np.array([[2.0, 0.0, -1.0], [0.0, 3.0, 0.0]], dtype=np.float32)
    return LinearModel(tuple(labels), {"x": 0, "y": 1}, weights, np.zeros(3, np.float32), {"k": "v"})


def test_linear_model_scores_like_its_weights_and_ignores_unknown_features():
    model = _model()
    probs = model.predict_proba({"x": 1.0, "unseen": 5.0})
    assert max(probs, key=probs.get) == "A" and abs(sum(probs.values()) - 1) < 1e-6
    assert max(model.predict_proba({"y": 1.0}).items(), key=lambda kv: kv[1])[0] == "B"


def test_a_binary_model_keeps_one_column():
    model = LinearModel(("no", "yes"), {"x": 0}, np.array([[4.0]], np.float32), np.zeros(1, np.float32), {})
    assert model.predict_proba({"x": 1.0})["yes"] > 0.95
    assert model.predict_proba({})["yes"] == pytest.approx(0.5)


def test_a_saved_model_reads_back_and_is_the_same_bytes_every_time(tmp_path):
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    _model().save(first)
    _model().save(second)
    assert first.read_bytes() == second.read_bytes()
    back = read_model(first)
    assert back.labels == ("A", "B", "C") and back.index == {"x": 0, "y": 1} and back.meta == {"k": "v"}
    assert np.array_equal(back.weights, _model().weights)


CAMEO_SNIPPET = """
---  KILL   [190]  ---
KILL
MURDER {MURDERS MURDERED}
- * (IN ACCIDENT)                                     [---]         # KILL
---  MEET   [040]  ---
MEET
- * PROTESTERS                                        [141]         # MEET
"""
MAPPING_SNIPPET = "04: CONSULT\n040: CONSULT,  , diplomatic\n14: PROTEST\n190: ASSAULT\n"


def test_cameo_dictionary_maps_verbs_and_pattern_words_to_plover_types():
    rows = cameo.build_rows(CAMEO_SNIPPET, MAPPING_SNIPPET)
    assert ("kill", "*", "ASSAULT", 1) in rows and ("murder", "*", "ASSAULT", 1) in rows
    assert ("meet", "*", "CONSULT", 1) in rows and ("meet", "protesters", "PROTEST", 1) in rows
    assert not [r for r in rows if r[1] == "accident"]  # a [---] pattern codes nothing
    assert cameo.plover_of("1901", {"190": "ASSAULT"}) == "ASSAULT"


def _doc(words, heads, deps, pos, lemmas):
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    return doc


def _rebels_attacked_the_town():
    # "Rebels did not attack the town ."
    return _doc(
        ["Rebels", "did", "not", "attack", "the", "town", "."],
        [3, 3, 3, 3, 5, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"],
        ["NOUN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"],
        ["rebel", "do", "not", "attack", "the", "town", "."],
    )


def test_sentence_features_hold_words_negation_root_and_the_rules_findings():
    doc = _rebels_attacked_the_town()
    feats = sentence_features(doc[:], [RuleHint("ASSAULT", "negated", 3)])
    assert {"w:rebels", "b:not|attack", "root:attack", "neg", "rule:ASSAULT", "rule_mod:negated"} <= set(
        feats
    )
    assert "rule_root:ASSAULT" in feats and "rule:none" not in feats
    assert "rule:none" in sentence_features(doc[:], [])


def test_role_features_describe_where_the_candidate_stands_against_the_trigger():
    doc = _rebels_attacked_the_town()
    subject = role_features(doc[3], doc[0:1], "ASSAULT", "source", 0, "REB")
    obj = role_features(doc[3], doc[4:6], "ASSAULT", None, 1, None)
    assert {"side:before", "path:nsubj", "rule:source", "sector:REB"} <= set(subject)
    assert {"side:after", "path:dobj", "rule:none", "sector:none"} <= set(obj)


def test_trigger_features_compare_years_with_the_story_date():
    doc = _doc(
        ["Troops", "withdrew", "in", "2019", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["NOUN", "VERB", "ADP", "NUM", "PUNCT"],
        ["troop", "withdraw", "in", "2019", "."],
    )
    assert "year_gap_near:past2" in trigger_features(doc[1], None, "2025-03-01")
    assert "year_gap_near:same" in trigger_features(doc[1], None, "2019-06-01")


def test_trigger_features_tell_a_nested_act_s_year_and_a_naming_year_apart():
    # "Kenya blamed Rwanda for leaving in 2019 ." : the year dates the leaving, not the blame
    doc = _doc(
        ["Kenya", "blamed", "Rwanda", "for", "leaving", "in", "2019", "."],
        [1, 1, 1, 1, 3, 4, 5, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pcomp", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "PROPN", "ADP", "VERB", "ADP", "NUM", "PUNCT"],
        ["Kenya", "blame", "Rwanda", "for", "leave", "in", "2019", "."],
    )
    feats = trigger_features(doc[1], None, "2025-03-01")
    assert "year_gap_nested:past2" in feats and "year_near" not in feats
    # "Courts convicted him of the 2019 murder ." : the year names the murder
    doc = _doc(
        ["Courts", "convicted", "him", "of", "the", "2019", "murder", "."],
        [1, 1, 1, 1, 6, 6, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "det", "nummod", "pobj", "punct"],
        ["NOUN", "VERB", "PRON", "ADP", "DET", "NUM", "NOUN", "PUNCT"],
        ["court", "convict", "he", "of", "the", "2019", "murder", "."],
    )
    feats = trigger_features(doc[1], None, "2025-03-01")
    assert "year_naming" in feats and "year_near" not in feats


@pytest.mark.parametrize("name", MODELS)
def test_every_model_ships_in_the_package_with_its_training_report(name):
    model = load_model(name)
    assert model is not None and model.weights.shape == (len(model.index), model.bias.shape[0])
    assert model.meta["seed"] and model.meta["report"].startswith("{")


SPORT = (
    "Manchester City beat Arsenal 3-1 on Sunday to move top of the Premier League table. "
    "Erling Haaland scored twice in the first half and Phil Foden added a third after the break. "
    "Arsenal's manager said his players had fought hard but the champions were too strong on the day. "
    "The result leaves City two points clear with eight games left, while Arsenal drop to third. "
    "Fans packed the stadium for the late kick-off, and ticket prices for the next home game have risen. "
    "City travel to Madrid on Wednesday for the first leg of their Champions League quarter-final, "
    "where the coach expects a difficult night against a side that has won the trophy many times. "
    "The club's new signing is expected to start on the bench after a minor knee injury in training."
)


def test_a_sport_story_yields_no_asserted_event():
    rules = process_text(SPORT, published="2025-03-02", options=Options(coder=False))
    coded = process_text(SPORT, published="2025-03-02")
    assert rules.extraction.events, "the rules alone find (false) events here; the coder must remove them"
    assert not [e for e in coded.extraction.events if e.modality == "asserted"]
    assert coded.article.meta["relevance"] < 0.2


def test_the_coder_finds_an_event_the_rules_miss_and_names_its_source():
    text = (
        "Meanwhile, U.S. Secretary of State Antony Blinken issued a statement Tuesday saying the United "
        "States is deeply disappointed by the approval of the legislation."
    )
    rules = process_text(text, published="2025-03-02", options=Options(coder=False))
    coded = process_text(text, published="2025-03-02")
    assert rules.extraction.events == []
    (event,) = coded.extraction.events
    assert event.type == "ACCUSE" and event.modality == "asserted"
    assert event.source is not None and event.source.country == "USA"
    assert text[event.evidence.start : event.evidence.end] == event.trigger  # offsets kept


def test_the_options_switch_the_coder_off_and_change_the_config_hash():
    assert Options().config_hash() != Options(coder=False).config_hash()


def test_training_reproduces_the_shipped_relevance_model_and_cameo_table(shared_dir, tmp_path):
    """`make train` is deterministic: the same pools give the same bytes (the fast models here; the
    event-type, role and modality models are compared by `make train-check`)."""
    from eventwire.learn.linear import DATA
    from eventwire.training import train

    train.run(shared_dir, train.REPO / "annotations" / "voa", tmp_path, only={"relevance"})
    assert (tmp_path / "relevance.npz").read_bytes() == (DATA / "relevance.npz").read_bytes()
    assert (tmp_path / "cameo_verbs.tsv").read_bytes() == (DATA / "cameo_verbs.tsv").read_bytes()


def test_confidence_is_calibrated_on_held_out_stories():
    """Of the asserted events extracted from the held-out VOA stories, the share that match an
    annotated event rises with confidence and stays near it (docs/models.md, "Confidence")."""
    import json
    from pathlib import Path

    from eventwire.eval.annotated import match_event

    folder = Path(__file__).resolve().parents[1] / "annotations" / "voa" / "test"
    pairs = []
    for path in sorted(folder.glob("*.expected.json"))[:12]:
        expected = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.split(".")[0] + ".txt").read_text(encoding="utf-8")
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)

        def line_of(offset, starts=starts):
            return next(i for i in range(1, len(starts)) if starts[i] > offset)

        specs = expected["events"]["required"] + expected["events"].get("optional", [])
        every = Options(min_confidence=0.0)  # the check's floor would drop the low ones
        for event in process_text(text, published=expected["published"], options=every).extraction.events:
            if event.modality == "asserted":
                pairs.append((event.confidence, any(match_event(s, event, line_of) for s in specs)))
    low = [ok for c, ok in pairs if c < 0.3]
    high = [ok for c, ok in pairs if c >= 0.4]
    assert len(low) >= 10 and len(high) >= 10, "too few events to judge"
    low_rate, high_rate = sum(low) / len(low), sum(high) / len(high)
    assert low_rate < 0.35 and high_rate > 0.35 and high_rate > low_rate + 0.15
    assert all(0.0 <= c <= 1.0 for c, _ in pairs)


def test_the_press_a_statement_is_told_to_is_never_its_target():
    text = (
        "Kenya's interior minister told reporters on Monday that the refugee agency must close the camps "
        "within two weeks."
    )
    events = process_text(text, published="2024-05-01", options=Options()).extraction.events
    told = [e for e in events if e.trigger == "told"]
    assert told and told[0].source is not None and "minister" in told[0].source.text
    assert all(e.target is None or e.target.text != "reporters" for e in events)


def test_the_mode_model_fills_a_mode_the_rules_leave_empty():
    text = "The foreign minister urged Washington to lift the sanctions on the country's banks."

    def modes(coder: bool) -> list[list[str]]:
        extraction = process_text(text, published="2024-05-01", options=Options(coder=coder)).extraction
        return [e.mode for e in extraction.events if e.type == "REQUEST"]

    assert modes(False) == [[]]  # the rules have no mode for "urged"
    assert modes(True) == [["change"]]  # PLOVER: a request for a change of policy


def _events(text: str, trigger: str):
    events = process_text(text, published="2024-05-01", options=Options(min_confidence=0.0)).extraction.events
    found = [e for e in events if e.trigger == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger for e in events]}"
    return found


def test_a_place_named_as_where_things_happen_is_no_party():
    # "in Montenegro" says where the unrest was; the suppression is Serbia's
    text = (
        "Albania on Friday denounced as an ugly crime Serbia's suppression of ethnic Albanian unrest "
        "in Montenegro."
    )
    (event,) = _events(text, "denounced")
    assert event.source is not None and event.source.country == "ALB"
    assert event.target is not None and event.target.country == "SRB"


def test_a_place_an_act_is_done_to_stays_its_target():
    (event,) = _events("The army imposed a curfew in Khartoum on Monday.", "imposed a curfew")
    assert event.target is not None and event.target.country == "SDN"


def test_an_actor_is_not_its_own_target():
    # "Iran's program" is the source's own country: no target, rather than the source again
    text = "Tehran rejected its offer for new nuclear talks amid growing concerns about Iran's program."
    (event,) = _events(text, "rejected")
    assert event.source is not None and event.source.country == "IRN"
    assert event.target is None or event.target.country != "IRN"


def test_who_condemns_a_killing_is_not_its_killer():
    text = (
        "U.N. Secretary-General Antonio Guterres strongly condemned the continuing brutality of the "
        "Myanmar military, as at least eight anti-coup demonstrators were killed Friday in the central "
        "town of Aungban."
    )
    (condemned,) = _events(text, "condemned")
    (killed,) = _events(text, "killed")
    assert condemned.source is not None and "Guterres" in condemned.source.text
    assert killed.target is not None and killed.target.country == "MMR"
    assert killed.source is None or "Guterres" not in killed.source.text


def test_an_event_the_model_finds_in_a_reported_clause_is_the_clauses_own():
    # the spokesman reports the bombing; the attackers carried it out
    text = (
        "Afghan Interior Ministry spokesman Tariq Arian said attackers detonated a car bomb and two "
        "improvised explosive devices during the evening rush hour."
    )
    (event,) = _events(text, "detonated")
    assert event.type == "ASSAULT"
    assert event.source is not None and event.source.text == "attackers"


def test_the_act_a_reporting_verb_reports_is_the_verb_of_its_clause():
    """When the model anchors an event on "said", the act is the reported clause's verb if that clause
    has a noun subject of its own; otherwise the reporting verb stays the anchor."""
    from eventwire.extract.base import Context
    from eventwire.extract.coder import _reported_act
    from eventwire.extract.event_lexicon import modality_lexicon
    from eventwire.models import Article
    from test_rules_handbuilt import hand_doc

    def act(rows: str):
        doc = hand_doc(rows)
        ctx = Context(doc=doc, article=Article(id="t", text=doc.text), options=Options())
        found = _reported_act(ctx, doc[1], "ASSAULT", modality_lexicon(()))
        return found.text if found is not None else None

    # "Officials said gunmen ambushed convoys ."
    assert (
        act(
            "Officials 1 nsubj NNS official\nsaid 1 ROOT VBD say\ngunmen 3 nsubj NNS gunman\n"
            "ambushed 1 ccomp VBD ambush\nconvoys 3 dobj NNS convoy\n. 1 punct ."
        )
        == "ambushed"
    )
    # "Officials said they ambushed convoys ." (a pronoun is no subject of its own: the act stays
    # on "said", and the roles come from the sentence)
    assert (
        act(
            "Officials 1 nsubj NNS official\nsaid 1 ROOT VBD say\nthey 3 nsubj PRP\n"
            "ambushed 1 ccomp VBD ambush\nconvoys 3 dobj NNS convoy\n. 1 punct ."
        )
        is None
    )


def test_balanced_weights_even_the_classes_and_change_nothing_at_power_zero():
    from eventwire.training.learners import balanced_weights

    labels, weights = ["A"] * 8 + ["B"] * 2, [1.0] * 6 + [2.0] * 2 + [0.5, 1.5]
    assert balanced_weights(labels, weights, 0.0) == weights
    even = balanced_weights(labels, weights, 1.0)
    totals = {k: sum(w for lab, w in zip(labels, even, strict=True) if lab == k) for k in "AB"}
    assert totals["A"] == pytest.approx(totals["B"])
    half = balanced_weights(labels, weights, 0.5)
    # within a class the examples keep their proportions; the rare class gains, the common one loses
    assert half[6] / half[0] == pytest.approx(2.0) and half[9] / half[8] == pytest.approx(3.0)
    assert half[8] > weights[8] and half[0] < weights[0]


def test_a_balanced_fit_finds_a_rare_class_an_unbalanced_one_misses():
    """The loss weighed by class: the event-type model's rare PLOVER types had high precision and low
    recall. Here a sentence seen 8 times as the common class and 4 times as the rare one goes to the
    rare class only when the classes are evened."""
    from eventwire.training.learners import fit, predict

    rows = [{"common": 1.0}] * 28 + [{"shared": 1.0}] * 12
    labels = ["BIG"] * 36 + ["RARE"] * 4
    plain = fit(rows, labels, [1.0] * 40, 1, 1.0, 13)
    even = fit(rows, labels, [1.0] * 40, 1, 1.0, 13, balance=1.0)
    assert predict(plain, {"shared": 1.0}) == "BIG"
    assert predict(even, {"shared": 1.0}) == "RARE"
