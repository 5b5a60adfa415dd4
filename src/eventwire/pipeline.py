"""ingest → clean → nlp → extract, as plain functions shared by the CLI, the REST API and batch mode."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .clean import clean_document
from .errors import EventwireError, InputError
from .ingest.document import RawDocument
from .models import Article, Extraction
from .options import Options


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


def process_documents(
    items: Iterable[Item], options: Options | None = None, skip: SkipCheck | None = None
) -> Iterator[Outcome]:
    """Clean, parse (``nlp.pipe`` in batches) and extract every document; errors pass through.

    Order is preserved. A document that fails cleaning yields its InputError in place; one for
    which ``skip(article)`` is true yields ``Skipped`` without being parsed (idempotent re-ingest).
    """
    options = options or Options()
    if options.n_process > 1:
        from .parallel import process_parallel

        yield from process_parallel(items, options, skip)
        return
    for chunk in _chunks(items, options.batch_size):
        yield from process_chunk(chunk, options, skip)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def process_chunk(chunk: list[Item], options: Options, skip: SkipCheck | None = None) -> list[Outcome]:
    from .extract import extract_article
    from .nlp import load_nlp

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
