"""Every token's coarse part of speech and lower-case form, read once per Doc.

spaCy's ``Token.pos_`` turns the POS id into a Python enum member on every read: the costliest
token attribute, read about a million times a pass over the VOA stories (8 % of the extractor's
instructions). ``doc_pos`` reads the POS column once; ``extract.base.forget_caches`` drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.parts_of_speech import NAMES

POS_KEY = "eventwire_pos"
_NAMES = {int(pos_id): name for pos_id, name in NAMES.items()}  # POS id -> "NOUN"; "" when untagged


def _per_doc(doc: Any, key: str, build: Callable[[Any], tuple[str, ...]]) -> tuple[str, ...]:
    """The tuple ``build(doc)``, built once and kept in the Doc's user data under ``key``."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = build(doc)
    return found


def doc_pos(doc: Any) -> tuple[str, ...]:
    """``token.pos_`` of every token of ``doc``, by token index."""
    return _per_doc(doc, POS_KEY, lambda d: tuple(map(_NAMES.__getitem__, d.to_array("POS").tolist())))


def pos_of(token: Any) -> str:
    """``token.pos_``, from the per-Doc tuple."""
    # the tuple read inline: called several hundred thousand times a pass, two calls fewer each
    found = token.doc.user_data.get(POS_KEY)
    return (found if found is not None else doc_pos(token.doc))[token.i]


LOWER_KEY = "eventwire_lower"


def doc_lower(doc: Any) -> tuple[str, ...]:
    """``token.lower_`` of every token of ``doc``, by token index: spaCy decodes a new string from
    its string store on every read, and the rules read each token's about thirty times a pass."""
    # the LOWER column holds the string's hash: no Token is built
    return _per_doc(
        doc, LOWER_KEY, lambda d: tuple(map(d.vocab.strings.__getitem__, d.to_array("LOWER").tolist()))
    )


def lower_of(token: Any) -> str:
    """``token.lower_``, from the per-Doc tuple."""
    # the tuple read inline: called several hundred thousand times a pass, two calls fewer each
    found = token.doc.user_data.get(LOWER_KEY)
    return (found if found is not None else doc_lower(token.doc))[token.i]


LEMMA_KEY = "eventwire_lemma_lower"


def doc_lemma_lower(doc: Any) -> tuple[str, ...]:
    """``token.lemma_.lower()`` of every token of ``doc``, by token index (the rules compare
    lower-cased lemmas with their word lists about a hundred thousand times a pass)."""
    return _per_doc(
        doc, LEMMA_KEY, lambda d: tuple(d.vocab.strings[h].lower() for h in d.to_array("LEMMA").tolist())
    )
