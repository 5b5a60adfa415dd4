"""A cheap language check: English function words against other languages' and non-Latin script.

eventwire's extractor reads English only, so clearly non-English articles are refused with a clear
message instead of producing junk. Text with few function words of any language (score tables,
lists of names) is let through: it may be English and there is no evidence that it is not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import NotEnglishError

MIN_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
WORDS_FILE = Path(__file__).with_name("language_words.yaml")
# Function words are 35-50% of running prose in these languages; 8% is already clear evidence.
MIN_EVIDENCE = 0.16  # with min_ratio 0.5: refuse when another language's function words are 8%+ of words


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data.items()}


def guess_language(text: str) -> tuple[str | None, float]:
    """(language, share of its function words) or (None, 0.0) when there is too little evidence."""
    sample = text[:20000]
    letters = _LETTER.findall(sample)
    if letters and sum(bool(_LATIN.match(ch)) for ch in letters) / len(letters) < 0.5:
        return "non-latin", 0.0
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None, 0.0  # a headline or one sentence: too little to tell ("met" is Dutch too)
    shares = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in function_words().items()}
    lang = max(shares, key=shares.get)
    return lang, shares[lang]


def check_english(text: str, min_ratio: float, source: str | None = None) -> str:
    """Return "en", or raise NotEnglishError when the text is clearly in another language.

    ``min_ratio`` is the fraction of the typical English function-word rate below which a text
    whose best-matching language is not English is refused.
    """
    if min_ratio <= 0:
        return "en"  # the check is switched off
    lang, share = guess_language(text)
    english = _english_share(text)
    if lang == "non-latin":
        raise NotEnglishError(
            "the article is not in English (mostly non-Latin script); "
            "eventwire's extractor reads English only",
            source=source,
        )
    if lang not in (None, "en") and share >= MIN_EVIDENCE * min_ratio and share > 1.2 * english:
        raise NotEnglishError(
            f"the article does not look like English (looks like '{lang}': {share:.0%} of words are its "
            f"function words, {english:.0%} English); eventwire's extractor reads English only",
            source=source,
        )
    return "en"


def _english_share(text: str) -> float:
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    return sum(w in function_words()["en"] for w in words) / len(words) if words else 0.0
