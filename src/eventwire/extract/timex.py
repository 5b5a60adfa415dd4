"""Normalising a time expression to a TimeML (TIMEX3) type and value.

``normalise(text, published, future=False)`` returns a ``Timex``: type DATE, TIME, DURATION or SET,
a value in TimeML notation ("2024-04-13", "2024-W15", "2024-04", "2024", "2024-Q2", "P3D",
"PAST_REF", "2024-04-14TMO") and a precision. Relative expressions ("Saturday", "last week", "in
March") are resolved against ``published`` (an ISO date); without it their value is None and they
are marked unresolved, never guessed. Weekdays and months point back to the most recent one on or
before the publication date, unless the clause speaks of the future (``future=True``).
The vocabulary lives in ``data/time_words.yaml`` (and four word classes), read per set of lexicon
dirs: ``normalise`` takes the run's ``dirs`` (``Options.lexicon_dirs``) and hands each rule the
``TimeWords`` of those dirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import Dirs, load_yaml, word_class

TIME_WORDS_YAML = "time_words.yaml"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(?:(1[89]|20)(\d)0|'?(\d)0)s\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|utc|gmt|hrs|h)?\b")


@dataclass(frozen=True)
class Timex:
    type: str = "DATE"
    value: str | None = None
    precision: str = "unknown"
    resolved: bool = False


@dataclass(frozen=True)
class TimeWords:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    parts_of_day: dict[str, str]
    duration_units: dict[str, str]
    refs: dict[str, str]
    set_words: dict[str, str]
    future_cues: frozenset[str]
    extra_phrases: tuple[str, ...]
    day_modifiers: frozenset[str]
    target_cues: tuple[tuple[str, ...], ...] = ()  # "by", "until", "by the end of": before a target year
    # word classes (word_classes.yaml) the rules test
    relative_duration_words: frozenset[str] = frozenset()
    deictic_time_words: frozenset[str] = frozenset()
    ambiguous_date_words: frozenset[str] = frozenset()
    past_time_words: frozenset[str] = frozenset()
    duration_numbers: dict[str, int | str] = field(default_factory=dict)  # "three" -> 3, "several" -> X
    ordinals: dict[str, int] = field(default_factory=dict)
    quarter_offsets: dict[str, int] = field(default_factory=dict)
    relative_units: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=8)
def time_words(dirs: Dirs = ()) -> TimeWords:
    data = load_yaml(TIME_WORDS_YAML, dirs)
    lower = lambda d: {str(k).lower(): v for k, v in d.items()}  # noqa: E731
    return TimeWords(
        lower(data["months"]),
        lower(data["weekdays"]),
        lower(data["relative_days"]),
        lower(data["parts_of_day"]),
        lower(data["duration_units"]),
        lower(data["refs"]),
        lower(data["set_words"]),
        frozenset(str(w).lower() for w in data["future_cues"]),
        tuple(str(p).lower() for p in data["extra_phrases"]),
        frozenset(str(w).lower() for w in data["day_modifiers"]),
        tuple(tuple(str(w).lower().split()) for w in data.get("target_cues") or ()),
        word_class("relative_duration_words", dirs),
        word_class("deictic_time_words", dirs),
        word_class("ambiguous_date_words", dirs),
        word_class("past_time_words", dirs),
        {str(k).lower(): v if v == "X" else int(v) for k, v in data["duration_numbers"].items()},
        {str(k).lower(): int(v) for k, v in data["ordinals"].items()},
        {str(k).lower(): int(v) for k, v in data["quarter_offsets"].items()},
        lower(data["relative_units"]),
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:-[a-z]+)*|\d+(?:[.:,]\d+)*|'\d+s?", text.lower().replace("’", "'"))


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def normalise(text: str, published: str | None, future: bool = False, dirs: Dirs = ()) -> Timex:
    """The TimeML type and value of ``text``, resolved against ``published`` when needed."""
    words = _words(text)
    if not words:
        return Timex()
    dct = _iso_date(published)
    tw = time_words(dirs)
    for rule in (
        _set,
        _ref,
        _duration,
        _absolute,
        _quarter,
        _relative_day,
        _clock,
        _weekday,
        _relative_unit,
        _month_only,
    ):
        found = rule(words, text.lower(), dct, future, tw)
        if found is not None:
            return found
    return Timex()


# --- rules: each returns a Timex or None ---------------------------------------------------------


def _set(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    if words[0] in {"every", "each"} and len(words) > 1:
        unit = tw.duration_units.get(words[-1].rstrip("s"))
        if unit:
            return Timex("SET", f"P1{unit}", "unknown", True)
    if len(words) == 1 and words[0] in tw.set_words and words[0] != "annual":
        return Timex("SET", tw.set_words[words[0]], "unknown", True)
    return None


def _ref(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    refs = tw.refs
    key = " ".join(words)
    if key in refs:
        return Timex("DATE", refs[key], "unknown", True)
    return None


def _duration(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    """ "three days", "a 20 year", "fifty-year", "decades", "the next four years"; not "2 days ago"."""
    if "ago" in words or words[-1] in tw.relative_duration_words:
        return _ago(words, dct, tw) if "ago" in words else None
    units = tw.duration_units
    last = words[-1]
    for suffix in ("-long", "-old"):
        last = last.removesuffix(suffix)
    number, unit_word = None, last
    if "-" in last:  # "fifty-year", "27-year", "sixteen-month"
        head, _, unit_word = last.rpartition("-")
        number = _number(head, tw)
    singular = unit_word[:-1] if unit_word.endswith("s") and unit_word[:-1] in units else unit_word
    if singular not in units or singular == "weekend":
        return None
    if number is None:
        number = next((n for w in words[:-1] if (n := _number(w, tw)) is not None), None)
    plural = unit_word.endswith("s")
    if number is None and not plural:
        return None  # "last year", "the week": a date, not a duration
    if number is None and any(w in tw.deictic_time_words for w in words[:-1]) and not plural:
        return None
    return Timex("DURATION", _period(number if number is not None else "X", units[singular]), "unknown", True)


def _period(number, unit: str) -> str:
    if unit == "DE":
        return f"P{number * 10}Y" if isinstance(number, int) else "PXDE"
    if unit == "CE":
        return f"P{number * 100}Y" if isinstance(number, int) else "PXCE"
    if unit.startswith("T"):  # clock units: "PT3H", "PT20M" (TimeML puts a T before them)
        return f"PT{number}{unit[1:]}"
    return f"P{number}{unit}"


def _number(word: str, tw: TimeWords):
    if word.isdigit():
        return int(word)
    if "-" in word:
        parts = [tw.duration_numbers.get(p) for p in word.split("-")]
        if all(isinstance(p, int) for p in parts):
            return sum(parts)
    return tw.duration_numbers.get(word)


def _ago(words, dct, tw: TimeWords) -> Timex | None:
    units = tw.duration_units
    idx = words.index("ago")
    if idx < 1 or dct is None:
        return Timex("DATE", None, "unknown", False) if idx >= 1 else None
    unit = units.get(words[idx - 1].rstrip("s"))
    number = _number(words[idx - 2], tw) if idx >= 2 else 1
    if not isinstance(number, int) or unit not in {"D", "W", "M", "Y"}:
        return Timex("DATE", "PAST_REF", "unknown", True)
    return _shift(dct, unit, -number)


def _shift(dct: date, unit: str, n: int) -> Timex:
    """The day, week, month or year ``n`` units from the publication date."""
    if unit == "D":
        return Timex("DATE", (dct + timedelta(days=n)).isoformat(), "day", True)
    if unit == "W":
        year, week, _ = (dct + timedelta(weeks=n)).isocalendar()
        return Timex("DATE", f"{year}-W{week:02d}", "week", True)
    if unit == "M":
        months = dct.year * 12 + dct.month - 1 + n
        return Timex("DATE", f"{months // 12}-{months % 12 + 1:02d}", "month", True)
    return Timex("DATE", str(dct.year + n), "year", True)


def _absolute(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    """Dates that carry their year or decade: "April 14, 2024", "14 April 2024", "2019", "the 1990s"."""
    if m := _ISO.search(lower):
        return Timex("DATE", m.group(0), "day", True)
    year = _YEAR.search(lower)
    if year is None:
        decade = _DECADE.search(lower)
        if decade and not any(w in tw.months for w in words):
            century = decade.group(1) or "19"
            digit = decade.group(2) or decade.group(3)
            return Timex("DATE", f"{century}{digit}", "unknown", True)
        return None
    month, day = _month_day(words, tw)
    if _quarter_number(words, tw):
        return None  # "the third quarter of 2008": the quarter rule
    if month and day:
        return Timex("DATE", f"{year.group(0)}-{month:02d}-{day:02d}", "day", True)
    if month:
        return Timex("DATE", f"{year.group(0)}-{month:02d}", "month", True)
    return Timex("DATE", year.group(0), "year", True)


def _month_day(words, tw: TimeWords) -> tuple[int | None, int | None]:
    months = tw.months
    for i, w in enumerate(words):
        if w in months and not (w in tw.ambiguous_date_words and len(words) == 1):
            for j in (i + 1, i - 1):
                if 0 <= j < len(words) and re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", words[j]):
                    day = int(re.match(r"\d+", words[j]).group(0))
                    if 1 <= day <= 31:
                        return months[w], day
            return months[w], None
    return None, None


def _quarter_number(words, tw: TimeWords) -> int | None:
    if "quarter" in words or "quarters" in words:
        for w in words:
            if w in tw.ordinals:
                return tw.ordinals[w]
    for w in words:
        if re.fullmatch(r"q[1-4]", w):
            return int(w[1])
    return None


def _quarter(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    number = _quarter_number(words, tw)
    if number is None:
        if (
            words[-1] == "quarter"
            and dct is not None
            and ("this" in words or "last" in words or "next" in words)
        ):
            q = (dct.month - 1) // 3 + tw.quarter_offsets[next(w for w in words if w in tw.quarter_offsets)]
            year = dct.year + (q // 4)
            return Timex("DATE", f"{year}-Q{q % 4 + 1}", "unknown", True)
        return None
    year = _YEAR.search(lower)
    if year:
        return Timex("DATE", f"{year.group(0)}-Q{number}", "unknown", True)
    if dct is None:
        return Timex("DATE", None, "unknown", False)
    offset = -1 if "last" in words or "previous" in words else 1 if "next" in words else 0
    return Timex("DATE", f"{dct.year + offset}-Q{number}", "unknown", True)


def _relative_day(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    key = " ".join(words)
    stripped = [w for w in words if w not in tw.day_modifiers]
    offset = tw.relative_days.get(key, tw.relative_days.get(" ".join(stripped)))
    if offset is None:
        return None
    return _on_day(words, dct, offset, tw)


def _clock(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    """ "16:08 UTC", "3 p.m.", "noon": a time on the publication day."""
    m = _CLOCK.search(lower)
    if not m or not (m.group(2) or m.group(3)):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").replace(".", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    if suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    zone = "Z" if suffix in {"utc", "gmt"} else ""
    if dct is None:
        return Timex("TIME", None, "unknown", False)
    return Timex("TIME", f"{dct.isoformat()}T{hour:02d}:{minute:02d}{zone}", "unknown", True)


def _weekday(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    day = next((tw.weekdays[w] for w in words if w in tw.weekdays and len(w) > 3), None)
    if day is None:
        return None
    if dct is None:
        return _on_day(words, None, 0, tw)
    forward = future or "next" in words or "coming" in words
    if forward:
        delta = (day - dct.weekday()) % 7 or 7
    else:
        delta = -((dct.weekday() - day) % 7)
        if "last" in words and delta == 0:
            delta = -7
    return _on_day(words, dct, delta, tw)


def _on_day(words, dct, offset: int, tw: TimeWords) -> Timex:
    """The day ``offset`` days from the publication date, with a part of day ("late Saturday" is
    still DATE; "Saturday morning" is TIME); unresolved when there is no publication date."""
    part = next((tw.parts_of_day[w] for w in words if w in tw.parts_of_day), None)
    kind = "TIME" if part else "DATE"
    if dct is None:
        return Timex(kind, None, "day", False)
    day = (dct + timedelta(days=offset)).isoformat()
    return Timex(kind, f"{day}T{part}" if part else day, "day", True)


def _relative_unit(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    """ "last week", "this month", "next year", "the weekend", "the week"."""
    units = tw.relative_units
    unit = next((units[w] for w in reversed(words) if w in units), None)
    if unit is None:
        return None
    offset = (
        -1
        if any(w in tw.past_time_words for w in words)
        else 1
        if any(w in {"next", "coming"} for w in words)
        else 0
    )
    if dct is None:
        return Timex("DATE", None, "unknown", False)
    if unit == "WE":
        base = _shift(dct, "W", offset if offset else 0 if dct.weekday() >= 5 or future else -1)
        return Timex("DATE", f"{base.value}-WE", "week", True)
    if unit == "DE":
        decade = dct.year // 10 + (1 if offset > 0 else 0)  # "the past decade" is this one
        return Timex("DATE", str(decade), "unknown", True)
    return _shift(dct, unit, offset)


def _month_only(words, lower, dct, future, tw: TimeWords) -> Timex | None:
    """ "March", "June 10", "early May": the nearest such month, backwards unless future."""
    month, day = _month_day(words, tw)
    if month is None or (len(words) == 1 and words[0] == "may"):
        return None
    if dct is None:
        return Timex("DATE", None, "day" if day else "month", False)
    year = dct.year
    if future and (month, day or 0) < (dct.month, dct.day if day else 0):
        year += 1
    elif not future and month - dct.month > 6:
        year -= 1
    elif not future and month > dct.month and "next" not in words:
        year -= 1 if month - dct.month > 2 else 0
    if "last" in words:
        year = dct.year - 1 if month >= dct.month else dct.year
    if day:
        return Timex("DATE", f"{year}-{month:02d}-{day:02d}", "day", True)
    return Timex("DATE", f"{year}-{month:02d}", "month", True)
