"""Trigger types read off the clause around the trigger, before triggers are selected.

A trigger word's type in ``event_triggers.yaml`` is its usual sense; a few words change type with
what they govern (PLOVER guide, docs/annotation.md):

- a court's order with a clause of what is to be done is a demand: "the court ordered the
  government to release him" is REQUEST, which then takes over the release as its complement;
- withdrawing from a body or an agreement is SANCTION withdraw ("withdrew from ECOWAS"), pulling
  out of a place stays RETREAT;
- a vow whose clause is a hostile act is a threat ("vowed to retaliate") rather than an AGREE;
- a road blocked by police or troops is COERCE restrict, by a crowd PROTEST obstruct;
- a strike by workers ("a rail strike") is PROTEST strike, not an air strike;
- troops deployed as peacekeepers are aid (CAMEO 074, AID peacekeeping), and peacekeepers
  withdrawn a sanction (CAMEO 1661, SANCTION expel), not a mobilisation or a retreat;
- and, once the event is built, a hostile act the speaker announces ("we will retaliate") is a threat.

After triggers are selected, ``word_sense`` reads an ambiguous attack verb by its object: an armed
attack, criticism ("attacked the decision"), a sanction ("retaliated with tariffs"), or no event
("hit the economy", "fired the minister").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from ..models import Event
from .actors import actor_index
from .base import Context, sent_of
from .event_lexicon import Trigger, TriggerLexicon, verb_lemma
from .event_roles import actor_at
from .lexicon import doc_words, words_for

CLAUSE_DEPS = {"xcomp", "ccomp"}
BODY_LABELS = {"ORG"}
# dependents that open another clause: what a retaliation answers lies there, not its means
OTHER_CLAUSE_DEPS = {"advcl", "ccomp", "conj", "relcl", "mark", "parataxis"}
SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}")
DASHES = {"-", "–"}


def retype_by_clause(ctx: Context, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers, each with the type its clause gives it (the same object when unchanged)."""
    heads = {t.head.i: t for t in triggers}
    out = []
    for trig in triggers:
        sense = (
            _command(ctx, trig)
            or _exit(ctx, trig)
            or _vow(ctx, trig, heads)
            or _state_block(ctx, trig)
            or _labour_strike(ctx, trig)
            or _peacekeeping(ctx, trig)
        )
        out.append(replace(trig, type=sense[0], mode=sense[1]) if sense else trig)
    return out


