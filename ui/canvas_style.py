"""How the canvas marks what it draws (presentation only): a colour per relationship type, the post-survey mark,
each node's schema label and focus flag for the component's reading aids, and the legend of what is drawn."""
from __future__ import annotations

from graph import schema
from graph.seed.later_works import MARK as POST_SURVEY, MARK_MEANS, after_survey, marked_name

# One colour per relationship type, in schema order (readable on white, distinct from the node colours' use).
EDGE_PALETTE = ("#8c8c8c", "#4e79a7", "#b07aa1", "#59a14f", "#76b7b2", "#e15759", "#f28e2b", "#9c755f",
                "#edc948", "#ff9da7", "#499894")
EDGE_COLOURS = {t: EDGE_PALETTE[i % len(EDGE_PALETTE)] for i, t in enumerate(schema.REL_TYPES)}
post_survey = after_survey  # graph.seed.later_works decides the mark; the canvas only draws it


def decorate(payload: dict, nodes: dict, focus: list[str] | None) -> dict:
    """The component's payload with ``kind`` (schema label), ``name``, ``focus`` and the post-survey mark on
    each node, ``etype``/``tcolor``/colour on each edge, and ``legend`` (labels and edge types drawn)."""
    focus_set = set(focus or ())
    out_nodes, kinds, marked = [], [], False
    for n in payload["nodes"]:
        src = nodes.get(n["id"], {})
        kind = src.get("label", "")
        row = {**n, "kind": kind, "name": str(src.get("name") or n["id"]), "focus": n["id"] in focus_set}
        if post_survey(src):
            row["label"] = marked_name(src, n.get("label", ""))
            marked = True
        out_nodes.append(row)
        if kind not in kinds:
            kinds.append(kind)
    out_edges, etypes = [], []
    for e in payload["edges"]:
        t = e.get("label_type", "")
        colour = EDGE_COLOURS.get(t, "#9a9a9a")
        out_edges.append({**e, "etype": t, "tcolor": colour, "color": colour})
        if t not in etypes:
            etypes.append(t)
    legend = {"labels": [e for e in schema.legend() if e["label"] in kinds],
              "edges": [{"type": t, "color": EDGE_COLOURS.get(t, "#9a9a9a")} for t in schema.REL_TYPES if t in etypes],
              "survey": marked, "survey_means": MARK_MEANS}
    return {**payload, "nodes": out_nodes, "edges": out_edges, "legend": legend}
