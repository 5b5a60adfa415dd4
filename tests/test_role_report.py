"""The role model's training report measures the roles as the coder ships them: the rules' choice
while the model finds it plausible, else the model's pick, sure enough to replace the rules', and
failing that the rules' choice again, as the coder's fallback (``fallback: rules``) keeps it."""

from eventwire.training.roles import _combined

SETTINGS = {"keep_rules_above": 0.3, "override_rules": 0.5, "min_target": 0.1, "fallback": "rules"}


def probs(**target_by_row):
    return {int(row[1:]): {"source": 0.0, "target": p} for row, p in target_by_row.items()}


def test_the_rules_choice_stands_while_the_model_finds_it_plausible():
    assert _combined(0, 1, probs(r0=0.35, r1=0.9), "target", SETTINGS) == 0


def test_a_sure_model_pick_replaces_a_rules_choice_it_doubts():
    assert _combined(0, 1, probs(r0=0.1, r1=0.6), "target", SETTINGS) == 1


def test_an_unsure_pick_leaves_a_doubted_rules_choice_as_the_coders_fallback_does():
    # coder_roles._choose gives no pick below override_rules, and assign_roles then falls back on
    # the rules' choice; only the `carried` fallback leaves the role empty
    assert _combined(0, 1, probs(r0=0.1, r1=0.4), "target", SETTINGS) == 0
    assert _combined(0, 1, probs(r0=0.1, r1=0.4), "target", SETTINGS | {"fallback": "carried"}) is None


def test_a_role_the_rules_left_empty_takes_the_models_pick():
    assert _combined(None, 1, probs(r1=0.2), "target", SETTINGS) == 1
    assert _combined(None, 1, probs(r1=0.05), "target", SETTINGS) is None  # below min_target


def test_the_report_scores_marked_events_apart():
    from eventwire.training.roles import _accuracies

    def event(gold, rules, coder):
        return {
            "source": {"gold": 0, "rules": 0, "model": 0, "coder": 0},
            "target": {"gold": gold, "rules": rules, "model": coder, "coder": coder},
        }

    # two events mark a target, one does not: filling the unmarked one counts wrong only over all
    chosen = [event(1, None, 1), event(2, 2, 2), event(None, None, 3)]
    report = _accuracies(chosen)
    assert report["target_marked_events"] == 2
    assert report["coder_target_accuracy_marked"] == 1.0
    assert report["rules_target_accuracy_marked"] == 0.5
    assert report["coder_target_accuracy"] == round(2 / 3, 3)
    assert report["rules_target_accuracy"] == round(2 / 3, 3)
