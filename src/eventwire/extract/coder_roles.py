"""Who is an event's source and who its target: the role model (``learn/data/roles.npz``) scores
every actor of the trigger's sentence, and the rules' own reading stands or yields by the thresholds
in ``coder.yaml`` (``roles``), within constraints the model may not cross (a place named as where
things happen is no party, nor one carried from an earlier sentence where it was named so; the
trigger's object, the rules' target the model keeps, whoever died of the act and whom an act done
to someone was done to (``patients.py``: "the journalist was arrested", "his release") are no
doers, and the last is the target; nor is a bystander who only reports such an act with no doer; a
joint source has no target; the audience of a statement is not its target; a place in the source's
own phrase describes the source; and a place that locates a party named around it stands for that
party). Used by the coder (``coder.py``) and by the role model's training (``training/roles.py``).
"""

from __future__ import annotations

from ..learn.features import role_features
from ..learn.linear import load_model
from ..models import Actor, Event
from .base import Context, expanded_span, overlaps, sent_of, span_root
from .companions import companion, joined
from .coref import named_actors
from .event_roles import actor_at
from .harm_reports import names_a_doer, reports_own_harm
from .lexicon import doc_words, words_for
from .patients import patient_role, patient_token, reports_agentless_act
from .places import PLACE_LABELS


def trigger_token(doc, event: Event):
    return span_root(doc, event.evidence.start, event.evidence.end)


def role_rows(doc, trigger, event_type: str, actors: list[Actor], rule_source, rule_target):
    """(actor, features) for every actor of the trigger's sentence that could fill a role."""
    sent = sent_of(trigger)
    seen: set[tuple[int, int]] = set()
    rows = []
    preps = doc_words(trigger.doc, "role_feature_preps")
    in_sentence = sorted(
        (a for a in actors if sent.start_char <= a.start < sent.end_char), key=lambda a: (a.start, -a.end)
    )
    for actor in in_sentence:
        span = expanded_span(doc, actor.start, actor.end)
        if (
            (actor.start, actor.end) in seen
            or span is None
            or not len(span)
            or span.start <= trigger.i < span.end
        ):
            continue
        seen.add((actor.start, actor.end))
        rule_role = (
            "source" if overlaps(actor, rule_source) else "target" if overlaps(actor, rule_target) else None
        )
        features = role_features(trigger, span, event_type, rule_role, len(rows), actor.sector, preps)
        rows.append((actor, features | _kin(actor, rule_source)))
    return rows


def _kin(actor: Actor, source: Actor | None) -> dict[str, float]:
    """Whether a candidate is another mention of the rules' source, or of its country ("Tehran
    rejected ... Iran's program"): an actor is rarely its own target."""
    if source is None or overlaps(actor, source):
        return {}
    if actor.canonical_id and actor.canonical_id == source.canonical_id:
        return {"kin:same_actor": 1.0}
    if actor.country and actor.country == source.country:
        return {"kin:same_country": 1.0}
    return {"kin:other": 1.0} if actor.country and source.country else {}


