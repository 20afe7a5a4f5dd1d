"""Saved views in the sidebar: name the current view (its URL state), open it again, delete it, and export or
import all of them as JSON. Kept by the store (Store.saved_views / save_view / delete_view)."""
from __future__ import annotations

import streamlit as st

from graph.safe_text import md
from graph.saved_views import ViewError, export_json, import_views, page_state


def _state() -> dict[str, str]:
    """The current page's URL state, its own parameters only."""
    return page_state({k: str(st.query_params.get(k)) for k in st.query_params})


def _open(state: dict[str, str], scripts: dict[str, str]) -> None:
    st.session_state.pop("_current_page", None)  # arrive afresh: the page reads its state from the URL
    st.switch_page(scripts.get(state.get("page", ""), next(iter(scripts.values()))), query_params=state)


def saved_views_sidebar(store, scripts: dict[str, str]) -> None:
    """The "Saved views" block; ``scripts`` maps a page's URL name to its script."""
    box = st.sidebar.expander("Saved views", icon=":material/bookmark:")
    try:
        views = store.saved_views()
    except Exception as exc:  # noqa: BLE001 - whatever is in the file, the pages go on; the sidebar says why
        box.error(f"Saved views could not be read: {md(exc, 300)}")
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
            report = import_views(store, upload.getvalue(), "the uploaded file")
        except (ViewError, OSError) as exc:
            box.error(md(exc, 300))
        else:
            st.session_state["_view_imported"] = upload.file_id
            st.session_state["_view_report"] = report
            st.rerun()
    report = st.session_state.pop("_view_report", None)
    if report:
        box.success(f"Imported {len(report['added'])} view(s)"
                    + (f"; {len(report['unchanged'])} already saved" if report["unchanged"] else "") + ".")
        if report["refused"]:
            box.warning(f"{len(report['refused'])} refused:\n" + "\n".join(
                f"- {md(name, 40)}: {md(why, 160)}" for name, why in report["refused"][:10]))
