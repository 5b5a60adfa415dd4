"""A progress bar for long evals: shown on a terminal, silent when stderr is redirected.

Scorers wrap their loop over gold units: ``for doc in track(docs, "plover"): ...``. The bar goes to
stderr so ``--json`` output on stdout stays one clean JSON object.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")


def progress_enabled() -> bool:
    """Bars only for a person watching: stderr is a terminal (never in pytest, pipes or CI logs)."""
    return sys.stderr.isatty()


def track(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items`` unchanged, drawing a rich progress bar on stderr when it is a terminal."""
    if not progress_enabled():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if total is None and isinstance(items, Sized):
        total = len(items)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            yield item
            progress.advance(task)
