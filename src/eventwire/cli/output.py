"""Listing output shared by every command: a rich table by default, or --json / --csv."""

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


def emit(
    rows: Sequence[dict[str, Any]],
    *,
    as_json: bool = False,
    as_csv: bool = False,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print rows as a table, JSON or CSV. ``columns`` picks and orders the table/CSV columns."""
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
    print_table(rows, cols, title=title)


def print_table(rows: Iterable[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    rows = list(rows)
    console = Console()
    if not rows:
        console.print(f"[dim]no {title or 'rows'} found[/dim]")
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


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
