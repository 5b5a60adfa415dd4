"""The mode model's labels: one per (PLOVER type, mode), so that an event's mode is only ever chosen
among the modes of its own type."""

from __future__ import annotations

from .linear import LinearModel


def mode_label(event_type: str, mode: str) -> str:
    return f"{event_type}:{mode}"


def best_mode(model: LinearModel, features: dict, event_type: str) -> tuple[str | None, float]:
    """The most probable mode of ``event_type`` and its probability among that type's modes."""
    probs = {k: v for k, v in model.predict_proba(features).items() if k.startswith(f"{event_type}:")}
    total = sum(probs.values())
    if not probs or total <= 0:
        return None, 0.0
    label = max(probs, key=probs.__getitem__)
    return label.split(":", 1)[1], probs[label] / total
