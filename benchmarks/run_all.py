"""Run every ``benchmarks/bench_*.py`` script one after the other and collect their output.

Each script runs in its own process (``python bench_x.py --json RESULTS/bench_x.json`` when its
``--help`` mentions ``--json``, plus any per-script arguments given with ``--args``); its stdout goes to
``RESULTS/bench_x.md``. A script that fails does not stop the others. The summary table lists exit
code, duration and files.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import time
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent
QUICK = {  # arguments for --quick: a smoke run of every known script in a couple of minutes
    "bench_throughput.py": "--copies 1 --modes spacy,ingest1,extract",
    "bench_memory.py": "--n 200",
    "bench_query.py": "--events 100000 --queries 20",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--out",
        type=Path,
        default=Path("benchmark-results"),
        help="directory for the .md and .json of every script (default ./benchmark-results)",
    )
    ap.add_argument("--only", default="", help="comma-separated script names or stems to run (default: all)")
    ap.add_argument("--skip", default="", help="comma-separated script names or stems to leave out")
    ap.add_argument(
        "--args",
        action="append",
        default=[],
        metavar="SCRIPT=ARGS",
        help='extra arguments for one script, e.g. --args "bench_memory=--n 1000" (repeatable)',
    )
    ap.add_argument(
        "--quick", action="store_true", help="scaled-down arguments for the known scripts (smoke run)"
    )
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed per script (default 3600)")
    ap.add_argument("--json", type=Path, help="write the summary as JSON to this file")
    return ap.parse_args(argv)


def stem(name: str) -> str:
    return Path(name).stem


def select(args: argparse.Namespace) -> list[Path]:
    scripts = sorted(HERE.glob("bench_*.py"))
    only = {stem(s) for s in args.only.split(",") if s.strip()}
    skip = {stem(s) for s in args.skip.split(",") if s.strip()}
    return [s for s in scripts if (not only or s.stem in only) and s.stem not in skip]


def extra_args(args: argparse.Namespace) -> dict[str, list[str]]:
    extra = {stem(k): shlex.split(v) for k, v in QUICK.items()} if args.quick else {}
    for item in args.args:
        name, _, rest = item.partition("=")
        extra[stem(name)] = extra.get(stem(name), []) + shlex.split(rest)
    return extra


def supports_json(script: Path) -> bool:
    """Whether the script takes ``--json FILE`` (asked through its ``--help``; not every script does)."""
    try:
        proc = subprocess.run(
            [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120
        )
    except subprocess.TimeoutExpired:
        return False
    return "--json" in proc.stdout


def run_one(script: Path, extra: list[str], out: Path, timeout: float) -> dict:
    md, js = out / f"{script.stem}.md", out / f"{script.stem}.json"
    cmd = [sys.executable, str(script), *(["--json", str(js)] if supports_json(script) else []), *extra]
    print(f"== {script.name} {' '.join(extra)}", flush=True)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=HERE.parent)
        code, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, stdout, stderr = "timeout", str(exc.stdout or ""), str(exc.stderr or "")
    seconds = time.perf_counter() - t0
    md.write_text(f"<!-- {' '.join(cmd)} -->\n{stdout}", encoding="utf-8")
    if code != 0:
        (out / f"{script.stem}.stderr.txt").write_text(stderr, encoding="utf-8")
    skipped = code == 0 and stdout.lstrip().startswith("skipped")
    print(stdout.rstrip() or "(no output)")
    if code != 0:
        print(f"!! {script.name} exited {code}; stderr tail:\n{stderr[-1500:]}", flush=True)
    return {
        "script": script.name,
        "args": extra,
        "exit": code,
        "seconds": round(seconds, 1),
        "status": "skipped" if skipped else "ok" if code == 0 else "failed",
        "markdown": str(md),
        "json": str(js) if js.exists() else None,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    extra = extra_args(args)
    scripts = select(args)
    if not scripts:
        print("no bench_*.py script matched")
        return 0
    info = common.machine_info()
    results = [run_one(s, extra.get(s.stem, []), args.out, args.timeout) for s in scripts]
    print("\n" + common.machine_markdown(info) + "\n")
    print(
        common.markdown_table(
            ["script", "status", "exit", "seconds", "output"],
            [[r["script"], r["status"], r["exit"], r["seconds"], r["markdown"]] for r in results],
        )
    )
    common.write_json(args.json, {"command": common.command_line(), "machine": info, "runs": results})
    return 1 if any(r["status"] == "failed" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
