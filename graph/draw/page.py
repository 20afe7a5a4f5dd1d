"""Interactive graph pages: GraphData -> one standalone, offline HTML page (pyvis / vis-network).

The CLI's ``--format html`` and the Streamlit app call the same ``to_html`` so both look alike:
colours and shapes from graph.schema, a legend, hover titles with the properties, positions from
graph.draw.layout with physics off (the picture never keeps moving), and every script and stylesheet
inlined. The page is built here rather than from pyvis's template: that template switches to writing hover
titles with ``innerHTML`` once any title holds "href", so a name could become markup. Here every string from
the data is JSON inside a data element or HTML-escaped, and the page's Content-Security-Policy loads nothing.
"""
from __future__ import annotations

import html as _html
import math
import re

from graph import schema
from graph.draw.layout import positions
from graph.schema.model import GraphData

# Legend glyphs for the vis.js shape names used in graph.schema.
SHAPE_GLYPH = {"dot": "●", "box": "▬", "diamond": "◆", "database": "⛁", "triangle": "▲",
               "star": "★", "hexagon": "⬢", "square": "■", "ellipse": "⬬"}

LABEL_MIN_PX = 7  # a label smaller than this on screen is not drawn: a zoomed-out large view stays fast


def short_name(node: dict, max_chars: int = 40) -> str:
    """The node's name cut at a word boundary to ``max_chars`` (paper titles are long)."""
    name = str(node.get("name") or node.get("id", ""))
    if len(name) <= max_chars:
        return name
    cut = name[: max_chars - 1].rsplit(" ", 1)[0] if " " in name[: max_chars - 1] else name[: max_chars - 1]
    return cut.rstrip(" ,:;-") + "…"


