"""Features of the event coder's models, computed the same way at training and at run time.

Each function takes spaCy objects (a sentence Span, a Token) plus what the rules found, and returns
a sparse ``{name: value}`` dict. Rules and lexicons are features here, never verdicts: the trigger
lexicon's type and modality, the CAMEO verb dictionary, negation and modal cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .cameo import ANY, cameo_table

DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class RuleHint:
    """What the rules said of one candidate event in a sentence."""

    type: str
    modality: str
    trigger_i: int  # index of the trigger's head token in the Doc


def _word(token) -> str:
    word = token.lower_
    # letters only hold no digit: skip the substitution, the commonest case by far
    return word if word.isalpha() else DIGITS.sub("#", word)


def _content(tokens: Iterable) -> list:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def text_features(tokens: Iterable, prefix: str = "") -> dict[str, float]:
    """Word unigrams and bigrams, lemmas of content words."""
    words = _content(tokens)
    feats: dict[str, float] = {}
    previous = "<s>"
    for token in words:
        word = _word(token)
        feats[f"{prefix}w:{word}"] = 1.0
        feats[f"{prefix}b:{previous}|{word}"] = 1.0
        if token.pos_ in {"VERB", "NOUN", "ADJ", "AUX"}:
            feats[f"{prefix}l:{token.lemma_.lower()}"] = 1.0
        previous = word
    return feats


def cameo_features(tokens: Iterable) -> dict[str, float]:
    """PLOVER types the CAMEO dictionary gives the sentence's verbs (alone and with a pattern word)."""
    table = cameo_table()
    words = {t.lower_ for t in tokens}
    feats: dict[str, float] = {}
    for token in tokens:
        if token.pos_ not in {"VERB", "NOUN"}:
            continue
        entry = table.get(token.lemma_.lower())
        if not entry:
            continue
        for kind in entry.get(ANY, ()):
            feats[f"cameo:{kind}"] = 1.0
            if token.dep_ == "ROOT":
                feats[f"cameo_root:{kind}"] = 1.0
        for word, kinds in entry.items():
            if word != ANY and word in words:
                for kind in kinds:
                    feats[f"cameo_p:{kind}"] = 1.0
    return feats


def sentence_features(
    sent, hints: list[RuleHint], ents: Iterable | None = None, tokens: list | None = None
) -> dict[str, float]:
    """Features of one sentence for the event-type and relevance models.

    ``ents`` and ``tokens`` may hand in ``sent.ents`` and ``list(sent)`` from a per-Doc cache (spaCy
    builds every entity of the Doc again on each ``sent.ents``)."""
    tokens = list(sent) if tokens is None else tokens
    feats = text_features(tokens)
    feats.update(cameo_features(tokens))
    root = sent.root
    feats[f"root:{root.lemma_.lower()}"] = 1.0
    if any(t.dep_ == "neg" for t in tokens):
        feats["neg"] = 1.0
    for label in {e.label_ for e in (sent.ents if ents is None else ents)}:
        feats[f"ent:{label}"] = 1.0
    if not hints:
        feats["rule:none"] = 1.0
    for hint in hints:
        feats[f"rule:{hint.type}"] = 1.0
        feats[f"rule_mod:{hint.modality}"] = 1.0
        if sent.doc[hint.trigger_i].dep_ == "ROOT":
            feats[f"rule_root:{hint.type}"] = 1.0
    return feats


def trigger_features(
    token, hint: RuleHint | None, published: str | None = None, sent=None
) -> dict[str, float]:
    """Features of one event's trigger in its clause, for the modality model (``sent``: the
    trigger's sentence, when the caller has it at hand: a Span, or any object with its ``start``
    that iterates its tokens in order, like the extractor's cached ``SentenceTokens``)."""
    sent = token.sent if sent is None else sent
    feats: dict[str, float] = {f"tl:{token.lemma_.lower()}": 1.0, f"tag:{token.tag_}": 1.0}
    window = token.doc[max(sent.start, token.i - 6) : token.i]
    for t in window:
        feats[f"pre:{_word(t)}"] = 1.0
    for child in token.children:
        feats[f"child:{child.dep_}:{child.lower_}"] = 1.0
        feats[f"dep:{child.dep_}"] = 1.0
    head = token.head
    if head.i != token.i:
        feats[f"head:{head.lemma_.lower()}"] = 1.0
        feats[f"headdep:{token.dep_}"] = 1.0
        for child in head.children:
            if child.dep_ in {"aux", "neg", "advmod", "mark"}:
                feats[f"headchild:{child.lower_}"] = 1.0
    feats.update(_year_features(token, published, sent))
    if hint is not None:
        feats[f"rule_mod:{hint.modality}"] = 1.0
        feats[f"rule_type:{hint.type}"] = 1.0
    return feats


