"""Compile the public event-coding dictionaries in ``../shared/kb`` into eventwire's knowledge base.

Reads the PETRARCH2/Phoenix actor dictionaries (countries, international bodies, non-state armed
groups), the Phoenix and NGEC agent nouns, CountryInfo and NGEC's countries.csv, plus the curated
additions in ``scripts/kb_curated/`` (actors.tsv, organisations.tsv, agents.tsv, geo.tsv,
sectors.tsv), and writes five sorted TSV files into ``src/eventwire/kb/data``:

  kb_actors.tsv   id  name  code  country  sector  start  end  source   (one row per dated code)
  kb_aliases.tsv  alias  id                                             (lower-case phrase -> actor)
  kb_agents.tsv   noun  sector  code  source                            (agent nouns -> PLOVER sector)
  kb_geo.tsv      name  country  kind  source                           (country names, adjectives,
                                                                          capitals, cities, regions)
  kb_sectors.tsv  code  label                                           (PLOVER sector -> group noun)

The output depends only on the input bytes: rows are de-duplicated and sorted, nothing records the
time of the build, so ``make kb`` rebuilds the shipped files byte for byte.

    python scripts/build_kb.py [--shared ../shared] [--out src/eventwire/kb/data]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CURATED = REPO / "scripts" / "kb_curated"
HEADERS = {
    "kb_actors.tsv": "# id\tname\tcode\tcountry\tsector\tstart\tend\tsource",
    "kb_aliases.tsv": "# alias\tid",
    "kb_agents.tsv": "# noun\tsector\tcode\tsource",
    "kb_geo.tsv": "# name\tcountry\tkind\tsource",
    "kb_sectors.tsv": "# code\tlabel",
}
# CAMEO role blocks that PLOVER renames or drops (PLOVER drops INS, SEP and HLH; journalists are
# JRN and health workers MED in PLOVER, where CAMEO had MED and HLH).
CAMEO_TO_PLOVER = {"INS": "REB", "SEP": "REB", "HLH": "MED", "MED": "JRN"}
PLOVER_SECTORS = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "CVL", "BUS", "JRN", "MED",
    "EDU", "REL", "LAB", "AGR", "CRM", "REF", "HRI", "DEV", "ENV", "UAF", "ELI", "NGO", "PRM",
    "UNK", "PRE", "SOC", "IGO", "MOD", "RAD",
}  # fmt: skip
RELIGION_BLOCKS = {"MUS", "CHR", "JEW", "BUD", "HIN", "CTH", "ORT", "PRO", "SHI", "SUN", "JAN", "SIK"}
NON_STATE_PREFIXES = {"IGO", "NGO", "IMG", "MNC", "INT", "NGM", "UIS"}
# Which PLOVER country slot an intergovernmental code takes (UN bodies, the EU, other IGOs).
UN_BLOCK, EU_BLOCKS = "UNO", {"EEC", "EUR"}
# CountryInfo/CAMEO codes that are not ISO-3166 alpha-3 (East Timor, Kosovo, old Romania, Zaire).
LEGACY_CODES = {"TMP": "TLS", "KSV": "XKX", "KOS": "XKX", "ROM": "ROU", "ZAR": "COD", "YUG": "SRB"}
CODE_RE = re.compile(r"\[([A-Z~]{3,})(?:\s+([<>]?\d{6,8})(?:\s*-\s*(\d{6,8}))?)?\s*\]")


@dataclass
class ActorBlock:
    """One dictionary entry: a primary name, its aliases and its (possibly dated) codes."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (code, start, end)


def norm(phrase: str) -> str:
    """TABARI phrase ("RECEP_TAYYIP_ERDOGAN_") -> lower-case words ("recep tayyip erdogan")."""
    text = phrase.replace("_", " ").replace("  ", " ")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.strip(" ,;")


def display(phrase: str) -> str:
    """A readable canonical name: "RECEP_TAYYIP_ERDOGAN_" -> "Recep Tayyip Erdogan"."""
    words = norm(phrase).split()
    return " ".join(w.upper() if "." in w and len(w) <= 5 else w.capitalize() for w in words)


