"""Formats for other tools: GraphML (yEd, Cytoscape), GEXF (Gephi), node-link JSON, CSV, Mermaid, DOT.

List properties (aliases, provenance, ...) become ';'-joined strings in GraphML, GEXF and CSV, whose
attribute types are scalar; node-link JSON keeps them as lists. In GEXF the node ``label`` is the
display name (Gephi shows it) and the schema label is the ``node_label`` attribute; the relationship
type is the edge label and the ``rel_type`` attribute (GEXF reserves ``type``). DOT is written as text,
so Graphviz is not needed to export it.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from typing import IO

import networkx as nx

from graph import schema
from graph.export import FORMATS, SOURCE_LINE
from graph.layout import positions
from graph.model import GraphData

LIST_SEP = ";"


def _scalar(value):
    """A GraphML/GEXF/CSV-safe value: lists joined with ';', None dropped by the caller."""
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(str(v) for v in value)
    return value


def _typed(rows: list[dict]) -> list[dict]:
    """Rows with each key of one type across all rows (str where they disagree), lists joined."""
    rows = [{k: _scalar(v) for k, v in r.items() if v is not None} for r in rows]
    kinds: dict[str, set] = {}
    for r in rows:
        for k, v in r.items():
            kinds.setdefault(k, set()).add(bool if isinstance(v, bool) else type(v))
    mixed = {k for k, ts in kinds.items() if len(ts) > 1}
    return [{k: (str(v) if k in mixed else v) for k, v in r.items()} for r in rows]


def to_networkx(data: GraphData) -> nx.MultiDiGraph:
    """The subgraph as a MultiDiGraph with scalar attributes; parallel edges keyed by type (and role)."""
    g = nx.MultiDiGraph()
    ids = sorted(data.nodes)
    for nid, attrs in zip(ids, _typed([data.nodes[i] for i in ids])):
        attrs.pop("id", None)
        g.add_node(nid, **attrs)
    edges = [e for e in data.edges if e["source"] in data.nodes and e["target"] in data.nodes]
    for e, attrs in zip(edges, _typed(edges)):
        attrs = {k: v for k, v in attrs.items() if k not in ("source", "target")}
        g.add_edge(e["source"], e["target"], key=schema.edge_key(e["type"], e), **attrs)
    return g


def write_graphml(data: GraphData, out: IO) -> None:
    """GraphML: node attributes label, name and the properties; edge attributes type, provenance, ..."""
    g = to_networkx(data)
    g.graph["source"] = SOURCE_LINE
    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(data: GraphData, out: IO, *, focus: list[str] | None = None, kind: str = "auto") -> None:
    """GEXF 1.2 for Gephi, with schema colours and the layout's positions as viz attributes."""
    g = to_networkx(data)
    pos = positions(data, kind, focus)
    for n, attrs in g.nodes(data=True):
        attrs["node_label"] = attrs.pop("label")
        attrs["label"] = attrs.get("name", n)
        nt = schema.NODE_TYPES.get(attrs["node_label"])
        rgb = tuple(int((nt.color if nt else "#888888")[i:i + 2], 16) for i in (1, 3, 5))
        x, y = pos.get(n, (0.5, 0.5))
        attrs["viz"] = {"color": dict(zip("rgb", rgb), a=1.0), "size": 10.0,
                        "position": {"x": round(x * 1000, 2), "y": round(-y * 1000, 2), "z": 0.0}}
    for _, _, attrs in g.edges(data=True):
        attrs["rel_type"] = attrs.pop("type")
        attrs["label"] = attrs["rel_type"]
    nx.write_gexf(g, out, encoding="utf-8", prettyprint=True, version="1.2draft")


def write_node_link(data: GraphData, out: IO) -> None:
    """networkx node-link JSON (``nodes`` and ``links``; lists stay lists): ``nx.node_link_graph(d, edges="links")``."""
    g = nx.MultiDiGraph()
    for nid in sorted(data.nodes):
        g.add_node(nid, **{k: v for k, v in data.nodes[nid].items() if k != "id"})
    for e in data.edges:
        if e["source"] in data.nodes and e["target"] in data.nodes:
            g.add_edge(e["source"], e["target"], key=schema.edge_key(e["type"], e),
                       **{k: v for k, v in e.items() if k not in ("source", "target")})
    d = nx.node_link_data(g, edges="links")
    d["graph"] = {"source": SOURCE_LINE, **({"note": data.note} if data.note else {})}
    json.dump(d, out, indent=2, ensure_ascii=False)
    out.write("\n")


NODE_COLUMNS = ("id", "label", "name")
EDGE_COLUMNS = ("source", "target", "type", "role", "provenance", "note")


def csv_tables(data: GraphData) -> tuple[str, str]:
    """nodes.csv and edges.csv as text: fixed first columns, then every other property (sorted)."""
    def table(rows, first):
        extra = sorted({k for r in rows for k in r} - set(first))
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=[*first, *extra], lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _scalar(v) if v is not None else "" for k, v in r.items()})
        return buf.getvalue()

    nodes = [data.nodes[i] for i in sorted(data.nodes)]
    edges = [e for e in data.edges if e["source"] in data.nodes and e["target"] in data.nodes]
    return table(nodes, NODE_COLUMNS), table(edges, EDGE_COLUMNS)


def write_csv(data: GraphData, out: IO) -> None:
    """A zip holding nodes.csv and edges.csv (UTF-8, header row, lists joined with ';')."""
    nodes, edges = csv_tables(data)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in (("nodes.csv", nodes), ("edges.csv", edges)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 4, 8, 0, 0, 0)), text.encode("utf-8"),
                       compress_type=zipfile.ZIP_DEFLATED)


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
    s = str(_scalar(value))
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


FORMATS.update({
    "graphml": (write_graphml, True),
    "gexf": (write_gexf, True),
    "node-link": (write_node_link, False),
    "csv": (write_csv, True),
    "mermaid": (write_mermaid, False),
    "dot": (write_dot, False),
})
