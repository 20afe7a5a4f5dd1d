"""Cypher: an editor (Ctrl+Enter runs it) with the schema beside it (a click inserts a name), the canned
queries, the last queries run, parameters; results as a table and as a graph, within the console's limits
(read-only, row cap, timeout). The same Cypher on every store (docs/cypher.md)."""
from __future__ import annotations

import json

import streamlit as st

from graph.safe_text import md

from graph.cypher.console import ROW_CAP, TIMEOUT_S, run_cypher
from ui.views.canned import canned_queries, title_for
from ui.views.evidence import console_graph
from ui.graphs import show_graph
from ui.common import downloads, ensure_option, get_store, guarded, store_info, url_init, url_sync

DEFAULT_QUERY = "MATCH (m:Model)-[:DERIVED_FROM]->(b:Model) RETURN m.id, m.name, b.id, b.name LIMIT 25"


RECENT = 10  # last queries kept per session


def _insert(text: str) -> None:
    """A schema name clicked beside the editor: appended to the query."""
    st.session_state["cypher_query"] = st.session_state.get("cypher_query", "") + text  # (m + :Model, n + .name


def _load_recent() -> None:
    picked = st.session_state.get("cypher_recent_pick")
    for q, p in st.session_state.get("cypher_recent", []):
        if q == picked:
            st.session_state["cypher_query"], st.session_state["cypher_params"] = q, p


def _schema_panel() -> None:
    from graph.cypher.names import schema_names

    names = schema_names()
    st.caption("Schema (click to insert)")
    for title, items, fmt in (("Labels", names["labels"], ":{}"), ("Relationship types", names["types"], "[:{}]"),
                              ("Properties", names["properties"], ".{}")):
        with st.expander(title, expanded=title != "Properties"):
            for name in items:  # submit buttons: the form hands over what was typed, then the name is added
                st.form_submit_button(fmt.format(name), key=f"cypher_ins_{title[0]}_{name}", on_click=_insert,
                                      args=(fmt.format(name),), width="stretch")


def _load_canned(queries: dict) -> None:
    q = queries.get(st.session_state.get("cypher_canned"))
    if q:
        st.session_state["cypher_query"] = q["text"]
        st.session_state["cypher_params"] = json.dumps(q["params"], ensure_ascii=False)
        st.session_state.pop("cypher_result", None)


st.title("Cypher console")
linked = bool(st.query_params.get("query")) and st.session_state.get("_current_page") != "cypher"
url_init("cypher", {"query": "", "params": "{}", "canned": ""})
if not st.session_state.get("cypher_query"):
    st.session_state["cypher_query"] = DEFAULT_QUERY
store, _, desc = store_info()
timeout_s, row_cap = TIMEOUT_S, ROW_CAP
st.caption(f"Read-only. At most {row_cap} rows are returned and a query is stopped after {timeout_s:g} s.")

with guarded("The Cypher console"):
    queries = {q["name"]: q for q in canned_queries()}
    ensure_option("cypher_canned", [""] + list(queries), "", setting="canned query")
    if queries:
        st.selectbox("Canned queries", [""] + list(queries), key="cypher_canned",
                     on_change=_load_canned, args=(queries,),
                     format_func=lambda n: "choose one…" if not n else f"{n} — {queries[n]['description'][:90]}")
    recent = st.session_state.get("cypher_recent", [])
    with st.form("cypher_form", border=False):  # in a form, Ctrl+Enter in the editor submits it
        editor, schema_col = st.columns([3, 1])
        with schema_col:
            _schema_panel()
        with editor:
            query = st.text_area("Query (Ctrl+Enter runs it)", key="cypher_query", height=200)
            params_text = st.text_area("Parameters (JSON object)", key="cypher_params", height=70)
            run = st.form_submit_button("Run", type="primary", key="cypher_run")
    url_sync("cypher", {"query": query if query != DEFAULT_QUERY else "", "params": params_text
                        if params_text.strip() not in ("", "{}") else "", "canned": st.session_state.get("cypher_canned")})
    if run or linked:  # a link with a query runs it, so the link reproduces the result
        try:
            params = json.loads(params_text or "{}")
            if not isinstance(params, dict):
                raise ValueError("parameters must be a JSON object")
        except ValueError as exc:
            st.error(f"Parameters are not a JSON object: {md(exc)}")
        else:
            kept = [(query, params_text)] + [r for r in recent if r[0] != query]
            st.session_state["cypher_recent"] = kept[:RECENT]
            try:
                result = run_cypher(get_store(), query, params, timeout_s=timeout_s, row_cap=row_cap)
            except ValueError as exc:  # refused, unknown name, unsupported form, the server's own message
                st.session_state.pop("cypher_result", None)
                st.error("The query was not run:")
                st.code(str(exc), language=None)
            else:
                st.session_state["cypher_result"] = result.to_json()
    if st.session_state.get("cypher_recent"):  # below the editor, so the query just run is already listed
        st.selectbox("Recent queries", [q for q, _ in st.session_state["cypher_recent"]], index=None,
                     key="cypher_recent_pick", on_change=_load_recent, placeholder="load one again…",
                     format_func=lambda q: " ".join(q.split())[:110])
    res = st.session_state.get("cypher_result")
    if res:
        if res["stopped"]:
            st.warning(f"Stopped at the time limit ({timeout_s:g} s); no rows.")
        if res["note"]:
            st.info(md(res["note"]))
        elapsed = f" in {res['elapsed']:.3f} s" if isinstance(res["elapsed"], (int, float)) else ""
        st.caption(f"{len(res['rows'])} rows{elapsed}" + (f" — truncated at {row_cap} rows" if res["truncated"] else ""))
        table = [dict(zip(res["columns"], [json.dumps(v, ensure_ascii=False, default=str)
                                            if isinstance(v, (dict, list)) else v for v in r]))
                 if isinstance(r, list) else r for r in res["rows"]]
        tab1, tab2 = st.tabs(["Table", "Graph"])
        with tab1:
            from ui.linking import name_first, opening_table
            from graph.seed.later_works import MARK
            from ui.views.evidence import entity_column, marked_rows

            id_col = entity_column(table)
            if id_col:  # a row opens its entity; names first, ids last; ✦ first for a later work
                ids = [c for c in (table[0] if table else {}) if c == id_col or c.endswith("id")]
                table = marked_rows(get_store(), table, id_col)
                opening_table(table, "cypher_table", id_column=id_col, name_column=MARK, flag=None,
                              column_order=name_first(table, first=(MARK,), last=tuple(ids)))
            else:
                st.dataframe(table, hide_index=True, width="stretch")
        with tab2:
            data = console_graph(get_store(), res["rows"])
            title = title_for(query, queries)
            drawn = show_graph(data, ("cypher", query, params_text, len(res["rows"])), title=title)
            downloads(data, "cypher_export", "cypher-result", ("cypher", query, params_text), title=title,
                      drawn=drawn)
