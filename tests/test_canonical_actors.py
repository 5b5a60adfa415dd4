"""Canonical actors: which mentions are one actor, and what that actor is called (issue 11)."""

from __future__ import annotations

from eventwire.kb import load_kb
from eventwire.kb.context import canonical_id, group_name
from eventwire.options import Options
from eventwire.pipeline import process_text


def _actors(text: str, published: str = "2024-05-02"):
    return process_text(text, published=published, options=Options(coder=False)).extraction.actors


def _by_text(actors, text: str):
    found = [a for a in actors if a.text == text]
    assert found, f"no actor {text!r} in {[a.text for a in actors]}"
    return found[0]


def test_groups_without_a_country_are_not_one_actor_across_stories():
    tankers = canonical_id(kb_id=None, country=None, sector="BUS", name="tankers")
    banks = canonical_id(kb_id=None, country=None, sector="BUS", name="two regional banks")
    assert tankers != banks
    assert tankers.startswith("g:-:BUS:")
    kenya = {canonical_id(kb_id=None, country="KEN", sector="COP", name=n) for n in ("police", "officers")}
    assert kenya == {"g:KEN:COP"}


def test_a_group_of_one_country_and_sector_is_named_by_both():
    kb = load_kb()
    assert group_name(kb, "UKR", "CVL") == "civilians (Ukraine)"
    assert group_name(kb, "KEN", "COP") == "police (Kenya)"
    assert group_name(kb, None, "CVL") is None
    assert group_name(kb, "KEN", None) is None


def test_country_labels_prefer_the_state_over_breakaway_regions():
    kb = load_kb()
    assert kb.country_label("UKR") == "Ukraine"
    assert kb.country_label("IND") == "India"


def test_a_capital_and_its_country_are_one_actor_named_after_the_country():
    actors = _actors(
        "Moscow said on Tuesday it would respond. Russia later accused Poland of provocation, "
        "and Warsaw rejected the claim."
    )
    moscow, russia = _by_text(actors, "Moscow"), _by_text(actors, "Russia")
    assert moscow.canonical_id == russia.canonical_id == "c:RUS"
    assert moscow.canonical_name == "Russia"


def test_a_body_the_kb_knows_keeps_apart_from_its_namesake_in_another_country():
    actors = _actors(
        "Germany's Foreign Office summoned the ambassador on Monday. "
        "Pakistan's Foreign Office issued a statement rejecting the remarks."
    )
    german = next(a for a in actors if "Germany" in a.text)
    pakistani = next(a for a in actors if "Pakistan" in a.text)
    assert (german.country, pakistani.country) == ("DEU", "PAK")
    assert german.canonical_id != pakistani.canonical_id


def test_an_event_target_located_by_the_place_of_the_act_is_linked_with_that_country():
    result = process_text(
        "Soldiers shot two villagers in a village near Kabul, residents said.",
        published="2024-05-02",
        options=Options(coder=False),
    )
    targets = [e.target for e in result.extraction.events if e.target is not None]
    assert [(t.text, t.country, t.country_reason) for t in targets] == [("two villagers", "AFG", "located")]
    assert targets[0].canonical_id == "g:AFG:CVL"
    assert targets[0].canonical_name == "civilians (Afghanistan)"
