"""Every token's children in the parse, read once per Doc.

``Token.children``, ``lefts`` and ``rights`` are generators that scan the token's edges and build a
new Token object for every child on every call; the extractor asks for them hundreds of thousands
of times a pass. ``children_of`` and friends return the same tokens, in the same order (the index
order spaCy yields them in), from tuples built once per Doc; ``extract.base.forget_caches`` drops
them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

TREE_KEY = "eventwire_tree"
_TOKENS_KEY = "eventwire_tokens"  # extract.base's cached token tuple, when it has been built


def _tree(doc: Any) -> tuple[dict[int, tuple], dict[int, tuple], dict[int, tuple]]:
    """(children, lefts, rights) of the tokens that have any, by token index."""
    hit = doc.user_data.get(TREE_KEY)
    if hit is None:
        tokens = doc.user_data.get(_TOKENS_KEY) or tuple(doc)
        lefts: dict[int, list] = {}
        rights: dict[int, list] = {}
        # HEAD holds each head's offset from the token (negative ones wrapped round as unsigned)
        for i, offset in enumerate(doc.to_array("HEAD").view(np.int64).tolist()):
            if offset > 0:  # in index order, so each list is in the order spaCy yields
                lefts.setdefault(i + offset, []).append(tokens[i])
            elif offset < 0:
                rights.setdefault(i + offset, []).append(tokens[i])
        children = {
            h: tuple(lefts.get(h, ())) + tuple(rights.get(h, ())) for h in lefts.keys() | rights.keys()
        }
        hit = doc.user_data[TREE_KEY] = (
            children,
            {h: tuple(kids) for h, kids in lefts.items()},
            {h: tuple(kids) for h, kids in rights.items()},
        )
    return hit


def children_of(token: Any) -> tuple:
    """``tuple(token.children)``."""
    return _tree(token.doc)[0].get(token.i, ())


def lefts_of(token: Any) -> tuple:
    """``tuple(token.lefts)``."""
    return _tree(token.doc)[1].get(token.i, ())


def rights_of(token: Any) -> tuple:
    """``tuple(token.rights)``."""
    return _tree(token.doc)[2].get(token.i, ())
