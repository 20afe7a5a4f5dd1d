"""Compare: two to six methods, models or data sets side by side (category, techniques, languages,
base model, data, year, links), downloadable as CSV."""
from __future__ import annotations

import streamlit as st

from graph.safe_text import md

from ui.views.compare import MAX_COMPARE, table_csv
from ui.common import ensure_option, guarded, store_key, url_init, url_sync, view
from ui.linking import open_entity
from ui.views import compare

st.title("Compare")
st.caption(f"Pick two to {MAX_COMPARE} methods, models or data sets.")
url_init("compare", {"ids": []})

with guarded("Building the comparison"):
    cands = view(compare.compare_candidates)
    if not cands:
        st.info("No methods, models or data sets in the graph yet.")
        st.stop()
    by_id = {c["id"]: c for c in cands}
    ensure_option("compare_ids", list(by_id))
    if not st.session_state.get("compare_ids"):
        st.session_state["compare_ids"] = [c["id"] for c in cands[:2]]
    ids = st.multiselect("Entities", list(by_id), key="compare_ids", max_selections=MAX_COMPARE,
                         format_func=lambda i: f"{by_id[i]['name']} · {by_id[i]['label']}")
    url_sync("compare", {"ids": ids})
    if len(ids) < 2:
        st.info("Choose at least two.")
    else:
        table = view(compare.compare_table, tuple(ids))
        st.dataframe(table["rows"], hide_index=True, width="stretch", row_height=None,
                     column_order=["attribute", *table["columns"]])
        opens = st.columns(len(ids))
        for i, node_id in enumerate(ids):
            if opens[i].button(f"Open {md(by_id[node_id]['name'], 40)}", key=f"compare_open_{i}",
                               icon=":material/travel_explore:", width="stretch"):
                open_entity(node_id)
        st.download_button("Download CSV", table_csv(table).encode("utf-8"), file_name="compare.csv",
                           mime="text/csv", key="compare_csv")
