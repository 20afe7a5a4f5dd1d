"""What the atlas holds, per year and per taxonomy branch, the survey's records beside later ones.

A curator's view of the gaps: ``holdings(data)`` counts papers, models, data sets and methods per year
and per category of the taxonomy (a branch counts what is classified under it at any depth), split into
the survey's records (in_survey) and later ones. `python -m ingest report` prints it.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from graph.schema.model import GraphData

WORK_LABELS = ("Paper", "Model", "Dataset", "Method")
SIDES = ("survey", "later")


def _side(node: dict) -> str:
    return "survey" if node.get("in_survey", True) else "later"


def _branch_members(data: GraphData) -> dict[str, set[str]]:
    """Category id -> ids of works classified under it or under any category below it."""
    parent: dict[str, list[str]] = defaultdict(list)
    direct: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        if e["type"] == "SUBCATEGORY_OF":
            parent[e["source"]].append(e["target"])
        elif e["type"] == "CLASSIFIED_AS":
            direct[e["target"]].add(e["source"])
    members: dict[str, set[str]] = defaultdict(set)
    for cat, works in direct.items():
        seen, todo = set(), [cat]
        while todo:  # the category and every category above it
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            members[c] |= works
            todo.extend(parent.get(c, ()))
    return members


def holdings(data: GraphData) -> dict:
    """{"by_year": rows, "by_branch": rows, "unclassified": {...}, "totals": {...}} as plain data.

    A row of by_year: year (None when a record has none), then ``<label>_<side>`` counts. A row of
    by_branch: category id, name, level, depth, an ``added`` flag for categories the survey lacks, then
    ``<side>`` counts of works (papers, models, data sets, methods) and ``papers_<side>``.
    """
    works = {nid: n for nid, n in data.nodes.items() if n["label"] in WORK_LABELS}
    years: dict = defaultdict(Counter)
    for n in works.values():
        years[n.get("year")][f"{n['label'].lower()}_{_side(n)}"] += 1
    cols = [f"{lab.lower()}_{s}" for lab in WORK_LABELS for s in SIDES]
    by_year = [{"year": y, **{c: years[y][c] for c in cols}}
               for y in sorted(years, key=lambda y: (y is None, y or 0))]

    cats = {nid: n for nid, n in data.nodes.items() if n["label"] == "Category"}
    parent = {e["source"]: e["target"] for e in data.edges if e["type"] == "SUBCATEGORY_OF"}

    def depth(c, hops=0):
        return hops if c not in parent or hops > 10 else depth(parent[c], hops + 1)

    def path(c):  # root first, so a sort by path lists each branch under its parent
        return (path(parent[c]) if c in parent and depth(c) < 10 else ()) + (cats[c].get("name", c),)

    members = _branch_members(data)
    by_branch = []
    for c in sorted(cats, key=path):
        ws = [works[w] for w in members.get(c, ()) if w in works]
        row = {"category": c, "name": cats[c].get("name", c), "level": cats[c].get("level"), "depth": depth(c),
               "added": not cats[c].get("in_survey", True)}
        for s in SIDES:
            row[s] = sum(1 for w in ws if _side(w) == s)
            row[f"papers_{s}"] = sum(1 for w in ws if _side(w) == s and w["label"] == "Paper")
        by_branch.append(row)

    classified = {e["source"] for e in data.edges if e["type"] == "CLASSIFIED_AS"}
    unclassified = {s: sum(1 for nid, n in works.items() if _side(n) == s and nid not in classified) for s in SIDES}
    totals = {s: sum(1 for n in works.values() if _side(n) == s) for s in SIDES}
    return {"by_year": by_year, "by_branch": by_branch, "unclassified": unclassified, "totals": totals}


def render(h: dict) -> str:
    """The report as aligned plain text."""
    lines = ["Works per year (survey | later): papers, models, data sets, methods", ""]
    head = f"{'year':>6}  " + "  ".join(f"{lab.lower() + 's':>15}" for lab in WORK_LABELS)
    lines += [head, "-" * len(head)]
    for r in h["by_year"]:
        cells = "  ".join(f"{r[f'{lab.lower()}_survey']:>7} | {r[f'{lab.lower()}_later']:<5}" for lab in WORK_LABELS)
        lines.append(f"{r['year'] if r['year'] is not None else 'none':>6}  {cells}".rstrip())
    lines += ["", "Works per taxonomy branch, at any depth (survey | later; papers among them in brackets)", ""]
    for r in h["by_branch"]:
        name = "  " * r["depth"] + r["name"] + ("  [added after the survey]" if r["added"] else "")
        lines.append(f"{name:<58} {r['survey']:>5} ({r['papers_survey']:>3}) | {r['later']:>4} ({r['papers_later']:>3})"
                     f"  {r['category']}")
    u, t = h["unclassified"], h["totals"]
    lines += ["", f"works in no category: survey {u['survey']}, later {u['later']}",
              f"all works: survey {t['survey']}, later {t['later']}"]
    return "\n".join(lines)