def assign_roles(ctx: Context, event: Event, cfg: dict) -> None:
    """Source and target chosen by the role model among the sentence's actors.

    A role the model is not sure of keeps the rules' choice when the rules took it from outside the
    sentence (an actor carried from earlier sentences); a named actor in the sentence is never left
    out when the event would otherwise have no actor at all.
    """
    model = load_model("roles")
    trigger = trigger_token(ctx.doc, event) if model is not None else None
    if trigger is None:
        return
    # the rules' own actors first: the same words may carry a country the rules inferred from context,
    # and a place taken as target ("shelled Sivas") is a candidate only through them
    rules_actors = [a for a in (event.source, event.target) if a is not None]
    # pronoun mentions are no candidates: the role model was trained on named and described actors, and
    # the rules already read a pronoun role as the named actor it stands for
    candidates = list(named_actors(ctx))
    if event.target is not None and (
        _press_addressee(ctx, event.target, trigger, cfg) or _audience(ctx, event.target, trigger)
    ):
        rules_actors.remove(event.target)
        event.target = None
    placed = _drop_settings(ctx, event, trigger, rules_actors, cfg)
    if event.source is not None and (
        _undergoer(ctx, event.source, trigger) or _acted_on_by_verb(ctx, event.source, trigger)
    ):
        rules_actors.remove(event.source)
        event.source = None
    rows = role_rows(ctx.doc, trigger, event.type, rules_actors + candidates, event.source, event.target)
    rows = [r for r in rows if not _press_addressee(ctx, r[0], trigger, cfg)]
    hearers = [i for i, (actor, _) in enumerate(rows) if _audience(ctx, actor, trigger)]
    if not rows:
        return
    probs = [model.predict_proba(features) for _, features in rows]
    fallback = _carried if cfg["fallback"] == "carried" else _rules_choice
    # the model picks among parties only: a place named as where something happened ("in Goma") is
    # a target only when the rules read it so ("shelled Sivas", "a curfew in Sudan"), never a doer
    everyone = [i for i in range(len(rows)) if not _setting(ctx, rows[i][0])]
    kept_target = _keep_rules(rows, probs, "target", event.target, cfg)
    doers = [
        i
        for i in everyone
        if not _object_of(ctx, rows[i][0], trigger)
        and not _outside_passive(ctx, rows[i][0], trigger)
        and not _acted_on(rows, probs, i, kept_target)
        and not _undergoer(ctx, rows[i][0], trigger)
        and not _acted_on_by_verb(ctx, rows[i][0], trigger)
    ]
    source = _choose(rows, probs, "source", event.source, doers, trigger, cfg)
    source = source if source is not None else fallback(ctx, event.source, trigger)
    # nor is a party joined to the source ("Peru and Chile agreed") its target: a joint act
    others = [
        i
        for i in everyone
        if (source is None or not joined(ctx, rows[i][0], source))
        and not companion(ctx, rows[i][0], trigger, source)
        and i not in hearers
        and not _describes(ctx, rows[i][0], source)
    ]
    if source is not None and _two_sided(ctx, source):
        others = []  # both parties are the source ("U.S. and Russian negotiators"): the rules' target only
    ruled = None if _describes(ctx, event.target, source) else event.target
    target = _choose(rows, probs, "target", ruled, others, trigger, cfg)
    target = target if target is not None else fallback(ctx, ruled, trigger)
    # "the journalist was arrested", "the journalist's arrest drew condemnation from the EU": whom
    # an act done to someone was done to is its target, whoever else the sentence names
    patient = next((a for a, _ in rows if _patient_named(ctx, a, trigger) and not overlaps(a, source)), None)
    target = patient or target
    if (
        target is None
        and placed is not None
        and event.type in cfg["place_target_types"]
        and not overlaps(placed, source)
        and not _describes(ctx, placed, source)
    ):
        # no party found: where an act done to a place happened stands for whom it concerned
        # (PLOVER); a meeting, a trial or a protest in a city is not done with or to the city
        target = placed
    target = _seat_of(ctx, target, [actor for actor, _ in rows], source)
    if source is None and target is None and everyone:  # a named actor in the sentence is never left out
        best = max(everyone, key=lambda i: max(probs[i]["source"], probs[i]["target"]))
        if best in doers and probs[best]["source"] >= probs[best]["target"]:
            source = rows[best][0]
        else:
            target = rows[best][0]
    event.source, event.target = source, target
    if source is not None and overlaps(source, target):
        event.target = None


def _acted_on(rows, probs, i: int, kept_target: int | None) -> bool:
    """The rules' target that the model keeps as a target, and finds likelier the target than the
    doer ("Five soldiers were killed in the attack", "talks with G7 foreign ministers"), is no
    candidate source, nor is a name inside its phrase ("G7"): with the source empty, any weak source
    pick would otherwise take it and leave the event with no target at all."""
    if kept_target is None or probs[kept_target]["target"] < probs[kept_target]["source"]:
        return False
    return overlaps(rows[i][0], rows[kept_target][0])


def _undergoer(ctx: Context, actor: Actor, trigger) -> bool:
    """The subject of a verb of suffering (word class undergoer_verbs: "21 passengers died in the
    attack") when that verb is the trigger or governs it ("Hurt in the blast, the driver died"): the
    one the act befell, no doer."""
    root = _root_of(ctx, actor)
    while root is not None and root.dep_ == "conj":  # "21 passengers and four soldiers died"
        root = root.head
    if (
        root is None
        or root.dep_ != "nsubj"
        or root.head.lemma_.lower() not in words_for(ctx, "undergoer_verbs")
    ):
        return False
    verb = root.head
    return verb.i == trigger.i or (trigger.dep_ == "advcl" and trigger.head.i == verb.i)


