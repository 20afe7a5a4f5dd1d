"""The survey's evolution figure from the data: every Model, Method or Dataset with a year and a
CLASSIFIED_AS edge to one of the five branches (or a category under one), so new seed records appear."""
from __future__ import annotations

from collections import defaultdict

from graph import schema
from graph.seed.later_works import after_survey, later_mark
from graph.store.index import index

EVOLUTION_LABELS = ("Model", "Method", "Dataset")


def branches(store) -> list[dict]:
    """The five branches in the survey's order: id and display name (abbreviation where there is one)."""
    idx = index(store)
    return [{"id": b, "name": idx.nodes.get(b, {}).get("abbreviation") or idx.name(b)}
            for b in schema.EVOLUTION_BRANCHES]


def evolution_points(store, only_figure: bool = False) -> list[dict]:
    """One point per (item, branch): id, name, label, year, branch, branch_name, open (with ``only_figure``,
    as the survey's figure marks it), evolution_figure, in_survey, after_survey (the post-survey mark), and ``slot`` (0, 1, 2 ... within the same year and branch, so markers and labels do not overlap)."""
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
                               "branch": b, "branch_name": names[b],
                               # the survey's figure marks some released works closed: drawn as it drew them
                               "open": n.get("open_in_figure", n.get("open")) if only_figure else n.get("open"),
                               "evolution_figure": bool(n.get("evolution_figure")),
                               "in_survey": n.get("in_survey", True) is not False,
                               "after_survey": after_survey(n)})
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


def evolution_layout(points: list[dict], branch_ids: list[str], max_rows: int = 12) -> dict:
    """Plot positions for the points: each branch is a band of up to ``max_rows`` rows; a (year, branch)
    cell with more items fills a second column right of the year. Returns the points with ``x``, ``y``,
    ``short`` (a label of at most 22 characters, 11 in a two-column cell), and ``bands`` (branch id, y of its centre)."""
    counts: dict[tuple, int] = defaultdict(int)
    for p in points:
        counts[(p["branch"], p["year"])] += 1
    rows = {b: max(1, min(max_rows, max((n for (bb, _), n in counts.items() if bb == b), default=1)))
            for b in branch_ids}
    base, y0 = {}, 0.0
    for b in branch_ids:
        base[b] = y0
        y0 += rows[b] + 1.5
    out = []
    for p in points:
        if p["branch"] not in base:
            continue
        r = rows[p["branch"]]
        ncols = -(-counts[(p["branch"], p["year"])] // r)
        col, row = divmod(p["slot"], r)
        cut = 22 if ncols == 1 else 11
        name = p["name"] if len(p["name"]) <= cut else p["name"][:cut - 1] + "…"
        name = later_mark(p) + name  # ✦ in front of a work added after the survey
        out.append({**p, "x": p["year"] + (col * 0.9 / ncols if ncols > 1 else 0.0),
                    "y": base[p["branch"]] + row, "short": name})
    bands = [{"id": b, "y": base[b] + (rows[b] - 1) / 2, "top": base[b] + rows[b] - 0.5} for b in branch_ids]
    return {"points": out, "bands": bands, "height_rows": y0}
