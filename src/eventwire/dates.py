"""Publication dates from metadata, in whatever form feeds and pages give them."""

from __future__ import annotations

import re
from datetime import date, datetime

from .errors import InputError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: str | date | datetime | None) -> str | None:
    """``YYYY-MM-DD`` for a date given as ISO, RFC 2822 or free text; None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser

        # Parsed against two different defaults: a date missing its year, month or day ("5",
        # "March 3") would otherwise be completed silently from today's date.
        first = parser.parse(text, fuzzy=False, default=datetime(2000, 1, 1)).date()
        second = parser.parse(text, fuzzy=False, default=datetime(2001, 2, 2)).date()
    except (ValueError, OverflowError, TypeError):
        return None
    return first.isoformat() if first == second else None


def checked_published(value: str | date | datetime | None, *, source: str | None = None) -> str | None:
    """``YYYY-MM-DD`` for a given publication date, None when none is given.

    A value that is given but can't be read as a date raises InputError: an invalid ``published``
    (the --published flag, a JSONL field, a feed item's date, a WARC-Date) is reported, never
    silently dropped.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = parse_published(value)
    if parsed is None:
        raise InputError(
            f"published {str(value)[:80]!r} is not a date (give YYYY-MM-DD, ISO 8601 or RFC 2822)",
            source=source,
        )
    return parsed
