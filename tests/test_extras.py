"""Missing extras (issue 9, item 8): one line naming the extra to install, exit code 1, no traceback.

A missing package is simulated with ``sys.modules[name] = None`` (``import name`` then raises
ImportError, as when it is not installed).
"""

from __future__ import annotations

import sys

import pytest

from conftest_browser import fixture_db
from eventwire.cli.main import main


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return str(fixture_db(tmp_path_factory.mktemp("extras") / "fixture.db"))


def missing(monkeypatch, *modules: str) -> None:
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def one_error_line(capsys, argv: list[str]) -> str:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err.strip()


@pytest.mark.parametrize("module", ["uvicorn", "fastapi", "jinja2"])
def test_serve_without_the_serve_extra(db, monkeypatch, capsys, module):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(a))
    missing(monkeypatch, module)
    line = one_error_line(capsys, ["serve", "--db", db])
    assert f"needs {module}" in line and "pip install 'eventwire[serve]'" in line and "[EW210]" in line
    assert started == []


def test_parquet_export_without_pyarrow(db, monkeypatch, capsys, tmp_path):
    out = tmp_path / "events.parquet"
    missing(monkeypatch, "pyarrow", "pyarrow.parquet")
    line = one_error_line(capsys, ["export", "--format", "parquet", "-o", str(out), "--db", db])
    assert "needs pyarrow" in line and "pip install 'eventwire[export]'" in line
    assert not out.exists()
    # Other formats don't need it.
    assert main(["export", "--format", "csv", "-o", str(tmp_path / "e.csv"), "--db", db]) == 0


@pytest.mark.parametrize(
    "modules", [("dask", "dask.distributed"), ("dask.distributed",), ("pyarrow", "pyarrow.parquet")]
)
def test_batch_without_the_scale_extra(monkeypatch, capsys, tmp_path, modules):
    story = tmp_path / "story.txt"
    story.write_text("Police in Arlen arrested 12 protesters on Tuesday.\n", encoding="utf-8")
    missing(monkeypatch, *modules)  # a submodule imported earlier in this process is missing too
    line = one_error_line(capsys, ["batch", str(story), "--out", str(tmp_path / "shards")])
    assert "eventwire batch needs" in line and "pip install 'eventwire[scale]'" in line
    assert not (tmp_path / "shards").exists()


def test_load_without_pyarrow(monkeypatch, capsys, tmp_path):
    missing(monkeypatch, "pyarrow", "pyarrow.parquet")
    line = one_error_line(capsys, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert "eventwire load needs pyarrow" in line and "pip install 'eventwire[scale]'" in line
