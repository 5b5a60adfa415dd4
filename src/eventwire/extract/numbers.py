"""Reading numbers written in digits or words ("1,200", "two hundred", "a dozen", "dozens").

The vocabulary lives in ``data/number_words.yaml`` (and the ``number_openers`` and
``article_multipliers`` word classes), read per set of lexicon dirs: every function takes the
``dirs`` of the run (``Options.lexicon_dirs``). ``read_number`` works on a list of spaCy tokens (or
anything with ``.text``/``.lower_``) and reports where the number ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Dirs, load_yaml, word_class

NUMBER_WORDS_YAML = "number_words.yaml"
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, float]
    scales: dict[str, float]
    vague: dict[tuple[str, ...], float]  # vague plural -> the lower bound it guarantees
    fractions: dict[tuple[str, ...], float]
    qualifiers_before: dict[tuple[str, ...], str]
    qualifiers_after: dict[tuple[str, ...], str]
    range_words: frozenset[str]
    openers: frozenset[str] = frozenset()  # words that open a number ("a", "an"): word_classes.yaml
    article_multipliers: frozenset[str] = frozenset()  # "a dozen", "a hundred"
    vague_openers: frozenset[str] = frozenset()  # first words of ``vague``: a set, read for every token


@dataclass(frozen=True)
class NumberMatch:
    value: float
    start: int  # index of the first token in the list given to read_number
    end: int  # index after the last token
    vague: bool = False  # "dozens", "hundreds": ``value`` is the lower bound the words guarantee
    fraction: bool = False


def _phrase_keys(mapping: dict) -> dict[tuple[str, ...], object]:
    return {tuple(str(k).lower().split()): v for k, v in mapping.items()}


@lru_cache(maxsize=8)
def number_words(dirs: Dirs = ()) -> NumberWords:
    data = load_yaml(NUMBER_WORDS_YAML, dirs)
    vague = {k: float(v) for k, v in _phrase_keys(data["vague"]).items()}
    return NumberWords(
        units={str(k).lower(): float(v) for k, v in data["units"].items()},
        scales={str(k).lower(): float(v) for k, v in data["scales"].items()},
        vague=vague,
        fractions={k: float(v) for k, v in _phrase_keys(data["fractions"]).items()},
        qualifiers_before=_phrase_keys(data["qualifiers_before"]),
        qualifiers_after=_phrase_keys(data["qualifiers_after"]),
        range_words=frozenset(str(w).lower() for w in data["range_words"]),
        openers=word_class("number_openers", dirs),
        article_multipliers=word_class("article_multipliers", dirs),
        vague_openers=frozenset(k[0] for k in vague),
    )


def starts_number(lower: str, dirs: Dirs = ()) -> bool:
    """Cheap pre-check: could a number begin with this (lower-cased) token?"""
    words = number_words(dirs)
    return (
        bool(lower[:1].isdigit())
        or lower in words.units
        or lower in words.openers
        or lower in words.vague_openers
        or lower.split("-")[0] in words.units
    )


def digits_value(text: str) -> float | None:
    text = text.rstrip("+")
    return float(text.replace(",", "")) if _DIGITS.match(text) else None


def word_value(lower: str, dirs: Dirs = ()) -> float | None:
    """ "five" → 5, "twenty-five" → 25."""
    words = number_words(dirs)
    if lower in words.units:
        return words.units[lower]
    parts = lower.split("-")
    if len(parts) == 2 and parts[0] in words.units and parts[1] in words.units:
        return words.units[parts[0]] + words.units[parts[1]]
    return None


def read_number(tokens, i: int, dirs: Dirs = ()) -> NumberMatch | None:
    """The number starting at ``tokens[i]``, or None."""
    words = number_words(dirs)
    lowers = [t.lower_ for t in tokens[i : i + 4]]
    for size in (3, 2, 1):  # vague plurals first: "tens of thousands" before "tens"
        key = tuple(lowers[:size])
        if len(key) == size and key in words.vague:  # a short tail must not claim 3 tokens
            return NumberMatch(words.vague[key], i, i + size, vague=True)
    fraction = _read_fraction(lowers, words)
    if fraction is not None:
        value, size = fraction
        return NumberMatch(value, i, i + size, fraction=True)
    start = i
    if lowers[0] in {"a", "an"}:
        if len(lowers) < 2 or lowers[1] not in words.article_multipliers:
            return None
        i += 1
    return _read_cardinal(tokens, start, i, dirs)


def _read_fraction(lowers: list[str], words: NumberWords) -> tuple[float, int] | None:
    for size in (2, 1):
        key = tuple(lowers[:size])
        if len(key) == size and key in words.fractions and (size == 2 or key[0] in {"half"} or "-" in key[0]):
            return words.fractions[key], size
    if len(lowers) >= 2 and lowers[0] in {"a", "one"} and (lowers[1],) in words.fractions:
        return words.fractions[(lowers[1],)], 2
    return None


def _read_cardinal(tokens, start: int, i: int, dirs: Dirs) -> NumberMatch | None:
    """Digits or number words, with scale words ("1.2 million", "two hundred thousand")."""
    words = number_words(dirs)
    first = tokens[i].lower_
    value = digits_value(first) if first[:1].isdigit() else word_value(first, dirs)
    if value is None:
        if first in words.scales and i > start:  # "a hundred"
            value = 1.0
        else:
            return None
    else:
        i += 1
    total, current = 0.0, value
    while i < len(tokens):
        lower = tokens[i].lower_
        if lower in words.scales:
            current *= words.scales[lower]
            if words.scales[lower] >= 1000:
                total, current = total + current, 0.0
        elif (
            (extra := word_value(lower, dirs)) is not None
            and current
            and extra < current
            and not lower[:1].isdigit()
        ):
            current += extra  # "two hundred five"
        elif (
            lower == "and"
            and i + 1 < len(tokens)
            and word_value(tokens[i + 1].lower_, dirs) is not None
            and total + current >= 100
        ):
            pass  # "two hundred and five"
        else:
            break
        i += 1
    return NumberMatch(total + current, start, i)
