"""Listing output shared by every command: a table on a terminal, TSV in a pipe, or --json / --csv.

On a terminal a table fits the window: columns are listed in order of importance and the least
important ones are left out when they do not fit, long text is cut with an ellipsis; ``--wide``
shows every column with its full text. In a pipe (``| grep``, ``> file``) listings are plain
tab-separated values with a header row, one record per line, so ``cut``/``awk``/``sort`` work.
``--csv`` and ``--json`` columns never depend on the terminal.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import typer

JSON_OPTION = typer.Option(False, "--json", help="Print JSON (one array) instead of a table.")
CSV_OPTION = typer.Option(False, "--csv", help="Print CSV with a header row instead of a table.")
DB_OPTION = typer.Option("eventwire.db", "--db", envvar="EVENTWIRE_DB", help="SQLite database file.")
LOCK_TIMEOUT_OPTION = typer.Option(
    600.0,
    "--lock-timeout",
    min=0,
    help="Seconds to wait for a write lock another process holds on the database (it says so, then retries).",
)
WIDE_OPTION = typer.Option(False, "--wide", "-w", help="Every column, full text (tables are cut to fit).")
TEXT_COLUMN_CAP = 60  # widest a free-text column may be in a fitted table
MIN_COLUMNS = 2
SHRINK_TO = 16  # a long column is cut down to this before any column is left out


def emit(
    rows: Sequence[dict[str, Any]],
    *,
    as_json: bool = False,
    as_csv: bool = False,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    wide: bool = False,
) -> None:
    """Print rows as a table (TSV in a pipe), JSON or CSV. ``columns`` picks the columns, most
    important first (a fitted table drops them from the end)."""
    if as_json:
        json.dump(list(rows), sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return
    cols = list(columns or (rows[0].keys() if rows else []))
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(row.get(k)) for k in cols})
        return
    if not sys.stdout.isatty():
        print_tsv(rows, cols)
        return
    print_table(rows, cols, title=title, wide=wide)


def print_tsv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    """Header and one line per row, tab-separated; tabs and newlines inside values become spaces."""
    sys.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(_plain(row.get(c)) for c in columns) + "\n")


def fit_columns(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int) -> list[tuple[str, int]]:
    """(column, width) pairs that fit ``width``: least important columns (the last) dropped first."""
    widths = []
    for col in columns:
        longest = max((len(_plain(row.get(col))) for row in rows), default=0)
        widths.append((col, max(len(col), min(longest, TEXT_COLUMN_CAP))))
    while len(widths) > MIN_COLUMNS:
        excess = sum(w for _, w in widths) + 3 * len(widths) + 1 - width
        if excess <= 0:
            break
        widest = max(range(len(widths)), key=lambda i: widths[i][1])
        if widths[widest][1] > SHRINK_TO:  # cut long text first, keep the column
            col, current = widths[widest]
            widths[widest] = (col, max(SHRINK_TO, current - excess))
        else:
            widths.pop()
    return widths


def print_table(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], title: str | None = None, wide: bool = False
) -> None:
    from rich.console import Console
    from rich.table import Table

    rows = list(rows)
    console = Console()
    if not rows:
        console.print(f"[dim]no {title or 'rows'} found[/dim]")
        return
    fitted = [(c, None) for c in columns] if wide else fit_columns(rows, columns, console.width)
    left_out = len(columns) - len(fitted)
    caption = f"{left_out} more column(s): --wide, --csv or --json" if left_out else None
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for col, col_width in fitted:
        if wide:
            table.add_column(col, overflow="fold")
        else:
            table.add_column(col, overflow="ellipsis", no_wrap=True, max_width=col_width)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c, _ in fitted))
    console.print(table)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(_flat(value)).split())


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any) -> str:
    from rich.markup import escape

    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return escape(str(_flat(value)))
