"""Fuzzy search for the Explore page: graph.search when it is there, else a small rapidfuzz match over
names, aliases and ids, so the page works before (and regardless of) the search module."""
from __future__ import annotations

from graph.index import index


def _get(obj, key, default=None):
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def find(store, text: str, label: str | None = None, limit: int = 10) -> list[dict]:
    """Hits as dicts: id, label, name, score (higher is better)."""
    text = (text or "").strip()
    if not text:
        return []
    try:
        from graph.search import search
    except ImportError:
        search = None
    if search is not None:
        hits = search(store, text, label=label, limit=limit)
        out = []
        for h in hits or []:
            node = _get(h, "node", None) or {}
            nid = _get(h, "id", None) or _get(node, "id", None)
            if not nid:
                continue
            out.append({"id": nid, "label": _get(h, "label", None) or _get(node, "label", "?"),
                        "name": _get(h, "name", None) or _get(node, "name", nid),
                        "score": _get(h, "score", None)})
        return out
    return fallback_find(store, text, label, limit)


def fallback_find(store, text: str, label: str | None = None, limit: int = 10) -> list[dict]:
    """rapidfuzz WRatio over each node's id, name and aliases."""
    from rapidfuzz import fuzz

    idx = index(store)
    q = text.lower()
    scored = []
    for n in idx.nodes.values():
        if label and n.get("label") != label:
            continue
        keys = [n["id"], str(n.get("name", ""))] + [str(a) for a in n.get("aliases") or []]
        best = max(100.0 if k.lower() == q else fuzz.WRatio(q, k.lower()) for k in keys)
        scored.append((best, n))
    scored.sort(key=lambda t: (-t[0], t[1]["id"]))
    return [{"id": n["id"], "label": n.get("label", "?"), "name": n.get("name", n["id"]), "score": round(s, 1)}
            for s, n in scored[:limit] if s >= 50]
