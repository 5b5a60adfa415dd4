"""The clean stage: raw text or HTML in, an Article with kept and dropped paragraphs out."""

from __future__ import annotations

import hashlib
import re

from ..errors import InputError
from ..models import Article, Paragraph, RawDocument
from ..options import Options
from .html import extract_html
from .language import check_english
from .noise import classify_paragraphs, drop_repeated_title, load_noise_config
from .outlets import outlet_from_url

__all__ = ["clean_document", "article_id_for", "split_text_paragraphs"]

_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")


def split_text_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-empty line; ``line`` keeps the 1-based line number of the source."""
    paragraphs = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        cleaned = _SPACES.sub(" ", line).strip()
        if cleaned:
            paragraphs.append(Paragraph(index=len(paragraphs), text=cleaned, line=lineno))
    return paragraphs


def article_id_for(body: str) -> str:
    """A stable id from the content alone: the same article ingested twice gets the same id."""
    normalised = " ".join(body.split()).lower()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


def clean_document(raw: RawDocument, options: Options | None = None) -> Article:
    """Turn a RawDocument into an Article: main content, noise dropped with reasons, metadata."""
    options = options or Options()
    title, published, outlet, url, author = raw.title, raw.published, raw.outlet, raw.url, None
    if raw.format == "html":
        content = extract_html(raw.content, url=raw.url, source=raw.source)
        paragraphs = [Paragraph(index=i, text=_SPACES.sub(" ", t)) for i, t in enumerate(content.paragraphs)]
        title = title or content.title
        published = published or content.published
        outlet = outlet or content.outlet
        url = url or content.url
        author = content.author
    else:
        paragraphs = split_text_paragraphs(raw.content)
    if not paragraphs:
        raise InputError("the document is empty (no text to ingest)", source=raw.source)

    meta = {}
    if options.clean:
        drop_repeated_title(paragraphs, title)
        meta = classify_paragraphs(paragraphs, load_noise_config(options.noise_patterns))
    text = _layout(paragraphs)
    if not text.strip():
        raise InputError("every paragraph was dropped as noise; nothing left to ingest", source=raw.source)
    # The language as identified (py3langid); min_english_ratio 0 turns the refusal of other
    # languages off (the cleaning benchmark scores pages in any language).
    language = check_english(text, options.min_english_ratio, source=raw.source)
    full_body = "\n".join(p.text for p in paragraphs)
    return Article(
        # An id given by the source (JSONL "id") is folded in, so distinct records stay distinct.
        id=article_id_for(f"{raw.id}\n{full_body}" if raw.id else full_body),
        text=text,
        paragraphs=paragraphs,
        title=title,
        url=url,
        outlet=outlet or outlet_from_url(url, options.lexicon_dirs),
        published=_iso_date(published),
        source=raw.source,
        format=raw.format,
        language=language,
        byline=meta.get("byline") or author or _str_field(raw.meta.get("author")),
        dateline=meta.get("dateline"),
        content_hash=hashlib.sha256(full_body.encode("utf-8")).hexdigest(),
        meta={**raw.meta, **({"external_id": raw.id} if raw.id else {})},
    )


def _str_field(value: object) -> str | None:
    """A metadata value given by the source (JSONL ``author``), as a trimmed string or None."""
    return str(value).strip() or None if value not in (None, "") else None


def _layout(paragraphs: list[Paragraph]) -> str:
    """Join kept paragraphs with "\\n" and record each one's offsets in the cleaned text."""
    parts, offset = [], 0
    for para in paragraphs:
        if not para.kept:
            continue
        if parts:
            offset += 1
        para.start, para.end = offset, offset + len(para.text)
        parts.append(para.text)
        offset = para.end
    return "\n".join(parts)


def _iso_date(value: str | None) -> str | None:
    """Normalise a publication date to YYYY-MM-DD (or None when it can't be read)."""
    if not value:
        return None
    from ..dates import parse_published

    return parse_published(value)
