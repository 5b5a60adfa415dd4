"""A game told in the words of a fight is no assault (issue 14, the blind audit's sport senses): a
win with its scoreline, a shot at the ball or the goal. The same verbs on people stay assaults."""

from __future__ import annotations

from event_helpers import typed


def test_a_win_with_its_scoreline_is_no_assault():
    assert not typed("Liverpool beat Chelsea 3-1 at Anfield on Saturday.", "ASSAULT")
    assert not typed("Ghana thrashed Sudan 4-0 in the qualifier in Kumasi.", "ASSAULT")
    assert "beat" in typed("Police beat protesters in Nairobi on Saturday.", "ASSAULT")


def test_a_number_range_of_victims_is_no_scoreline():
    assert "killed" in typed("Gunmen killed 3-4 villagers in the raid.", "ASSAULT")


def test_a_shot_at_the_ball_or_the_goal_is_no_assault():
    assert not typed("The striker shot the ball past the goalkeeper.", "ASSAULT")
    assert not typed("The visitors attacked the goal throughout the second half.", "ASSAULT")
    assert "shot" in typed("The gunman shot the guard outside the embassy.", "ASSAULT")