def iso_date(raw: str) -> str:
    """TABARI dates are YYMMDD or YYYYMMDD; two-digit years below 30 are 20xx."""
    digits = raw.lstrip("<>")
    if len(digits) == 6:
        year = int(digits[:2])
        digits = ("20" if year < 30 else "19") + digits
    if len(digits) != 8:
        return ""
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def parse_codes(line: str) -> list[tuple[str, str, str]]:
    codes = []
    for code, first, second in CODE_RE.findall(line):
        start = end = ""
        if first.startswith(">"):
            start = iso_date(first)
        elif first.startswith("<"):
            end = iso_date(first)
        elif first:
            start, end = iso_date(first), iso_date(second) if second else ""
        codes.append((code, start, end))
    return codes


def read_actor_file(path: Path) -> list[ActorBlock]:
    """TABARI .actors: a name line (maybe with codes), ``+alias`` lines, tab-indented code lines.

    A name without codes shares the codes of its neighbour in the same paragraph ("UN_ [IGOUNO]"
    followed by "U.N._"), which is how the dictionaries list spelling variants."""
    blocks: list[ActorBlock] = []
    paragraph: list[ActorBlock] = []

    def close_paragraph() -> None:
        for i, block in enumerate(paragraph):
            if not block.codes:
                near = [b for b in paragraph[:i][::-1] + paragraph[i + 1 :] if b.codes]
                block.codes = list(near[0].codes) if near else []
        blocks.extend(b for b in paragraph if b.codes)
        paragraph.clear()

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip():
            if not raw.strip():
                close_paragraph()
            continue
        if raw[0] in " \t" and "[" in body:
            if paragraph:
                paragraph[-1].codes.extend(parse_codes(body))
        elif body.startswith("+"):
            if paragraph:
                paragraph[-1].aliases.append(body[1:].split("[", 1)[0])
        else:
            paragraph.append(ActorBlock(body.split("[", 1)[0], [], parse_codes(body)))
    close_paragraph()
    return blocks


def country_and_sector(code: str, countries: set[str]) -> tuple[str, str]:
    """CAMEO code -> (PLOVER country slot, PLOVER sector): "TURGOVMIL" -> ("TUR", "GOV")."""
    code = code.strip("~")
    prefix, blocks = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
    if prefix in countries:
        country = prefix
    elif prefix == "IGO":
        country = "UNO" if UN_BLOCK in blocks else "EUR" if EU_BLOCKS & set(blocks) else "IGO"
        blocks = [b for b in blocks if b not in {UN_BLOCK} | EU_BLOCKS]
    elif prefix in {"NGO", "IMG"}:
        country = prefix
    elif prefix in NON_STATE_PREFIXES:
        country = ""
        blocks = (["BUS"] if prefix == "MNC" else []) + blocks
    else:
        country, blocks = "", [prefix] + blocks
    sector = ""
    for block in blocks:
        block = CAMEO_TO_PLOVER.get(block, block)
        if block in PLOVER_SECTORS:
            sector = block
            break
        if block in RELIGION_BLOCKS and prefix != "IMG":
            sector = "REL"
            break
    if not sector and prefix == "IMG":
        sector = "REB"  # an armed group's religion block (IMGMUSISI) describes it, it is no clergy
    return country, sector


def actor_rows(blocks: list[ActorBlock], source: str, countries: set[str], used_ids: set[str]):
    """Rows of kb_actors.tsv and kb_aliases.tsv for one dictionary."""
    actors, aliases = [], []
    for block in blocks:
        base = re.sub(r"[^a-z0-9]+", "_", norm(block.name)).strip("_") or "actor"
        ident, n = base, 2
        while ident in used_ids:
            ident, n = f"{base}~{n}", n + 1
        used_ids.add(ident)
        name = block.name.replace("_", " ").strip() if source == "curated" else display(block.name)
        for code, start, end in dict.fromkeys(block.codes):
            country, sector = country_and_sector(code, countries)
            actors.append((ident, name, code, country, sector, start, end, source))
        for alias in [block.name, *block.aliases]:
            if len(key := norm(alias)) >= 2:
                aliases.append((key, ident))
    return actors, aliases


