"""Query speed: filtered ``list_events`` / ``count_events`` on a store of synthetic events.

Builds a database with the real schema (``eventwire.store.connect`` runs the migrations), fills
``articles`` and ``events`` with ``executemany`` (about 40 country codes with a skewed
distribution, the 16 PLOVER types, dates over three years), then times ~50 varied queries of the
form actor + type(s) + date range (``EventFilter(actor="ISR", types=["ASSAULT"], since, until,
limit=100)``), warm cache. Prints p50/p95 and SQLite's ``EXPLAIN QUERY PLAN`` for the probe query.

``--index "CREATE INDEX ..."`` (repeatable) re-runs the queries after adding a candidate index to
the synthetic database only; ``--analyze`` re-runs them after ``ANALYZE``. Needs no ../shared data.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import common

GOAL_MS = 100.0
COUNTRIES = (
    "USA RUS UKR ISR CHN PSE IRN GBR FRA DEU IND PAK SYR LBN TUR SAU YEM SDN EGY IRQ "
    "AFG NGA ETH KEN COD SOM MMR PRK KOR JPN BRA MEX COL VEN HTI PHL IDN ZAF EUR UNO"
).split()
TYPE_WEIGHTS = {
    "CONSULT": 16,
    "ACCUSE": 10,
    "ASSAULT": 12,
    "SUPPORT": 6,
    "AGREE": 6,
    "REQUEST": 6,
    "REJECT": 5,
    "THREATEN": 5,
    "PROTEST": 5,
    "COERCE": 6,
    "AID": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COOPERATE": 3,
    "CONCEDE": 2,
    "RETREAT": 2,
}
MODALITY_WEIGHTS = {
    "asserted": 70,
    "alleged": 8,
    "future": 8,
    "hypothetical": 5,
    "negated": 4,
    "historical": 5,
}
START = date(2022, 1, 1)
DAYS = 3 * 365
PROV = ("0.0.0-bench", "benchsynthetic")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1,000,000)")
    ap.add_argument(
        "--events-per-article", type=int, default=10, help="events per synthetic article (default 10)"
    )
    ap.add_argument("--queries", type=int, default=50, help="number of varied queries to time (default 50)")
    ap.add_argument("--seed", type=int, default=4, help="random seed for data and queries")
    ap.add_argument(
        "--db", type=Path, help="keep the database here and reuse it when it already has --events events"
    )
    ap.add_argument(
        "--index",
        action="append",
        default=[],
        metavar="SQL",
        help="candidate 'CREATE INDEX ...' to test after the shipped schema (repeatable, cumulative)",
    )
    ap.add_argument("--analyze", action="store_true", help="also time the queries after ANALYZE")
    ap.add_argument("--json", type=Path, help="write the results as JSON to this file")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = common.machine_info()
    with tempfile.TemporaryDirectory(prefix="ew-bench-query-") as tmp:
        db = args.db or Path(tmp) / "events.db"
        build_seconds = ensure_db(db, args.events, args.events_per_article, args.seed)
        phases = run_phases(db, args)
    print("\n" + common.machine_markdown(info) + "\n")
    print(
        f"{args.events:,} synthetic events in {args.events // args.events_per_article:,} articles"
        + (f" (built in {build_seconds:.0f} s)" if build_seconds else " (reused database)")
        + "\n"
    )
    rows = []
    for ph in phases:
        for kind in ("list", "count", "both"):
            s = ph["stats"][kind]
            rows.append(
                [
                    ph["name"],
                    f"{kind}_events" if kind != "both" else "list + count",
                    s["p50_ms"],
                    s["p95_ms"],
                    s["max_ms"],
                    "yes" if s["p95_ms"] < GOAL_MS else "**NO**",
                ]
            )
    print(common.markdown_table(["schema", "call", "p50 ms", "p95 ms", "max ms", "p95 < 100 ms"], rows))
    print(
        f"\n{args.queries} queries, warm cache; the probe matches {phases[0]['probe_matches']:,} events, "
        f"the median query {phases[0]['median_matches']:,} (list_events returns the first 100 by date)."
    )
    for ph in phases:
        print(f"\nEXPLAIN QUERY PLAN, {ph['name']} — probe {ph['probe']}:")
        for kind, plan in ph["plans"].items():
            print(f"  {kind}_events:\n" + "\n".join(f"    {line}" for line in plan))
    common.write_json(
        args.json,
        {
            "benchmark": "query",
            "command": common.command_line(),
            "machine": info,
            "events": args.events,
            "queries": args.queries,
            "build_seconds": build_seconds,
            "goal_ms": GOAL_MS,
            "phases": phases,
        },
    )
    return 0


# -- synthetic data ---------------------------------------------------------------------------------


def ensure_db(db: Path, n_events: int, per_article: int, seed: int) -> float:
    from eventwire.store import connect, refresh_statistics

    if db.exists():
        conn = connect(db)  # applies any newer migrations (indexes) to a store built by an older version
        have = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        refresh_statistics(conn)  # as `eventwire ingest` does after storing articles
        conn.close()
        if have == n_events:
            return 0.0
        sys.exit(f"{db} holds {have:,} events, not {n_events:,}: remove it or choose another --db")
    t0 = time.perf_counter()
    conn = connect(db)
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB page cache while building
    rng = random.Random(seed)
    n_articles = max(1, n_events // per_article)
    print(f"building {db}: {n_articles:,} articles, {n_events:,} events …", flush=True)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO articles (id, url, title, outlet, published, source, format, language, text, "
        "content_hash,"
        " n_paragraphs, n_dropped, meta, ingested_at, eventwire_version, config_hash)"
        " VALUES (?,?,?,?,?,?,'text','en',?,?,1,0,'{}','2025-01-01T00:00:00',?,?)",
        (article_row(i, rng) for i in range(n_articles)),
    )
    conn.executemany(
        "INSERT INTO events (id, article_id, type, mode, trigger, source_name, source_country, source_sector,"
        " target_name, target_country, target_sector, date, date_precision, date_text, place_name,"
        ' place_country, lat, lon, modality, confidence, start, "end", sentence_start, sentence_end,'
        " eventwire_version, config_hash) VALUES (?,?,?,'[]',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        event_rows(n_events, per_article, rng),
    )
    conn.execute("COMMIT")
    refresh_statistics(conn)  # as `eventwire ingest` does after storing articles
    conn.close()
    return time.perf_counter() - t0


def country_weights() -> list[float]:
    return [1 / (rank + 1) ** 0.9 for rank in range(len(COUNTRIES))]


def article_row(i: int, rng: random.Random) -> tuple:
    day = START + timedelta(days=rng.randrange(DAYS))
    text = (
        f"Article {i}. Officials said forces clashed near the border on {day:%B %d}. "
        "A spokesperson accused the other side of violating the ceasefire. " * 3
    )
    return (
        f"a{i:07d}",
        f"https://news.example/{i}",
        f"Synthetic story {i}",
        "Example News",
        day.isoformat(),
        "bench.jsonl",
        text,
        f"{i:064x}",
        *PROV,
    )


def event_rows(n: int, per_article: int, rng: random.Random):
    types, tw = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    mods, mw = list(MODALITY_WEIGHTS), list(MODALITY_WEIGHTS.values())
    cw = country_weights()
    for i in range(n):
        aid = f"a{i // per_article:07d}"
        src = rng.choices(COUNTRIES, cw)[0] if rng.random() < 0.85 else None
        tgt = rng.choices(COUNTRIES, cw)[0] if rng.random() < 0.65 else None
        day = START + timedelta(days=rng.randrange(DAYS))
        r = rng.random()
        when, precision = (
            (day.isoformat(), "day") if r < 0.85 else (f"{day:%Y-%m}", "month") if r < 0.95 else (None, None)
        )
        place = rng.choices(COUNTRIES, cw)[0] if rng.random() < 0.6 else None
        start = rng.randrange(0, 150)
        yield (
            f"{aid}:e{i % per_article}",
            aid,
            rng.choices(types, tw)[0],
            "trigger",
            src and f"{src} government",
            src,
            src and "GOV",
            tgt and f"{tgt} forces",
            tgt,
            tgt and "MIL",
            when,
            precision,
            when,
            place and f"{place} capital",
            place,
            place and rng.uniform(-60, 60),
            place and rng.uniform(-180, 180),
            rng.choices(mods, mw)[0],
            round(rng.random(), 3),
            start,
            start + 7,
            max(0, start - 40),
            start + 60,
            *PROV,
        )


# -- queries ----------------------------------------------------------------------------------------


def make_queries(n: int, seed: int) -> list[dict[str, Any]]:
    """The probe (ISR, ASSAULT, 2023) first, then varied actors, one or two types and windows of 1 week
    to 1 year."""
    rng = random.Random(seed + 1)
    queries = [{"actor": "ISR", "types": ["ASSAULT"], "since": "2023-01-01", "until": "2023-12-31"}]
    top = COUNTRIES[:20]
    while len(queries) < n:
        since = START + timedelta(days=rng.randrange(DAYS - 30))
        span = rng.choice((7, 30, 90, 180, 365))
        types = rng.sample(list(TYPE_WEIGHTS), 2 if rng.random() < 0.3 else 1)
        queries.append(
            {
                "actor": rng.choices(top, country_weights()[:20])[0],
                "types": types,
                "since": since.isoformat(),
                "until": (since + timedelta(days=span)).isoformat(),
            }
        )
    return queries


def run_phases(db: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    from eventwire.store import connect

    queries = make_queries(args.queries, args.seed)
    steps: list[tuple[str, str | None]] = [("as shipped", None)]
    steps += [(f"+ {short(sql)}", sql) for sql in args.index]
    if args.analyze:
        steps.append(("+ ANALYZE", "ANALYZE"))
    phases = []
    writer = connect(db)
    try:
        for name, sql in steps:
            if sql:
                t0 = time.perf_counter()
                writer.execute(sql)
                print(f"{name}: {time.perf_counter() - t0:.1f} s", flush=True)
            conn = connect(db, readonly=True)
            phases.append({"name": name, **time_queries(conn, queries)})
            conn.close()
    finally:
        cleanup(writer, args)
    return phases


def time_queries(conn, queries: list[dict[str, Any]]) -> dict[str, Any]:
    from eventwire.query import EventFilter, count_events, list_events

    list_events(conn, EventFilter(**queries[0], limit=100))  # warm the page cache once, untimed
    samples: dict[str, list[float]] = {"list": [], "count": [], "both": []}
    matches = []
    for q in queries:
        t0 = time.perf_counter()
        rows = list_events(conn, EventFilter(**q, limit=100))
        t1 = time.perf_counter()
        total = count_events(conn, EventFilter(**q))
        t2 = time.perf_counter()
        samples["list"].append((t1 - t0) * 1000)
        samples["count"].append((t2 - t1) * 1000)
        samples["both"].append((t2 - t0) * 1000)
        matches.append(total)
        assert len(rows) == min(100, total)
    return {
        "stats": {k: percentiles(v) for k, v in samples.items()},
        "probe": queries[0],
        "probe_matches": matches[0],
        "median_matches": sorted(matches)[len(matches) // 2],
        "plans": plans(conn, queries[0]),
    }


def plans(conn, probe: dict[str, Any]) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of the exact SQL that list_events and count_events send (caught by a trace
    callback)."""
    from eventwire.query import EventFilter, count_events, list_events

    out = {}
    for kind, func, f in (
        ("list", list_events, EventFilter(**probe, limit=100)),
        ("count", count_events, EventFilter(**probe)),
    ):
        seen: list[str] = []
        conn.set_trace_callback(seen.append)
        func(conn, f)
        conn.set_trace_callback(None)
        sql = next(s for s in seen if "FROM events" in s)
        out[kind] = [f"{r[0]}|{r[1]}| {r[3]}" for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    return out


def percentiles(ms: list[float]) -> dict[str, float]:
    s = sorted(ms)

    def rank(p: float) -> float:  # nearest-rank percentile
        return s[max(0, min(len(s) - 1, math.ceil(p * len(s)) - 1))]

    return {
        "n": len(s),
        "p50_ms": round(rank(0.5), 2),
        "p95_ms": round(rank(0.95), 2),
        "max_ms": round(s[-1], 2),
    }


def short(sql: str) -> str:
    """``CREATE INDEX name ON t(a, b)`` → ``index name(a, b)`` for table labels."""
    m = re.search(r"INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+ON\s+\w+\s*(\(.*\))", sql, re.IGNORECASE)
    return f"index {m.group(1)}{m.group(2)}" if m else sql


def cleanup(conn, args: argparse.Namespace) -> None:
    """Leave a kept --db as built: candidate indexes and ANALYZE statistics are removed again."""
    for sql in args.index:
        m = re.search(r"INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", sql, re.IGNORECASE)
        if m:
            conn.execute(f"DROP INDEX IF EXISTS {m.group(1)}")
    if args.analyze:
        conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    conn.close()


if __name__ == "__main__":
    sys.exit(main())
