"""Coverage matrices: technique (or taxonomy category) x language resource class (or language).

A cell holds the papers, methods, models and data sets that use the technique (or sit in the category)
and cover a language of that class; an empty cell is a research gap, and the matrix lists them."""
from __future__ import annotations

from graph import schema
from graph.seed.later_works import after_survey, marked_name
from graph.store.index import index

ITEM_LABELS = ("Paper", "Method", "Model", "Dataset")
UNCLASSIFIED = "unclassified"


def _row_keys(idx, item: str, rows: str) -> set[str]:
    if rows == "technique":
        return set(idx.targets(item, "USES_TECHNIQUE"))
    keys = set()
    for cat in idx.targets(item, "CLASSIFIED_AS"):
        keys.update(c for c in idx.category_ancestors(cat) if c != schema.TAXONOMY_ROOT)
    return keys


def _col_of_language(lang: dict, cols: str) -> str:
    if cols == "language":
        return lang["id"]
    rc = lang.get("resource_class")
    return str(rc) if isinstance(rc, int) else UNCLASSIFIED


def coverage(store, rows: str = "technique", cols: str = "class", roles: tuple[str, ...] | None = None,
             classes: tuple[int, ...] | None = None) -> dict:
    """The matrix: ``rows`` is "technique" or "category", ``cols`` is "class" or "language"; ``roles``
    keeps only COVERS_LANGUAGE edges with those roles; ``classes`` keeps only languages of those classes.

    Returns row and column lists (id, name, after_survey for a row or a language), ``counts`` (rows x cols, distinct items), ``cells``
    ("row|col" -> item refs, non-empty cells only) and ``gaps`` (the empty cells, row by row)."""
    if rows not in ("technique", "category") or cols not in ("class", "language"):
        raise ValueError(f"unknown coverage axes {rows!r} x {cols!r}")
    idx = index(store)
    langs = [lang for lang in idx.by_label("Language")
             if classes is None or lang.get("resource_class") in classes]
    lang_ids = {lang["id"] for lang in langs}
    if rows == "technique":
        row_nodes = sorted(idx.by_label("Technique"), key=lambda n: n.get("name", n["id"]).lower())
    else:
        root_tree = set(_descendants(idx, schema.TAXONOMY_ROOT))
        row_nodes = [n for n in idx.by_label("Category") if n["id"] in root_tree and n["id"] != schema.TAXONOMY_ROOT]
        row_nodes.sort(key=lambda n: _category_order(idx, n["id"]))
    row_list = [{"id": n["id"], "name": _row_name(n), "after_survey": after_survey(n)} for n in row_nodes]
    if cols == "class":
        present = sorted({_col_of_language(lang, "class") for lang in langs},
                         key=lambda c: (c == UNCLASSIFIED, c))
        wanted = [str(c) for c in sorted(schema.RESOURCE_CLASS_NAMES)
                  if classes is None or c in classes]
        col_ids = wanted + [c for c in present if c not in wanted]
        col_list = [{"id": c, "name": f"{c} · {schema.RESOURCE_CLASS_NAMES[int(c)]}" if c.isdigit() else c}
                    for c in col_ids]
    else:
        langs.sort(key=lambda lang: (-(lang.get("resource_class") if isinstance(lang.get("resource_class"), int)
                                       else -1), lang.get("name", "").lower()))
        col_list = [{"id": lang["id"], "name": lang.get("name", lang["id"]),
                     "resource_class": lang.get("resource_class"), "after_survey": after_survey(lang)} for lang in langs]
    r_pos = {r["id"]: i for i, r in enumerate(row_list)}
    c_pos = {c["id"]: i for i, c in enumerate(col_list)}
    cells: dict[str, dict[str, dict]] = {}
    for label in ITEM_LABELS:
        for item in idx.by_label(label):
            rkeys = [r for r in _row_keys(idx, item["id"], rows) if r in r_pos]
            if not rkeys:
                continue
            ckeys = {_col_of_language(idx.nodes[lid], cols)
                     for lid in idx.languages_of(item["id"], roles) if lid in lang_ids}
            for r in rkeys:
                for c in ckeys:
                    if c in c_pos:
                        cells.setdefault(f"{r}|{c}", {})[item["id"]] = {
                            "id": item["id"], "label": label, "name": item.get("name", item["id"]),
                            "year": item.get("year"), "after_survey": after_survey(item)}
    counts = [[len(cells.get(f"{r['id']}|{c['id']}", {})) for c in col_list] for r in row_list]
    gaps = [{"row": r["id"], "row_name": r["name"], "after_survey": r["after_survey"],
             "missing": [marked_name(c) for j, c in enumerate(col_list) if counts[i][j] == 0]}
            for i, r in enumerate(row_list)]
    return {
        "rows": row_list, "cols": col_list, "counts": counts,
        "cells": {k: sorted(v.values(), key=lambda x: (x["label"], x["name"].lower())) for k, v in cells.items()},
        "gaps": [g for g in gaps if g["missing"]],
        "empty_cells": sum(len(g["missing"]) for g in gaps),
    }


def cell_items(matrix: dict, row_id: str, col_id: str) -> list[dict]:
    """The items of one cell (empty list for a gap)."""
    return matrix["cells"].get(f"{row_id}|{col_id}", [])


def _row_name(n: dict) -> str:
    abbr = n.get("abbreviation")
    return f"{n.get('name', n['id'])} ({abbr})" if abbr else str(n.get("name", n["id"]))


def _descendants(idx, root: str) -> list[str]:
    seen, stack = [], [root]
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.append(c)
        stack.extend(idx.sources(c, "SUBCATEGORY_OF"))
    return seen


def _category_order(idx, cat: str) -> tuple:
    path = list(reversed(idx.category_ancestors(cat)))
    return tuple(idx.name(p).lower() for p in path)