def _acted_on_by_verb(ctx: Context, actor: Actor, trigger) -> bool:
    """The one a passive of an act done to someone speaks of ("the journalist was arrested", "five
    militants killed in the raid"), or a name inside that one's phrase ("Iran's ambassador was
    expelled"), or whom the act's pronoun stands for ("X said he was arrested"): acted on, never
    the doer (patients.py); nor is a bystander who only reports the act (``_witness``)."""
    root = _root_of(ctx, actor)
    if root is None:
        return False
    return (
        patient_role(trigger, root) is not None
        or _patient_named(ctx, actor, trigger)
        or _witness(ctx, actor, root, trigger)
    )


def _patient_named(ctx: Context, actor: Actor, trigger) -> bool:
    """The actor is the one acted on itself, not a name inside that one's phrase."""
    root = _root_of(ctx, actor)
    if root is not None and patient_role(trigger, root) == "patient":
        return True
    patient = patient_token(trigger)
    # "X told jurors that he was arrested": the pronoun acted on stands for X
    if patient is None or patient.pos_ != "PRON":
        return False
    return overlaps(actor, actor_at(ctx, patient, facility=False))


def _witness(ctx: Context, actor: Actor, root, trigger) -> bool:
    """One of witness_sectors who reports an act done to someone with no doer named ("his lawyer
    said he had been released"); a court, though of the lawyers' sector, may have done it. Nor is
    a party that reports harm done to its own people (``harm_reports.py``) its doer."""
    kinds = {(actor.sector or "").lower(), (actor.country or "").lower()}
    return (
        reports_agentless_act(trigger, root, names_a_doer(ctx))
        and bool(kinds & words_for(ctx, "witness_sectors"))
        and root.lemma_.lower() not in words_for(ctx, "judicial_words")
    ) or reports_own_harm(ctx, actor, root, trigger)


def _drop_settings(ctx: Context, event: Event, trigger, rules_actors: list[Actor], cfg: dict) -> Actor | None:
    """A place the rules read as a party only because it is named as where things happen ("said at
    a news conference in Toronto", "a meeting last month in Doha") is no party: never the source,
    and the target only of acts done to a place ("lifted the curfew in Sudan", ``place_target_types``),
    of the act the trigger governs ("refused to deploy soldiers in Mali") or, for such a type, when no
    party is found (not "talks in Geneva", "a trial in New York": the venue is no counterpart).
    A place the rules carried from an earlier sentence (a pronoun read as "Doha" of "talks began in
    Doha") was named there only as where things happened: it is dropped from either role, and the
    sentence's own parties fill it. Returns the place target dropped in this sentence, if any."""

    def placed(actor: Actor | None) -> bool:  # in this sentence: a carried actor's phrase is elsewhere
        return actor is not None and _carried(ctx, actor, trigger) is None and _setting(ctx, actor)

    def carried_place(actor: Actor | None) -> bool:
        return actor is not None and _carried(ctx, actor, trigger) is not None and _setting(ctx, actor)

    if placed(event.source) or carried_place(event.source):
        rules_actors.remove(event.source)
        event.source = None
    if carried_place(event.target):
        rules_actors.remove(event.target)
        event.target = None
    if (
        placed(event.target)
        and event.target in rules_actors
        and not _place_acted_on(ctx, event.target, trigger, event.type in cfg["place_target_types"])
    ):
        rules_actors.remove(event.target)
        dropped, event.target = event.target, None
        return dropped
    return None


def _place_acted_on(ctx: Context, actor: Actor, trigger, on_places: bool) -> bool:
    """The place's phrase hangs from the act the trigger governs ("refused to deploy soldiers in
    Mali") or its objects, or, for a type that acts on places (``on_places``), from the trigger
    itself or what it acts on ("imposed a curfew in Sudan"); not from some other word of the
    sentence ("said at a news conference in Toronto")."""
    root = _root_of(ctx, actor)
    if root is None:
        return False
    governor = root.head.head
    heads = [c for c in trigger.children if c.dep_ == "xcomp"] + ([trigger] if on_places else [])
    for head in heads:
        objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass", "attr", "obj"}]
        if governor.i == head.i or any(o.left_edge.i <= governor.i <= o.right_edge.i for o in objects):
            return True
    return False