def _fmt(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def node_title(node: dict) -> str:
    """Plain-text hover title: name, label and id, then every other property (lists joined by '; ')."""
    lines = [str(node.get("name", "")), f"{node.get('label', '?')} · {node.get('id', '')}"]
    for key, value in node.items():
        if key in ("id", "label", "name") or value in (None, "", []):
            continue
        lines.append(f"{key}: {_fmt(value)}")
    return "\n".join(lines)


def edge_title(edge: dict) -> str:
    """Plain-text hover title of an edge: type (with role), then its provenance and other properties."""
    lines = [schema.edge_key(edge["type"], edge).replace(":", " · ")]
    for key, value in edge.items():
        if key in ("source", "target", "type", "role") or value in (None, "", []):
            continue
        lines.append(f"{key}: {_fmt(value)}")
    return "\n".join(lines)


def legend_entries(data: GraphData | None = None) -> list[dict]:
    """schema.legend() restricted to the labels present in ``data`` (all labels when None)."""
    present = {n["label"] for n in data.nodes.values()} if data is not None else None
    return [e for e in schema.legend() if present is None or e["label"] in present]


def legend_html(data: GraphData | None = None) -> str:
    """A one-line HTML legend: coloured shape glyph and label name per label shown."""
    items = [
        f'<span title="{_html.escape(e["description"])}" style="margin-right:14px;white-space:nowrap">'
        f'<span style="color:{e["color"]};font-size:18px">{SHAPE_GLYPH.get(e["shape"], "●")}</span> '
        f'{_html.escape(e["label"])}</span>'
        for e in legend_entries(data)
    ]
    return ('<div class="mllm-legend" style="font:13px sans-serif;padding:4px 6px;color:#333">'
            + "".join(items) + "</div>")


def _scale(pos: dict[str, tuple[float, float]], target_gap: float = 150.0) -> float:
    """Pixels per unit so that the median nearest-neighbour gap is about ``target_gap`` pixels."""
    import numpy as np

    pts = np.array(list(pos.values()), dtype=float)
    if len(pts) < 2:
        return 1.0
    sample = pts if len(pts) <= 400 else pts[:: len(pts) // 400 + 1]
    d = np.hypot(sample[:, None, 0] - pts[None, :, 0], sample[:, None, 1] - pts[None, :, 1])
    d[d == 0] = np.inf
    best = d.min(axis=1)
    gaps = np.sort(best[np.isfinite(best)])
    if not len(gaps):
        return 1000.0
    return float(min(max(target_gap / gaps[len(gaps) // 2], 600.0), 8000.0))


def pixel_positions(data: GraphData, kind: str = "auto", focus: list[str] | None = None) -> dict:
    """graph.draw.layout positions scaled to pixels (``{id: (x, y)}``), as every drawing of ``data`` uses them."""
    pos = positions(data, kind, focus)
    scale = _scale(pos)
    return {nid: (round(x * scale, 1), round(y * scale, 1)) for nid, (x, y) in pos.items()}


def network(data: GraphData, *, height: str = "650px", focus: list[str] | None = None, kind: str = "auto",
            pixels: dict | None = None):
    """The pyvis Network describing ``data``: fixed positions (graph.draw.layout, scaled to pixels), schema
    colours and shapes, hover titles, physics off and labels drawn only when legible at the zoom level."""
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    pos = pixels if pixels is not None else pixel_positions(data, kind, focus)
    focus_set = set(focus or [])
    for nid, node in sorted(data.nodes.items()):
        nt = schema.NODE_TYPES.get(node.get("label"))
        x, y = pos.get(nid, (0.0, 0.0))
        net.add_node(
            nid, label=short_name(node, 32), title=node_title(node),
            shape=nt.shape if nt else "dot", color=nt.color if nt else "#888888",
            x=x, y=y, physics=False,
            size=18 if nid in focus_set else 12, borderWidth=3 if nid in focus_set else 1,
            font={"size": 16 if nid in focus_set else 13, "face": "sans-serif"},
        )
    for e in data.edges:
        if e["source"] in data.nodes and e["target"] in data.nodes:
            net.add_edge(e["source"], e["target"], title=edge_title(e), color="#9a9a9a", width=1,
                         arrows="to", physics=False)
    net.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "multiselect": True},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        "nodes": {"font": {"face": "sans-serif"}, "scaling": {"label": {"drawThreshold": LABEL_MIN_PX}}},
    }
    return net


def describe(data: GraphData, *, focus: list[str] | None = None, kind: str = "auto",
             pixels: dict | None = None) -> dict:
    """``{"nodes", "edges", "options"}``: the pyvis description as plain JSON data, for a live widget
    (the app's graph component) instead of a page. Edge ids are stable (type|source|target|role)."""
    net = network(data, focus=focus, kind=kind, pixels=pixels)
    edges = []
    for e, spec in zip([e for e in data.edges if e["source"] in data.nodes and e["target"] in data.nodes],
                       net.edges):
        edges.append({**spec, "id": "|".join((e["type"], e["source"], e["target"], str(e.get("role", "")))),
                      "label_type": e["type"]})
    return {"nodes": [dict(n) for n in net.nodes], "edges": edges, "options": dict(net.options)}


def vis_network_js() -> str:
    """vis-network.min.js from the installed pyvis package (no source-map comment, so nothing is fetched)."""
    from pathlib import Path

    import pyvis

    found = sorted((Path(pyvis.__file__).parent / "lib").glob("vis-*/vis-network.min.js"))
    if not found:
        raise RuntimeError("pyvis ships no vis-network.min.js; reinstall pyvis")
    return re.sub(r"//# sourceMappingURL=\S+", "", found[-1].read_text(encoding="utf-8"))


def json_for_script(obj) -> str:
    """JSON that can sit inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` as \\u escapes,
    so no string in the data can end the element or start a tag."""
    import json

    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# The page may run only its own inline scripts and styles and load nothing: no request leaves the file.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")
TOOLTIP_CSS = ("div.vis-tooltip {position: absolute; visibility: hidden; padding: 6px; white-space: pre-wrap; "
               "max-width: 420px; font: 12px sans-serif; color: #222; background: #fffbe6; border: 1px solid #ccc; "
               "border-radius: 4px; box-shadow: 2px 2px 8px rgba(0,0,0,.15); pointer-events: none; z-index: 20;}")
_BOOT = """
var graphData = JSON.parse(document.getElementById("graph-data").textContent);
var nodes = new vis.DataSet(graphData.nodes);
var edges = new vis.DataSet(graphData.edges);
var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges},
                              graphData.options);
"""


def to_html(data: GraphData, *, height: str = "650px", focus: list[str] | None = None, kind: str = "auto",
            title: str | None = None, positions: dict | None = None) -> str:
    """A standalone offline HTML page for ``data``: fixed positions, schema colours/shapes, legend, titles.
    ``positions`` (``{id: (x, y)}``, canvas pixels, as the app's canvas reports them) puts each node where the
    canvas had it (graph.draw.placed checks them; nodes without one go next to a placed neighbour); without
    usable ones the layout of ``kind`` places them.

    Built here, not from pyvis's template (which writes hover titles with ``innerHTML``): the graph travels as
    JSON inside a ``<script type="application/json">`` element, vis-network shows string titles as text, every
    other string is HTML-escaped, and a Content-Security-Policy forbids loading anything."""
    if not re.fullmatch(r"\d{1,5}(?:px|%|vh)", height or ""):
        height = "650px"
    from graph.draw.placed import drawn_positions

    desc = describe(data, focus=focus, kind=kind, pixels=drawn_positions(data, positions))
    head = ""
    if title:
        head += f'<div style="font:bold 16px sans-serif;padding:4px 6px">{_html.escape(title)}</div>'
    head += legend_html(data)
    if data.note:
        head += f'<div style="font:12px sans-serif;color:#a33;padding:0 6px">note: {_html.escape(data.note)}</div>'
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f"<title>{_html.escape(title or 'MLLM Atlas graph')}</title>\n"
            f"<style>body {{margin: 0}} #mynetwork {{width: 100%; height: {height}; border: 1px solid #ddd; "
            f"position: relative}} {TOOLTIP_CSS}</style>\n</head>\n<body>\n{head}\n"
            '<div id="mynetwork"></div>\n'
            f'<script type="application/json" id="graph-data">{json_for_script(desc)}</script>\n'
            f"<script>{vis_network_js()}</script>\n<script>{_BOOT}</script>\n</body>\n</html>\n")
