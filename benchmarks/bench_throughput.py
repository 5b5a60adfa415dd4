"""Throughput: eventwire ingest against bare spaCy ``nlp.pipe`` on the VOA news corpus.

Every configuration runs in a fresh child process of this script (so each has its own peak RSS),
loads and warms the model first, then times only the work:

* ``spacy``   bare ``spacy.load(model).pipe(texts, batch_size)`` over the raw article texts;
* ``ingest1`` ``eventwire.ingest.run.ingest_paths`` into a fresh SQLite file, ``Options(n_process=1)``;
* ``ingest2`` the same with ``Options(n_process=2)``;
* ``extract`` ``extract_article`` over pre-parsed docs, per component, against bare ``nlp.pipe``
  over the same cleaned texts.

Ratios are taken between configurations of the same run (machines are noisy); with ``--rounds``
above 1 the fastest run of each configuration is kept.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import common

MODES = ("spacy", "ingest1", "ingest2", "extract")
GOALS = {"ew_vs_spacy": 0.8, "p2_vs_p1": 1.7, "extract_overhead": 0.25}
WARMUP = 16


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=common.VOA, help="JSONL corpus (default: ../shared VOA stories)")
    ap.add_argument("--copies", type=int, default=2, help="repeat the corpus this many times, ids altered (default 2)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe / eventwire batch size (default 32)")
    ap.add_argument("--rounds", type=int, default=1, help="run every configuration this many times, keep the fastest")
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated subset of {','.join(MODES)}")
    ap.add_argument("--profile", type=Path, metavar="FILE.prof",
                    help="also profile ingest1 with cProfile, write the stats here and print the hot spots")  # fmt: skip
    ap.add_argument("--json", type=Path, help="write the results as JSON to this file")
    ap.add_argument("--child", choices=[*MODES, "profile"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        import throughput_child

        result = throughput_child.run(args.child, args.data, args.batch_size, args.profile)
        args.out.write_text(json.dumps(result, default=str), encoding="utf-8")
        return 0
    common.require_file(args.corpus, "the VOA corpus")
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(modes) - set(MODES)
    if unknown:
        sys.exit(f"unknown mode(s): {', '.join(sorted(unknown))}")
    info = common.machine_info()
    records = common.load_jsonl(args.corpus)
    n = len(records) * args.copies
    print(f"throughput: {n} articles ({len(records)} × {args.copies}), batch size {args.batch_size}, "
          f"{args.rounds} round(s), modes {', '.join(modes)}", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="ew-bench-") as tmp:
        data = Path(tmp) / "corpus.jsonl"
        common.write_jsonl(common.repeated_records(records, n), data)
        best: dict[str, dict[str, Any]] = {}
        for r in range(args.rounds):
            for mode in modes:
                res = run_child(mode, data, args.batch_size, Path(tmp), None)
                print(f"  round {r + 1} {mode}: {res['seconds']:.1f} s", flush=True)
                if mode not in best or res["seconds"] < best[mode]["seconds"]:
                    best[mode] = res
        profile = run_child("profile", data, args.batch_size, Path(tmp), args.profile) if args.profile else None
    info["load_avg_end"] = [round(x, 2) for x in __import__("os").getloadavg()]
    ratios = compute_ratios(best)
    print_report(info, best, ratios, profile)
    common.write_json(args.json, {"benchmark": "throughput", "command": common.command_line(), "machine": info,
                                  "articles": n, "copies": args.copies, "batch_size": args.batch_size,
                                  "rounds": args.rounds, "results": best, "ratios": ratios, "goals": GOALS,
                                  "profile": profile})  # fmt: skip
    return 0


def run_child(mode: str, data: Path, batch_size: int, tmp: Path, profile: Path | None) -> dict[str, Any]:
    out = tmp / f"{mode}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--data", str(data),
           "--out", str(out), "--batch-size", str(batch_size)]  # fmt: skip
    if profile:
        cmd += ["--profile", str(profile)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        sys.exit(f"child {mode} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    result = json.loads(out.read_text(encoding="utf-8"))
    result["wall_with_startup_s"] = round(time.perf_counter() - t0, 2)
    return result


def compute_ratios(best: dict[str, dict[str, Any]]) -> dict[str, float]:
    ratios: dict[str, float] = {}
    if "spacy" in best and "ingest1" in best:
        ratios["ew_vs_spacy"] = best["spacy"]["seconds"] / best["ingest1"]["seconds"]
    if "ingest1" in best and "ingest2" in best:
        ratios["p2_vs_p1"] = best["ingest1"]["seconds"] / best["ingest2"]["seconds"]
    if "extract" in best:
        ratios["extract_overhead"] = best["extract"]["seconds"] / best["extract"]["spacy_seconds"]
    return ratios


def print_report(info: dict, best: dict, ratios: dict, profile: dict | None) -> None:
    print("\n" + common.machine_markdown(info) + f"\n- load average at end: {' '.join(map(str, info['load_avg_end']))}\n")
    labels = {"spacy": "bare spaCy nlp.pipe", "ingest1": "eventwire ingest, 1 process",
              "ingest2": "eventwire ingest, 2 processes", "extract": "extract_article only (pre-parsed docs)"}  # fmt: skip
    rows = [[labels[m], r["articles"], r["words"], r["seconds"], r["articles"] / r["seconds"],
             r["words"] / r["seconds"], r["peak_tree_mib"], r["peak_single_mib"]] for m, r in best.items()]  # fmt: skip
    print(common.markdown_table(["configuration", "articles", "words", "seconds", "articles/s", "words/s",
                                 "peak RSS, all processes (MiB)", "peak RSS, largest process (MiB)"], rows))  # fmt: skip
    goal_rows = []
    names = {"ew_vs_spacy": ("eventwire (1 process) / bare spaCy, throughput", "≥ 0.8", True),
             "p2_vs_p1": ("2 processes / 1 process, throughput", "≥ 1.7", True),
             "extract_overhead": ("extract_article time / bare nlp.pipe time", "≤ 0.25", False)}  # fmt: skip
    for key, value in ratios.items():
        label, goal, higher = names[key]
        goal_rows.append(common.goal_row(label, value, goal, value >= GOALS[key] if higher else value <= GOALS[key]))
    print("\n" + common.markdown_table(["ratio", "value", "goal", "met"], goal_rows))
    if "extract" in best:
        ex = best["extract"]
        rows = [[name, s, s / ex["spacy_seconds"]] for name, s in ex["components"].items()]
        rows += [["clean_document (for reference)", ex["clean_seconds"], ex["clean_seconds"] / ex["spacy_seconds"]],
                 ["eventwire nlp.pipe (model + paragraph_breaks)", ex["ew_nlp_seconds"],
                  ex["ew_nlp_seconds"] / ex["spacy_seconds"]],
                 ["bare spaCy nlp.pipe (denominator)", ex["spacy_seconds"], 1.0]]  # fmt: skip
        print("\n" + common.markdown_table(["extract stage, component", "seconds", "/ bare nlp.pipe"], rows))
    if profile:
        print_profile(profile)


def print_profile(profile: dict) -> None:
    print(f"\ncProfile of ingest, 1 process ({profile['seconds']:.1f} s under the profiler; stats in {profile['file']})")
    rows = [[area, s, 100 * s / profile["total_tottime"]] for area, s in profile["areas"]]
    print(common.markdown_table(["area (by own time)", "seconds", "%"], rows))
    rows = [[f"`{fn}`", tt, ct, calls] for fn, tt, ct, calls in profile["top_eventwire"]]
    print("\n" + common.markdown_table(["eventwire function (top by own time)", "own s", "cumulative s", "calls"], rows))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
