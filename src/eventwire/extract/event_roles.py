"""Source and target of an event trigger, read off the dependency parse.

Verbs: source = subject (or the "by" agent of a passive), target = object (or the subject of a
passive, or the object of "on/against/with/to..."). Nouns: "Iran's attack on Israel" (possessor ->
source, "on" -> target), "Iranian missiles" (adjective -> source), "a call between X and Y".
Complements borrow from their governor ("the U.S. was not planning to join" -> the U.S. joins).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..models import Actor
from .actors import _phrase, actor_index, code_actor_span
from .base import Context, doc_lexicon_dirs
from .coref import is_pronoun_mention, named_actors, pronoun_antecedent, reporting_subject
from .lexicon import doc_words, word_class, words_for
from .patients import patient_role, patient_token

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
OBJECT_DEPS = {"dobj", "dative", "obj", "attr"}


def _pronoun_actor(ctx: Context, token: Token) -> Actor | None:
    """The named actor a pronoun stands for (coref.py): the subject of the reporting verb whose clause
    it is the subject of, else the nearest compatible earlier one, never across a dropped paragraph."""
    if not is_pronoun_mention(ctx, token):
        return None
    reporter = reporting_subject(token, lambda subj: actor_at(ctx, subj, facility=False))
    named = named_actors(ctx)
    return pronoun_antecedent(ctx, token, named, reporter)


def _facility_actor(ctx: Context, head: Token) -> Actor | None:
    """A place named as a target ("the Nevatim Air Base") stands for its country."""
    phrase = _phrase(head)
    for place in ctx.result.places:
        if place.country and place.start < phrase.end_char and phrase.start_char < place.end:
            return Actor(
                text=place.text, name=place.name, start=place.start, end=place.end, country=place.country
            )
    return None


def actor_at(ctx: Context, token: Token | None, *, facility: bool = True) -> Actor | None:
    """The actor a token stands for: its coded phrase, a pronoun's antecedent, a place's country."""
    if token is None:
        return None
    if token.lower_ in words_for(ctx, "relative_pronouns") and token.dep_ in SUBJECT_DEPS | OBJECT_DEPS | {
        "nsubjpass"
    }:
        clause = token.head
        if clause.dep_ == "relcl":
            return actor_at(ctx, clause.head, facility=facility)
    if token.pos_ == "PRON":
        return _pronoun_actor(ctx, token)
    if token.pos_ == "NUM" or token.lemma_.lower() in words_for(ctx, "quantity_words"):
        inner = _of_object(token)
        if inner is not None:
            return actor_at(ctx, inner, facility=facility)
    index = actor_index(ctx)
    actor = index.by_head.get(token.i) or code_actor_span(ctx, _phrase(token))
    if actor is None:
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        if poss is not None:
            actor = actor_at(ctx, poss, facility=False)
    if actor is None and facility:
        actor = _facility_actor(ctx, token)
    return actor


def _of_object(token: Token) -> Token | None:
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, borrowed from its governor for complements and conjuncts."""
    agent = _child(verb, {"agent"})
    if agent is not None:
        return _child(agent, {"pobj"})
    subj = _child(verb, SUBJECT_DEPS)
    if subj is not None or depth > 3 or verb.head is verb:
        return subj
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp":
        obj = _child(verb.head, {"dobj"})  # "urged X to leave": X leaves
        return (
            obj
            if obj is not None and verb.head.lemma_ in doc_words(verb.doc, "object_control_verbs")
            else subject_of(verb.head, depth + 1)
        )
    if verb.dep_ == "advcl" and _child(verb, {"nsubjpass"}) is not None:
        return None  # "condemned the brutality, as eight demonstrators were killed": no known killer
    if verb.dep_ in {"conj", "advcl", "ccomp", "pcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head, depth + 1) if verb.dep_ != "ccomp" else None
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ == "acomp" and verb.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head, depth + 1)  # "it is willing to withdraw": "it" withdraws
    return None


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            pobj = _child(child, {"pobj"})
            out.append(pobj if pobj is not None else _child(child, {"pcomp"}))
        elif child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            out.append(child)
        elif child.dep_ == "prt":  # "kidnapped up to 16 advisers": the object hangs off the particle
            out += [_child(p, {"pobj"}) for p in child.children if p.dep_ == "prep" and p.lower_ in preps]
    return [t for t in out if t is not None]


