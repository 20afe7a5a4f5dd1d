"""MLLM Atlas, the Streamlit app: nine pages over one knowledge graph (embedded, or Neo4j via NEO4J_URI).

Run with `make run`. ``?page=<name>`` on the root URL opens that page, so a copied link reproduces a view;
each page keeps the rest of its state (id, depth, filters) in the URL too.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts ui/ on the path, not the project root
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from graph.safe_text import md  # noqa: E402
from graph.seed.later_works import MARK, MARK_MEANS  # noqa: E402
from ui.common import check_store, retry_store, survey_only, url_seen, view  # noqa: E402

PAGES = [  # (url name, title, script, icon)
    ("ask", "Ask", "screens/ask.py", ":material/question_answer:"),
    ("explore", "Explore", "screens/explore.py", ":material/travel_explore:"),
    ("lineage", "Lineage", "screens/lineage.py", ":material/account_tree:"),
    ("paths", "Paths", "screens/paths.py", ":material/route:"),
    ("taxonomy", "Taxonomy", "screens/taxonomy.py", ":material/category:"),
    ("evolution", "Evolution", "screens/evolution.py", ":material/timeline:"),
    ("coverage", "Coverage", "screens/coverage.py", ":material/grid_on:"),
    ("compare", "Compare", "screens/compare.py", ":material/compare_arrows:"),
    ("cypher", "Cypher", "screens/cypher.py", ":material/terminal:"),
]

ICON = str(ROOT / "ui" / "static" / "atlas-icon.png")  # a local file: a :material: favicon is fetched online
st.set_page_config(page_title="MLLM Atlas", page_icon=ICON, layout="wide")


def _survey_switch() -> None:
    """Everything (default) or the survey's own graph; kept in the URL as ``survey=1`` so a link keeps it."""
    survey_only()
    st.sidebar.toggle("Survey only", key="survey_only",
                      help="Only what the survey (Qin et al. 2024) and its companion list hold; off: also the works "
                           f"added since, marked {MARK} in lists, tables, entity pages and graphs ({MARK_MEANS}).")
    if st.session_state["survey_only"]:
        st.query_params["survey"] = "1"
    elif "survey" in st.query_params:
        del st.query_params["survey"]


def _at_root() -> bool:
    """Whether the browser asked for the root path (a shared link ``/?page=...``) rather than a page's own path:
    each page has its own path (/explore, /lineage...), so Back and Forward reach the page they left."""
    from urllib.parse import urlparse

    try:
        path = urlparse(st.context.url or "").path
    except Exception:  # noqa: BLE001 - no browser context (AppTest): the query parameter decides
        return True
    return path.rstrip("/") == ""


def _stats(store) -> dict:
    return store.stats()


def _sidebar() -> bool:
    """The store line (always), the fallback warning, a retry button. False when no store could be opened."""
    _survey_switch()
    try:
        store, warning, desc = check_store()
    except Exception as exc:  # noqa: BLE001 - e.g. invalid seed data: say what is wrong, no traceback
        st.sidebar.error("No store")
        st.error(f"The knowledge graph could not be loaded: {md(exc, 1500)}")
        if st.button("Retry"):
            retry_store()
            st.rerun()
        return False
    st.sidebar.markdown(f"**Store:** {md(desc)}")
    if warning:
        st.sidebar.warning(md(warning))
        if st.sidebar.button("Retry Neo4j"):
            retry_store()
            st.rerun()
    try:
        counts = view(_stats)  # once per store, not a count query per page run
        st.sidebar.caption(f"{counts['total_nodes']} nodes · {counts['total_relationships']} relationships")
    except Exception as exc:  # noqa: BLE001
        st.sidebar.error(f"The store does not answer: {md(exc)}")
    from ui.saved import saved_views_sidebar

    saved_views_sidebar(store, {name: script for name, _, script, _ in PAGES})
    st.sidebar.caption("Survey: Qin et al. 2024, [arXiv:2404.04925](https://arxiv.org/abs/2404.04925)")
    return True


pages = {name: st.Page(script, title=title, icon=icon, url_path=name, default=(name == "ask"))
         for name, title, script, icon in PAGES}
current = st.navigation(list(pages.values()))
wanted = st.query_params.get("page", "")
running = next((name for name, page in pages.items() if page is current or page.title == current.title), "")
if wanted in pages and wanted != running and _at_root():  # a link to the root: /?page=explore&id=...
    st.switch_page(pages[wanted], query_params={k: st.query_params.get(k) for k in st.query_params})
if _sidebar():
    from ui.components.history import install

    if wanted and wanted not in pages:  # a link to a page that does not exist: said, not silently another page
        st.error(f"There is no page “{md(wanted, 60)}” in the atlas; the pages are "
                 f"{', '.join(title for _, title, _, _ in PAGES)}. This is {md(current.title)}.",
                 icon=":material/link_off:")

    with st.sidebar:
        install()
    try:
        current.run()
    except Exception as exc:  # noqa: BLE001 - a page that fails says so; never a traceback
        if type(exc).__name__ in ("StopException", "RerunException"):
            raise
        st.error(f"This page failed: {type(exc).__name__}: {md(exc)}")
    finally:
        url_seen()
