"""Each export format opened with a real reader: networkx, python-pptx, an XML parser, zip/csv, magic bytes."""
from __future__ import annotations

import csv
import io
import json
import re
import struct
import zipfile
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from pptx import Presentation

from graph import schema
from graph.export import SLIDE_NODE_LIMIT, SOURCE_LINE, ExportError, write
from graph.export.diagrams import MERMAID_ESCAPES, mermaid_text
from graph.export.figures import node_gid, wrap_label
from graph.schema.model import GraphData
from graph.draw.selection import SelectionError, select

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sub(embedded_store) -> GraphData:
    """A mixed subgraph: the PFA branch and what sits in it, up to the slide limit."""
    data = select(embedded_store, category="cat:pfa", depth=0, limit=SLIDE_NODE_LIMIT)
    assert len(data.nodes) > 10 and len(data.edges) > 10
    return data


@pytest.fixture
def tricky() -> GraphData:
    """Names with markup and quoting characters, a list property and a role."""
    nodes = {
        "cat:a": {"id": "cat:a", "label": "Category", "name": 'A "quoted" <b>&amp; [x] {y} | #1;', "level": "root"},
        "model:m": {"id": "model:m", "label": "Model", "name": "M\\odel `ticks`", "year": 2023, "open": True,
                    "aliases": ["m1", "m;2"]},
        "lang:eng": {"id": "lang:eng", "label": "Language", "name": "English", "iso639_3": "eng"},
    }
    edges = [
        {"source": "model:m", "target": "cat:a", "type": "CLASSIFIED_AS", "provenance": ["survey:§4", "list:1.1 X"]},
        {"source": "model:m", "target": "lang:eng", "type": "COVERS_LANGUAGE", "role": "trained_on",
         "provenance": ["arxiv:2211.05100"]},
        {"source": "model:m", "target": "lang:eng", "type": "COVERS_LANGUAGE", "role": "evaluated",
         "provenance": ["arxiv:2211.05100"]},
    ]
    return GraphData(nodes, edges)


def _edge_set(data: GraphData) -> set:
    return {(e["source"], e["target"], schema.edge_key(e["type"], e)) for e in data.edges}


