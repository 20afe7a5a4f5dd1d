"""The survey's evolution figure from the data: every Model, Method or Dataset with a year and a
CLASSIFIED_AS edge to one of the five branches (or a category under one), so new seed records appear."""
from __future__ import annotations

from collections import defaultdict

from graph import schema
from graph.views.index import index

EVOLUTION_LABELS = ("Model", "Method", "Dataset")


def branches(store) -> list[dict]:
    """The five branches in the survey's order: id and display name (abbreviation where there is one)."""
    idx = index(store)
    return [{"id": b, "name": idx.nodes.get(b, {}).get("abbreviation") or idx.name(b)}
            for b in schema.EVOLUTION_BRANCHES]


def evolution_points(store, only_figure: bool = False) -> list[dict]:
    """One point per (item, branch): id, name, label, year, branch, branch_name, open, evolution_figure,
    and ``slot`` (0, 1, 2 ... within the same year and branch, so markers and labels do not overlap)."""
    idx = index(store)
    names = {b["id"]: b["name"] for b in branches(store)}
    points = []
    for label in EVOLUTION_LABELS:
        for n in idx.by_label(label):
            year = n.get("year")
            if not isinstance(year, int) or (only_figure and not n.get("evolution_figure")):
                continue
            hit = set()
            for cat in idx.targets(n["id"], "CLASSIFIED_AS"):
                for anc in idx.category_ancestors(cat):
                    if anc in names:
                        hit.add(anc)
                        break
            for b in sorted(hit, key=schema.EVOLUTION_BRANCHES.index):
                points.append({"id": n["id"], "name": n.get("name", n["id"]), "label": label, "year": year,
                               "branch": b, "branch_name": names[b], "open": n.get("open"),
                               "evolution_figure": bool(n.get("evolution_figure"))})
    points.sort(key=lambda p: (schema.EVOLUTION_BRANCHES.index(p["branch"]), p["year"], p["name"].lower()))
    slots: dict[tuple, int] = defaultdict(int)
    for p in points:
        key = (p["branch"], p["year"])
        p["slot"] = slots[key]
        slots[key] += 1
    return points


def openness(value) -> str:
    """'open', 'closed' or 'unknown' for an ``open`` property."""
    return "open" if value is True else "closed" if value is False else "unknown"
