"""A read-only index over a store's whole graph (nodes, typed in/out edges) that the views share.

Views need joins the Store interface does not offer (techniques x languages, categories x items), so
they read ``store.whole()`` once per store and answer in Python; both backends give the same answer.
"""
from __future__ import annotations

import weakref
from collections import defaultdict

from graph import schema
from graph.schema.model import GraphData
from graph.seed.later_works import after_survey, later_mark

_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class GraphIndex:
    """Nodes by id and label; out/in edges by relationship type."""

    def __init__(self, data: GraphData):
        self.data = data
        self.nodes = data.nodes
        self.out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        self.inc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for e in data.edges:
            self.out[e["source"]][e["type"]].append(e)
            self.inc[e["target"]][e["type"]].append(e)

    def by_label(self, label: str) -> list[dict]:
        return sorted((n for n in self.nodes.values() if n.get("label") == label), key=lambda n: n["id"])

    def targets(self, node_id: str, rel: str) -> list[str]:
        """Ids this node points to over ``rel`` (sorted, distinct)."""
        return sorted({e["target"] for e in self.out.get(node_id, {}).get(rel, [])})

    def sources(self, node_id: str, rel: str) -> list[str]:
        """Ids pointing at this node over ``rel`` (sorted, distinct)."""
        return sorted({e["source"] for e in self.inc.get(node_id, {}).get(rel, [])})

    def name(self, node_id: str) -> str:
        n = self.nodes.get(node_id)
        return str(n.get("name", node_id)) if n else node_id

    def after_survey(self, node_id: str) -> bool:
        """Whether the node was added after the survey (graph.seed.later_works decides)."""
        return after_survey(self.nodes.get(node_id))

    def marked(self, node_id: str) -> str:
        """The node's name with the post-survey mark in front when it carries it."""
        return later_mark(self.nodes.get(node_id)) + self.name(node_id)

    def category_ancestors(self, cat_id: str) -> list[str]:
        """The category and every category above it (SUBCATEGORY_OF, transitively), nearest first."""
        seen, order, stack = set(), [], [cat_id]
        while stack:
            c = stack.pop(0)
            if c in seen:
                continue
            seen.add(c)
            order.append(c)
            stack.extend(self.targets(c, "SUBCATEGORY_OF"))
        return order

    def languages_of(self, node_id: str, roles: tuple[str, ...] | None = None) -> list[str]:
        """Languages an item covers (any role, or only ``roles``)."""
        return sorted({e["target"] for e in self.out.get(node_id, {}).get("COVERS_LANGUAGE", [])
                       if roles is None or e.get("role") in roles})


def index(store) -> GraphIndex:
    """The index of ``store`` (built once per store object)."""
    try:
        idx = _CACHE.get(store)
    except TypeError:
        idx = None
    if idx is None:
        idx = GraphIndex(store.whole())
        try:
            _CACHE[store] = idx
        except TypeError:
            pass
    return idx


def node_ref(node: dict) -> dict:
    """The short form of a node that tables show: id, label, name, year."""
    return {"id": node["id"], "label": node.get("label", schema.label_of(node["id"]) or "?"),
            "name": node.get("name", node["id"]), "year": node.get("year")}
