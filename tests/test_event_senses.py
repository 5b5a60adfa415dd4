"""Event types of issue 14 (types5): words whose PLOVER type follows the guide
(docs/annotation.md) or the clause around them, each with a counterpart the rule must leave alone.
The rules alone are under test (coder off): the learned models are retrained after a rule change."""

from __future__ import annotations

import pytest

from eventwire.options import Options
from eventwire.pipeline import process_text

RULES = Options(clean=False, coder=False)


def _events(text: str) -> list[tuple[str, str, str]]:
    events = process_text(text, published="2024-04-14", options=RULES).extraction.events
    return [(e.type, e.mode[0] if e.mode else "", e.trigger.lower()) for e in events]


def _types(text: str) -> set[str]:
    return {kind for kind, _, _ in _events(text)}


@pytest.mark.parametrize(
    "text, kind, mode",
    [
        # abduction is ASSAULT abduct ("abduct or kidnap people"), not an arrest
        ("Gunmen abducted 30 students in Kaduna on Friday.", "ASSAULT", "abduct"),
        ("Militants kidnapped two aid workers near Gao.", "ASSAULT", "abduct"),
        ("Gunmen took 20 villagers hostage in Zamfara.", "ASSAULT", "abduct"),
        ("Police detained 30 protesters in Lagos.", "COERCE", ""),
        # leaving a body or an agreement is SANCTION withdraw; leaving a place stays RETREAT
        ("Mali, Burkina Faso and Niger withdrew from ECOWAS on Sunday.", "SANCTION", "withdraw"),
        ("The United States pulled out of the Paris climate agreement.", "SANCTION", "withdraw"),
        ("Russian troops withdrew from Kherson on Friday.", "RETREAT", ""),
        # a loan or bailout granted is AID; approving something else is no aid
        ("The IMF approved a $3 billion loan for Pakistan.", "AID", ""),
        # aid stopped is SANCTION discontinue; aid given is AID
        ("The United States suspended military aid to Ukraine.", "SANCTION", "discontinue"),
        ("The United States provided military aid to Ukraine.", "AID", ""),
        # rallying behind someone is SUPPORT; a rally in the street stays PROTEST
        ("Lawmakers rallied behind the jailed opposition leader.", "SUPPORT", ""),
        ("Thousands rallied in the capital against the government.", "PROTEST", "demo"),
        # blocking a road or bridge is a protest by obstruction (CAMEO 144); blocking a person is not
        ("Young Algerians blocked roads leading to the city centre on Sunday.", "PROTEST", "obstruct"),
        ("Police blocked the opposition leader from leaving his home.", "COERCE", "restrict"),
        ("Riot police blocked Parliament Road on Tuesday.", "COERCE", "restrict"),
    ],
)
def test_type_and_mode(text: str, kind: str, mode: str) -> None:
    found = _events(text)
    assert any(k == kind and (not mode or m == mode) for k, m, _ in found), found


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Gunmen abducted 30 students in Kaduna on Friday.", "COERCE"),
        ("Mali, Burkina Faso and Niger withdrew from ECOWAS on Sunday.", "RETREAT"),
        ("Russian troops withdrew from Kherson on Friday.", "SANCTION"),
        ("Parliament approved the budget on Tuesday.", "AID"),
        ("Police blocked the opposition leader from leaving his home.", "PROTEST"),
        ("Riot police blocked Parliament Road on Tuesday.", "PROTEST"),
        ("The United States suspended military aid to Ukraine.", "AID"),
    ],
)
def test_not_the_other_type(text: str, absent: str) -> None:
    assert absent not in _types(text), _events(text)


def test_an_order_with_a_clause_is_a_demand() -> None:
    """ "ordered the government to release him": the court demands, the release is what it asks for."""
    found = _events("The court ordered the government to release the activist.")
    assert ("REQUEST", "", "ordered") in found
    assert not {"COERCE", "RETREAT"} & {k for k, _, _ in found}


def test_an_order_of_an_act_keeps_the_act() -> None:
    found = _types("President Putin ordered the arrest of the activist.")
    assert "COERCE" in found and "REQUEST" not in found


def test_a_vow_of_a_hostile_act_is_a_threat() -> None:
    assert ("THREATEN", "", "vowed") in _events("The minister vowed to retaliate against Turkey.")
    assert "AGREE" not in _types("The opposition leader vowed to lead protests against the government.")


def test_a_vow_of_cooperation_stays_a_promise() -> None:
    found = _types("The president promised to cooperate with Kenya.")
    assert "AGREE" in found and "THREATEN" not in found


def test_the_speakers_own_hostile_act_to_come_is_a_threat() -> None:
    found = _events('"If they take negative steps toward us, then we will retaliate," Cavusoglu said.')
    assert ("THREATEN", "", "retaliate") in found
    assert "ASSAULT" not in {k for k, _, _ in found}


def test_another_partys_act_to_come_stays_that_act() -> None:
    """Neither a third party's future attack nor a protest the speakers plan is their threat."""
    assert "ASSAULT" in _types("The army said the rebels will attack the town.")
    assert "THREATEN" not in _types("The army said the rebels will attack the town.")
    assert "PROTEST" in _types('"We will protest on Monday," the union said.')


def test_a_governments_order_to_its_forces_is_no_demand() -> None:
    found = _types("The government ordered its military to seal the border areas.")
    assert "REQUEST" not in found and found
