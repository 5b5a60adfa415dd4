"""Cleaning benchmark: eventwire's cleaner vs trafilatura alone vs readability-lxml.

    .venv/bin/python benchmarks/bench_cleaning.py [GOLD_DIR] [--limit N]

On the Article Extraction Benchmark pages (default: the ``shared/gold/extraction`` folder beside the
repository), each system turns every page into body text; we report the 4-token-shingle precision,
recall and F1 (the metric of ``eventwire eval extraction``) and pages per second, all in one run,
as a markdown table with the machine it ran on. Skips politely when the gold data is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from eventwire.eval.extraction import eventwire_body, load_pages, shingle_scores, trafilatura_body

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "extraction"


def readability_body(html: str, url: str | None = None) -> str:
    """readability-lxml's summary, turned into text one block per line."""
    import lxml.html
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
    except Exception:  # readability raises on some broken pages: score them as empty
        return ""
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//pre|//blockquote")
    texts = [" ".join(b.text_content().split()) for b in blocks] if blocks else [tree.text_content()]
    return "\n".join(t for t in texts if t)


def run_system(system: Callable[[str, str | None], str], pages: list) -> tuple[dict[str, float], float]:
    started = time.perf_counter()
    outputs = [system(html, url) for _id, html, _gold, url in pages]
    elapsed = time.perf_counter() - started
    scores = shingle_scores(zip(outputs, (gold for _id, _html, gold, _url in pages), strict=True))
    return scores, len(pages) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not (args.gold / "ground-truth.json").is_file():
        print(f"skipped: extraction gold data not found at {args.gold}")
        return 0
    pages = load_pages(args.gold, args.limit)
    systems = {
        "eventwire (trafilatura + noise filter)": lambda h, u: eventwire_body(h, u),
        "trafilatura 2 alone (defaults)": trafilatura_body,
        "readability-lxml": readability_body,
    }
    for system in systems.values():  # warm-up: imports and caches, not timed below
        run_system(system, pages[:2])
    print(
        f"Cleaning benchmark, {len(pages)} pages of {args.gold.name}; {dt.date.today().isoformat()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()} on {platform.machine()} {sys.platform}\n"
    )
    print("| system | precision | recall | F1 | exact | docs/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, system in systems.items():
        s, rate = run_system(system, pages)
        print(
            f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['accuracy']:.3f} | "
            f"{rate:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