def expand_macros(pattern: str, macros: dict[str, list[str]]) -> list[str]:
    for name, values in macros.items():
        if f"!{name}!" in pattern:
            return [v for value in values for v in expand_macros(pattern.replace(f"!{name}!", value), macros)]
    return [pattern]


def read_agents(path: Path, source: str, cameo: bool) -> Iterator[tuple[str, str, str, str]]:
    """Agent nouns: "SOLDIER [~MIL]", "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]"."""
    macros: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0].strip()
        if m := re.match(r"!(\w+)!\s*=\s*(.+)", body):
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[([A-Z~]+)\]", body)
        if not m:
            continue
        code = m.group(3)
        blocks = (
            [] if code.endswith("~") else [code.strip("~")[i : i + 3] for i in range(0, len(code) - 1, 3)]
        )
        blocks = [b for b in blocks if len(b) == 3]
        # "~CVLOPP" (opposition leader): the civilian block is the generic one, the next says more
        sector = next((b for b in blocks if b != "CVL"), blocks[0]) if blocks else ""
        if cameo:
            sector = CAMEO_TO_PLOVER.get(sector, sector)
        if sector in RELIGION_BLOCKS:
            sector = "REL"
        forms = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
        for form in forms:
            for noun in expand_macros(form, macros):
                if len(key := norm(noun)) >= 2 and "ã" not in key:
                    yield key, sector, code, source


