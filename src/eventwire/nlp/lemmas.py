"""The stock rule lemmatizer's lemmas, remembered per (form, part of speech, morphology).

spaCy's rule lemmatizer is a pure function of a token's form, coarse part of speech and
morphological features (its own cache is keyed on exactly those three), but it still builds a
Token, a MorphAnalysis and a cache key in Python for every token of every document. This wrapper
reads the three values for the whole document at once, answers from its own memo and asks the
stock lemmatizer only about combinations it has not seen, so the lemmas are the stock component's
by construction. Like the stock component (``overwrite=False``), it leaves a lemma that an earlier
component set (the attribute ruler's "be" for "was") untouched.

What the stock lemmatizer costs on a combination it has not seen goes mostly to ``form in index``
on its word lists (57,000 nouns in a Python list, scanned for every candidate form), so the wrapper
gives those lists a set beside them for the membership test (``IndexedList``): same answers, and
still the stock code that decides.
"""

from __future__ import annotations

from typing import Any

FACTORY = "eventwire_lemmatizer"
STOCK = "lemmatizer"
MEMO_LIMIT = 200_000  # combinations remembered before the memo is emptied
# The stock lemmatizer of each loaded pipeline, by its vocab's id: extractors that hold only a Doc
# ask it for its tables without loading a second pipeline.
_STOCK_BY_VOCAB: dict[int, Any] = {}
_VERBS_BY_VOCAB: dict[int, frozenset[str]] = {}


class IndexedList(list):
    """A list of lemmas that answers ``in`` from a frozenset of its items (strings compare equal
    exactly when they hash and compare equal in a set, so the answers are the list's)."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def index_lemma_lists(stock: Any) -> None:
    """Give the stock lemmatizer's per-part-of-speech lemma lists a fast membership test."""
    table = stock.lookups.get_table("lemma_index", {})
    for key, items in list(table.items()):
        if isinstance(items, list) and not isinstance(items, IndexedList):
            table[key] = IndexedList(items)


class MemoLemmatizer:
    """The stock rule lemmatizer behind a memo (see the module docstring)."""

    def __init__(self, stock: Any) -> None:
        self.stock = stock
        self.vocab = stock.vocab
        index_lemma_lists(stock)
        _STOCK_BY_VOCAB[id(stock.vocab)] = stock
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        memo = self._memo
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                continue  # set by an earlier component; the stock lemmatizer keeps it too
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = self._learn(doc[i], key)
            doc[i].lemma = value
        return doc

    def _learn(self, token: Any, key: tuple[int, int, int]) -> int:
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        value = self._memo[key] = self.vocab.strings.add(self.stock.lemmatize(token)[0])
        return value


def verb_lemmas(vocab: Any) -> frozenset[str] | None:
    """The stock lemmatizer's list of verb lemmas, for the pipeline whose vocab is ``vocab`` (None
    when no memo lemmatizer was made for it)."""
    key = id(vocab)
    if key not in _VERBS_BY_VOCAB:
        stock = _STOCK_BY_VOCAB.get(key)
        if stock is None:
            return None
        _VERBS_BY_VOCAB[key] = frozenset(stock.lookups.get_table("lemma_index")["verb"])
    return _VERBS_BY_VOCAB[key]


def make_memo_lemmatizer(nlp: Any, name: str) -> MemoLemmatizer:
    """spaCy factory: wrap the stock lemmatizer already in ``nlp``'s pipeline."""
    return MemoLemmatizer(nlp.get_pipe(STOCK))


def use_memo_lemmatizer(nlp: Any) -> bool:
    """Put the memoising wrapper in the stock rule lemmatizer's place; False when it is not there."""
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer

    stock = nlp.get_pipe(STOCK) if STOCK in nlp.pipe_names else None
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule" or stock.overwrite:
        return False
    if not stock._validated:
        stock._validate_tables()  # what the stock component checks before its first document
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, assigns=["token.lemma"])(make_memo_lemmatizer)
    nlp.add_pipe(FACTORY, after=STOCK)
    nlp.remove_pipe(STOCK)
    return True
