"""Slide figures: `--format svg | png | pdf`, the 16:9 drawing of graph.export.figure.

SVG keeps text as text (searchable, editable, each node label a <g id="node-N"> with a <title>);
PDF embeds TrueType fonts; PNG is rendered at the DPI asked (default 200: 2667 x 1500 pixels).
"""
from __future__ import annotations

from typing import IO

from graph.export import FORMATS
from graph.export.figure import save
from graph.model import GraphData


def _writer(fmt: str):
    def write(data: GraphData, out: IO, *, title: str | None = None, focus: list[str] | None = None,
              kind: str = "auto", dpi: int = 200, source: str | None = None) -> None:
        save(data, out, fmt, dpi=dpi, title=title, focus=focus, kind=kind, source=source)

    write.__name__ = f"write_{fmt}"
    write.__doc__ = f"Write the 16:9 slide figure as {fmt.upper()}."
    return write


for _fmt in ("svg", "png", "pdf"):
    FORMATS[_fmt] = (_writer(_fmt), True)
