"""Every token's children in the parse, read once per Doc.

``Token.children``, ``lefts`` and ``rights`` are generators that scan the token's edges and build a
new Token object for every child on every call; the extractor asks for them hundreds of thousands
of times a pass. ``children_of`` and friends return the same tokens, in the same order (the index
order spaCy yields them in), from tuples built once per Doc; ``extract.base.forget_caches`` drops
them.
"""

from __future__ import annotations

from typing import Any

TREE_KEY = "eventwire_tree"
_TOKENS_KEY = "eventwire_tokens"  # extract.base's cached token tuple, when it has been built


def _tree(doc: Any) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """(children, lefts, rights) of every token, by token index."""
    hit = doc.user_data.get(TREE_KEY)
    if hit is None:
        tokens = doc.user_data.get(_TOKENS_KEY) or tuple(doc)
        lefts: list[list] = [[] for _ in tokens]
        rights: list[list] = [[] for _ in tokens]
        for token in tokens:  # in index order, so each list is in the order spaCy yields
            head = token.head.i
            if head > token.i:
                lefts[head].append(token)
            elif head < token.i:
                rights[head].append(token)
        hit = doc.user_data[TREE_KEY] = (
            [tuple(a + b) for a, b in zip(lefts, rights, strict=True)],
            [tuple(a) for a in lefts],
            [tuple(b) for b in rights],
        )
    return hit


def children_of(token: Any) -> tuple:
    """``tuple(token.children)``."""
    return _tree(token.doc)[0][token.i]


def lefts_of(token: Any) -> tuple:
    """``tuple(token.lefts)``."""
    return _tree(token.doc)[1][token.i]


def rights_of(token: Any) -> tuple:
    """``tuple(token.rights)``."""
    return _tree(token.doc)[2][token.i]
