"""Co-actors (extract/coactors.py): the parties coordinated with an event's source or target, kept
beside the one actor the coder chose; stored, read back, exported and scored.

The rule's guards are tested on hand-built Docs (the parse written out); the sentences run through
the whole pipeline are our own, none taken from a gold set.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from event_helpers import events_of
from eventwire.models import Actor, Article, Event, Evidence, Extraction, Paragraph
from eventwire.options import Options
from test_rules_handbuilt import hand_doc


def _parties(event, role: str) -> list[str | None]:
    return [a.country for a in getattr(event, f"{role}_also")]


def _one(text: str, event_type: str) -> Event:
    found = [e for e in events_of(text) if e.type == event_type]
    assert found, f"no {event_type} event in {text!r}"
    return found[0]


# --- the whole pipeline, sentences of our own ----------------------------------------------------


def test_a_coordinated_subject_gives_the_source_a_co_actor():
    # not a joint act (an agreement's pair is its source and target: test_joint_acts.py)
    event = _one("Kenya and Uganda condemned the border raid on Friday.", "ACCUSE")
    assert event.source.country == "KEN" and _parties(event, "source") == ["UGA"]
    assert event.target_also == []


def test_every_member_of_a_list_of_targets_is_kept_in_text_order():
    event = _one("Iran accused Saudi Arabia, Bahrain and the United Arab Emirates of meddling.", "ACCUSE")
    assert event.source.country == "IRN"
    assert [event.target.country, *_parties(event, "target")] == ["SAU", "BHR", "ARE"]


def test_both_x_and_y():
    event = _one("Both Brazil and Argentina rejected the proposal on Monday.", "REJECT")
    assert {event.source.country, *_parties(event, "source")} == {"BRA", "ARG"}


def test_coordinated_national_adjectives_share_the_head_and_its_sector():
    event = _one("French and German troops attacked rebel positions near the border.", "ASSAULT")
    assert (event.source.country, event.source.sector) == ("FRA", "MIL")
    assert [(a.country, a.sector) for a in event.source_also] == [("DEU", "MIL")]


def test_the_coactors_leave_roles_and_confidence_as_the_coder_left_them(monkeypatch):
    from eventwire.extract import base

    text = "Kenya and Uganda condemned the border raid on Friday."
    with_coactors = _one(text, "ACCUSE")
    registry = {k: v for k, v in base.REGISTRY.items() if k != "coactors"}
    monkeypatch.setattr(base, "REGISTRY", registry)
    without = _one(text, "ACCUSE")
    assert without.source_also == [] and with_coactors.source_also
    assert (with_coactors.source, with_coactors.target) == (without.source, without.target)
    assert with_coactors.confidence == without.confidence


def test_the_component_runs_after_the_coder_has_made_the_roles_final():
    from eventwire.extract.base import pipeline

    names = [c.name for c in pipeline()]
    assert names.index("coactors") > names.index("coder")


# --- the rule's guards, on hand-built parses ------------------------------------------------------


def _ctx(doc, actors: dict[int, Actor]):
    from eventwire.extract.actor_context import ActorIndex
    from eventwire.extract.actor_lexicon import actor_patterns
    from eventwire.extract.base import Context

    index = ActorIndex(entry_at={}, sector_at={}, patterns=actor_patterns(()), home_country=None)
    index.by_head = dict(actors)
    article = Article(id="t", text=doc.text)
    ctx = Context(doc=doc, article=article, options=Options())
    ctx.scratch["actor_index"] = index
    return ctx


def _actor(doc, i: int, country: str | None, sector: str | None = None) -> Actor:
    t = doc[i]
    return Actor(t.text, t.text, t.idx, t.idx + len(t.text), country=country, sector=sector)


def _event(doc, source: Actor | None, target: Actor | None, trigger: int) -> Event:
    t = doc[trigger]
    return Event(
        "ACCUSE", t.text, Evidence(t.idx, t.idx + len(t), 0, len(doc.text)), source=source, target=target
    )


def _run(ctx, event: Event) -> Event:
    from eventwire.extract.coactors import find_coactors

    ctx.result = Extraction(events=[event])
    find_coactors(ctx)
    return event


DENOUNCED = """
    Chile 3 nsubj NNP
    and 0 cc CC
    Peru 0 conj NNP
    denounced 3 ROOT VBD denounce
    Bolivia 3 dobj NNP
    . 3 punct .
