"""Fault isolation: a bug of ours on one article costs that article only, never the batch.

Each test makes one stage raise for one article among several (a monkeypatched extractor
component, the parser, the store writer, the cleaner) and checks the others are stored, the lost
one is named on one line with its component, its traceback is in the ``failures`` table, and the
exit code says something failed.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from eventwire.cli.main import main
from eventwire.errors import InternalError
from eventwire.extract import base
from eventwire.pipeline import process_chunk, process_documents
from eventwire.pipeline.failures import collect_internal_errors
from eventwire.pipeline.ingest import ingest_paths
from eventwire.store import connect

POISON = "Zanzibar"  # the article mentioning this word makes the patched stage raise
STORIES = [
    "Police in Nairobi arrested 45 protesters on Tuesday, the interior ministry said.",
    f"Rebels attacked a convoy near {POISON} on Monday, killing three soldiers, the army said.",
    "The United Nations said on Friday that 2,000 families had fled the flooding in the north.",
]


def write_jsonl(tmp_path, stories=STORIES) -> str:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": t, "published": "2024-04-14", "id": str(i)}) for i, t in enumerate(stories)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def crashing_counts(monkeypatch):
    """The counts component raises IndexError on the poisoned article only."""
    info = base.REGISTRY["counts"]

    def broken(ctx):
        if POISON in ctx.article.text:
            raise IndexError("list index out of range (planted by the test)")
        info.func(ctx)

    monkeypatch.setitem(base.REGISTRY, "counts", dataclasses.replace(info, func=broken))


def test_a_crashing_component_costs_one_article_and_names_the_component(nlp, tmp_path, crashing_counts):
    conn = connect(tmp_path / "t.db")
    report = ingest_paths(conn, [write_jsonl(tmp_path)], options=_options())
    assert len(report.stored) == 2 and len(report.failed) == 1
    line = str(report.failed[0])
    assert line.startswith(f"internal error in extractor counts on {tmp_path / 'feed.jsonl'}:2 (article ")
    assert "IndexError: list index out of range (planted by the test)" in line
    assert "\n" not in line
    stored = {r[0] for r in conn.execute("SELECT text FROM articles")}
    assert stored == {STORIES[0], STORIES[2]}
    (row,) = conn.execute("SELECT * FROM failures").fetchall()
    assert (row["stage"], row["component"], row["error_type"]) == ("extract", "counts", "IndexError")
    assert row["source"].endswith("feed.jsonl:2") and row["article_id"]
    assert "Traceback (most recent call last)" in row["traceback"] and "broken" in row["traceback"]


def test_the_same_chunk_keeps_its_other_articles(nlp, crashing_counts):
    from eventwire.models import RawDocument

    chunk = [RawDocument(source=f"s{i}", format="text", content=t) for i, t in enumerate(STORIES)]
    outcomes = process_chunk(chunk, _options(batch_size=8))
    kinds = [type(o).__name__ for o in outcomes]
    assert kinds == ["Processed", "InternalError", "Processed"]
    assert outcomes[1].component == "counts" and outcomes[1].source == "s1"


def test_a_parser_crash_for_the_chunk_falls_back_to_one_article_at_a_time(nlp, monkeypatch):
    from eventwire.models import RawDocument

    real_call = type(nlp).__call__

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any(POISON in t for t in texts):
            raise ValueError("the parser broke (planted by the test)")
        return (real_call(self, t) for t in texts)

    def call(self, text, **kwargs):
        if POISON in text:
            raise ValueError("the parser broke (planted by the test)")
        return real_call(self, text, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    chunk = [RawDocument(source=f"s{i}", format="text", content=t) for i, t in enumerate(STORIES)]
    outcomes = process_chunk(chunk, _options(batch_size=8))
    assert [type(o).__name__ for o in outcomes] == ["Processed", "InternalError", "Processed"]
    assert outcomes[1].stage == "nlp" and str(outcomes[1]).startswith("internal error in nlp on s1")


def test_a_store_crash_costs_one_article(nlp, tmp_path, monkeypatch):
    import eventwire.store as store

    real = store.save_article

    def save(conn, article, extraction, **kwargs):
        if POISON in article.text:
            raise KeyError("planted writer bug")
        return real(conn, article, extraction, **kwargs)

    monkeypatch.setattr(store, "save_article", save)
    conn = connect(tmp_path / "t.db")
    report = ingest_paths(conn, [write_jsonl(tmp_path)], options=_options())
    assert len(report.stored) == 2 and len(report.failed) == 1
    assert str(report.failed[0]).startswith("internal error in store on ")
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    assert conn.execute("SELECT stage FROM failures").fetchone()[0] == "store"


def test_a_cleaner_crash_costs_one_article(nlp, monkeypatch):
    import eventwire.pipeline.process as process
    from eventwire.models import RawDocument

    real = process.clean_document

    def clean(raw, options=None):
        if POISON in raw.content:
            raise AttributeError("planted cleaner bug")
        return real(raw, options)

    monkeypatch.setattr(process, "clean_document", clean)
    chunk = [RawDocument(source=f"s{i}", format="text", content=t) for i, t in enumerate(STORIES)]
    outcomes = list(process_documents(chunk, _options()))
    assert [type(o).__name__ for o in outcomes] == ["Processed", "InternalError", "Processed"]
    assert outcomes[1].stage == "clean"


def test_cli_exit_code_one_line_and_debug_traceback(nlp, tmp_path, capsys, crashing_counts):
    path, db = write_jsonl(tmp_path), str(tmp_path / "cli.db")
    assert main(["ingest", path, "--db", db]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("error: internal error")]
    assert len(lines) == 1 and "extractor counts on" in lines[0] and "Traceback" not in err
    assert "2 new article(s)" in err and "--debug" in err
    # --debug prints the traceback (the article is not stored, so it is met again)
    assert main(["ingest", path, "--db", db, "--debug", "--no-resume"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "planted by the test" in err
    assert connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_eval_counts_a_crashing_gold_item_as_wrong_and_names_it(nlp, crashing_counts):
    from eventwire.eval.case2021 import metrics_for, predict

    rows = [{"id": f"g{i}", "EventSnippet": t} for i, t in enumerate(STORIES)]
    with collect_internal_errors() as found:
        events = predict(rows, _options())
    assert len(events) == 3 and events[1] is None  # no prediction: scored as wrong
    assert [e.source for e in found] == ["g1"] and found[0].component == "counts"
    assert metrics_for(["x", "y", "z"], ["x", "none", "z"], 1)["accuracy"] == pytest.approx(2 / 3)


def test_internal_errors_survive_pickling_for_worker_processes():
    import pickle

    try:
        [][1]
    except IndexError as exc:
        exc.eventwire_component = "counts"
        error = InternalError.from_exception(exc, stage="extract", source="a.jsonl", article_id="abc")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.traceback == error.traceback and copy.component == "counts"


def _options(**changes):
    from eventwire.options import Options

    return Options(cluster=False, **changes)


def test_batch_shards_carry_an_internal_error_into_the_failures_table(nlp, tmp_path, crashing_counts):
    """A worker's partition keeps the crash (stage, component, traceback); ``load`` stores it."""
    pytest.importorskip("pyarrow")
    from eventwire.batch import load_shards
    from eventwire.batch.shards import process_partition
    from eventwire.models import RawDocument

    chunk = [RawDocument(source=f"s{i}", format="text", content=t) for i, t in enumerate(STORIES)]
    summary = process_partition(0, chunk, _options(), str(tmp_path / "shards"))
    assert (summary.articles, summary.failed) == (2, 1)
    assert [e.component for e in summary.internal_errors] == ["counts"]
    conn = connect(tmp_path / "batch.db")
    report = load_shards(conn, tmp_path / "shards")
    assert len(report.stored) == 2 and len(report.failed) == 1
    assert str(report.failed[0]).startswith("internal error in extractor counts on s1 (article ")
    (row,) = conn.execute("SELECT stage, component, traceback FROM failures").fetchall()
    assert (row[0], row[1]) == ("extract", "counts") and "IndexError" in row[2]


