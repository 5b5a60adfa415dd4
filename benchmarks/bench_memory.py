"""Memory: peak RSS of ``eventwire ingest`` over N articles (default 10,000) must stay under 1 GiB.

The VOA corpus is repeated with altered ids up to ``--n`` records in a temporary JSONL file, then
the real CLI (``eventwire ingest FILE --db TMP --quiet``) runs in a subprocess: what a user runs,
with interpreter start-up and model loading included (negligible over thousands of articles).
Peak RSS is measured two ways: psutil polling of the whole process tree (sum over processes at
one instant, the figure that matters with ``--processes 2``) and ``getrusage(RUSAGE_CHILDREN)``
(largest single process). An RSS timeline shows whether memory grows with the number of articles.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

LIMIT_MIB = 1024.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--n", type=int, default=10_000, help="articles to ingest (default 10,000; ~15-30 min on one core)"
    )
    ap.add_argument("--processes", type=int, default=1, help="eventwire ingest --processes (default 1)")
    ap.add_argument("--batch-size", type=int, default=32, help="eventwire ingest --batch-size (default 32)")
    ap.add_argument(
        "--corpus", type=Path, default=common.VOA, help="JSONL corpus to repeat (default: ../shared VOA)"
    )
    ap.add_argument(
        "--interval", type=float, default=0.2, help="RSS polling interval in seconds (default 0.2)"
    )
    ap.add_argument("--json", type=Path, help="write the results as JSON to this file")
    return ap.parse_args(argv)


def eventwire_command() -> list[str]:
    exe = Path(sys.executable).parent / "eventwire"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from eventwire.cli.main import run; run()"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    common.require_file(args.corpus, "the VOA corpus")
    info = common.machine_info()
    records = common.load_jsonl(args.corpus)
    with tempfile.TemporaryDirectory(prefix="ew-bench-mem-") as tmp:
        data, db = Path(tmp) / "articles.jsonl", Path(tmp) / "mem.db"
        common.write_jsonl(common.repeated_records(records, args.n), data)
        words = sum(len(r["text"].split()) for r in common.repeated_records(records, args.n))
        cmd = [
            *eventwire_command(),
            "ingest",
            str(data),
            "--db",
            str(db),
            "--quiet",
            "--processes",
            str(args.processes),
            "--batch-size",
            str(args.batch_size),
        ]
        print(f"memory: ingesting {args.n:,} articles with {args.processes} process(es) …", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        poller = common.RSSPoller(proc.pid, args.interval)
        with poller:
            stdout, stderr = proc.communicate()
        seconds = time.perf_counter() - t0
        maxrss_children = common.children_maxrss_mib()
        stored = count_articles(db)
        db_mib = sum(p.stat().st_size for p in Path(tmp).glob("mem.db*")) / common.MIB
    if proc.returncode != 0:
        print(f"warning: eventwire ingest exited {proc.returncode}:\n{stderr[-2000:]}")
    result = {
        "articles": args.n,
        "stored": stored,
        "words": words,
        "processes": args.processes,
        "seconds": round(seconds, 1),
        "articles_per_s": round(args.n / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "peak_tree_mib": round(poller.peak_tree_mib, 1),
        "peak_single_mib": round(poller.peak_single_mib, 1),
        "maxrss_children_mib": round(maxrss_children, 1),
        "db_mib": round(db_mib, 1),
        "under_1gib": poller.peak_tree_mib < LIMIT_MIB,
        "exit_code": proc.returncode,
        "timeline": deciles(poller.timeline),
    }
    report(info, args, result)
    common.write_json(
        args.json,
        {
            "benchmark": "memory",
            "command": common.command_line(),
            "machine": info,
            "cli": " ".join(cmd),
            "limit_mib": LIMIT_MIB,
            "result": result,
        },
    )
    return 0


def count_articles(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def deciles(timeline: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """About ten (seconds, MiB) samples spread over the run: flat means no growth with article count."""
    if not timeline:
        return []
    step = max(1, len(timeline) // 10)
    picked = timeline[::step]
    return picked if picked[-1] == timeline[-1] else [*picked, timeline[-1]]


def report(info: dict, args: argparse.Namespace, r: dict) -> None:
    print("\n" + common.machine_markdown(info) + "\n")
    rows = [
        [
            r["articles"],
            r["stored"],
            r["processes"],
            r["seconds"],
            r["articles_per_s"],
            r["words_per_s"],
            r["peak_tree_mib"],
            r["maxrss_children_mib"],
            r["db_mib"],
            "yes" if r["under_1gib"] else "**NO**",
        ]
    ]
    print(
        common.markdown_table(
            [
                "articles",
                "stored",
                "processes",
                "seconds",
                "articles/s",
                "words/s",
                "peak RSS, all processes (MiB)",
                "peak RSS, largest process (MiB)",
                "database (MiB)",
                "under 1 GiB",
            ],
            rows,
        )
    )
    print(
        "\nRSS over the run (s → MiB, all processes): "
        + ", ".join(f"{t:.0f}→{m:.0f}" for t, m in r["timeline"])
    )


if __name__ == "__main__":
    sys.exit(main())
