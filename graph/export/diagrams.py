"""Diagram text: `--format mermaid` (a Mermaid flowchart) and `--format dot` (Graphviz DOT, written as
text, so Graphviz is not needed to export it). Both point edges up, as the taxonomy reads, and colour
nodes by label from graph.schema.
"""
from __future__ import annotations

import json
import re
from typing import IO

from graph import schema
from graph.export.formats import SOURCE_LINE
from graph.export.graph_files import scalar
from graph.schema.model import GraphData


MERMAID_SHAPES = {"box": ('["', '"]'), "dot": ('("', '")'), "diamond": ('{"', '"}'), "database": ('[("', '")]'),
                  "triangle": ('>"', '"]'), "star": ('(("', '"))'), "hexagon": ('{{"', '"}}'),
                  "square": ('[["', '"]]'), "ellipse": ('("', '")')}


MERMAID_ESCAPES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "|": "#124;",
                   "`": "#96;", "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", ";": "#59;"}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: markup characters as Mermaid entity codes, one line."""
    return "".join(MERMAID_ESCAPES.get(c, c) for c in re.sub(r"\s+", " ", str(text)).strip())


def write_mermaid(data: GraphData, out: IO, *, title: str | None = None) -> None:
    """A Mermaid flowchart (edges point up, as in the taxonomy), one class per label with its colour."""
    ids = sorted(data.nodes)
    ref = {n: f"n{i}" for i, n in enumerate(ids)}
    lines = []
    if title:
        lines += ["---", f"title: {json.dumps(str(title), ensure_ascii=False)}", "---"]
    lines += ["flowchart BT", f"%% {SOURCE_LINE}"]
    for n in ids:
        node = data.nodes[n]
        nt = schema.NODE_TYPES.get(node.get("label"))
        a, b = MERMAID_SHAPES.get(nt.shape if nt else "box", ('["', '"]'))
        lines.append(f"    {ref[n]}{a}{mermaid_text(node.get('name', n))}{b}")
    for e in data.edges:
        if e["source"] in ref and e["target"] in ref:
            rel = mermaid_text(schema.edge_key(e["type"], e).replace("_", " ").lower())
            lines.append(f"    {ref[e['source']]} -->|{rel}| {ref[e['target']]}")
    for label in sorted({data.nodes[n]["label"] for n in ids}):
        nt = schema.NODE_TYPES.get(label)
        members = [ref[n] for n in ids if data.nodes[n]["label"] == label]
        lines.append(f"    classDef {label} fill:{nt.color if nt else '#888888'},stroke:#333,color:#111")
        lines.append(f"    class {','.join(members)} {label}")
    lines += [f"%% {ref[n]} = {n}" for n in ids]
    out.write("\n".join(lines) + "\n")


DOT_SHAPES = {"dot": "ellipse", "box": "box", "diamond": "diamond", "database": "cylinder", "triangle": "triangle",
              "star": "star", "hexagon": "hexagon", "square": "square", "ellipse": "ellipse"}


def dot_quote(value) -> str:
    """A DOT double-quoted string (backslashes, quotes and newlines escaped)."""
    s = str(scalar(value))
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "") + '"'


def write_dot(data: GraphData, out: IO, *, title: str | None = None) -> None:
    """Graphviz DOT (edges point up, rankdir=BT), colours and shapes by label; render with `dot -Tsvg`."""
    lines = [f"digraph {dot_quote(title or 'MLLM Atlas')} {{",
             f"  graph [rankdir=BT, label={dot_quote((title + chr(10) if title else '') + SOURCE_LINE)}, "
             "labelloc=b, fontname=Helvetica, overlap=false];",
             '  node [style=filled, fontname=Helvetica, fontsize=11, color="#333333"];',
             '  edge [fontname=Helvetica, fontsize=9, color="#888888"];']
    for n in sorted(data.nodes):
        node = data.nodes[n]
        nt = schema.NODE_TYPES.get(node.get("label"))
        attrs = {"label": node.get("name", n), "shape": DOT_SHAPES.get(nt.shape if nt else "box", "box"),
                 "fillcolor": nt.color if nt else "#888888", "node_label": node.get("label", "")}
        if node.get("year") is not None:
            attrs["year"] = node["year"]
        lines.append(f"  {dot_quote(n)} [" + ", ".join(f"{k}={dot_quote(v)}" for k, v in attrs.items()) + "];")
    for e in data.edges:
        if e["source"] in data.nodes and e["target"] in data.nodes:
            attrs = {"label": schema.edge_key(e["type"], e), "provenance": e.get("provenance", [])}
            lines.append(f"  {dot_quote(e['source'])} -> {dot_quote(e['target'])} ["
                         + ", ".join(f"{k}={dot_quote(v)}" for k, v in attrs.items()) + "];")
    out.write("\n".join(lines) + "\n}\n")
