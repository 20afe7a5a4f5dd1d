"""The two-way graph component: vis-network (the copy the pyvis package ships, inlined: offline, no iframe)
as a Streamlit components-v2 widget. Python sends the pyvis description of the view; the widget sends back
the exploration ("view": selected node, expanded nodes, the nodes chosen for export)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

from graph.draw.page import vis_network_js

HERE = Path(__file__).resolve().parent
NAME = "mllm_atlas_graph"

CSS = """
.atlas-graph {font: 13px sans-serif; color: #222;}
.atlas-graph .ag-bar {display: flex; gap: 6px; align-items: center; flex-wrap: wrap; padding: 2px 0 6px;}
.atlas-graph .ag-btn {border: 1px solid #ccc; background: #fafafa; border-radius: 6px; padding: 2px 10px;
  cursor: pointer; font: inherit;}
.atlas-graph .ag-btn:disabled {opacity: .45; cursor: default;}
.atlas-graph .ag-count {margin-left: 8px; font-weight: 600;}
.atlas-graph .ag-hint {color: #777; font-size: 12px; margin-left: 8px;}
.atlas-graph .ag-wrap {position: relative; border: 1px solid #e3e3e3; border-radius: 6px;}
.atlas-graph .ag-canvas {width: 100%;}
.atlas-graph .ag-menu {position: absolute; z-index: 10; background: #fff; border: 1px solid #bbb;
  border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.15); padding: 3px 0; min-width: 150px;}
.atlas-graph .ag-item {padding: 4px 12px; cursor: pointer;}
.atlas-graph .ag-item:hover {background: #eef3fb;}
.atlas-graph .ag-box {position: absolute; border: 1px dashed #4e79a7; background: rgba(78,121,167,.12);
  pointer-events: none;}
.atlas-graph .ag-find {border: 1px solid #ccc; border-radius: 6px; padding: 2px 8px; font: inherit; width: 150px;}
.atlas-graph .ag-btn.on {background: #dde8f6;}
.atlas-graph .ag-canvas:focus {outline: 2px solid #9bbbe0; outline-offset: -2px;}
.atlas-graph:fullscreen, .atlas-graph.ag-max {background: #fff; padding: 8px 12px; box-sizing: border-box;
  overflow: hidden;}
.atlas-graph.ag-max {position: fixed; inset: 0; z-index: 1000000;}
.atlas-graph .ag-legend {display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 5px 2px 0; font-size: 12px; color: #333;}
.atlas-graph .ag-leg-item {white-space: nowrap;}
.atlas-graph .ag-glyph {font-size: 16px;}
.atlas-graph .ag-line {display: inline-block; width: 18px; height: 3px; vertical-align: middle; border-radius: 2px;}
.atlas-graph div.vis-tooltip {position: absolute; visibility: hidden; padding: 6px; white-space: pre-wrap;
  max-width: 420px; font: 12px sans-serif; color: #222; background: #fffbe6; border: 1px solid #ccc;
  border-radius: 4px; box-shadow: 2px 2px 8px rgba(0,0,0,.15); pointer-events: none; z-index: 20;}
"""


@lru_cache(maxsize=1)
def _component():
    js = "\n".join([vis_network_js()] + [(HERE / name).read_text(encoding="utf-8")
                                          for name in ("graph_read.js", "graph_tools.js", "graph_view.js")])
    return st.components.v2.component(NAME, html="", css=CSS, js=js, isolate_styles=False)


def mount(payload: dict, key: str):
    """Draw ``payload`` (graph.draw.exploration.describe_view; its ``height`` is the canvas's) and return the widget's
    "view" state (a dict)."""
    result = _component()(key=key, data=payload, on_view_change=lambda: None)  # as tall as its content
    return dict(result.get("view") or {}) if result is not None else {}


def current_view(key: str) -> dict:
    """The widget's last "view" state before it is drawn in this run (empty on the first run)."""
    state = st.session_state.get(key)
    if state is None:
        return {}
    try:
        view = state.get("view") if hasattr(state, "get") else getattr(state, "view", None)
    except Exception:  # noqa: BLE001 - a fresh widget has no state yet
        return {}
    return dict(view) if isinstance(view, dict) else {}
