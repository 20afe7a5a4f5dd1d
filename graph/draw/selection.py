"""Choosing a subgraph to draw or export: a focus neighbourhood, a category subtree, an answer's evidence,
or the whole graph. Each is an induced subgraph (every edge between its nodes), cut to ``limit`` nodes by
graph.draw.subgraph.trim: one rule and one note for the CLI, the exports and the app's pages.
"""
from __future__ import annotations

from typing import Callable

from graph.schema.model import GraphData
from graph.store.base import NODE_LIMIT, Store, StoreError
from graph.draw.subgraph import trim

UNTRIMMED = 10**9  # an inner read that must not trim (the selection trims once, at the end)


class SelectionError(StoreError):
    """The subgraph asked for cannot be chosen (unknown category, empty answer); the message says why."""


def _filter_labels(store: Store, data: GraphData, labels: list[str] | None, keep: set[str]) -> GraphData:
    """Only nodes of ``labels`` (and the ids in ``keep``), as an induced subgraph; ``data`` without labels."""
    if not labels:
        return data
    out = store.subgraph([i for i, n in data.nodes.items() if n["label"] in labels or i in keep])
    out.note = data.note
    return out


def focus_subgraph(store: Store, focus: list[str], depth: int = 1, labels: list[str] | None = None,
                   limit: int = NODE_LIMIT) -> GraphData:
    """The nodes within ``depth`` hops of the focus ids (StoreError naming unknown ids)."""
    missing = [f for f in focus if store.get_node(f) is None]
    if missing:
        raise StoreError(f"unknown id(s): {', '.join(missing)}")
    return store.neighbourhood(focus, depth=depth, labels=labels, limit=limit)


def category_subgraph(store: Store, category: str, depth: int = 0, labels: list[str] | None = None,
                      limit: int = NODE_LIMIT) -> GraphData:
    """The taxonomy subtree under ``category`` plus everything CLASSIFIED_AS into any of its categories;
    with ``depth`` > 0, also the nodes up to ``depth`` hops beyond those members."""
    node = store.get_node(category)
    if node is None or node["label"] != "Category":
        raise SelectionError(f"unknown category id: {category}" if node is None else f"{category} is not a Category")
    tax = store.subgraph([c["id"] for c in store.nodes("Category")])
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
    near = store.neighbourhood(subtree, depth=1, limit=UNTRIMMED)
    members = set(subtree) | {e["source"] for e in near.edges
                              if e["type"] == "CLASSIFIED_AS" and e["target"] in subtree}
    if depth > 0:
        members |= set(store.neighbourhood(sorted(members), depth=depth, labels=labels, limit=UNTRIMMED).nodes)
    data = _filter_labels(store, store.subgraph(sorted(members)), labels, set(subtree))
    return trim(data, limit, focus=[category])


def shown_subgraph(store: Store, focus: list[str], shown: list[str], depth: int = 0,
                   labels: list[str] | None = None, limit: int = NODE_LIMIT) -> GraphData:
    """The nodes ``shown`` (ids the graph lacks are ignored) plus ``depth`` hops, ``focus`` first when trimmed:
    what an answer, a console result or a path draws."""
    data = store.subgraph(list(dict.fromkeys(list(focus) + list(shown))))
    if depth > 0 and data.nodes:
        wide = store.neighbourhood(list(data.nodes), depth=depth, labels=labels, limit=UNTRIMMED)
        data = store.subgraph(list(data.nodes) + sorted(set(wide.nodes) - set(data.nodes)))
    data = _filter_labels(store, data, labels, set(focus) | set(shown))
    return trim(data, limit, focus=list(focus))


def answer_subgraph(store: Store, answer, depth: int = 0, labels: list[str] | None = None,
                    limit: int = NODE_LIMIT) -> GraphData:
    """A graph.ask Answer's result nodes and the nodes on their evidence paths (plus ``depth`` hops); the
    results are the focus when trimming. Empty when the answer has no results."""
    return shown_subgraph(store, list(answer.ids), answer.node_ids(), depth=depth, labels=labels, limit=limit)


def ask_subgraph(store: Store, question: str, depth: int = 0, labels: list[str] | None = None,
                 limit: int = NODE_LIMIT, ask_fn: Callable | None = None) -> GraphData:
    """``answer_subgraph`` of the Ask engine's answer to ``question``; SelectionError when it finds nothing."""
    if ask_fn is None:
        from graph.ask import ask as ask_fn
    data = answer_subgraph(store, ask_fn(store, question), depth=depth, labels=labels, limit=limit)
    if not data.nodes:
        raise SelectionError(f"the question found nothing to export: {question!r}")
    return data


def whole_subgraph(store: Store, labels: list[str] | None = None, limit: int = NODE_LIMIT) -> GraphData:
    """The whole graph (only ``labels`` if given), the most connected nodes first when trimmed."""
    data = store.whole()
    if labels:
        data = store.subgraph([i for i, n in data.nodes.items() if n["label"] in labels])
    return trim(data, limit)


def select(store: Store, focus: list[str] | None = None, depth: int = 1, labels: list[str] | None = None,
           limit: int = NODE_LIMIT, category: str | None = None, ask: str | None = None) -> GraphData:
    """The subgraph to draw or export: a category's subtree, an Ask answer, the focus neighbourhood, else everything."""
    if sum(x is not None and x != [] for x in (focus, category, ask)) > 1:
        raise SelectionError("choose one of --focus, --category and --ask")
    if category:
        return category_subgraph(store, category, depth=depth, labels=labels, limit=limit)
    if ask:
        return ask_subgraph(store, ask, depth=depth, labels=labels, limit=limit)
    if focus:
        return focus_subgraph(store, focus, depth=depth, labels=labels, limit=limit)
    return whole_subgraph(store, labels=labels, limit=limit)