def _clause(head: Token) -> Token | None:
    return next((c for c in head.children if c.dep_ in CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"}), None)


def _state_block(ctx: Context, trig: Trigger) -> tuple[str, str | None] | None:
    """Police or troops blocking a road restrict movement (COERCE restrict); a crowd doing it protests."""
    if trig.type != "PROTEST" or trig.mode != "obstruct":
        return None
    subjects = [c for c in trig.head.children if c.dep_ == "nsubj"]
    forces = words_for(ctx, "state_force_sectors")
    actors = [actor_at(ctx, s, facility=False) for s in subjects]
    return ("COERCE", "restrict") if any(a and (a.sector or "").lower() in forces for a in actors) else None


def _labour_strike(ctx: Context, trig: Trigger) -> tuple[str, str | None] | None:
    """A strike by workers ("a rail strike", "teachers began a nationwide strike") is a protest,
    not an air strike: the strike noun with a word of labour as its modifier or possessor."""
    head = trig.head
    if trig.type != "ASSAULT" or head.pos_ != "NOUN" or head.lower_ not in words_for(ctx, "strike_nouns"):
        return None
    labour = words_for(ctx, "labour_strike_words")
    mods = [c for c in head.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
    mods += [g for c in mods for g in c.children if g.dep_ in {"compound", "amod"}]  # "48-hour"
    if any(m.lemma_.lower() in labour or m.lower_ in labour for m in mods):
        return ("PROTEST", "strike")
    return None


def _peacekeeping(ctx: Context, trig: Trigger) -> tuple[str, str | None] | None:
    """Peacekeepers sent are aid, peacekeepers withdrawn a sanction (CAMEO 074 and 1661): "deployed
    300 troops to the UN peacekeeping mission", "Russian peacekeepers began deploying", "withdrew
    peacekeepers from the Golan Heights". Only the peacekeepers withdrawn count, not who withdraws
    ("peacekeepers withdrew from the town" stays a retreat)."""
    sent = trig.type == "MOBILIZE" and trig.mode == "troops"  # not "strengthen its planning"
    withdrawn = trig.type == "RETREAT" and trig.head.lemma_.lower() in words_for(ctx, "exit_words")
    if not (sent or withdrawn):
        return None  # "will release the 21 UN peacekeepers they took" frees captives
    words = words_for(ctx, "peacekeeping_words")
    if any(t.lower_ in words or t.lemma_.lower() in words for t in _own_phrase(trig.head, subjects=sent)):
        return ("AID", "peacekeeping") if sent else ("SANCTION", "expel")
    return None


def _own_phrase(head: Token, *, subjects: bool) -> list[Token]:
    """The trigger's own phrase: its dependents and theirs, without the clauses it opens
    (what happened next is not the act's cargo) and, unless asked, without its subject."""
    skip = OTHER_CLAUSE_DEPS | {"xcomp"} | (set() if subjects else {"nsubj", "nsubjpass"})
    return _dependents(head, lambda c: c.dep_ not in skip, lambda c: c.dep_ not in OTHER_CLAUSE_DEPS)


def _dependents(head: Token, first: Callable[[Token], bool], deeper: Callable[[Token], bool]) -> list[Token]:
    """The tokens below ``head`` reached through children that pass ``first`` (the head's own) and
    ``deeper`` (theirs, all the way down)."""
    out, todo = [], [c for c in head.children if first(c)]
    while todo:
        token = todo.pop()
        out.append(token)
        todo.extend(c for c in token.children if deeper(c))
    return out


def _command(ctx: Context, trig: Trigger) -> tuple[str, str | None] | None:
    """A court's order that someone do something; a government ordering its own forces to act
    ("ordered its military to seal the border") is the act itself and keeps the rules' type."""
    if trig.rule != "verb" or trig.head.lemma_.lower() not in words_for(ctx, "command_verbs"):
        return None
    if _clause(trig.head) is None:
        return None
    subjects = [c for c in trig.head.children if c.dep_ == "nsubj"]
    return ("REQUEST", None) if any(_judicial(ctx, s) for s in subjects) else None


def _judicial(ctx: Context, token: Token) -> bool:
    if token.lemma_.lower() in words_for(ctx, "judicial_words"):
        return True
    actor = actor_at(ctx, token, facility=False)
    return actor is not None and (actor.sector or "").lower() in words_for(ctx, "judicial_sectors")


def _exit(ctx: Context, trig: Trigger) -> tuple[str, str | None] | None:
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


def _body(ctx: Context, token: Token) -> bool:
    """An organisation or agreement: by its noun, its entity label or its actor's code (ECOWAS)."""
    if token.lemma_.lower() in words_for(ctx, "membership_bodies") or token.ent_type_ in BODY_LABELS:
        return True
    actor = actor_at(ctx, token, facility=False)
    return actor is not None and (actor.country or "").lower() in words_for(ctx, "body_codes")


def _vow(ctx: Context, trig: Trigger, heads: dict[int, Trigger]) -> tuple[str, str | None] | None:
    if trig.type != "AGREE" or trig.head.lemma_.lower() not in words_for(ctx, "vow_verbs"):
        return None
    clause = _clause(trig.head)
    if clause is None:
        return None
    hostile = words_for(ctx, "threat_act_types")
    acts = [heads[t.i] for t in clause.subtree if t.i in heads]
    return ("THREATEN", None) if any(a.type.lower() in hostile for a in acts) else None


def own_threat(ctx: Context, event: Event, head: Token) -> None:
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


def word_sense(ctx: Context, trig: Trigger, lex: TriggerLexicon, sanctions: list[Token]) -> str | None:
    """The type of an ambiguous attack verb, from its object: ASSAULT on an actor, place or
    weapon; no event on an abstract object ("hit the economy", "strike a deal"); ACCUSE on a
    policy or statement ("attacked the decision"); no event for "fired the minister" or for
    "targeting" inside a sanctions clause ("sanctions against Russia, targeting tankers")."""
    head = trig.head
    lemma = verb_lemma(head, lex.verb_words)
    if trig.type == "ASSAULT" and _sporting(ctx, head, lemma):
        return None
    if trig.type == "ASSAULT" and _paid_in_trade(head, lemma):
        return "SANCTION"
    if (
        trig.type != "ASSAULT"
        or trig.rule not in {"verb", "phrasal"}
        or lemma not in lex.ambiguous_attack_verbs
    ):
        return trig.type
    objs = [c for c in head.children if c.dep_ in {"dobj", "obj"}]
    objs += [c for o in objs for c in o.conjuncts]
    if not objs:
        objs = [c for c in head.children if c.dep_ == "nsubjpass"]
    words = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    if lemma in words_for(ctx, "criticism_verbs") and (words & lex.criticism_objects or _for_a_deed(head)):
        return "ACCUSE"
    if words & lex.abstract_objects:
        return None
    if lemma == "target" and any(
        head in _clause_of(t).subtree for t in sanctions if t.i < head.i and sent_of(t) == sent_of(head)
    ):
        return None
    aimed = [
        p
        for p in head.children
        if p.dep_ == "prep"
        and p.lower_ in words_for(ctx, "aiming_preps")
        and not any(c.ent_type_ in {"DATE", "TIME"} for c in p.children)
    ]  # not "on Friday"
    if lemma == "fire" and objs and not aimed:
        if objs[0].lemma_.lower() not in actor_index(ctx).patterns.instruments and actor_at(
            ctx, objs[0], facility=False
        ):
            return None  # a person or body as the object of "fire": dismissed, not shot
    return trig.type


def _sporting(ctx: Context, head: Token, lemma: str) -> bool:
    """A game told in the words of a fight (issue 14, the blind audit's sport senses): a win with
    its scoreline ("Liverpool beat Chelsea 3-1"), or a blow at a ball game's object ("shot the
    ball past the goalkeeper", "attacked the goal"). "Police beat protesters" stays an assault."""
    contest = lemma in words_for(ctx, "contest_verbs")
    objects = words_for(ctx, "sport_objects")
    for child in head.children:
        if child.dep_ in OTHER_CLAUSE_DEPS:
            continue
        if contest and _scoreline(child):
            return True
        if child.dep_ in {"dobj", "obj", "nsubjpass"} and child.lemma_.lower() in objects:
            return True
    return False


def _scoreline(token: Token) -> bool:
    """A score: "3-1" as one token, or a number, a dash and a number."""
    doc = token.doc
    if SCORE.fullmatch(token.text):
        return True
    if not token.like_num or token.i + 2 >= len(doc):
        return False
    return doc[token.i + 1].text in DASHES and bool(doc[token.i + 2].like_num)


def _for_a_deed(head: Token) -> bool:
    """Attacked for doing something: "attacked the newspaper for refusing to support his plans" is
    criticism; an armed attack is not "for" a gerund."""
    reasons = doc_words(head.doc, "reason_preps")
    preps = [p for p in head.children if p.dep_ == "prep" and p.lower_ in reasons]
    return any(c.dep_ == "pcomp" and c.tag_ == "VBG" for p in preps for c in p.children)


def _paid_in_trade(head: Token, lemma: str) -> bool:
    """A retaliation carried out with trade measures ("retaliated by announcing increased tariffs",
    "could retaliate with tariffs") is a sanction; what it answers ("in retaliation for the
    sanctions", "retaliated against tariffs") names the cause, not the means."""
    if lemma not in doc_words(head.doc, "retaliation_words"):
        return False
    measures = doc_words(head.doc, "trade_measures")
    causes = doc_words(head.doc, "retaliation_cause_preps")

    def means(token: Token) -> bool:  # "after the EU imposed tariffs" is a cause too
        return token.dep_ not in OTHER_CLAUSE_DEPS and not (token.dep_ == "prep" and token.lower_ in causes)

    return any(t.lemma_.lower() in measures or t.lower_ in measures for t in _dependents(head, means, means))


def _clause_of(token: Token) -> Token:
    """The nearest verb a token hangs from (itself when it is one); the root when none is.
    (spaCy makes a new Token on every access, so the root is found by index, not identity.)"""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token
