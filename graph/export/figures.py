"""`--format svg | png | pdf`: GraphData drawn with matplotlib (Agg, no display, no Graphviz) on a 16:9 canvas.

One drawing serves SVG, PNG, PDF and the PPTX figure slide (graph.export.pptx_deck): layout from
graph.draw.layout, colours and marker shapes by label from graph.schema with a legend from schema.legend(),
a title, and the source line. Font size and label wrapping follow the space each node has, so labels stay legible on a slide.
SVG keeps text as text (searchable, editable, each node label a <g id="node-N"> with a <title>);
PDF embeds TrueType fonts; PNG is rendered at the DPI asked (default 200: 2667 x 1500 pixels).
"""
from __future__ import annotations

import math
import textwrap
import threading
import warnings
from typing import IO

import matplotlib

matplotlib.use("Agg", force=False)
from matplotlib import rc_context  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.path import Path as MPath  # noqa: E402

from graph import schema  # noqa: E402
from graph.export.formats import SOURCE_LINE  # noqa: E402
from graph.draw.layout import positions as layout_positions, resolve_kind  # noqa: E402
from graph.draw.placed import unit_positions  # noqa: E402
from graph.schema.model import GraphData  # noqa: E402
from graph.draw.page import legend_entries  # noqa: E402

# matplotlib's rcParams (swapped by rc_context) and its text machinery are process-global, so
# concurrent exports (app sessions, threads) draw one at a time; otherwise one thread's settings leak
# into another's file.
_RENDER_LOCK = threading.Lock()
SLIDE_SIZE = (40 / 3, 7.5)  # inches: PowerPoint's 16:9 widescreen slide (13.33 x 7.5)
MIN_FONT, MAX_FONT = 6.5, 12.0  # points; below 6.5 pt a label is not readable on a projected slide
ROW_BAND = 0.22  # inches: two lines of the smallest font; closer than this, two canvas nodes share a row
_BOX = MPath([(-1.6, -0.8), (1.6, -0.8), (1.6, 0.8), (-1.6, 0.8), (-1.6, -0.8)],
             [MPath.MOVETO, MPath.LINETO, MPath.LINETO, MPath.LINETO, MPath.CLOSEPOLY])
MARKERS = {"dot": "o", "ellipse": "o", "box": _BOX, "diamond": "D", "database": "8", "triangle": "^",
           "star": "*", "hexagon": "h", "square": "s"}
EDGE_COLORS = {  # muted, distinct from the node colours; the edge legend lists the types shown
    "SUBCATEGORY_OF": "#4e79a7", "CLASSIFIED_AS": "#a0a0a0", "INTRODUCES": "#d37295", "USES_TECHNIQUE": "#b07aa1",
    "COVERS_LANGUAGE": "#c9b037", "DERIVED_FROM": "#2f2f2f", "APPLIED_TO": "#e15759", "TRAINED_ON": "#59a14f",
    "EVALUATED_ON": "#86bcb6", "ADDRESSES": "#ff9da7", "DEVELOPED_BY": "#9c755f",
}


def node_gid(index: int) -> str:
    """The SVG group id of the index-th node (sorted by id); XML-safe whatever the node id holds."""
    return f"node-{index}"


def wrap_label(name: str, width: int, lines: int = 3) -> str:
    """``name`` wrapped to ``width`` characters on at most ``lines`` lines, cut with an ellipsis."""
    parts = textwrap.wrap(str(name), width=max(width, 4), break_long_words=True, break_on_hyphens=True)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(width - 1, 1)].rstrip(" ,:;-") + "…"
    return "\n".join(parts) or str(name)


