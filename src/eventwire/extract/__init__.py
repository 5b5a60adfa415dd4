"""The extract stage: a parsed, cleaned article in, actors/events/quotes/places/counts/times out.

Each extractor is a component module (``entities``, ``times``, ``places``, ``counts``, ``actors``,
``quotes``, ``events``, ``coder``, ``coactors``) whose linguistic knowledge lives in data files under
``extract/data/``.
"""

from __future__ import annotations

import re

from .. import __version__
from ..errors import InputError
from ..models import Article, Extraction, Span
from ..options import Options

# Importing the modules registers their components; extract/base.py's ``pipeline`` orders them.
from . import actors, coactors, coder, counts, entities, events, places, quotes, times  # noqa: F401
from .base import Context, component, forget_caches, pipeline, remember_text

__all__ = ["extract_article", "extractor_version", "component", "Context"]


def check_user_data(options: Options) -> None:
    """Load every data file once with the user's ``--lexicon-dir`` folders, so a broken file is one
    error before the run (``InputError``), not an internal error on every article. The loaded data
    stays cached for the run."""
    from ..kb import load_kb
    from .actor_lexicon import actor_entries, actor_patterns
    from .counts import count_lexicon
    from .event_lexicon import modality_lexicon, trigger_lexicon
    from .gazetteer import curated_names
    from .lexicon import _word_classes
    from .numbers import number_words
    from .quote_lexicon import load_quote_lexicon
    from .timex import time_words

    dirs = tuple(options.lexicon_dirs)
    if not dirs:
        return
    loaders = (_word_classes, trigger_lexicon, modality_lexicon, actor_patterns, actor_entries)
    loaders += (load_quote_lexicon, count_lexicon, number_words, time_words, curated_names, load_kb)
    try:
        for loader in loaders:
            loader(dirs)
    except InputError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, re.error) as exc:
        message = " ".join(str(exc).split())
        raise InputError(f"a data file in --lexicon-dir could not be read: {message}") from None


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
