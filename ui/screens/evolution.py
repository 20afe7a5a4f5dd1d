"""Evolution: the survey's evolution figure regenerated from the data — years across, the five branches
down, open and closed resources marked. Any model, method or data set with a year and a branch appears."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from graph.safe_text import html, md

from graph import schema
from ui.views.evolution import EVOLUTION_LABELS, evolution_layout, openness
from ui.common import ensure_option, guarded, store_key, url_init, url_sync, view
from ui.graphs import details_panel
from ui.linking import opening_table
from ui.marks import shown
from graph.seed.later_works import MARK_MEANS
from ui.timeline import until_param, year_slider
from ui.views import evolution

SYMBOL = {"open": "circle", "closed": "square-open", "unknown": "circle-open"}

st.title("Evolution")
st.caption("The survey's evolution figure, drawn from the graph: every Model, Method or Dataset with a year and "
           "a CLASSIFIED_AS edge to a branch (or a category under it). Filled = open, hollow square = closed; "
           f"{MARK_MEANS}.")
url_init("evolution", {"labels": list(EVOLUTION_LABELS), "figure": False, "until": 0})
ensure_option("evolution_labels", list(EVOLUTION_LABELS), setting="kind")

with guarded("Drawing the evolution figure"):
    c1, c2, c3 = st.columns([2, 1, 1])
    labels = c1.multiselect("Show", list(EVOLUTION_LABELS), key="evolution_labels")
    only_fig = c2.checkbox("Only items on the survey's own figure", key="evolution_figure")
    until = year_slider("evolution", c3)
    branches = view(evolution.branches)
    points = [p for p in view(evolution.evolution_points, only_fig) if p["label"] in labels
              and (until is None or p["year"] <= until)]
    if not points:
        st.info("No model, method or data set has both a year and a branch yet; they appear here as the seed "
                "data grows, with no code change.")
    else:
        lay = evolution_layout(points, [b["id"] for b in branches])
        fig = go.Figure()
        for label in labels:
            for kind in ("open", "closed", "unknown"):
                pts = [p for p in lay["points"] if p["label"] == label and openness(p["open"]) == kind]
                if not pts:
                    continue
                nt = schema.NODE_TYPES[label]
                fig.add_trace(go.Scatter(
                    x=[p["x"] for p in pts], y=[p["y"] for p in pts], mode="markers+text",
                    text=[html(p["short"]) for p in pts], textposition="middle right", textfont=dict(size=10),
                    customdata=[[p["id"], html(shown(p))] for p in pts],
                    hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra>" + f"{label}, {kind}" + "</extra>",
                    marker=dict(symbol=SYMBOL[kind], size=10, color=nt.color, line=dict(width=1.5, color=nt.color)),
                    name=f"{label} · {kind}"))
        for band in lay["bands"][:-1]:
            fig.add_hline(y=band["top"] + 0.75, line=dict(color="#dddddd", width=1))
        years = [p["year"] for p in points]
        names = {b["id"]: b["name"] for b in branches}
        fig.update_layout(
            height=160 + 19 * lay["height_rows"], margin=dict(t=20, l=10, r=10, b=10),
            legend=dict(orientation="h", y=-0.02, yanchor="top"),
            xaxis=dict(title="year", dtick=1, range=[min(years) - 0.3, max(years) + 1.0], side="top"),
            yaxis=dict(tickvals=[b["y"] for b in lay["bands"]], ticktext=[html(names[b["id"]]) for b in lay["bands"]],
                       autorange="reversed", showgrid=False, zeroline=False))
        chart_col, side = st.columns([4, 1])
        event = chart_col.plotly_chart(fig, width="stretch", on_select="rerun", selection_mode="points",
                                key="evolution_chart", config={"displaylogo": False})
        chosen = ""
        pts_sel = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
            getattr(getattr(event, "selection", None), "points", []) or []
        if pts_sel:
            chosen = pts_sel[0].get("customdata") or ""
            if isinstance(chosen, (list, tuple)):
                chosen = chosen[0] if chosen else ""
        with side:
            st.subheader("Marker")
            details_panel(chosen, "evolution")
        st.caption(f"{len(points)} placements of {len({p['id'] for p in points})} items. "
                   "Click a marker to open it in Explore.")
        with st.expander("The data behind the figure"):
            opening_table([{k: p[k] for k in ("name", "year", "branch_name", "label", "open", "evolution_figure",
                                              "id", "after_survey")} for p in points], "evolution_table")
    url_sync("evolution", {"labels": labels, "figure": only_fig, "until": until_param(until)})
