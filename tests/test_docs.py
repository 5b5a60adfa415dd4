"""Docs checked against the code: every command documented, every documented option real, README runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from eventwire.cli.main import app

REPO = Path(__file__).resolve().parents[1]
CLI_DOC = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")


def commands() -> dict:
    return typer.main.get_command(app).commands


def doc_sections() -> dict[str, str]:
    parts = re.split(r"^### `eventwire ([\w-]+)`\s*$", CLI_DOC, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_is_documented_and_every_documented_command_exists():
    assert set(doc_sections()) == set(commands())


@pytest.mark.parametrize("name", sorted(doc_sections()))
def test_documented_options_exist(name):
    known = {o for p in commands()[name].params for o in p.opts + p.secondary_opts}
    mentioned = set(re.findall(r"`(--[a-z][a-z-]*)", doc_sections()[name])) | set(
        re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", " ".join(re.findall(r"`[^`]*`", doc_sections()[name])))
    )
    assert mentioned <= known, f"{name}: documented but not real: {sorted(mentioned - known)}"


def test_readme_python_example_runs(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    (tmp_path / "article.txt").write_text(
        "Iranian drones attacked the Nevatim Air Base in Israel late Saturday, the army said.\n"
        "Israel said most of the drones were shot down.\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr


def test_readme_shows_the_contract():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
