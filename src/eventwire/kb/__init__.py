"""The actor knowledge base: who is who, with codes valid on a given date.

Compiled by ``scripts/build_kb.py`` (``make kb``) from the PETRARCH2/Phoenix actor dictionaries,
the Phoenix and NGEC agent nouns, CountryInfo and NGEC's country list, plus eventwire's curated
additions (see NOTICE). The data ships in ``kb/data`` as four sorted TSV files; users add their own
rows in files of the same names in a ``--lexicon-dir`` folder.

    >>> kb = load_kb()
    >>> kb.lookup_name("Recep Tayyip Erdogan", "2024-04-14").country
    'TUR'
    >>> kb.agent("soldiers"), kb.adjective("Chilean"), kb.capital("Kyiv")
    ('MIL', 'CHL', 'UKR')
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
ACTORS, ALIASES, AGENTS, GEO = "kb_actors.tsv", "kb_aliases.tsv", "kb_agents.tsv", "kb_geo.tsv"
SECTORS = "kb_sectors.tsv"
# Which source wins when two dictionaries know the same name: curated rows are the most recent.
SOURCE_RANK = {"user": 0, "curated": 1, "phoenix:milnonstate": 2, "phoenix:international": 2}
DEFAULT_RANK = 3
ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class KBEntry:
    """What the knowledge base says about a name on a date."""

    country: str | None
    sector: str | None
    code: str
    canonical_id: str
    canonical_name: str
    source: str
    dated: bool = False  # the code comes from a date range that covers the date asked about


@dataclass(frozen=True, slots=True)
class CodeRow:
    code: str
    country: str | None
    sector: str | None
    start: str  # ISO date or ""
    end: str
    name: str
    source: str


def _rows(path: Path):
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                # interned: ids, codes, countries, dates and sources repeat across ~80,000 rows
                yield [sys.intern(cell) for cell in line.rstrip("\n").split("\t")]


def normalise(text: str) -> str:
    """Lower case, single spaces, curly quotes straightened, no leading article."""
    key = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).lower()
    for article in ARTICLES:
        if key.startswith(article):
            return key[len(article) :]
    return key


def _singulars(noun: str) -> list[str]:
    forms = [noun]
    if noun.endswith("men"):
        forms.append(noun[:-3] + "man")
    if noun.endswith("ies"):
        forms.append(noun[:-3] + "y")
    if noun.endswith("es"):
        forms.append(noun[:-2])
    if noun.endswith("s"):
        forms.append(noun[:-1])
    return forms


def _choose_labels(geo_rows: list[list[str]], user: bool) -> dict[str, str]:
    """Country code -> its common English name from a geo table's ``label`` rows: a curated or user
    label wins, else the shortest compiled one (UKR is "Ukraine", not one of its breakaway
    republics)."""
    chosen: dict[str, str] = {}
    compiled: dict[str, str] = {}
    for name, country, kind, *rest in geo_rows:
        if kind != "label":
            continue
        if user or (rest and rest[0] == "curated"):
            chosen[country] = name
        elif country not in compiled or (len(name), name) < (len(compiled[country]), compiled[country]):
            compiled[country] = name
    return {**compiled, **chosen}


@lru_cache(maxsize=1)
def country_labels() -> dict[str, str]:
    """The bundled country labels alone (the dashboard names codes without loading the whole base)."""
    return _choose_labels(list(_rows(DATA_DIR / GEO)), user=False)


class KnowledgeBase:
    """Indexed view of the compiled tables; build with :func:`load_kb`."""

    def __init__(self, folders: tuple[Path, ...]):
        self.codes: dict[str, list[CodeRow]] = {}
        self.aliases: dict[str, list[str]] = {}
        self.agents: dict[str, str] = {}
        self.geo: dict[str, list[tuple[str, str, str]]] = {}  # name -> [(country, kind, source)]
        self.labels: dict[str, str] = {}  # country code -> its common English name
        self.sector_labels: dict[str, str] = {}  # PLOVER sector -> the noun for a group of them
        self._agent_memo: dict[str, str | None] = {}  # agent() per noun: asked for every noun phrase
        for n, folder in enumerate(folders):
            self._load(folder, user=n > 0)

    def _load(self, folder: Path, user: bool) -> None:
        for ident, name, code, country, sector, start, end, source in _rows(folder / ACTORS):
            row = CodeRow(code, country or None, sector or None, start, end, name, "user" if user else source)
            self.codes.setdefault(ident, []).append(row)
        for alias, ident in _rows(folder / ALIASES):
            ids = self.aliases.setdefault(normalise(alias), [])
            if ident not in ids:
                ids.append(ident)
        for noun, sector, *_ in _rows(folder / AGENTS):
            if user or noun not in self.agents:
                self.agents[noun] = sector
        geo_rows = list(_rows(folder / GEO))
        self.labels.update(_choose_labels(geo_rows, user))
        for name, country, kind, *rest in geo_rows:
            entry = (country, kind, "user" if user else (rest[0] if rest else ""))
            self.geo.setdefault(normalise(name), []).append(entry)
        for code, label, *_ in _rows(folder / SECTORS):
            self.sector_labels[code] = label

    # -- names ---------------------------------------------------------------------------------
    def lookup_name(self, text: str, on_date: str | None = None) -> KBEntry | None:
        """The actor a name denotes on ``on_date`` (ISO date), or None when unknown or ambiguous.

        A name several unrelated actors share ("Abbas") is ambiguous unless one source outranks
        the others; a code is chosen by the date ranges of the winning actor."""
        ids = self.aliases.get(normalise(text))
        if not ids:
            return None
        scored = []
        for ident in ids:
            row, valid = self._code_on(ident, on_date)
            if row is not None:
                scored.append((SOURCE_RANK.get(row.source, DEFAULT_RANK), not valid, ident, row))
        if not scored:
            return None
        scored.sort(key=lambda s: (s[1], s[0]))
        best = scored[0]
        rivals = {s[3].country for s in scored if s[0] == best[0] and s[1] == best[1]}
        if len(rivals) > 1:
            return None
        rank, undated, ident, row = best
        return KBEntry(row.country, row.sector, row.code, ident, row.name, row.source, not undated)

    def _code_on(self, ident: str, on_date: str | None) -> tuple[CodeRow | None, bool]:
        """The code row valid on ``on_date`` and whether a date range confirmed it."""
        rows = self.codes.get(ident, [])
        if not rows:
            return None, False
        undated = [r for r in rows if not r.start and not r.end]
        dated = [r for r in rows if r.start or r.end]
        if on_date:
            current = [r for r in dated if (r.start or "0000") <= on_date and (not r.end or on_date < r.end)]
            if current:
                return max(current, key=lambda r: r.start), True
        if undated:
            return min(undated, key=lambda r: r.sector == "ELI"), False
        if on_date and all(r.end and r.end <= on_date for r in dated):
            last = max(dated, key=lambda r: r.end)  # out of office: a former leader
            return CodeRow(last.code, last.country, "ELI", "", "", last.name, last.source), False
        return max(dated, key=lambda r: r.start), False

    # -- agents and places ---------------------------------------------------------------------
    def agent(self, noun: str) -> str | None:
        """PLOVER sector of an agent noun ("soldiers" -> MIL, "customs officers" -> COP)."""
        if noun in self._agent_memo:
            return self._agent_memo[noun]
        found = None
        for form in _singulars(normalise(noun)):
            if form in self.agents and self.agents[form]:
                found = self.agents[form]
                break
        self._agent_memo[noun] = found
        return found

    def _geo(self, name: str, kinds: set[str]) -> str | None:
        hits = [e for e in self.geo.get(normalise(name), []) if e[1] in kinds]
        if not hits:
            return None
        ranked = sorted(hits, key=lambda e: SOURCE_RANK.get(e[2], DEFAULT_RANK))
        top = SOURCE_RANK.get(ranked[0][2], DEFAULT_RANK)
        countries = {e[0] for e in ranked if SOURCE_RANK.get(e[2], DEFAULT_RANK) == top}
        return ranked[0][0] if len(countries) == 1 else None

    def adjective(self, word: str) -> str | None:
        """Country of a national adjective or demonym ("Chilean" -> CHL, "Saudis" -> SAU)."""
        return self._geo(word, {"adjective"})

    def country(self, name: str) -> str | None:
        """Country code of a country name ("Ivory Coast" -> CIV)."""
        return self._geo(name, {"country"})

    def country_label(self, code: str | None) -> str | None:
        """The common English name of a country code ("RUS" -> "Russia")."""
        return self.labels.get(code) if code else None

    def sector_label(self, code: str | None) -> str | None:
        """The noun for an unnamed group of a PLOVER sector ("CVL" -> "civilians")."""
        return self.sector_labels.get(code) if code else None

    def capital(self, name: str) -> str | None:
        """Country whose capital ``name`` is ("Kyiv" -> UKR)."""
        return self._geo(name, {"capital"})

    def place(self, name: str) -> tuple[str, str] | None:
        """(country, kind) of a capital, major city or region CountryInfo lists."""
        hits = self.geo.get(normalise(name), [])
        return (hits[0][0], hits[0][1]) if hits else None


@lru_cache(maxsize=8)
def load_kb(extra_dirs: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled knowledge base, extended by user folders holding files of the same names."""
    return KnowledgeBase((DATA_DIR, *(Path(d) for d in extra_dirs)))


def lookup_name(text: str, on_date: str | None = None) -> KBEntry | None:
    return load_kb().lookup_name(text, on_date)


def agent(noun: str) -> str | None:
    return load_kb().agent(noun)


def adjective(word: str) -> str | None:
    return load_kb().adjective(word)


def capital(name: str) -> str | None:
    return load_kb().capital(name)
