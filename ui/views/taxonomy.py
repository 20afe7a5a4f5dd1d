"""The survey's alignment taxonomy (root > PTA/PFA > categories > subcategories) down to the papers,
methods, models and data sets classified under each node, with counts, for a sunburst and an indented tree."""
from __future__ import annotations

from collections import Counter

from graph import schema
from graph.seed.later_works import later_mark
from graph.store.index import index

ITEM_LABELS = ("Paper", "Method", "Model", "Dataset")


def taxonomy_tree(store, root: str = schema.TAXONOMY_ROOT) -> dict | None:
    """Nested dicts: id, name, abbreviation, level, items (classified here directly), children, and
    ``count`` (distinct items in the subtree) with ``by_label`` counts. None when the root is missing."""
    idx = index(store)
    if root not in idx.nodes:
        return None

    def build(cat_id: str, path: tuple) -> tuple[dict, set]:
        node = idx.nodes[cat_id]
        children, subtree = [], set()
        for child in sorted(idx.sources(cat_id, "SUBCATEGORY_OF"), key=lambda c: idx.name(c).lower()):
            if child in path or idx.nodes.get(child, {}).get("label") != "Category":
                continue
            sub, ids = build(child, path + (child,))
            children.append(sub)
            subtree |= ids
        items = sorted(
            ({"id": i, "label": idx.nodes[i].get("label", "?"), "name": idx.name(i),
              "year": idx.nodes[i].get("year"), "after_survey": idx.after_survey(i)}
             for i in idx.sources(cat_id, "CLASSIFIED_AS")
             if idx.nodes.get(i, {}).get("label") in ITEM_LABELS),
            key=lambda r: (r["label"], -(r["year"] or 0), r["name"].lower()))
        subtree |= {r["id"] for r in items}
        by_label = Counter(idx.nodes[i]["label"] for i in subtree)
        return ({"id": cat_id, "name": node.get("name", cat_id), "abbreviation": node.get("abbreviation"),
                 "after_survey": idx.after_survey(cat_id),
                 "level": node.get("level"), "items": items, "children": children,
                 "count": len(subtree), "by_label": dict(sorted(by_label.items()))}, subtree)

    return build(root, (root,))[0]


def tree_rows(tree: dict | None, with_items: bool = True) -> list[dict]:
    """The tree flattened for an indented listing: depth, kind (category / item), id, name, count, after_survey."""
    rows: list[dict] = []

    def walk(t: dict, depth: int):
        abbr = f" ({t['abbreviation']})" if t.get("abbreviation") else ""
        rows.append({"depth": depth, "kind": "category", "id": t["id"], "name": t["name"] + abbr,
                     "count": t["count"], "by_label": t["by_label"], "after_survey": t.get("after_survey", False)})
        for c in t["children"]:
            walk(c, depth + 1)
        if with_items:
            for it in t["items"]:
                rows.append({"depth": depth + 1, "kind": it["label"], "id": it["id"], "name": it["name"],
                             "count": None, "year": it["year"], "under": t["name"],
                             "after_survey": it.get("after_survey", False)})

    if tree:
        walk(tree, 0)
    return rows


def sunburst_data(tree: dict | None, with_items: bool = False) -> dict:
    """Columns for plotly's sunburst/treemap with ``branchvalues="total"``: ids (paths, unique), labels,
    parents, values (each placement counts one, so an item under two categories counts in both); a later work's
    label starts with the post-survey mark."""
    out = {"ids": [], "labels": [], "parents": [], "values": [], "hover": []}

    def walk(t: dict, parent: str) -> int:
        pid = f"{parent}/{t['id']}" if parent else t["id"]
        pos = len(out["ids"])
        label = later_mark(t) + (t.get("abbreviation") or t["name"])
        out["ids"].append(pid)
        out["labels"].append(label)
        out["parents"].append(parent)
        out["values"].append(0)
        out["hover"].append(f"{t['name']}: {t['count']} distinct items")
        total = sum(walk(c, pid) for c in t["children"])
        for it in t["items"]:
            if with_items:
                out["ids"].append(f"{pid}/{it['id']}")
                out["labels"].append(later_mark(it) + it["name"][:40])
                out["parents"].append(pid)
                out["values"].append(1)
                out["hover"].append(f"{it['label']}: {it['name']}")
            total += 1
        out["values"][pos] = total
        return total

    if tree:
        walk(tree, "")
    return out


def subtree(store, cat_id: str) -> dict | None:
    """The taxonomy tree rooted at ``cat_id`` (a category of the survey's taxonomy)."""
    return taxonomy_tree(store, root=cat_id)


def category_graph(store, cat_id: str):
    """The subgraph of a category: its subtree of categories and what is classified under them."""
    t = taxonomy_tree(store, root=cat_id)
    ids = [r["id"] for r in tree_rows(t)]
    return store.subgraph(list(dict.fromkeys(ids)))
