"""An entity's page as plain data: properties, links (paper, arXiv, ACL, code, provenance), relations and
the neighbours a reader can move on to."""
from __future__ import annotations

from graph import schema
from graph.store.index import index

_LINK_PROPS = (("url", "Page"), ("code_url", "Code"))


def entity_links(node: dict, edges: list[dict] = ()) -> list[dict]:
    """Links for a node: its url/code_url, arXiv and ACL ids, then every provenance reference on its edges."""
    links: list[dict] = []
    seen: set[str] = set()

    def add(kind: str, text: str, url: str | None):
        if url and url not in seen:
            seen.add(url)
            links.append({"kind": kind, "text": text, "url": url})

    for prop, kind in _LINK_PROPS:
        if node.get(prop):
            add(kind, str(node[prop]), str(node[prop]))
    if node.get("arxiv"):
        add("arXiv", f"arXiv:{node['arxiv']}", schema.provenance_url(f"arxiv:{node['arxiv']}"))
    if node.get("acl"):
        add("ACL Anthology", str(node["acl"]), schema.provenance_url(f"acl:{node['acl']}"))
    for ref in node.get("provenance") or []:
        add("Provenance", ref, schema.provenance_url(ref))
    for e in edges:
        for ref in e.get("provenance") or []:
            add(f"Provenance ({e['type']})", ref, schema.provenance_url(ref))
    return links


def entity_page(store, node_id: str) -> dict | None:
    """Everything the Explore page shows about one node, or None when the id is unknown; ``after_survey`` on
    the node, each relation (its other end) and each neighbour says which carry the post-survey mark."""
    node = store.get_node(node_id)
    if node is None:
        return None
    idx = index(store)
    label = node.get("label", "?")
    nt = schema.NODE_TYPES.get(label)
    props = [{"property": k, "value": _fmt(v)} for k, v in node.items()
             if k not in ("id", "label", "name", "description") and v not in (None, "", [])]
    relations = []
    edges = []
    for rel, es in sorted(idx.out.get(node_id, {}).items()):
        for e in es:
            edges.append(e)
            relations.append(_relation(idx, e, "out", e["target"]))
    for rel, es in sorted(idx.inc.get(node_id, {}).items()):
        for e in es:
            edges.append(e)
            relations.append(_relation(idx, e, "in", e["source"]))
    neighbours = sorted({r["other"] for r in relations},
                        key=lambda i: (idx.nodes.get(i, {}).get("label", ""), idx.name(i).lower()))
    return {
        "node": node,
        "after_survey": idx.after_survey(node_id),
        "label": label,
        "color": nt.color if nt else "#888888",
        "description": node.get("description", ""),
        "properties": props,
        "links": entity_links(node, edges),
        "relations": relations,
        "neighbours": [{"id": i, "label": idx.nodes[i].get("label", "?"), "name": idx.name(i),
                        "after_survey": idx.after_survey(i)}
                       for i in neighbours if i in idx.nodes],
    }


def _relation(idx, e: dict, direction: str, other: str) -> dict:
    return {
        "direction": "→" if direction == "out" else "←",
        "type": schema.edge_key(e["type"], e),
        "other": other,
        "other_label": idx.nodes.get(other, {}).get("label", "?"),
        "other_name": idx.name(other),
        "after_survey": idx.after_survey(other),  # of the row's entity (``other``), which the row opens
        "provenance": "; ".join(e.get("provenance") or []),
    }


def _fmt(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def neighbourhood(store, node_id: str, depth: int = 1, labels: tuple = (), limit: int = 400):
    """The neighbourhood the Explore page draws (``store.neighbourhood`` with hashable arguments)."""
    return store.neighbourhood([node_id], depth=depth, labels=list(labels) or None, limit=limit)


def start_points(store) -> list[dict]:
    """Named places to start exploring: the taxonomy's two families, the most connected model, data set,
    language and method (by relationships recorded), each with why it was chosen."""
    idx = index(store)
    out = []
    for cid in ("cat:pta", "cat:pfa"):
        node = idx.nodes.get(cid)
        if node:
            out.append({"id": cid, "name": node.get("name", cid), "label": "Category",
                        "after_survey": idx.after_survey(cid),
                        "why": "a family of the survey's taxonomy"})
    for label in ("Model", "Dataset", "Language", "Method"):
        nodes = idx.by_label(label)
        if nodes:
            best = max(nodes, key=lambda n: (_degree(idx, n["id"]), n["id"]))
            out.append({"id": best["id"], "name": best.get("name", best["id"]), "label": label,
                        "after_survey": idx.after_survey(best["id"]),
                        "why": f"the {label.lower()} with the most relationships"})
    return out


def _degree(idx, node_id: str) -> int:
    return sum(map(len, idx.out.get(node_id, {}).values())) + sum(map(len, idx.inc.get(node_id, {}).values()))
