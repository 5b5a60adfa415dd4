"""`datasette news.db -m metadata.json` works: search on articles, facets on events, internals hidden."""

from __future__ import annotations

import asyncio
import json

import pytest

from eventwire.cli.main import main
from eventwire.options import Options

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def news_db(tmp_path_factory):
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.store import connect

    path = tmp_path_factory.mktemp("ds") / "news.db"
    ingest_items(connect(path), list(sample_documents())[:4], options=Options())
    return path


def _get(ds, url):
    async def fetch():
        return await ds.client.get(url)

    return asyncio.run(fetch())


def test_datasette_detects_the_full_text_index(news_db):
    from datasette.utils import detect_fts

    from eventwire.store import connect

    assert detect_fts(connect(news_db, readonly=True), "articles") == "articles_fts"


def test_metadata_command_gives_facets_search_and_hides_internals(news_db, tmp_path, capsys):
    target = tmp_path / "metadata.json"
    assert main(["datasette-metadata", "--db", str(news_db), "-o", str(target)]) == 0
    meta = json.loads(target.read_text())
    tables = meta["databases"]["news"]["tables"]
    assert "type" in tables["events"]["facets"] and "type" in tables["event_clusters"]["facets"]
    assert tables["articles"]["fts_table"] == "articles_fts"
    assert tables["article_lsh"] == {"hidden": True}

    ds = datasette_app.Datasette([str(news_db)], metadata=meta)
    events = _get(ds, "/news/events.json?_shape=objects&_size=1").json()
    facet = events["facet_results"]["type"]["results"]
    assert facet and sum(f["count"] for f in facet) == events["filtered_table_rows_count"] > 0
    search = _get(ds, "/news/articles.json?_search=ceasefire&_shape=objects")
    assert search.status_code == 200
    rows = search.json()["rows"]
    assert rows and all("ceasefire" in (r["text"] + (r["title"] or "")).lower() for r in rows)
    every = _get(ds, "/news/articles.json?_shape=objects").json()["rows"]
    assert len(rows) < len(every)  # the search filtered
