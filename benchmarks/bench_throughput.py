"""Throughput: eventwire ingest against bare spaCy ``nlp.pipe`` on the VOA news corpus.

Every configuration runs in a fresh child process of this script (so each has its own peak RSS),
loads and warms the model first, then times only the work:

* ``spacy``   bare ``spacy.load(model).pipe(texts, batch_size)`` over the raw article texts;
* ``ingest1`` ``eventwire.pipeline.ingest.ingest_paths`` into a fresh SQLite file, ``Options(n_process=1)``;
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
    ap.add_argument(
        "--corpus", type=Path, default=common.VOA, help="JSONL corpus (default: ../shared VOA stories)"
    )
    ap.add_argument(
        "--copies", type=int, default=2, help="repeat the corpus this many times, ids altered (default 2)"
    )
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe / eventwire batch size (default 32)")
    ap.add_argument(
        "--rounds", type=int, default=1, help="run every configuration this many times, keep the fastest"
    )
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated subset of {','.join(MODES)}")
    ap.add_argument(
        "--profile",
        type=Path,
        metavar="FILE.prof",
        help="also profile ingest1 with cProfile, write the stats here and print the hot spots",
    )
    ap.add_argument("--json", type=Path, help="write the results as JSON to this file")
    ap.add_argument("--child", choices=[*MODES, "profile"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        result = run_in_child(args.child, args.data, args.batch_size, args.profile)
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
    print(
        f"throughput: {n} articles ({len(records)} × {args.copies}), batch size {args.batch_size}, "
        f"{args.rounds} round(s), modes {', '.join(modes)}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="ew-bench-") as tmp:
        data = Path(tmp) / "corpus.jsonl"
        common.write_jsonl(common.repeated_records(records, n), data)
        best: dict[str, dict[str, Any]] = {}
        warnings: list[str] = []
        for r in range(args.rounds):
            outputs = {}
            for mode in modes:
                res = run_child(mode, data, args.batch_size, Path(tmp), None)
                print(
                    f"  round {r + 1} {mode}: {res['seconds']:.1f} s wall, {res['cpu_seconds']:.1f} s CPU",
                    flush=True,
                )
                if mode not in best or res["seconds"] < best[mode]["seconds"]:
                    best[mode] = res
                if mode.startswith("ingest"):
                    outputs[mode] = (res["events"], res["quotes"])
            if len(set(outputs.values())) > 1:
                warnings.append(
                    f"round {r + 1}: 1 and 2 processes stored different (events, quotes): {outputs}"
                )
        profile = (
            run_child("profile", data, args.batch_size, Path(tmp), args.profile) if args.profile else None
        )
    info["load_avg_end"] = [round(x, 2) for x in __import__("os").getloadavg()]
    ratios = compute_ratios(best)
    print_report(info, best, ratios, profile)
    for w in warnings:
        print(f"\nWARNING: {w}")
    common.write_json(
        args.json,
        {
            "benchmark": "throughput",
            "command": common.command_line(),
            "machine": info,
            "articles": n,
            "copies": args.copies,
            "batch_size": args.batch_size,
            "rounds": args.rounds,
            "results": best,
            "ratios": ratios,
            "goals": GOALS,
            "warnings": warnings,
            "profile": profile,
        },
    )
    return 0


def run_child(mode: str, data: Path, batch_size: int, tmp: Path, profile: Path | None) -> dict[str, Any]:
    out = tmp / f"{mode}.json"
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        mode,
        "--data",
        str(data),
        "--out",
        str(out),
        "--batch-size",
        str(batch_size),
    ]
    if profile:
        cmd += ["--profile", str(profile)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=tmp, env=common.child_env(), capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        sys.exit(f"child {mode} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    result = json.loads(out.read_text(encoding="utf-8"))
    result["wall_with_startup_s"] = round(time.perf_counter() - t0, 2)
    return result


def compute_ratios(best: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Goal ratios on wall time, and the 1-process ones also on CPU time (steadier on a shared machine)."""
    ratios: dict[str, float] = {}
    if "spacy" in best and "ingest1" in best:
        ratios["ew_vs_spacy"] = best["spacy"]["seconds"] / best["ingest1"]["seconds"]
        ratios["ew_vs_spacy_cpu"] = best["spacy"]["cpu_seconds"] / best["ingest1"]["cpu_seconds"]
    if "ingest1" in best and "ingest2" in best:
        one, two = best["ingest1"], best["ingest2"]
        ratios["p2_vs_p1"] = one["seconds"] / two["seconds"]
        # On two idle cores the parent (read, store) and the two workers overlap: wall ≈ the larger of them.
        workers = two["cpu_seconds"] - two["cpu_self_seconds"]
        ratios["p2_vs_p1_cpu_estimate"] = one["cpu_seconds"] / max(two["cpu_self_seconds"], workers / 2)
    if "extract" in best:
        ex = best["extract"]
        ratios["extract_overhead"] = ex["seconds"] / ex["spacy_seconds"]
        ratios["extract_overhead_cpu"] = ex["cpu_seconds"] / ex["spacy_cpu_seconds"]
    return ratios


