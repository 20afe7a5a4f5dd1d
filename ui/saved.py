"""Saved views in the sidebar: name the current view (its URL state), open it again, delete it, and export or
import all of them as JSON. Kept by the store (Store.saved_views / save_view / delete_view)."""
from __future__ import annotations

import streamlit as st

from graph.safe_text import md
from graph.saved_views import ViewError, export_json, parse


def _state() -> dict[str, str]:
    return {k: str(st.query_params.get(k)) for k in st.query_params}


def _open(state: dict[str, str], scripts: dict[str, str]) -> None:
    st.session_state.pop("_current_page", None)  # arrive afresh: the page reads its state from the URL
    st.switch_page(scripts.get(state.get("page", ""), next(iter(scripts.values()))), query_params=state)


def saved_views_sidebar(store, scripts: dict[str, str]) -> None:
    """The "Saved views" block; ``scripts`` maps a page's URL name to its script."""
    box = st.sidebar.expander("Saved views", icon=":material/bookmark:")
    try:
        views = store.saved_views()
    except (ViewError, OSError) as exc:
        box.error(f"Saved views could not be read: {md(exc)}")
        return
    for i, (name, state) in enumerate(views.items()):
        c1, c2 = box.columns([5, 1])
        if c1.button(md(name), key=f"view_open_{i}", width="stretch",
                     help=md(" · ".join(f"{k}={v}" for k, v in state.items()))):
            _open(state, scripts)
        if c2.button("✕", key=f"view_del_{i}", help=f"Delete {md(repr(name))}"):
            store.delete_view(name)
            st.rerun()
    if not views:
        box.caption("No saved views yet.")
    name = box.text_input("Name this view", key="view_name", placeholder="e.g. BLOOMZ family up to 2022")
    if box.button("Save view", key="view_save", icon=":material/bookmark_add:"):
        try:
            kept = store.save_view(name, _state())
        except (ViewError, OSError) as exc:
            box.error(md(exc))
        else:
            box.success(f"Saved {md(repr(kept))}.")
            st.rerun()
    if views:
        box.download_button("Export (JSON)", export_json(views).encode("utf-8"), file_name="atlas-views.json",
                            mime="application/json", key="view_export")
    upload = box.file_uploader("Import (JSON)", type=["json"], key="view_import")
    if upload is not None and st.session_state.get("_view_imported") != upload.file_id:
        try:
            incoming = parse(upload.getvalue(), upload.name)
            for n, s in incoming.items():
                store.save_view(n, s)
        except (ViewError, OSError) as exc:
            box.error(md(exc))
        else:
            st.session_state["_view_imported"] = upload.file_id
            box.success(f"Imported {len(incoming)} view(s).")
