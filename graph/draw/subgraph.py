"""The one trim rule for a subgraph too large to draw or export, and the one note that says so.

Every caller (both stores' ``neighbourhood``, graph.draw.selection, the app's graphs) trims with ``trim``:
closest to the focus first (hops inside the subgraph, edges either way), then the most connected, then
by id. The note names the count kept, the count left out and their labels.

>>> from graph.schema.model import GraphData
>>> g = GraphData({i: {"id": i, "label": "Model"} for i in ("model:a", "model:b", "model:c")},
...               [{"source": "model:b", "target": "model:a", "type": "DERIVED_FROM"}])
>>> trim(g, 2, focus=["model:a"]).note
'trimmed to the 2 closest of 3 nodes; left out 1 (1 Model)'
"""
from __future__ import annotations

from collections import defaultdict, deque

from graph.schema.model import GraphData


def rank(data: GraphData, focus: list[str] | None = None) -> list[str]:
    """Node ids of ``data``, the ones to keep first: hop distance from ``focus`` (nodes it cannot reach
    last), then degree (highest first), then id."""
    degree: dict[str, int] = defaultdict(int)
    adj: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        s, t = e["source"], e["target"]
        if s in data.nodes and t in data.nodes:
            degree[s] += 1
            degree[t] += 1
            adj[s].add(t)
            adj[t].add(s)
    dist = {i: 0 for i in dict.fromkeys(focus or []) if i in data.nodes}
    queue = deque(dist)
    while queue:
        n = queue.popleft()
        for m in adj[n]:
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    far = len(data.nodes) + 1
    return sorted(data.nodes, key=lambda i: (dist.get(i, far), -degree[i], i))


def trim(data: GraphData, limit: int, focus: list[str] | None = None) -> GraphData:
    """``data`` cut to ``limit`` nodes ranked by ``rank`` (and the edges between them), with the note; the
    data itself when it fits. A note ``data`` already had is kept in front."""
    if len(data.nodes) <= limit:
        return data
    ranked = rank(data, focus)
    keep = set(ranked[:limit])
    by_label: dict[str, int] = defaultdict(int)
    for i in ranked[limit:]:
        by_label[data.nodes[i].get("label", "?")] += 1
    what = ", ".join(f"{v} {k}" for k, v in sorted(by_label.items()))
    near = "closest" if any(i in data.nodes for i in focus or []) else "most connected"
    note = f"trimmed to the {limit} {near} of {len(data.nodes)} nodes; left out {len(data.nodes) - limit} ({what})"
    if data.note:
        note = f"{data.note}; {note}"
    return GraphData({i: n for i, n in data.nodes.items() if i in keep},
                     [e for e in data.edges if e["source"] in keep and e["target"] in keep], note)
