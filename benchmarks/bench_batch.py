"""Batch-mode throughput: 1 Dask worker vs 2, in the same process run (ratios, not absolute times).

    .venv/bin/python benchmarks/bench_batch.py [--articles 300] [--partition-size 16]

Input: the VOA corpus (/work/shared/corpus/voa/voa_stories.jsonl, 89 articles), repeated with
altered ids up to --articles (new ids make new articles; the text, hence the work, is the same).
Time is measured after the cluster is up and every worker has loaded the model (``BatchReport.seconds``);
cluster start-up is reported separately. Goal: ≥ 1.7× with 2 workers on a machine with 2 free cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

CORPUS = Path("/work/shared/corpus/voa/voa_stories.jsonl")


def make_input(path: Path, n: int) -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = dict(records[i % len(records)])
            rec["id"] = f"{rec.get('id', i)}-copy{i // len(records)}"
            fh.write(json.dumps(rec) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--partition-size", type=int, default=16)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()

    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)
    from eventwire.batch import run_batch
    from eventwire.options import Options

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.jsonl"
        make_input(src, args.articles)
        for n in args.workers:
            t0 = time.perf_counter()
            report = run_batch(
                [str(src)],
                Path(tmp) / f"out{n}",
                options=Options(),
                workers=n,
                partition_size=args.partition_size,
            )
            total = time.perf_counter() - t0
            results[n] = report
            print(
                f"workers={n}: {report.articles} articles, {report.events} events in {report.seconds:.1f} s "
                f"({report.articles / report.seconds:.2f} articles/s); with cluster start-up {total:.1f} s",
                flush=True,
            )
    base = results[args.workers[0]]
    print(
        f"\nmachine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}, {date.today()}"
    )
    # CPU the workers actually got: on a busy shared machine a worker gets less than a core, and
    # the speed-up measures the contention as much as the design. cpu_share = 1.0 means each
    # worker had a full core for the whole run.
    print("| workers | articles | seconds | articles/s | speed-up | worker CPU s/article | cpu_share |")
    print("|---|---|---|---|---|---|---|")
    for n, r in results.items():
        cpu = sum(s.cpu_seconds for s in r.summaries)
        print(
            f"| {n} | {r.articles} | {r.seconds:.1f} | {r.articles / r.seconds:.2f} | "
            f"{base.seconds / r.seconds:.2f}× | {cpu / max(1, r.articles):.3f} | {cpu / (n * r.seconds):.2f} "
            "|"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
