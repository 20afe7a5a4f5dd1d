"""The Paths page and "more like this" as plain data: the paths between two entities (Store.paths) as lines
of names and as one graph, and the entities most like one (graph.similar) with their reasons."""
from __future__ import annotations

from graph import schema
from graph.seed.later_works import after_survey, later_mark, marked_name
from graph.store.index import index
from graph.schema.model import GraphData


def entity_choices(store) -> list[dict]:
    """Every entity as {id, name, label, after_survey}, sorted by label then name (the FROM / TO pickers)."""
    idx = index(store)
    return sorted(({"id": n["id"], "name": n.get("name", n["id"]), "label": n.get("label", "?"),
                    "after_survey": idx.after_survey(n["id"])}
                   for n in idx.nodes.values()), key=lambda r: (r["label"], r["name"].lower()))


def hop_words(hop: dict, names: dict) -> str:
    """One hop: ``-[TYPE]->`` along the relationship, ``<-[TYPE]-`` against it (several joined by /)."""
    parts = []
    for r in hop["relationships"]:
        label = r["type"] + (f" {r['role']}" if r.get("role") else "")
        parts.append(f"-[{label}]->" if r["source"] == hop["from"] else f"<-[{label}]-")
    return f" {' / '.join(parts)} {names.get(hop['to'], hop['to'])}"


def path_view(store, source: str, target: str, max_hops: int, types: tuple[str, ...] | None, k: int) -> dict:
    """``{"rows", "graph", "nodes", "note", "complete"}``: one row per path (its length, the path in names, each
    marked ✦ when added after the survey, its ids), the graph of every node and relationship on any path (only
    the relationships the paths follow), and its nodes as rows (name, label, id, after_survey)."""
    result = store.paths(source, target, max_hops=max_hops, types=list(types) if types else None, k=k)
    ids = result.node_ids() or [source, target]
    nodes = store.subgraph(ids).nodes
    names = {i: marked_name(n, n.get("name", i)) for i, n in nodes.items()}  # the post-survey mark in the line
    rows, edges, seen = [], [], set()
    for n, p in enumerate(result.paths, 1):
        d = p.to_dict()
        rows.append({"path": n, "hops": p.length,
                     "through": names.get(d["nodes"][0], d["nodes"][0]) + "".join(hop_words(h, names)
                                                                                  for h in d["hops"]),
                     "ids": " → ".join(d["nodes"])})
        for hop in d["hops"]:
            for r in hop["relationships"]:
                key = (r["source"], r["target"], r["type"], r.get("role") or "")
                if key not in seen:
                    seen.add(key)
                    edges.append({"source": r["source"], "target": r["target"], "type": r["type"],
                                  **({"role": r["role"]} if r.get("role") else {})})
    shown = {i: nodes[i] for i in ids if i in nodes}
    listed = [{"name": n.get("name", n["id"]), "label": n.get("label", "?"), "id": n["id"], "after_survey": after_survey(n)}
              for n in sorted(shown.values(), key=lambda n: (n.get("label", ""), n.get("name", "")))]
    return {"rows": rows, "graph": GraphData(shown, edges, ""), "nodes": listed, "note": result.note,
            "complete": result.complete}


def similar_rows(store, node_id: str, limit: int = 10) -> list[dict]:
    """The entities most like ``node_id`` (names first): score and the shared neighbours as the reason.
    Empty for a label graph.similar does not compare (categories, languages, ...)."""
    from graph.similar import LABELS, similar

    if schema.label_of(node_id) not in LABELS:
        return []
    result = similar(store, node_id, limit=limit)
    idx = index(store)
    rows = []
    for r in result.results:
        reasons = "; ".join(f"{t}: " + ", ".join(later_mark(idx.nodes.get(x["id"])) + (x["name"] or x["id"])
                                                  for x in xs) for t, xs in r.reasons.items())
        rows.append({"name": r.name, "label": r.label, "score": round(r.score, 3), "shared": reasons, "id": r.id,
                     "after_survey": idx.after_survey(r.id)})
    return rows
