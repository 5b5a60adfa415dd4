"""The import graph, read from the source: no import loops, and every import runs down the layers.

The graph holds every ``import``/``from ... import`` of an eventwire module anywhere in a file: at
module level, inside functions (the lazy imports) and under ``TYPE_CHECKING``. The layer table is
the one in docs/architecture.md ("Layers"); the test checks that the two agree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "eventwire"
DOC = REPO / "docs" / "architecture.md"

# Lowest first. A module may import from its own unit (subpackage or top-level module) and from any
# unit of a lower layer, never from its own layer's other units or from a higher layer.
LAYERS: list[tuple[str, ...]] = [
    ("errors",),
    ("dates", "models", "options"),
    ("clean", "ingest", "kb", "learn", "nlp"),
    ("extract",),
    ("store",),
    ("cluster",),
    ("query",),
    ("pipeline",),
    ("batch", "eval"),
    ("training",),
    ("database", "serve"),
    ("cli",),
    ("__main__",),
]

# Import loops allowed for now. Only the serve/ loop is here, and the engineers working on serve/
# are removing it: delete this entry (and the allow-list) once serve/api, app and pages no longer
# import each other.
ALLOWED_CYCLES: list[frozenset[str]] = []


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The deepest module of ours that ``name`` names (``eventwire.store.connect`` -> ``eventwire.store``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported module of ours: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        edges: dict[str, int] = {}
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # "from . import actors" imports the submodule; "from .base import X" the module
                targets = [
                    f"{source}.{a.name}" if f"{source}.{a.name}" in MODULES else source for a in node.names
                ]
            for target in targets:
                resolved = _resolve(target) if target.split(".")[0] == "eventwire" else None
                if resolved is not None and resolved != module:
                    edges.setdefault(resolved, node.lineno)
        graph[module] = edges
    return graph


def unit(module: str) -> str:
    """The subpackage or top-level module a module belongs to ("eventwire" for the package root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "eventwire"


def layer_of(name: str) -> int:
    for n, names in enumerate(LAYERS):
        if name in names:
            return n
    raise KeyError(name)


def cycles(graph: dict[str, dict[str, int]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_reader_sees_module_and_function_level_imports():
    graph = import_graph()
    assert len(graph) > 100
    assert "eventwire.extract.base" in graph["eventwire.extract.places"]  # module level, relative
    assert "eventwire.extract.places" in graph["eventwire.extract"]  # "from . import places"
    assert "eventwire.nlp" in graph["eventwire.pipeline.process"]  # inside a function
    assert "eventwire.extract" in graph["eventwire.pipeline.process"]  # inside a function


def test_the_cycle_finder_finds_a_loop():
    assert cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [frozenset("abc")]
    assert cycles({"a": {"b": 1}, "b": {}}) == []


def test_no_import_loops():
    found = cycles(import_graph())
    unexpected = [sorted(c) for c in found if c not in ALLOWED_CYCLES]
    assert unexpected == [], f"import loops: {unexpected}"


def test_allowed_loops_still_exist():
    """An allowed loop that is gone must leave the allow-list (it must not come back unnoticed)."""
    found = cycles(import_graph())
    assert [sorted(c) for c in ALLOWED_CYCLES if c not in found] == []


def test_every_unit_has_a_layer():
    units = {unit(m) for m in MODULES} - {"eventwire"}
    missing = sorted(u for u in units if not any(u in names for names in LAYERS))
    assert missing == [], f"add these to the layer table (here and in docs/architecture.md): {missing}"
    assert len({u for names in LAYERS for u in names}) == sum(len(names) for names in LAYERS)


def test_the_package_root_imports_nothing_of_ours():
    """``eventwire/__init__.py`` holds ``__version__`` and names loaded on first use: every module may
    import ``__version__`` from it, so it may import none of them (not even lazily through ``import``)."""
    graph = import_graph()
    assert graph and graph["eventwire"] == {}
    for module, edges in graph.items():
        if "eventwire" in edges:
            names = _names_imported_from_root(MODULES[module])
            assert names <= {"__version__"}, f"{module} imports {names} from the package root"


def _names_imported_from_root(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            root = (
                node.level and not node.module and _depth(path) == node.level
            ) or node.module == "eventwire"
            if root:  # a submodule ("from .. import query") is no name of the root's
                names.update(a.name for a in node.names if f"eventwire.{a.name}" not in MODULES)
    return names


def _depth(path: Path) -> int:
    """How many dots reach the package root from ``path`` ("from .. import" in extract/places.py)."""
    return len(path.relative_to(PACKAGE).parts)


def test_every_import_runs_down_the_layers():
    upward = []
    for module, edges in import_graph().items():
        here = unit(module)
        if here == "eventwire":
            continue
        for target, line in edges.items():
            there = unit(target)
            if there in (here, "eventwire"):
                continue
            if layer_of(there) >= layer_of(here):
                upward.append(f"{MODULES[module].relative_to(REPO)}:{line}: {here} -> {there}")
    assert upward == [], "imports that do not run down the layers:\n" + "\n".join(upward)


def test_the_layer_table_is_the_documented_one():
    """docs/architecture.md, section "Layers": a table of layer number and units, top layer first."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    documented: dict[int, tuple[str, ...]] = {}
    for line in section.splitlines():
        match = re.match(r"\|\s*(\d+)\s*\|(.*?)\|", line)
        if match:
            names = re.findall(r"`([\w_]+)(?:/|\.py)?`", match.group(2))
            documented[int(match.group(1))] = tuple(sorted(names))
    assert documented == {n: tuple(sorted(names)) for n, names in enumerate(LAYERS)}
