"""Every list opens what it lists: a table whose row, once clicked, opens that entity on Explore (names first,
ids second), and the one way of opening an entity from any page."""
from __future__ import annotations

import hashlib

import streamlit as st

EXPLORE = "screens/explore.py"


def open_entity(node_id: str) -> None:
    """Show ``node_id`` on Explore: in place when Explore is the page running, else by switching to it."""
    if not node_id:
        return
    if st.session_state.get("_current_page") == "explore":
        st.session_state["explore_id"] = node_id
        st.rerun()
    st.switch_page(EXPLORE, query_params={"page": "explore", "id": node_id})


def name_first(rows: list[dict], first: tuple[str, ...] = ("name",), last: tuple[str, ...] = ("id",)) -> list[str]:
    """A column order with the names first and the ids last (columns absent from the rows left out)."""
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    head = [c for c in first if c in cols]
    tail = [c for c in last if c in cols and c not in head]
    return head + [c for c in cols if c not in head and c not in tail] + tail


def picked_rows(event) -> list[int]:
    """The row indices a dataframe selection points at: a selected row, or the row of a clicked cell."""
    sel = getattr(event, "selection", None)
    rows = list(getattr(sel, "rows", []) or [])
    for cell in getattr(sel, "cells", []) or []:
        if isinstance(cell, (list, tuple)) and cell and isinstance(cell[0], int):
            rows.append(cell[0])
    return rows


def clicked_point(event, seen_key: str):
    """The ``customdata`` (or sector ``id``) of the point just clicked on a plotly chart, once per click:
    None when nothing new was clicked (a selection outlives its rerun, so it is remembered under ``seen_key``)."""
    sel = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", None) or {}
    points = sel.get("points", []) if isinstance(sel, dict) else getattr(sel, "points", []) or []
    if not points:
        st.session_state.pop(seen_key, None)
        return None
    point = points[0]
    value = point.get("customdata")
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        value = point.get("id")
    if st.session_state.get(seen_key) == value:
        return None
    st.session_state[seen_key] = value
    return value


def opening_table(rows: list[dict], key: str, id_column: str = "id", column_order: list[str] | None = None,
                  name_column: str = "name", flag: str | None = "after_survey", **kwargs) -> None:
    """``st.dataframe`` of ``rows`` where selecting a row opens its ``id_column`` on Explore; a row that is a
    work added after the survey (its ``flag`` field, after_survey) shows the mark in its ``name_column``;
    ``flag`` None: the rows are shown as they are (a Cypher result)."""
    if not rows:
        return
    from graph.seed.later_works import MARK_MEANS
    from ui.marks import table

    data = rows
    rows, marked = table(rows, name_column, flag)
    order = [c for c in (column_order or name_first(rows)) if flag is None or c != flag]
    if marked:
        config = dict(kwargs.pop("column_config", None) or {})
        config.setdefault(name_column, st.column_config.TextColumn(help=MARK_MEANS))
        kwargs["column_config"] = config
    # keyed by what it lists too: another list under the same key starts with nothing selected
    digest = hashlib.sha1("|".join(str(r.get(id_column)) for r in rows).encode()).hexdigest()[:10]
    key = f"{key}_{digest}"
    event = st.dataframe(rows, hide_index=True, width="stretch", column_order=order, on_select="rerun",
                         selection_mode=["single-row", "single-cell"], key=key, **kwargs)
    st.caption("Click a name (or any cell of its row) to open it on Explore."
               + (f" {MARK_MEANS}." if marked else ""))
    picked = picked_rows(event)
    seen_key = f"_{key}_opened"
    if not picked:
        st.session_state.pop(seen_key, None)
        return
    row = data[picked[0]] if picked[0] < len(data) else {}
    target = str(row.get(id_column) or "")
    if st.session_state.get(seen_key) == target:  # already opened; the selection outlives the click
        return
    st.session_state[seen_key] = target
    open_entity(target)


def onward(node_id: str) -> None:
    """A row of buttons that take the entity in hand to the other pages (Lineage, Paths, Compare, Cypher)."""
    import json

    query = "MATCH (n {id: $id})-[r]-(m) RETURN type(r) AS rel, m.name AS name, m.id AS id LIMIT 50"
    targets = [("Lineage of this", "lineage", ":material/account_tree:", {"id": node_id}),
               ("Paths from this", "paths", ":material/route:", {"from": node_id}),
               ("Compare with…", "compare", ":material/compare_arrows:", {"ids": node_id}),
               ("In Cypher", "cypher", ":material/terminal:", {"query": query, "params": json.dumps({"id": node_id})})]
    for col, (label, page, icon, params) in zip(st.columns(len(targets)), targets):
        if col.button(label, key=f"onward_{page}", icon=icon, width="stretch"):
            st.switch_page(f"screens/{page}.py", query_params={"page": page, **params})
