"""Listings in a terminal fit its width; in a pipe they are TSV; --csv columns never change."""

from __future__ import annotations

import csv
import io
import re
import sys

import pytest

from eventwire.cli import output
from eventwire.cli.main import main

ROWS = [
    {
        "date": "2024-04-14",
        "type": "ASSAULT",
        "source_name": "Russia",
        "sentence": "Russian forces fired " * 10,
    },
    {
        "date": "2024-04-15",
        "type": "PROTEST",
        "source_name": "protesters\tin\nNairobi",
        "sentence": "Thousands marched.",
    },
]
COLUMNS = ["date", "type", "source_name", "sentence"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_pipe_listings_are_tsv_with_a_header(capsys):
    output.emit(ROWS, columns=COLUMNS)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == COLUMNS
    assert len(lines) == 3 and all(len(line.split("\t")) == 4 for line in lines)
    assert lines[2].split("\t")[2] == "protesters in Nairobi"  # tabs and newlines inside values flattened


@pytest.mark.parametrize("width", [80, 200])
def test_on_a_terminal_the_table_fits_its_width(monkeypatch, width):
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("COLUMNS", str(width))
    output.emit(ROWS * 3, columns=COLUMNS, title="events")
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in screen.getvalue().splitlines()]
    assert lines and max(len(line) for line in lines) <= width
    assert "ASSAULT" in screen.getvalue() and "Russian forces" in screen.getvalue()


def test_columns_that_do_not_fit_are_dropped_from_the_end_and_named():
    fitted = output.fit_columns(ROWS, COLUMNS + ["id", "url"], width=50)
    assert [c for c, _ in fitted] == COLUMNS[: len(fitted)] and len(fitted) < 6
    assert output.fit_columns(ROWS, COLUMNS, width=10_000) == [
        (c, w) for c, w in output.fit_columns(ROWS, COLUMNS, 10_000)
    ]


def test_wide_shows_the_full_text(monkeypatch):
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("COLUMNS", "80")
    output.emit(ROWS, columns=COLUMNS, wide=True)
    flat = " ".join(screen.getvalue().split())
    assert flat.count("fired") == 10  # folded over lines, never cut


def test_events_csv_has_the_export_columns_whether_or_not_clustered(tmp_path, capsys):
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.query.export import CSV_COLUMNS
    from eventwire.store import connect

    headers = []
    for cluster in (False, True):
        db = tmp_path / f"c{cluster}.db"
        ingest_items(connect(db), list(sample_documents())[:2], options=Options(cluster=cluster))
        assert main(["events", "--db", str(db), "--csv"]) == 0
        rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        assert len(rows) > 1
        headers.append(tuple(rows[0]))
    assert headers[0] == headers[1] == CSV_COLUMNS
