"""Paragraph-level noise filter.

Trafilatura removes page furniture from HTML, but scraped text (and HTML that trafilatura only
partly cleans) still carries widget text, captions, bylines and headlines of other stories spliced
into the body. This filter drops such paragraphs and records the reason for each drop. The
patterns are data (``noise_patterns.yaml``), extended by users with their own YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..models import Paragraph

BUNDLED_PATTERNS = Path(__file__).with_name("noise_patterns.yaml")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
SPLICED_REASON = "headline of an unrelated story spliced into the body"
TITLE_REASON = "headline repeated in the body (kept as the article title)"


@dataclass
class Rule:
    reason: str
    match: list[re.Pattern] = field(default_factory=list)
    contains: list[re.Pattern] = field(default_factory=list)
    max_words: int = 30
    metadata: str | None = None  # "byline" / "dateline": keep the text as article metadata

    def hit(self, text: str, n_words: int) -> re.Match | None:
        """The match that makes ``text`` noise under this rule, or None."""
        for pattern in self.match:
            if m := pattern.fullmatch(text):
                return m
        if n_words <= self.max_words:
            for pattern in self.contains:
                if m := pattern.search(text):
                    return m
        return None


@dataclass
class NoiseConfig:
    rules: list[Rule]
    dateline_prefix: re.Pattern | None
    spliced: dict


@lru_cache(maxsize=8)
def load_noise_config(extra: str | None = None) -> NoiseConfig:
    """The bundled patterns, merged with a user's YAML file when given."""
    data = yaml.safe_load(BUNDLED_PATTERNS.read_text(encoding="utf-8"))
    raw_rules = list(data.get("rules", []))
    if extra:
        user = yaml.safe_load(Path(extra).read_text(encoding="utf-8")) or {}
        raw_rules += user.get("rules", [])
        data.update({k: v for k, v in user.items() if k != "rules"})
    rules = [_compile_rule(r) for r in raw_rules]
    prefix = data.get("dateline_prefix")
    return NoiseConfig(
        rules=rules,
        dateline_prefix=re.compile(prefix) if prefix else None,
        spliced=data.get("spliced_headline", {}),
    )


def _compile_rule(raw: dict) -> Rule:
    flags = 0 if raw.get("case_sensitive") else re.IGNORECASE
    return Rule(
        reason=raw["reason"],
        match=[re.compile(p, flags) for p in raw.get("match", [])],
        contains=[re.compile(p, flags) for p in raw.get("contains", [])],
        max_words=int(raw.get("max_words", 30)),
        metadata=raw.get("metadata"),
    )


def content_words(text: str, stop_words: frozenset[str] = frozenset()) -> set[str]:
    """Lower-cased content words with a crude plural strip, for topical overlap."""
    words = set()
    for w in WORD_RE.findall(text.lower()):
        if w in stop_words or len(w) < 3:
            continue
        words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return words


def classify_paragraphs(paragraphs: list[Paragraph], config: NoiseConfig) -> dict[str, str]:
    """Mark noise paragraphs in place (``kept=False`` with a ``reason``); return moved metadata.

    The returned dict may hold ``byline`` and ``dateline`` found in the body.
    """
    meta: dict[str, str] = {}
    for para in paragraphs:
        if not para.kept:
            continue  # already dropped (a repeated title) with its own reason
        text = para.text.strip()
        n_words = len(text.split())
        for rule in config.rules:
            if m := rule.hit(text, n_words):
                para.kept, para.reason = False, rule.reason
                if rule.metadata:
                    meta.setdefault(rule.metadata, _metadata_value(m))
                break
    _mark_spliced_headlines(paragraphs, config.spliced)
    _strip_dateline_prefix(paragraphs, config.dateline_prefix, meta)
    return meta


def _metadata_value(match: re.Match) -> str:
    """The named group ``value`` when the pattern has one, else the whole match."""
    value = match.groupdict().get("value") or match.group(0)
    return value.strip(" ,;–—-")


def latin_share(text: str) -> float:
    """Share of letters that are Latin script (ASCII or Latin-1/Extended accented letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch < "\u0250" for ch in letters) / len(letters)


def _mark_spliced_headlines(paragraphs: list[Paragraph], settings: dict) -> None:
    """Drop short unpunctuated lines that share (almost) no content word with the rest."""
    kept = [p for p in paragraphs if p.kept]
    if len(kept) < 3:
        return  # too little context to call anything unrelated
    stop_words = frozenset(str(w).lower() for w in settings.get("stop_words", []))
    vocab = {id(p): content_words(p.text, stop_words) for p in kept}
    for para in kept:
        if not _looks_like_headline(para.text.strip(), settings):
            continue
        own = vocab[id(para)]
        if len(own) < int(settings.get("min_content_words", 4)):
            continue
        rest = set().union(*(v for k, v in vocab.items() if k != id(para)))
        if len(own & rest) / len(own) <= float(settings.get("max_overlap", 0.1)):
            para.kept, para.reason = False, SPLICED_REASON


def _looks_like_headline(text: str, settings: dict) -> bool:
    """Short, no final punctuation, Latin script, and not a list item or an embedded-post line."""
    if len(text.split()) > int(settings.get("max_words", 25)):
        return False
    if text[-1:] in settings.get("final_punctuation", '.!?"”’:;)'):
        return False
    # Word overlap means nothing for scripts written without spaces (Japanese, Chinese).
    if latin_share(text) < float(settings.get("min_latin_share", 0.6)):
        return False
    return not any(re.search(p, text, re.IGNORECASE) for p in settings.get("skip_if", []))


def _strip_dateline_prefix(paragraphs: list[Paragraph], prefix: re.Pattern | None, meta: dict) -> None:
    """Move "CITY, Country (Agency) — " from the start of the body into metadata.

    The dateline opens the first prose paragraph, which may follow a headline or a subheading.
    """
    if prefix is None or "dateline" in meta:
        return
    for para in [p for p in paragraphs if p.kept][:3]:
        m = prefix.match(para.text)
        # Only a real dateline: capitals then a dash, followed by a sentence of some length.
        if m and len(para.text) - m.end() > 40 and any(ch in m.group(0) for ch in "–—-"):
            meta["dateline"] = m.group(0).strip(" –—-")
            para.text = para.text[m.end() :]
            return


def drop_repeated_title(paragraphs: list[Paragraph], title: str | None) -> None:
    """Drop the headline when the page repeats it at the top of the body (it is kept as ``title``)."""
    if not title:
        return
    wanted = _squash(title)
    for para in [p for p in paragraphs if p.kept][:3]:
        if _squash(para.text) == wanted:
            para.kept, para.reason = False, TITLE_REASON
            return


def _squash(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower()))
