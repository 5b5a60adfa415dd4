"""Trigger types read off the clause around the trigger, before triggers are selected.

A trigger word's type in ``event_triggers.yaml`` is its usual sense; a few words change type with
what they govern (PLOVER guide, docs/annotation.md):

- a court's order with a clause of what is to be done is a demand: "the court ordered the
  government to release him" is REQUEST, which then takes over the release as its complement;
- withdrawing from a body or an agreement is SANCTION withdraw ("withdrew from ECOWAS"), pulling
  out of a place stays RETREAT;
- a vow whose clause is a hostile act is a threat ("vowed to retaliate") rather than an AGREE;
- a road blocked by police or troops is COERCE restrict, by a crowd PROTEST obstruct;
- and, once the event is built, a hostile act the speaker announces ("we will retaliate") is a threat.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..models import Event
from .event_lexicon import Trigger
from .event_roles import actor_at
from .lexicon import words_for

CLAUSE_DEPS = {"xcomp", "ccomp"}
BODY_LABELS = {"ORG"}


def retype_by_clause(ctx, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers, each with the type its clause gives it (the same object when unchanged)."""
    heads = {t.head.i: t for t in triggers}
    out = []
    for trig in triggers:
        sense = _command(ctx, trig) or _exit(ctx, trig) or _vow(ctx, trig, heads) or _state_block(ctx, trig)
        out.append(replace(trig, type=sense[0], mode=sense[1]) if sense else trig)
    return out


def _clause(head: Token) -> Token | None:
    return next((c for c in head.children if c.dep_ in CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"}), None)


def _state_block(ctx, trig: Trigger) -> tuple[str, str | None] | None:
    """Police or troops blocking a road restrict movement (COERCE restrict); a crowd doing it protests."""
    if trig.type != "PROTEST" or trig.mode != "obstruct":
        return None
    subjects = [c for c in trig.head.children if c.dep_ == "nsubj"]
    forces = words_for(ctx, "state_force_sectors")
    actors = [actor_at(ctx, s, facility=False) for s in subjects]
    return ("COERCE", "restrict") if any(a and (a.sector or "").lower() in forces for a in actors) else None


def _command(ctx, trig: Trigger) -> tuple[str, str | None] | None:
    """A court's order that someone do something; a government ordering its own forces to act
    ("ordered its military to seal the border") is the act itself and keeps the rules' type."""
    if trig.rule != "verb" or trig.head.lemma_.lower() not in words_for(ctx, "command_verbs"):
        return None
    if _clause(trig.head) is None:
        return None
    subjects = [c for c in trig.head.children if c.dep_ == "nsubj"]
    return ("REQUEST", None) if any(_judicial(ctx, s) for s in subjects) else None


def _judicial(ctx, token: Token) -> bool:
    if token.lemma_.lower() in words_for(ctx, "judicial_words"):
        return True
    actor = actor_at(ctx, token, facility=False)
    return actor is not None and (actor.sector or "").lower() in words_for(ctx, "judicial_sectors")


def _exit(ctx, trig: Trigger) -> tuple[str, str | None] | None:
    """Withdrawing from a body: a prepositional object that names an organisation or agreement."""
    head = trig.head
    if trig.type != "RETREAT" or head.lemma_.lower() not in words_for(ctx, "exit_words"):
        return None
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in words_for(ctx, "exit_preps")]
    # "pulled out of the agreement": the preposition hangs off the particle
    preps += [g for c in head.children if c.dep_ in {"prt", "prep"} for g in c.children if g.dep_ == "prep"]
    objs = [
        c for p in preps if p.lower_ in words_for(ctx, "exit_preps") for c in p.children if c.dep_ == "pobj"
    ]
    return ("SANCTION", "withdraw") if any(_body(ctx, obj) for obj in objs) else None


def _body(ctx, token: Token) -> bool:
    """An organisation or agreement: by its noun, its entity label or its actor's code (ECOWAS)."""
    if token.lemma_.lower() in words_for(ctx, "membership_bodies") or token.ent_type_ in BODY_LABELS:
        return True
    actor = actor_at(ctx, token, facility=False)
    return actor is not None and (actor.country or "").lower() in words_for(ctx, "body_codes")


def _vow(ctx, trig: Trigger, heads: dict[int, Trigger]) -> tuple[str, str | None] | None:
    if trig.type != "AGREE" or trig.head.lemma_.lower() not in words_for(ctx, "vow_verbs"):
        return None
    clause = _clause(trig.head)
    if clause is None:
        return None
    hostile = words_for(ctx, "threat_act_types")
    acts = [heads[t.i] for t in clause.subtree if t.i in heads]
    return ("THREATEN", None) if any(a.type.lower() in hostile for a in acts) else None


def own_threat(ctx, event: Event, head: Token) -> None:
    """A hostile act the speaker says they will do ("then we will retaliate") is their threat now."""
    if (
        event.type.lower() not in words_for(ctx, "own_threat_types")
        or event.modality not in words_for(ctx, "own_threat_modalities")
        or head.pos_ != "VERB"
    ):
        return
    speakers = words_for(ctx, "first_person_subjects")
    if any(c.dep_ == "nsubj" and c.lower_ in speakers for c in head.children):
        event.type, event.modality, event.mode = "THREATEN", "asserted", []