def _label_space(pts: dict[str, tuple[float, float]], free: bool = False) -> tuple[dict[str, float], float]:
    """Free width beside each node (to its nearest neighbour in the same row band) and the row gap, in inches.
    ``free`` (positions from a canvas, where the reader may have nudged a node off its row): nodes within
    ROW_BAND of each other share a row and the typical (median) gap counts, so one node dropped between two
    rows does not shrink every label."""
    ys = sorted({round(y, 3) for _, y in pts.values()})
    gaps = [b - a for a, b in zip(ys, ys[1:]) if b - a > (ROW_BAND if free else 0.05)]
    vgap = (sorted(gaps)[len(gaps) // 2] if free else min(gaps)) if gaps else 1.5
    items = list(pts.items())
    room = {}
    for n, (x, y) in items:
        best = min((abs(u - x) for m, (u, v) in items if m != n and abs(v - y) < vgap / 2), default=3.0)
        room[n] = min(best, 3.0)
    return room, vgap


def _nearest(pts: dict[str, tuple[float, float]]) -> float:
    """Median distance from a node to its nearest neighbour, in inches."""
    vals = list(pts.values())
    if len(vals) < 2:
        return 2.0
    d = sorted(min(math.hypot(x - u, y - v) for j, (u, v) in enumerate(vals) if j != i)
               for i, (x, y) in enumerate(vals))
    return d[len(d) // 2]


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


def _legend(fig: Figure, data: GraphData) -> None:
    """Node labels (colour and marker from schema.legend()) and the edge types shown, under the graph."""
    handles = [Line2D([], [], linestyle="", marker=MARKERS.get(e["shape"], "o"), color=e["color"], markersize=9,
                      label=e["label"]) for e in legend_entries(data)]
    handles += [Line2D([], [], color=EDGE_COLORS.get(t, "#999999"), lw=1.5, label=t.replace("_", " ").lower())
                for t in sorted({e["type"] for e in data.edges})]
    if handles:
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.035), ncol=min(len(handles), 8),
                   frameon=False, fontsize=10, handletextpad=0.4, columnspacing=1.2)


def draw(data: GraphData, *, title: str | None = None, focus: list[str] | None = None, kind: str = "auto",
         source: str | None = None, positions: dict | None = None) -> Figure:
    """The 16:9 figure for ``data`` (nothing is shown or saved). ``positions`` (canvas pixels, graph.draw.placed
    checks them) keeps the canvas's arrangement, stretched to the slide; else the layout of ``kind``."""

    fig = Figure(figsize=SLIDE_SIZE)
    FigureCanvasAgg(fig)
    canvas = unit_positions(data, positions)
    pos = canvas or layout_positions(data, kind, focus)
    ids = sorted(data.nodes)
    left, bottom, width, height = 0.03, 0.14, 0.94, 0.71
    ax = fig.add_axes((left, bottom, width, height))
    ax.set_axis_off()
    w_in, h_in = SLIDE_SIZE[0] * width, SLIDE_SIZE[1] * height
    radial = resolve_kind(data, kind, focus) == "radial"
    focus_set = set(focus or [])
    if radial:  # labels point outward: they need height (ring neighbours) more than width
        w_in, h_in = w_in - 3.2, h_in - 0.3
        pts = {n: (pos[n][0] * w_in, (1 - pos[n][1]) * h_in) for n in ids}
        nn = _nearest(pts)
        font = _clamp(nn * 72 / 3.0, MIN_FONT, 9.5)
        lines = int(_clamp(nn * 72 // (font * 1.25), 1, 2))
        chars = {n: 26 for n in ids}
        marker = _clamp(font * 1.1, 5.0, 12.0)
        fx = [pts[f] for f in sorted(focus_set) if f in pts]
        cx, cy = fx[0] if len(fx) == 1 else (w_in / 2, h_in / 2)
        ax.set_xlim(-1.6, w_in + 1.6)
        ax.set_ylim(-0.15, h_in + 0.15)
    else:  # labels hang under their node: width from the row neighbours, lines from the row gap
        pts = {n: (pos[n][0] * w_in, (1 - pos[n][1]) * h_in) for n in ids}
        room, vgap = _label_space(pts, free=canvas is not None)
        med = sorted(room.values())[len(room) // 2] if room else 3.0
        marker = _clamp(vgap * 72 * 0.12, 5.0, 12.0)
        usable = vgap * 72 * 0.92 - marker
        font = _clamp(min(med * 72 * 0.95 / (12 * 0.62), usable / (2 * 1.2)), MIN_FONT, MAX_FONT)
        lines = int(_clamp(usable // (font * 1.2), 1, 3))
        chars = {n: int(_clamp(room[n] * 72 * 0.95 / (font * 0.62), 6, 30)) for n in ids}
        pad_x = max(0.35, max(chars.values(), default=10) * font * 0.62 / 72 / 2)
        ax.set_xlim(-pad_x, w_in + pad_x)
        ax.set_ylim(-lines * font * 1.2 / 72 - marker / 72, h_in + 0.2)

    for e in data.edges:
        if e["source"] not in pts or e["target"] not in pts or e["source"] == e["target"]:
            continue
        ax.annotate("", xy=pts[e["target"]], xytext=pts[e["source"]], zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": EDGE_COLORS.get(e["type"], "#999999"),
                                "lw": 0.8, "alpha": 0.7 if len(data.edges) < 120 else 0.4, "shrinkA": marker * 0.6, "shrinkB": marker * 0.6,
                                "mutation_scale": 7})
    for i, n in enumerate(ids):
        node = data.nodes[n]
        nt = schema.NODE_TYPES.get(node.get("label"))
        x, y = pts[n]
        big = n in focus_set
        ax.plot([x], [y], linestyle="", marker=MARKERS.get(nt.shape if nt else "dot", "o"),
                markersize=marker * (1.5 if big else 1.0), color=nt.color if nt else "#888888",
                markeredgecolor="#222222" if big else "white", markeredgewidth=1.2 if big else 0.6, zorder=3,
                gid=f"{node_gid(i)}-marker")
        off = marker * (0.9 if big else 0.7) / 72
        ha, va, tx, ty = "center", "top", x, y - off
        if radial and (x, y) != (cx, cy):
            c, s = math.cos(math.atan2(y - cy, x - cx)), math.sin(math.atan2(y - cy, x - cx))
            tx, ty = x + off * c, y + off * s
            ha = "left" if c > 0.3 else "right" if c < -0.3 else "center"
            va = "center" if ha != "center" else ("bottom" if s > 0 else "top")
        ax.text(tx, ty, wrap_label(node.get("name", n), chars[n], lines), ha=ha, va=va,
                fontsize=font * (1.15 if big else 1.0), fontweight="bold" if big else "normal", zorder=4,
                linespacing=1.05, gid=node_gid(i), color="#111111",
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})

    fig.text(0.03, 0.955, title or "MLLM Atlas subgraph", fontsize=22, fontweight="bold", va="top", color="#111111")
    sub = f"{len(data.nodes)} nodes · {len(data.edges)} links" + (f" · {data.note}" if data.note else "")
    fig.text(0.03, 0.89, sub, fontsize=11, va="top", color="#aa3333" if data.note else "#555555")
    _legend(fig, data)
    fig.text(0.03, 0.012, source or SOURCE_LINE, fontsize=9, color="#555555", va="bottom")
    return fig


def _svg_titles(svg: str, data: GraphData) -> str:
    """Give each node label group a <title> with the full name, so a browser shows it on hover."""
    from xml.sax.saxutils import escape

    for i, n in enumerate(sorted(data.nodes)):
        name = escape(str(data.nodes[n].get("name", n)))
        tag = f'<g id="{node_gid(i)}">'
        svg = svg.replace(tag, f"{tag}\n   <title>{name} ({escape(n)})</title>", 1)
    return svg


def save(data: GraphData, out: IO, fmt: str, *, dpi: int = 200, **opts) -> None:
    """Draw ``data`` and write it to the binary stream ``out`` as svg, png or pdf (one render at a time)."""
    with _RENDER_LOCK:
        _save(data, out, fmt, dpi=dpi, **opts)


def _save(data: GraphData, out: IO, fmt: str, *, dpi: int, **opts) -> None:
    fig = draw(data, **opts)
    rc = {"svg.fonttype": "none", "svg.hashsalt": "mllm-atlas", "pdf.fonttype": 42}
    meta = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "Title": opts.get("title") or "MLLM Atlas"},
            "png": {"Software": "MLLM Atlas (matplotlib)"}}[fmt]
    with rc_context(rc), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing glyphs (e.g. CJK) fall back silently
        if fmt == "svg":
            import io

            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata=meta)
            out.write(_svg_titles(buf.getvalue(), data).encode("utf-8"))
        else:
            fig.savefig(out, format=fmt, dpi=dpi, metadata=meta)


def _writer(fmt: str):
    def write(data: GraphData, out: IO, *, title: str | None = None, focus: list[str] | None = None,
              kind: str = "auto", dpi: int = 200, source: str | None = None, positions: dict | None = None) -> None:
        save(data, out, fmt, dpi=dpi, title=title, focus=focus, kind=kind, source=source, positions=positions)

    write.__name__ = f"write_{fmt}"
    write.__doc__ = f"Write the 16:9 slide figure as {fmt.upper()} (nodes at ``positions`` when given and usable)."
    return write


write_svg, write_png, write_pdf = _writer("svg"), _writer("png"), _writer("pdf")
