"""Files other graph tools import: GraphML (yEd, Cytoscape), GEXF (Gephi), node-link JSON, CSV tables.

List properties (aliases, provenance, ...) become ';'-joined strings in GraphML, GEXF and CSV, whose
attribute types are scalar; node-link JSON keeps them as lists. In GEXF the node ``label`` is the
display name (Gephi shows it) and the schema label is the ``node_label`` attribute; the relationship
type is the edge label and the ``rel_type`` attribute (GEXF reserves ``type``).
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import IO

import networkx as nx

from graph import schema
from graph.export.formats import SOURCE_LINE
from graph.draw.layout import positions as layout_positions
from graph.draw.placed import drawn_positions
from graph.schema.model import GraphData

LIST_SEP = ";"


def scalar(value):
    """A GraphML/GEXF/CSV-safe value: lists joined with ';', None dropped by the caller."""
    if isinstance(value, (list, tuple)):
        return LIST_SEP.join(str(v) for v in value)
    return value


def _typed(rows: list[dict]) -> list[dict]:
    """Rows with each key of one type across all rows (str where they disagree), lists joined."""
    rows = [{k: scalar(v) for k, v in r.items() if v is not None} for r in rows]
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


def write_gexf(data: GraphData, out: IO, *, focus: list[str] | None = None, kind: str = "auto",
               positions: dict | None = None) -> None:
    """GEXF 1.2 for Gephi, with schema colours and positions as viz attributes: ``positions`` (canvas pixels,
    y down; GEXF's y points up, so it is negated) where usable, else the layout's, scaled to 1000."""
    g = to_networkx(data)
    canvas = drawn_positions(data, positions)
    pos = canvas or layout_positions(data, kind, focus)
    unit = 1.0 if canvas else 1000.0
    for n, attrs in g.nodes(data=True):
        attrs["node_label"] = attrs.pop("label")
        attrs["label"] = attrs.get("name", n)
        nt = schema.NODE_TYPES.get(attrs["node_label"])
        rgb = tuple(int((nt.color if nt else "#888888")[i:i + 2], 16) for i in (1, 3, 5))
        x, y = pos.get(n, (0.5, 0.5))
        attrs["viz"] = {"color": dict(zip("rgb", rgb), a=1.0), "size": 10.0,
                        "position": {"x": round(x * unit, 2), "y": round(-y * unit, 2), "z": 0.0}}
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
            w.writerow({k: scalar(v) if v is not None else "" for k, v in r.items()})
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
