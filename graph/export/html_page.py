"""`--format html`: the standalone offline page of graph.draw.page (the same one the app embeds)."""
from __future__ import annotations

from typing import IO

from graph.schema.model import GraphData
from graph.draw.page import to_html


def write_html(data: GraphData, out: IO, *, title: str | None = None, focus: list[str] | None = None,
               kind: str = "auto", height: str = "900px", positions: dict | None = None) -> None:
    """The page, each node at ``positions`` (canvas pixels) where given and usable, else laid out by ``kind``."""
    out.write(to_html(data, height=height, focus=focus, kind=kind, title=title, positions=positions))

