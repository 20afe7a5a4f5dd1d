"""Export a subgraph: choose it (focus / category / Ask answer / whole graph), then write it in a format.

``select`` picks the subgraph from a store; ``write`` renders GraphData to a file or a stream.
Formats register themselves in FORMATS: name -> (writer, binary?). A writer is ``writer(data, out)``
and may accept keyword options (title, focus, kind, dpi, source); ``write`` passes only those it takes.

Node limits (also in docs/export.md): interactive and tool formats take up to NODE_LIMIT (400) nodes;
slide formats (svg, png, pdf, pptx) take up to SLIDE_NODE_LIMIT (120), because past that the labels on
a 16:9 slide drop below a legible size; json (the data contract) has no limit. Larger selections are trimmed, closest to the focus first, and
the GraphData ``note`` says so; ``write`` refuses anything still over the format's limit.
"""
from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import IO, Callable

from graph.model import GraphData
from graph.store.base import NODE_LIMIT, Store, StoreError

SLIDE_NODE_LIMIT = 120  # svg / png / pdf / pptx: past this a 16:9 figure is no longer legible
SLIDE_FORMATS = frozenset({"svg", "png", "pdf", "pptx"})
SOURCE_LINE = "Source: MLLM Atlas, from Qin et al. 2024 (arXiv:2404.04925) and its companion list"


TOOL_FORMATS = frozenset({"html", "graphml", "gexf", "node-link", "csv", "mermaid", "dot"})
UNLIMITED = 10**9  # json (the data contract) and other registered formats: no node limit


def limit_for(fmt: str) -> int:
    """The largest node count ``fmt`` accepts."""
    if fmt in SLIDE_FORMATS:
        return SLIDE_NODE_LIMIT
    return NODE_LIMIT if fmt in TOOL_FORMATS else UNLIMITED


class ExportError(StoreError):
    """An export the user asked for cannot be made (too large, unknown format, bad selection)."""


def _trim(store: Store, data: GraphData, ranked: list[str], limit: int, what: str) -> GraphData:
    """``data`` cut to the first ``limit`` ids of ``ranked`` (closest first), with a note when cut."""
    if len(data.nodes) <= limit:
        return data
    keep = [i for i in ranked if i in data.nodes][:limit]
    out = store.subgraph(keep)  # every selection is an induced subgraph, so this keeps its edges
    out.note = (f"{what}: trimmed to the {limit} closest of {len(data.nodes)} nodes; "
                f"{len(data.nodes) - limit} left out")
    return out


def _filter_labels(store: Store, data: GraphData, labels: list[str] | None, keep: set[str]) -> GraphData:
    if not labels:
        return data
    ids = [i for i, n in data.nodes.items() if n["label"] in labels or i in keep]
    out = store.subgraph(ids)
    out.note = data.note
    return out


def category_subgraph(store: Store, category: str, depth: int = 0, labels: list[str] | None = None,
                      limit: int = NODE_LIMIT) -> GraphData:
    """The taxonomy subtree under ``category`` plus everything CLASSIFIED_AS into any of its categories;
    with ``depth`` > 0, also the nodes up to ``depth`` hops beyond those members."""
    node = store.get_node(category)
    if node is None or node["label"] != "Category":
        raise ExportError(f"unknown category id: {category}" if node is None else f"{category} is not a Category")
    cats = store.nodes("Category")
    tax = store.subgraph([c["id"] for c in cats])
    children: dict[str, list[str]] = {}
    for e in tax.edges:
        if e["type"] == "SUBCATEGORY_OF":
            children.setdefault(e["target"], []).append(e["source"])
    subtree, stack = [category], [category]
    while stack:
        for c in sorted(children.get(stack.pop(), [])):
            if c not in subtree:
                subtree.append(c)
                stack.append(c)
    near = store.neighbourhood(subtree, depth=1, limit=10**9)
    members = set(subtree) | {e["source"] for e in near.edges
                              if e["type"] == "CLASSIFIED_AS" and e["target"] in subtree}
    ranked = subtree + sorted(members - set(subtree))
    if depth > 0:
        wide = store.neighbourhood(sorted(members), depth=depth, labels=labels, limit=10**9)
        ranked += sorted(set(wide.nodes) - members)
    data = store.subgraph(ranked)
    data = _filter_labels(store, data, labels, set(subtree))
    return _trim(store, data, ranked, limit, f"category {category}")


