"""A cheap English check: the share of words that are common English function words."""

from __future__ import annotations

import re

from ..errors import NotEnglishError

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# The most frequent English function words; in running English text they are 35-50% of words.
_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it on was with as by at from he she they his her their are be "
    "this have has had not but or an which were been its said will would who we you i our".split()
)


def check_english(text: str, min_ratio: float, source: str | None = None) -> str:
    """Return "en", or raise NotEnglishError when the text is clearly in another language."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 8:
        return "en"  # too short to tell; let it through
    ratio = sum(w in _FUNCTION_WORDS for w in words) / len(words)
    # min_ratio is the share of the typical English rate (≈0.4) below which we reject.
    if ratio < 0.4 * min_ratio:
        raise NotEnglishError(
            f"the article does not look like English ({ratio:.0%} English function words); "
            "eventwire's extractor reads English only",
            source=source,
        )
    return "en"
