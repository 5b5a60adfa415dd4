"""``eventwire eval``: the full pipeline scored against gold data.

Each KIND is a module that registers a scorer with ``@kind(name)``. A scorer takes the gold PATH
(a folder or file laid out like the matching folder of the shared gold data), an optional sample
``limit`` and the pipeline Options, and returns ``(n, metrics)``: how many gold units it scored and
a flat dict of stable, documented metric names to numbers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import EvalError
from ..options import Options

Scorer = Callable[..., tuple[int, dict[str, float]]]
KINDS: dict[str, Scorer] = {}
# kind name -> module that defines it (imported lazily, so `eventwire --help` stays fast)
KIND_MODULES = {
    "annotated": "annotated",
    "plover": "plover",
    "polnear": "polnear",
    "geowebnews": "geowebnews",
    "event-location": "event_location",
    "meantime": "meantime",
    "extraction": "extraction",
    "case2021": "case2021",
    "relevance": "relevance",
    "relevance-dev": "relevance",
    "relevance-heldout": "relevance",
}


def kind(name: str):
    def decorator(func: Scorer) -> Scorer:
        KINDS[name] = func
        return func

    return decorator


def get_scorer(name: str) -> Scorer:
    if name not in KIND_MODULES:
        raise EvalError(f"unknown eval kind {name!r}; choose one of: {', '.join(KIND_MODULES)}")
    importlib.import_module(f"{__name__}.{KIND_MODULES[name]}")
    return KINDS[name]


def run_eval(
    name: str, path: str | Path, *, limit: int | None = None, options: Options | None = None
) -> dict[str, Any]:
    """Score the pipeline on one gold set; the shape of ``eventwire eval --json``."""
    scorer = get_scorer(name)
    path = Path(path)
    if not path.exists():
        raise EvalError(f"gold data not found: {path}")
    from ..pipeline.failures import collect_internal_errors

    # A gold item the pipeline crashes on gets no prediction (scored as wrong) and is named here.
    with collect_internal_errors() as crashed:
        n, metrics = scorer(path, limit=limit, options=options or Options())
    result = {
        "kind": name,
        "path": str(path),
        "n": n,
        "metrics": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in metrics.items()},
        "eventwire_version": __version__,
        "coder": "rules only" if options is not None and not options.coder else "learned coder",
    }
    if crashed:  # only then, so a clean run's JSON keeps its documented shape
        result["internal_errors"] = [str(e) for e in crashed]
    return result
