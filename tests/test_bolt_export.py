"""Exports for Neo4j tools: the cypher script recreates the graph on the Bolt server; the neo4j-admin
CSV files have the headers and typed values `neo4j-admin database import` expects."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from graph.cypher.lexer import literal
from graph.export import FORMATS, write
from graph.export.neo4j_import import split_statements
from graph.schema.model import GraphData
from graph.store.dialect import close_driver
from ingest.bolt_load import Writer

pytestmark = pytest.mark.bolt

# neo4j-admin 5 header types; a column is `name`, `name:type`, `name:type[]`, or an :ID/:LABEL/... field.
ADMIN_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}
HEADER_RE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?(?::(?P<type>[A-Za-z_]+)(?P<arr>\[\])?)?$")


def render(data: GraphData, fmt: str):
    spec = FORMATS[fmt]
    buf = io.BytesIO() if spec.binary else io.StringIO()
    spec.writer()(data, buf)
    return buf.getvalue()


def test_cypher_script_recreates_the_graph(scratch_bolt, embedded_store):
    want = embedded_store.whole()
    statements = split_statements(render(want, "cypher"))
    assert len(statements) == len(want.nodes) + len(want.edges)
    assert all("$" not in s.split("'")[0] for s in statements)  # parameter-free
    driver, dialect, database = scratch_bolt.driver()
    w = Writer(driver, dialect, database)
    try:
        w.run("MATCH (n) DETACH DELETE n")
        for stmt in statements:
            w.run(stmt)
        for stmt in statements[:25]:  # MERGE: running it again changes nothing
            w.run(stmt)
    finally:
        close_driver(driver, dialect)
    with scratch_bolt.connect() as store:
        got = store.whole()
    assert got.nodes == want.nodes and got.edges == want.edges


def test_cypher_literal_escaping_round_trips(scratch_bolt):
    values = ["it's", 'say "hi"', "back\\slash", "line\nbreak\ttab\r", "中文 ' é", "\\'", "trail\\"]
    driver, dialect, database = scratch_bolt.driver()
    w = Writer(driver, dialect, database)
    try:
        for v in values:
            assert w.rows(f"RETURN {literal(v)} AS v") == [{"v": v}]
    finally:
        close_driver(driver, dialect)


def parse_admin(blob: bytes):
    z = zipfile.ZipFile(io.BytesIO(blob))
    script = z.read("import.sh").decode()
    delim = re.search(r"--array-delimiter='(.)'", script).group(1)
    nodes, edges = {}, []
    for name in z.namelist():
        if not name.endswith(".csv"):
            continue
        assert f"={name}" in script  # every file is on the command line
        rows = list(csv.reader(io.StringIO(z.read(name).decode("utf-8"))))
        header, body = rows[0], rows[1:]
        specs = []
        for col in header:
            m = HEADER_RE.match(col)
            assert m and col, f"{name}: bad header column {col!r}"
            typ = m.group("type")
            assert typ is None or typ in ADMIN_TYPES | {"ID", "LABEL", "START_ID", "END_ID", "TYPE"}, col
            specs.append((m.group("name"), typ, bool(m.group("arr"))))
        kinds = [t for _, t, _ in specs]
        if name.startswith("nodes_"):
            assert kinds.count("ID") == 1 and kinds.count("LABEL") == 1
        else:
            assert kinds[:3] == ["START_ID", "END_ID", "TYPE"]
        for row in body:
            assert len(row) == len(header)
            item = {}
            for (pname, typ, arr), cell in zip(specs, row):
                if typ == "ID":
                    item["id"] = cell
                elif typ == "LABEL":
                    item["label"] = cell
                elif typ in ("START_ID", "END_ID", "TYPE"):
                    item[{"START_ID": "source", "END_ID": "target", "TYPE": "type"}[typ]] = cell
                elif cell == "":
                    continue
                elif arr:
                    item[pname] = cell.split(delim)
                elif typ == "int":
                    item[pname] = int(cell)
                elif typ == "boolean":
                    assert cell in ("true", "false")
                    item[pname] = cell == "true"
                else:
                    item[pname] = cell
            if "id" in item:
                nodes[item["id"]] = item
            else:
                edges.append(item)
    return nodes, edges, script


def test_neo4j_admin_csv_headers_and_values(embedded_store):
    want = embedded_store.whole()
    nodes, edges, script = parse_admin(render(want, "neo4j-admin"))
    assert "neo4j-admin database import full" in script
    assert nodes == want.nodes
    assert GraphData(nodes, edges).normalised().edges == want.edges


def test_neo4j_admin_typed_columns(embedded_store):
    blob = render(embedded_store.whole(), "neo4j-admin")
    z = zipfile.ZipFile(io.BytesIO(blob))
    header = lambda f: next(csv.reader(io.StringIO(z.read(f).decode())))  # noqa: E731
    assert header("nodes_Paper.csv")[:3] == ["id:ID", ":LABEL", "name"]
    assert "year:int" in header("nodes_Paper.csv")
    assert "aliases:string[]" in header("nodes_Category.csv")
    assert "provenance:string[]" in header("relationships_CLASSIFIED_AS.csv")


def test_export_cli_writes_both(tmp_path, embedded_store):
    data = embedded_store.neighbourhood(["cat:pfa"], 1)
    write(data, "cypher", tmp_path / "g.cypher")
    write(data, "neo4j-admin", tmp_path / "g.zip")
    assert len(split_statements((tmp_path / "g.cypher").read_text(encoding="utf-8"))) == len(data.nodes) + len(data.edges)
    assert zipfile.is_zipfile(tmp_path / "g.zip")
