"""Exports for Neo4j's own tools: ``cypher`` (a script for Browser / cypher-shell) and ``neo4j-admin``.

``cypher``: one parameter-free MERGE statement per line, each ending in ';', so pasting it into Neo4j
Browser or running ``cypher-shell -f graph.cypher`` recreates the subgraph (idempotently).
``neo4j-admin``: a zip of the CSV files ``neo4j-admin database import full`` reads (nodes_<Label>.csv,
relationships_<TYPE>.csv, typed headers such as ``year:int`` and ``aliases:string[]``), plus
import.sh with the exact command and array delimiter. A zip, because the format is several files.
Literals and names are written by graph.cypher.lexer, the console's writer too.
"""
from __future__ import annotations

import csv
import io
import zipfile
from typing import IO

from graph import schema
from graph.cypher.lexer import literal, name as cypher_name
from graph.schema.model import GraphData

def cypher_statements(data: GraphData) -> list[str]:
    """The statements (without ';') that recreate ``data``: nodes first, then relationships."""
    g = data.normalised()
    out = []
    for nid, n in g.nodes.items():
        props = {k: v for k, v in n.items() if k not in ("id", "label") and v is not None}
        stmt = f"MERGE (n:{cypher_name(n['label'])} {{id: {literal(nid)}}})"
        out.append(stmt + (f" SET n += {literal(props)}" if props else ""))
    for e in g.edges:
        a, b = g.nodes.get(e["source"]), g.nodes.get(e["target"])
        if a is None or b is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("source", "target", "type", "role") and v is not None}
        key = f" {{role: {literal(e['role'])}}}" if e.get("role") else ""
        stmt = (f"MATCH (a:{cypher_name(a['label'])} {{id: {literal(e['source'])}}}), "
                f"(b:{cypher_name(b['label'])} {{id: {literal(e['target'])}}}) "
                f"MERGE (a)-[r:{cypher_name(e['type'])}{key}]->(b)")
        out.append(stmt + (f" SET r += {literal(props)}" if props else ""))
    return out


def split_statements(script: str) -> list[str]:
    """The statements of a script written by write_cypher (one per line; '//' lines are comments)."""
    return [line[:-1] for line in script.splitlines() if line.endswith(";") and not line.startswith("//")]


def write_cypher(data: GraphData, out: IO) -> None:
    labels = sorted({n["label"] for n in data.nodes.values()})
    out.write(f"// MLLM Atlas subgraph: {len(data.nodes)} nodes, {len(data.edges)} relationships.\n")
    out.write("// Paste into Neo4j Browser (multi-statement editor) or run: cypher-shell -f this-file.cypher\n")
    out.write("// For large graphs on Neo4j 5, create the id constraints first (FalkorDB: CREATE INDEX instead):\n")
    for lab in labels:
        out.write(f"//   CREATE CONSTRAINT {lab.lower()}_id_unique IF NOT EXISTS FOR (n:{lab}) REQUIRE n.id IS UNIQUE;\n")
    if data.note:
        out.write(f"// note: {data.note}\n")
    for stmt in cypher_statements(data):
        out.write(stmt + ";\n")


# --- neo4j-admin ----------------------------------------------------------------------------

ADMIN_TYPES = {"str": "", "int": "int", "bool": "boolean", "list[str]": "string[]"}


def _prop_type(props: tuple, name: str, values) -> str:
    for p in props:
        if p.name == name:
            return p.type
    sample = next((v for v in values if v is not None), "")
    return {bool: "bool", int: "int", list: "list[str]"}.get(type(sample), "str")


def array_delimiter(data: GraphData) -> str:
    """';' unless some list element contains it (neo4j-admin cannot escape the delimiter)."""
    elements = [x for item in list(data.nodes.values()) + data.edges for v in item.values()
                if isinstance(v, list) for x in v]
    for d in (";", "|", "\u00a6"):
        if not any(d in str(x) for x in elements):
            return d
    raise ValueError("every candidate array delimiter occurs in a list value")


def _csv_file(columns: list[tuple[str, str, str]], rows: list[dict], delim: str) -> str:
    """columns: (header, key, type); rows: dicts. Empty cells are absent properties."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h for h, _, _ in columns])
    for row in rows:
        cells = []
        for _, key, typ in columns:
            v = row.get(key)
            if v is None:
                cells.append("")
            elif typ == "list[str]":
                cells.append(delim.join(v))
            elif typ == "bool":
                cells.append("true" if v else "false")
            else:
                cells.append(str(v))
        w.writerow(cells)
    return buf.getvalue()


def _columns(props: tuple, items: list[dict], skip: set[str]) -> list[tuple[str, str, str]]:
    present = []
    for item in items:
        for k in item:
            if k not in skip and k not in present:
                present.append(k)
    order = [p.name for p in props if p.name in present] + sorted(k for k in present if k not in {p.name for p in props})
    cols = []
    for name in order:
        typ = _prop_type(props, name, [i.get(name) for i in items])
        suffix = ADMIN_TYPES.get(typ, "")
        cols.append((f"{name}:{suffix}" if suffix else name, name, typ))
    return cols


def admin_files(data: GraphData) -> dict[str, str]:
    """File name -> CSV text, plus import.sh: what neo4j-admin database import full reads."""
    g = data.normalised()
    delim = array_delimiter(g)
    files, node_args, rel_args = {}, [], []
    by_label: dict[str, list[dict]] = {}
    for n in g.nodes.values():
        by_label.setdefault(n["label"], []).append(n)
    for lab, items in sorted(by_label.items()):
        nt = schema.NODE_TYPES.get(lab)
        cols = [("id:ID", "id", "str"), (":LABEL", "label", "str")]
        cols += _columns(nt.all_props if nt else (), items, {"id", "label"})
        files[f"nodes_{lab}.csv"] = _csv_file(cols, items, delim)
        node_args.append(f"--nodes=nodes_{lab}.csv")
    by_type: dict[str, list[dict]] = {}
    for e in g.edges:
        if e["source"] in g.nodes and e["target"] in g.nodes:
            by_type.setdefault(e["type"], []).append(e)
    for typ, items in sorted(by_type.items()):
        rt = schema.REL_TYPES.get(typ)
        cols = [(":START_ID", "source", "str"), (":END_ID", "target", "str"), (":TYPE", "type", "str")]
        cols += _columns(rt.all_props if rt else (), items, {"source", "target", "type"})
        files[f"relationships_{typ}.csv"] = _csv_file(cols, items, delim)
        rel_args.append(f"--relationships=relationships_{typ}.csv")
    args = " \\\n  ".join(node_args + rel_args)
    files["import.sh"] = (
        "#!/bin/sh\n# Import into an empty, stopped database (default name: neo4j). Run from this directory.\n"
        f"neo4j-admin database import full --array-delimiter='{delim}' --multiline-fields=true \\\n  {args} \\\n"
        "  ${1:-neo4j}\n")
    return files


def write_neo4j_admin(data: GraphData, out: IO) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in admin_files(data).items():
            z.writestr(name, text)