def ask_subgraph(store: Store, question: str, depth: int = 0, labels: list[str] | None = None,
                 limit: int = NODE_LIMIT, ask_fn: Callable | None = None) -> GraphData:
    """The result nodes of the Ask engine and the nodes on their evidence paths (plus ``depth`` hops)."""
    if ask_fn is None:
        try:
            from graph.ask.run import ask as ask_fn
        except ImportError as exc:  # the Ask engine is another module; say so rather than crash
            raise ExportError(f"--ask needs the Ask engine (graph.ask.run), which is not available: {exc}")
    result = ask_fn(store, question)  # a graph.ask.answer.Answer
    ranked = [i for i in result.node_ids() if store.get_node(i) is not None]
    if not ranked:
        raise ExportError(f"the question found nothing to export: {question!r}")
    core = set(ranked)
    if depth > 0:
        wide = store.neighbourhood(ranked, depth=depth, labels=labels, limit=10**9)
        ranked += sorted(set(wide.nodes) - core)
    data = _filter_labels(store, store.subgraph(ranked), labels, core)
    return _trim(store, data, ranked, limit, "answer")


def select(store: Store, focus: list[str] | None = None, depth: int = 1, labels: list[str] | None = None,
           limit: int = NODE_LIMIT, category: str | None = None, ask: str | None = None) -> GraphData:
    """The subgraph to export: a category's subtree, an Ask answer, the focus neighbourhood, else everything."""
    if sum(x is not None and x != [] for x in (focus, category, ask)) > 1:
        raise ExportError("choose one of --focus, --category and --ask")
    if category:
        return category_subgraph(store, category, depth=depth, labels=labels, limit=limit)
    if ask:
        return ask_subgraph(store, ask, depth=depth, labels=labels, limit=limit)
    if focus:
        missing = [f for f in focus if store.get_node(f) is None]
        if missing:
            raise StoreError(f"unknown id(s): {', '.join(missing)}")
        return store.neighbourhood(focus, depth=depth, labels=labels, limit=limit)
    data = store.whole()
    if labels:
        keep = [i for i, n in data.nodes.items() if n["label"] in labels]
        data = store.subgraph(keep)
    if len(data.nodes) > limit:
        deg: dict[str, int] = {}
        for e in data.edges:
            deg[e["source"]] = deg.get(e["source"], 0) + 1
            deg[e["target"]] = deg.get(e["target"], 0) + 1
        ranked = sorted(data.nodes, key=lambda i: (-deg.get(i, 0), i))
        data = _trim(store, data, ranked, limit, "whole graph (most connected first)")
    return data


def write_json(data: GraphData, out: IO) -> None:
    json.dump(data.to_json(), out, indent=2, ensure_ascii=False)
    out.write("\n")


# name -> (writer(data, stream, **options), binary)
FORMATS: dict[str, tuple[Callable[..., None], bool]] = {
    "json": (write_json, False),
}


def _call(writer: Callable, data: GraphData, fh: IO, options: dict) -> None:
    params = inspect.signature(writer).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        writer(data, fh, **options)
    else:
        writer(data, fh, **{k: v for k, v in options.items() if k in params})


def write(data: GraphData, fmt: str, path: str | Path | None = None, **options) -> None:
    """Write ``data`` as ``fmt`` to ``path`` (atomically: a temp file renamed) or to stdout.

    Options (each writer takes the ones it understands): title, focus, kind (layout), dpi, source.
    Refuses (ExportError) a subgraph over the format's node limit instead of rendering for minutes.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    if len(data.nodes) > limit_for(fmt):
        raise ExportError(f"{len(data.nodes)} nodes is over the {fmt} limit of {limit_for(fmt)}; "
                          "narrow the selection (--depth, --labels) or lower --limit")
    writer, binary = FORMATS[fmt]
    options = {k: v for k, v in options.items() if v is not None}
    if path is None:
        _call(writer, data, sys.stdout.buffer if binary else sys.stdout, options)
        return
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            _call(writer, data, fh, options)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


# Format families register themselves in FORMATS on import.
from graph.export import deck, html, slides, tools  # noqa: E402,F401
from graph.export import neo4j_formats  # noqa: E402,F401  cypher, neo4j-admin (registers itself)
