"""The pipeline over several processes: workers load the model once and process chunks in order.

The parent keeps reading input and writing the store (one writer); workers only compute.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections.abc import Iterable, Iterator

from ..options import Options
from .process import Item, Outcome, Processed, SkipCheck, Skipped, process_chunk

_worker_options: Options | None = None


def _init_worker(options: Options) -> None:
    global _worker_options
    _worker_options = options.with_(n_process=1)
    from ..nlp import load_nlp

    load_nlp(options.model)  # once per worker, before the first chunk arrives


def _work(chunk: list[Item]) -> list[Outcome]:
    assert _worker_options is not None
    return process_chunk(chunk, _worker_options)


def process_parallel(
    items: Iterable[Item], options: Options, skip: SkipCheck | None = None
) -> Iterator[Outcome]:
    """Like ``process_documents`` with ``options.n_process`` worker processes; order is preserved."""
    it = iter(items)
    chunks = iter(lambda: list(itertools.islice(it, options.batch_size)), [])
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
    with ctx.Pool(options.n_process, initializer=_init_worker, initargs=(options,)) as pool:
        for outcomes in pool.imap(_work, chunks):
            for outcome in outcomes:
                # Skipping is decided here, where the store is; the work was done in a worker anyway.
                if skip is not None and isinstance(outcome, Processed) and skip(outcome.article):
                    yield Skipped(outcome.article)
                else:
                    yield outcome
