"""Plain data passed between ingest, the stores, queries and export: nodes by id and a list of edges.

A node is a dict with ``id``, ``label``, ``name`` and its properties; an edge is a dict with
``source``, ``target``, ``type``, ``provenance`` (a list) and its other properties. Both stores
return these, so the parity tests compare plain dicts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


def edge_sort_key(e: dict) -> tuple:
    return (e["type"], e["source"], e["target"], e.get("role", ""))


@dataclass
class GraphData:
    """A graph or subgraph as plain data; ``note`` says what was trimmed, if anything."""

    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)
    note: str = ""

    def counts(self) -> dict:
        """Counts per label and per relationship type."""
        return {
            "nodes": dict(sorted(Counter(n["label"] for n in self.nodes.values()).items())),
            "relationships": dict(sorted(Counter(e["type"] for e in self.edges).items())),
            "total_nodes": len(self.nodes),
            "total_relationships": len(self.edges),
        }

    def normalised(self) -> "GraphData":
        """Sorted nodes and edges, so two stores' answers compare equal."""
        return GraphData(dict(sorted(self.nodes.items())), sorted(self.edges, key=edge_sort_key), self.note)

    def to_json(self) -> dict:
        """The export contract: ``nodes`` (id, label, name, props) and ``edges`` (source, target, type, props)."""
        g = self.normalised()
        out = {"nodes": list(g.nodes.values()), "edges": g.edges}
        if self.note:
            out["note"] = self.note
        return out