def _first_actor(ctx: Context, tokens: list[Token], avoid: Actor | None) -> Actor | None:
    """The first token that stands for an actor; failing that, an actor inside one of them
    ("electricity to the Azerbaijani republic", "his commitment to the Zambian people").
    An actor with a country of its own wins over one without ("withdraw its troops from
    Lebanon": the troops belong to the source, Lebanon is the target)."""
    fallback = None
    for depth in (0, 1):
        for tok in tokens:
            pool = [tok] if depth == 0 else inner_actor_tokens(tok)
            for inner in pool:
                actor = actor_at(ctx, inner)
                if actor is None and inner.pos_ in {"VERB", "AUX"}:  # "on what Iran called its consulate"
                    actor = next((a for t in inner.subtree if (a := actor_at(ctx, t, facility=False))), None)
                if actor is None or _same(actor, avoid):
                    continue
                if depth == 1 and actor.start in actor_index(ctx).from_context:
                    continue  # "a Karen guerrilla stronghold": a modifier coded only from context
                if actor.country and not _owned(inner) and actor.start not in actor_index(ctx).from_context:
                    return actor
                fallback = fallback or actor
    return fallback


def _owned(token: Token) -> bool:
    """ "its troops", "their forces": the source's own people, not a target."""
    collective = doc_words(token.doc, "collective_pronouns")
    return any(c.dep_ == "poss" and c.lower_ in collective for c in token.children)


def _place_target(ctx: Context, tokens: list[Token], avoid: Actor | None) -> Actor | None:
    """Where an act is applied stands for its target when nothing else does ("lifted the curfew
    in Montenegro")."""
    for n, tok in enumerate(tokens):
        # the verb's own "in" phrases, then any inside its objects ("the curfew imposed in Sudan")
        for prep in tok.children if n == 0 else tok.subtree:
            if prep.dep_ == "prep" and prep.lower_ in words_for(ctx, "locative_target_preps"):
                actor = _first_actor(ctx, [c for c in prep.children if c.dep_ == "pobj"], avoid)
                if actor is not None and actor.country:
                    return actor
    return None


