"""Harm reported by its own side (issue 14): "the police commander said 11 officers had been
injured by stones", "the army said three soldiers were wounded by shrapnel". A party that reports
harm done to its own people, with no doer named (a "by" phrase naming only what did the harm is no
doer), is not the doer of that harm: the role model, which sees a subject beside an attack, would
otherwise make the reporter the attacker. Its own people are those of its sector, or of the state's
forces when it is one of them (word class state_force_sectors), and never of another country.
Read by coder_roles.py, beside the bystanders of word class witness_sectors.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Actor
from .base import Context
from .event_roles import actor_at
from .lexicon import words_for
from .patients import patient_token, reports_agentless_act


def names_a_doer(ctx: Context):
    """Whether the object of a "by" phrase is a party ("by protesters"), not an instrument ("by
    stones", "by a roadside bomb")."""
    return lambda token: actor_at(ctx, token, facility=False) is not None


def reports_own_harm(ctx: Context, reporter: Actor, root: Token, trigger: Token) -> bool:
    """``reporter`` (at ``root``) is the subject of the verb reporting ``trigger``, an act done to
    its own people with no doer named."""
    if not reports_agentless_act(trigger, root, names_a_doer(ctx)):
        return False
    victim = actor_at(ctx, patient_token(trigger), facility=False)
    return victim is not None and _one_side(ctx, reporter, victim)


def _one_side(ctx: Context, reporter: Actor, victim: Actor) -> bool:
    if reporter.country and victim.country and reporter.country != victim.country:
        return False
    forces = words_for(ctx, "state_force_sectors")
    mine, theirs = (reporter.sector or "").lower(), (victim.sector or "").lower()
    return bool(mine) and (mine == theirs or (mine in forces and theirs in forces))
