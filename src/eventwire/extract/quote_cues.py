"""Finding the cue (reporting verb) of a quotation, and indirect quotes from the parse.

A direct quotation is speech when a cue verb governs it: the quotation's root hangs from the verb
("“X,” she said"), or the verb hangs from it ("X, he said, Y"), or the verb sits right next to
it with only punctuation and the speaker in between ("said: “X”", "“X,” said the official").
An indirect quote is the clausal complement (ccomp) of a cue verb that has a subject ("X said that
Y"), the clause a parenthetical cue hangs from ("Y, sources said"), or the clause an "according to
X" phrase modifies.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..nlp.pos import doc_lower
from .base import doc_pos, doc_tokens, pos_of, sent_of
from .lexicon import doc_words
from .quote_lexicon import QuoteLexicon
from .quote_speakers import subject_of

_VERBAL = ("VERB",)
_LINK_DEPS = ("ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj", "npadvmod")
_MIN_INDIRECT_WORDS = 3


@dataclass
class Cue:
    """A cue and what it attaches to: ``token`` is the verb (or "according"), ``subject`` its speaker."""

    token: Token
    text: str
    subject: Token | None
    linked: bool  # the parse ties the cue to the quotation (not only adjacency)


def is_cue_verb(token: Token, lex: QuoteLexicon, weak_ok: bool) -> bool:
    if pos_of(token) not in _VERBAL:
        return False
    lemma = token.lemma_.lower()
    return lemma in lex.verbs or (weak_ok and lemma in lex.weak_verbs)


def direct_cue(doc: Doc, quoted: Span, outer: Span, blocked: set[int], lex: QuoteLexicon) -> Cue | None:
    """The cue of a direct quotation (tokens ``quoted``, marks included in ``outer``), if any."""
    inside = set(range(quoted.start, quoted.end))
    first_sent, last_sent = sent_of(outer[0]), sent_of(outer[-1])
    sentences = {first_sent.start: first_sent, last_sent.start: last_sent}
    best: tuple[int, Cue] | None = None
    for sent in sentences.values():
        for token in doc_tokens(doc)[sent.start : sent.end]:
            if token.i in blocked or not is_cue_verb(token, lex, weak_ok=True):
                continue
            linked = _linked(token, inside)
            adjacent = _adjacent(doc, token, outer, blocked)
            if not (linked or adjacent):
                continue
            distance = min(abs(token.i - outer.start), abs(token.i - (outer.end - 1)))
            rank = distance - (100 if linked and adjacent else 50 if adjacent else 0)
            if best is None or rank < best[0]:
                subject = subject_of(token)
                if subject is not None and subject.i in blocked:  # a word inside the quotation
                    subject = None
                best = (rank, Cue(token, token.text, subject, linked))
    return best[1] if best else None


def _linked(verb: Token, inside: set[int]) -> bool:
    """The verb governs a root of the quotation, or hangs directly from a word inside it."""
    if verb.head.i in inside and verb.dep_ in _LINK_DEPS:
        return True
    return any(child.i in inside and child.dep_ in _LINK_DEPS for child in verb.children)


def _adjacent(doc: Doc, verb: Token, outer: Span, blocked: set[int]) -> bool:
    """Only punctuation and the speaker between the quotation's marks and the cue verb."""
    if verb.i >= outer.end:
        between = doc[outer.end : verb.i]
    elif verb.i < outer.start:
        between = doc[verb.i + 1 : outer.start]
        if not between or between[-1].text not in (":", ","):
            return False
        between = between[:-1]
    else:
        return False
    subject = subject_of(verb)
    speaker = set(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject is not None else set()
    words = [t for t in between if not t.is_punct and t.i not in speaker and t.i not in blocked]
    return len(words) <= 1 and len(between) <= 12 and all(t.pos_ in ("ADV", "AUX", "PART") for t in words)


def previous_sentence_cue(doc: Doc, outer: Span, lex: QuoteLexicon) -> Cue | None:
    """A cue in the sentence just before a quotation ("Trump said:" then the quoted paragraph)."""
    first = sent_of(outer[0]).start
    if first == 0:
        return None
    sent = sent_of(doc_tokens(doc)[first - 1])
    for token in reversed(list(sent)):
        if is_cue_verb(token, lex, weak_ok=False) and not any(c.dep_ == "ccomp" for c in token.children):
            subject = subject_of(token)
            if subject is not None:
                return Cue(token, token.text, subject, False)
    return None


@dataclass
class IndirectQuote:
    start: int  # token offsets of the content
    end: int
    cue: Cue


def indirect_quotes(doc: Doc, lex: QuoteLexicon, used_cues: set[int]) -> list[IndirectQuote]:
    """ "X said (that) Y", "Y, X said" and "according to X, Y" in the whole document."""
    found: list[IndirectQuote] = []
    lower, pos = doc_lower(doc), doc_pos(doc)  # every token is asked: read the tuples once
    for token in doc_tokens(doc):
        if token.i in used_cues:
            continue
        if lower[token.i] == "according":
            item = _according_to(token)
        elif pos[token.i] in _VERBAL and is_cue_verb(token, lex, weak_ok=False):
            item = _reported_clause(token)
        else:
            item = None
        if item is not None and _word_count(doc, item.start, item.end) >= _MIN_INDIRECT_WORDS:
            found.append(item)
    return found


def _reported_clause(verb: Token) -> IndirectQuote | None:
    subject = subject_of(verb)
    if subject is None:
        return None
    complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if complement is not None:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in complement.children):
            return None  # a reported question ("asked if ..."), not a claim
        start, end = _trim(complement.doc, complement.left_edge.i, complement.right_edge.i + 1)
        if start <= verb.i < end:
            return None
        return IndirectQuote(start, end, Cue(verb, verb.text, subject, True))
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        return _around_parenthetical(verb, Cue(verb, verb.text, subject, True))
    return None


