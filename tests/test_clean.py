"""The cleaner: which paragraphs are noise, which are kept, and what becomes metadata."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventwire.clean import clean_document, split_text_paragraphs
from eventwire.clean.noise import SPLICED_REASON, classify_paragraphs, load_noise_config
from eventwire.errors import NotEnglishError
from eventwire.models import RawDocument
from eventwire.options import Options

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = HERE.parent / "src" / "eventwire" / "samples"
CLEAN_DATA = HERE / "data" / "clean"

# A made-up article about a flood; candidate lines are spliced in at line 3.
PROSE = [
    "ZAMBEZI VALLEY, Mozambique — Floodwater swept through three villages in the Zambezi valley on "
    "Sunday, forcing about 2,000 people to leave their homes, provincial officials said.",
    "Rescue teams used boats to reach families stranded on rooftops in Mutarara district, where the "
    "river rose more than two metres overnight after days of heavy rain upstream.",
    "The provincial disaster agency said four people had drowned and that several roads and a bridge "
    "near the district capital had been washed away by the flood.",
    "Aid groups warned that the flood would cut villages off from markets and clinics for weeks, and "
    "appealed for boats, tents and clean water for the displaced families.",
]


def clean_text(text: str, options: Options | None = None):
    return clean_document(RawDocument(source="<test>", format="text", content=text), options)


def with_line(candidate: str) -> str:
    return "\n".join(PROSE[:2] + [candidate] + PROSE[2:])


def dropped_reason(candidate: str) -> str | None:
    article = clean_text(with_line(candidate))
    para = next(p for p in article.paragraphs if p.line == 3)
    return None if para.kept else para.reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share!", "share"),
        ("Share this article", "share"),
        ("Facebook | Twitter | WhatsApp | Email", "share"),
        ("Subscribe to our weekly newsletter for the latest updates", "subscribe"),
        ("Follow us on Instagram and X", "subscribe"),
        ("We use cookies to give you the best experience on our website.", "cookie"),
        ("Related stories", "related"),
        ("Read more: Government unveils new budget for schools", "related"),
        ("No related posts.", "related"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Villagers wade through a flooded street in Mutarara. (Photo: Example Wire)", "caption"),
        ("A boat carries families to dry land. Photo courtesy of the provincial disaster agency", "caption"),
        ("FILE PHOTO: Boats on the Zambezi river near Tete. EXAMPLE/Joana Matos", "caption"),
        ("Reporting by Joana Matos; Editing by Peter Lund", "reporting credits"),
        ("(Additional reporting by Peter Lund in Maputo)", "reporting credits"),
        ("Celebrity chef unveils secret to fluffier pancakes", SPLICED_REASON),
        ("Stunned by thousands of storks flying over the sky in Gia Vien dike – Nem TV", SPLICED_REASON),
        ("© 2025 Example Media. All rights reserved.", "furniture"),
    ],
)
def test_noise_line_is_dropped_with_its_reason(line: str, reason: str) -> None:
    got = dropped_reason(line)
    assert got is not None, f"kept noise line: {line!r}"
    assert reason in got


@pytest.mark.parametrize(
    "line",
    [
        "Flood damage in the valley",  # short subheading sharing words with the article
        "Rescue boats and shelters",
        "By Tuesday, the river had fallen by half a metre and some families had begun returning home.",
        "By Tuesday",
        "Residents said they would follow the advice of rescue teams and share boats with neighbours.",
        "Officials urged people to follow the evacuation orders.",
        "The WFP and UNICEF said the UN would send food, while the INGC coordinated the response.",
        "FLOOD WARNING REMAINS IN PLACE FOR THE ZAMBEZI VALLEY",  # all-caps, no dateline shape
        "Photographs taken by residents showed the bridge collapsing into the river.",
        "Reporting by local radio suggested the bridge had collapsed. Officials did not confirm it.",
        "Reporting by local radio suggested the bridge had collapsed.",
    ],
)
def test_prose_and_subheadings_are_kept(line: str) -> None:
    assert dropped_reason(line) is None


def test_byline_and_dateline_become_metadata() -> None:
    article = clean_text("By Joana Matos and Peter Lund\n" + "\n".join(PROSE))
    assert article.byline == "Joana Matos and Peter Lund"
    assert article.dateline == "ZAMBEZI VALLEY, Mozambique"
    assert article.text.startswith("Floodwater swept through")
    assert "Joana Matos" not in article.text
    assert article.paragraphs[0].reason == "byline"


def test_dateline_alone_on_its_line_is_metadata() -> None:
    article = clean_text("MAPUTO, Mozambique\n" + "\n".join(PROSE[1:]))
    assert article.dateline == "MAPUTO, Mozambique"
    assert not article.paragraphs[0].kept


def test_every_dropped_paragraph_has_a_reason_and_lines_survive() -> None:
    article = clean_text(with_line("Share this article") + "\nAdvertisement")
    assert [p.line for p in article.dropped] == [3, 6]
    assert all(p.reason for p in article.dropped)
    kept = [p for p in article.paragraphs if p.kept]
    assert kept
    for para in kept:
        assert article.text[para.start : para.end] == para.text


def test_spliced_headline_needs_context() -> None:
    # With fewer than three kept paragraphs nothing can be called unrelated.
    article = clean_text(PROSE[0] + "\nCelebrity chef unveils secret to fluffier pancakes")
    assert all(p.kept for p in article.paragraphs)


def test_user_patterns_extend_the_bundled_ones(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("rules:\n  - reason: house promo\n    match:\n      - 'listen to our podcast.*'\n")
    text = with_line("Listen to our podcast on the floods")
    assert dropped_reason("Listen to our podcast on the floods") is None
    article = clean_text(text, Options(noise_patterns=str(extra)))
    assert article.paragraphs[2].reason == "house promo"


def test_classify_paragraphs_on_raw_paragraphs() -> None:
    paragraphs = split_text_paragraphs("Share!\n\n" + "\n".join(PROSE))
    meta = classify_paragraphs(paragraphs, load_noise_config())
    assert paragraphs[0].line == 1 and not paragraphs[0].kept
    assert paragraphs[1].line == 3 and paragraphs[1].kept
    assert meta == {"dateline": "ZAMBEZI VALLEY, Mozambique"}


# --- HTML through trafilatura ------------------------------------------------------------------


def clean_html(name: str):
    page = CLEAN_DATA / name
    return clean_document(
        RawDocument(source=str(page), format="html", content=page.read_text(encoding="utf-8"))
    )


def test_html_page_body_and_metadata() -> None:
    article = clean_html("harbour_strike.html")
    assert "Thousands of dockworkers walked off the job" in article.text
    assert "chamber of commerce urged both sides" in article.text
    for noise in (
        "cookies",
        "Share on Facebook",
        "Sign up for our daily newsletter",
        "Celebrity chef",
        "Related stories",
        "Photo: Coastal Herald",
        "All rights reserved",
        "Privacy policy",
    ):
        assert noise not in article.text, noise
    assert article.title == "Dockworkers strike shuts Port Calvera for a second day"
    assert article.published == "2025-03-04"
    assert article.outlet == "The Coastal Herald"
    assert article.url == "https://www.coastalherald.example.com/news/2025/03/04/port-calvera-strike"
    assert article.byline == "Ines Carvalho"
    assert not article.text.startswith("Dockworkers strike shuts"), "the headline is metadata, not body"


def test_html_page_keeps_subheading_and_moves_dateline() -> None:
    article = clean_html("clinic_reopens.html")
    assert "Waiting lists" in article.text
    assert "follow the river levels every spring, and now they can share some good news" in article.text
    assert article.text.startswith("The only health clinic serving Dorval Creek")
    assert article.dateline == "DORVAL CREEK, Northshire (Valley Post)"
    for noise in ("Share this article", "Advertisement", "Read more:", "Log in", "Copyright 2024"):
        assert noise not in article.text, noise
    assert (article.title, article.published, article.outlet) == (
        "Rural clinic reopens after flood repairs",
        "2024-11-19",
        "Valley Post",
    )
    assert article.url == "https://valleypost.example.org/2024/11/19/clinic-reopens"


# --- shared data and bundled samples ----------------------------------------------------------


def test_founding_example_drops_exactly_lines_1_4_16() -> None:
    seed = SHARED / "examples" / "seed" / "article.txt"
    if not seed.is_file():
        pytest.skip(f"shared data not found at {SHARED} (the founding example lives there)")
    article = clean_text(seed.read_text(encoding="utf-8"))
    assert [p.line for p in article.dropped] == [1, 4, 16]


def test_scrapinghub_pages_all_clean() -> None:
    pages = SHARED / "gold" / "extraction"
    if not (pages / "html").is_dir():
        pytest.skip(f"shared gold data not found at {pages}")
    from eventwire.eval.extraction import load_pages

    cleaned, not_english = 0, 0
    for page_id, html, _gold, url in load_pages(pages):
        try:
            article = clean_document(RawDocument(source=page_id, format="html", content=html, url=url))
        except NotEnglishError:
            not_english += 1  # a deliberate refusal, not a failure of the cleaner
            continue
        assert article.text.strip(), page_id
        cleaned += 1
    assert cleaned >= 70 and cleaned + not_english == len(load_pages(pages))


def _expected_noise() -> list[tuple[str, list[int]]]:
    table = SAMPLES / "expected_noise.tsv"
    if not table.is_file():
        return []
    with table.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["file"], [int(n) for n in (r["noise_lines"] or "").split(",") if n.strip()]) for r in rows]


@pytest.mark.parametrize(
    ("name", "noise_lines"), _expected_noise() or [pytest.param("", [], marks=pytest.mark.skip)]
)
def test_bundled_samples_drop_exactly_their_noise_lines(name: str, noise_lines: list[int]) -> None:
    article = clean_text((SAMPLES / name).read_text(encoding="utf-8"))
    assert [p.line for p in article.dropped] == noise_lines
