"""clean → nlp → extract for one chunk of documents: the unit of work of every runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..clean import clean_document
from ..errors import EventwireError, InputError
from ..models import Article, Extraction, RawDocument
from ..options import Options


@dataclass
class Processed:
    """One article through the whole pipeline."""

    article: Article
    extraction: Extraction


@dataclass
class Skipped:
    """An article the caller already has (``skip`` said so): cleaned, but not parsed again."""

    article: Article


Item = RawDocument | InputError
Outcome = Processed | Skipped | InputError
SkipCheck = Callable[[Article], bool]


def process_chunk(chunk: list[Item], options: Options, skip: SkipCheck | None = None) -> list[Outcome]:
    from ..extract import extract_article
    from ..nlp import load_nlp

    outcomes: list[Outcome | Article] = []
    for item in chunk:
        if isinstance(item, InputError):
            outcomes.append(item)
            continue
        try:
            outcomes.append(clean_document(item, options))
        except EventwireError as exc:
            outcomes.append(exc if isinstance(exc, InputError) else InputError(str(exc), source=item.source))
    if skip is not None:
        outcomes = [Skipped(o) if isinstance(o, Article) and skip(o) else o for o in outcomes]
    articles = [o for o in outcomes if isinstance(o, Article)]
    nlp = load_nlp(options.model)
    docs = iter(nlp.pipe((a.text for a in articles), batch_size=options.batch_size))
    result: list[Outcome] = []
    for o in outcomes:
        if isinstance(o, Article):
            result.append(Processed(o, extract_article(next(docs), o, options)))
        else:
            result.append(o)
    return result


def process_text(
    text: str,
    *,
    published: str | None = None,
    fmt: str = "text",
    url: str | None = None,
    title: str | None = None,
    options: Options | None = None,
) -> Processed:
    """The whole pipeline on one text or HTML string; raises InputError on bad input."""
    raw = RawDocument(source="<text>", format=fmt, content=text, url=url, title=title, published=published)
    (outcome,) = process_chunk([raw], options or Options())
    if isinstance(outcome, InputError):
        raise outcome
    return outcome
