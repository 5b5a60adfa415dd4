"""The extractor's component contract, in the spirit of spaCy's pipeline components.

A component is a function ``(ctx: Context) -> None`` registered with ``@component``. It declares
what it reads (``requires``) and what it writes (``assigns``), and carries a version that goes into
every record's provenance. A declared name is one of:

- a field of ``ctx.result`` (an ``Extraction``: ``"places"``, ``"actors"``, ...);
- ``"meta.<key>"``: a key of ``ctx.article.meta`` (``"meta.relevance"``);
- any other name: a product handed to later components that is not part of the extraction, kept in
  ``ctx.scratch`` under that name (the actors' index of the document, ``"actor_index"``).

The run order follows from the declarations (``pipeline``): a component runs after every component
that assigns what it requires. A component that both requires and assigns a name (the coder
rewrites ``events``) runs after the component that first assigns it and before any component that
only reads it. Among components that are ready at the same time the lower ``order`` runs first: a
tie-break that never overrides a declaration, and that keeps the run order (and so the order of the
names in the provenance string) stable whatever order the modules happen to be imported in.

``tests/test_extract_contracts.py`` runs every component over the bundled samples with every read
and write of ``ctx.result``, ``ctx.scratch`` and ``ctx.article.meta`` recorded, and fails when a
component touches a name it did not declare.

Values derived from a declared field and reused within one article (the place covering each token)
are per-Doc caches (``derived``), not products: they hold nothing the field does not.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..models import Article, Extraction
from ..nlp.pos import LEMMA_KEY, LOWER_KEY, POS_KEY
from ..nlp.pos import doc_pos as doc_pos  # the per-Doc POS tags, for the components
from ..nlp.pos import pos_of as pos_of
from ..options import Options

# Assigned by ``extract_article`` before any component runs.
PRESET = frozenset({"sentences"})
META_PREFIX = "meta."


@dataclass
class Context:
    doc: Any  # spacy.tokens.Doc over article.text
    article: Article
    options: Options
    result: Extraction = field(default_factory=Extraction)
    # products that are not part of the extraction, each under the name its writer assigns
    scratch: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Rules handed only tokens read the run's word lists through the Doc (lexicon.doc_words).
        if hasattr(self.doc, "user_data"):
            remember_lexicon_dirs(self.doc, getattr(self.options, "lexicon_dirs", None) or ())


@dataclass(frozen=True)
class ComponentInfo:
    name: str
    func: Callable[[Context], None]
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    order: int = 0  # breaks ties between components that are ready at the same time


REGISTRY: dict[str, ComponentInfo] = {}
_TEXT_KEY = "eventwire_text"
_ENTS_KEY = "eventwire_ents"
_TOKENS_KEY = "eventwire_tokens"
_SENTS_KEY = "eventwire_sents"
_DERIVED_PREFIX = "eventwire_derived:"
_LEXICON_KEY = "eventwire_lexicon_dirs"


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Any) -> str:
    """``span.text`` cut from the Doc's string: spaCy joins a new Token's text per word on every
    access, and the same entity and phrase texts are asked for again and again."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def remember_text(doc: Any, text: str) -> None:
    """Give ``doc_text`` the string the Doc was parsed from, so it never has to rebuild it."""
    doc.user_data.setdefault(_TEXT_KEY, text)


def remember_lexicon_dirs(doc: Any, dirs: Iterable[str]) -> None:
    """The ``--lexicon-dir`` folders this Doc is extracted with, for rules that see only tokens."""
    doc.user_data[_LEXICON_KEY] = tuple(dirs)


def doc_lexicon_dirs(doc: Any) -> tuple[str, ...]:
    """The lexicon dirs remembered for ``doc``; none (the bundled data only) outside a run."""
    return doc.user_data.get(_LEXICON_KEY, ())


def forget_caches(doc: Any) -> None:
    """Drop the per-Doc caches: cached Spans point back at their Doc, and that cycle would keep
    every parsed Doc alive until the cyclic garbage collector runs (RSS grew ~15% without this)."""
    doc.user_data.pop(_ENTS_KEY, None)
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(_LEXICON_KEY, None)
    doc.user_data.pop(_TOKENS_KEY, None)
    doc.user_data.pop(_SENTS_KEY, None)
    doc.user_data.pop(POS_KEY, None)
    doc.user_data.pop(LOWER_KEY, None)
    doc.user_data.pop(LEMMA_KEY, None)
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(_DERIVED_PREFIX)]:
        del doc.user_data[key]


