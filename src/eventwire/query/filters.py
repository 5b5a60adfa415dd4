"""One parser from string parameters to an ``EventFilter``, for every interface.

The CLI's options, the REST API's query parameters and the Python API's keywords all come through
``parse_event_filter``, so they accept the same values and fail with the same messages:

- ``types`` (or ``type``) and ``modality``: a string or a list of strings, each of which may be
  comma-separated (``--type ASSAULT,COERCE``, ``?type=ASSAULT&type=COERCE``, ``type="ASSAULT"``);
- a blank string counts as absent (an empty form field, ``--actor ""``); a blank ``sort`` is "date";
- ``sort`` is a column, with a leading ``-`` for descending;
- any other name is refused, naming the filters there are.

``EventFilter.validate`` then checks the values (PLOVER types, modalities, dates, the sort column).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from ..errors import InputError
from .records import EventFilter

PAGING = frozenset({"limit", "offset"})
FILTER_NAMES = frozenset(f.name for f in fields(EventFilter))
_LISTS = ("types", "modality", "date_precision")


def split_values(values: str | Iterable[str] | None) -> list[str]:
    """ "A,B" or ["A", "B,C"] -> ["A", "B", "C"], blanks dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def parse_event_filter(params: Mapping[str, Any], *, paging: bool = True) -> EventFilter:
    """An ``EventFilter`` from string parameters (see the module's docstring), validated.

    ``paging=False`` refuses ``limit`` and ``offset`` (the Python API returns every match)."""
    params = dict(params)
    if "type" in params:
        if "types" in params:
            raise InputError("give the event type as 'type' or as 'types', not both")
        params["types"] = params.pop("type")
    known = FILTER_NAMES if paging else FILTER_NAMES - PAGING
    unknown = sorted(set(params) - known)
    if unknown:
        allowed = ", ".join(sorted(known | {"type"}))
        raise InputError(f"unknown event filter {', '.join(unknown)} (filters: {allowed})")
    values: dict[str, Any] = {}
    for name, value in params.items():
        if name in _LISTS:
            values[name] = split_values(value)
        elif isinstance(value, str) and not value.strip():
            continue  # blank: absent
        elif isinstance(value, str) and name != "text":
            values[name] = value.strip()
        elif value is not None:
            values[name] = value
    return EventFilter(**values).validate()
