"""Articles and extractions to JSON and back, keeping shared objects shared.

The same Actor object sits in ``extraction.actors`` and in ``event.source``. The store links
records by value (store/ids.py), so a copy would be stored the same, but reading back one object per
record keeps the extraction as the extractor made it and the JSON small. So every record object gets
an ``"$id"`` the first time it is written, and later occurrences become ``{"$ref": n}``; reading
rebuilds one object per ``$id``. The traversal order is the same both ways, so refs always follow
their ids.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .. import models

# Records that appear in more than one place of an Extraction (others are written inline).
SHARED = (models.Actor, models.Place, models.Count, models.TimeRef, models.Attribution)
CLASSES = {
    cls.__name__: cls
    for cls in (
        models.Article,
        models.Paragraph,
        models.Extraction,
        models.Entity,
        models.Actor,
        models.Place,
        models.Count,
        models.TimeRef,
        models.Attribution,
        models.Quote,
        models.Event,
        models.Evidence,
        models.Span,
    )
}


def dumps(record: Any) -> str:
    """JSON for an Article, an Extraction or any model record."""
    return json.dumps(_encode(record, {}), ensure_ascii=False, separators=(",", ":"), default=str)


def loads(text: str) -> Any:
    return _decode(json.loads(text), {})


def _encode(value: Any, memo: dict[int, int]) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, SHARED):
            if id(value) in memo:
                return {"$ref": memo[id(value)]}
            memo[id(value)] = len(memo)
        out: dict[str, Any] = {"$type": type(value).__name__}
        if isinstance(value, SHARED):
            out["$id"] = memo[id(value)]
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name), memo)
        return out
    if isinstance(value, list | tuple):
        return [_encode(v, memo) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v, memo) for k, v in value.items()}
    return value


def _decode(value: Any, objects: dict[int, Any]) -> Any:
    if isinstance(value, list):
        return [_decode(v, objects) for v in value]
    if not isinstance(value, dict):
        return value
    if "$ref" in value:
        return objects[value["$ref"]]
    type_name = value.get("$type")
    if type_name is None:
        return {k: _decode(v, objects) for k, v in value.items()}
    cls = CLASSES[type_name]
    obj = cls.__new__(cls)  # registered before its fields, like the encoder's memo
    if "$id" in value:
        objects[value["$id"]] = obj
    for f in dataclasses.fields(cls):
        if f.name in value:
            setattr(obj, f.name, _decode(value[f.name], objects))
        elif f.default is not dataclasses.MISSING:
            setattr(obj, f.name, f.default)
        else:
            setattr(obj, f.name, f.default_factory())  # type: ignore[misc]
    return obj