def _root_of(ctx: Context, actor: Actor):
    return span_root(ctx.doc, actor.start, actor.end)


def _setting(ctx: Context, actor: Actor) -> bool:
    """A place in a locative phrase ("in Goma", "near the border"): where, not who."""
    root = _root_of(ctx, actor)
    anchor = root.head if root is not None and root.dep_ == "appos" else root  # "at Guantanamo Bay, Cuba"
    if (
        anchor is None
        or anchor.dep_ != "pobj"
        or anchor.head.lower_ not in words_for(ctx, "actor_place_preps")
    ):
        return False
    return _place(ctx, actor)


def _place(ctx: Context, actor: Actor) -> bool:
    """A place by its entity label, the places found, or as coded: a bare country code ("Goma" tagged
    as a person by the parser still stands for the Congo as a place)."""
    root = _root_of(ctx, actor)
    bare_country = actor.sector is None and (actor.canonical_id or "").startswith("c:")
    return root is not None and (
        root.ent_type_ in PLACE_LABELS
        or bare_country
        or any(p.start == actor.start for p in ctx.result.places)
    )


# the links by which a place modifies the phrase of a party ("Mesut Casin of Istanbul's Yeditepe
# University"): no clause ("the envoy who visited Moscow") and no conjunct ("Kenya and Somalia")
_DESCRIBING_DEPS = {"prep", "pobj", "poss", "compound", "amod", "nmod", "npadvmod", "case"}


def _describes(ctx: Context, actor: Actor | None, source: Actor | None) -> bool:
    """A place named inside the source's own phrase ("said Advisor Mesut Casin of Istanbul's
    Yeditepe University") says who the source is, not whom the act concerns."""
    if actor is None or source is None or overlaps(actor, source):
        return False
    mine, theirs = _root_of(ctx, actor), _root_of(ctx, source)
    if mine is None or theirs is None or not _place(ctx, actor):
        return False
    token = mine
    while token.i != theirs.i:
        if token.dep_ not in _DESCRIBING_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return True


def _seat_of(ctx: Context, target: Actor | None, actors: list[Actor], source: Actor | None) -> Actor | None:
    """A place chosen as target that only says where a party named around it sits ("the Hague-based
    International Court of Justice", "Istanbul's Yeditepe University") stands for that party."""
    if target is None or not _place(ctx, target):
        return target
    seats = [
        a
        for a in actors
        if a.sector is not None
        and a.start <= target.start
        and target.end <= a.end
        and (a.start, a.end) != (target.start, target.end)
        and not overlaps(a, source)
    ]
    return min(seats, key=lambda a: a.end - a.start) if seats else target


def _two_sided(ctx: Context, actor: Actor) -> bool:
    """One mention naming two parties joined by a conjunction ("U.S. and Russian negotiators")."""
    span = expanded_span(ctx.doc, actor.start, actor.end)
    return span is not None and any(t.dep_ == "conj" and t.head.i >= span.start for t in span)


def _object_of(ctx: Context, actor: Actor, trigger) -> bool:
    """The trigger verb's own direct object ("attacked a police station") is done to, never the doer."""
    root = _root_of(ctx, actor)
    return root is not None and root.dep_ == "dobj" and root.head.i == trigger.i


def _outside_passive(ctx: Context, actor: Actor, trigger) -> bool:
    """A passive clause set beside another verb with no agent of its own ("condemned the brutality,
    as eight demonstrators were killed") names no doer; whoever acts in the governing clause is not
    it."""
    if trigger.dep_ != "advcl" or not any(c.dep_ == "nsubjpass" for c in trigger.children):
        return False
    root = _root_of(ctx, actor)
    return root is not None and not (trigger.left_edge.i <= root.i <= trigger.right_edge.i)


def _press_addressee(ctx: Context, actor: Actor, trigger, cfg: dict) -> bool:
    """The press a statement is told to ("told reporters", "said to VOA") is its audience, and the
    press it is made through ("said on social media", "said on state television") its channel; neither
    is the party the statement is about."""
    if actor.sector not in cfg["press_sectors"]:
        return False
    root = _root_of(ctx, actor)
    if root is None:
        return False
    governor = root.head.head if root.dep_ == "pobj" else root.head
    telling = words_for(ctx, "telling_verbs")
    return governor.i == trigger.i and trigger.lemma_.lower() in telling


