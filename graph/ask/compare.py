"""Comparisons side by side ("compare BLOOM and mT5", "XGLM vs BLOOM", "how is X different from Y"):
the properties both share and where they differ, and the relationships both have (same type,
direction and other end) against those only one has. Read through Store methods only.
"""
from __future__ import annotations

SKIP_PROPS = {"id", "label", "name", "aliases", "description", "note", "provenance"}


def _rels(store, nid: str) -> set[tuple[str, str, str]]:
    """(type, 'out'|'in', other id) of every relationship of ``nid``."""
    data = store.neighbourhood([nid], depth=1, limit=10**6)
    out = set()
    for e in data.edges:
        if e["source"] == nid:
            out.add((e["type"], "out", e["target"]))
        elif e["target"] == nid:
            out.add((e["type"], "in", e["source"]))
    return out


def _fmt(rels, names) -> list[dict]:
    return [{"type": t, "dir": d, "id": o, "name": names.get(o, o)} for t, d, o in sorted(rels)]


def compare(store, a: str, b: str, names: dict) -> dict:
    """{items, shared: {properties, relationships}, differing: {properties, relationships: {a, b}}}.

    ``names`` maps ids to display names (the parser's index)."""
    na, nb = store.get_node(a) or {}, store.get_node(b) or {}
    keys = sorted((set(na) | set(nb)) - SKIP_PROPS)
    shared_props = {k: na[k] for k in keys if k in na and k in nb and na[k] == nb[k]}
    diff_props = {k: {a: na.get(k), b: nb.get(k)} for k in keys if k not in shared_props}
    ra, rb = _rels(store, a), _rels(store, b)
    return {"items": [a, b],
            "labels": [na.get("label"), nb.get("label")],
            "shared": {"properties": shared_props, "relationships": _fmt(ra & rb, names)},
            "differing": {"properties": diff_props,
                          "relationships": {a: _fmt(ra - rb, names), b: _fmt(rb - ra, names)}},
            "direct": _fmt({r for r in ra if r[2] == b}, names)}