def _same(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and a.start == b.start and a.end == b.end


@lru_cache(maxsize=8)
def _noun_preps(dirs: tuple[str, ...]) -> frozenset[str]:
    """Prepositions that join an actor to the noun it hangs from ("an attack on X by Y")."""
    words = word_class("noun_target_preps", dirs) | word_class("noun_source_preps", dirs)
    return words | word_class("possessor_preps", dirs)


def inner_actor_tokens(obj: Token) -> list[Token]:
    """Modifiers and complements of an object noun that may name the actor behind it."""
    out = [c for c in obj.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in _noun_preps(doc_lexicon_dirs(obj.doc)):
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _subject_token(verb: Token) -> Token | None:
    """The verb's subject; a participle parsed as the subject stands for its own subject
    ("the Red Cross operating in Iraq said": the Red Cross)."""
    subj = subject_of(verb)
    if subj is not None and subj.pos_ == "VERB" and (inner := _child(subj, {"nsubj"})) is not None:
        return inner
    return subj


def governor_subject(ctx: Context, verb: Token) -> Actor | None:
    """A clause on an event noun has the actor of the verb governing that noun: "issued a
    declaration demanding ...", "were converging for a rally to protest ..."."""
    own = _child(verb, SUBJECT_DEPS | {"nsubjpass"})
    if verb.dep_ not in {"acl", "relcl"} or (
        own is not None and own.lower_ not in words_for(ctx, "relative_pronouns")
    ):
        return None  # "a hotel where elders were meeting" has its own subject; "a plan that ..." not
    noun = verb.head
    if not (
        noun.dep_ == "dobj"
        or (noun.dep_ == "pobj" and noun.head.lower_ in words_for(ctx, "relative_host_preps"))
    ):
        return None  # not "Canada is among countries that banned ..."
    gov = noun.head.head if noun.dep_ == "pobj" else noun.head
    if gov.pos_ not in {"VERB", "AUX"}:
        return None
    return actor_at(ctx, _subject_token(gov), facility=False)


def _misplaced_agent(verb: Token) -> list[Token]:
    """ "protest the violations ... by X": an active verb's "by" phrase belongs to its object."""
    if _child(verb, {"nsubjpass", "agent"}) is not None or _child(verb, {"dobj"}) is None:
        return []
    return prep_objects(verb, {"by"})


def verb_roles(
    ctx: Context, verb: Token, complement: Token | None, exclude: range = range(0), origin_from: bool = False
) -> tuple[Actor | None, Actor | None]:
    """``origin_from``: a "from" phrase is where the act came from ("missiles launched from
    Russia"), not its target."""
    passive = _child(verb, {"nsubjpass"})
    patient = patient_token(verb)  # "the journalist was arrested", "militants killed in the raid"
    subject = _subject_token(verb)
    if subject is not None and patient is not None and patient_role(verb, subject) is not None:
        subject = None  # the one acted on, in a subject's place, is no doer
    source = actor_at(ctx, subject, facility=False) or governor_subject(ctx, verb)
    candidates = [passive] if passive is not None and _child(verb, {"agent"}) is not None else []
    if patient is not None and patient not in candidates:
        candidates.insert(0, patient)  # before "expelled from Poland": the expelled are acted on
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and passive is None:
        candidates.append(verb.head)  # "the 45 people detained", "companies accused of ..."
    candidates += [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i not in exclude]
    candidates += prep_objects(
        verb,
        words_for(ctx, "target_preps") - {"from"} if origin_from else words_for(ctx, "target_preps"),
    )
    if passive is not None and passive not in candidates:
        # the one acted on, when no object or phrase names another actor: "three journalists were
        # detained in Minsk on Friday" ("on Friday" names no one, and Minsk only says where)
        candidates.append(passive)
    # "rejected an Indian proposal", "calls by Belarus's rulers", "a counteroffensive on Israel's
    # behalf": when the object is no actor, the actor inside it is the target
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS | {"nsubjpass"}]
    for obj in objects:
        candidates += inner_actor_tokens(obj)
    candidates += _misplaced_agent(verb)
    target = _first_actor(ctx, candidates, source)
    if target is None and complement is not None:
        inner = [_child(complement, SUBJECT_DEPS | {"nsubjpass"})] + [
            c for c in complement.children if c.dep_ in OBJECT_DEPS
        ]
        inner += prep_objects(complement, words_for(ctx, "target_preps"))
        target = _first_actor(ctx, [t for t in inner if t is not None], source)
    if target is None:  # "opened fire to disperse demonstrators": the target of the purpose clause
        for clause in (
            c for c in verb.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)
        ):
            target = _first_actor(ctx, [c for c in clause.children if c.dep_ in OBJECT_DEPS], source)
            if target is not None:
                break
    from_context = target is not None and target.start in actor_index(ctx).from_context
    # a place stands for the target unless a party acted on is named (the party read from context
    # is no such party)
    unplaced = (target is None or not target.country) and not _party_object(target, objects)
    if from_context or unplaced:
        target = (
            _place_target(ctx, [verb] + objects + ([complement] if complement is not None else []), source)
            or target
        )
    subj = _child(verb, SUBJECT_DEPS)
    if target is not None and subj is not None and _child(subj, {"conj"}) is not None:
        if subj.left_edge.idx <= target.start < subj.right_edge.idx + len(
            subj.right_edge
        ) or _owned_by_subject(ctx, verb):
            target = None  # "Jordan and Britain agreed to ... joint exercises": a joint act, no target
    return source, target


