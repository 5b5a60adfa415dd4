"""The word lists of the quotes extractor, read once from ``extract/data/`` (and user lexicon dirs).

``reporting_verbs.yaml`` holds the cue verbs and phrases; ``quote_speakers.yaml`` the speaker words
(anonymous heads, pronouns, back-reference determiners). A file of the same name in one of
``Options.lexicon_dirs`` adds its entries to the bundled lists (``lexicon.load_yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_yaml


@dataclass(frozen=True)
class QuoteLexicon:
    verbs: frozenset[str]
    weak_verbs: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # each phrase as a tuple of lower-case words
    nouns: frozenset[str]
    addressee_preps: frozenset[str]
    addressee_object_verbs: frozenset[str]
    anonymous_heads: frozenset[str]
    pronouns: frozenset[str]
    back_reference_determiners: frozenset[str]
    generic_heads: frozenset[str]
    titles: frozenset[str]
    label_frames: frozenset[tuple[str, str]]  # (verb lemma, preposition or "_" for a bare complement)
    quote_object_verbs: frozenset[str]


def _read_lists(name: str, extra_dirs: tuple[str, ...]) -> dict[str, list[str]]:
    data = load_yaml(name, extra_dirs)
    return {key: [str(v).lower() for v in values or []] for key, values in data.items()}


@lru_cache(maxsize=8)
def load_quote_lexicon(extra_dirs: tuple[str, ...] = ()) -> QuoteLexicon:
    """The merged word lists (cached: the files are read once per set of lexicon dirs)."""
    cues = _read_lists("reporting_verbs.yaml", extra_dirs)
    speakers = _read_lists("quote_speakers.yaml", extra_dirs)

    def words(data: dict[str, list[str]], key: str) -> frozenset[str]:
        return frozenset(data.get(key, []))

    return QuoteLexicon(
        verbs=words(cues, "verbs"),
        weak_verbs=words(cues, "weak_verbs") - words(cues, "verbs"),
        phrases=tuple(tuple(p.split()) for p in cues.get("phrases", [])),
        nouns=words(cues, "nouns"),
        addressee_preps=words(cues, "addressee_preps"),
        addressee_object_verbs=words(cues, "addressee_object_verbs"),
        anonymous_heads=words(speakers, "anonymous_heads"),
        pronouns=words(speakers, "pronouns"),
        back_reference_determiners=words(speakers, "back_reference_determiners"),
        generic_heads=words(speakers, "generic_heads"),
        titles=words(speakers, "titles"),
        label_frames=frozenset(tuple(f.split()) for f in cues.get("label_frames", []) if len(f.split()) == 2),
        quote_object_verbs=words(cues, "quote_object_verbs"),
    )


def reporting_verbs(extra_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """The cue-verb lemmas, for other components (event attribution)."""
    return load_quote_lexicon(extra_dirs).verbs
