"""The case2021 eval kind on a tiny invented sample (tests/data/eval/case2021/sample.tsv)."""

from __future__ import annotations

from pathlib import Path

from eventwire.eval import run_eval
from eventwire.eval.case2021 import label_for, mappable_labels
from eventwire.models import Event, Evidence

SAMPLE = Path(__file__).parent / "data" / "eval" / "case2021"


def test_sample_scores_by_hand():
    result = run_eval("case2021", SAMPLE)
    assert result["n"] == 5
    # four rows right; "exchanged fire" (ARMED_CLASH) is missed: accuracy 4/5, and macro-F1 over
    # the five gold classes is (1 + 1 + 1 + 1 + 0) / 5
    assert result["metrics"]["accuracy"] == 0.8
    assert result["metrics"]["macro_f1"] == 0.8
    assert 0.0 < result["metrics"]["accuracy"] < 1.0


def test_mapping_uses_type_mode_and_context():
    strike = Event("ASSAULT", "bombed", Evidence(0, 6, 0, 10), mode=["aerial"])
    assert label_for(strike, "Jets bombed the town.") == "AIR_STRIKE"
    arrest = Event("COERCE", "arrested", Evidence(0, 6, 0, 10), mode=["arrest"])
    assert label_for(arrest, "Police arrested five men.") == "ARREST"
    assert label_for(None, "An earthquake hit the region.") == "NATURAL_DISASTER"
    assert label_for(None, "Nothing of note.") == "OTHER"
    assert {"ATTACK", "DIPLO", "AGREEMENT", "PEACE_PROTEST"} <= mappable_labels()


def _assault(target_sector: str | None = None, source_sector: str | None = None) -> Event:
    from eventwire.models import Actor

    def actor(sector):
        return Actor(text="x", name="x", start=0, end=1, sector=sector) if sector else None

    return Event(
        "ASSAULT", "attacked", Evidence(0, 6, 0, 10), source=actor(source_sector), target=actor(target_sector)
    )


def test_acled_definitions_armed_parties_clash_and_civilians_are_attacked():
    # ACLED: armed groups fighting each other is a clash; violence against civilians an attack
    assert label_for(_assault("MIL"), "Militants attacked the soldiers.") == "ARMED_CLASH"
    assert label_for(_assault("CVL"), "Militants attacked the villagers.") == "ATTACK"
    assert label_for(_assault(None), "Taliban fighters attacked a checkpoint.") == "ARMED_CLASH"


def test_who_takes_ground_decides_regained_or_overtaken():
    text = "They captured the town on Monday."
    assert label_for(_assault(source_sector="MIL"), text) == "GOV_REGAINS_TERIT"
    assert label_for(_assault(source_sector="REB"), text) == "NON_STATE_ACTOR_OVERTAKES_TER"


def test_accidents_and_talks_are_not_weapons_or_diplomacy():
    assert label_for(None, "Crews cleaned up a chemical spill at the airport.") == "MAN_MADE_DISASTER"
    assert label_for(None, "Shells filled with chlorine hit the town.") == "CHEM_WEAP"
    talks = Event("CONSULT", "talks", Evidence(0, 5, 0, 10))
    assert label_for(talks, "The rebels started peace talks with the government.") == "AGREEMENT"
    stormed = "Protesters stormed the building."  # "storm" is a hazard word only as a whole word
    assert label_for(None, stormed) != "NATURAL_DISASTER"


def test_defections_and_troop_movements_change_a_group_and_mobilising_is_no_mob():
    # ACLED "change to group/activity": fighters who defect, forces dispatched somewhere
    assert (
        label_for(None, "About 400 fighters have defected to the government side.") == "CHANGE_TO_GROUP_ACT"
    )
    assert label_for(None, "Security forces have been dispatched to the province.") == "CHANGE_TO_GROUP_ACT"
    assert label_for(None, "Fighters met the commanders of the province.") == "OTHER"
    # "mob" is a whole word: "mobilising" supporters is no mob violence, an angry mob is
    assert label_for(None, "The sect is mobilising two thousand supporters.") != "MOB_VIOL"
    assert label_for(None, "An angry mob lynched the suspect.") == "MOB_VIOL"


