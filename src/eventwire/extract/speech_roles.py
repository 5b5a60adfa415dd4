"""The speaker of reported speech as the source of the speech act it makes.

PLOVER codes who says what: "“Israel attacks the Muslims in Jerusalem,” Erdogan said" is Erdogan
accusing Israel, and "“I urge the Taliban to reverse their decision,” he said" is the speaker's
request. The trigger rules and the role model read roles off the trigger's own clause, so they give
the accused doer (Israel) or the quote's "I"/"we" as the source. Three readings put the speaker
back, and a fourth keeps a reported act with its own doer (``speaker_roles``, run by the coder
after the role model):

1. a speech act derived from what is reported: the event's type is a speech act (word class
   ``speech_act_types``) that the trigger word does not name itself (the coder typed "attacks" in
   the speaker's words as ACCUSE), so the speaker makes it and the reported doer is its target;
   an act the words name ("“Russia accuses us of lying,” he said") stays with its own subject;
2. a first-person subject ("I", "we", word class ``first_person_subjects``) of the trigger inside
   the speaker's direct quote is the speaker;
3. a speech act whose trigger is the quote's own cue verb ("“The Council must act,” the statement
   said") is made by the speaker, and an actor of the quoted words is spoken to, not speaking;
4. any other act the quoted words report is done by the subject of the reported clause, not by
   the one reporting it ("Kariuki said Britain will take measures to prevent Iran ...": Britain;
   "“Khan will not cooperate with the court,” his lawyer said": Khan refuses). A refusal read off a
   negated cooperation verb is such an act of the clause's subject, not a speech act derived.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Actor, Event, Quote
from .actors import code_actor_span
from .base import Context, overlaps, span_root
from .coref import named_actors
from .event_lexicon import TriggerLexicon, trigger_lexicon
from .event_roles import actor_at, subject_of
from .lexicon import words_for

MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


def speaker_roles(ctx: Context, event: Event) -> None:
    """Source and target of an event made by the speaker of the words that report it."""
    trigger = span_root(ctx.doc, event.evidence.start, event.evidence.end)
    if trigger is None:
        return
    speech_act = event.type.lower() in words_for(ctx, "speech_act_types")
    quote = _quote_around(ctx, trigger)
    if quote is not None:
        speaker = _speaker(ctx, quote)
        if speaker is None or _within(speaker, quote):
            return
        if speech_act and _derived(ctx, event, trigger):
            _speaker_acts(event, speaker, quote)
        elif _first_person(ctx, trigger):
            event.source = speaker
            if event.target is not None and overlaps(event.target, speaker):
                event.target = None
        elif event.source is not None and overlaps(event.source, speaker):
            _reported_doer(ctx, event, trigger, quote)
        return
    cued = _quote_cued_by(ctx, trigger)
    if speech_act and cued is not None and (speaker := _speaker(ctx, cued)) is not None:
        _speaker_acts(event, speaker, cued)


def _speaker_acts(event: Event, speaker: Actor, quote: Quote) -> None:
    """The speaker is the source; the doer the quoted words name (the rules' source, when it lies in
    them) is the one accused or asked, else the target stays."""
    if event.source is not None and overlaps(event.source, speaker):
        return
    if event.source is not None and _within(event.source, quote):
        event.target = event.source
    event.source = speaker
    if event.target is not None and overlaps(event.target, speaker):
        event.target = None


def _reported_doer(ctx: Context, event: Event, trigger: Token, quote: Quote) -> None:
    """The subject of the reported clause the trigger lies in does the act the speaker reports. A
    pronoun subject is left to the rules (it often is the speaker: "the ministry said it arrested"),
    and so is a subject that names no actor."""
    for verb in (trigger, *trigger.ancestors):
        if not quote.start <= verb.idx < quote.end:
            return  # out of the reported words: no subject of their own
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = subject_of(verb)
        if subject is None:
            continue
        if subject.left_edge.i <= trigger.i <= subject.right_edge.i:
            return  # the trigger is in the subject ("Russia's attack killed five"): its own roles
        if subject.pos_ == "PRON" or not quote.start <= subject.idx < quote.end:
            return
        doer = actor_at(ctx, subject, facility=False) or _modifier_actor(ctx, subject)
        if doer is None:
            return  # no actor ("the convoy was passing"): the speaker is the best the model found
        event.source = doer
        if event.target is not None and overlaps(event.target, doer):
            event.target = None
        return


def _modifier_actor(ctx: Context, subject: Token) -> Actor | None:
    """The actor a subject that is none itself is of ("a Pakistani military operation")."""
    for child in subject.children:
        if child.dep_ in MODIFIER_DEPS and (actor := actor_at(ctx, child, facility=False)) is not None:
            return actor
    return None


def _quote_around(ctx: Context, trigger: Token) -> Quote | None:
    """The narrowest quote (direct or reported) whose words hold the trigger."""
    holding = [q for q in ctx.result.quotes if q.start <= trigger.idx < q.end]
    return min(holding, key=lambda q: q.end - q.start) if holding else None


def _quote_cued_by(ctx: Context, trigger: Token) -> Quote | None:
    """A quote whose speaker is the subject of the trigger ("the statement said")."""
    subject = subject_of(trigger) if trigger.pos_ in {"VERB", "AUX"} else None
    if subject is None:
        return None
    for quote in ctx.result.quotes:
        start, end = quote.speaker_start, quote.speaker_end
        if start is not None and end is not None and start <= subject.idx < end:
            return quote
    return None


def _speaker(ctx: Context, quote: Quote) -> Actor | None:
    """The quote's speaker, or the actor named in a speaker mention that is a statement or a body
    of people rather than an actor itself ("the U.S. statement": the U.S.)."""
    if quote.speaker is not None:
        return quote.speaker
    start, end = quote.speaker_start, quote.speaker_end
    if start is None or end is None:
        return None
    inside = [a for a in named_actors(ctx) if start <= a.start and a.end <= end and a.country]
    if len(inside) == 1:
        return inside[0]
    mention = ctx.doc.char_span(start, end, alignment_mode="expand")
    if inside or mention is None:
        return None
    # a name that modifies the mention's head ("the U.S. statement", "a Kremlin spokesman")
    names = [t for t in mention if t.head.i == mention.root.i and t.dep_ in MODIFIER_DEPS and t.ent_type_]
    coded = [a for t in names if (a := code_actor_span(ctx, ctx.doc[t.left_edge.i : t.i + 1])) and a.country]
    return coded[0] if len(coded) == 1 else None


def _derived(ctx: Context, event: Event, trigger: Token) -> bool:
    """The event's type is not one the trigger word names ("attacks" typed ACCUSE from the speech
    around it); a word the lexicon does not know says nothing either way and keeps its roles, and a
    refusal read off a negated cooperation verb ("will not cooperate") is its subject's own act."""
    lex = trigger_lexicon(tuple(ctx.options.lexicon_dirs))
    if event.type == "REJECT" and trigger.lemma_.lower() in lex.refusal_when_negated:
        return False
    types = _word_types(lex, trigger)
    return bool(types) and event.type not in types


def _word_types(lex: TriggerLexicon, token: Token) -> set[str]:
    """The event types the lexicon gives a trigger word, alone or opening a pair."""
    words = {token.lemma_.lower(), token.lower_}
    types = {lex.verbs[w][0] for w in words if w in lex.verbs}
    types |= {lex.nouns[w][0] for w in words if w in lex.nouns}
    for table in (lex.verb_objects, lex.phrasal):
        types |= {kind for (verb, _), (kind, _mode) in table.items() if verb in words}
    return types


def _first_person(ctx: Context, trigger: Token) -> bool:
    subject = subject_of(trigger) if trigger.pos_ in {"VERB", "AUX"} else None
    return subject is not None and subject.lower_ in words_for(ctx, "first_person_subjects")


def _within(actor: Actor, quote: Quote) -> bool:
    return quote.start <= actor.start < quote.end
