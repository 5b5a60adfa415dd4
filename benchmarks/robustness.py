"""Every text of every gold and training set in ../shared through the whole pipeline once.

Counts the outcomes per dataset: processed, refused as bad input (not English, empty: expected,
each with its reason) and **failures**: internal errors of ours (an exception in clean, nlp or
extract) and processed articles with a span outside the text or running backwards (an
extraction bug that raised nothing). The goal is 0 failures. Writes a JSON report with every
failure's source, component, message and traceback.

    .venv/bin/python benchmarks/robustness.py [--shared ../shared] [--json robustness.json] [--limit N]

Exit code 1 when any text failed. Slow (tens of minutes for the ~42,000 texts): ``make robustness``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from shared_texts import SHARED, iter_shared_texts  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    ap.add_argument("--json", type=Path, default=None, help="write the report (counts and failures) here")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts of each dataset")
    ap.add_argument("--batch-size", type=int, default=32)
    return ap.parse_args(argv)


def documents(shared: Path, limit: int | None, datasets: dict[str, str]):
    from eventwire.models import RawDocument

    seen: Counter = Counter()
    for dataset, source, fmt, text in iter_shared_texts(shared):
        if limit and seen[dataset] >= limit:
            continue
        seen[dataset] += 1
        datasets[source] = dataset
        yield RawDocument(source=source, format=fmt, content=text)


def run(args: argparse.Namespace) -> dict:
    from eventwire.errors import EventwireError, InternalError
    from eventwire.options import Options
    from eventwire.pipeline import process_documents

    if not args.shared.is_dir():
        raise SystemExit(f"shared data folder not found at {args.shared}")
    options = Options(batch_size=args.batch_size, cluster=False)
    datasets: dict[str, str] = {}
    counts: dict[str, Counter] = defaultdict(Counter)
    refusals: Counter = Counter()
    failures: list[dict] = []
    started = time.perf_counter()
    for outcome in process_documents(documents(args.shared, args.limit, datasets), options):
        source = outcome.source if isinstance(outcome, EventwireError) else outcome.article.source
        tally = counts[datasets.get(source or "", "?")]
        if isinstance(outcome, InternalError):
            tally["failed"] += 1
            failures.append(_failure(outcome))
            print(f"FAILED {outcome}", file=sys.stderr, flush=True)
        elif isinstance(outcome, EventwireError):
            tally["refused"] += 1
            refusals[outcome.message.split(" (")[0][:60]] += 1
        elif (bad := bad_span(outcome)) is not None:
            tally["failed"] += 1
            failures.append(
                {"source": source, "stage": "extract", "component": None, "error": bad, "traceback": ""}
            )
            print(f"FAILED {source}: {bad}", file=sys.stderr, flush=True)
        else:
            tally["processed"] += 1
        tally["texts"] += 1
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}",
        "seconds": round(time.perf_counter() - started, 1),
        "texts": sum(c["texts"] for c in counts.values()),
        "failures": len(failures),
        "datasets": {name: dict(c) for name, c in sorted(counts.items())},
        "refusal_reasons": dict(refusals.most_common(15)),
        "failure_details": failures,
    }


def bad_span(processed) -> str | None:
    """The first extracted span outside the article text or running backwards, described."""
    result, length = processed.extraction, len(processed.article.text)
    spans = [
        *result.entities,
        *result.counts,
        *result.quotes,
        *result.places,
        *result.actors,
        *result.sentences,
    ]
    spans += [e.evidence for e in result.events]
    for span in spans:
        if not 0 <= span.start <= span.end <= length:
            return (
                f"bad span {type(span).__name__}({span.start}, {span.end}) in a text of {length} characters"
            )
    return None


def _failure(error) -> dict:
    return {
        "source": error.source,
        "stage": error.stage,
        "component": error.component,
        "error": f"{error.error_type}: {error.message}",
        "traceback": error.traceback,
    }


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


def print_report(report: dict) -> None:
    print(
        f"robustness: {report['texts']:,} texts of ../shared in {report['seconds']:,} s → failures: "
        f"{report['failures']}"
    )
    print("\n| dataset | texts | processed | refused (bad input) | failed |\n|---|---|---|---|---|")
    for name, c in report["datasets"].items():
        print(
            f"| {name} | {c['texts']} | {c.get('processed', 0)} | {c.get('refused', 0)} | "
            f"{c.get('failed', 0)} |"
        )
    if report["refusal_reasons"]:
        print(
            "\nrefused as input (expected): "
            + "; ".join(f"{r} ×{n}" for r, n in report["refusal_reasons"].items())
        )
    for f in report["failure_details"][:20]:
        print(f"\nFAILED {f['source']} ({f['stage']}/{f['component']}): {f['error']}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args)
    print_report(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
