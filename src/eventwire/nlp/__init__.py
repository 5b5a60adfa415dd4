"""The NLP stage: one spaCy pipeline per process, texts parsed in batches with ``nlp.pipe``."""

from .loader import load_nlp

__all__ = ["load_nlp"]
