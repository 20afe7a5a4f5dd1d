"""Two entities side by side ("compare BLOOM and mT5", "XGLM vs BLOOM"): the properties they share
and those that differ, the relationships both have (same type, direction and other end), those only
one has, and any between the two. Read through Store methods only, so both stores answer the same.

>>> from graph.store.embedded import EmbeddedStore
>>> c = compare(EmbeddedStore.from_data_dir(), "model:bloom", "model:bloomz")
>>> c["between"][0]["type"], c["between"][0]["source"]
('DERIVED_FROM', 'model:bloomz')
"""
from __future__ import annotations

from graph.store.base import StoreError

# Not compared: identity and free text (every node's differ, which says nothing).
SKIP_PROPS = ("id", "label", "name", "aliases", "description", "note")


def _ref(node: dict) -> dict:
    return {"id": node["id"], "label": node.get("label"), "name": node.get("name", node["id"])}


def _relationships(store, nid: str) -> tuple[set[tuple], dict, list[dict]]:
    """(type, dir, other id, role) of every relationship of ``nid``, the other nodes, and the edges."""
    data = store.neighbourhood([nid], depth=1, limit=10**9)
    rels, edges = set(), []
    for e in data.edges:
        if e["source"] == nid:
            rels.add((e["type"], "out", e["target"], e.get("role")))
        elif e["target"] == nid:
            rels.add((e["type"], "in", e["source"], e.get("role")))
        else:
            continue
        edges.append(e)
    return rels, data.nodes, edges


def compare(store, a: str, b: str) -> dict:
    """The comparison of nodes ``a`` and ``b`` (StoreError naming the id when one is not in the graph).

    Returns ``{"a", "b": {id, label, name}, "properties": {"shared": {prop: value}, "different":
    {prop: [a's, b's]}, "only_a": {...}, "only_b": {...}}, "relationships": {"shared", "only_a",
    "only_b": [{type, dir, role, other: {id, label, name}}]}, "between": [edges joining a and b]}``,
    lists sorted, so the two stores give equal dicts.
    """
    na, nb = store.get_node(a), store.get_node(b)
    for nid, node in ((a, na), (b, nb)):
        if node is None:
            raise StoreError(f"no node with id {nid!r} in the graph")
    pa = {k: v for k, v in na.items() if k not in SKIP_PROPS}
    pb = {k: v for k, v in nb.items() if k not in SKIP_PROPS}
    props = {
        "shared": {k: pa[k] for k in sorted(pa.keys() & pb.keys()) if pa[k] == pb[k]},
        "different": {k: [pa[k], pb[k]] for k in sorted(pa.keys() & pb.keys()) if pa[k] != pb[k]},
        "only_a": {k: pa[k] for k in sorted(pa.keys() - pb.keys())},
        "only_b": {k: pb[k] for k in sorted(pb.keys() - pa.keys())},
    }
    ra, nodes_a, edges_a = _relationships(store, a)
    rb, nodes_b, _ = _relationships(store, b)
    others = {**nodes_a, **nodes_b}

    def rows(rels) -> list[dict]:
        return [{"type": t, "dir": d, "role": r, "other": _ref(others[o])}
                for t, d, o, r in sorted(rels, key=lambda x: (x[0], x[1], x[2], x[3] or ""))
                if o not in (a, b)]

    between = sorted(({"source": e["source"], "target": e["target"], "type": e["type"], "role": e.get("role"),
                       "provenance": e.get("provenance", [])}
                      for e in edges_a if {e["source"], e["target"]} == {a, b}),
                     key=lambda e: (e["type"], e["source"], e["role"] or ""))
    return {"a": _ref(na), "b": _ref(nb), "properties": props,
            "relationships": {"shared": rows(ra & rb), "only_a": rows(ra - rb), "only_b": rows(rb - ra)},
            "between": between}
