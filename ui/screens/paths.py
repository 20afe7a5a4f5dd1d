"""Paths: how two entities are connected: the shortest paths (up to N hops, optionally only some
relationship types) between a FROM and a TO, as a list and in the graph."""
from __future__ import annotations

import streamlit as st

from graph.safe_text import md

from graph import schema
from ui.graphs import show_graph
from ui.common import clamp, downloads, ensure_option, guarded, url_init, url_sync, view
from ui.linking import opening_table
from ui.marks import any_marked, note, shown
from ui.views import paths

st.title("Paths")
st.caption("How is one thing connected to another? The shortest paths between two entities, following "
           "relationships in either direction, none visited twice.")
url_init("paths", {"from": "", "to": "", "hops": 4, "types": [], "k": 3, "pick": 0}, carry="from")
clamp("paths_hops", 1, 6, 4, what="the number of hops")
clamp("paths_k", 1, 20, 3, what="the number of paths")
ensure_option("paths_types", list(schema.REL_TYPES), setting="relationship type")

with guarded("Finding the paths"):
    choices = view(paths.entity_choices)
    ids = [c["id"] for c in choices]
    by_id = {c["id"]: c for c in choices}
    ensure_option("paths_from", [""] + ids, "", what="entity")
    ensure_option("paths_to", [""] + ids, "", what="entity")

    def fmt(i: str) -> str:
        return "choose…" if not i else f"{shown(by_id[i], cut=70)} · {by_id[i]['label']}"

    c1, c2 = st.columns(2)
    source = c1.selectbox("From", [""] + ids, key="paths_from", format_func=fmt)
    target = c2.selectbox("To", [""] + ids, key="paths_to", format_func=fmt)
    c3, c4, c5 = st.columns([1, 3, 1])
    hops = c3.slider("Max hops", 1, 6, key="paths_hops")
    types = c4.multiselect("Only these relationship types (empty = all)", list(schema.REL_TYPES), key="paths_types")
    k = c5.number_input("Paths", 1, 20, key="paths_k")
    note(any_marked([by_id[i] for i in (source, target) if i]))
    url_sync("paths", {"from": source, "to": target, "hops": hops, "types": types, "k": k,
                       "pick": st.session_state.get("paths_pick") or 0})
    if not source or not target:
        st.info("Choose two entities, e.g. a model and a language.")
    elif source == target:
        st.info("From and To are the same entity: choose two different ones.")
    else:
        result = view(paths.path_view, source, target, int(hops), tuple(types) or None, int(k))
        if result["note"]:
            st.caption(md(result["note"]))
        if not result["rows"]:
            st.warning(f"No path of at most {hops} hops between {md(fmt(source))} and {md(fmt(target))}"
                       + (" with these relationship types." if types else ". Allow more hops."))
        else:
            st.subheader(f"Paths ({len(result['rows'])})")
            labels = {r["path"]: f"{r['path']}. ({r['hops']} hop{'s' if r['hops'] > 1 else ''}) {md(r['through'])}"
                      for r in result["rows"]}
            ensure_option("paths_pick", [0, *labels], 0)
            pick = st.radio("Choose a path to light it up in the graph", [0, *labels], key="paths_pick",
                            format_func=lambda i: labels.get(i, "all paths"))
            note(any_marked(result["nodes"]))
            lit = next((r["ids"].split(" → ") for r in result["rows"] if r["path"] == pick), [])
            st.subheader("In the graph")
            title = f"How {by_id[source]['name']} is connected to {by_id[target]['name']}"
            drawn = show_graph(result["graph"], ("paths", source, target, hops, tuple(types), k),
                               focus=[source, target], kind="layered", height=460, highlight=lit, title=title)
            with st.expander("Everything on these paths"):
                opening_table(result["nodes"], "paths_nodes")
            downloads(result["graph"], "paths_export", f"paths-{source}-{target}".replace(":", "-"),
                      ("paths", source, target, hops, tuple(types), k), drawn=drawn,
                      title=title)