def test_eval_cli_finishes_names_the_crashing_item_and_exits_1(nlp, tmp_path, capsys, crashing_counts):
    gold = tmp_path / "case2021.tsv"
    rows = ["id\tEventSnippet\tSubType"] + [f"g{i}\t{t}\tArmed clashes" for i, t in enumerate(STORIES)]
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["eval", "case2021", str(gold), "--json"]) == 1
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert result["n"] == 3 and len(result["internal_errors"]) == 1
    assert "internal error in extractor counts on g1" in result["internal_errors"][0]
    assert "error: internal error in extractor counts on g1" in err and "scored as wrong" in err


def test_a_crashing_reader_costs_the_rest_of_its_file_only(tmp_path, monkeypatch):
    from eventwire.ingest import iter_documents
    from eventwire.ingest.readers import CONTAINER_READERS
    from eventwire.models import RawDocument

    def broken_reader(path, *, max_bytes):
        yield RawDocument(source=f"{path}#0", format="text", content=STORIES[0])
        raise RuntimeError("planted reader bug")

    monkeypatch.setitem(CONTAINER_READERS, "rss", broken_reader)
    feed, text = tmp_path / "a.rss", tmp_path / "b.txt"
    feed.write_text("<rss/>", encoding="utf-8")
    text.write_text(STORIES[2], encoding="utf-8")
    items = list(iter_documents([str(feed), str(text)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InternalError", "RawDocument"]
    assert str(items[1]).startswith(f"internal error in read on {feed}: RuntimeError: planted reader bug")