def print_report(info: dict, best: dict, ratios: dict, profile: dict | None) -> None:
    sources = sorted({r["eventwire_source"] for r in best.values() if "eventwire_source" in r})
    print(
        "\n"
        + common.machine_markdown(info)
        + f"\n- load average at end: {' '.join(map(str, info['load_avg_end']))}"
        + "".join(f"\n- eventwire measured: {s}" for s in sources)
        + "\n"
    )
    labels = {
        "spacy": "bare spaCy nlp.pipe",
        "ingest1": "eventwire ingest, 1 process",
        "ingest2": "eventwire ingest, 2 processes",
        "extract": "extract_article only (pre-parsed docs)",
    }
    rows = [
        [
            labels[m],
            r["articles"],
            r["words"],
            r["seconds"],
            r["cpu_seconds"],
            r["articles"] / r["seconds"],
            r["words"] / r["seconds"],
            r["peak_tree_mib"],
            r["peak_single_mib"],
        ]
        for m, r in best.items()
    ]
    print(
        common.markdown_table(
            [
                "configuration",
                "articles",
                "words",
                "wall s",
                "CPU s",
                "articles/s",
                "words/s",
                "peak RSS, all processes (MiB)",
                "peak RSS, largest process (MiB)",
            ],
            rows,
        )
    )
    goal_rows = []
    names = {
        "ew_vs_spacy": ("eventwire (1 process) / bare spaCy, throughput (wall)", "≥ 0.8"),
        "ew_vs_spacy_cpu": ("eventwire (1 process) / bare spaCy, throughput (CPU)", "≥ 0.8"),
        "p2_vs_p1": ("2 processes / 1 process, throughput (wall)", "≥ 1.7"),
        "p2_vs_p1_cpu_estimate": ("2 / 1 process, estimate for 2 idle cores from CPU times", "≥ 1.7"),
        "extract_overhead": ("extract_article time / bare nlp.pipe time (wall)", "≤ 0.25"),
        "extract_overhead_cpu": ("extract_article time / bare nlp.pipe time (CPU)", "≤ 0.25"),
    }
    for key, value in ratios.items():
        label, goal = names[key]
        target = GOALS[key.removesuffix("_cpu").removesuffix("_cpu_estimate")]
        goal_rows.append(
            common.goal_row(label, value, goal, value >= target if "≥" in goal else value <= target)
        )
    print("\n" + common.markdown_table(["ratio", "value", "goal", "met"], goal_rows))
    if "extract" in best:
        ex = best["extract"]
        rows = [[name, s, s / ex["spacy_seconds"]] for name, s in ex["components"].items()]
        rows += [
            [
                "clean_document (for reference)",
                ex["clean_seconds"],
                ex["clean_seconds"] / ex["spacy_seconds"],
            ],
            [
                "eventwire nlp.pipe (model + paragraph_breaks)",
                ex["ew_nlp_seconds"],
                ex["ew_nlp_seconds"] / ex["spacy_seconds"],
            ],
            ["bare spaCy nlp.pipe (denominator)", ex["spacy_seconds"], 1.0],
        ]
        print("\n" + common.markdown_table(["extract stage, component", "seconds", "/ bare nlp.pipe"], rows))
    if profile:
        print_profile(profile)