def doc_ents(doc: Any) -> tuple:
    """``doc.ents``, built once per Doc (spaCy builds new Span objects on every access)."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return ents


def doc_tokens(doc: Any) -> tuple:
    """The Doc's tokens, built once per Doc: ``doc[i]`` and ``for t in doc`` make a new Token
    object on every access, and whole-Doc scans and index lookups add up to millions of them."""
    tokens = doc.user_data.get(_TOKENS_KEY)
    if tokens is None:
        tokens = doc.user_data[_TOKENS_KEY] = tuple(doc)
    return tokens


def doc_sents(doc: Any) -> tuple[list[int], tuple]:
    """The sentence starts (token offsets) and the sentences of the Doc, built once per Doc."""
    hit = doc.user_data.get(_SENTS_KEY)
    if hit is None:
        sents = tuple(doc.sents)
        hit = doc.user_data[_SENTS_KEY] = ([s.start for s in sents], sents)
    return hit


def sent_of(token: Any) -> Any:
    """``token.sent`` from the per-Doc sentence list: spaCy's ``Token.sent`` checks the sentence
    annotation of the whole Doc and walks to both sentence ends on every call."""
    starts, sents = doc_sents(token.doc)
    return sents[bisect.bisect_right(starts, token.i) - 1]


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """A sentence as the learned features read it (``start``, ``end``, ``doc`` and its tokens in
    order), iterating the Doc's cached tokens: the modality and mode features scan the trigger's
    whole sentence once per event, and iterating a Span builds a new Token per word."""

    doc: Any
    start: int
    end: int

    @classmethod
    def of(cls, sent: Any) -> SentenceTokens:
        return cls(sent.doc, sent.start, sent.end)

    def __iter__(self) -> Iterator[Any]:
        return iter(doc_tokens(self.doc)[self.start : self.end])

    def __len__(self) -> int:
        return self.end - self.start


def span_ents(span: Any) -> list:
    """The entities wholly inside ``span`` (as ``span.ents``), from the per-Doc cache."""
    return [e for e in doc_ents(span.doc) if span.start <= e.start and e.end <= span.end]


def doc_memo(doc: Any, name: str) -> dict:
    """A dict kept with the Doc until ``forget_caches``, for a pure function of the parse that
    several components call on the same tokens (the noun phrase of a head)."""
    key = _DERIVED_PREFIX + "memo:" + name
    memo = doc.user_data.get(key)
    if memo is None:
        memo = doc.user_data[key] = {}
    return memo


def expanded_span(doc: Any, start: int, end: int) -> Any:
    """``doc.char_span(start, end, alignment_mode="expand")``, once per character range and Doc:
    the coder and the times ask for the same trigger and time spans over and over."""
    memo = doc_memo(doc, "expanded_span")
    key = (start, end)
    if key not in memo:
        memo[key] = doc.char_span(start, end, alignment_mode="expand")
    return memo[key]


def span_root(doc: Any, start: int, end: int) -> Any:
    """The syntactic head of the tokens covering a character range (an event's trigger, an actor's
    words), or None when the range covers no token."""
    memo = doc_memo(doc, "span_root")  # the coder, the check and co-actors ask for the same heads
    key = (start, end)
    if key not in memo:
        span = expanded_span(doc, start, end)
        memo[key] = span.root if span is not None and len(span) else None
    return memo[key]


def overlaps(a: Any, b: Any) -> bool:
    """Two character ranges (actors, mentions: anything with ``start`` and ``end``) share a
    character; False when either is None."""
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def derived(doc: Any, name: str, source: Any, build: Callable[[], Any]) -> Any:
    """A value ``build`` derives from ``source`` (a field of ``ctx.result`` the caller has just
    read), built once per Doc and built again when the field is assigned a new value."""
    key = _DERIVED_PREFIX + name
    hit = doc.user_data.get(key)
    if hit is not None and hit[0] is source:
        return hit[1]
    value = build()
    doc.user_data[key] = (source, value)
    return value


def component(
    name: str,
    *,
    order: int = 0,
    version: str = "0.1",
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
):
    """Register an extractor component (see the module's docstring for ``requires``, ``assigns`` and
    ``order``)."""

    def decorator(func: Callable[[Context], None]):
        REGISTRY[name] = ComponentInfo(name, func, version, tuple(requires), tuple(assigns), order)
        return func

    return decorator


class ContractError(RuntimeError):
    """The components' declarations do not make a pipeline."""


def pipeline(registry: dict[str, ComponentInfo] | None = None) -> list[ComponentInfo]:
    """The registered components in run order, sorted from their declarations.

    Raises ``ContractError`` when a requirement is assigned by no component, when two components
    both first assign the same name, or when the declarations go round in a circle."""
    return list(_sorted(tuple((REGISTRY if registry is None else registry).values())))


@lru_cache(maxsize=8)
def _sorted(comps: tuple[ComponentInfo, ...]) -> tuple[ComponentInfo, ...]:
    creators: dict[str, str] = {}
    for comp in comps:
        for name in set(comp.assigns) - set(comp.requires):
            if name in creators:
                raise ContractError(f"{name!r} is assigned by both {creators[name]!r} and {comp.name!r}")
            creators[name] = comp.name
    after: dict[str, set[str]] = {c.name: set() for c in comps}
    for comp in comps:
        for name in comp.requires:
            if name in PRESET:
                continue
            writers = [c.name for c in comps if name in c.assigns and c.name != comp.name]
            if name in comp.assigns:  # a rewriter runs after the component that first assigns the name
                writers = [creators[name]] if name in creators else []
            if not writers:
                raise ContractError(f"component {comp.name!r} requires {name!r}, which no component assigns")
            after[comp.name].update(writers)
    by_name = {c.name: c for c in comps}
    ready = [(c.order, c.name) for c in comps if not after[c.name]]
    heapq.heapify(ready)
    ordered: list[ComponentInfo] = []
    while ready:
        _, name = heapq.heappop(ready)
        ordered.append(by_name[name])
        for other, waits in after.items():
            if name in waits:
                waits.discard(name)
                if not waits:
                    heapq.heappush(ready, (by_name[other].order, other))
    if len(ordered) != len(comps):
        stuck = sorted(c.name for c in comps if c not in ordered)
        raise ContractError(f"components {stuck} require each other's output")
    return tuple(ordered)


def needed_for(names: Iterable[str], registry: dict[str, ComponentInfo] | None = None) -> list[ComponentInfo]:
    """The components that must run to produce ``names``, in run order."""
    order = pipeline(registry)
    wanted, needed = set(names), set()
    for comp in reversed(order):
        if wanted & set(comp.assigns):
            needed.add(comp.name)
            wanted |= set(comp.requires)
    return [c for c in order if c.name in needed]
