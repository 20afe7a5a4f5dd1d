"""A model's or dataset's family tree over DERIVED_FROM, each member with the methods applied to it."""
from __future__ import annotations

from graph.schema.model import GraphData
from graph.seed.later_works import MARK, after_survey, marked_name
from graph.store.index import index

LINEAGE_LABELS = ("Model", "Dataset", "Method")


def lineage_candidates(store) -> list[dict]:
    """Models, datasets and methods, those with a family (a DERIVED_FROM edge either way) first."""
    idx = index(store)
    out = []
    for label in LINEAGE_LABELS:
        for n in idx.by_label(label):
            fam = len(idx.targets(n["id"], "DERIVED_FROM")) + len(idx.sources(n["id"], "DERIVED_FROM"))
            out.append({"id": n["id"], "label": label, "name": n.get("name", n["id"]), "family": fam,
                        "after_survey": idx.after_survey(n["id"])})
    return sorted(out, key=lambda r: (r["family"] == 0, r["label"], r["name"].lower()))


def _generations(edges: list[dict], start: str, forward: bool) -> dict[str, int]:
    """Hop distance from ``start`` following DERIVED_FROM forward (ancestors) or backward (descendants)."""
    dist, frontier = {start: 0}, [start]
    while frontier:
        nxt = []
        for n in frontier:
            for e in edges:
                if e["type"] != "DERIVED_FROM":
                    continue
                a, b = (e["source"], e["target"]) if forward else (e["target"], e["source"])
                if a == n and b not in dist:
                    dist[b] = dist[n] + 1
                    nxt.append(b)
        frontier = nxt
    return dist


def lineage_view(store, node_id: str) -> dict:
    """The family of ``node_id``: its graph (members and the methods applied to them) and one row per member
    with its relation (ancestor / self / descendant), generation (negative = older), parents and methods."""
    data: GraphData = store.lineage(node_id, "both", with_methods=True)
    if node_id not in data.nodes:
        return {"graph": data, "members": [], "methods": []}
    up = _generations(data.edges, node_id, forward=True)
    down = _generations(data.edges, node_id, forward=False)
    members = sorted(set(up) | set(down))
    applied: dict[str, list[str]] = {}
    for e in data.edges:
        if e["type"] == "APPLIED_TO":
            applied.setdefault(e["target"], []).append(e["source"])
    parents: dict[str, list[str]] = {}
    for e in data.edges:
        if e["type"] == "DERIVED_FROM":
            parents.setdefault(e["source"], []).append(e["target"])

    def name(i):
        return str(data.nodes.get(i, {}).get("name", i))

    def marked(i):  # a name inside a line of names carries the post-survey mark itself
        return marked_name(data.nodes.get(i, {}), name(i))

    rows = []
    for m in members:
        gen = -up[m] if m in up and m != node_id else down.get(m, 0)
        rel = "self" if m == node_id else ("ancestor" if m in up else "descendant")
        n = data.nodes.get(m, {})
        rows.append({
            "id": m, "name": name(m), "label": n.get("label", "?"), "relation": rel, "generation": gen,
            "year": n.get("year"), "after_survey": after_survey(n),
            "derived_from": ", ".join(sorted((marked(p) for p in parents.get(m, [])), key=_plain)),
            "methods": ", ".join(sorted((marked(x) for x in applied.get(m, [])), key=_plain)),
        })
    rows.sort(key=lambda r: (r["generation"], r["year"] or 0, r["name"].lower()))
    methods = sorted({x for xs in applied.values() for x in xs})
    return {"graph": data, "members": rows,
            "methods": [{"id": x, "name": name(x), "after_survey": after_survey(data.nodes.get(x)),
                         "applied_to": ", ".join(sorted((marked(t) for t, xs in applied.items() if x in xs),
                                                        key=_plain))}
                        for x in methods]}


def _plain(text: str) -> str:
    """A marked name's sort key: its name without the mark (later works sort among the rest)."""
    return text.removeprefix(f"{MARK} ")


def members_until(members: list[dict], node_id: str, year: int | None) -> list[dict]:
    """The family members that existed up to ``year`` (the entity itself and undated members always stay)."""
    return [m for m in members if year is None or m["id"] == node_id or not isinstance(m["year"], int)
            or m["year"] <= year]
