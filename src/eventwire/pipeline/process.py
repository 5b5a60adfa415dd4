"""clean → nlp → extract for one chunk of documents: the unit of work of every runner.

One article's failure never costs the others of its chunk. Bad input becomes an ``InputError``;
an exception of ours (a bug) becomes an ``InternalError`` naming the stage and, in the extract
stage, the extractor component, with the traceback kept as text. When ``nlp.pipe`` fails for a
chunk, its articles are parsed again one at a time, so only the article that breaks the parser
is lost.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from ..clean import clean_document
from ..dates import checked_published
from ..errors import EventwireError, InputError, InternalError, TooLargeError
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


Item = RawDocument | EventwireError
Outcome = Processed | Skipped | EventwireError
SkipCheck = Callable[[Article], bool]
TEXT_FIELDS = ("content", "title", "url", "outlet", "published", "id")


def process_chunk(chunk: list[Item], options: Options, skip: SkipCheck | None = None) -> list[Outcome]:
    """Every item of ``chunk`` in order: Processed, Skipped, or the error that stopped it."""
    from ..nlp import load_nlp

    outcomes: list[Outcome | Article] = [
        item if isinstance(item, EventwireError) else _clean(item, options) for item in chunk
    ]
    if skip is not None:
        outcomes = [_skip_or_not(o, skip) for o in outcomes]
    if not any(isinstance(o, Article) for o in outcomes):
        return outcomes  # type: ignore[return-value]  # nothing to parse: the model is not loaded
    nlp = load_nlp(options.model)
    outcomes = [_refuse_too_long(o, nlp.max_length) for o in outcomes]
    articles = [o for o in outcomes if isinstance(o, Article)]
    docs = iter(_parse(nlp, articles, options.batch_size))
    done = [_extract(next(docs), o, options) if isinstance(o, Article) else o for o in outcomes]
    _settle_loaded_data()
    return done


_SETTLED = [False]  # whether the data the first chunk loaded has been handed to gc.freeze


def _settle_loaded_data() -> None:
    """Once per process, after the first chunk has loaded the spaCy model, the gazetteer, the
    knowledge base and the learned models (~470,000 objects kept until the process ends): collect
    the garbage, then freeze what is left (``gc.freeze``), so the collector's full passes stop
    re-scanning those objects (0.2 s each on the VOA benchmark). Objects created later are
    collected as before; frozen ones (the first chunk's results among them) are still freed by
    reference counting, so only a reference cycle alive at that moment outlives its use."""
    if not _SETTLED[0]:
        _SETTLED[0] = True
        gc.collect()
        gc.freeze()


def _clean(raw: RawDocument, options: Options) -> Article | EventwireError:
    try:
        refuse_unreadable_text(raw)
        raw.published = checked_published(raw.published, source=raw.source)
        return clean_document(raw, options)
    except InputError as exc:
        return exc
    except EventwireError as exc:
        return InputError(exc.message, source=raw.source)
    except Exception as exc:
        return InternalError.from_exception(exc, stage="clean", source=raw.source)


def refuse_unreadable_text(raw: RawDocument) -> None:
    """NUL characters and unpaired surrogates (JSON "\\ud800") are refused in every field, never
    stripped (docs/scale.md, "Hostile input"): the article holding one is refused with one line."""
    for name in TEXT_FIELDS:
        value = getattr(raw, name)
        if not isinstance(value, str):
            continue
        where = "text" if name == "content" else f"{name!r} field"
        if "\x00" in value:
            raise InputError(
                f"the {where} holds a NUL character at offset {value.index(chr(0))} "
                "(binary or corrupted input); remove it first, e.g. tr -d '\\000'",
                source=raw.source,
            )
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(
                f"the {where} holds an unpaired surrogate (U+{ord(value[exc.start]):04X}) at offset "
                f"{exc.start}: not valid Unicode text",
                source=raw.source,
            ) from None


def _skip_or_not(outcome, skip: SkipCheck):
    if not isinstance(outcome, Article):
        return outcome
    try:
        return Skipped(outcome) if skip(outcome) else outcome
    except sqlite3.OperationalError:
        raise  # the database can't be read at all (locked, gone): that stops the run, not one article
    except Exception as exc:
        return _internal(exc, "store", outcome)


def _refuse_too_long(outcome, max_length: int):
    if isinstance(outcome, Article) and len(outcome.text) > max_length:
        return TooLargeError(
            f"the article is {len(outcome.text):,} characters long after cleaning, over the parser's "
            f"limit of {max_length:,}; split it into several articles",
            source=outcome.source,
        )
    return outcome


def _parse(nlp, articles: list[Article], batch_size: int) -> list:
    """One parsed Doc per article, or the InternalError that stopped the parser on it."""
    try:
        return list(nlp.pipe((a.text for a in articles), batch_size=batch_size))
    except Exception:
        return [_parse_one(nlp, a) for a in articles]  # find the article that breaks the parser


def _parse_one(nlp, article: Article):
    try:
        return nlp(article.text)
    except Exception as exc:
        return _internal(exc, "nlp", article)


def _extract(doc, article: Article, options: Options) -> Processed | InternalError:
    from ..extract import extract_article

    if isinstance(doc, InternalError):
        return doc
    try:
        return Processed(article, extract_article(doc, article, options))
    except Exception as exc:
        return _internal(exc, "extract", article)


def _internal(exc: Exception, stage: str, article: Article) -> InternalError:
    return InternalError.from_exception(exc, stage=stage, source=article.source, article_id=article.id)


def process_text(
    text: str,
    *,
    published: str | None = None,
    fmt: str = "text",
    url: str | None = None,
    title: str | None = None,
    options: Options | None = None,
) -> Processed:
    """The whole pipeline on one text or HTML string.

    Raises InputError on bad input and InternalError (with the original exception as its cause)
    when a stage of ours failed on it.
    """
    raw = RawDocument(source="<text>", format=fmt, content=text, url=url, title=title, published=published)
    (outcome,) = process_chunk([raw], options or Options())
    if isinstance(outcome, EventwireError):
        raise outcome
    assert isinstance(outcome, Processed)  # without a skip check nothing is skipped
    return outcome
