"""Background told on: a story's look back goes on past the sentence that dates it.

"Relations soured in 2010 after commandos stormed the ship. Nine activists were killed." The second
sentence has no time of its own; told in the simple past right after a sentence set over a year
before the story, it goes on telling that background, and its events are historical too. A sentence
with a time of its own, or told in the present or present perfect ("has said", "says"), is back in
the story's own time.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..models import Event
from .base import Context
from .coder_roles import trigger_token

PAST_TAGS = {"VBD", "VBN"}


def carry_background(
    ctx: Context, numbered: list[tuple[int, Event]], sentences: list[Span], said_acts: frozenset[str]
) -> None:
    """Asserted events of an undated past-tense sentence right after a background sentence (one
    whose events are historical and none asserted) become historical; such a sentence is background
    in turn for the next. Acts of saying (``said_acts``: accusing, urging, rejecting) are left: after
    a look back, the story's parties usually answer it in the story's own time ("In 2024 separatists
    killed 400 people. Officials blamed India")."""
    by_sentence: dict[int, list[Event]] = {}
    for n, event in numbered:
        by_sentence.setdefault(n, []).append(event)
    for n in sorted(by_sentence):
        if n == 0 or not _background(by_sentence.get(n - 1, [])) or _has_time(ctx, sentences[n]):
            continue
        for event in by_sentence[n]:
            if event.modality != "asserted" or event.type in said_acts:
                continue
            head = trigger_token(ctx.doc, event)
            if head is not None and _told_in_the_past(head):
                event.modality = "historical"


def _background(events: list[Event]) -> bool:
    modalities = {e.modality for e in events}
    return "historical" in modalities and "asserted" not in modalities


def _has_time(ctx: Context, sent: Span) -> bool:
    return any(sent.start_char <= t.start and t.end <= sent.end_char for t in ctx.result.times)


def _told_in_the_past(head: Token) -> bool:
    """The event's verb (a nominal event's: the verb it hangs from) is in the simple or past perfect
    tense: "stormed", "were killed", "had fled"; not "has fled", "is held", "will go"."""
    verb = head if head.pos_ in {"VERB", "AUX"} else head.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.tag_ not in PAST_TAGS:
        return False
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBN" and not auxes:
        return False  # a participle without an auxiliary: "the men detained", no tense of its own
    return all(a.tag_ in PAST_TAGS for a in auxes)
