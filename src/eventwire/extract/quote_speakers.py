"""Speakers of quotes: the subject of a cue, its mention span, and what it refers back to.

A speaker is first found locally (the subject of the reporting verb: "he", "this person", "Warren",
"a senior administration official"); ``SpeakerMemory`` then resolves pronouns and back references
("the official", "this person") to the latest fitting earlier speaker, and surnames to the fullest
earlier mention of the same person, so ``speaker_text`` is the speaker as written at its fullest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .base import doc_ents, sent_of, span_ents
from .lexicon import doc_words
from .quote_lexicon import QuoteLexicon

_SUBJECTS = ("nsubj", "csubj")
# Relations through which a cue verb borrows the subject of the verb it hangs from
# ("he said, adding ...", "she smiled and said ...", "Smith, who said ...").
_BORROW_SUBJECT = ("conj", "xcomp", "advcl", "acl")
_CUT_FROM_NAME = ("relcl", "appos", "acl", "punct", "cc", "conj")


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The grammatical subject of a cue verb, borrowed from its head verb when it has none."""
    not_speakers = doc_words(verb.doc, "non_speaker_words")
    relatives = doc_words(verb.doc, "relative_pronouns")
    for child in verb.children:
        if child.dep_ not in _SUBJECTS or child.lower_ in not_speakers:
            continue
        if child.lower_ in relatives:
            return verb.head if verb.dep_ == "relcl" else None
        return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if verb.dep_ in _BORROW_SUBJECT and depth < 3 and verb.head is not verb and not bare_participle:
        return subject_of(verb.head, depth + 1)
    return None


def mention_span(head: Token, blocked: set[int]) -> Span:
    """The whole phrase of a speaker ("Victor Cha, who served as ..."), stopping at quoted words."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    while start < head.i and (start in blocked or doc[start].is_punct):
        start += 1
    # Stop before the first blocked (quoted) token to the right of the head.
    for i in range(head.i + 1, end):
        if i in blocked:
            end = i
            break
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end]


def short_name(head: Token) -> Span:
    """The speaker phrase without relative clauses and appositions ("the official who spoke ...")."""
    doc = head.doc
    cut = {t.i for child in head.rights if child.dep_ in _CUT_FROM_NAME for t in child.subtree}
    end = head.i + 1
    for i in range(head.i + 1, head.right_edge.i + 1):
        if i in cut:
            break
        end = i + 1
    start = head.left_edge.i
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def is_anonymous(phrase: Span, lex: QuoteLexicon) -> bool:
    """An unnamed speaker: an anonymous head noun ("official", "sources") and no person's name."""
    if any(ent.label_ in ("PERSON", "ORG") for ent in span_ents(phrase)):
        return False
    return phrase.root.lemma_.lower() in lex.anonymous_heads


@dataclass
class Speaker:
    """A resolved speaker: what was written locally and what it stands for."""

    mention: Span  # the local mention (subject of the cue)
    text: str  # the fullest mention it refers to
    anonymous: bool
    head_lemma: str
    plural: bool
    resolved_from: Speaker | None = None


@dataclass
class SpeakerMemory:
    """Earlier speakers of one article, latest last, for resolving back references."""

    lex: QuoteLexicon
    doc: Doc
    speakers: list[Speaker] = field(default_factory=list)

    def resolve(self, head: Token, blocked: set[int], mention: Span | None = None) -> Speaker:
        """The speaker whose mention is headed by ``head`` (or is ``mention``, a layout label)."""
        name = mention if mention is not None else short_name(head)
        mention = mention if mention is not None else mention_span(head, blocked)
        lemma = head.lemma_.lower()
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in ("they", "we")
        antecedent = self._antecedent(head, name)
        if antecedent is not None:
            speaker = Speaker(
                mention,
                antecedent.text,
                antecedent.anonymous,
                antecedent.head_lemma,
                antecedent.plural,
                antecedent,
            )
        else:
            text = self._fullest_name(name) or name.text
            anonymous = is_anonymous(name, self.lex)
            speaker = Speaker(mention, text, anonymous, lemma, plural)
        self.speakers.append(speaker)
        return speaker

    def latest(self) -> Speaker | None:
        return self.speakers[-1] if self.speakers else None

    def _antecedent(self, head: Token, name: Span) -> Speaker | None:
        lower = head.lower_
        if head.pos_ == "PRON" and lower in self.lex.pronouns:
            return self._pronoun_antecedent(head)
        determiner = name[0].lower_ if len(name) > 1 else ""
        if determiner in self.lex.back_reference_determiners and not _has_name(name):
            return self._same_head(head.lemma_.lower())
        return None

    def _pronoun_antecedent(self, head: Token) -> Speaker | None:
        lower = head.lower_
        if lower in doc_words(head.doc, "unresolved_speaker_pronouns"):
            return None
        want_plural = lower == "they"
        for speaker in reversed(self.speakers[-6:]):
            if speaker.plural == want_plural and speaker.head_lemma not in self.lex.pronouns:
                return speaker
        if not want_plural:
            return self._latest_person(head)
        return None

    def _latest_person(self, head: Token) -> Speaker | None:
        """The latest person named before the pronoun's sentence, when no speaker fits."""
        before = [e for e in doc_ents(self.doc) if e.label_ == "PERSON" and e.end <= sent_of(head).start]
        if not before:
            return None
        ent = before[-1]
        text = self._fullest_name(ent) or ent.text
        return Speaker(ent, text, False, ent.root.lemma_.lower(), False)

    def _same_head(self, lemma: str) -> Speaker | None:
        generic = lemma in self.lex.generic_heads
        for speaker in reversed(self.speakers):
            if speaker.head_lemma == lemma or (generic and speaker.anonymous):
                return speaker
        return None

    def _fullest_name(self, name: Span) -> str | None:
        """The longest PERSON mention so far sharing this name's last word ("Austin" → "Lloyd Austin")."""
        persons = [e for e in span_ents(name) if e.label_ == "PERSON"]
        if not persons:
            return None
        surname = persons[-1][-1].lower_
        best = persons[-1]
        for ent in doc_ents(self.doc):
            if ent.start >= name.end:
                break
            if ent.label_ == "PERSON" and ent[-1].lower_ == surname and len(_bare(ent)) > len(_bare(best)):
                best = ent
        return _bare(best)


def _has_name(span: Span) -> bool:
    return any(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in span)


def _bare(ent: Span) -> str:
    """A person's name without a leading possessive or stray punctuation."""
    text = ent.text.strip(" ,.;:")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text
