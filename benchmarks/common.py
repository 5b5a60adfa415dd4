"""Shared helpers for the benchmark scripts: data paths, machine info, peak RSS, markdown, JSON.

Plain functions, no eventwire imports at module level (so ``--help`` is instant).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
MIB = 1024 * 1024


# -- data -------------------------------------------------------------------------------------------


def require_file(path: Path, what: str) -> None:
    """Exit 0 with a message when benchmark data is absent (benchmarks skip, they never fail on that)."""
    if not path.is_file():
        print(f"skipped: {what} not found at {path} (the ../shared data is not available here)")
        sys.exit(0)


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def repeated_records(records: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    """``n`` records cycling over ``records``; copies after the first get an altered id (distinct
    articles)."""
    for i in range(n):
        rec = dict(records[i % len(records)])
        copy = i // len(records)
        if copy:
            rec["id"] = f"{rec.get('id', i)}-copy{copy}"
        yield rec


def write_jsonl(records: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def word_count(texts: Sequence[str]) -> int:
    """Whitespace-separated words: the same yardstick for every configuration."""
    return sum(len(t.split()) for t in texts)


# -- machine ----------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> dict[str, Any]:
    """Cores, RAM, CPU model, Python, spaCy, eventwire, commit, load average and date of this run."""
    info: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 1024**3, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }
    for pkg in ("spacy", "eventwire"):
        try:
            info[pkg] = __import__(pkg).__version__
        except Exception:  # noqa: BLE001 - an absent package is just reported as such
            info[pkg] = "not installed"
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        info["commit"] = commit + (" (+ uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        info["commit"] = "unknown"
    return info


def child_env() -> dict[str, str]:
    """This process's environment with PYTHONPATH made absolute: children run in a temporary folder,
    where a relative ``PYTHONPATH=../src`` would silently fall back to the installed package."""
    env = dict(os.environ)
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p
        )
    return env


def machine_markdown(info: dict[str, Any]) -> str:
    return (
        f"- date: {info['date']}\n- CPU: {info['cpu']}, {info['cores']} cores ({info['cores_usable']} "
        "usable), "
        f"{info['ram_gib']} GiB RAM\n- Python {info['python']}, spaCy {info['spacy']}, eventwire "
        f"{info['eventwire']}"
        f" @ {info['commit']}\n- load average at start: {' '.join(map(str, info['load_avg']))}"
    )


# -- memory -----------------------------------------------------------------------------------------


def self_maxrss_mib() -> float:
    """Peak RSS of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_maxrss_mib() -> float:
    """Peak RSS of the largest waited-for descendant (a max over processes, not a sum)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class RSSPoller:
    """Poll the RSS of a process and all its descendants in a thread; keeps the peaks.

    ``peak_tree_mib`` is the largest sum over the process tree seen at one instant (forked workers
    share pages, so the sum overstates the true footprint a little); ``peak_single_mib`` is the
    largest single process; ``timeline`` holds (seconds, tree MiB) samples.
    """

    def __init__(self, pid: int | None = None, interval: float = 0.05) -> None:
        self.proc = psutil.Process(pid or os.getpid())
        self.interval = interval
        self.peak_tree_mib = 0.0
        self.peak_single_mib = 0.0
        self.timeline: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._t0 = 0.0

    def __enter__(self) -> RSSPoller:
        self._t0 = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        try:
            procs = [self.proc, *self.proc.children(recursive=True)]
        except psutil.Error:
            return
        sizes = []
        for p in procs:
            try:
                sizes.append(p.memory_info().rss / MIB)
            except psutil.Error:
                continue
        if sizes:
            self.peak_tree_mib = max(self.peak_tree_mib, sum(sizes))
            self.peak_single_mib = max(self.peak_single_mib, max(sizes))
            self.timeline.append((round(time.perf_counter() - self._t0, 2), round(sum(sizes), 1)))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)
        self.sample()


def cpu_split() -> tuple[float, float]:
    """CPU time (user + system) of this process, and of its waited-for descendants (e.g. pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def cpu_seconds() -> float:
    return sum(cpu_split())


class Measure:
    """Wall time, CPU time and peak RSS of a block of work in this process (and its children).

    CPU time is what ratios should lean on when the machine is shared: it hardly moves with the
    load of other processes, while wall time does.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.rss = RSSPoller(interval=interval)
        self.seconds = self.cpu = self.cpu_self = 0.0

    def __enter__(self) -> Measure:
        self.rss.__enter__()
        self._cpu0, self._t0 = cpu_split(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._t0
        own, kids = cpu_split()
        self.cpu_self = own - self._cpu0[0]
        self.cpu = self.cpu_self + kids - self._cpu0[1]
        self.rss.__exit__(*exc)

    def result(self) -> dict[str, float]:
        return {
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu, 3),
            "cpu_self_seconds": round(self.cpu_self, 3),
            "peak_tree_mib": round(self.rss.peak_tree_mib, 1),
            "peak_single_mib": round(self.rss.peak_single_mib, 1),
        }


# -- output -----------------------------------------------------------------------------------------


def fmt(value: Any, digits: int = 2) -> str:
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[fmt(c) for c in row] for row in rows]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def goal_row(name: str, value: float, goal: str, met: bool) -> list[Any]:
    return [name, round(value, 3), goal, "yes" if met else "**NO**"]


def write_json(path: str | Path | None, data: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nresults written to {path}")


def command_line() -> str:
    """The command as typed, with the interpreter path relative to the working directory when it is
    under it."""
    exe = os.path.relpath(sys.executable) if sys.executable.startswith(os.getcwd()) else sys.executable
    return " ".join([exe, *sys.argv])
