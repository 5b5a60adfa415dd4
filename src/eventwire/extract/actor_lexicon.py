"""The actor lexicon: names, demonyms, capitals, international bodies, sector words and people.

Everything here is read from data files (``data/actors.tsv``, ``data/actor_patterns.yaml`` and their
``--lexicon-dir`` copies, through ``lexicon.load_tsv``/``load_yaml``, plus the country names of
pycountry) once per set of lexicon dirs and compiled into spaCy PhraseMatchers, so that
coding a document costs one matcher pass rather than a loop over the dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import PhraseMatcher

from .lexicon import load_tsv, load_yaml

ACTORS_TSV = "actors.tsv"
PATTERNS_YAML = "actor_patterns.yaml"
# pycountry names that are ordinary English words or collide with more common senses
_SKIPPED_COUNTRY_NAMES = {"Man", "Jersey", "Georgia", "Chad", "Guinea", "Niger", "Turkey", "Jordan"}
_KEEP_AS_COUNTRY = {
    "Chad": "TCD",
    "Guinea": "GIN",
    "Niger": "NER",
    "Turkey": "TUR",
    "Jordan": "JOR",
    "Georgia": "GEO",
}  # fmt: skip  (kept, but matched only when capitalised)


# lexicon kinds matched only as written ("country_cased" Chad, "party_cased" Democrats)
CASED_KIND_SUFFIX = "_cased"
PARTY_KIND = "party_cased"


@dataclass(frozen=True)
class LexEntry:
    """One lexicon phrase and its code."""

    phrase: str
    country: str | None
    sector: str | None
    kind: str


@dataclass
class ActorPatterns:
    """Word lists from ``actor_patterns.yaml`` in ready-to-use shapes."""

    sector_of: dict[str, str] = field(default_factory=dict)  # single lower-case word -> sector
    multiword_sectors: dict[str, str] = field(default_factory=dict)  # "air defense" -> MIL
    generic: frozenset[str] = frozenset()
    anonymous: frozenset[str] = frozenset()
    unofficial: frozenset[str] = frozenset()  # anonymous heads with no default GOV sector
    titles: frozenset[str] = frozenset()
    people: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    instruments: frozenset[str] = frozenset()
    locating_preps: frozenset[str] = frozenset()
    locating_verbs: frozenset[str] = frozenset()
    ethnic_markers: frozenset[str] = frozenset()
    coreferent_nouns: frozenset[str] = frozenset()
    body_name_sector: dict[str, str] = field(default_factory=dict)  # "institute" -> NGO, names only


def _entry(row: tuple[str, ...]) -> LexEntry:
    """One ``actors.tsv`` row (two cells at least): phrase, country, sector ("-" for none), kind."""
    sector = row[2] if len(row) > 2 and row[2] not in ("", "-") else None
    return LexEntry(row[0], row[1] or None, sector, row[3] if len(row) > 3 else "other")


def _country_entries() -> list[LexEntry]:
    """ISO country names from pycountry (name, common and official names)."""
    import pycountry

    entries = []
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name and name not in _SKIPPED_COUNTRY_NAMES:
                entries.append(LexEntry(name, c.alpha_3, None, "country"))
    for name, code in _KEEP_AS_COUNTRY.items():
        entries.append(LexEntry(name, code, None, "country_cased"))
    return entries


@lru_cache(maxsize=8)
def actor_entries(extra_dirs: tuple[str, ...] = ()) -> dict[str, LexEntry]:
    """Phrase -> entry; the TSV overrides pycountry, user dirs override the bundled TSV."""
    entries = {e.phrase: e for e in _country_entries()}
    for row in load_tsv(ACTORS_TSV, extra_dirs, columns=2):
        entry = _entry(row)
        entries[entry.phrase] = entry
    return entries


def _words(values) -> list[str]:
    return [str(v).lower() for v in values or []]


@lru_cache(maxsize=8)
def actor_patterns(extra_dirs: tuple[str, ...] = ()) -> ActorPatterns:
    data = load_yaml(PATTERNS_YAML, extra_dirs)
    pats = ActorPatterns()
    for sector, words in (data.get("sectors") or {}).items():
        for w in _words(words):
            (pats.multiword_sectors if " " in w else pats.sector_of).setdefault(w, sector)
    pats.generic = frozenset(_words(data.get("generic")))
    pats.anonymous = frozenset(_words(data.get("anonymous")))
    pats.unofficial = frozenset(_words(data.get("unofficial")))
    pats.titles = frozenset(_words(data.get("titles")))
    pats.instruments = frozenset(_words(data.get("instruments")))
    pats.locating_preps = frozenset(_words(data.get("locating_preps")))
    pats.locating_verbs = frozenset(_words(data.get("locating_verbs")))
    pats.ethnic_markers = frozenset(_words(data.get("ethnic_markers")))
    pats.coreferent_nouns = frozenset(_words(data.get("coreferent_nouns")))
    for sector, words in (data.get("body_name_sectors") or {}).items():
        pats.body_name_sector.update(dict.fromkeys(_words(words), sector))
    for name, code in (data.get("people") or {}).items():
        country, sector = (str(code).split() + [None, None])[:2]
        pats.people[str(name).lower()] = (country, sector)
    return pats


@dataclass
class CompiledMatchers:
    """PhraseMatchers over one spaCy vocabulary plus the tables their match ids point into."""

    exact: PhraseMatcher  # ALL-CAPS phrases and names that must be capitalised ("US", "IS")
    lower: PhraseMatcher  # everything else, case-insensitive
    sectors: PhraseMatcher  # multi-word sector words ("air defense")
    entry_of: dict[int, LexEntry]  # match id -> entry
    sector_of: dict[int, str]  # match id -> sector


_CACHE: dict[tuple[int, tuple[str, ...]], CompiledMatchers] = {}


def _needs_exact_case(entry: LexEntry) -> bool:
    letters = [c for c in entry.phrase if c.isalpha()]
    return entry.kind.endswith(CASED_KIND_SUFFIX) or (
        bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5
    )


def compiled_matchers(nlp, extra_dirs: tuple[str, ...] = ()) -> CompiledMatchers:
    """Matchers for ``nlp``'s tokenizer, built once per pipeline and data set."""
    key = (id(nlp), extra_dirs)
    if key in _CACHE:
        return _CACHE[key]
    strings = nlp.vocab.strings
    exact, lower = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    entry_of: dict[int, LexEntry] = {}
    for phrase, entry in actor_entries(extra_dirs).items():
        label = f"ACTOR:{phrase}"
        entry_of[strings.add(label)] = entry
        (exact if _needs_exact_case(entry) else lower).add(label, [nlp.make_doc(phrase)])
    sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
    sector_of: dict[int, str] = {}
    for phrase, sector in actor_patterns(extra_dirs).multiword_sectors.items():
        label = f"SECTOR:{phrase}"
        sector_of[strings.add(label)] = sector
        sectors.add(label, [nlp.make_doc(phrase)])
    compiled = CompiledMatchers(exact, lower, sectors, entry_of, sector_of)
    _CACHE[key] = compiled
    return compiled