"""


def test_a_conjunct_of_the_source_is_a_co_actor_and_no_target():
    doc = hand_doc(DENOUNCED)
    chile, peru, bolivia = _actor(doc, 0, "CHL"), _actor(doc, 2, "PER"), _actor(doc, 4, "BOL")
    event = _run(_ctx(doc, {0: chile, 2: peru, 4: bolivia}), _event(doc, chile, bolivia, 3))
    assert event.source_also == [peru] and event.target_also == []


def test_the_other_roles_actor_is_never_a_co_actor():
    doc = hand_doc(DENOUNCED)
    chile, peru = _actor(doc, 0, "CHL"), _actor(doc, 2, "PER")
    event = _run(_ctx(doc, {0: chile, 2: peru}), _event(doc, chile, peru, 3))
    assert event.source_also == [] and event.target_also == []


def test_a_second_mention_of_the_main_actor_is_no_co_actor():
    doc = hand_doc(DENOUNCED)
    chile, bolivia = _actor(doc, 0, "CHL", "GOV"), _actor(doc, 4, "BOL")
    again = _actor(doc, 2, "CHL", "GOV")  # the same country and sector under another name
    event = _run(_ctx(doc, {0: chile, 2: again, 4: bolivia}), _event(doc, chile, bolivia, 3))
    assert event.source_also == []


def test_an_apposition_is_no_coordination():
    doc = hand_doc("""
        Chile 3 nsubj NNP
        , 0 punct ,
        Peru 0 appos NNP
        denounced 3 ROOT VBD denounce
        Bolivia 3 dobj NNP
        . 3 punct .
    """)
    chile, peru, bolivia = _actor(doc, 0, "CHL"), _actor(doc, 2, "PER"), _actor(doc, 4, "BOL")
    event = _run(_ctx(doc, {0: chile, 2: peru, 4: bolivia}), _event(doc, chile, bolivia, 3))
    assert event.source_also == []


def test_a_conjunct_no_actor_was_coded_at_adds_nothing():
    doc = hand_doc(DENOUNCED)
    chile, bolivia = _actor(doc, 0, "CHL"), _actor(doc, 4, "BOL")
    event = _run(_ctx(doc, {0: chile, 4: bolivia}), _event(doc, chile, bolivia, 3))
    assert event.source_also == []


def test_an_actor_named_by_a_modifier_takes_the_conjuncts_of_its_noun():
    """ "an Ecuadorian trade mission and Colombia": the actor is the modifier, the party the noun."""
    doc = hand_doc("""
        Chile 1 nsubj NNP
        hosted 1 ROOT VBD host
        an 5 det DT
        Ecuadorian 5 amod JJ
        trade 5 compound NN
        mission 1 dobj NN
        and 5 cc CC
        Colombia 5 conj NNP
        . 1 punct .
    """)
    chile, ecuador, colombia = _actor(doc, 0, "CHL"), _actor(doc, 3, "ECU"), _actor(doc, 7, "COL")
    event = _run(_ctx(doc, {0: chile, 3: ecuador, 7: colombia}), _event(doc, chile, ecuador, 1))
    assert event.target_also == [colombia]


TWO_NAMES_FOR_ONE = """
    Police 1 nsubj NNS police
    detained 1 ROOT VBD detain
    the 3 det DT
    activist 1 dobj NN
    and 3 cc CC
    lawyer 7 compound NN
    Ana 7 compound NNP
    Rojas 3 conj NNP
    . 1 punct .
