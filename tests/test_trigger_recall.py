"""Issue 14: trigger words the rules never proposed, found by measuring trigger recall on the
training pools (verbs of violence and arrest, pardons, sanctions or boycotts removed, arms laid
down, thanks expressed, inquiries opened); each class beside a counterpart that stays no event."""

from __future__ import annotations

from event_helpers import all_events, typed

YIELDED = {"CONCEDE", "RETREAT"}  # the coder may code a concession either way (PLOVER YIELD)


def types_of(text: str) -> set[str]:
    return {event_type for event_type, _ in all_events(text)}


def test_verbs_of_violence_against_people_or_places_are_assaults():
    assert typed("The separatists torched a police station in the east.", "ASSAULT") == ["torched"]
    assert typed("Militiamen slaughtered villagers in the district.", "ASSAULT") == ["slaughtered"]


def test_a_fire_with_no_actor_and_no_target_is_no_assault():
    assert "ASSAULT" not in types_of("Lightning torched the old barn overnight.")


def test_catching_suspects_is_an_arrest():
    assert typed("Customs officers nabbed a smuggler at the port.", "COERCE") == ["nabbed"]
    assert typed("Border guards apprehended four men near the river.", "COERCE") == ["apprehended"]


def test_a_pardon_gives_in_but_a_refused_pardon_does_not():
    assert types_of("The governor pardoned twelve protesters on Friday.") & YIELDED
    assert types_of("The king granted a pardon to 300 prisoners.") & YIELDED
    refused = types_of("The president refused to pardon the former general.")
    assert "REJECT" in refused and not refused & YIELDED


def test_sanctions_or_a_boycott_removed_are_a_concession():
    assert types_of("Ankara removed the ban on Swedish arms exports.") & YIELDED
    assert types_of("Seoul lifted its boycott of Japanese beer.") & YIELDED


def test_removing_a_person_or_lifting_things_is_no_concession():
    assert not types_of("The court removed the judge from the case.") & YIELDED
    assert not types_of("Workers lifted the boxes onto the truck.") & YIELDED


def test_arms_laid_down_are_a_retreat_but_conditions_laid_down_are_not():
    assert typed("The militia laid down its weapons in the capital.", "RETREAT")
    assert typed("Rebel fighters said they will lay down their arms next week.", "RETREAT")
    assert "RETREAT" not in types_of("The union laid down its conditions for new talks.")


def test_thanks_and_solidarity_expressed_are_support_but_concern_is_not():
    assert typed("Egypt expressed solidarity with Jordan after the attack.", "SUPPORT")
    assert typed("The Pakistani minister expressed his gratitude to China for its help.", "SUPPORT")
    assert "SUPPORT" not in types_of("The minister expressed concern about the talks.")


def test_an_inquiry_opened_is_an_investigation_but_a_press_inquiry_is_not():
    opened = "Lawmakers launched an inquiry into the army's conduct."
    assert typed(opened, "ACCUSE") == ["launched an inquiry"]
    assert "ACCUSE" not in types_of("The spokesman did not respond to an inquiry about the deal.")


def test_new_nominal_triggers():
    assert typed("The group claimed the beheading of a French aid worker.", "ASSAULT") == ["beheading"]
    assert typed("The rebels issued a denunciation of the military government.", "ACCUSE") == ["denunciation"]


def test_troops_sent_as_peacekeepers_are_aid_but_troops_sent_to_fight_mobilize():
    sent = "Britain is deploying 300 troops to the UN peacekeeping mission in Mali."
    assert typed(sent, "AID") == ["deploying"]
    assert typed("Nigeria announced the deployment of 230 troops on a peacekeeping mission.", "AID")
    fighting = "The army deployed 500 troops to the border to fight the rebels."
    assert "MOBILIZE" in types_of(fighting) and "AID" not in types_of(fighting)


def test_peacekeepers_withdrawn_are_a_sanction_but_their_own_pullout_or_release_is_not():
    assert typed("The UN withdrew peacekeepers from the Golan Heights after the abductions.", "SANCTION")
    assert "SANCTION" not in types_of("Peacekeepers withdrew from the town after the attack.")
    assert "SANCTION" not in types_of("The rebels said they will release the 21 UN peacekeepers they seized.")
    assert "SANCTION" not in types_of("Russia withdrew its troops from the area.")
