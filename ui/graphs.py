"""The interactive graph every page shows: the two-way graph component (ui.components.graph_view) beside a
panel with the clicked node's details, the clicked node's id in the URL (``sel``), and an export of the
nodes selected together. What it draws comes from graph.draw.exploration.describe_view through the store."""
from __future__ import annotations

import hashlib
from functools import partial

import streamlit as st

from graph.safe_text import html, md, md_link

from graph.schema.model import GraphData
from graph.store.base import NODE_LIMIT
from ui.common import MAX_VIEW_NODES, downloads, get_store, label_badge, store_key, view
from graph.seed.later_works import MARK_MEANS, later_mark
from ui.canvas_style import decorate
from ui.components import graph_view
from ui.linking import open_entity
from ui.views import entity

BIG = 500  # from this many nodes on, edges hide while dragging and hover titles are off


@st.cache_data(show_spinner=False, max_entries=64)
def _drawing(cache_key: tuple, _data: GraphData, focus: tuple, kind: str, expanded: tuple, year) -> dict:
    """What the component draws for one view and exploration state: describe_view's layout, decorated (names,
    kinds, colours, legend), hover titles dropped on a large view. Computed once per (view, expanded, year),
    across reruns and sessions; ``cache_key`` names the view (``_data`` is not hashed)."""
    from graph.draw.exploration import describe_view

    store = get_store()
    payload = describe_view(store, _data, expanded=list(expanded), focus=list(focus) or None, kind=kind, year=year)
    missing = [n["id"] for n in payload["nodes"] if n["id"] not in _data.nodes]  # what an expansion added
    nodes = {**_data.nodes, **(store.subgraph(missing).nodes if missing else {})}
    payload = decorate(payload, nodes, list(focus))
    big = len(payload["nodes"]) >= BIG
    if big:  # no hover titles on a large view (hover is off there): a third of the bytes to send
        payload = {**payload, "nodes": [{k: v for k, v in n.items() if k != "title"} for n in payload["nodes"]],
                   "edges": [{k: v for k, v in e.items() if k != "title"} for e in payload["edges"]]}
    return {**payload, "big": big}


def show_graph(data: GraphData, cache_key: tuple, focus: list[str] | None = None, kind: str = "auto",
               height: int = 600, limit: int = NODE_LIMIT, year: int | None = None, panel: bool = True,
               highlight: list[str] | None = None, title: str | None = None) -> dict:
    """Draw ``data`` (trimmed past ``limit`` with a note) in the graph component, with the details panel.
    ``highlight``: ids lit up (the rest dimmed), e.g. one path of several. ``title``: the view's human name (an
    export of the nodes selected together is titled with it).
    Returns the widget's view: ``selected``, ``expanded``, ``chosen``, ``hidden``, and for an export, as
    functions called only when one is asked for, ``canvas`` (the data the canvas shows) and ``positions``
    (where it shows each node, for the exports that keep them)."""
    from graph.draw.subgraph import trim

    page = str(cache_key[0]) if cache_key else "graph"
    if not data.nodes:
        st.info("Nothing to draw: the view is empty.")
        return {}
    limit = max(1, min(limit, MAX_VIEW_NODES))
    shown = trim(data, limit, focus)
    if shown.note:
        st.warning(f"Large view: {md(shown.note)}.")
    key = f"graph_{page}"
    full_key = (store_key(), limit, year) + tuple(cache_key)
    base = hashlib.sha1(repr(full_key).encode()).hexdigest()[:16]
    before = graph_view.current_view(key)
    if before.get("base") != base:
        before = {}
    seen = st.session_state.get("_graph_page_seen") or ("", "")
    same_view = tuple(seen) == (page, base)
    url_sel = st.query_params.get("sel") if seen[0] != page else None  # a link's selection, read on arrival
    kept_sel = st.session_state.get(f"_{page}_sel", "") if same_view else ""
    st.session_state["_graph_page_seen"] = (page, base)
    expanded = tuple(before.get("expanded") or ())
    payload = _drawing(full_key, shown, tuple(focus or ()), kind, expanded, year)
    shown_ids = {n["id"] for n in payload["nodes"]}
    selected = before.get("selected") or kept_sel or (url_sel if url_sel in shown_ids else "")
    if url_sel and url_sel not in shown_ids:
        st.session_state[f"_{page}_badsel"] = (base, url_sel)
    bad = st.session_state.get(f"_{page}_badsel")
    if bad and bad[0] == base and not selected:  # said until the reader selects something or the view changes
        url_sel = bad[1]
        st.warning(f"The link selects “{md(url_sel, 200)}”, which is not drawn in this view; nothing is "
                   "selected in its place.")
    data_out = {"base": base, "nodes": payload["nodes"], "edges": payload["edges"], "options": payload["options"],
                "selected": selected, "expanded": payload["expanded"], "height": height, "big": payload["big"],
                "legend": payload["legend"], "highlight": list(highlight or []),
                "restore": _restore(before, shown_ids)}
    if panel:
        left, right = st.columns([3, 1])
    else:
        left, right = st.container(), None
    with left:
        state = graph_view.mount(data_out, key)
    if state.get("base") == base:
        selected = state.get("selected") or selected
    st.session_state[f"_{page}_sel"] = selected
    if selected:
        st.query_params["sel"] = selected
    elif "sel" in st.query_params:
        del st.query_params["sel"]
    if right is not None:
        with right:
            details_panel(selected, page)
    mine = state if state.get("base") == base else {}
    positions = partial(canvas_positions, payload["nodes"], mine.get("positions"))  # for an export, when asked
    chosen = [c for c in (mine.get("chosen") or []) if isinstance(c, str)]
    if len(chosen) > 1:
        sub = view(_subgraph, tuple(sorted(chosen)))
        st.caption(f"{len(sub.nodes)} nodes selected together: export just those.")
        downloads(sub, f"{page}_chosen", f"{page}-selection", (page, "chosen", tuple(sorted(chosen))),
                  positions=positions, title=f"{title or 'The graph'}: {len(sub.nodes)} nodes selected")
    hidden = tuple(sorted(h for h in (mine.get("hidden") or []) if isinstance(h, str)))
    return {"selected": selected, "expanded": list(payload["expanded"]), "chosen": chosen, "hidden": list(hidden),
            "canvas": partial(canvas_data, shown, tuple(payload["expanded"]), hidden, year, focus),
            "state": (tuple(payload["expanded"]), hidden), "positions": positions, "nodes": len(payload["nodes"])}


