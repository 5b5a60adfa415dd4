"""The clustering settings: bundled defaults in ``settings.yaml``, overridable per run."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import yaml

SETTINGS_FILE = Path(__file__).with_name("settings.yaml")


@dataclass(frozen=True)
class ClusterSettings:
    # near-duplicate articles
    shingle_words: int = 5
    num_perm: int = 128
    duplicate_threshold: float = 0.5
    # event clustering
    date_window_days: int = 3
    threshold: float = 0.55
    place_max_km: float = 75.0
    min_evidence: int = 1
    weights: dict[str, float] = field(default_factory=dict)
    factual_modalities: tuple[str, ...] = ("asserted", "alleged", "historical")
    max_confidence: float = 0.99

    @classmethod
    def load(cls, path: str | Path | None = None) -> ClusterSettings:
        """Settings from a YAML file shaped like the bundled ``settings.yaml`` (the default)."""
        data = yaml.safe_load(Path(path or SETTINGS_FILE).read_text(encoding="utf-8")) or {}
        dup, ev = data.get("duplicates", {}), data.get("events", {})
        values = {
            "shingle_words": dup.get("shingle_words"),
            "num_perm": dup.get("num_perm"),
            "duplicate_threshold": dup.get("threshold"),
            "date_window_days": ev.get("date_window_days"),
            "threshold": ev.get("threshold"),
            "place_max_km": ev.get("place_max_km"),
            "min_evidence": ev.get("min_evidence"),
            "weights": ev.get("weights"),
            "factual_modalities": tuple(ev["factual_modalities"]) if "factual_modalities" in ev else None,
            "max_confidence": ev.get("max_confidence"),
        }
        return cls(**{k: v for k, v in values.items() if v is not None})

    @classmethod
    def from_params(cls, params: str | dict) -> ClusterSettings:
        """The settings a clustering run stored (``clustering_runs.params``, from ``as_dict``)."""
        data = json.loads(params) if isinstance(params, str) else dict(params)
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "factual_modalities" in values:
            values["factual_modalities"] = tuple(values["factual_modalities"])
        return cls(**values)

    def with_(self, **changes) -> ClusterSettings:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown clustering setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def weight(self, name: str) -> float:
        return float(self.weights.get(name, 1.0))

    def as_dict(self) -> dict:
        data = asdict(self)
        data["factual_modalities"] = list(self.factual_modalities)
        return data

    def params_hash(self) -> str:
        blob = json.dumps(self.as_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]
