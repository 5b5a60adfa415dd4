"""Language identification: other languages are refused by name, English (even terse) is kept."""

from __future__ import annotations

import pytest

from eventwire.clean.language import check_english, identify_language
from eventwire.errors import NotEnglishError

POLISH = (
    "Rząd w Warszawie ogłosił w poniedziałek nowe sankcje wobec Rosji. Premier powiedział dziennikarzom, "
    "że kraj nie ustąpi pod presją i będzie nadal wspierał Ukrainę. Opozycja skrytykowała decyzję, "
    "twierdząc, że rząd nie skonsultował jej z parlamentem ani z partnerami w Unii Europejskiej."
)
SWAHILI = (
    "Serikali ya Kenya imesema kwamba waandamanaji watatu waliuawa katika mji wa Nairobi siku ya Jumanne. "
    "Polisi walitumia mabomu ya machozi kuwatawanya watu waliokuwa wakipinga ongezeko la kodi. Viongozi wa "
    "upinzani wameitaka serikali kuwaachilia huru watu wote waliokamatwa wakati wa maandamano hayo."
)
ENGLISH = (
    "Police in Nairobi fired tear gas at protesters on Tuesday as thousands marched against a proposed tax "
    "increase. Three people were killed, according to a rights group, and dozens were arrested. The interior "
    "minister said officers had acted within the law and urged organisers to call off further marches."
)


@pytest.mark.parametrize(("text", "code"), [(POLISH, "pl"), (SWAHILI, "sw")])
def test_other_languages_are_refused_with_their_name(text, code):
    with pytest.raises(NotEnglishError, match=f"'{code}'"):
        check_english(text, 0.5, source="page.html")


def test_english_news_is_identified_as_english():
    lang, probability = identify_language(ENGLISH)
    assert lang == "en" and probability > 0.9
    assert check_english(ENGLISH, 0.5) == "en"


def test_too_few_words_is_no_evidence_either_way():
    assert identify_language("Rząd ogłosił nowe sankcje.") == (None, 0.0)
    assert check_english("Rząd ogłosił nowe sankcje.", 0.5) is None  # kept, language not known


def test_the_check_can_be_switched_off_and_still_names_the_language():
    assert check_english(POLISH, 0.0) == "pl"


def test_the_language_identified_is_stored_on_the_article(tmp_path):
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_paths
    from eventwire.store import connect

    (tmp_path / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    (tmp_path / "pl.txt").write_text(POLISH + "\n", encoding="utf-8")
    (tmp_path / "short.txt").write_text("Police fired tear gas in Nairobi.\n", encoding="utf-8")
    conn = connect(tmp_path / "news.db")
    ingest_paths(conn, [str(tmp_path / "en.txt"), str(tmp_path / "short.txt")])
    ingest_paths(conn, [str(tmp_path / "pl.txt")], options=Options(min_english_ratio=0))  # check off
    stored = dict(conn.execute("SELECT source, language FROM articles").fetchall())
    by_name = {src.rsplit("/", 1)[-1]: lang for src, lang in stored.items()}
    assert by_name == {"en.txt": "en", "short.txt": None, "pl.txt": "pl"}


def test_a_multilingual_crawl_skips_other_languages_with_a_note_and_exit_0(tmp_path, capsys):
    from eventwire.cli.main import main

    (tmp_path / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    (tmp_path / "pl.txt").write_text(POLISH + "\n", encoding="utf-8")
    (tmp_path / "sw.txt").write_text(SWAHILI + "\n", encoding="utf-8")
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(tmp_path), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "1 new article(s)" in err and "2 article(s) in other languages skipped" in err
    assert "note:" in err and "'pl'" in err and "'sw'" in err
    assert main(["ingest", str(tmp_path / "pl.txt"), "--db", db, "--strict"]) == 1
    assert "error:" in capsys.readouterr().err


def _letter_ratio_below_half(text: str) -> bool:
    """The definition, spelled out letter by letter: fewer than half of the letters are Latin."""
    letters = [c for c in text if c.isalpha() or (c.isalnum() and not c.isdecimal())]
    latin = [c for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f"]
    return bool(letters) and len(latin) / len(letters) < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Москва заявила 12 мая",  # Cyrillic only
        "Moscow Москва",  # 6 Latin, 6 Cyrillic: not below half
        "Mosco Москва",  # 5 Latin, 6 Cyrillic
        "Ελλάδα and Athens ×÷ ½ 42",  # Greek and Latin, with signs and numbers that are no letters
        "Zürich, Łódź and Ærøskøbing",  # Latin beyond ASCII only
        "12 × 3 ÷ 4 = 9",  # no letters at all
        "",
    ],
)
def test_mostly_non_latin_script_is_what_the_letters_say(text):
    assert identify_language(text)[0] == ("non-latin" if _letter_ratio_below_half(text) else None)


def test_forty_words_are_enough_to_identify_and_thirty_nine_are_not():
    words = ENGLISH.split()
    assert identify_language(" ".join(words[:39])) == (None, 0.0)
    assert identify_language(" ".join(words[:40]))[0] == "en"
