"""The export formats, in one explicit table: name -> writer (module and function, imported only when that
format is written), binary or text, node limit, MIME type and file extension; and ``write``.

A writer is ``writer(data, out, **options)`` and takes the options it understands (title, focus, kind,
dpi, source, positions); ``write`` passes only those. ``positions`` (``{id: (x, y)}`` in canvas pixels, y down:
where the app's canvas shows each node) is taken by the formats that carry positions (html, gexf, svg, png,
pdf, pptx), checked by graph.draw.placed, and ignored by the others. Adding a format = one writer module + one row below.

Node limits (docs/export.md): slide formats (svg, png, pdf, pptx) take up to SLIDE_NODE_LIMIT (120),
because past that the labels on a 16:9 slide drop below a legible size; interactive and tool formats
take up to NODE_LIMIT (400); json (the data contract) and the Neo4j import formats have none.
"""
from __future__ import annotations

import importlib
import inspect
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable

from graph.schema.model import GraphData
from graph.store.base import NODE_LIMIT, StoreError

SLIDE_NODE_LIMIT = 120  # svg / png / pdf / pptx: past this a 16:9 figure is no longer legible
UNLIMITED = 10**9
SOURCE_LINE = "Source: MLLM Atlas, from Qin et al. 2024 (arXiv:2404.04925) and its companion list"


class ExportError(StoreError):
    """An export the user asked for cannot be made (too large, unknown format)."""


@dataclass(frozen=True)
class Format:
    """One export format: where its writer is, what it writes, and how many nodes it takes."""

    name: str
    module: str  # graph.export.<module>, imported when the format is first written
    function: str
    binary: bool
    node_limit: int  # UNLIMITED: no limit
    mime: str
    extension: str  # of the file written ("csv.zip": the CSV tables come zipped)

    def writer(self) -> Callable[..., None]:
        return getattr(importlib.import_module(f"graph.export.{self.module}"), self.function)


_SLIDES, _TOOLS = SLIDE_NODE_LIMIT, NODE_LIMIT
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "formats", "write_json", False, UNLIMITED, "application/json", "json"),
    Format("svg", "figures", "write_svg", True, _SLIDES, "image/svg+xml", "svg"),
    Format("png", "figures", "write_png", True, _SLIDES, "image/png", "png"),
    Format("pdf", "figures", "write_pdf", True, _SLIDES, "application/pdf", "pdf"),
    Format("pptx", "pptx_deck", "write_pptx", True, _SLIDES,
           "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    Format("html", "html_page", "write_html", False, _TOOLS, "text/html", "html"),
    Format("graphml", "graph_files", "write_graphml", True, _TOOLS, "application/xml", "graphml"),
    Format("gexf", "graph_files", "write_gexf", True, _TOOLS, "application/xml", "gexf"),
    Format("node-link", "graph_files", "write_node_link", False, _TOOLS, "application/json", "json"),
    Format("csv", "graph_files", "write_csv", True, _TOOLS, "application/zip", "csv.zip"),
    Format("mermaid", "diagrams", "write_mermaid", False, _TOOLS, "text/plain", "mmd"),
    Format("dot", "diagrams", "write_dot", False, _TOOLS, "text/vnd.graphviz", "dot"),
    Format("cypher", "neo4j_import", "write_cypher", False, UNLIMITED, "text/plain", "cypher"),
    Format("neo4j-admin", "neo4j_import", "write_neo4j_admin", True, UNLIMITED, "application/zip", "zip"),
)}


def limit_for(fmt: str) -> int:
    """The largest node count ``fmt`` accepts."""
    return FORMATS[fmt].node_limit


def write_json(data: GraphData, out: IO) -> None:
    """The data contract: GraphData.to_json(), indented, UTF-8."""
    json.dump(data.to_json(), out, indent=2, ensure_ascii=False)
    out.write("\n")


def takes(fmt: str, option: str) -> bool:
    """Whether the writer of ``fmt`` uses ``option`` (e.g. "positions": only the formats with positions)."""
    params = inspect.signature(FORMATS[fmt].writer()).parameters
    return option in params


def call_writer(writer: Callable, data: GraphData, fh: IO, options: dict) -> None:
    """``writer(data, fh, ...)`` with the options it takes."""
    params = inspect.signature(writer).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        writer(data, fh, **options)
    else:
        writer(data, fh, **{k: v for k, v in options.items() if k in params})


def write(data: GraphData, fmt: str, path: str | Path | None = None, **options) -> None:
    """Write ``data`` as ``fmt`` to ``path`` (atomically: a temp file renamed) or to stdout.

    Options (each writer takes the ones it understands): title, focus, kind (layout), dpi, source, positions.
    Refuses (ExportError) a subgraph over the format's node limit instead of rendering for minutes.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    spec = FORMATS[fmt]
    if len(data.nodes) > spec.node_limit:
        raise ExportError(f"{len(data.nodes)} nodes is over the {fmt} limit of {spec.node_limit}; "
                          "narrow the selection (--depth, --labels) or lower --limit")
    writer = spec.writer()
    options = {k: v for k, v in options.items() if v is not None}
    if path is None:
        call_writer(writer, data, sys.stdout.buffer if spec.binary else sys.stdout, options)
        return
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb" if spec.binary else "w",
                  **({} if spec.binary else {"encoding": "utf-8", "newline": ""})) as fh:
            call_writer(writer, data, fh, options)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