def print_profile(profile: dict) -> None:
    print(
        f"\ncProfile of ingest, 1 process ({profile['seconds']:.1f} s under the profiler; stats in "
        f"{profile['file']})"
    )
    rows = [[stage, s, 100 * s / profile["seconds"]] for stage, s in profile["stages"]]
    print(
        common.markdown_table(["stage (cumulative, nested calls overlap)", "seconds", "% of run"], rows)
        + "\n"
    )
    rows = [[area, s, 100 * s / profile["total_tottime"]] for area, s in profile["areas"]]
    print(common.markdown_table(["area (by own time)", "seconds", "%"], rows))
    rows = [[f"`{fn}`", tt, ct, calls] for fn, tt, ct, calls in profile["top_eventwire"]]
    print(
        "\n"
        + common.markdown_table(
            ["eventwire function (top by own time)", "own s", "cumulative s", "calls"], rows
        )
    )


# -- the child side: one configuration, measured in a fresh process ----------------------------------


def run_in_child(mode: str, data: Path, batch_size: int, profile: Path | None) -> dict[str, Any]:
    records = common.load_jsonl(data)
    texts = [r["text"] for r in records]
    base = {"mode": mode, "articles": len(records), "words": common.word_count(texts)}
    if mode != "spacy":
        import eventwire

        base["eventwire_source"] = str(Path(eventwire.__file__).parent)
    if mode == "spacy":
        return {**base, **child_spacy(texts, batch_size)}
    if mode == "extract":
        return {**base, **child_extract(records, batch_size)}
    n_process = 2 if mode == "ingest2" else 1
    return {
        **base,
        **child_ingest(data, records, batch_size, n_process, profile if mode == "profile" else None),
    }


def bare_nlp():
    import spacy

    from eventwire.nlp.loader import resolve_model_name
    from eventwire.options import Options

    return spacy.load(resolve_model_name(Options().model))


def timed_pipe(nlp, texts: list[str], batch_size: int, keep: bool = False) -> tuple[float, list]:
    t0 = time.perf_counter()
    docs = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        if keep:
            docs.append(doc)
    return time.perf_counter() - t0, docs


def child_spacy(texts: list[str], batch_size: int) -> dict[str, Any]:
    nlp = bare_nlp()
    timed_pipe(nlp, texts[:WARMUP], batch_size)
    with common.Measure() as m:
        timed_pipe(nlp, texts, batch_size)
    return {**m.result(), "maxrss_self_mib": round(common.self_maxrss_mib(), 1)}


def child_ingest(
    data: Path, records: list[dict], batch_size: int, n_process: int, profile: Path | None
) -> dict:
    from eventwire.nlp import load_nlp
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_paths
    from eventwire.store import connect

    options = Options(batch_size=batch_size, n_process=n_process)
    load_nlp(options.model)
    warm = data.with_name(f"warmup-{n_process}.jsonl")
    common.write_jsonl(({**r, "id": f"warmup-{i}"} for i, r in enumerate(records[:WARMUP])), warm)
    ingest_paths(connect(":memory:"), [str(warm)], options=options.with_(n_process=1))
    db = data.with_name(f"ingest-{n_process}-{time.time_ns()}.db")
    conn = connect(db)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    with common.Measure() as m:
        if profiler:
            profiler.enable()
        report = ingest_paths(conn, [str(data)], options=options)
        if profiler:
            profiler.disable()
    if len(report.stored) != len(records):
        raise SystemExit(f"stored {len(report.stored)} of {len(records)} articles: {report.summary()}")
    result = {
        **m.result(),
        "maxrss_self_mib": round(common.self_maxrss_mib(), 1),
        "maxrss_children_mib": round(common.children_maxrss_mib(), 1),
        "summary": report.summary(),
        "events": report.events,
        "quotes": report.quotes,
        "failed": len(report.failed),
    }
    if profiler and profile:
        result.update(profile_summary(profiler, profile, m.seconds))
    return result


