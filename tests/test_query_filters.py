"""One EventFilter parser for every interface, and one article size limit."""

from __future__ import annotations

import inspect

import pytest

from eventwire.errors import InputError, StoreError
from eventwire.query import EventFilter, parse_event_filter


def test_lists_take_a_string_a_list_or_comma_separated_values():
    f = parse_event_filter({"types": ["assault,coerce", " PROTEST "], "modality": "asserted, future"})
    assert f.types == ["ASSAULT", "COERCE", "PROTEST"]
    assert f.modality == ["asserted", "future"]
    assert parse_event_filter({"type": "ASSAULT"}).types == ["ASSAULT"]
    assert parse_event_filter({"types": None}).types == []


def test_blank_values_are_absent_and_sort_takes_a_direction():
    f = parse_event_filter({"actor": " ", "since": "", "sort": "", "country": None, "text": "Gaza"})
    assert (f.actor, f.since, f.country, f.text, f.sort, f.descending) == (
        None,
        None,
        None,
        "Gaza",
        "date",
        False,
    )
    f = parse_event_filter({"sort": "-confidence", "limit": 5, "offset": 10})
    assert (f.sort, f.descending, f.limit, f.offset) == ("confidence", True, 5, 10)


def test_unknown_names_and_bad_values_are_refused():
    with pytest.raises(InputError, match="unknown event filter colour .*filters: .*actor"):
        parse_event_filter({"colour": "red"})
    with pytest.raises(InputError, match="unknown event filter limit"):
        parse_event_filter({"limit": 5}, paging=False)
    with pytest.raises(InputError, match="not both"):
        parse_event_filter({"type": "ASSAULT", "types": ["COERCE"]})
    with pytest.raises(StoreError, match="unknown event type"):
        parse_event_filter({"types": "BOMBING"})
    with pytest.raises(StoreError, match="must be a date"):
        parse_event_filter({"since": "last week"})


def test_the_cli_and_the_python_api_build_the_same_filter(monkeypatch):
    from eventwire import database
    from eventwire.cli.extractions import event_filter_options

    cli = event_filter_options(
        ["ASSAULT,COERCE"], "IRN", None, "2024-04-01", None, ["asserted"], None, None, 100, 0, "-date"
    )
    seen: list[EventFilter] = []
    monkeypatch.setattr(database, "iter_events", lambda conn, f, paginate: seen.append(f) or iter(()))
    monkeypatch.setattr(database, "clustering_status", lambda conn: None)
    db = database.Database.__new__(database.Database)
    db.conn = None
    list(db.events(type="ASSAULT,COERCE", actor="IRN", since="2024-04-01", modality="asserted", sort="-date"))
    assert seen == [cli]
    assert database.parse_event_filter is parse_event_filter


def test_one_article_size_limit():
    from eventwire.cli.ingest import ingest
    from eventwire.ingest.readers import DEFAULT_MAX_BYTES, iter_documents
    from eventwire.options import MAX_ARTICLE_BYTES, Options

    cli_default_mb = inspect.signature(ingest).parameters["max_size"].default.default
    reader_default = inspect.signature(iter_documents).parameters["max_bytes"].default
    assert Options().max_bytes == DEFAULT_MAX_BYTES == reader_default == MAX_ARTICLE_BYTES
    assert int(cli_default_mb * 1_000_000) == MAX_ARTICLE_BYTES
