"""Imports run one way: schema and data model, then seed reading and validation, then the stores, then
ask/search/export (and the loaders and importers), then the CLI, the app and the benchmarks.

Every import of a project module is read from the source (ast, so imports inside functions count too)
and checked against LAYERS: a module may import its own layer or lower ones, never a higher one. A new
module must be given a layer here; the ingest package may use graph's lower layers, graph never imports
ingest (no cycle between the two packages).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "ingest", "ui", "bench")

# Bottom first. A module takes the layer of the longest prefix that names it (``name$``: that module only).
LAYERS: list[tuple[str, ...]] = [
    # 0: vocabulary every layer shares: the schema (labels, types, properties, plain graph data); the structured
    # query; Cypher as text (lexer, literals, the read-only guard, schema names) that the dialect and the exports
    # share; the trim rule for drawings; what a path is and the one path search both stores run; saved views;
    # text made safe for HTML and Markdown; keeping loaded data out of the collector's reach. Package __init__s
    # that only name their package.
    ("graph$", "graph.schema", "graph.query", "graph.cypher$", "graph.cypher.lexer", "graph.cypher.guard",
     "graph.cypher.names", "graph.draw$", "graph.draw.subgraph", "graph.paths", "graph.search$", "graph.search.text",
     "graph.saved_views", "graph.safe_text", "graph.heap"),
    # 1: reading and validating seed data, its on-disk cache, and what it holds per year and branch
    ("graph.seed",),
    # 2: the stores, their query executors and the local Bolt server (the only door to the graph), and the
    # read-only index over a store's whole graph that the views share
    ("graph.store",),
    # 3: what is computed over a store: ask, search, export, drawing (selection, layout, exploration, the
    # interactive page), similarity, comparison, the Cypher console; the ingest package: loading into a Bolt
    # server, drafting records from the companion list, BibTeX and arXiv
    ("graph.ask", "graph.search", "graph.export", "graph.draw", "graph.cypher.console", "graph.similar",
     "graph.compare", "ingest"),
    # 4: the shells: command lines, the app and its page data, the benchmarks
    ("graph.cli", "graph.__main__", "ingest.cli", "ingest.__main__", "ui", "bench"),
]


def layer_of(module: str) -> int | None:
    best, layer = -1, None
    for i, prefixes in enumerate(LAYERS):
        for p in prefixes:
            exact = p.endswith("$")  # the package itself, not what is in it
            p = p.rstrip("$")
            if (module == p or not exact and module.startswith(p + ".")) and len(p) > best:
                best, layer = len(p), i
    return layer


def project_modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of a project module, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in PACKAGES:
                found.append((node.lineno, name))
    return found


def _where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def violations(modules: dict[str, Path]) -> list[str]:
    out = []
    for module, path in sorted(modules.items()):
        mine = layer_of(module)
        for line, name in imports_of(module, path):
            target = name
            while target and target not in modules:  # `from graph.store import open_store` names a function
                target = target.rpartition(".")[0]
            if not target:
                continue
            theirs = layer_of(target)
            if mine is not None and theirs is not None and theirs > mine:
                out.append(f"{_where(path)}:{line}: {module} (layer {mine}) imports {target} (layer {theirs})")
            if module.startswith("graph") and target.startswith("ingest"):
                out.append(f"{_where(path)}:{line}: {module} imports {target}: graph never imports ingest")
    return sorted(set(out))


def test_every_module_has_a_layer():
    missing = [m for m in project_modules() if layer_of(m) is None]
    assert not missing, f"give these modules a layer in tests/test_layering.py: {missing}"


def test_imports_only_go_down():
    bad = violations(project_modules())
    assert not bad, "upward imports:\n" + "\n".join(bad)


@pytest.mark.parametrize("module, source, expected", [
    ("graph.store.fake", "from graph.ask import ask\n", "imports graph.ask"),
    ("graph.schema_fake", "def f():\n    from graph.store import open_store\n", "imports graph.store"),
    ("graph.seed.fake", "import ui.common\n", "imports ui.common"),
    ("graph.search_fake", "from ingest.cli import main\n", "graph never imports ingest"),
])
def test_an_upward_import_is_caught(tmp_path, module, source, expected):
    path = tmp_path / "fake.py"
    path.write_text(source)
    modules = {**project_modules(), module: path}
    LAYERS[0] = LAYERS[0] + ("graph.schema_fake",)
    try:
        bad = [v for v in violations(modules) if module in v]
    finally:
        LAYERS[0] = LAYERS[0][:-1]
    assert any(expected in v for v in bad), bad


def test_every_project_import_names_a_module_that_exists():
    """An import of a moved or deleted module (``from ingest.validate import ...`` inside a bench function)
    fails here, not when that function first runs."""
    modules = project_modules()
    missing = []
    for module, path in sorted(modules.items()):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                bases = [node.module]
            elif isinstance(node, ast.Import):
                bases = [a.name for a in node.names]
            else:
                continue
            for base in bases:
                if base.split(".")[0] in PACKAGES and base not in modules:
                    missing.append(f"{_where(path)}:{node.lineno}: {base}")
    assert not missing, "imports of modules that do not exist:\n" + "\n".join(missing)


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the project modules it imports (imports inside functions count: they are still arrows)."""
    out = {}
    for module, path in modules.items():
        deps = set()
        for _, name in imports_of(module, path):
            target = name
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != module and not module.startswith(target + "."):
                deps.add(target)  # a module's own package __init__ runs first anyway: not an arrow back
        out[module] = deps
    return out


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    import sys
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_no_import_circles():
    found = circles(import_graph(project_modules()))
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_a_circle_is_caught():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []
