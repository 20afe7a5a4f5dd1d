"""Taxonomy: the survey's alignment taxonomy (PTA and PFA) down to the papers, with counts, as a
sunburst or treemap and as an indented tree."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from graph.safe_text import html, md

from ui.views.taxonomy import sunburst_data, tree_rows
from ui.common import downloads, ensure_option, guarded, store_key, url_init, url_sync, view
from ui.graphs import details_panel
from ui.linking import clicked_point, opening_table
from ui.marks import any_marked, note, shown
from graph.seed.later_works import MARK, MARK_MEANS
from ui.views import taxonomy

st.title("Taxonomy")
st.caption("Parameter-tuning alignment (PTA) and parameter-frozen alignment (PFA), down to the papers, "
           "methods, models and data sets classified under each node. Counts are distinct items in a subtree.")
url_init("taxonomy", {"chart": "sunburst", "items": False, "open": ""})
ensure_option("taxonomy_chart", ["sunburst", "treemap"], "sunburst", setting="chart")

with guarded("Building the taxonomy"):
    tree = view(taxonomy.taxonomy_tree)
    if tree is None:
        st.warning("The taxonomy root is not in the graph yet.")
        st.stop()
    c1, c2 = st.columns([1, 1])
    chart = c1.radio("Chart", ["sunburst", "treemap"], key="taxonomy_chart", horizontal=True)
    with_items = c2.checkbox("Show the items as leaves", key="taxonomy_items")
    sb = sunburst_data(tree, with_items=with_items)
    trace = go.Sunburst if chart == "sunburst" else go.Treemap
    fig = go.Figure(trace(ids=sb["ids"], labels=[html(x) for x in sb["labels"]], parents=sb["parents"],
                          values=sb["values"], branchvalues="total", hovertext=[html(x) for x in sb["hover"]], hoverinfo="label+value+text",
                          maxdepth=4 if chart == "sunburst" else -1))
    fig.update_layout(margin=dict(t=10, l=10, r=10, b=10), height=560)
    chart_col, side = st.columns([3, 2])
    event = chart_col.plotly_chart(fig, width="stretch", config={"displaylogo": False}, on_select="rerun",
                                   selection_mode="points", key=f"taxonomy_chart_{chart}_{with_items}")
    chart_col.caption(f"{tree['count']} distinct items under the root; "
                      + ", ".join(f"{v} {k}" for k, v in tree["by_label"].items())
                      + ". Click a sector to list what is under it."
                      + (f" {MARK_MEANS}." if any(x.startswith(MARK) for x in sb["labels"]) else ""))
    rows = tree_rows(tree, with_items=with_items)
    cats = [r for r in rows if r["kind"] == "category"]
    names = {r["id"]: "  " * r["depth"] + shown(r) for r in cats}
    ensure_option("taxonomy_open", list(names), cats[1]["id"] if len(cats) > 1 else cats[0]["id"], what="category")
    clicked = clicked_point(event, "taxonomy_chart_seen")
    item = ""
    if isinstance(clicked, str) and clicked:
        last = clicked.rsplit("/", 1)[-1]
        if last in names:
            st.session_state["taxonomy_open"] = last
        else:
            item = last
    with side:
        st.subheader("Under a category")
        chosen = st.selectbox("Category", list(names), key="taxonomy_open", format_func=lambda i: names[i])
        note(any_marked(cats))
        if item:
            details_panel(item, "taxonomy")
        items = list({r["id"]: r for r in tree_rows(view(taxonomy.subtree, chosen))
                      if r["kind"] != "category"}.values()) if chosen else []
        if items:
            opening_table([{"name": r["name"], "type": r["kind"], "year": r.get("year"), "under": r.get("under", ""),
                            "id": r["id"], "after_survey": r["after_survey"]} for r in items], "taxonomy_items_table",
                          height=420)
        elif chosen:
            st.write("Nothing is classified under this category yet.")
    url_sync("taxonomy", {"chart": chart, "items": with_items, "open": chosen})

    st.subheader("Indented tree")
    lines = []
    for r in rows:
        if r["kind"] == "category":
            by = ", ".join(f"{v} {k}" for k, v in r["by_label"].items())
            lines.append("    " * r["depth"] + f"- **{md(shown(r))}** — {r['count']}" + (f" ({md(by)})" if by else ""))
        else:
            year = f" ({r['year']})" if r.get("year") else ""
            lines.append("    " * r["depth"] + f"- {md(r['kind'])}: {md(shown(r))}{year}")
    if not with_items:
        st.caption("Tick “Show the items as leaves” to list the papers in the tree too.")
    st.markdown("\n".join(lines))
    note(any_marked(rows))
    sub = view(taxonomy.category_graph, chosen) if chosen else None
    if sub is not None:
        downloads(sub, "taxonomy_export", f"taxonomy-{chosen.replace(':', '-')}", ("taxonomy", chosen),
                  title=f"The taxonomy under {names.get(chosen, chosen).strip()}")
