"""The ``annotated`` eval kind: its matching library on hand-built extractions, then end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli.main import main
from eventwire.eval import run_eval
from eventwire.eval.annotated import (
    date_ok,
    line_of,
    match_event,
    match_quote,
    matches_all,
    metrics_from_counts,
    names_match,
    score_article,
    score_events,
    value_ok,
)
from eventwire.models import (
    Actor,
    Article,
    Attribution,
    Count,
    Event,
    Evidence,
    Extraction,
    Paragraph,
    Place,
    Quote,
    TimeRef,
)

DATA = Path(__file__).resolve().parent / "data" / "eval" / "annotated"

LINES = [
    "Share!",  # 1: dropped
    "Rebels attacked a police post in Goma on Monday, killing four officers, the army said.",  # 2
    "Rwanda's foreign minister spoke by phone with his Congolese counterpart on Tuesday.",  # 3
    "The army said it \u201cwould respond\u201d to any new attack.",  # 4
]


def make_article(dropped: tuple[int, ...] = (1,)) -> Article:
    paragraphs, offset, kept = [], 0, []
    for i, text in enumerate(LINES, start=1):
        para = Paragraph(
            index=i - 1, text=text, line=i, kept=i not in dropped, reason="test" if i in dropped else None
        )
        if para.kept:
            offset += 1 if kept else 0
            para.start, para.end = offset, offset + len(text)
            offset = para.end
            kept.append(text)
        paragraphs.append(para)
    return Article(id="t", text="\n".join(kept), paragraphs=paragraphs, published="2025-01-08")


ARTICLE = make_article()


def offset_of(line: int, word: str) -> int:
    para = next(p for p in ARTICLE.paragraphs if p.line == line)
    return para.start + para.text.index(word)


def event(line: int, word: str, type_: str, src: str | None, tgt: str | None, **kw) -> Event:
    start = offset_of(line, word)
    return Event(
        type=type_,
        trigger=word,
        evidence=Evidence(start, start + len(word), start, start + 10),
        source=Actor(text=src or "", name=src or "", start=0, end=0, country=src) if src else None,
        target=Actor(text=tgt or "", name=tgt or "", start=0, end=0, country=tgt) if tgt else None,
        **kw,
    )


def where(offset: int | None) -> int | None:
    return line_of(ARTICLE, offset)


def test_line_of_maps_offsets_to_source_lines() -> None:
    assert ARTICLE.text.startswith("Rebels")
    assert where(0) == 2
    assert where(offset_of(3, "phone")) == 3
    assert where(len(ARTICLE.text)) == 4
    assert where(None) is None


def test_names_dates_and_values() -> None:
    assert names_match("Austin", "Defense Secretary Lloyd Austin")
    assert names_match("the official’s “view”", 'The Official\'s "view"')
    assert not names_match("", "anything") and not names_match("Gallant", "Austin")
    assert date_ok({"date_range": ["2025-01-01", "2025-01-07"]}, "2025-01-07")
    assert not date_ok({"date_range": ["2025-01-01", "2025-01-07"]}, "2025-01")
    assert date_ok({"date_any_of": ["2025-01-06", "2025-01-07"]}, "2025-01-06")
    assert value_ok({"value_range": [10, 20]}, 12) and not value_ok({"value": 4}, 5)


def test_match_event_line_type_countries_modality() -> None:
    attack = event(2, "attacked", "ASSAULT", "COD", "COD")
    spec = {
        "line": 2,
        "type_any_of": ["ASSAULT", "COERCE"],
        "source": {"country": "COD"},
        "modality": "asserted",
    }
    assert match_event(spec, attack, where)
    assert not match_event({**spec, "line": 3}, attack, where)
    assert not match_event({**spec, "source": {"country": "RWA"}}, attack, where)
    assert not match_event(spec, event(2, "attacked", "ASSAULT", "COD", None, modality="hypothetical"), where)
    # a target the item doesn't name may still be invented by the extraction
    assert match_event({"line": 2, "type": "ASSAULT", "source": {"country": "COD"}}, attack, where)


def test_consult_matches_either_order_but_assault_does_not() -> None:
    spec = {"line": 3, "type": "CONSULT", "source": {"country": "RWA"}, "target": {"country": "COD"}}
    assert match_event(spec, event(3, "spoke", "CONSULT", "COD", "RWA"), where)
    assert not match_event({**spec, "type": "ASSAULT"}, event(3, "spoke", "ASSAULT", "COD", "RWA"), where)


def test_forbidden_items_need_every_field() -> None:
    hypothetical = event(2, "attacked", "ASSAULT", "COD", "COD", modality="hypothetical")
    forbidden = {"line": 2, "type": "ASSAULT", "source": {"country": "COD"}, "modality": "asserted"}
    assert not matches_all(forbidden, hypothetical, where)
    assert matches_all(forbidden, event(2, "attacked", "ASSAULT", "COD", None), where)
    line_only = {"line_any_of": [3, 4]}
    assert matches_all(line_only, event(4, "respond", "THREATEN", None, None), where)
    assert not matches_all(line_only, event(2, "attacked", "ASSAULT", None, None), where)
    with_name = {"line": 2, "source": {"country": "COD", "name": "M23"}}
    assert not matches_all(with_name, event(2, "attacked", "ASSAULT", "COD", None), where)


def test_quotes_match_on_line_and_start() -> None:
    quote = Quote(text="would respond", start=offset_of(4, "would"), end=0)
    assert match_quote({"line": 4, "text_starts": "Would respond"}, quote, where(quote.start))
    assert not match_quote({"line": 2, "text_starts": "would respond"}, quote, where(quote.start))
    assert match_quote({"line": 4, "text": "would respond"}, quote, where(quote.start))
    assert not match_quote({"line": 4, "text": "would"}, quote, where(quote.start))


EXPECTED = {
    "noise_lines": [1, 4],
    "events": {
        "required": [
            {
                "line": 2,
                "type": "ASSAULT",
                "source": {"country": "COD"},
                "date": "2025-01-06",
                "location": {"name": "Goma", "country": "COD"},
                "count": {"value": 4, "qualifier": "exact"},
                "attribution": {"speaker": "the army"},
            },
            {
                "line": 3,
                "type": "CONSULT",
                "source": {"country": "RWA"},
                "target": {"country": "COD"},
                "mode_any_of": ["phone"],
                "date": "2025-01-07",
            },
        ],
        "optional": [{"line": 4, "type": "THREATEN"}],
        "forbidden": [{"line": 1}],
    },
    "quotes": {
        "required": [{"line": 4, "text_starts": "would respond", "speaker": "the army"}],
        "forbidden": [{"line": 2, "text": "killing"}],
    },
    "counts": {"required": [{"line": 2, "value": 4, "qualifier": "exact"}, {"line": 3, "value": 2}]},
    "places": {
        "required": [{"name": "Goma", "country": "COD", "lat": -1.68, "lon": 29.23}, {"name": "Rwanda"}]
    },
    "actors": {"required": [{"text": "Rebels", "sector": "REB"}]},
}


def hand_extraction() -> Extraction:
    goma = Place(
        text="Goma", name="Goma", start=offset_of(2, "Goma"), end=0, country="COD", lat=-1.68, lon=29.22
    )
    attack = event(
        2,
        "attacked",
        "ASSAULT",
        "COD",
        None,
        location=goma,
        date=TimeRef(text="Monday", start=0, end=0, value="2025-01-06"),
        counts=[Count(value=4, start=offset_of(2, "four"), end=0, text="four")],
        attribution=Attribution(speaker_text="the army"),
    )
    call = event(
        3,
        "spoke",
        "CONSULT",
        "COD",
        "RWA",
        mode=["meeting"],
        date=TimeRef(text="Tuesday", start=0, end=0, value="2025-01-07"),
    )
    stray = event(3, "phone", "AID", "RWA", None)  # neither required nor optional: a false positive
    return Extraction(
        events=[attack, call, stray, event(4, "respond", "THREATEN", None, None, modality="future")],
        quotes=[Quote(text="would respond", start=offset_of(4, "would"), end=0, speaker_text="The army")],
        counts=[Count(value=4, start=offset_of(2, "four"), end=0, text="four")],
        places=[
            goma,
            Place(text="Rwanda", name="Rwanda", start=offset_of(3, "Rwanda"), end=0, country="RWA"),
        ],
        actors=[Actor(text="Rebels", name="rebels", start=0, end=6, sector="REB")],
    )


def test_score_article_exact_metrics_computed_by_hand() -> None:
    metrics = metrics_from_counts(score_article(EXPECTED, ARTICLE, hand_extraction()))
    assert metrics["noise_precision"] == 1.0 and metrics["noise_recall"] == 0.5  # dropped {1}; gold {1, 4}
    assert metrics["event_recall"] == 1.0
    # asserted extractions: attack (required), call (required), stray AID (no item); the future
    # THREATEN is not asserted, so it is left out of precision
    assert metrics["event_precision"] == pytest.approx(2 / 3)
    assert metrics["event_mode_accuracy"] == 0.0  # "meeting" is not "phone"
    assert metrics["event_date_accuracy"] == 1.0  # both dates right
    assert metrics["event_location_accuracy"] == metrics["event_count_accuracy"] == 1.0
    assert metrics["event_attribution_accuracy"] == 1.0
    assert metrics["event_actor_accuracy"] is None  # no item gives an actor name or sector
    assert metrics["forbidden_event_violations"] == 0
    assert metrics["quote_recall"] == metrics["speaker_accuracy"] == 1.0
    assert metrics["count_recall"] == 0.5
    assert metrics["place_recall"] == 1.0 and metrics["geocode_accuracy"] == 1.0  # 1 km off
    assert metrics["actor_recall"] == 1.0


def test_article_rejected_by_ingest_scores_zero_recall() -> None:
    metrics = metrics_from_counts(score_article(EXPECTED, None, None))
    assert metrics["event_recall"] == 0.0 and metrics["noise_recall"] == 0.0
    assert metrics["event_precision"] is None  # nothing extracted: precision undefined, not 1


# --- end to end through the pipeline ---------------------------------------------------------


def test_annotated_kind_on_the_repo_sample() -> None:
    result = run_eval("annotated", DATA)
    m = result["metrics"]
    assert result["n"] == 2
    # noise gold {1,3,6} and {1,5}; the cleaner misses only "Tap here for live updates" (line 3)
    assert m["noise_precision"] == 1.0
    assert m["noise_recall"] == 0.8
    assert 0 < m["noise_recall"] < 1
    for name in (
        "event_recall",
        "event_precision",
        "quote_recall",
        "speaker_accuracy",
        "count_recall",
        "place_recall",
        "actor_recall",
        "event_date_accuracy",
        "forbidden_event_violations",
    ):
        assert name in m
    assert all(v is None or 0 <= v <= 1 for k, v in m.items() if not k.endswith("violations"))


def test_cli_json_is_one_object_and_report_is_markdown(tmp_path: Path, capsys) -> None:
    report = tmp_path / "report.md"
    assert main(["eval", "annotated", str(DATA), "--json", "--limit", "1", "--report", str(report)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"kind", "path", "n", "metrics", "eventwire_version", "coder"}
    assert result["n"] == 1 and result["metrics"]["noise_recall"] == pytest.approx(2 / 3, abs=1e-4)
    text = report.read_text()
    assert text.startswith("# eventwire eval annotated") and "| noise_recall | 0.6667 |" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "no-such-kind", "."], "unknown eval kind"),
        (["eval", "annotated", "/no/such/folder"], "gold data not found"),
        (["eval", "annotated", str(Path(__file__).parent)], "no NAME.txt + NAME.expected.json"),
    ],
)
def test_cli_errors_are_one_line(args: list[str], message: str, capsys) -> None:
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and err.startswith("error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_count_unit_any_of_accepts_each_listed_unit_only():
    from eventwire.eval.annotated import match_count

    spec = {"line": 3, "value": 12, "unit_any_of": ["people", "killed"]}
    assert match_count(spec, Count(12, 0, 9, "12 people", unit="killed"), 3)
    assert match_count(spec, Count(12, 0, 9, "12 people", unit="people"), 3)
    assert not match_count(spec, Count(12, 0, 9, "12 people", unit="injured"), 3)
    assert not match_count(spec, Count(12, 0, 9, "12 people", unit="killed"), 4)


def test_a_coreferent_mention_answers_to_the_name_it_resolves_to_not_its_letters() -> None:
    from eventwire.eval.annotated import match_actor
    from eventwire.models import Actor

    he = Actor(text="he", name="Omar Bob", start=90, end=92, country="SDN", country_reason="coreference")
    assert match_actor({"text": "Omar Bob", "country": "SDN"}, he)
    assert not match_actor({"text": "the ministry", "country": "SDN"}, he)  # "he" is in "the"
    named = Actor(text="the ministry", name="ministry", start=0, end=12, country="SDN")
    assert match_actor({"text": "ministry", "country": "SDN"}, named)


def test_gold_sectors_in_the_annotation_guide_spelling_meet_the_plover_codes() -> None:
    from eventwire.eval.annotated import match_actor
    from eventwire.models import Actor

    afp = Actor(text="AFP", name="AFP", start=0, end=3, country="FRA", sector="JRN")
    assert match_actor({"text": "AFP", "country": "FRA", "sector": "MED"}, afp)
    doctor = Actor(text="doctors", name="doctors", start=0, end=7, country="KEN", sector="MED")
    assert not match_actor({"text": "doctors", "sector": "JRN"}, doctor)  # only the guide's MED is JRN
    un = Actor(text="the U.N.", name="the U.N.", start=0, end=8, country="UNO")
    assert match_actor({"text": "U.N.", "country": "UNO", "sector": "IGO"}, un)
    assert not match_actor({"text": "U.N.", "country": "UNO", "sector": "GOV"}, un)
    turkey = Actor(text="Turkey", name="Turkey", start=0, end=6, country="TUR", canonical_id="c:TUR")
    assert match_actor({"text": "Turkey", "country": "TUR", "sector": "GOV"}, turkey)
    ankara_firm = Actor(
        text="Turkey Inc", name="Turkey Inc", start=0, end=10, country="TUR", canonical_id="g:TUR:x"
    )
    assert not match_actor({"text": "Turkey", "country": "TUR", "sector": "GOV"}, ankara_firm)


def test_modality_accuracy_counts_events_found_on_line_type_and_parties_whatever_their_modality() -> None:
    spec = {"line": 4, "type": "THREATEN", "source": {"country": "COD"}, "modality": "future"}
    asserted = event(4, "respond", "THREATEN", "COD", None)  # found, but read as asserted
    future = event(4, "respond", "THREATEN", "COD", None, modality="future")
    wrong_party = event(4, "respond", "THREATEN", "RWA", None, modality="asserted")
    expected = {"events": {"required": [spec]}}
    missed = metrics_from_counts(score_events(expected, [asserted, wrong_party], where))
    assert missed["event_modality_accuracy"] == 0.0 and missed["event_recall"] == 0.0
    right = metrics_from_counts(score_events(expected, [future], where))
    assert right["event_modality_accuracy"] == 1.0 and right["event_recall"] == 1.0
    # an item with no event on its line, type and parties is not counted at all
    unmatched = metrics_from_counts(score_events(expected, [wrong_party], where))
    assert unmatched["event_modality_accuracy"] is None
