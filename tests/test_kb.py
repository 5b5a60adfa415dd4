"""The actor knowledge base: reproducible build, date-ranged codes, agents, adjectives, user rows."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.kb import DATA_DIR, KnowledgeBase, load_kb

REPO = Path(__file__).resolve().parent.parent
SHARED_KB = REPO.parent / "shared" / "kb"
KB_FILES = ("kb_actors.tsv", "kb_aliases.tsv", "kb_agents.tsv", "kb_geo.tsv", "kb_sectors.tsv")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_kb", REPO / "scripts" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_kb"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SHARED_KB.is_dir(), reason="../shared/kb is absent; the build reads it")
def test_make_kb_rebuilds_the_shipped_files_byte_for_byte(tmp_path):
    counts = _build_module().build(SHARED_KB.parent, tmp_path)
    assert all(n > 1000 for name, n in counts.items() if name != "kb_sectors.tsv"), counts
    assert counts["kb_sectors.tsv"] >= 20, counts
    for name in KB_FILES:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), (
            f"{name} differs: run make kb"
        )


def test_shipped_kb_is_compact_and_credited():
    total = sum((DATA_DIR / name).stat().st_size for name in KB_FILES)
    assert 1_000_000 < total < 20_000_000
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in notice and "NGEC" in notice and "CountryInfo" in notice


def test_the_package_does_not_read_the_shared_folder():
    source = (REPO / "src" / "eventwire" / "kb" / "__init__.py").read_text(encoding="utf-8")
    assert "shared" not in source


@pytest.mark.parametrize(
    ("name", "date", "country", "sector"),
    [
        ("Donald Trump", "2019-06-01", "USA", "GOV"),
        ("Donald Trump", "2022-06-01", "USA", "ELI"),  # out of office between his terms
        ("Trump", "2025-06-01", "USA", "GOV"),
        ("Erdogan", "2001-06-01", "TUR", "ELI"),  # Phoenix: before he took office
        ("Erdogan", "2024-06-01", "TUR", "GOV"),
        ("the Taliban", "2019-06-01", "AFG", "REB"),
        ("Taliban", "2023-06-01", "AFG", "GOV"),
        ("U.N.", None, "UNO", None),
        ("NATO", None, "IGO", "MIL"),
        ("Boko Haram", None, "NGA", "REB"),
        ("Kremlin", None, "RUS", "GOV"),
        ("DHS", None, "USA", "GOV"),  # curated: agencies the 2014-2016 dictionaries lack
        ("ISPR", None, "PAK", "MIL"),
    ],
)
def test_codes_valid_on_the_publication_date(name, date, country, sector):
    entry = load_kb().lookup_name(name, date)
    assert entry is not None and (entry.country, entry.sector) == (country, sector)
    assert entry.canonical_id and entry.canonical_name and entry.source


def test_aliases_share_one_canonical_actor():
    kb = load_kb()
    ids = {kb.lookup_name(n, "2024-01-01").canonical_id for n in ("UN", "U.N.", "United Nations")}
    assert len(ids) == 1


def test_unknown_names_and_ambiguous_surnames_are_not_guessed():
    kb = load_kb()
    assert kb.lookup_name("Ana Rojas", "2024-01-01") is None
    assert kb.lookup_name("", None) is None


def test_agent_nouns_adjectives_and_capitals():
    kb = load_kb()
    assert kb.agent("soldiers") == "MIL" and kb.agent("customs officers") == "COP"
    assert kb.agent("journalists") == "JRN" and kb.agent("doctors") == "MED"  # PLOVER, not CAMEO
    assert kb.agent("spokesman") == "GOV" and kb.agent("armchair") is None
    assert kb.agent("owners") == "BUS"  # curated: the compiled lists lack business owners
    assert (kb.adjective("Chilean"), kb.adjective("Turkish"), kb.adjective("Brazilian")) == (
        "CHL",
        "TUR",
        "BRA",
    )
    assert (kb.capital("Kyiv"), kb.capital("Abuja")) == ("UKR", "NGA")
    assert kb.place("Kano") == ("NGA", "city")


def test_cameo_codes_map_to_plover_country_slots_and_sectors():
    build = _build_module()
    countries = {"TUR", "USA", "IRQ"}
    assert build.country_and_sector("TURGOVMIL", countries) == ("TUR", "GOV")
    assert build.country_and_sector("IGOUNOREF", countries) == ("UNO", "REF")
    assert build.country_and_sector("IGOEUREEC", countries) == ("EUR", "")
    assert build.country_and_sector("USAHLH", countries) == ("USA", "MED")
    assert build.country_and_sector("IRQINS", countries) == ("IRQ", "REB")
    assert build.country_and_sector("USAMED", countries) == ("USA", "JRN")
    assert build.iso_date("021118") == "2002-11-18" and build.iso_date("940101") == "1994-01-01"


def test_user_rows_in_a_lexicon_dir_extend_and_override(tmp_path):
    (tmp_path / "kb_actors.tsv").write_text(
        "# id\tname\tcode\tcountry\tsector\tstart\tend\tsource\n"
        "ana_rojas\tAna Rojas\tCHLGOV\tCHL\tGOV\t2023-01-01\t\tuser\n",
        encoding="utf-8",
    )
    (tmp_path / "kb_aliases.tsv").write_text("ana rojas\tana_rojas\nrojas\tana_rojas\n", encoding="utf-8")
    (tmp_path / "kb_agents.tsv").write_text("armchair\tCVL\n", encoding="utf-8")
    kb = KnowledgeBase((DATA_DIR, tmp_path))
    entry = kb.lookup_name("Ana Rojas", "2024-02-01")
    assert entry is not None and (entry.country, entry.sector, entry.source) == ("CHL", "GOV", "user")
    assert kb.agent("armchairs") == "CVL"


def test_config_hash_covers_the_kb_files(monkeypatch):
    from eventwire import options

    read: list[str] = []
    original = Path.read_bytes

    def recording(self):
        read.append(self.name)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", recording)
    options._data_fingerprint((), None)
    assert set(KB_FILES) <= set(read)


@pytest.mark.parametrize(
    ("dateline", "country", "place"),
    [
        ("KANO, Nigeria", "NGA", "Kano"),
        ("NAIROBI, Kenya (AP)", "KEN", "Nairobi"),
        ("ISTANBUL", "TUR", "Istanbul"),
        ("SPRINGFIELD, Illinois", "USA", "Springfield"),
        ("GOMA, Congo", "COD", "Goma"),
        ("WASHINGTON (Reuters)", "USA", "Washington"),
        ("MOSCOW, Jan. 5", "RUS", "Moscow"),
    ],
)
def test_dateline_names_the_home_place(dateline, country, place):
    from eventwire.kb.context import home_of_dateline

    home = home_of_dateline(dateline)
    assert home is not None and (home.country, home.name) == (country, place)


def test_datelines_without_a_state_give_no_home():
    from eventwire.kb.context import home_of_dateline

    assert home_of_dateline("UNITED NATIONS") is None
    assert home_of_dateline("NOWHERE TOWN") is None
    assert home_of_dateline(None) is None


def test_canonical_ids_merge_aliases_and_keep_people_apart():
    from eventwire.kb.context import canonical_id

    us = {
        canonical_id(kb_id=None, country="USA", sector=s, name=n, country_level=True)
        for n, s in [("the U.S.", None), ("United States", None), ("Washington", "GOV")]
    }
    assert us == {"c:USA"}
    police = {
        canonical_id(kb_id=None, country="KEN", sector="COP", name=n) for n in ("Kenyan police", "police")
    }
    assert police == {"g:KEN:COP"}
    assert canonical_id(
        kb_id=None, country="CHL", sector="GOV", name="x", person="Ana Rojas"
    ) != canonical_id(kb_id=None, country="CHL", sector="GOV", name="x", person="Mario Marcel")
    assert canonical_id(kb_id="donald_trump", country="USA", sector="GOV", name="Trump") == "kb:donald_trump"


def test_country_labels_are_common_english_names():
    kb = load_kb()
    assert (kb.country_label("RUS"), kb.country_label("USA"), kb.country_label("PSE")) == (
        "Russia",
        "United States",
        "Palestine",
    )
    assert kb.country_label(None) is None and kb.country_label("ZZZ") is None
