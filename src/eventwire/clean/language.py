"""Which language an article is in: py3langid (its model ships inside the wheel), plus script.

eventwire's extractor reads English only, so articles that are clearly in another language are
refused with a message naming the language instead of producing junk; the language identified is
stored on every article (``articles.language``). The decision needs evidence:
short texts (a headline, one sentence) and texts with few words (score tables, lists of names) are
let through, because a language identifier is unreliable on them and they may well be English.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from ..errors import NotEnglishError

MIN_WORDS = 40  # below this a language guess is too weak to refuse an article on
MIN_CONFIDENCE = 0.95  # normalised probability of the other language needed to refuse
SAMPLE_CHARS = 20000
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN_RANGE = "A-Za-z\u00c0-\u024f"  # ASCII letters and Latin-1 Supplement to Latin Extended-B
_LATIN = re.compile(f"[{_LATIN_RANGE}]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_NON_LATIN_LETTER = re.compile(f"(?![{_LATIN_RANGE}])[^\\W\\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability), ("non-latin", 1.0) for mostly non-Latin script, or
    (None, 0.0) when the text has too few words to tell."""
    sample = text[:SAMPLE_CHARS]
    if _mostly_non_latin(sample):
        return "non-latin", 1.0
    if sum(1 for _ in islice(_WORD.finditer(sample), MIN_WORDS)) < MIN_WORDS:  # stop counting at enough
        return None, 0.0
    lang, probability = _identifier().classify(sample)
    return lang, float(probability)


def _mostly_non_latin(sample: str) -> bool:
    """Fewer than half of the letters are Latin. Most articles hold no other letter at all, which
    one scan finds without listing the letters."""
    if _NON_LATIN_LETTER.search(sample) is None:
        return False
    letters = _LETTER.findall(sample)
    # the Latin letters counted by one scan of the letters, not one regex call per letter
    return bool(letters) and len(_LATIN.findall("".join(letters))) / len(letters) < 0.5


def check_english(text: str, min_ratio: float, source: str | None = None) -> str | None:
    """The language identified for the article (stored on it), or NotEnglishError when the text is
    clearly in another language.

    The value is py3langid's ISO 639-1 code (``en``, or another language it was not sure enough of to
    refuse the article), ``None`` when the text has too few words to tell. ``min_ratio`` 0 switches
    the refusal off, not the identification (the cutoff is the identifier's confidence,
    ``MIN_CONFIDENCE``, which does not depend on the ratio).
    """
    lang, probability = identify_language(text)
    if min_ratio > 0 and lang == "non-latin":
        raise NotEnglishError(
            "the article is not in English (mostly non-Latin script); eventwire's extractor reads English "
            "only",
            source=source,
        )
    if min_ratio > 0 and lang not in (None, "en") and probability >= MIN_CONFIDENCE:
        raise NotEnglishError(
            f"the article is in another language ('{lang}', p={probability:.2f}); "
            "eventwire's extractor reads English only",
            source=source,
        )
    if lang == "non-latin":  # the check is off: name the language all the same
        lang = _identifier().classify(text[:SAMPLE_CHARS])[0]
    return lang
