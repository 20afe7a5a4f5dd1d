"""Lineage: a model's or data set's family tree over DERIVED_FROM (ancestors and descendants), with the
methods applied to each member."""
from __future__ import annotations

import streamlit as st

from ui.graphs import show_graph
from ui.common import downloads, ensure_option, guarded, in_hand, store_key, url_init, url_sync, view
from ui.linking import opening_table
from ui.marks import any_marked, note, shown
from ui.timeline import until_param, year_slider
from ui.views import lineage

def best_family(candidates: list[dict]) -> str:
    """The default: the model with the most recorded DERIVED_FROM links (a family with many descendants)."""
    models = [c for c in candidates if c["label"] == "Model"] or candidates
    return max(models, key=lambda c: (c["family"], -len(c["name"])))["id"]


st.title("Lineage")
st.caption("What a model or data set is built on, and what is built on it (DERIVED_FROM), with the methods "
           "applied to each member (APPLIED_TO).")
url_init("lineage", {"id": "", "until": 0}, carry="id")
with guarded("Loading the lineage"):
    candidates = view(lineage.lineage_candidates)
    if not candidates:
        st.info("No models, data sets or methods in the graph yet.")
        st.stop()
    by_id = {c["id"]: c for c in candidates}
    ids = [c["id"] for c in candidates]
    with_family = [c for c in candidates if c["family"]]
    ensure_option("lineage_id", ids, best_family(candidates), what="model, data set or method")
    node_id = st.selectbox(
        f"Model, data set or method ({len(with_family)} of {len(candidates)} have a recorded family)", ids,
        key="lineage_id",
        format_func=lambda i: f"{shown(by_id[i])} · {by_id[i]['label']}"
        + (f" · {by_id[i]['family']} direct link(s)" if by_id[i]["family"] else " · no family recorded"))
    note(any_marked(candidates))
    if not node_id:
        url_sync("lineage", {"id": ""})
        st.stop()
    if node_id != best_family(candidates):  # the default family is not the reader's choice: keep theirs
        in_hand(node_id)
    until = year_slider("lineage")
    url_sync("lineage", {"id": node_id, "until": until_param(until)})
    lin = view(lineage.lineage_view, node_id)
    members = lineage.members_until(lin["members"], node_id, until)
    anc = sum(m["relation"] == "ancestor" for m in members)
    desc = sum(m["relation"] == "descendant" for m in members)
    m1, m2, m3 = st.columns(3)
    m1.metric("Ancestors", anc)
    m2.metric("Descendants", desc)
    m3.metric("Methods applied", len(lin["methods"]))
    if len(members) <= 1:
        st.info("No DERIVED_FROM links recorded for this entity yet; its family is just itself.")
    st.subheader("Family (oldest generation first)")
    opening_table(members, "lineage_members",
                  column_order=["name", "generation", "relation", "label", "year", "derived_from", "methods", "id"])
    if lin["methods"]:
        st.subheader("Methods applied to members")
        opening_table(lin["methods"], "lineage_methods")
    st.subheader("Family tree")
    title = f"Lineage of {by_id[node_id]['name']}"
    drawn = show_graph(lin["graph"], ("lineage", node_id), focus=[node_id], kind="generations", height=520,
                       year=until, title=title)
    st.page_link("screens/explore.py", label="Open in Explore", icon=":material/travel_explore:",
                 query_params={"id": node_id})
    downloads(lin["graph"], "lineage_export", f"lineage-{node_id.replace(':', '-')}", ("lineage", node_id),
              focus=[node_id], title=title, drawn=drawn)