def test_an_industrial_blast_is_an_accident_not_an_attack():
    blast = Event("ASSAULT", "exploded", Evidence(0, 6, 0, 10), mode=["explosives"])
    assert label_for(blast, "Workers were hurt when a furnace at a plant exploded.") == "MAN_MADE_DISASTER"
    assert label_for(blast, "A gas explosion at the carnival killed eight.") == "MAN_MADE_DISASTER"
    assert label_for(blast, "A bomb exploded at the market, killing eight.") == "REM_EXPLOS"


def test_a_tsv_without_the_case_columns_is_one_clear_error(tmp_path):
    import pytest

    from eventwire.errors import EvalError

    bad = tmp_path / "other.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(EvalError, match="needs the columns id, EventSnippet, SubType"):
        run_eval("case2021", bad)


def _event(etype: str, start: int, confidence: float, sector: str | None = None, mode=()) -> Event:
    from eventwire.models import Actor

    source = Actor(text="x", name="x", start=0, end=1, sector=sector) if sector else None
    return Event(
        etype, "w", Evidence(start, start + 5, 0, 10), source=source, mode=list(mode), confidence=confidence
    )


def test_weapons_seized_or_found_are_disrupted_not_used():
    seized = _event("COERCE", 0, 0.5)
    assert label_for(seized, "Police seized six rifles and 300 bullets in a raid.") == "DISR_WEAP"
    assert label_for(None, "Landmines and grenades were discovered near the farms.") == "DISR_WEAP"
    thrown = _event("ASSAULT", 0, 0.5, mode=["explosives"])
    assert label_for(thrown, "A man threw a grenade at the bus stop.") == "GRENADE"


def test_protest_cues_need_a_protest_in_the_snippet():
    shooting = _event("ASSAULT", 0, 0.5)
    # "opened fire on" is force against a protest only where there is one; a Protestant church is none
    assert label_for(shooting, "Gunmen opened fire on a minibus, killing three.") != "FORCE_AGAINST_PROTEST"
    assert label_for(shooting, "Gunmen attacked a Protestant chapel.") != "FORCE_AGAINST_PROTEST"
    assert label_for(shooting, "Troops opened fire on protesters in the square.") == "FORCE_AGAINST_PROTEST"
    # vandalism or clashes with no protest around them are no violent demonstration
    assert label_for(shooting, "Troops took back the town and found shops vandalised.") != "VIOL_DEMONSTR"
    assert label_for(shooting, "Demonstrators clash with riot police at the rally.") == "VIOL_DEMONSTR"
    demand = _event("REQUEST", 0, 0.5)
    assert label_for(demand, "Thousands of protesters rallied to demand new elections.") == "PEACE_PROTEST"
    halt = _event("COERCE", 0, 0.5)
    assert label_for(halt, "Police halted the march, dispersing the crowds.") == "PROTEST_WITH_INTER"


def test_who_retakes_ground_decides_and_crime_words_are_organised_crime():
    rebels = _event("ASSAULT", 0, 0.5, sector="REB")
    assert (
        label_for(rebels, "Insurgents recaptured the village from the army.")
        == "NON_STATE_ACTOR_OVERTAKES_TER"
    )
    army = _event("ASSAULT", 0, 0.5, sector="MIL")
    assert label_for(army, "The army has taken control of the district.") == "GOV_REGAINS_TERIT"
    raid = _event("COERCE", 0, 0.5)
    assert label_for(raid, "Customs officers confiscated counterfeit medicines.") == "ORG_CRIME"
    assert label_for(raid, "A shop was looted overnight in the township.") == "PROPERTY_DISTRUCT"


def test_disaster_words_name_accidents_and_hazards():
    blast = _event("ASSAULT", 0, 0.5)
    assert label_for(blast, "Two died after drinking liquor laced with toxins.") == "MAN_MADE_DISASTER"
    assert label_for(blast, "Two died when a fuel tanker exploded on the highway.") == "MAN_MADE_DISASTER"
    assert label_for(None, "Forest fires are burning across the south.") == "NATURAL_DISASTER"


def test_the_most_confident_asserted_event_is_the_snippet_s_event():
    from eventwire.eval.case2021 import main_event

    agree = _event("AGREE", 0, 0.3)
    bombing = _event("ASSAULT", 80, 0.6, mode=["aerial"])
    later_claim = replace_modality(_event("ACCUSE", 40, 0.9), "future")
    assert main_event([agree, later_claim, bombing]) is bombing  # the future claim is no record
    assert main_event([later_claim]) is later_claim  # nothing asserted: the events as they are
    assert main_event([]) is None


def replace_modality(event: Event, modality: str) -> Event:
    event.modality = modality
    return event
