"""Compare: two to six methods, models or data sets side by side (category, techniques, languages,
base model, data, year, links), downloadable as CSV."""
from __future__ import annotations

import streamlit as st

from graph.safe_text import md

from ui.views.compare import MAX_COMPARE, table_csv
from ui.common import ensure_option, guarded, store_key, url_init, url_sync, view
from ui.linking import open_entity
from ui.marks import any_marked, note, shown
from graph.seed.later_works import MARK
from ui.views import compare

def _add() -> None:
    """Add the entity picked in the "Add one" box to the comparison."""
    picked = st.session_state.get("compare_add")
    if picked and picked not in st.session_state.get("compare_ids", []):
        st.session_state["compare_ids"] = [*st.session_state.get("compare_ids", []), picked][:MAX_COMPARE]
    st.session_state["compare_add"] = None


st.title("Compare")
st.caption(f"Pick two to {MAX_COMPARE} methods, models or data sets.")
url_init("compare", {"ids": []}, carry="ids")

with guarded("Building the comparison"):
    cands = view(compare.compare_candidates)
    if not cands:
        st.info("No methods, models or data sets in the graph yet.")
        st.stop()
    by_id = {c["id"]: c for c in cands}
    reported = ensure_option("compare_ids", list(by_id), what="method, model or data set")
    if not st.session_state.get("compare_ids") and not reported:
        st.session_state["compare_ids"] = view(compare.telling_pair)
    label_of = lambda i: f"{shown(by_id[i])} · {by_id[i]['label']}"  # noqa: E731
    c1, c2 = st.columns([3, 2])
    # the chosen ones only: typing here never adds an unrelated fuzzy match ("select all matches")
    ids = c1.multiselect("Compared (remove with ×)", list(st.session_state["compare_ids"]), key="compare_ids",
                         max_selections=MAX_COMPARE, format_func=label_of)
    full = len(ids) >= MAX_COMPARE
    c2.selectbox("Add one (type to search)", [i for i in by_id if i not in ids], index=None, key="compare_add",
                 on_change=_add, format_func=label_of, disabled=full,
                 placeholder=f"{MAX_COMPARE} at most: remove one first" if full else "type a name…")
    url_sync("compare", {"ids": ids})
    if len(ids) < 2:
        st.info("Choose at least two.")
    else:
        table = view(compare.compare_table, tuple(ids), True)  # names marked ✦; the CSV says after_survey instead
        st.dataframe(table["rows"], hide_index=True, width="stretch", row_height=None,
                     column_order=["attribute", *table["columns"]])
        note(any_marked([by_id[i] for i in ids]) or any(MARK in str(v) for r in table["rows"] for v in r.values()))
        opens = st.columns(len(ids))
        for i, node_id in enumerate(ids):
            if opens[i].button(f"Open {md(shown(by_id[node_id]), 40)}", key=f"compare_open_{i}",
                               icon=":material/travel_explore:", width="stretch"):
                open_entity(node_id)
        st.download_button("Download CSV", table_csv(view(compare.compare_table, tuple(ids))).encode("utf-8"),
                           file_name="compare.csv",
                           mime="text/csv", key="compare_csv")
