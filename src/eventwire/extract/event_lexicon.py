"""Event-trigger and modality lexicons, read once per set of lexicon dirs from
``data/event_triggers.yaml`` and ``data/modality.yaml`` (through ``lexicon.load_yaml``), and the
trigger finder that applies them to a parsed document."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Token

from ..models import PLOVER_TYPES
from .base import doc_pos, doc_tokens, pos_of
from .lexicon import doc_words, load_yaml

TRIGGERS_YAML = "event_triggers.yaml"
MODALITY_YAML = "modality.yaml"
REPORTING_YAML = "reporting_verbs.yaml"
# "oprd": an object predicate ("called the claims baseless"), read only through verb_objects pairs
OBJECT_DEPS = {"dobj", "nsubjpass", "obj", "attr", "oprd"}
PARTICLE_DEPS = {"prt", "prep"}

TypeMode = tuple[str, str | None]


@dataclass
class TriggerLexicon:
    verbs: dict[str, TypeMode] = field(default_factory=dict)
    nouns: dict[str, TypeMode] = field(default_factory=dict)  # single words
    multiword_nouns: dict[str, TypeMode] = field(default_factory=dict)  # "hunger strike"
    verb_objects: dict[tuple[str, str], TypeMode] = field(default_factory=dict)
    phrasal: dict[tuple[str, str], TypeMode] = field(default_factory=dict)
    complement_takers: frozenset[str] = frozenset()
    weak_verbs: frozenset[str] = frozenset()
    refusal_when_negated: frozenset[str] = frozenset()
    authorship_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    target_words: frozenset[str] = frozenset()
    modes: dict[str, TypeMode] = field(default_factory=dict)  # word -> (type, mode it gives)
    obligation_modals: frozenset[str] = frozenset()
    advice_modals: frozenset[str] = frozenset()  # a demand only when what is advised is an event
    verb_words: frozenset[str] = frozenset()  # every verb lemma any rule names
    demand_verbs: frozenset[str] = frozenset()
    question_verbs: frozenset[str] = frozenset()
    question_marks: frozenset[str] = frozenset()
    domestic_sectors: frozenset[str] = frozenset()
    light_preps: frozenset[str] = frozenset()
    frame_nouns: frozenset[str] = frozenset()
    ambiguous_attack_verbs: frozenset[str] = frozenset()
    abstract_objects: frozenset[str] = frozenset()
    criticism_objects: frozenset[str] = frozenset()
    name_entity_types: frozenset[str] = frozenset()  # spaCy labels of names a trigger word may be part of
    idioms: dict[str, frozenset[str]] = field(default_factory=dict)  # verb -> words that make it no event

    @cached_property
    def pair_verbs(self) -> frozenset[str]:
        """Verb lemmas that open a verb-object or phrasal-verb pair: only their children are read."""
        return frozenset(verb for verb, _ in self.verb_objects) | frozenset(verb for verb, _ in self.phrasal)


def _type_mode(value: str) -> TypeMode:
    parts = str(value).split()
    if parts[0] not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {parts[0]!r} in {TRIGGERS_YAML}")
    return parts[0], (parts[1] if len(parts) > 1 else None)


def _pairs(table: dict) -> dict[tuple[str, str], TypeMode]:
    out = {}
    for key, value in (table or {}).items():
        verb, rest = str(key).lower().split(" ", 1)
        out[(verb, rest)] = _type_mode(value)
    return out


def _lower_set(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


@lru_cache(maxsize=8)
def trigger_lexicon(extra_dirs: tuple[str, ...] = ()) -> TriggerLexicon:
    data = load_yaml(TRIGGERS_YAML, extra_dirs)
    lex = TriggerLexicon()
    lex.verbs = {str(k).lower(): _type_mode(v) for k, v in (data.get("verbs") or {}).items()}
    for key, value in (data.get("nouns") or {}).items():
        word = str(key).lower()
        (lex.multiword_nouns if " " in word or "-" in word else lex.nouns)[word] = _type_mode(value)
    lex.verb_objects = _pairs(data.get("verb_objects"))
    lex.phrasal = _pairs(data.get("phrasal"))
    for name in (
        "complement_takers",
        "weak_verbs",
        "refusal_when_negated",
        "authorship_nouns",
        "light_verbs",
        "target_words",
        "obligation_modals",
        "advice_modals",
        "demand_verbs",
        "question_verbs",
        "question_marks",
        "light_preps",
        "frame_nouns",
        "ambiguous_attack_verbs",
        "abstract_objects",
        "criticism_objects",
    ):
        setattr(
            lex,
            name,
            _lower_set(data.get(name))
            if name != "complement_takers"
            else frozenset(str(v) for v in data.get(name) or []),
        )
    lex.verb_words = (
        frozenset(lex.verbs)
        | {v for v, _ in lex.verb_objects}
        | {v for v, _ in lex.phrasal}
        | lex.light_verbs
    )
    lex.domestic_sectors = frozenset(str(v).upper() for v in data.get("domestic_sectors") or [])
    lex.name_entity_types = frozenset(str(v).upper() for v in data.get("name_entity_types") or [])
    lex.idioms = {str(k).lower(): _lower_set(v) for k, v in (data.get("idioms") or {}).items()}
    lex.modes = {str(k).lower(): _type_mode(v) for k, v in (data.get("modes") or {}).items()}
    return lex


@lru_cache(maxsize=8)
def modality_lexicon(extra_dirs: tuple[str, ...] = ()) -> dict:
    """The modality cues as a plain dict of lower-case sets (see ``data/modality.yaml``)."""
    data = dict(load_yaml(MODALITY_YAML, extra_dirs))
    # The quotes' cue verbs attribute a claim too ("said", "told"): the same file, with the same dirs.
    verbs = load_yaml(REPORTING_YAML, extra_dirs).get("verbs") or []
    data["attribution_verbs"] = list(data.get("attribution_verbs") or []) + list(verbs)
    out: dict = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out[key] = {k: _lower_set(v) for k, v in value.items()}
        else:
            out[key] = _lower_set(value)
    return out


_MATCHERS: dict[tuple[int, tuple[str, ...]], tuple[PhraseMatcher, dict[int, str]]] = {}


def multiword_matcher(nlp, extra_dirs: tuple[str, ...] = ()) -> tuple[PhraseMatcher, dict[int, str]]:
    """PhraseMatcher for multi-word noun triggers and mode words, built once per pipeline."""
    key = (id(nlp), extra_dirs)
    if key not in _MATCHERS:
        lex = trigger_lexicon(extra_dirs)
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        labels: dict[int, str] = {}
        for phrase in lex.multiword_nouns:
            labels[nlp.vocab.strings.add(f"TRIGGER:{phrase}")] = phrase
            matcher.add(f"TRIGGER:{phrase}", [nlp.make_doc(phrase)])
        _MATCHERS[key] = (matcher, labels)
    return _MATCHERS[key]


@dataclass
class Trigger:
    """A word (or words) that signals an event; ``head`` is the token the roles hang from."""

    head: Token
    type: str
    mode: str | None
    start: int  # token span of the trigger words
    end: int
    rule: str  # verb | noun | verb_object | phrasal | light


def verb_lemma(token: Token, known: dict) -> str:
    """The token's lemma, or a crude one when the lemmatizer misses ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    word = token.lower_
    for suffix, repl in (
        ("ied", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("d", ""),
        ("ing", "e"),
        ("ing", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in known:
            return word[: -len(suffix)] + repl
    return lemma


def _dated(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children)


def _verb_prep_noun(token: Token, prep: Token, lemma: str, lex: TriggerLexicon) -> Trigger | None:
    """A three-word phrasal entry, verb + preposition + noun ("went on strike", "took to the
    streets"): the noun alone may mean something else (a strike is also an attack)."""
    if prep.dep_ != "prep" or prep.i < token.i:
        return None
    for noun in prep.children:
        key = (lemma, f"{prep.lower_} {noun.lemma_.lower()}")
        if noun.dep_ == "pobj" and key in lex.phrasal:
            return Trigger(token, *lex.phrasal[key], token.i, noun.i + 1, "phrasal")
    return None


def _verb_trigger(token: Token, lex: TriggerLexicon) -> Trigger | None:
    lemma = verb_lemma(token, lex.verb_words)
    if lemma not in lex.pair_verbs:  # no pair starts with it: the children cannot make a trigger
        return Trigger(token, *lex.verbs[lemma], token.i, token.i + 1, "verb") if lemma in lex.verbs else None
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            key = (lemma, child.lemma_.lower())
            if key in lex.verb_objects:
                return Trigger(
                    token,
                    *lex.verb_objects[key],
                    min(token.i, child.i),
                    max(token.i, child.i) + 1,
                    "verb_object",
                )
            for grand in child.children:  # "lift a state of emergency", "impose martial law"
                key = (
                    lemma,
                    grand.lemma_.lower()
                    if grand.dep_ == "prep"
                    else f"{grand.lower_} {child.lemma_.lower()}",
                )
                inner = (
                    next((g for g in grand.children if g.dep_ == "pobj"), None)
                    if grand.dep_ == "prep"
                    else None
                )
                if inner is not None and (lemma, inner.lemma_.lower()) in lex.verb_objects:
                    return Trigger(
                        token,
                        *lex.verb_objects[(lemma, inner.lemma_.lower())],
                        token.i,
                        token.i + 1,
                        "verb_object",
                    )
                if grand.dep_ in {"compound", "amod"} and key in lex.verb_objects:
                    start, end = min(token.i, child.i), max(token.i, child.i) + 1  # a span, in order
                    return Trigger(token, *lex.verb_objects[key], start, end, "verb_object")
    for child in token.children:
        # A particle follows its verb ("gave in"): "In the case of …, warnings were given" is no "give in".
        if (
            child.dep_ in PARTICLE_DEPS
            and child.i > token.i
            and (lemma, child.lower_) in lex.phrasal
            and not _dated(child)  # "called ... on Wednesday" is no "call on"
        ):
            return Trigger(token, *lex.phrasal[(lemma, child.lower_)], token.i, child.i + 1, "phrasal")
        if (three := _verb_prep_noun(token, child, lemma, lex)) is not None:
            return three
    if lemma in lex.verbs:
        return Trigger(token, *lex.verbs[lemma], token.i, token.i + 1, "verb")
    return None


def find_triggers(doc, lex: TriggerLexicon, multiword: dict[int, tuple[str, int]]) -> list[Trigger]:
    """Every trigger in ``doc``; ``multiword`` maps the last token of a multi-word noun to
    (phrase, first token)."""
    found: list[Trigger] = []
    pos = doc_pos(doc)
    for token in doc_tokens(doc):
        tag = pos[token.i]
        if tag == "VERB" and _describes_a_noun(token):
            trig = None
        elif tag == "VERB" or (tag == "AUX" and token.lemma_.lower() in lex.verbs):
            trig = _verb_trigger(token, lex)
        elif tag in {"NOUN", "PROPN"} and not _inside_a_name(token, lex):
            trig = _noun_trigger(token, lex, multiword)
        else:
            trig = None
        if trig is not None and not _idiom(trig, lex):
            found.append(trig)
    return found


def _idiom(trig: Trigger, lex: TriggerLexicon) -> bool:
    """A verb in a fixed phrase that reports no event of its type: "pleaded not guilty", "requested
    anonymity", "a report released on Monday", "the plan met with resistance". The phrase's word is
    a dependent of the verb (directly or through a preposition), the noun a participle describes,
    or, for a subordinate verb, a word between it and the verb it hangs from."""
    head = trig.head
    if head.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb_lemma(head, lex.verb_words)
    if lemma in doc_words(head.doc, "attempt_verbs") and any(c.dep_ == "xcomp" for c in head.children):
        return True  # "seeks to stop the transfers": an attempt, the infinitive is the event
    words = lex.idioms.get(lemma)
    if not words:
        return False
    near = [c for c in head.children] + [g for c in head.children if c.dep_ == "prep" for g in c.children]
    if head.dep_ in {"acl", "relcl"}:
        near.append(head.head)
    if head.dep_ in {"advcl", "xcomp", "acl"}:  # "speaking on condition of anonymity to discuss"
        gov = head.head
        near += [t for t in gov.subtree if gov.i < t.i < head.left_edge.i]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in near)


def _describes_a_noun(token: Token) -> bool:
    """A participle before its noun describes a state, it reports no act: "the banned group",
    "prohibited weapons", "the China-funded port", "the signed agreement"."""
    return pos_of(token) == "VERB" and token.dep_ == "amod" and token.i < token.head.i


def _inside_a_name(token: Token, lex: TriggerLexicon) -> bool:
    """A capitalised word inside the name of a body, law or work is part of the name: the "Support"
    of "the African Union Support and Stabilization Mission" is no act of support."""
    if pos_of(token) != "PROPN" or token.ent_type_ not in lex.name_entity_types:
        return False
    return token.ent_iob_ == "I" or (token.i + 1 < len(token.doc) and token.doc[token.i + 1].ent_iob_ == "I")


def _noun_trigger(token: Token, lex: TriggerLexicon, multiword: dict[int, tuple[str, int]]) -> Trigger | None:
    if token.ent_type_ in {"DATE", "TIME"}:
        return None  # "on March 8" is a date, not a march
    if token.i in multiword:
        phrase, first = multiword[token.i]
        return Trigger(token, *lex.multiword_nouns[phrase], first, token.i + 1, "noun")
    if token.dep_ == "compound":
        frame = token.head
        if frame.lemma_.lower() in lex.frame_nouns and token.i + 1 == frame.i:
            for word in (
                token.lower_,
                token.lemma_.lower(),
            ):  # "a mediation effort": the effort carries it
                if word in lex.nouns:
                    return Trigger(frame, *lex.nouns[word], token.i, frame.i + 1, "noun")
        return None
    for word in (token.lower_, token.lemma_.lower()):
        if word in lex.nouns:
            return Trigger(token, *lex.nouns[word], token.i, token.i + 1, "noun")
    return None
