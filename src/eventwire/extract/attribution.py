"""Who says an event happened: "according to X", "X said/told", and the outlet it came through.

"said the official who spoke on condition of anonymity with the New York-based ABC News" gives
speaker "the official" (anonymous) via "ABC News".
"""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Attribution
from ..nlp.pos import doc_lemma_lower
from .actors import _phrase, code_actor_span
from .base import Context, doc_pos, doc_tokens, sent_of

SPEAKER_DEPS = {"nsubj", "nsubjpass"}
OUTLET_DEPS = {"dobj", "dative", "pobj"}
INVERTED_DEPS = {"parataxis", "ccomp", "advcl", "conj"}


def _phrase_text(head: Token) -> str:
    return _phrase(head).text


def _is_outlet(head: Token, outlets: frozenset[str]) -> bool:
    if head.pos_ != "PROPN" and head.ent_type_ not in {"ORG", "NORP"}:
        return False
    words = {t.lower_ for t in head.subtree if t.dep_ in {"compound", "amod"} or t is head}
    return bool(words & outlets)


def _find_outlet(tokens, outlets: frozenset[str]) -> str | None:
    for t in tokens:
        if t.dep_ in OUTLET_DEPS and _is_outlet(t, outlets):
            return _phrase_text(t)
    return None


def _reporting_verbs(trigger: Token, verbs: frozenset[str]) -> list[Token]:
    """Reporting verbs of the sentence that govern the trigger, or hang off it ("..., he said")."""
    ancestors = set(trigger.ancestors)
    found = []
    sent, doc = sent_of(trigger), trigger.doc
    lemmas, tags = doc_lemma_lower(doc), doc_pos(doc)
    for i in range(sent.start, sent.end):
        # the per-Doc lemma and POS tuples rule out most words before any Token is built
        if lemmas[i] not in verbs or tags[i] not in {"VERB", "AUX"}:
            continue
        t = doc[i]
        subjects = [c for c in t.children if c.dep_ in SPEAKER_DEPS]
        if any(trigger in s.subtree for s in subjects):
            continue
        if t in ancestors or _tagged_on(t, trigger) or (t.dep_ in INVERTED_DEPS and t.head in ancestors):
            found.append(t)
    return found


def _tagged_on(verb: Token, trigger: Token) -> bool:
    """A reporting clause set into or tagged on the act itself ("They shelled, he said, the town"). Only
    parataxis qualifies: a complement or conjunct of the trigger is what was said or done next
    ("accused them of breaking what the law says"), not who vouches for the act."""
    return verb.head.i == trigger.i and verb.dep_ == "parataxis"


def _according_to(trigger: Token) -> Token | None:
    sent, tokens = sent_of(trigger), doc_tokens(trigger.doc)
    for t in tokens[sent.start : sent.end]:
        if t.lower_ == "according" and t.i + 1 < len(tokens) and tokens[t.i + 1].lower_ == "to":
            obj = next((c for c in tokens[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def attribution_for(ctx: Context, trigger: Token, lex: dict) -> Attribution | None:
    outlets = lex["outlets"]
    speaker_head = _according_to(trigger)
    verb = None
    if speaker_head is None:
        verbs = _reporting_verbs(trigger, lex["attribution_verbs"])
        verb = verbs[0] if verbs else None
        speaker_head = (
            next((c for c in verb.children if c.dep_ in SPEAKER_DEPS), None) if verb is not None else None
        )
    if speaker_head is None:
        return None
    via = None
    if _is_outlet(speaker_head, outlets):
        return Attribution(speaker_text=None, speaker=None, anonymous=False, via=_phrase_text(speaker_head))
    via = _find_outlet(list(speaker_head.subtree), outlets)
    if via is None and verb is not None:
        via = _find_outlet(
            [t for c in verb.children if c.dep_ in {"dobj", "dative", "prep"} for t in c.subtree], outlets
        )
    actor = code_actor_span(ctx, _phrase(speaker_head))
    return Attribution(
        speaker_text=_phrase(speaker_head).text,
        speaker=actor,
        anonymous=bool(actor and actor.anonymous),
        via=via,
    )
