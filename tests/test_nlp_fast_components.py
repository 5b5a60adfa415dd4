"""The fast attribute ruler and the memoising lemmatizer assign exactly what spaCy's stock
components assign (nlp/attributes.py, nlp/lemmas.py)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp import load_nlp
from eventwire.nlp.attributes import FACTORY, FastAttributeRuler, compile_rules, use_fast_attribute_ruler
from eventwire.nlp.lemmas import FACTORY as LEMMA_FACTORY
from eventwire.nlp.lemmas import IndexedList, use_memo_lemmatizer
from eventwire.nlp.loader import resolve_model_name

SAMPLES = Path(__file__).parent / "data" / "annotated-samples"
TEXTS = [
    "I told him that they were gonna win, but she ain't sure. There is a road; let's go.",
    "We didn't do it ourselves: you did, and y'all know it.  Has she been there once?",
    "Those who'd left had nothing.\n\nC'mon, the men said, it's the ol' way of doin' things.",
    "The ministry said it would not comment while talks continue, although officials met twice.",
]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(resolve_model_name("en_core_web_sm"))


def attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def random_docs(stock, n: int, seed: int) -> list[Doc]:
    """Documents built from the stock rules themselves: runs of tokens made to match a rule's
    pattern (so every rule, one-token and multi-token, fires) between random tokens drawn from
    what the rules test and from words no rule names (so rules also misfire and overlap)."""
    rules = [p for rule in stock.get_pipe("attribute_ruler").patterns for p in rule["patterns"]]
    pools: dict[str, set[str]] = {
        "LOWER": {"council", "x", "y", "y'", "nuthin'"},
        "TAG": {"NN"},
        "DEP": {"ROOT"},
    }
    for spec in (spec for pattern in rules for spec in pattern):
        for key, value in spec.items():
            found = (
                [value] if isinstance(value, str) else value.get("IN", []) if isinstance(value, dict) else []
            )
            pools.get(key, set()).update(v for v in found if v)
    choices = {key: sorted(values) for key, values in pools.items()}
    rng = random.Random(seed)

    def token(spec: dict) -> tuple[str, str, str]:
        made = {key: rng.choice(values) for key, values in choices.items()}
        for key, value in spec.items():
            if key == "IS_SPACE":
                made["LOWER"] = rng.choice([" ", "\n"]) if value else made["LOWER"]
            elif isinstance(value, str):
                made[key] = value
            elif "IN" in value:
                made[key] = rng.choice(value["IN"])
            elif "REGEX" in value:
                made[key] = rng.choice([w for w in choices[key] if re.search(value["REGEX"], w)])
        word = made["LOWER"].upper() if rng.random() < 0.2 else made["LOWER"]  # LOWER ignores case
        return word, made["TAG"], made["DEP"]

    docs = []
    for _ in range(n):
        made: list[tuple[str, str, str]] = []
        while len(made) < rng.randint(1, 40):
            pattern = rng.choice(rules) if rng.random() < 0.5 else [{}]
            made += [token(spec) for spec in pattern]
        words, tags, deps = zip(*made, strict=True)
        docs.append(
            Doc(stock.vocab, words=list(words), tags=list(tags), deps=list(deps), heads=[0] * len(made))
        )
    return docs


def test_the_ruler_compiles_and_sets_what_the_stock_ruler_sets_on_random_documents(stock):
    ruler = stock.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(stock.vocab, compile_rules(ruler))
    assert fast.rules.multi, "the model's two-token rules are compiled too"
    changed = 0
    for doc in random_docs(stock, 400, seed=7):
        before = attributes(doc)
        a, b = ruler(doc.copy()), fast(doc.copy())
        assert attributes(a) == attributes(b)
        changed += attributes(a) != before
    assert changed > 350  # the rules really did something to compare


def test_the_pipeline_with_both_replacements_parses_like_the_stock_pipeline(stock):
    nlp = spacy.load(resolve_model_name("en_core_web_sm"))
    assert use_fast_attribute_ruler(nlp) and use_memo_lemmatizer(nlp)
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    docs = list(zip(stock.pipe(TEXTS * 2), nlp.pipe(TEXTS * 2), strict=True))  # twice: memo hits
    for a, b in docs:
        assert attributes(a) == attributes(b)
    found = {(t.lower_, t.lemma_, t.pos_) for a, _ in docs for t in a}
    assert {("were", "be", "AUX"), ("him", "he", "PRON"), ("na", "to", "PART")} <= found
    assert any(t.pos_ == "SPACE" for a, _ in docs for t in a)


def test_eventwire_loads_the_fast_components_in_the_stock_places():
    names = load_nlp().pipe_names
    assert FACTORY in names and LEMMA_FACTORY in names
    assert names.index(FACTORY) == names.index("parser") + 1
    assert names.index(LEMMA_FACTORY) == names.index(FACTORY) + 1


def test_the_components_declare_what_they_assign():
    load_nlp()
    assert set(Language.get_factory_meta(FACTORY).assigns) == {
        "token.tag",
        "token.pos",
        "token.morph",
        "token.lemma",
        "token.dep",
    }
    assert Language.get_factory_meta(LEMMA_FACTORY).assigns == ["token.lemma"]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "the", "OP": "+"}],  # an operator
        [{"SHAPE": "Xxxx"}],  # an attribute the compiled tests don't read
        [{"LOWER": {"FUZZY": "the"}}],  # a predicate they don't know
    ],
)
def test_a_ruler_it_cannot_reproduce_stays_the_stock_one(pattern):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([pattern], {"POS": "DET"})
    assert compile_rules(nlp.get_pipe("attribute_ruler")) is None
    assert not use_fast_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def test_a_lemma_set_before_the_lemmatizer_is_kept():
    nlp = spacy.load(resolve_model_name("en_core_web_sm"))
    assert use_fast_attribute_ruler(nlp) and use_memo_lemmatizer(nlp)
    doc = nlp("She was there and he gets it.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["was"] == "be" and lemmas["gets"] == "get"  # set by the ruler's rules


@pytest.mark.parametrize("with_word_rule", [False, True])
def test_a_rule_that_tests_nothing_hits_every_token(with_word_rule):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{}]], {"POS": "X"})
    if with_word_rule:  # a two-token rule whose target (index -1) is the wildcard token
        ruler.add([[{"LOWER": "b"}, {}]], {"LEMMA": "z"}, index=-1)
    fast = FastAttributeRuler(nlp.vocab, compile_rules(ruler))
    a, b = ruler(nlp.make_doc("a B c")), fast(nlp.make_doc("a B c"))
    assert attributes(a) == attributes(b)
    assert [t.pos_ for t in b] == ["X"] * 3
    assert (b[2].lemma_ == "z") is with_word_rule


def test_the_indexed_lemma_lists_answer_membership_like_the_lists():
    words = ["ministry", "talk", "xyzzyq", "", "Ministry"]
    indexed = IndexedList(words[:2])
    assert indexed == words[:2] and list(indexed) == words[:2]
    found = [w in indexed for w in words]
    assert found == [w in words[:2] for w in words] == [True, True, False, False, False]


def test_cold_memo_lemmas_over_the_samples_are_the_stock_lemmas(stock):
    """Every combination is new to a freshly loaded pipeline, so each lemma here goes through the
    stock rule lemmatizer with the indexed lemma lists."""
    nlp = spacy.load(resolve_model_name("en_core_web_sm"))
    assert use_memo_lemmatizer(nlp)
    table = nlp.get_pipe(LEMMA_FACTORY).stock.lookups.get_table("lemma_index")
    assert table and all(isinstance(items, IndexedList) for items in table.values())
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    ours = [[t.lemma_ for t in doc] for doc in nlp.pipe(texts)]
    theirs = [[t.lemma_ for t in doc] for doc in stock.pipe(texts)]
    assert ours == theirs
    changed = {(t.lower_, t.lemma_) for doc in nlp.pipe(texts[:3]) for t in doc if t.lemma_ != t.lower_}
    assert len(changed) > 20  # inflected words whose lemma came out of the rules and lists