def read_countryinfo(path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """CountryInfo: geography rows, and leaders with their dates of office (actor rows, aliases)."""
    geo, actors, aliases = [], [], []
    country, section, office = "", "", ""
    kinds = {"Nationality": "adjective", "Capital": "capital", "MajorCities": "city", "Regions": "region"}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if m := re.match(r"<CountryCode>(\w+)</CountryCode>", line):
            country = m.group(1)
        elif m := re.match(r"<CountryName>(.+)</CountryName>", line):
            geo.append((norm(m.group(1)), country, "country", "countryinfo"))
        elif m := re.match(r"<(\w+)>$", line):
            section = m.group(1) if m.group(1) in kinds or m.group(1) == "Leaders" else section
        elif re.match(r"</(\w+)>$", line) and line[2:-1] in kinds | {"Leaders": 1}:
            section = ""
        elif section == "Leaders" and (m := re.match(r"<([^/][^>]*)>$", line)):
            office = m.group(1)
        elif section in kinds and line and not line.startswith("<"):
            geo.append((norm(line), country, kinds[section], "countryinfo"))
        elif section == "Leaders" and (
            m := re.match(r"([A-Z][^\[]+?)\s*\[([<>]?\d{8})(?:\s*-\s*(\d{8}))?\]", line)
        ):
            first = m.group(2)
            start = iso_date(first) if not first.startswith("<") else ""
            end = iso_date(m.group(3)) if m.group(3) else (iso_date(first) if first.startswith("<") else "")
            sector = "GOV" if "military" not in office.lower() else "MIL"
            ident = "ci:" + re.sub(r"[^a-z0-9]+", "_", norm(m.group(1))).strip("_")
            actors.append(
                (ident, display(m.group(1)), country + sector, country, sector, start, end, "countryinfo")
            )
            aliases.append((norm(m.group(1)), ident))
    return geo, actors, aliases


def read_ngec_countries(path: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code = rec.get("CCA3", "").strip()
            rows.append((norm(rec["Name"]), code, "country", "ngec"))
            rows.append((rec["Name"].strip(), code, "label", "ngec"))  # the name as written
            for word in (rec.get("Nationality") or "").split(","):
                if word.strip():
                    rows.append((norm(word), code, "adjective", "ngec"))
    return rows


def read_curated(folder: Path, countries: set[str], used_ids: set[str]):
    """Curated additions: actors.tsv and organisations.tsv (name, aliases|..., code, start, end;
    people and offices, then well-known bodies by class) and geo.tsv rows."""
    geo = []
    blocks: dict[str, ActorBlock] = {}  # one actor per name; repeated rows add dated codes
    rows = [*_tsv_rows(folder / "actors.tsv"), *_tsv_rows(folder / "organisations.tsv")]
    for row in rows:
        row += [""] * (5 - len(row))
        block = blocks.setdefault(row[0], ActorBlock(row[0].replace(" ", "_")))
        block.aliases += [a.replace(" ", "_") for a in row[1].split("|") if a and a not in block.aliases]
        block.codes.append((row[2], row[3], row[4]))
    actors, aliases = actor_rows(list(blocks.values()), "curated", countries, used_ids)
    for row in _tsv_rows(folder / "geo.tsv"):
        geo.append((row[0] if row[2] == "label" else norm(row[0]), row[1], row[2], "curated"))
    return actors, aliases, geo


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


def iso_country(code: str, iso: set[str]) -> str:
    """A country slot as ISO alpha-3: legacy codes renamed; a territory code ("USAPRI") becomes
    the territory's own ISO code when it has one (PRI), else its state's (CHNTIB -> CHN)."""
    code = LEGACY_CODES.get(code, code)
    if len(code) == 6 and code.isalpha():
        return code[3:] if code[3:] in iso else LEGACY_CODES.get(code[:3], code[:3])
    return code


def _iso_rows(actors: list[tuple], geo: list[tuple], iso: set[str]) -> tuple[list[tuple], list[tuple]]:
    actors = [(*r[:3], iso_country(r[3], iso), *r[4:]) for r in actors]
    geo = [(r[0], iso_country(r[1], iso), *r[2:]) for r in geo]
    return actors, geo


def build(shared: Path, out: Path) -> dict[str, int]:
    kb = shared / "kb"
    geo = read_ngec_countries(kb / "ngec" / "countries.csv")
    ci_geo, ci_actors, ci_aliases = read_countryinfo(kb / "countryinfo" / "CountryInfo.120116.txt")
    geo += ci_geo
    countries = {c for _, c, kind, _ in geo if kind == "country" and len(c) == 3}
    used: set[str] = set()
    actors, aliases = [], []
    for name, source in (("Countries", "phoenix"), ("International", "phoenix"), ("MilNonState", "phoenix")):
        blocks = read_actor_file(kb / "petrarch2" / f"Phoenix.{name}.actors.txt")
        rows, alias_rows = actor_rows(blocks, f"{source}:{name.lower()}", countries, used)
        actors += rows
        aliases += alias_rows
    known = {alias for alias, _ in aliases}
    actors += [r for r in ci_actors if r[0] not in used]
    aliases += [a for a in ci_aliases if a[0] not in known]
    cur_actors, cur_aliases, cur_geo = read_curated(CURATED, countries, used)
    actors, aliases, geo = actors + cur_actors, aliases + cur_aliases, geo + cur_geo
    iso = {c for _, c, kind, source in geo if kind == "country" and source == "ngec"}
    actors, geo = _iso_rows(actors, geo, iso | {"XKX"})
    agents = [(norm(r[0]), r[1], "~" + r[1], "curated") for r in _tsv_rows(CURATED / "agents.tsv")]
    for path, source, cameo in (
        (kb / "ngec" / "PLOVER_agents.txt", "ngec", False),
        (kb / "petrarch2" / "Phoenix.agents.txt", "phoenix", True),
    ):
        seen_nouns = {a[0] for a in agents}  # curated first, then NGEC's PLOVER list, then Phoenix
        agents += [a for a in read_agents(path, source, cameo) if a[0] not in seen_nouns]
    tables = {
        "kb_actors.tsv": actors,
        "kb_aliases.tsv": aliases,
        "kb_agents.tsv": agents,
        "kb_geo.tsv": [g for g in geo if g[0] and g[1]],
        "kb_sectors.tsv": [r[:2] for r in _tsv_rows(CURATED / "sectors.tsv")],
    }
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in tables.items():
        unique = sorted({tuple(str(c).replace("\t", " ") for c in r) for r in rows})
        text = HEADERS[name] + "\n" + "".join("\t".join(r) + "\n" for r in unique)
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        counts[name] = len(unique)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "eventwire" / "kb" / "data")
    args = parser.parse_args(argv)
    if not (args.shared / "kb").is_dir():
        print(f"error: {args.shared / 'kb'} not found (pass --shared)", file=sys.stderr)
        return 2
    for name, n in build(args.shared, args.out).items():
        print(f"{name}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
