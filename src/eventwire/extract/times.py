"""Time expressions (TIMEX-style): dates, times, durations and repeating times.

Candidates are spaCy DATE/TIME entities plus the phrases listed under ``extra_phrases`` in
``data/time_words.yaml`` (vague references such as "recently" that spaCy does not tag). Each is
normalised by ``timex.normalise`` against ``ctx.article.published``; without a publication date,
relative expressions stay unresolved. ``time_for`` tells the event extractor when an event happened.
"""

from __future__ import annotations

from ..models import TimeRef
from .base import Context, component, doc_ents
from .timex import normalise, time_words

TIME_LABELS = {"DATE", "TIME"}
# Words at the edges of a spaCy entity that TimeML leaves out of the expression.
_EDGE_WORDS = {"'s", "’s", "'", "’", ",", "-", "–", "—", "(", ")"}
_MATCHERS: dict[int, object] = {}


@component("times", order=20, version="0.2", assigns=("times",))
def find_times(ctx: Context) -> None:
    published = ctx.article.published
    times: list[TimeRef] = []
    for span in _candidate_spans(ctx.doc):
        future = _speaks_of_future(span)
        timex = normalise(span.text, published, future)
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


def _candidate_spans(doc) -> list:
    trimmed = (_trim(ent) for ent in doc_ents(doc) if ent.label_ in TIME_LABELS)
    # A bare number other than a year ("in 15") is no time expression.
    spans = [s for s in trimmed if s is not None and not (s.text.isdigit() and len(s.text) != 4)]
    taken = {t.i for s in spans for t in s}
    for _, start, end in _extra_matcher(doc.vocab)(doc):
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


def _extra_matcher(vocab):
    """A PhraseMatcher over ``extra_phrases``, built once per vocabulary."""
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        from spacy.lang.en import English
        from spacy.matcher import PhraseMatcher

        make_doc = English(vocab=vocab).make_doc
        matcher = PhraseMatcher(vocab, attr="LOWER")
        matcher.add("EXTRA_TIME", [make_doc(p) for p in time_words().extra_phrases])
        _MATCHERS[id(vocab)] = matcher
    return matcher


def _speaks_of_future(span) -> bool:
    """Whether the clause around ``span`` is about the future ("will meet on Monday")."""
    cues = time_words().future_cues
    if any(t.lower_ in cues for t in span):
        return True
    verb = span.root
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    return any(child.dep_ == "aux" and child.lower_ in cues for child in verb.children)


# --- when an event happened ----------------------------------------------------------------------


def time_for(ctx: Context, trigger_token) -> TimeRef | None:
    """The time expression attached to the event: one in the trigger's own clause first, then the
    nearest in its sentence. Durations and repeating times are used only when nothing else is."""
    sent = trigger_token.sent
    candidates = [t for t in ctx.result.times if sent.start_char <= t.start and t.end <= sent.end_char]
    if not candidates:
        return None
    clause = {tok.idx for tok in trigger_token.subtree}
    attached = [t for t in candidates if _root_idx(ctx, t) in clause and _belongs_to(ctx, t, trigger_token)]
    pool = attached or candidates
    dated = [t for t in pool if t.type in {"DATE", "TIME"}] or pool
    return min(dated, key=lambda t: abs(t.start - trigger_token.idx))


def _root_idx(ctx: Context, time: TimeRef) -> int | None:
    span = ctx.doc.char_span(time.start, time.end, alignment_mode="expand")
    return span.root.idx if span is not None else None


def _belongs_to(ctx: Context, time: TimeRef, trigger) -> bool:
    """The time's nearest verb above it is the trigger (not a verb of a nested clause)."""
    span = ctx.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root.head
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i and token.i != trigger.i:
        token = token.head
    return token.i == trigger.i
