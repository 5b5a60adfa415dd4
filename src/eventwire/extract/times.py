"""Time expressions (TIMEX-style): dates, times, durations and repeating times.

Candidates are spaCy DATE/TIME entities plus the phrases listed under ``extra_phrases`` in
``data/time_words.yaml`` (vague references such as "recently" that spaCy does not tag). Each is
normalised by ``timex.normalise`` against ``ctx.article.published``; without a publication date,
relative expressions stay unresolved. ``time_for`` finds the time expression attached to an event
and ``event_date`` decides whether it can be the event's date (else the story's date stands in).
"""

from __future__ import annotations

import re

from ..dates import period_end, period_start
from ..learn.features import names_a_thing
from ..models import Evidence, TimeRef
from .base import Context, component, doc_ents, expanded_span, sent_of
from .event_lexicon import modality_lexicon, verb_lemma
from .lexicon import Dirs, dirs_of, words_for
from .timex import normalise, time_words

TIME_LABELS = {"DATE", "TIME"}
CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")  # an event date: a day, week, month or year
# Only what has not happened yet may be dated after the story that reports it.
MAY_POSTDATE = frozenset({"future", "hypothetical"})
SHARED_TIME_DEPS = {"conj", "advcl"}  # clauses whose time is their head's too
HISTORICAL_DAYS = 365  # the annotation guide: background "more than about a year" before the story
# Words at the edges of a spaCy entity that TimeML leaves out of the expression.
_EDGE_WORDS = {"'s", "’s", "'", "’", ",", "-", "–", "—", "(", ")"}
_MATCHERS: dict[tuple[int, Dirs], object] = {}


@component("times", order=20, version="0.2", assigns=("times",))
def find_times(ctx: Context) -> None:
    published, dirs = ctx.article.published, dirs_of(ctx)
    times: list[TimeRef] = []
    for span in _candidate_spans(ctx.doc, dirs):
        future = _speaks_of_future(span, dirs)
        timex = normalise(span.text, published, future, dirs)
        times.append(
            TimeRef(
                span.text,
                span.start_char,
                span.end_char,
                timex.value,
                timex.precision,
                timex.type,
                timex.resolved,
            )
        )
    ctx.result.times = times


def _candidate_spans(doc, dirs: Dirs = ()) -> list:
    trimmed = (_trim(ent) for ent in doc_ents(doc) if ent.label_ in TIME_LABELS)
    # A bare number other than a year ("in 15") is no time expression.
    spans = [s for s in trimmed if s is not None and not (s.text.isdigit() and len(s.text) != 4)]
    taken = {t.i for s in spans for t in s}
    for _, start, end in _extra_matcher(doc.vocab, dirs)(doc):
        if not any(i in taken for i in range(start, end)):
            spans.append(doc[start:end])
            taken.update(range(start, end))
    return sorted(spans, key=lambda s: s.start)


def _trim(span):
    while len(span) and (span[-1].text in _EDGE_WORDS):
        span = span[:-1]
    while len(span) and (span[0].text in _EDGE_WORDS):
        span = span[1:]
    return span if len(span) else None


def _extra_matcher(vocab, dirs: Dirs = ()):
    """A PhraseMatcher over ``extra_phrases``, built once per vocabulary and lexicon dirs."""
    matcher = _MATCHERS.get((id(vocab), dirs))
    if matcher is None:
        from spacy.lang.en import English
        from spacy.matcher import PhraseMatcher

        make_doc = English(vocab=vocab).make_doc
        matcher = PhraseMatcher(vocab, attr="LOWER")
        matcher.add("EXTRA_TIME", [make_doc(p) for p in time_words(dirs).extra_phrases])
        _MATCHERS[(id(vocab), dirs)] = matcher
    return matcher


def _speaks_of_future(span, dirs: Dirs = ()) -> bool:
    """Whether the clause around ``span`` is about the future ("will meet on Monday")."""
    cues = time_words(dirs).future_cues
    if any(t.lower_ in cues for t in span):
        return True
    verb = span.root
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if any(child.dep_ == "aux" and child.lower_ in cues for child in verb.children):
        return True
    return _planned(verb, dirs)


def _planned(verb, dirs: Dirs) -> bool:
    """The clause is the infinitive of a plan or hope told in the present ("hopes to settle the
    dispute during talks Tuesday", "is scheduled to arrive Thursday"): what it speaks of is still to
    come. A plan told in the past ("was scheduled to arrive Thursday") may be over."""
    plan = verb.head
    if verb.dep_ != "xcomp" or plan.i == verb.i:
        return False
    if any(t.tag_ == "VBD" for t in [plan, *(c for c in plan.children if c.dep_ in {"aux", "auxpass"})]):
        return False
    plans = modality_lexicon(dirs)["future"]["governors"]
    return verb_lemma(plan, plans) in plans


# --- when an event happened ----------------------------------------------------------------------