def _audience(ctx: Context, actor: Actor, trigger) -> bool:
    """Whoever a statement is told to ("told lawmakers that Russia had violated the truce", "said
    in a speech to parliament that rebels attacked") hears it; the acts it reports are not done to
    them. The telling verb's own target stays with ``_press_addressee`` ("told Iran to stop")."""
    root = _root_of(ctx, actor)
    if root is None:
        return False
    hearer = _telling_verb_of(ctx, root)
    if hearer is None or hearer.i == trigger.i:
        return False
    # the reported clause ("told X that ..."), or a participle beside the act ("Speaking to X, ...")
    reported = any(t.i == hearer.i and c.dep_ == "ccomp" for t, c in _path_up(trigger))
    return reported or (hearer.dep_ == "advcl" and hearer.head.i == trigger.i)


def _telling_verb_of(ctx: Context, root):
    """The telling verb a hearer is addressed by, as its object or through "to" (also "in a
    speech to", with the speech noun of word class speech_nouns between)."""
    if root.dep_ in {"dobj", "dative"}:
        verb = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "to":
        verb = root.head.head
        if verb.lemma_.lower() in words_for(ctx, "speech_nouns"):
            verb = verb.head.head if verb.dep_ == "pobj" else verb.head
    else:
        return None
    return verb if verb.lemma_.lower() in words_for(ctx, "audience_verbs") else None


def _path_up(token):
    """(ancestor, the child of it the path from ``token`` passes through), nearest first."""
    child = token
    for ancestor in token.ancestors:
        yield ancestor, child
        child = ancestor


def _choose(rows, probs, role: str, rules_actor: Actor | None, among, trigger, cfg: dict) -> Actor | None:
    """The actor for ``role``: the rules' choice while the model finds it plausible, else the model's
    pick. A role the rules left empty takes a pick of ``fill_<role>``; the rules' own choice yields
    only to a surer pick, and an actor they carried from an earlier sentence only to a confident one."""
    kept = _keep_rules(rows, probs, role, rules_actor, cfg)
    if kept is not None:
        return rows[kept][0]
    pick = _pick(rows, probs, role, among, cfg)
    if pick is None:
        return None
    if rules_actor is None:  # filling a role the rules left empty (chosen in `make train`, validate_fill)
        return rows[pick][0] if probs[pick][role] >= cfg.get(f"fill_{role}", 0.0) else None
    if _uncoded_group(rows[pick][0], rules_actor):
        return None
    carried = _carried(None, rules_actor, trigger) is not None
    needed = cfg["override_carried"] if carried else cfg["override_rules"]
    return rows[pick][0] if probs[pick][role] >= needed else None


def _uncoded_group(actor: Actor, rules_actor: Actor) -> bool:
    """ "Western nations", "donors": a group of states of no one country never displaces the coded
    party the rules chose (it can only fill a role the rules left empty)."""
    return actor.stand_in and rules_actor.country is not None


def _keep_rules(rows, probs, role: str, chosen: Actor | None, cfg: dict) -> int | None:
    """The rules' own choice for ``role`` while the model finds it plausible enough."""
    if chosen is None:
        return None
    i = next((i for i, (actor, _) in enumerate(rows) if actor is chosen), None)
    return i if i is not None and probs[i][role] >= cfg["keep_rules_above"] else None


def _pick(rows, probs, role: str, among, cfg: dict) -> int | None:
    """The most probable candidate for ``role``, if sure enough; between candidates the model
    finds about as likely (within ``country_margin``), one with a country beats one without."""
    among = list(among)
    if not among:
        return None
    best = max(among, key=lambda i: probs[i][role])
    if probs[best][role] < cfg[f"min_{role}"]:
        return None
    if rows[best][0].country is None:
        coded = [
            i
            for i in among
            if rows[i][0].country and probs[i][role] >= probs[best][role] - cfg["country_margin"]
        ]
        if coded:
            return max(coded, key=lambda i: probs[i][role])
    return best


def _rules_choice(ctx: Context, actor: Actor | None, trigger) -> Actor | None:
    return actor


def _carried(ctx: Context | None, actor: Actor | None, trigger) -> Actor | None:
    """The rules' actor when it lies outside the trigger's sentence (carried from context)."""
    sent = sent_of(trigger)
    if actor is not None and not (sent.start_char <= actor.start < sent.end_char):
        return actor
    return None
