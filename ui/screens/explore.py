"""Explore: fuzzy search, then an entity's page (properties, provenance links, relations) with its
neighbourhood graph (depth and label filters) and its neighbours to move on to."""
from __future__ import annotations

import streamlit as st

from graph.safe_text import html, md, md_link

from graph import schema
from graph.store.base import NODE_LIMIT
from ui.views.finder import find
from ui.graphs import show_graph
from ui.common import (MAX_VIEW_NODES, clamp, downloads, ensure_option, get_store, guarded, in_hand, label_badge,
                       report_unknown, store_key, url_init, url_sync, view)
from ui.linking import onward, opening_table
from ui.marks import any_marked, note, shown
from graph.seed.later_works import MARK_MEANS, later_mark
from ui.timeline import until_param, year_slider
from ui.views import entity, paths


def _open(node_id: str) -> None:
    st.session_state["explore_id"] = node_id


def _pick() -> None:
    """Open what was picked in the find-by-name box, and empty the box."""
    if st.session_state.get("explore_pick"):
        st.session_state["explore_id"] = st.session_state["explore_pick"]
    st.session_state["explore_pick"] = None


def _open_from(key: str) -> None:
    value = st.session_state.get(key)
    if value:
        st.session_state["explore_id"] = value
        st.session_state[key] = ""


st.title("Explore")
url_init("explore", {"id": "", "q": "", "label": "", "depth": 1, "labels": [], "limit": NODE_LIMIT,
                     "until": 0}, carry="id")
ensure_option("explore_label", ["", *schema.LABELS], "", setting="search filter")
ensure_option("explore_labels", list(schema.LABELS), setting="kind")
clamp("explore_depth", 1, 3, 1, what="depth")
clamp("explore_limit", 10, MAX_VIEW_NODES, NODE_LIMIT, what="the node limit")

choices = view(paths.entity_choices)
named = {c["id"]: f"{shown(c, cut=80)} · {c['label']}" for c in choices}
st.selectbox("Find by name (filters as you type)", list(named), index=None, key="explore_pick",
             on_change=_pick, format_func=named.get,
             placeholder="type a name: BLOOMZ, Swahili, code-switching…")
c1, c2 = st.columns([3, 1])
query = c1.text_input("Or search names, aliases and ids, typos forgiven (Enter)", key="explore_q",
                      placeholder="e.g. bloomz, code switching, PFA, Swahili")
label = c2.selectbox("Type", ["", *schema.LABELS], key="explore_label",
                     format_func=lambda v: v or "any type")
if query.strip():
    with guarded("Search"):
        hits = find(get_store(), query, label=label or None, limit=12)
        if not hits:
            st.write("No match. Try a shorter name or an alias.")
        else:
            cols = st.columns(4)
            for i, h in enumerate(hits):
                cols[i % 4].button(f"{md(shown(h), 48)} · {md(h['label'])}", key=f"explore_hit_{i}",
                                   on_click=_open, args=(h["id"],), width="stretch",
                                   help=MARK_MEANS if any_marked([h]) else None,
                                   type="primary" if h["id"] == st.session_state.get("explore_id") else "secondary")
            note(any_marked(hits))

node_id = st.session_state.get("explore_id") or ""
until = None
if not node_id:
    st.info("Search for an entity above, or start from one of these.")
    starts = view(entity.start_points)
    cols = st.columns(3)
    for i, start in enumerate(starts):
        cols[i % 3].button(f"{md(shown(start), 60)} · {start['label']}", key=f"explore_start_{i}", on_click=_open,
                           args=(start["id"],), width="stretch", help=start["why"])
    note(any_marked(starts))
else:
    with guarded("Loading the entity"):
        page = view(entity.entity_page, node_id)
        if page is None:
            report_unknown("entity", [node_id])
        else:
            node = page["node"]
            in_hand(node_id)
            mark = f"<span class='atlas-later' title='{html(MARK_MEANS)}'>{html(later_mark(page))}</span>" \
                if page["after_survey"] else ""
            st.html(f"<h2 style='margin-bottom:0'>{mark}{html(node.get('name', node_id))} {label_badge(page['label'])}"
                    f"</h2><code>{html(node_id)}</code>")
            note(page["after_survey"])
            if page["description"]:
                st.markdown(md(page["description"]))
            onward(node_id)
            left, right = st.columns([1, 1])
            with left:
                st.subheader("Properties")
                st.dataframe(page["properties"] or [{"property": "—", "value": "no other properties"}],
                             hide_index=True, width="stretch")
            with right:
                st.subheader("Links and provenance")
                if page["links"]:
                    st.markdown("\n".join(f"- {md(lk['kind'])}: {md_link(lk['text'], lk['url'])}" for lk in page["links"]))
                else:
                    st.write("No links recorded.")
            with st.expander(f"Relationships ({len(page['relations'])})", expanded=False):
                opening_table(page["relations"], "explore_relations", id_column="other", name_column="other_name",
                              column_order=["direction", "type", "other_name", "other_label", "provenance", "other"])

            st.subheader("Neighbourhood")
            g1, g2, g3, g4 = st.columns([1, 3, 1, 2])
            depth = g1.slider("Depth", 1, 3, key="explore_depth")
            labels = g2.multiselect("Only these types (empty = all)", list(schema.LABELS), key="explore_labels")
            limit = g3.number_input("Node limit", 10, MAX_VIEW_NODES, key="explore_limit", step=50)
            until = year_slider("explore", g4)
            data = view(entity.neighbourhood, node_id, int(depth), tuple(labels), int(limit))
            title = f"{node.get('name', node_id)}: its neighbourhood"
            drawn = show_graph(data, ("explore", node_id, depth, tuple(labels)), focus=[node_id], kind="radial",
                               limit=int(limit), year=until, title=title)
            similar = view(paths.similar_rows, node_id, 10)
            if similar:
                st.subheader("More like this")
                st.caption("The most similar entities by the neighbours they share (weighted by relationship type).")
                opening_table(similar, "explore_similar", column_order=["name", "score", "shared", "label", "id"])
            if page["neighbours"]:
                ensure_option("explore_nb", [""] + [n["id"] for n in page["neighbours"]], "")
                st.selectbox("Move on to a neighbour", [""] + [n["id"] for n in page["neighbours"]],
                             key="explore_nb", on_change=_open_from, args=("explore_nb",),
                             format_func=lambda i: "choose…" if not i else next(
                                 f"{shown(n, cut=70)} ({n['label']})" for n in page["neighbours"] if n["id"] == i))
                note(any_marked(page["neighbours"]))
            downloads(data, "explore_export", node_id.replace(":", "-"), ("explore", node_id, depth, tuple(labels),
                                                                          int(limit)), focus=[node_id],
                      title=title, drawn=drawn)

url_sync("explore", {"id": node_id, "q": query, "label": label,
                     "depth": st.session_state.get("explore_depth"),
                     "labels": st.session_state.get("explore_labels") or [],
                     "limit": st.session_state.get("explore_limit"),
                     "until": until_param(until) if node_id else ""})
