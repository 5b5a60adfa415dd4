"""The extract stage: a parsed, cleaned article in, actors/events/quotes/places/counts/times out.

Each extractor is a component module (``entities``, ``times``, ``places``, ``counts``, ``actors``,
``quotes``, ``events``) whose linguistic knowledge lives in data files under ``extract/data/``.
"""

from __future__ import annotations

from .. import __version__
from ..models import Article, Extraction, Span
from ..options import Options

# Importing the modules registers their components; extract/base.py's ``pipeline`` orders them.
from . import actors, coder, counts, entities, events, places, quotes, times  # noqa: F401
from .base import Context, component, forget_caches, pipeline, remember_text

__all__ = ["extract_article", "extractor_version", "component", "Context"]


def extractor_version() -> str:
    """eventwire's version plus each component's, stored on every record as provenance."""
    parts = ",".join(f"{c.name}={c.version}" for c in pipeline())
    return f"{__version__} ({parts})"


def extract_article(doc, article: Article, options: Options | None = None) -> Extraction:
    """Run every registered component over ``doc`` (a spaCy Doc of ``article.text``)."""
    options = options or Options()
    ctx = Context(doc=doc, article=article, options=options, result=Extraction())
    remember_text(doc, article.text)  # the Doc was parsed from this very string
    ctx.result.sentences = [Span(s.start_char, s.end_char) for s in doc.sents]
    try:
        if options.extract:
            for comp in pipeline():
                try:
                    comp.func(ctx)
                except Exception as exc:  # name the component, so a crash report says which one
                    if not hasattr(exc, "eventwire_component"):
                        exc.eventwire_component = comp.name
                    raise
    finally:
        forget_caches(doc)
    return ctx.result
