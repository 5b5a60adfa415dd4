"""A multinomial linear model stored as plain arrays: feature names, weights, biases, labels.

Training (scikit-learn) happens in ``training/train.py``; this runtime only needs numpy, so a model
loads in milliseconds and never depends on the version of the library that trained it.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    index: dict[str, int]  # feature name -> column of ``weights``
    weights: np.ndarray  # (n_features, n_labels), float32
    bias: np.ndarray  # (n_labels,)
    meta: dict[str, str]

    @cached_property
    def _weights64(self) -> np.ndarray:
        """The weights as float64 once, rather than converting the gathered rows on every call
        (the same numbers: float32 to float64 is exact)."""
        return self.weights.astype(np.float64)

    def scores(self, features: dict[str, float]) -> np.ndarray:
        index = self.index
        rows = [index.get(name) for name in features]
        if None in rows:
            values = [v for r, v in zip(rows, features.values(), strict=True) if r is not None]
            rows = [r for r in rows if r is not None]
        else:
            values = list(features.values())
        if not rows:
            return self.bias.astype(np.float64)
        weights = self._weights64[rows]  # one gather, one product: no per-feature arrays
        return self.bias + np.asarray(values) @ weights

    def predict_proba(self, features: dict[str, float]) -> dict[str, float]:
        scores = self.scores(features)
        if len(self.labels) == 2 and scores.shape[0] == 1:  # a binary model keeps one column
            p = 1.0 / (1.0 + math.exp(-float(scores[0])))
            return {self.labels[0]: 1.0 - p, self.labels[1]: p}
        exp = np.exp(scores - scores.max())
        probs = exp / exp.sum()
        return dict(zip(self.labels, probs.tolist(), strict=True))  # tolist: the same floats, at once

    def save(self, path: Path) -> None:
        """An ``.npz`` that is the same bytes for the same model (fixed zip dates), so a rebuilt
        model can be compared with the shipped one byte for byte."""
        names = sorted(self.index, key=self.index.__getitem__)
        meta_keys = sorted(self.meta)
        arrays = {
            "labels": np.array(self.labels),
            "features": np.array(names),
            "weights": self.weights.astype(np.float32),
            "bias": self.bias.astype(np.float32),
            "meta_keys": np.array(meta_keys, dtype=str),
            "meta_values": np.array([self.meta[k] for k in meta_keys], dtype=str),
        }
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, array, allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, buffer.getvalue())


def read_model(path: Path) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        names = [str(n) for n in data["features"]]
        meta = dict(
            zip((str(k) for k in data["meta_keys"]), (str(v) for v in data["meta_values"]), strict=True)
        )
        return LinearModel(
            labels=tuple(str(label) for label in data["labels"]),
            index={name: i for i, name in enumerate(names)},
            weights=data["weights"],
            bias=data["bias"],
            meta=meta,
        )


_FOLDER = [DATA]  # where load_model reads: the shipped models, or those training just wrote


def load_model(name: str) -> LinearModel | None:
    """The shipped model ``name`` (``learn/data/NAME.npz``), loaded once per process; None if absent."""
    return _load(name, _FOLDER[0])


@lru_cache(maxsize=16)
def _load(name: str, folder: Path) -> LinearModel | None:
    path = folder / f"{name}.npz"
    return read_model(path) if path.exists() else None


@contextmanager
def models_from(folder: Path) -> Iterator[None]:
    """Inside the block, load_model reads the models in ``folder``: training runs the whole coder
    with the models it has just written (``--out``), not the shipped ones. Models rewritten in the
    folder are read afresh."""
    previous, _FOLDER[0] = _FOLDER[0], folder
    _load.cache_clear()
    try:
        yield
    finally:
        _FOLDER[0] = previous
        _load.cache_clear()