def _restore(before: dict, ids: set) -> dict:
    """What the reader had done to this view (nodes hidden, nodes moved) for a canvas drawn afresh (the view left
    and come back to), so that it shows what the exports of it draw."""
    from graph.draw.placed import clean_positions

    hidden = [h for h in before.get("hidden") or [] if isinstance(h, str) and h in ids]
    moved = clean_positions(before.get("positions"), ids)
    return {"hidden": hidden, "positions": {k: [round(x), round(y)] for k, (x, y) in moved.items()}}


def canvas_positions(nodes: list[dict], reported) -> dict[str, tuple[float, float]]:
    """Where the canvas shows each node: where it was drawn (the payload's x, y), or where the reader moved it
    (the widget's report, checked by graph.draw.placed: finite numbers for nodes drawn, the rest ignored)."""
    from graph.draw.placed import clean_positions

    drawn = clean_positions({n["id"]: (n.get("x"), n.get("y")) for n in nodes})
    return {**drawn, **clean_positions(reported, drawn.keys())}


def canvas_data(shown: GraphData, expanded: tuple, hidden: tuple, year, focus) -> GraphData:
    """What the canvas shows: the view with the expanded nodes' neighbours in and the hidden nodes out (the
    data an export of "the canvas as it is" writes)."""
    if not expanded and not hidden and year is None:
        return shown
    from graph.draw.exploration import expand, until_year

    data = until_year(expand(get_store(), until_year(shown, year, keep=tuple(focus or ())), list(expanded)), year,
                      keep=tuple(focus or ()))
    if not hidden:
        return data
    gone = set(hidden)
    nodes = {k: v for k, v in data.nodes.items() if k not in gone}
    return GraphData(nodes, [e for e in data.edges if e["source"] in nodes and e["target"] in nodes], data.note)


def _subgraph(store, ids: tuple) -> GraphData:
    return store.subgraph(list(ids))


def details_panel(node_id: str, page: str) -> None:
    """The clicked node: name, type, id, description, properties and links, and a way to open it."""
    if not node_id:
        st.caption("Click a node to see its details here; double-click to expand it.")
        return
    p = view(entity.entity_page, node_id)
    if p is None:
        st.caption(f"{md(node_id, 200)} is not in the graph.")
        return
    node = p["node"]
    mark = f"<span title='{html(MARK_MEANS)}'>{html(later_mark(p))}</span>" if p["after_survey"] else ""
    st.html(f"<div class='atlas-panel'><b style='font-size:16px'>{mark}{html(node.get('name', node_id))}</b> "
            f"{label_badge(p['label'])}<br><code>{html(node_id)}</code></div>")
    if p["after_survey"]:
        st.caption(MARK_MEANS)
    if p["description"]:
        st.caption(md(p["description"], 400))
    for row in p["properties"][:8]:
        st.markdown(f"**{md(row['property'])}**: {md(row['value'], 120)}")
    if p["links"]:
        st.markdown("\n".join(f"- {md_link(lk['text'], lk['url'], 40)}" for lk in p["links"][:4]))
    st.caption(f"{len(p['relations'])} relationships, {len(p['neighbours'])} neighbours")
    if st.button("Open in Explore", key=f"{page}_panel_open", icon=":material/travel_explore:"):
        open_entity(node_id)