def mode_features(token, event_type: str, rule_mode: str | None, sent=None) -> dict[str, float]:
    """Features of one event's trigger for the mode model: its lemma and the words around and
    below it ("fired tear gas", "missiles struck"), each also joined with the event's type.
    ``sent``: the trigger's sentence, as for ``trigger_features``."""
    sent = token.sent if sent is None else sent
    feats: dict[str, float] = {f"type:{event_type}": 1.0, f"rule_mode:{rule_mode or 'none'}": 1.0}
    lemma = token.lemma_.lower()
    words = [t for t in sent if not (t.is_punct or t.is_space or t.is_stop)]
    below = [t for t in token.subtree if t.i != token.i and not (t.is_punct or t.is_stop)]
    for name, value in (
        ("tl", lemma),
        *(("w", t.lemma_.lower()) for t in words),
        *(("below", t.lemma_.lower()) for t in below),
    ):
        feats[f"{name}:{value}"] = 1.0
        feats[f"{event_type}|{name}:{value}"] = 1.0
    return feats


TIME_PHRASE_DEPS = {"prep", "npadvmod", "advmod", "pobj"}
# clauses of their own below a time phrase's words (a verb under "for", "after", "by")
CLAUSE_DEPS = {"pcomp", "acl", "relcl", "advcl", "ccomp", "xcomp"}
NAMING_DEPS = {"nummod", "compound", "amod", "poss"}  # "the 2018 agreement" names a thing, not a time


def names_a_thing(word) -> bool:
    """A year or date word that modifies a noun names that thing ("the 2018 agreement") rather than
    dating an act; "May 2019" is itself a date. The rules' event times ask the same question."""
    return word.dep_ in NAMING_DEPS and word.head.ent_type_ != "DATE"


def time_phrase_tokens(token) -> list:
    """Words of the time phrases hanging from ``token`` ("in June 2018", "last year"): a year deep
    inside one dates the act, unlike a year inside its object. The rules' modality reads it too.
    A clause inside the phrase has its own time: "blamed Washington for disrupting the deal by
    withdrawing in 2017" dates the withdrawal, not the blame."""
    return [t for c in token.children if c.dep_ in TIME_PHRASE_DEPS for t in _phrase_words(c)]


