"""The export CLI end to end, the --ask selection against the Ask contract, and the layouts."""
from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from graph.cli import main
from graph.draw.layered import _crossings, _order_layers
from graph.draw.layout import layered, positions, radial
from graph.schema.model import GraphData
from graph.draw.selection import SelectionError, ask_subgraph

pytestmark = pytest.mark.slow  # a whole process per format


def test_cli_json_contract(capsys):
    assert main(["export", "--format", "json", "--focus", "cat:pfa", "--depth", "1"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert "cat:pfa" in {n["id"] for n in d["nodes"]}
    for n in d["nodes"]:
        assert {"id", "label", "name"} <= set(n)
    for e in d["edges"]:
        assert {"source", "target", "type", "provenance"} <= set(e)


@pytest.mark.parametrize("fmt,ext,magic", [("svg", "svg", b"<?xml"), ("png", "png", b"\x89PNG"),
                                           ("pdf", "pdf", b"%PDF-"), ("pptx", "pptx", b"PK"),
                                           ("html", "html", b"<!DOCTYPE html>"), ("gexf", "gexf", b"<?xml"),
                                           ("csv", "zip", b"PK")])
def test_cli_writes_each_format(tmp_path, capsys, fmt, ext, magic):
    out = tmp_path / f"g.{ext}"
    rc = main(["export", "--category", "cat:pfa", "--format", fmt, "-o", str(out), "--dpi", "60",
               "--title", "PFA branch"])
    assert rc == 0, capsys.readouterr().err
    assert out.read_bytes()[:len(magic)] == magic
    assert "wrote" in capsys.readouterr().err


def test_cli_trims_with_a_message_and_refuses_bad_input(tmp_path, capsys):
    out = tmp_path / "g.svg"
    assert main(["export", "--format", "svg", "--focus", "cat:mllm-alignment", "--depth", "3",
                 "--limit", "30", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "note: trimmed to the 30 closest" in err and "wrote 30 nodes" in err
    assert main(["export", "--format", "svg", "--limit", "500", "-o", str(out)]) == 2
    assert "between 1 and 120" in capsys.readouterr().err
    assert main(["export", "--format", "png", "--focus", "cat:nope", "-o", str(tmp_path / "x.png")]) == 1
    assert "unknown id" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
    assert main(["export", "--format", "svg", "--category", "cat:nope", "-o", str(out)]) == 1
    with pytest.raises(SystemExit):
        main(["export", "--focus", "cat:pfa", "--category", "cat:pfa"])


def _fake_ask(results):
    from graph.ask.answer import Answer

    return lambda store, question: Answer(question, "", None, "", {}, results=results)


def _result(source, target):
    from graph.ask.answer import Evidence, Result

    path = {"nodes": [source, target], "rels": [], "text": "x"}
    return Result(source, "", "", [Evidence("c", paths=[path], total_paths=1)])


def test_ask_selection_follows_the_contract(embedded_store):
    edge = next(e for e in embedded_store.whole().edges if e["type"] == "CLASSIFIED_AS")
    results = [_result(edge["source"], edge["target"])]
    data = ask_subgraph(embedded_store, "q", ask_fn=_fake_ask(results))
    assert set(data.nodes) == {edge["source"], edge["target"]}
    assert any(e["type"] == "CLASSIFIED_AS" for e in data.edges)
    with pytest.raises(SelectionError, match="nothing"):
        ask_subgraph(embedded_store, "q", ask_fn=_fake_ask([]))


def test_ask_selection_reads_nested_evidence(embedded_store):
    """The typed Answer: evidence per constraint, each with paths whose ``nodes`` are ids."""
    e = next(e for e in embedded_store.whole().edges if e["type"] == "CLASSIFIED_AS")
    results = [_result(e["source"], e["target"])]
    data = ask_subgraph(embedded_store, "q", ask_fn=_fake_ask(results))
    assert set(data.nodes) == {e["source"], e["target"]}


def test_ask_with_the_real_engine(embedded_store):
    from graph.ask.run import ask

    question = "Which models are derived from BLOOM?"
    result = ask(embedded_store, question)
    assert result.results, result.empty_reason
    data = ask_subgraph(embedded_store, question)
    assert "model:bloom" in data.nodes  # on every evidence path
    for r in result.results:
        assert r.id in data.nodes
        assert any(e["source"] == r.id and e["type"] == "DERIVED_FROM" for e in data.edges)


# -- layouts -------------------------------------------------------------------------------------

def _unit(pos):
    return all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())


@pytest.mark.parametrize("kind", ["layered", "radial", "spring", "dot", "auto"])
def test_layouts_are_deterministic_and_spread(embedded_store, kind):
    data = embedded_store.neighbourhood(["cat:pfa"], depth=2, limit=150)
    a, b = positions(data, kind, ["cat:pfa"]), positions(data, kind, ["cat:pfa"])
    assert a == b and set(a) == set(data.nodes) and _unit(a)
    assert len(set(a.values())) == len(a)  # no two nodes on the same spot


def test_layered_edges_point_up_and_wide_rows_wrap():
    nodes = {f"cat:{i}": {"id": f"cat:{i}", "label": "Category", "name": str(i)} for i in range(3)}
    nodes.update({f"paper:{i}": {"id": f"paper:{i}", "label": "Paper", "name": str(i)} for i in range(40)})
    edges = [{"source": "cat:1", "target": "cat:0", "type": "SUBCATEGORY_OF"},
             {"source": "cat:2", "target": "cat:0", "type": "SUBCATEGORY_OF"}]
    edges += [{"source": f"paper:{i}", "target": f"cat:{1 + i % 2}", "type": "CLASSIFIED_AS"} for i in range(40)]
    pos = layered(GraphData(nodes, edges), max_row=10)
    for e in edges:
        assert pos[e["target"]][1] < pos[e["source"]][1]
    paper_rows = {pos[f"paper:{i}"][1] for i in range(40)}
    assert len(paper_rows) == 4  # 40 papers, 10 to a row
    # neighbours in a row are at least one slot apart
    for y in paper_rows:
        xs = sorted(x for n, (x, yy) in pos.items() if yy == y)
        assert min(b - a for a, b in zip(xs, xs[1:])) > 0.05


def test_layered_breaks_cycles():
    nodes = {f"model:{c}": {"id": f"model:{c}", "label": "Model", "name": c} for c in "abc"}
    edges = [{"source": "model:a", "target": "model:b", "type": "DERIVED_FROM"},
             {"source": "model:b", "target": "model:c", "type": "DERIVED_FROM"},
             {"source": "model:c", "target": "model:a", "type": "DERIVED_FROM"}]
    pos = layered(GraphData(nodes, edges))
    assert len({y for _, y in pos.values()}) == 3


def test_crossing_reduction():
    und = nx.Graph([("a", "z"), ("b", "y"), ("c", "x")])
    assert _crossings(["a", "b", "c"], ["x", "y", "z"], und) == 3
    ordered = _order_layers([["a", "b", "c"], ["x", "y", "z"]], und)
    assert _crossings(*ordered, und) == 0


def test_radial_rings_by_hops(embedded_store):
    data = embedded_store.neighbourhood(["cat:pfa"], depth=2, limit=150)
    pos = radial(data, ["cat:pfa"])
    g = nx.Graph([(e["source"], e["target"]) for e in data.edges])
    hops = nx.single_source_shortest_path_length(g, "cat:pfa")
    cx, cy = pos["cat:pfa"]
    # ellipse-aware distance from the focus (x and y are scaled separately to fill the unit square)
    sx = max(abs(x - cx) for x, _ in pos.values()) or 1
    sy = max(abs(y - cy) for _, y in pos.values()) or 1
    r = {n: math.hypot((x - cx) / sx, (y - cy) / sy) for n, (x, y) in pos.items()}
    for n in data.nodes:
        if hops.get(n) == 1:
            assert all(r[n] < r[m] for m in data.nodes if hops.get(m) == 2)
