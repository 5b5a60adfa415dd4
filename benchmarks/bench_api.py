"""HTTP API latency: filtered ``GET /api/events`` (actor + type + date range) through a real server.

    .venv/bin/python benchmarks/bench_api.py [--events 100000] [--requests 200] [--json out.json]

Builds a synthetic store with ``bench_query.ensure_db`` (``executemany`` straight into the
``articles`` and ``events`` tables), starts ``eventwire serve`` on a free localhost port in a child
process, and times a bounded loop of requests from one keep-alive ``httpx`` client on the same
machine, warm cache. Each request returns a page of up to 100 events plus the filtered total.
A second, shorter phase times the dashboard page (``GET /``) with the same filters, which adds the
timeline, map and store-summary queries. Prints p50/p95/max per phase. Needs no ../shared data.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_query
import common

GOAL_MS = 100.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="synthetic events (default 100,000)")
    ap.add_argument("--requests", type=int, default=200, help="timed API requests (default 200)")
    ap.add_argument(
        "--page-requests", type=int, default=40, help="timed dashboard page requests (default 40)"
    )
    ap.add_argument(
        "--db", type=Path, help="keep the database here and reuse it when it already has --events events"
    )
    ap.add_argument("--json", type=Path, help="write the results as JSON to this file")
    return ap.parse_args(argv)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    exe = shutil.which("eventwire") or str(Path(sys.executable).parent / "eventwire")
    return subprocess.Popen(
        [exe, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_ready(client, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.stderr.read().decode(errors='replace') if proc.stderr else ''}")
        try:
            if client.get("/api/stats").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    sys.exit("server did not come up in time")


def params_of(q: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("actor", q["actor"]),
        *(("type", t) for t in q["types"]),
        ("since", q["since"]),
        ("until", q["until"]),
        ("limit", "100"),
    ]


def time_requests(client, path: str, queries: list[dict[str, Any]], n: int) -> dict[str, Any]:
    client.get(path, params=params_of(queries[0]))  # warm-up, untimed
    samples, totals = [], []
    for i in range(n):  # bounded loop: n requests, cycling over the queries
        q = queries[i % len(queries)]
        t0 = time.perf_counter()
        r = client.get(path, params=params_of(q))
        samples.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            sys.exit(f"{path} answered {r.status_code}: {r.text[:300]}")
        if path.startswith("/api"):
            totals.append(r.json()["total"])
    samples.sort()
    pick = lambda p: round(samples[min(len(samples) - 1, int(p * len(samples)))], 2)  # noqa: E731
    return {
        "path": path,
        "requests": n,
        "p50_ms": pick(0.50),
        "p95_ms": pick(0.95),
        "max_ms": round(samples[-1], 2),
        "mean_matches": round(sum(totals) / len(totals), 1) if totals else None,
    }


def main(argv: list[str] | None = None) -> int:
    import httpx

    args = parse_args(argv)
    info = common.machine_info()
    with tempfile.TemporaryDirectory(prefix="ew-bench-api-") as tmp:
        db = args.db or Path(tmp) / "events.db"
        build_seconds = bench_query.ensure_db(db, args.events, 10, seed=4)
        queries = bench_query.make_queries(50, seed=4)
        port = free_port()
        proc = start_server(db, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                wait_ready(client, proc)
                phases = [
                    time_requests(client, "/api/events", queries, args.requests),
                    time_requests(client, "/", queries, args.page_requests),
                ]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print("\n" + common.machine_markdown(info) + "\n")
    print(
        f"{args.events:,} synthetic events (database built in {build_seconds:.0f} s); one keep-alive client "
        "on "
        "localhost; actor + type(s) + date-range filters, limit 100, with the filtered total\n"
    )
    rows = [
        [
            p["path"],
            p["requests"],
            p["p50_ms"],
            p["p95_ms"],
            p["max_ms"],
            p["mean_matches"] or "",
            "yes" if p["p95_ms"] < GOAL_MS else "**NO**",
        ]
        for p in phases
    ]
    print(
        common.markdown_table(
            ["endpoint", "requests", "p50 ms", "p95 ms", "max ms", "mean matches", f"p95 < {GOAL_MS:.0f} ms"],
            rows,
        )
    )
    common.write_json(
        args.json,
        {
            "benchmark": "api",
            "command": common.command_line(),
            "machine": info,
            "events": args.events,
            "build_seconds": build_seconds,
            "goal_ms": GOAL_MS,
            "phases": phases,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