def _phrase_words(top) -> list:
    words, todo = [], [top]
    while todo:
        node = todo.pop()
        words.append(node)
        todo += [c for c in node.children if not (c.dep_ in CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"})]
    return sorted(words, key=lambda t: t.i)


def _year_features(token, published: str | None, sent) -> dict[str, float]:
    """Years against the story's own year ("in 2019" in a 2025 story): those in the time phrases of
    the trigger or its governor date the event; elsewhere in the sentence they only may. A year
    naming a thing ("convicted of the 2019 murder") is told apart wherever it stands."""
    feats: dict[str, float] = {}
    this_year = int(published[:4]) if published and published[:4].isdigit() else None
    governors = [token] + ([token.head] if token.head.i != token.i else [])
    near = {t.i for g in governors for t in time_phrase_tokens(g)}
    below = {t.i for t in token.subtree}
    for t in sent:
        if len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= 2100:
            naming = names_a_thing(t)
            # "blamed Rwanda for walking out in 2019": a year below the trigger but not in its own
            # time phrases dates an act it speaks of
            nested = t.i in below and not naming
            where = "naming" if naming else "near" if t.i in near else "nested" if nested else "sentence"
            feats[f"year_{where}"] = 1.0
            if this_year is not None:
                gap = int(t.text) - this_year
                bucket = "past2" if gap <= -2 else "past1" if gap == -1 else "same" if gap == 0 else "later"
                feats[f"year_gap_{where}:{bucket}"] = 1.0
    return feats


WORD = re.compile(r"[a-z]+")


def story_words(text: str) -> list[str]:
    """The lower-cased words of a story, as the relevance model reads them (BBC's training texts
    come lower-cased and without punctuation, so this reading suits both)."""
    return WORD.findall(text.lower())


def document_features(doc_words: Iterable[str]) -> dict[str, float]:
    """Bag of lower-cased words (letters only) of a whole story, for the relevance model."""
    feats: dict[str, float] = {}
    for word in doc_words:
        if word.isalpha() and len(word) > 2:
            feats[f"dw:{word}"] = feats.get(f"dw:{word}", 0.0) + 1.0
    total = sum(v * v for v in feats.values()) ** 0.5 or 1.0
    return {k: v / total for k, v in feats.items()}


def _path_to(token, trigger, limit: int = 4) -> str:
    """Dependency labels climbing from ``token`` to ``trigger`` ('nsubj', 'pobj<prep'), or 'far'."""
    steps = []
    current = token
    while current.i != trigger.i and len(steps) < limit:  # spaCy makes a new Token on each access
        if current.head.i == current.i:
            return "far"
        steps.append(current.dep_)
        current = current.head
    return "<".join(steps) if current.i == trigger.i else "far"


def _governing_path(token, trigger, limit: int = 3) -> str | None:
    """For a candidate outside the trigger's phrase that is the subject of a clause governing it:
    the labels the trigger climbs to that clause, and the subject's own ('ccomp|nsubj': "Witnesses
    reported that forces fired at ...", the one who reports), or None. Only subjects: whoever acts
    in the governing clause; its objects ("arrested 45 people as demonstrators marched") are no
    sign either way."""
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    steps = []
    current = trigger
    for _ in range(limit):
        if current.head.i == current.i:
            return None
        steps.append(current.dep_)
        current = current.head
        if token.head.i == current.i:
            return f"{'>'.join(steps)}|{token.dep_}"
    return None


def role_features(
    trigger,
    candidate,
    event_type: str,
    rule_role: str | None,
    rank: int,
    sector: str | None,
    prepositions: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Features of one candidate actor (a Span; ``sector`` as coded) for the event at ``trigger``.
    ``prepositions``: those whose object the features name by the preposition (word class
    role_feature_preps, read by the caller, ``extract/coder_roles.role_rows``: learn/ reads no
    word lists)."""
    root = candidate.root
    before = candidate.end <= trigger.i
    side = "before" if before else "after"
    distance = abs(root.i - trigger.i)
    bucket = "1" if distance <= 1 else "3" if distance <= 3 else "8" if distance <= 8 else "far"
    path = _path_to(root, trigger)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children)
    feats = {
        f"side:{side}": 1.0,
        f"dist:{bucket}": 1.0,
        f"path:{path}": 1.0,
        f"dep:{root.dep_}": 1.0,
        f"type_side:{event_type}|{side}": 1.0,
        f"type_path:{event_type}|{path}": 1.0,
        f"voice_path:{'passive' if passive else 'active'}|{path}": 1.0,
        f"rank:{min(rank, 3)}|{side}": 1.0,
        f"sector:{sector or 'none'}": 1.0,
        f"sector_side:{sector or 'none'}|{side}": 1.0,
        f"tpos:{trigger.pos_}": 1.0,
    }
    if root.head.lower_ in prepositions and root.dep_ == "pobj":
        feats[f"prep:{root.head.lower_}"] = 1.0
        feats[f"prep_side:{root.head.lower_}|{side}"] = 1.0
    if path == "far" and (governing := _governing_path(root, trigger)) is not None:
        feats[f"gov:{governing}"] = 1.0
    if rule_role:
        feats[f"rule:{rule_role}"] = 1.0
        feats[f"rule_type:{rule_role}|{event_type}"] = 1.0
    else:
        feats["rule:none"] = 1.0
    return feats