def _party_object(target: Actor | None, objects: list[Token]) -> bool:
    """The verb's object names people, a group or a body ("arrested 12 protesters in Nairobi"): they
    are the target, and the place only says where (its country reaches them through
    ``implied_target``); a place stands for the target only when no such party is acted on (or
    the party is only read from context: "lifted a state of emergency in West Darfur")."""
    return (
        target is not None
        and target.sector is not None
        and any(target.start <= o.idx < target.end for o in objects)
    )


def _owned_by_subject(ctx: Context, verb: Token) -> bool:
    """ "Czechia and Albania upgraded their ties": the object belongs to the joint subject."""
    return any(
        c.dep_ == "poss" and c.lower_ in words_for(ctx, "collective_pronouns")
        for o in verb.children
        if o.dep_ in OBJECT_DEPS
        for c in o.children
    )


def noun_roles(
    ctx: Context, noun: Token, light_verb: Token | None, complement: Token | None = None
) -> tuple[Actor | None, Actor | None]:
    host = actor_at(ctx, _subject_token(light_verb), facility=False) if light_verb is not None else None
    between = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is None and light_verb is not None:  # "launched a mediation effort on Saturday between"
        between = next((c for c in light_verb.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if between is not None and (first := _child(between, {"pobj"})) is not None:
        second = _child(first, {"conj"})
        if host is not None:  # "X hosted a meeting between Y and Z": X is the source
            return host, _first_actor(ctx, [first] + ([second] if second is not None else []), host)
        return actor_at(ctx, first), actor_at(ctx, second) if second is not None else None
    source = None
    named = actor_index(ctx).entry_at
    patient = patient_token(noun)  # "the journalist's arrest": the journalist is arrested
    for child in noun.children:
        if patient is not None and child.i == patient.i:
            continue
        # "Iran's attack", "Iranian strikes", "U.S. sanctions"; not a bare "military strike"
        if child.dep_ == "poss" or (child.dep_ in {"amod", "compound", "nmod"} and child.i in named):
            source = actor_at(ctx, child, facility=False)
            if source is not None:
                break
    by = next(
        (c for c in noun.children if c.dep_ == "prep" and c.lower_ in words_for(ctx, "noun_source_preps")),
        None,
    )
    if source is None and by is not None:
        source = actor_at(ctx, _child(by, {"pobj"}), facility=False)
    source = source or host
    targets = [patient] if patient is not None else []
    targets += prep_objects(noun, words_for(ctx, "noun_target_preps"))
    if light_verb is not None and noun.dep_ != "pobj":  # not "return to Geneva for talks"
        targets += prep_objects(light_verb, words_for(ctx, "noun_target_preps")) + [
            c for c in light_verb.children if c.dep_ == "dative"
        ]
    if complement is not None:  # "its demand that Israel ease restrictions": Israel is asked
        targets.insert(0, _child(complement, SUBJECT_DEPS | {"nsubjpass"}) or complement)
    target = _first_actor(ctx, [t for t in targets if t is not None], source)
    if target is None and light_verb is not None:
        target = _first_actor(ctx, _purpose_objects(light_verb) + _purpose_objects(noun), source)
    subj = _subject_token(light_verb) if light_verb is not None else None
    if target is not None and subj is not None and _child(subj, {"conj"}) is not None:
        target = None  # "U.S. and Russian negotiators return for talks": a joint act
    return source, target


def _purpose_objects(verb: Token) -> list[Token]:  # a verb, or the event noun itself
    """What a nominal act is aimed at, through its purpose: "began a hunger strike to protest
    against Sweden's decision", "in protest against the violations by the security forces"."""
    out: list[Token] = []
    aimed = doc_words(verb.doc, "noun_target_preps") | {"of"}
    clauses = [c for c in verb.children if c.dep_ in {"advcl", "acl", "relcl"} and c.pos_ == "VERB"]
    for clause in (c for c in clauses if any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)):
        out += [c for c in clause.children if c.dep_ in OBJECT_DEPS] + prep_objects(clause, aimed)
    purpose = doc_words(verb.doc, "purpose_nouns")
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in purpose):
            out += prep_objects(pobj, aimed)
    return out
