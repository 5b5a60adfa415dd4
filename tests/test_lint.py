"""The code base passes ruff (lint and format, line length 110) and mypy; the configuration is in
pyproject.toml. ``make lint`` runs the same three checks."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PATHS = ["src", "tests", "benchmarks"]


def _ruff() -> str:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is in the [test] extra)")
    return ruff


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=REPO, capture_output=True, text=True)


def test_ruff_check_passes():
    proc = _run(_ruff(), "check", *PATHS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_check_passes():
    proc = _run(_ruff(), "format", "--check", *PATHS)
    assert proc.returncode == 0, "run `ruff format src tests benchmarks`:\n" + proc.stdout + proc.stderr


def test_the_line_length_is_enforced():
    """E501 is checked everywhere but in the files listed (each with its reason) in per-file-ignores."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    assert config["line-length"] == 110
    lint = config["lint"]
    assert "E501" not in lint.get("ignore", []) and "E" in lint["select"]
    exempt = [path for path, codes in lint.get("per-file-ignores", {}).items() if "E501" in codes]
    assert all(
        path.startswith(("src/eventwire/serve/", "src/eventwire/kb/", "src/eventwire/learn/"))
        or path in ("src/eventwire/extract/actors.py", "src/eventwire/extract/coder.py")
        for path in exempt
    ), exempt


def test_mypy_passes():
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it is in the [test] extra)")
    proc = _run(sys.executable, "-m", "mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
