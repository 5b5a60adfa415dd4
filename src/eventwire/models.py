"""Plain records that flow through the pipeline.

Every extraction carries character offsets into ``Article.text`` (the cleaned text: the kept
paragraphs joined by ``"\\n"``), so each field can be traced back to the sentence that supports it.
These classes hold data only; the stages that fill them live in their own packages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical", "alleged")
# How precise an event's date is; "story": the article's publication date stands in (the text gives
# no date that can be the event's), "unknown": no date at all (an article without a publication date).
DATE_PRECISIONS = ("day", "week", "month", "year", "story", "unknown")


@dataclass
class RawDocument:
    """What a reader yields: one raw document, before cleaning."""

    source: str  # file path, "-" for stdin, or "path:line" for JSONL
    format: str  # text | html (after a reader has unpacked jsonl/warc/rss containers)
    content: str  # the text or HTML
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    id: str | None = None
    container: str = "file"  # file | jsonl | warc | rss | stdin | api
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Span:
    """A stretch of the cleaned text: ``text == article.text[start:end]``."""

    start: int
    end: int


@dataclass
class Evidence:
    """Where an extraction comes from: its trigger span and the sentence around it."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int

    def sentence(self, text: str) -> str:
        return text[self.sentence_start : self.sentence_end]


@dataclass
class Paragraph:
    """One paragraph of the source, kept or dropped.

    ``index`` is the 0-based position among all source paragraphs; ``line`` the 1-based line of the
    source file when the input was plain text (one paragraph per line), else ``None``. Kept
    paragraphs have ``start``/``end`` offsets into the cleaned text; dropped ones carry ``reason``.
    """

    index: int
    text: str
    kept: bool = True
    reason: str | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Article:
    id: str
    text: str  # the cleaned text (kept paragraphs joined by "\n")
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    source: str | None = None  # the file, URL or stream it came from
    format: str = "text"  # text | html | jsonl | warc | rss
    language: str | None = None
    byline: str | None = None
    dateline: str | None = None
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def dropped(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if not p.kept]


@dataclass
class Entity:
    """A named-entity span from the NLP stage (spaCy label)."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class Actor:
    """Someone who acts, is acted upon, or speaks, coded with PLOVER/CAMEO codes."""

    text: str  # as written
    name: str  # canonical name
    start: int
    end: int
    country: str | None = None  # ISO-3166 alpha-3, or IGO/UNO/NGO/EUR/IMG-style codes
    sector: str | None = None  # GOV, MIL, COP, JUD, LEG, SPY, REB, OPP, PTY, CVL, BUS, MED, REL, ...
    person: str | None = None
    office: str | None = None
    anonymous: bool = False
    id: str | None = None
    # how the country was decided: lexicon | kb | modifier | located | dateline | context | coreference
    country_reason: str | None = None
    canonical_id: str | None = None  # one id for every mention of the same actor (kb/context.py)
    canonical_name: str | None = None
    # a group of states of no one country ("Western nations", "donors", "its allies", "the West"):
    # listed as an actor, but never a party the coder or the event check leans on (issue #11)
    stand_in: bool = False


@dataclass
class Place:
    text: str
    name: str
    start: int
    end: int
    country: str | None = None  # ISO alpha-3; None for seas and cross-border regions
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # country | city | region | facility | water | other
    precision: str | None = None  # exact | city | region | country
    id: str | None = None


@dataclass
class Count:
    value: float
    start: int
    end: int
    text: str
    # exact | at_least | at_most | more_than | less_than | approximately | nearly | fewer_than | up_to
    # | range | vague
    qualifier: str = "exact"
    unit: str | None = None  # "ballistic missile", "protester", "killed"
    category: str = "other"  # dead | injured | arrested | size | weapon | other
    value_high: float | None = None  # for ranges ("20 to 30")
    id: str | None = None


@dataclass
class TimeRef:
    """A time expression, resolved against the publication date when there is one."""

    text: str
    start: int
    end: int
    value: str | None = None  # ISO date, "2024-W15", "2024-04", or None when unresolved
    precision: str = "unknown"  # day | week | month | year | story (the publication date stands in) | unknown
    type: str = "DATE"  # DATE | TIME | DURATION | SET (TimeML)
    resolved: bool = False
    id: str | None = None


@dataclass
class Attribution:
    """Who says an event happened, and through which outlet."""

    speaker_text: str | None = None
    speaker: Actor | None = None
    anonymous: bool = False
    via: str | None = None  # outlet it came through: "according to ABC News"


@dataclass
class Quote:
    text: str  # quoted words, quotation marks excluded
    start: int
    end: int
    speaker_text: str | None = None  # the speaker as written at the fullest mention
    speaker: Actor | None = None
    cue: str | None = None
    addressee: str | None = None
    anonymous: bool = False
    direct: bool = True
    speaker_start: int | None = None
    speaker_end: int | None = None
    id: str | None = None


@dataclass
class Event:
    type: str  # one of PLOVER_TYPES
    trigger: str
    evidence: Evidence
    mode: list[str] = field(default_factory=list)
    source: Actor | None = None
    target: Actor | None = None
    date: TimeRef | None = None
    location: Place | None = None
    counts: list[Count] = field(default_factory=list)
    modality: str = "asserted"
    attribution: Attribution | None = None
    confidence: float = 0.5
    id: str | None = None
    # further parties coordinated with the source / target ("the United States and Jordan agreed"),
    # in text order; the source and target stay the one actor each the coder chose (extract/coactors.py)
    source_also: list[Actor] = field(default_factory=list)
    target_also: list[Actor] = field(default_factory=list)
    # the source and target are the two sides of a joint act named as one coordinated subject
    # ("Peru and Chile agreed": source Peru, target Chile, by the annotation guide); the PLOVER
    # records list both sides as sources and no recipient (query/plover.py, eval/plover.py)
    joint: bool = False


@dataclass
class Extraction:
    """Everything the extractor found in one article."""

    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