def child_extract(records: list[dict], batch_size: int) -> dict[str, Any]:
    """extract_article over pre-parsed docs, each component timed, against bare nlp.pipe on the same texts."""
    import dataclasses

    from eventwire.clean import clean_document
    from eventwire.extract import base, extract_article
    from eventwire.ingest.readers import jsonl_record
    from eventwire.nlp import load_nlp
    from eventwire.options import Options

    options = Options(batch_size=batch_size)
    raws = [jsonl_record(r, f"bench:{i}") for i, r in enumerate(records)]
    t0 = time.perf_counter()
    articles = [clean_document(raw, options) for raw in raws]
    clean_seconds = time.perf_counter() - t0
    texts = [a.text for a in articles]
    bare, nlp = bare_nlp(), load_nlp(options.model)
    timed_pipe(bare, texts[:WARMUP], batch_size)
    _, warm_docs = timed_pipe(nlp, texts[:WARMUP], batch_size, keep=True)
    for doc, article in zip(warm_docs, articles, strict=False):
        extract_article(doc, article, options)
    with common.Measure() as bare_m:
        timed_pipe(bare, texts, batch_size)
    with common.Measure() as ew_m:
        _, docs = timed_pipe(nlp, texts, batch_size, keep=True)
    spent: dict[str, float] = {}

    def timer(name: str, func):
        def wrapped(ctx) -> None:
            t = time.perf_counter()
            func(ctx)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

        return wrapped

    for name, comp in list(base.REGISTRY.items()):
        base.REGISTRY[name] = dataclasses.replace(comp, func=timer(name, comp.func))
        spent[name] = 0.0
    with common.Measure() as m:
        for doc, article in zip(docs, articles, strict=True):
            extract_article(doc, article, options)
    components = {name: round(s, 3) for name, s in spent.items()}
    components["(doc.sents + glue)"] = round(m.seconds - sum(spent.values()), 3)
    return {
        **m.result(),
        "spacy_seconds": bare_m.result()["seconds"],
        "spacy_cpu_seconds": bare_m.result()["cpu_seconds"],
        "ew_nlp_seconds": ew_m.result()["seconds"],
        "clean_seconds": round(clean_seconds, 3),
        "components": components,
    }


def profile_summary(profiler, path: Path, seconds: float) -> dict[str, Any]:
    """Own time aggregated by area (spaCy, thinc, each eventwire module, SQLite) and the top eventwire
    functions."""
    import pstats

    profiler.dump_stats(str(path))
    stats = pstats.Stats(profiler)
    areas: dict[str, float] = {}
    top = []
    for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        area = classify(filename, func)
        areas[area] = areas.get(area, 0.0) + tottime
        if area.startswith("eventwire"):
            top.append((f"{area}:{line} {func}", round(tottime, 3), round(cumtime, 3), calls))
    top.sort(key=lambda t: -t[1])
    stages = []
    for label, (suffix, name) in STAGES.items():
        cum = sum(v[3] for (f, _l, fn), v in stats.stats.items() if f.endswith(suffix) and fn == name)  # type: ignore[attr-defined]
        stages.append((label, round(cum, 3)))
    ranked = sorted(((a, round(s, 3)) for a, s in areas.items()), key=lambda t: -t[1])
    return {
        "file": str(path),
        "seconds": round(seconds, 3),
        "total_tottime": round(sum(areas.values()), 3),
        "stages": stages,
        "areas": ranked[:20],
        "top_eventwire": top[:25],
    }


STAGES = {  # label: (file suffix, function) whose cumulative time is reported
    "read + clean (clean_document)": ("eventwire/clean/__init__.py", "clean_document"),
    "spaCy (Language.pipe)": ("spacy/language.py", "pipe"),
    "extract (extract_article)": ("eventwire/extract/__init__.py", "extract_article"),
    "store (save_article)": ("eventwire/store/writer.py", "save_article"),
    "skip check (article_status)": ("eventwire/store/writer.py", "article_status"),
    "ingest log (_log)": ("eventwire/pipeline/ingest.py", "_log"),
}


def classify(filename: str, func: str) -> str:
    path = filename.replace("\\", "/")
    if "/eventwire/" in path:
        rel = path.split("/eventwire/", 1)[1].removesuffix(".py").replace("/", ".")
        return f"eventwire.{rel}"
    for lib in ("spacy", "thinc", "numpy", "trafilatura", "yaml", "sqlite3", "json", "re"):
        if path.startswith(f"{lib}/") or f"/{lib}/" in path or path.endswith(f"/{lib}.py"):
            return lib
    if "sqlite3" in func:
        return "sqlite3 (C)"
    if func.startswith("<method") or func.startswith("<built-in"):
        return "builtins (C)"
    return "other Python"


if __name__ == "__main__":
    sys.exit(main())
