"""Dates: publication dates from metadata, in whatever form feeds and pages give them, and the
first and last day of a day, ISO week, month or year value (an event date at its precision)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

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


def period_start(value: str | None) -> date | None:
    """The first day of a day, ISO week, month or year value ("2025-W40", "2025-03", "2025")."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if "-W" in value:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week[:2]), 1)
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def period_end(value: str | None) -> date | None:
    """The last day of a day, ISO week, month or year value."""
    start = period_start(value)
    if start is None or value is None:
        return None
    if len(value) >= 10:
        return start
    if "-W" in value:
        return start + timedelta(days=6)
    if len(value) == 7:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(start.year, 12, 31)
