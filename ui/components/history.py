"""One browser-history entry per navigation: Streamlit pushes an entry for every change of the query string
(a page filling in its defaults, a slider, a node selected), so Back went to half-states and skipped pages.
A small script (components v2, in the page, no iframe) turns a push into a replace unless the reader acted
since the last push and the page or one of the parameters that name what is shown (PRIMARY) changed.
The same script folds the sidebar once on a narrow window (under 900 px), so a page keeps its width."""
from __future__ import annotations

from functools import lru_cache

import streamlit as st

PRIMARY = ("page", "id", "from", "to", "ids", "open", "row", "col", "query", "canned")  # plus q on Ask: the question

JS = """
export default function () {
  if (window.__atlasHistory) return;
  window.__atlasHistory = true;
  if (window.innerWidth < 900) {  // a narrow window: the page needs the width more than the sidebar
    // Streamlit opens the sidebar above 768 px, and may do so after its first paint: keep it folded until the
    // reader opens it (a press on the control that opens it), checking a few times a second (cheap: one query)
    let opened = false, until = 0;
    window.addEventListener("pointerdown", (ev) => {
      if (ev.target.closest && ev.target.closest('[data-testid="stSidebarCollapsedControl"], '
                                                 + '[data-testid="stExpandSidebarButton"]')) opened = true;
    }, true);
    const fold = () => {
      if (opened) return clearInterval(timer);
      const bar = document.querySelector('[data-testid="stSidebar"]');
      if (!bar || Date.now() < until || bar.getBoundingClientRect().right <= 100) return;
      const b = bar.querySelector('[data-testid="stSidebarCollapseButton"] button, '
                                  + '[data-testid="stBaseButton-headerNoPadding"]');
      if (b) { b.click(); until = Date.now() + 800; }  // let the fold's animation end before looking again
    };
    const timer = setInterval(fold, 150);
    fold();
  }
  const PRIMARY = %s;
  const push = window.history.pushState.bind(window.history);
  const replace = window.history.replaceState.bind(window.history);
  let acted = true;  // the first navigation after loading is the reader's
  const mark = () => { acted = true; };
  window.addEventListener("pointerdown", mark, true);
  window.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") acted = true; }, true);
  window.addEventListener("popstate", () => { acted = false; }, true);
  const identity = (href) => {
    const u = new URL(href, location.href);
    const keys = u.pathname.endsWith("/ask") || u.searchParams.get("page") === "ask" ? [...PRIMARY, "q"] : PRIMARY;
    return u.pathname.replace(/\\/$/, "") + "?" + keys.map((k) => `${k}=${u.searchParams.get(k) || ""}`).join("&");
  };
  window.history.pushState = function (state, title, url) {
    if (url !== undefined && acted && identity(url) !== identity(location.href)) {
      acted = false;
      return push(state, title, url);
    }
    return replace(state, title, url);
  };
}
"""


@lru_cache(maxsize=1)
def _component():
    import json

    return st.components.v2.component("mllm_atlas_history", html="", js=JS % json.dumps(list(PRIMARY)))


def install() -> None:
    """Mount the history guard (idempotent in the browser; invisible)."""
    _component()(key="atlas_history")