# -- tools ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["sub", "tricky"])
def test_graphml_reads_back(which, request, tmp_path):
    data = request.getfixturevalue(which)
    write(data, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert set(g.nodes) == set(data.nodes)
    assert {(u, v, k) for u, v, k in g.edges(keys=True)} == _edge_set(data)
    for n, attrs in g.nodes(data=True):
        assert attrs["label"] == data.nodes[n]["label"] and attrs["name"] == data.nodes[n]["name"]
    for u, v, k, attrs in g.edges(keys=True, data=True):
        assert attrs["type"] == k.split(":")[0]
        e = next(e for e in data.edges if (e["source"], e["target"], schema.edge_key(e["type"], e)) == (u, v, k))
        assert attrs["provenance"] == ";".join(e["provenance"])


@pytest.mark.parametrize("which", ["sub", "tricky"])
def test_gexf_reads_back(which, request, tmp_path):
    data = request.getfixturevalue(which)
    write(data, "gexf", tmp_path / "g.gexf")
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert set(g.nodes) == set(data.nodes)
    assert sorted((u, v, a["rel_type"]) for u, v, a in g.edges(data=True)) == sorted(
        (e["source"], e["target"], e["type"]) for e in data.edges)
    for n, attrs in g.nodes(data=True):
        assert attrs["node_label"] == data.nodes[n]["label"]  # the schema label
        assert attrs["label"] == data.nodes[n]["name"]  # what Gephi shows
        assert attrs["viz"]["color"]["r"] == int(schema.NODE_TYPES[attrs["node_label"]].color[1:3], 16)


def test_node_link_round_trips(sub, tmp_path):
    write(sub, "node-link", tmp_path / "g.json")
    d = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(d, edges="links")
    assert set(g.nodes) == set(sub.nodes)
    assert {(u, v, k) for u, v, k in g.edges(keys=True)} == _edge_set(sub)
    for n, attrs in g.nodes(data=True):
        assert {"id": n, **attrs} == sub.nodes[n]  # lists stay lists
    assert d["graph"]["source"] == SOURCE_LINE


def test_contract_json_round_trips(sub, tmp_path):
    write(sub, "json", tmp_path / "g.json")
    d = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    back = GraphData({n["id"]: n for n in d["nodes"]}, d["edges"], d.get("note", ""))
    assert back.normalised() == sub.normalised()
    for e in d["edges"]:
        assert isinstance(e["provenance"], list) and e["provenance"]


def test_csv_zip_holds_nodes_and_edges(tricky, tmp_path):
    write(tricky, "csv", tmp_path / "g.zip")
    with zipfile.ZipFile(tmp_path / "g.zip") as z:
        assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8"))))
    assert {r["id"]: (r["label"], r["name"]) for r in nodes} == {
        n: (v["label"], v["name"]) for n, v in tricky.nodes.items()}
    assert next(r for r in nodes if r["id"] == "model:m")["aliases"] == "m1;m;2"
    assert sorted((r["source"], r["target"], r["type"], r["role"]) for r in edges) == sorted(
        (e["source"], e["target"], e["type"], e.get("role", "")) for e in tricky.edges)
    assert next(r for r in edges if r["type"] == "CLASSIFIED_AS")["provenance"] == "survey:§4;list:1.1 X"


def test_mermaid_has_every_node_escaped(tricky, sub, tmp_path):
    for data in (tricky, sub):
        write(data, "mermaid", tmp_path / "g.mmd", title="T")
        text = (tmp_path / "g.mmd").read_text(encoding="utf-8")
        assert "flowchart" in text
        body = [ln for ln in text.splitlines() if ln.startswith("    n")]
        for i, n in enumerate(sorted(data.nodes)):
            assert f"%% n{i} = {n}" in text
            assert any(ln.startswith(f"    n{i}") and mermaid_text(data.nodes[n]["name"]) in ln for ln in body)
        assert len([ln for ln in body if "-->" in ln]) == len(data.edges)
        # no raw markup character left inside a quoted label
        for ln in body:
            for label in re.findall(r'"(.*?)"', ln):
                assert not set(label) & (set(MERMAID_ESCAPES) - {"#", ";", "&"}), ln


def test_dot_has_every_node_and_edge(tricky, tmp_path):
    write(tricky, "dot", tmp_path / "g.dot", title='say "hi"')
    text = (tmp_path / "g.dot").read_text(encoding="utf-8")
    assert text.startswith('digraph "say \\"hi\\"" {') and text.rstrip().endswith("}")
    for n, node in tricky.nodes.items():
        quoted = node["name"].replace("\\", "\\\\").replace('"', '\\"')
        assert re.search(rf'^  "{re.escape(n)}" \[label="{re.escape(quoted)}"', text, re.M), n
    assert text.count(" -> ") == len(tricky.edges)
    # every double quote in the file is paired once escaped ones are removed
    assert all(ln.replace('\\"', "").count('"') % 2 == 0 for ln in text.splitlines())


@pytest.mark.slow  # renders a figure
# -- slides --------------------------------------------------------------------------------------

def test_svg_parses_and_holds_every_label(sub, tmp_path):
    write(sub, "svg", tmp_path / "g.svg", title="PFA branch")
    root = ET.parse(tmp_path / "g.svg").getroot()
    assert root.tag == f"{SVG_NS}svg"
    groups = {g.get("id"): g for g in root.iter(f"{SVG_NS}g") if g.get("id")}
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
    assert "PFA branch" in texts and SOURCE_LINE in texts
    for i, n in enumerate(sorted(sub.nodes)):
        g = groups[node_gid(i)]
        shown = " ".join("".join(t.itertext()) for t in g.iter(f"{SVG_NS}text"))
        # the label shown is the start of the name (wrapped, long titles cut with an ellipsis)
        words = sub.nodes[n]["name"].split()
        assert shown.split()[0].rstrip("…") in words[0], (n, shown)
        assert g.find(f"{SVG_NS}title").text.startswith(sub.nodes[n]["name"])
    for label in {n["label"] for n in sub.nodes.values()}:  # legend entries
        assert label in texts


def _png_size(blob: bytes) -> tuple[int, int]:
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", blob[16:24])


@pytest.mark.slow  # renders a figure
@pytest.mark.parametrize("dpi", [72, 150])
def test_png_has_the_dpi_asked(sub, tmp_path, dpi):
    write(sub, "png", tmp_path / "g.png", dpi=dpi)
    w, h = _png_size((tmp_path / "g.png").read_bytes())
    assert (w, h) == (round(dpi * 40 / 3), round(dpi * 7.5))  # 16:9 at 13.33 x 7.5 in
    assert (tmp_path / "g.png").stat().st_size > 20_000


@pytest.mark.slow  # renders a figure
def test_pdf_header_and_size(sub, tmp_path):
    write(sub, "pdf", tmp_path / "g.pdf", title="PFA")
    blob = (tmp_path / "g.pdf").read_bytes()
    assert blob[:5] == b"%PDF-" and blob.rstrip().endswith(b"%%EOF") and len(blob) > 10_000
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", blob)
    assert box and abs(float(box.group(1)) - 960) < 1 and abs(float(box.group(2)) - 540) < 1


@pytest.mark.slow  # renders a figure
def test_pptx_deck(sub, tmp_path):
    write(sub, "pptx", tmp_path / "g.pptx", title="The PFA branch", dpi=80)
    prs = Presentation(str(tmp_path / "g.pptx"))
    slides = list(prs.slides)
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    assert slides[0].shapes.title.text == "The PFA branch"
    assert any(sh.shape_type == 13 for sh in slides[1].shapes)  # the figure is a picture
    notes = slides[1].notes_slide.notes_text_frame.text
    for e in sub.edges:
        assert "; ".join(e["provenance"]) in notes
    tables = [sh.table for s in slides[2:] for sh in s.shapes if sh.has_table]
    assert tables and [c.text for c in tables[0].rows[0].cells] == ["Name", "Label", "Year", "Links"]
    rows = [[c.text for c in r.cells] for t in tables for r in list(t.rows)[1:]]
    assert sorted(r[0] for r in rows) == sorted(n["name"] for n in sub.nodes.values())
    for name, label, year, _ in rows:
        node = next(n for n in sub.nodes.values() if n["name"] == name)
        assert label == node["label"] and year == str(node.get("year", "") or "")


# -- limits and selection ------------------------------------------------------------------------

def test_slide_formats_refuse_past_the_limit(embedded_store, tmp_path):
    big = select(embedded_store, limit=SLIDE_NODE_LIMIT + 1)
    assert len(big.nodes) == SLIDE_NODE_LIMIT + 1 and "trimmed" in big.note
    with pytest.raises(ExportError, match="limit"):
        write(big, "svg", tmp_path / "g.svg")
    assert not (tmp_path / "g.svg").exists()


def test_category_selection(embedded_store):
    data = select(embedded_store, category="cat:pfa", depth=0)
    cats = {n for n, v in data.nodes.items() if v["label"] == "Category"}
    assert "cat:pfa" in cats and "cat:pta" not in cats and "cat:mllm-alignment" not in cats
    for n, v in data.nodes.items():
        if v["label"] != "Category":  # every member is classified into the subtree
            assert any(e["source"] == n and e["type"] == "CLASSIFIED_AS" and e["target"] in cats for e in data.edges)
    wider = select(embedded_store, category="cat:pfa", depth=1)
    assert set(data.nodes) < set(wider.nodes)
    with pytest.raises(SelectionError):
        select(embedded_store, category="paper:nope")


def test_wrap_label_cuts_long_names():
    out = wrap_label("A very long paper title that goes on and on about multilingual models", 12, 2)
    assert len(out.splitlines()) == 2 and out.endswith("…") and all(len(ln) <= 12 for ln in out.splitlines())


def test_importing_export_loads_no_writer():
    """The format table names writers; matplotlib and python-pptx load only when their format is written."""
    import subprocess
    import sys

    code = ("import sys, graph.export, graph.draw.selection, graph.cli.export; "
            "print(sorted(m for m in ('matplotlib', 'pptx', 'pyvis') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
