"""Extractor rules on hand-built Docs: words, heads, dependency labels, tags and entities given.

These tests need no statistical model: the parse is written out, so a rule's test fails only when
the rule changes, never when the model parses a sentence differently. Loading a model fails here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.models import Actor, Event, Evidence, Place

# Universal POS tag for each fine-grained tag used below.
_POS = {
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "NN": "NOUN",
    "NNS": "NOUN",
    "VB": "VERB",
    "VBD": "VERB",
    "VBN": "VERB",
    "VBZ": "VERB",
    "VBP": "VERB",
    "VBG": "VERB",
    "MD": "AUX",
    "AUX": "AUX",
    "RB": "PART",
    "ADV": "ADV",
    "IN": "ADP",
    "DT": "DET",
    "CD": "NUM",
    "JJ": "ADJ",
    "JJS": "ADJ",
    "PRP": "PRON",
    "PRP$": "PRON",
    "RP": "ADP",
    "WP": "PRON",
    "CC": "CCONJ",
    "POS": "PART",
    "TO": "PART",
    ",": "PUNCT",
    ".": "PUNCT",
    "``": "PUNCT",
    "''": "PUNCT",
}
_VOCAB = spacy.blank("en").vocab


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    """Any attempt to load the statistical model fails the test."""
    import eventwire.extract.events
    import eventwire.nlp
    import eventwire.nlp.loader

    def refuse(*args, **kwargs):
        raise AssertionError("a hand-built rule test tried to load the spaCy model")

    for module in (eventwire.nlp, eventwire.nlp.loader, eventwire.extract.events):
        monkeypatch.setattr(module, "load_nlp", refuse)


def hand_doc(rows: str, ents: list[tuple[str, int, int]] = ()) -> Doc:
    """A parsed Doc from one line per token: ``word head dep tag [lemma]`` (head: the index of the
    head token, the token's own index for the root). ``ents``: (label, start, end) token spans."""
    words, heads, deps, tags, pos, lemmas = [], [], [], [], [], []
    for line in rows.strip().splitlines():
        word, head, dep, tag, *lemma = line.split()
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        tags.append(tag)
        pos.append("AUX" if tag == "VBD" and word.lower() in {"was", "were", "did"} else _POS[tag])
        lemmas.append(lemma[0] if lemma else word.lower())
    ent_tags = ["O"] * len(words)
    for label, start, end in ents:
        ent_tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            ent_tags[i] = f"I-{label}"
    return Doc(_VOCAB, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas, ents=ent_tags)


def token(doc: Doc, word: str):
    return next(t for t in doc if t.text == word)


# --- modality ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mlex():
    from eventwire.extract.event_lexicon import modality_lexicon

    return modality_lexicon(())


def modality(doc: Doc, trigger: str, mlex, published: str | None = "2024-04-14") -> str:
    from eventwire.extract.modality import modality_of

    return modality_of(token(doc, trigger), published, mlex)


def test_a_negation_on_the_trigger_negates_the_event(mlex):
    doc = hand_doc("""
        Israel 3 nsubj NNP
        did 3 aux VBD do
        not 3 neg RB
        attack 3 ROOT VB
        Iran 3 dobj NNP
        . 3 punct .
    """)
    assert modality(doc, "attack", mlex) == "negated"


def test_a_negating_governor_negates_its_complement(mlex):
    doc = hand_doc("""
        Defences 1 nsubj NNS defence
        failed 1 ROOT VBD fail
        to 3 aux TO
        intercept 1 xcomp VB
        the 5 det DT
        drones 3 dobj NNS drone
        . 1 punct .
    """)
    assert modality(doc, "intercept", mlex) == "negated"


def test_a_conditional_marker_makes_the_event_hypothetical(mlex):
    doc = hand_doc("""
        If 2 mark IN
        Israel 2 nsubj NNP
        attacks 6 advcl VBZ attack
        , 6 punct ,
        Iran 6 nsubj NNP
        will 6 aux MD
        respond 6 ROOT VB
        . 6 punct .
    """)
    assert modality(doc, "attacks", mlex) == "hypothetical"
    # the consequent is as hypothetical as its condition (docs/annotation.md: "if" makes an event
    # hypothetical; the VOA annotations code "if X, Y will Z" so, issue 14's conditionals)
    assert modality(doc, "respond", mlex) == "hypothetical"


def test_a_future_modal_makes_the_event_future(mlex):
    doc = hand_doc("""
        Iran 2 nsubj NNP
        will 2 aux MD
        attack 2 ROOT VB
        Israel 2 dobj NNP
        . 2 punct .
    """)
    assert modality(doc, "attack", mlex) == "future"


def test_the_reporting_verb_lends_no_tense_to_the_event(mlex):
    doc = hand_doc("""
        Officials 2 nsubj NNS official
        will 2 aux MD
        say 2 ROOT VB
        Iran 4 nsubj NNP
        attacked 2 ccomp VBD attack
        Israel 4 dobj NNP
        . 2 punct .
    """)
    assert modality(doc, "attacked", mlex) == "asserted"


def test_a_past_year_in_the_events_time_phrase_makes_it_historical(mlex):
    doc = hand_doc(
        """
        Trump 1 nsubj NNP
        met 1 ROOT VBD meet
        Kim 1 dobj NNP
        in 1 prep IN
        2018 3 pobj CD
        . 1 punct .
    """,
        ents=[("PERSON", 0, 1), ("PERSON", 2, 3), ("DATE", 4, 5)],
    )
    assert modality(doc, "met", mlex, published="2024-04-14") == "historical"
    assert modality(doc, "met", mlex, published="2018-01-01") == "asserted"  # not before publication
    assert modality(doc, "met", mlex, published=None) == "asserted"  # no date to compare with


def test_a_year_naming_a_thing_does_not_date_the_event(mlex):
    doc = hand_doc(
        """
        Iran 1 nsubj NNP
        signed 1 ROOT VBD sign
        the 4 det DT
        2018 4 nummod CD
        agreement 1 dobj NN
        . 1 punct .
    """,
        ents=[("GPE", 0, 1), ("DATE", 3, 4)],
    )
    assert modality(doc, "signed", mlex) == "asserted"


# --- event roles ---------------------------------------------------------------------------------

COUNTRIES = {"Israel": "ISR", "Iran": "IRN", "Yemen": "YEM", "Eilat": "ISR", "Houthis": "YEM"}


@pytest.fixture
def named_actors(monkeypatch):
    """Every proper noun of COUNTRIES is an actor of that country, and nothing else is: the roles
    are then what the parse says, whatever the actor coder would make of the words."""
    from eventwire.extract import event_roles

    def actor_at(ctx, tok, *, facility=True):
        if tok is None or tok.text not in COUNTRIES:
            return None
        return Actor(tok.text, tok.text, tok.idx, tok.idx + len(tok.text), country=COUNTRIES[tok.text])

    monkeypatch.setattr(event_roles, "actor_at", actor_at)
    monkeypatch.setattr(event_roles, "actor_index", lambda ctx: SimpleNamespace(from_context=set()))
    return SimpleNamespace()


def roles(ctx, doc: Doc, verb: str, **kwargs) -> tuple[str | None, str | None]:
    from eventwire.extract.event_roles import verb_roles

    source, target = verb_roles(ctx, token(doc, verb), None, **kwargs)
    return (source.text if source else None, target.text if target else None)


def test_subject_and_object_are_source_and_target(named_actors):
    doc = hand_doc("""
        Israel 1 nsubj NNP
        attacked 1 ROOT VBD attack
        Iran 1 dobj NNP
        . 1 punct .
    """)
    assert roles(named_actors, doc, "attacked") == ("Israel", "Iran")


def test_the_agent_of_a_passive_is_the_source_and_its_subject_the_target(named_actors):
    from eventwire.extract.event_roles import subject_of

    doc = hand_doc("""
        Iran 2 nsubjpass NNP
        was 2 auxpass VBD be
        attacked 2 ROOT VBN attack
        by 2 agent IN
        Israel 3 pobj NNP
        . 2 punct .
    """)
    assert subject_of(token(doc, "attacked")).text == "Israel"
    assert roles(named_actors, doc, "attacked") == ("Israel", "Iran")


def test_a_passive_without_agent_has_its_subject_as_target(named_actors):
    doc = hand_doc("""
        Iran 2 nsubjpass NNP
        was 2 auxpass VBD be
        attacked 2 ROOT VBN attack
        . 2 punct .
    """)
    assert roles(named_actors, doc, "attacked") == (None, "Iran")


def test_an_attacks_from_phrase_is_its_origin_not_its_target(named_actors):
    doc = hand_doc("""
        Houthis 1 nsubj NNPS
        fired 1 ROOT VBD fire
        missiles 1 dobj NNS missile
        from 1 prep IN
        Yemen 3 pobj NNP
        at 1 prep IN
        Eilat 5 pobj NNP
        . 1 punct .
    """)
    assert roles(named_actors, doc, "fired", origin_from=True) == ("Houthis", "Eilat")
    assert roles(named_actors, doc, "fired") == ("Houthis", "Yemen")  # other verbs: "from" is a target


def test_a_complement_borrows_its_governors_subject():
    from eventwire.extract.event_roles import subject_of

    doc = hand_doc("""
        Israel 1 nsubj NNP
        threatened 1 ROOT VBD threaten
        to 3 aux TO
        strike 1 xcomp VB
        Iran 3 dobj NNP
        . 1 punct .
    """)
    assert subject_of(token(doc, "strike")).text == "Israel"


def test_a_passive_clause_beside_the_verb_borrows_no_doer_from_it(named_actors):
    """ "Israel condemned the raid, as Iranians were killed": whoever condemned did not kill; an
    active clause in the same place still borrows its governor's subject."""
    from eventwire.extract.event_roles import subject_of

    passive = hand_doc("""
        Israel 1 nsubj NNP
        condemned 1 ROOT VBD condemn
        the 3 det DT
        raid 1 dobj NN
        , 1 punct ,
        as 8 mark IN
        Iran 8 nsubjpass NNP
        was 8 auxpass VBD be
        attacked 1 advcl VBN attack
        . 1 punct .
    """)
    assert subject_of(token(passive, "attacked")) is None
    assert roles(named_actors, passive, "attacked") == (None, "Iran")
    active = hand_doc("""
        Israel 1 nsubj NNP
        condemned 1 ROOT VBD condemn
        the 3 det DT
        raid 1 dobj NN
        , 1 punct ,
        before 6 mark IN
        attacking 1 advcl VBG attack
        Iran 6 dobj NNP
        . 1 punct .
    """)
    assert subject_of(token(active, "attacking")).text == "Israel"


def test_an_unresolved_named_target_takes_no_country_from_another_place():
    from eventwire.extract.event_context import implied_target
    from eventwire.extract.event_lexicon import Trigger

    doc = hand_doc("""
        Gunmen 3 nsubj NNS gunman
        from 0 prep IN
        Niger 1 pobj NNP
        attacked 3 ROOT VBD attack
        Zalbaragou 3 dobj NNP
        villagers 3 dobj NNS villager
        in 3 prep IN
        Mali 6 pobj NNP
        . 3 punct .
    """)
    verb = token(doc, "attacked")
    trig = Trigger(verb, "ASSAULT", None, verb.i, verb.i + 1, "verb")
    mali = token(doc, "Mali")
    where = Place("Mali", "Mali", mali.idx, mali.idx + 4, country="MLI", kind="country")

    def event_on(word: str) -> Event:
        tok = token(doc, word)
        target = Actor(word, word, tok.idx, tok.idx + len(word), sector="CVL")
        return Event("ASSAULT", "attacked", Evidence(0, 0, 0, 0), target=target, location=where)

    named = event_on("Zalbaragou")
    implied_target(named, trig, frozenset())
    assert named.target.country is None  # a name of its own: no country from Mali
    common = event_on("villagers")
    implied_target(common, trig, frozenset())
    assert common.target.country == "MLI"  # "villagers in Mali" are Malian


# --- counts --------------------------------------------------------------------------------------


def counts(doc: Doc):
    from eventwire.extract.counts import _counts_in_tokens

    return [(c.value, c.qualifier, c.unit, c.category, c.text) for c in _counts_in_tokens(list(doc))]


def test_a_number_and_its_noun_make_a_count():
    doc = hand_doc("""
        Iran 1 nsubj NNP
        fired 1 ROOT VBD fire
        at 4 advmod RB
        least 2 pobj JJS
        nine 6 nummod CD
        ballistic 6 amod JJ
        missiles 1 dobj NNS missile
        . 1 punct .
    """)
    assert counts(doc) == [(9, "at_least", "ballistic missile", "weapon", "at least nine ballistic missiles")]


def test_people_counted_take_the_verb_they_undergo():
    doc = hand_doc("""
        Police 1 nsubj NNS police
        arrested 1 ROOT VBD arrest
        40 3 nummod CD
        protesters 1 dobj NNS protester
        . 1 punct .
    """)
    assert counts(doc) == [(40, "exact", "arrested", "arrested", "40 protesters")]


def test_a_year_or_a_date_is_no_count():
    doc = hand_doc(
        """
        Talks 1 nsubj NNS talk
        began 1 ROOT VBD begin
        in 1 prep IN
        2019 2 pobj CD
        with 1 prep IN
        12 6 nummod CD
        delegates 4 pobj NNS delegate
        . 1 punct .
    """,
        ents=[("DATE", 3, 4)],
    )
    assert [c[0] for c in counts(doc)] == [12]


# --- quote cues ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qlex():
    from eventwire.extract.quote_lexicon import load_quote_lexicon

    return load_quote_lexicon(())


def test_a_cue_verb_governing_the_quotation_is_its_cue(qlex):
    from eventwire.extract.quote_cues import direct_cue

    doc = hand_doc("""
        “ 2 punct ``
        We 2 nsubj PRP
        are 8 ccomp VBP be
        ready 2 acomp JJ
        , 8 punct ,
        ” 8 punct ''
        the 7 det DT
        minister 8 nsubj NN
        said 8 ROOT VBD say
        . 8 punct .
    """)
    cue = direct_cue(doc, doc[1:5], doc[0:6], set(range(0, 6)), qlex)
    assert cue is not None and cue.token.text == "said" and cue.linked
    assert cue.subject is not None and cue.subject.text == "minister"


def test_a_verb_that_is_no_cue_gives_no_quote(qlex):
    from eventwire.extract.quote_cues import direct_cue, indirect_quotes

    doc = hand_doc("""
        “ 2 punct ``
        We 2 nsubj PRP
        are 8 ccomp VBP be
        ready 2 acomp JJ
        , 8 punct ,
        ” 8 punct ''
        the 7 det DT
        minister 8 nsubj NN
        smiled 8 ROOT VBD smile
        . 8 punct .
    """)
    assert direct_cue(doc, doc[1:5], doc[0:6], set(range(0, 6)), qlex) is None
    assert indirect_quotes(doc, qlex, set()) == []


def test_the_complement_of_a_cue_verb_is_an_indirect_quote(qlex):
    from eventwire.extract.quote_cues import indirect_quotes

    doc = hand_doc("""
        The 1 det DT
        ministry 2 nsubj NN
        said 2 ROOT VBD say
        that 6 mark IN
        Iran 6 nsubj NNP
        had 6 aux VBD have
        violated 2 ccomp VBN violate
        the 8 det DT
        truce 6 dobj NN
        . 2 punct .
    """)
    (found,) = indirect_quotes(doc, qlex, set())
    assert doc[found.start : found.end].text == "that Iran had violated the truce"
    assert found.cue.token.text == "said" and found.cue.subject.text == "ministry"


def test_a_reported_question_is_no_claim(qlex):
    from eventwire.extract.quote_cues import indirect_quotes

    doc = hand_doc("""
        Reporters 1 nsubj NNS reporter
        asked 1 ROOT VBD ask
        whether 5 mark IN
        Iran 5 nsubj NNP
        had 5 aux VBD have
        attacked 1 ccomp VBN attack
        . 1 punct .
    """)
    assert indirect_quotes(doc, qlex, set()) == []