def time_for(ctx: Context, trigger_token) -> TimeRef | None:
    """The time expression attached to the event: one in the trigger's own clause first, then the
    nearest in its sentence. Durations and repeating times are used only when nothing else is."""
    sent = sent_of(trigger_token)
    candidates = [t for t in ctx.result.times if sent.start_char <= t.start and t.end <= sent.end_char]
    if not candidates:
        return None
    clause = {tok.idx for tok in trigger_token.subtree}
    inside = [t for t in candidates if _root_idx(ctx, t) in clause]
    attached = [
        t
        for t in inside
        if _belongs_to(ctx, t, trigger_token) and not _dates_another_thing(ctx, t, trigger_token)
    ]
    # a time inside the event's own words that is not its own dates what the event is about: "blamed
    # Washington for withdrawing in 2017", "accused of the 2004 bombing" are not acts of 2017 or 2004
    pool = attached or [t for t in candidates if t not in inside]
    if not pool:
        return None
    dated = [t for t in pool if t.type in {"DATE", "TIME"}] or pool
    return min(dated, key=lambda t: abs(t.start - trigger_token.idx))


def _root_idx(ctx: Context, time: TimeRef) -> int | None:
    span = expanded_span(ctx.doc, time.start, time.end)
    return span.root.idx if span is not None else None


def _dates_another_thing(ctx: Context, time: TimeRef, trigger) -> bool:
    """A year on a noun other than the trigger names that thing ("accused of the 2004 bombing",
    "signed the 2018 agreement"): it dates the thing, not the event ("May 2019" is itself a date).
    Not so for the trigger's subject ("the 2010 raid killed nine" tells of the raid itself) or the
    object of a preposition of time ("during the 2019 protests")."""
    span = expanded_span(ctx.doc, time.start, time.end)
    if span is None:
        return False
    root, head = span.root, span.root.head
    if not names_a_thing(root) or head.i == trigger.i or head.ent_type_ in TIME_LABELS:
        return False
    if head.dep_ == "pobj" and head.head.lower_ in words_for(ctx, "dating_preps"):
        return False  # "arrested during the 2019 protests": the named event dates the act
    return not (head.dep_ in {"nsubj", "nsubjpass"} and head.head.i == trigger.i)


def _belongs_to(ctx: Context, time: TimeRef, trigger) -> bool:
    """The time's nearest verb above it is the trigger, or a verb joined to it ("arrested and
    sentenced in 2011") or an adverbial clause of it ("starting in May 2019, it stopped"); not a verb
    of a clause the event speaks of ("blamed Washington for withdrawing in 2017")."""
    span = expanded_span(ctx.doc, time.start, time.end)
    if span is None:
        return False
    token = span.root.head
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i and token.i != trigger.i:
        token = token.head
    while token.i != trigger.i and token.dep_ in SHARED_TIME_DEPS and token.head.i != token.i:
        token = token.head
    return token.i == trigger.i


def event_date(ctx: Context, time: TimeRef | None, modality: str, evidence: Evidence) -> TimeRef | None:
    """The event's date: its own time expression when that can date it, else the story's date.

    A calendar date (day, week, month or year) dates the event unless the event has happened
    (any modality but future and hypothetical) and the date is after the publication date, or is
    a target year ("climate neutral by 2050"). Otherwise the article's publication date stands in,
    with precision ``story`` (no text, an empty span at the sentence start); an article without a
    publication date leaves such an event undated (None).
    """
    published = ctx.article.published
    if time is not None and time.type == "DATE" and CALENDAR.fullmatch(time.value or ""):
        if modality in MAY_POSTDATE or not (_after(time.value, published) or _is_target_year(ctx, time)):
            return time
    if period_start((published or "")[:10]) is None:
        return None
    return TimeRef(
        "", evidence.sentence_start, evidence.sentence_start, published[:10], "story", "DATE", True
    )


def dated_after_story(ctx: Context, time: TimeRef) -> bool:
    """Whether an event's own calendar date is after the story's publication day and is no target
    year ("by 2050"): an event that has not happened yet."""
    value = time.value or ""
    return (
        time.type == "DATE"
        and bool(CALENDAR.fullmatch(value))
        and _after(value, ctx.article.published)
        and not _is_target_year(ctx, time)
    )


def long_before(value: str | None, published: str | None, days: int = HISTORICAL_DAYS) -> bool:
    """Whether the period ``value`` ended more than ``days`` before the publication day: background
    ("the 2004 bombing", "in June 2018" in a 2020 story), which annotators call historical."""
    end, day = period_end(value), period_start((published or "")[:10])
    return end is not None and day is not None and (day - end).days > days


def _after(value: str | None, published: str | None) -> bool:
    """Whether the period ``value`` starts after the publication day."""
    start, day = period_start(value), period_start((published or "")[:10])
    return start is not None and day is not None and start > day


def _is_target_year(ctx: Context, time: TimeRef) -> bool:
    """A year right after a target cue ("by 2050", "until 2030", "by the end of 2030")."""
    if time.precision != "year":
        return False
    span = expanded_span(ctx.doc, time.start, time.end)
    if span is None:
        return False
    words = [t.lower_ for t in span]
    before = [t.lower_ for t in ctx.doc[max(span.start - 4, 0) : span.start]]
    for cue in time_words(dirs_of(ctx)).target_cues:
        n = len(cue)
        # the cue before the expression, or at its start ("by the end of 2030" tagged whole)
        if tuple(before[-n:]) == cue or tuple(words[:n]) == cue:
            return True
    return False
