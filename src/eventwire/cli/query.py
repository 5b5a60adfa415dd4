"""``eventwire articles``, ``show``, ``search``, ``stats``: thin wrappers over ``eventwire.query``."""

from __future__ import annotations

import json
import sys

import typer

from .output import CSV_OPTION, DB_OPTION, JSON_OPTION, emit

LIMIT_OPTION = typer.Option(50, "--limit", "-n", min=0, help="Rows to show.")
OFFSET_OPTION = typer.Option(0, "--offset", min=0, help="Rows to skip (for paging).")


def register(app: typer.Typer) -> None:
    app.command()(articles)
    app.command()(show)
    app.command()(search)
    app.command()(stats)


def _reader(db: str):
    from ..store import connect

    return connect(db, readonly=True)


def articles(
    db: str = DB_OPTION,
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    since: str = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    outlet: str = typer.Option(None, "--outlet", help="Outlet name contains."),
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """List stored articles, newest first, with their event and quote counts."""
    from ..query import list_articles

    rows = list_articles(_reader(db), limit=limit, offset=offset, since=since, until=until, outlet=outlet)
    emit(
        rows,
        as_json=as_json,
        as_csv=as_csv,
        title="articles",
        columns=None
        if as_json
        else ["id", "published", "outlet", "title", "n_dropped", "events", "quotes", "source"],
    )


def search(
    query: str = typer.Argument(
        ..., help='Words to find (SQLite FTS5 syntax: "exact phrase", OR, NOT, prefix*).'
    ),
    db: str = DB_OPTION,
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
) -> None:
    """Full-text search over article titles and cleaned text, best match first."""
    from ..query import search_articles

    rows = search_articles(_reader(db), query, limit=limit, offset=offset)
    emit(rows, as_json=as_json, as_csv=as_csv, title="matches")


def stats(db: str = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Counts of everything in the store, events by type, noise drops by reason, provenance."""
    from ..query import stats as store_stats

    data = store_stats(_reader(db))
    if as_json:
        json.dump(data, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return
    from rich.console import Console

    console = Console()
    flat = {k: v for k, v in data.items() if not isinstance(v, dict | list)}
    emit([{"what": k, "count": v} for k, v in flat.items()], title="store")
    for key in ("events_by_type", "drop_reasons"):
        if data[key]:
            emit([{"": k, "count": v} for k, v in data[key].items()], title=key.replace("_", " "))
    for prov in data["provenance"]:
        console.print(
            f"[dim]extractor {prov['eventwire_version']} · config {prov['config_hash']} · {prov['articles']} "
            "articles[/dim]"
        )


def show(
    article_id: str = typer.Argument(
        ..., help="Article id (or a unique prefix, as listed by `eventwire articles`)."
    ),
    db: str = DB_OPTION,
    as_json: bool = JSON_OPTION,
    dropped: bool = typer.Option(
        True, "--dropped/--no-dropped", help="Show dropped noise paragraphs (marked)."
    ),
) -> None:
    """Print an article's cleaned text with dropped noise marked and every extraction highlighted at its
    evidence."""
    from ..query import get_article

    article = get_article(_reader(db), article_id)
    if as_json:
        json.dump(article, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
        return
    from .render import render_article

    render_article(article, show_dropped=dropped)