def _according_to(token: Token) -> IndirectQuote | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None or token.head.i == token.i:  # "according to" as the root: nothing around it
        return None
    return _around_parenthetical(token, Cue(token, "according to", source, True))


def _around_parenthetical(cue_token: Token, cue: Cue) -> IndirectQuote | None:
    """The clause a parenthetical cue hangs from, minus the cue phrase itself."""
    clause = cue_token.head
    doc = cue_token.doc
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    skip_start, skip_end = cue_token.left_edge.i, cue_token.right_edge.i + 1
    if cue.subject is not None:
        skip_start = min(skip_start, cue.subject.left_edge.i)
        skip_end = max(skip_end, cue.subject.right_edge.i + 1)
    # Keep the longer side of the clause: the cue phrase sits at one end or in the middle.
    if skip_start - start >= end - skip_end:
        start, end = _trim(doc, start, skip_start)
    else:
        start, end = _trim(doc, skip_end, end)
    return IndirectQuote(start, end, cue) if end > start else None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation (but not quotation marks) at both ends of a token range."""
    tokens = doc_tokens(doc)
    while start < end and tokens[start].is_punct and not tokens[start].is_quote:
        start += 1
    while end > start and tokens[end - 1].is_punct and not tokens[end - 1].is_quote:
        end -= 1
    return start, end


def _word_count(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc_tokens(doc)[start:end] if not t.is_punct)


# --- labels: short quotations that are what the subject called something ------------------------

_BARE_COMPLEMENTS = ("oprd", "ccomp", "xcomp", "acomp", "attr")
_OBJECTS = ("dobj", "dative")
_FOLLOWERS = ("cc", "conj", "dobj", "oprd", "appos")  # "as “X” and a “Y” to ..." after the label


@dataclass
class LabelQuote:
    start: int  # token offsets of the content (object and label, or the quoted object alone)
    end: int
    cue: Cue


def label_quote(quoted: Span, outer: Span, blocked: set[int], lex: QuoteLexicon) -> LabelQuote | None:
    """A quotation that is the label a speaker gives ("called X “Y”", "described X as “Y”") or the
    whole object of a speech verb ("chanted “U-S-A!”"). The subject must be active and outside the
    quotation, so passive scare quotes ("is often described as “ironclad”") stay out."""
    roots = [t for t in quoted if not t.is_punct and not quoted.start <= t.head.i < quoted.end]
    if not roots:
        return None
    node = roots[0]
    while (
        node.dep_ in ("conj", "appos")
        and node.head.i != node.i
        and (node.dep_ == "conj" or node.head.i in blocked)
    ):
        node = node.head
    top = node  # the quotation's phrase, lifted over coordination
    below = node
    for _ in range(5):
        verb = node.head
        if verb.i == node.i:
            return None
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ != "aux":
            frame = _frame(verb, node, below, top, lex)
            if frame is None and verb.pos_ == "VERB":
                return None
            if frame is not None:
                return _label(verb, node, frame, outer, blocked)
        below, node = node, verb
    return None


def _frame(verb: Token, child: Token, below: Token, top: Token, lex: QuoteLexicon) -> str | None:
    """How ``child`` (reached from ``below``) fills a frame of ``verb``: "label" or "object"."""
    lemma = verb.lemma_.lower()
    if child.dep_ == "prep" and (lemma, child.lower_) in lex.label_frames:
        return "label"
    if child.dep_ == "dobj" and below.dep_ == "prep" and (lemma, below.lower_) in lex.label_frames:
        return "label"  # "as" parsed under the object: "described [the proposal as “reckless”]"
    if (lemma, "_") in lex.label_frames:
        if child.dep_ in _BARE_COMPLEMENTS:
            return "label"
        if child.dep_ == "dobj" and any(c.dep_ in _OBJECTS and c.i < child.i for c in verb.children):
            return "label"  # double object: "branded North Korea an “outlaw nation”"
        if child.dep_ == "dobj" and top.dep_ == "appos" and top.head.i == child.i:
            return "label"  # the label parsed as an apposition: "called the plan “a disaster”"
    if child.i == top.i and child.dep_ in ("dobj", "ccomp") and lemma in lex.quote_object_verbs:
        return "object"
    return None


def _label(verb: Token, child: Token, frame: str, outer: Span, blocked: set[int]) -> LabelQuote | None:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    subject = subject_of(verb)
    if subject is None or subject.i in blocked:
        return None
    doc = verb.doc
    start, end = child.left_edge.i, child.right_edge.i + 1
    if frame == "label":
        for obj in (c for c in verb.children if c.dep_ in _OBJECTS and c.i != child.i):
            # "an explosion that he described as “…”": the relative pronoun is no part of the quote
            if obj.lower_ not in doc_words(verb.doc, "relative_pronouns"):
                start = min(start, obj.i if obj.i < verb.i else obj.left_edge.i)  # "what he called …"
        followers = [c for c in verb.rights if c.i > child.i]
        for nxt in followers:
            if nxt.dep_ not in _FOLLOWERS or nxt.pos_ in ("VERB", "AUX"):
                break
            end = nxt.right_edge.i + 1
    start, end = min(start, outer.start), max(_cut_asides(doc, outer.end, end), outer.end)
    start, end = _trim(doc, start, end)
    while end > start and doc[end - 1].dep_ == "cc":
        end -= 1
    return LabelQuote(start, end, Cue(verb, verb.text, subject, True)) if end > start else None


def _cut_asides(doc: Doc, after: int, end: int) -> int:
    """End a label before an aside that follows its quotation: a dash, a time or place phrase."""
    for token in doc[after:end]:
        if (
            token.text in ("—", "–", "--")
            or token.dep_ in ("npadvmod", "advcl")
            or (token.dep_ == "prep" and token.lower_ in doc_words(doc, "aside_preps"))
        ):
            return token.i
    return end
