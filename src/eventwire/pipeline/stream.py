"""A stream of documents through the pipeline, in one process or several; order is preserved."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from ..errors import InternalError
from ..options import Options
from .failures import announce
from .process import Item, Outcome, SkipCheck, process_chunk


def process_documents(
    items: Iterable[Item], options: Options | None = None, skip: SkipCheck | None = None
) -> Iterator[Outcome]:
    """Clean, parse (``nlp.pipe`` in batches) and extract every document; errors pass through.

    Order is preserved. A document that fails cleaning yields its InputError in place, one that a
    bug of ours stopped its InternalError; one for which ``skip(article)`` is true yields
    ``Skipped`` without being parsed (idempotent re-ingest).
    """
    options = options or Options()
    for outcome in _outcomes(items, options, skip):
        if isinstance(outcome, InternalError):
            announce(outcome)  # heard by eval (and any other collector) in the calling process
        yield outcome


def _outcomes(items: Iterable[Item], options: Options, skip: SkipCheck | None) -> Iterator[Outcome]:
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