"""


def test_a_description_and_a_titled_name_are_one_person_not_two_parties():
    doc = hand_doc(TWO_NAMES_FOR_ONE)
    police, activist = _actor(doc, 0, "PER", "COP"), _actor(doc, 3, "PER", "OPP")
    rojas = Actor("lawyer Ana Rojas", "Ana Rojas", doc[5].idx, doc[7].idx + 5, country="CHL", sector="JUD")
    rojas.person = "Ana Rojas"
    event = _run(_ctx(doc, {0: police, 3: activist, 7: rojas}), _event(doc, police, activist, 1))
    assert event.target_also == []
    bare = Actor("Rojas", "Rojas", doc[7].idx, doc[7].idx + 5, country="CHL", person="Rojas")
    event = _run(_ctx(doc, {0: police, 3: activist, 7: bare}), _event(doc, police, activist, 1))
    assert event.target_also == [bare]  # a bare name beside a description: two parties


# --- store, read-back, exports, scoring -----------------------------------------------------------

TEXT = "Chile and Peru attacked Bolivia and Paraguay."


def _extraction() -> tuple[Article, Extraction]:
    article = Article(
        id="co1", text=TEXT, paragraphs=[Paragraph(0, TEXT, start=0, end=len(TEXT), line=1)], content_hash="h"
    )
    chile = Actor("Chile", "Chile", 0, 5, country="CHL", canonical_id="c:CHL")
    peru = Actor("Peru", "Peru", 10, 14, country="PER", canonical_id="c:PER")
    bolivia = Actor("Bolivia", "Bolivia", 24, 31, country="BOL", canonical_id="c:BOL")
    paraguay = Actor("Paraguay", "Paraguay", 36, 44, country="PRY", sector="GOV", canonical_id="g:PRY:GOV")
    event = Event("ASSAULT", "attacked", Evidence(15, 23, 0, len(TEXT)), source=chile, target=bolivia)
    event.source_also, event.target_also = [peru], [paraguay]
    return article, Extraction(actors=[chile, peru, bolivia], events=[event])


def test_coactors_are_stored_by_role_and_position_and_read_back(conn):
    from eventwire.query.records import list_events
    from eventwire.store import save_article

    article, extraction = _extraction()
    save_article(conn, article, extraction, version="1", config_hash="c")
    rows = conn.execute("SELECT role, position, actor_id FROM event_actors ORDER BY role").fetchall()
    assert [(r["role"], r["position"]) for r in rows] == [("source", 0), ("target", 0)]
    built = conn.execute("SELECT name FROM actors WHERE id = ?", (rows[1]["actor_id"],)).fetchone()
    assert built["name"] == "Paraguay"  # an actor only the event holds gets a row of its own
    [event] = list_events(conn)
    assert [a["country"] for a in event["source_also"]] == ["PER"]
    assert event["target_also"] == [
        {"name": "Paraguay", "country": "PRY", "sector": "GOV", "canonical_id": "g:PRY:GOV"}
    ]


def test_an_article_replaced_takes_its_coactor_rows_with_it(conn):
    from eventwire.store import save_article

    article, extraction = _extraction()
    save_article(conn, article, extraction, version="1", config_hash="c")
    extraction.events[0].target_also = []
    assert save_article(conn, article, extraction, version="1", config_hash="d").status == "replaced"
    assert [tuple(r) for r in conn.execute("SELECT role FROM event_actors")] == [("source",)]


def test_migration_adds_the_coactor_table_to_an_existing_database(tmp_path):
    from eventwire.store import connect, save_article
    from eventwire.store.db import _run_script
    from eventwire.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in [m for m in MIGRATIONS if m[0] < "009"]:  # a store made before co-actors
        _run_script(raw, sql)
        raw.execute("INSERT INTO _migrations VALUES (?, '2026-01-01')", (name,))
    raw.commit()
    raw.close()
    old = connect(path, readonly=True)  # read-only, not migrated: events read with no co-actors
    assert "event_actors" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()
    conn = connect(path)
    applied = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
    assert "009_event_coactors" in applied and MIGRATIONS[-1][0] in applied
    article, extraction = _extraction()
    save_article(conn, article, extraction, version="1", config_hash="c")
    assert conn.execute("SELECT COUNT(*) FROM event_actors").fetchone()[0] == 2


def test_a_store_without_the_coactor_table_reads_empty_lists(tmp_path):
    from eventwire.query.records import list_events
    from eventwire.store import connect, save_article

    path = tmp_path / "x.db"
    conn = connect(path)
    article, extraction = _extraction()
    save_article(conn, article, extraction, version="1", config_hash="c")
    conn.execute("DROP TABLE event_actors")  # as a read-only store written before migration 009
    conn.commit()
    [event] = list_events(conn)
    assert event["source_also"] == [] and event["target_also"] == []


@pytest.fixture()
def stored(conn):
    from eventwire.store import save_article

    article, extraction = _extraction()
    save_article(conn, article, extraction, version="1", config_hash="c")
    return conn


def test_plover_export_lists_every_party_of_a_role(stored):
    from eventwire.query.export import export

    out = io.StringIO()
    assert export(stored, "plover-jsonl", out) == 1
    record = json.loads(out.getvalue())
    assert [a["code"] for a in record["source"]] == ["CHL", "PER"]
    assert [(a["code"], a["sector"]) for a in record["recipient"]] == [("BOL", None), ("PRY", "GOV")]


def test_csv_and_acled_carry_the_coactors(stored):
    from eventwire.query.export import CSV_COLUMNS, export

    out = io.StringIO()
    export(stored, "csv", out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(row) == CSV_COLUMNS
    assert (row["source_also"], row["target_also"]) == ("Peru (PER)", "Paraguay (PRY GOV)")
    out = io.StringIO()
    export(stored, "acled-csv", out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["assoc_actor_1"], row["assoc_actor_2"]) == ("Peru (PER)", "Paraguay (PRY/GOV)")


def test_parquet_types_the_coactors(stored, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from eventwire.query.export import iter_export_events, write_parquet

    path = tmp_path / "e.parquet"

    write_parquet(iter_export_events(stored), path)
    row = pq.read_table(path).to_pylist()[0]
    assert [a["country"] for a in row["target_also"]] == ["PRY"]


def test_the_api_event_json_has_the_coactors(stored):
    from eventwire.query.totals import get_event

    record = get_event(stored, "co1:e0")
    assert [a["name"] for a in record["source_also"]] == ["Peru"]


def test_plover_scoring_counts_the_coactors_countries():
    from eventwire.eval.plover import predicted_codes

    _, extraction = _extraction()
    [event] = extraction.events
    assert predicted_codes(event, "source") == {"CHL", "PER"}
    assert predicted_codes(event, "target") == {"BOL", "PRY"}
    assert predicted_codes(None, "source") == set()


def test_an_annotated_event_matches_through_a_coactor_of_the_same_role_only():
    from eventwire.eval.annotated import match_event

    _, extraction = _extraction()
    [event] = extraction.events

    def line_of(offset):
        return 1

    assert match_event({"line": 1, "type": "ASSAULT", "source": {"country": "PER"}}, event, line_of)
    assert match_event({"line": 1, "type": "ASSAULT", "target": {"country": "PRY"}}, event, line_of)
    assert not match_event({"line": 1, "type": "ASSAULT", "source": {"country": "PRY"}}, event, line_of)
    assert not match_event({"line": 1, "type": "ASSAULT", "target": {"country": "PER"}}, event, line_of)


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"actor": "PER"}, 1),  # a country code: either role's actor or co-actor
        ({"actor": "Paragu"}, 1),  # a name, as LIKE
        ({"country": "PRY"}, 1),
        ({"source_countries": ["PER"]}, 1),
        ({"target_countries": ["PER"]}, 0),  # Peru is a party of the source side only
        ({"target_countries": ["PRY"]}, 1),
        ({"actor_names": ["Paraguay"]}, 1),
        ({"actor_ids": ["c:PER"]}, 1),
        ({"actor": "ARG"}, 0),
    ],
)
def test_event_filters_match_a_party_through_its_coactors(stored, filters, found):
    from eventwire.query.records import EventFilter, count_events, list_events

    f = EventFilter(**filters)
    assert count_events(stored, f) == found
    assert len(list_events(stored, f)) == found


def test_a_read_only_store_written_before_coactors_filters_on_the_main_parties(tmp_path):
    from eventwire.query.records import EventFilter, list_events
    from eventwire.store import connect, save_article

    path = tmp_path / "old.db"
    conn = connect(path)
    article, extraction = _extraction()
    save_article(conn, article, extraction, version="1", config_hash="c")
    conn.execute("DROP TABLE event_actors")  # as a store written before migration 009
    conn.commit()
    conn.close()
    old = connect(path, readonly=True)
    assert [e["source_country"] for e in list_events(old, EventFilter(actor="CHL"))] == ["CHL"]
    assert list_events(old, EventFilter(actor="PER")) == []
    assert "event_actors" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}


@pytest.mark.parametrize(
    ("actor", "as_source", "as_target"),
    [("Peru", 1, 0), ("Paraguay", 0, 1), ("c:PER", 1, 0), ("g:PRY:GOV", 0, 1)],
)
def test_the_actor_profile_counts_a_co_actor_in_its_role(stored, actor, as_source, as_target):
    from eventwire.query.detail import actor_profile

    profile = actor_profile(stored, actor, canonical=False)
    assert (profile["events"], profile["as_source"], profile["as_target"]) == (1, as_source, as_target)
    side = "targets" if as_source else "sources"  # the main party of the other role is its counterpart
    assert [p["country"] for p in profile["counterparts"][side]] == (["BOL"] if as_source else ["CHL"])
