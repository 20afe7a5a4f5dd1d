"""Coverage: technique (or taxonomy category) by language resource class (or by language) as a heatmap;
empty cells are research gaps, listed; choosing a cell lists its papers, methods, models and data sets."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from graph.safe_text import html, md

from graph import schema
from graph.seed.later_works import MARK_MEANS
from ui.common import ensure_option, guarded, store_key, url_init, url_sync, view
from ui.linking import clicked_point, opening_table
from ui.marks import any_marked, note, shown
from ui.views import coverage

ROWS = {"technique": "Technique", "category": "Taxonomy category"}
COLS = {"class": "Resource class (Joshi et al. 2020)", "language": "Language"}
ALL_CLASSES = sorted(schema.RESOURCE_CLASS_NAMES)
# Column labels stand upright (rotated labels' boxes cross) and at most this many are written: one per ~16 px
# of the narrowest plot the page keeps readable (an 800 px window); hovering a cell names its column anyway.
X_LABELS = 28

st.title("Coverage and research gaps")
st.caption(f"Which techniques reach which languages. Resource classes: {schema.RESOURCE_CLASS_SOURCE}; "
           f"classes 0–{schema.LOW_RESOURCE_MAX_CLASS} count as low-resource. An empty cell is a gap.")
url_init("coverage", {"rows": "technique", "cols": "class", "roles": [], "classes": ALL_CLASSES[:],
                      "row": "", "col": ""})
ensure_option("coverage_rows", list(ROWS), "technique", setting="rows")
ensure_option("coverage_cols", list(COLS), "class", setting="columns")
ensure_option("coverage_roles", list(schema.LANGUAGE_ROLES), setting="language role")
if isinstance(st.session_state.get("coverage_classes"), list):
    st.session_state["coverage_classes"] = [int(c) for c in st.session_state["coverage_classes"]
                                            if str(c).isdigit() and int(c) in ALL_CLASSES]

with guarded("Computing the coverage matrix"):
    c1, c2, c3, c4 = st.columns(4)
    rows = c1.radio("Rows", list(ROWS), key="coverage_rows", format_func=ROWS.get)
    cols = c2.radio("Columns", list(COLS), key="coverage_cols", format_func=COLS.get)
    roles = c3.multiselect("Language roles (empty = any)", list(schema.LANGUAGE_ROLES), key="coverage_roles")
    classes = c4.multiselect("Resource classes", ALL_CLASSES, key="coverage_classes",
                             format_func=lambda c: f"{c} · {schema.RESOURCE_CLASS_NAMES[c]}")
    m = view(coverage.coverage, rows, cols, tuple(roles) or None,
             tuple(classes) if classes and len(classes) < len(ALL_CLASSES) else None)
    if not m["rows"] or not m["cols"]:
        st.info("Nothing to tabulate yet: no techniques/categories or no languages in the selection.")
        st.stop()
    z = m["counts"]
    total = sum(map(sum, z))
    xs = [html(shown(c).replace(" · The ", " · ")) for c in m["cols"]]  # ✦ in front of a later work
    ys = [html(shown(r)) for r in m["rows"]]
    fig = go.Figure(go.Heatmap(
        z=z, x=xs, y=ys, colorscale=[[0, "#f7f7f7"], [1e-9, "#deebf7"], [1, "#08519c"]],
        text=[[str(v) if v else "gap" for v in r] for r in z], texttemplate="%{text}" if len(xs) <= 20 else None,
        hoverinfo="skip", xgap=1, ygap=1, colorbar=dict(title="items")))
    # a click lands on a point, not on a heatmap cell (Streamlit selects points): one invisible square per cell
    cells = [(i, j) for i in range(len(ys)) for j in range(len(xs))]
    fig.add_trace(go.Scatter(
        x=[xs[j] for _, j in cells], y=[ys[i] for i, _ in cells], mode="markers", showlegend=False,
        marker=dict(symbol="square", size=24, opacity=0),
        customdata=[f"{m['rows'][i]['id']}|{m['cols'][j]['id']}" for i, j in cells],
        text=[str(z[i][j]) for i, j in cells], hovertemplate="%{y} × %{x}: %{text} items<extra></extra>"))
    fig.update_layout(height=max(320, 26 * len(ys) + 160), margin=dict(t=10, l=10, r=10, b=10),
                      xaxis=dict(side="top", tickangle=-90 if len(xs) > 4 else 0, automargin=True,
                                 tickfont=dict(size=11), nticks=X_LABELS), yaxis=dict(autorange="reversed"))
    chart_col, cell_col = st.columns([3, 2]) if len(xs) <= 12 else (st.container(), st.container())
    event = chart_col.plotly_chart(fig, width="stretch", config={"displaylogo": False}, on_select="rerun",
                                   selection_mode="points", key=f"coverage_chart_{rows}_{cols}")
    chart_col.caption(f"{len(ys)} × {len(xs)} cells, {m['empty_cells']} empty (gaps); {total} item placements. "
                      "Click a cell to list what it holds."
                      + (f" {MARK_MEANS}." if any_marked(m["rows"]) or any_marked(m["cols"]) else ""))
    if total == 0:
        st.info("No item records both a technique/category and a language yet, so every cell is a gap for now.")

    row_ids = [r["id"] for r in m["rows"]]
    col_ids = [c["id"] for c in m["cols"]]
    busiest = max(((i, j) for i in range(len(row_ids)) for j in range(len(col_ids))), key=lambda ij: z[ij[0]][ij[1]])
    ensure_option("coverage_row", row_ids, row_ids[busiest[0]], what=ROWS[rows].lower())
    ensure_option("coverage_col", col_ids, col_ids[busiest[1]], what=COLS[cols].split(" (")[0].lower())
    clicked = clicked_point(event, "coverage_chart_seen")
    if isinstance(clicked, str) and "|" in clicked:
        r_id, c_id = clicked.split("|", 1)
        if r_id in row_ids and c_id in col_ids:
            st.session_state["coverage_row"], st.session_state["coverage_col"] = r_id, c_id
    cell_col.subheader("A cell")
    s1, s2 = cell_col.columns(2)
    rname = {r["id"]: shown(r) for r in m["rows"]}
    cname = {c["id"]: shown(c) for c in m["cols"]}
    row_id = s1.selectbox("Row", row_ids, key="coverage_row", format_func=rname.get)
    col_id = s2.selectbox("Column", col_ids, key="coverage_col", format_func=cname.get)
    items = m["cells"].get(f"{row_id}|{col_id}", [])
    with cell_col:
        if not row_id or not col_id:
            st.caption("Choose a row and a column, or click a cell.")
        elif items:
            st.caption(f"{len(items)} items use {md(rname[row_id])} on {md(cname[col_id])}")
            opening_table(items, "coverage_items", column_order=["name", "label", "year", "id"])
        else:
            st.warning(f"Gap: nothing in the graph uses **{md(rname[row_id])}** on **{md(cname[col_id])}**.")

    st.subheader(f"Research gaps ({m['empty_cells']} empty cells)")
    if m["gaps"]:
        st.dataframe([{"row": shown(g, "row_name"), "missing": len(g["missing"]),
                       "no work yet on": ", ".join(g["missing"])} for g in m["gaps"]], hide_index=True, width="stretch")
        note(any_marked(m["rows"]) or any_marked(m["cols"]))
    else:
        st.success("No empty cells in this selection.")
    url_sync("coverage", {"rows": rows, "cols": cols, "roles": roles, "classes": [str(c) for c in classes],
                          "row": row_id, "col": col_id})
