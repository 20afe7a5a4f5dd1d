"""Exports of "the canvas as it is": the formats that carry positions (html, gexf, svg/png/pdf, pptx) draw each
node where ``positions`` puts it; positions are checked (finite numbers, known ids) and the rest ignored;
formats without positions take the option and ignore it."""
from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET

import pytest

from graph.draw.placed import MAX_COORD, clean_positions, drawn_positions, unit_positions
from graph.export import write
from graph.schema.model import GraphData

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def small() -> GraphData:
    """A model, its base, a language and a category: four nodes, three edges."""
    nodes = {
        "model:a": {"id": "model:a", "label": "Model", "name": "Alpha"},
        "model:b": {"id": "model:b", "label": "Model", "name": "Beta"},
        "lang:eng": {"id": "lang:eng", "label": "Language", "name": "English"},
        "cat:x": {"id": "cat:x", "label": "Category", "name": "X methods"},
    }
    edges = [{"source": "model:b", "target": "model:a", "type": "DERIVED_FROM", "provenance": ["p"]},
             {"source": "model:a", "target": "lang:eng", "type": "COVERS_LANGUAGE", "provenance": ["p"]},
             {"source": "model:a", "target": "cat:x", "type": "CLASSIFIED_AS", "provenance": ["p"]}]
    return GraphData(nodes, edges)


PLACED = {"model:a": (0, 0), "model:b": (-300, 40), "lang:eng": (250, -120), "cat:x": (900, 500)}


def test_clean_positions_keeps_finite_numbers_for_known_ids_only():
    raw = {"model:a": [10, 20.5], "model:b": {"x": -3, "y": 4}, "lang:eng": (1e6, -1e6),
           "nan": [math.nan, 1], "inf": [1, math.inf], "text": ["1", "2"], "bool": [True, 2], "short": [1],
           "long": [1, 2, 3], "none": None, "far": [MAX_COORD * 10, 0], 7: [1, 2], "gone": [5, 5]}
    ids = {"model:a", "model:b", "lang:eng", "nan", "inf", "text", "bool", "short", "long", "none", "far", 7}
    assert clean_positions(raw, ids) == {"model:a": (10.0, 20.5), "model:b": (-3.0, 4.0),
                                         "lang:eng": (1e6, -1e6)}
    assert clean_positions(raw)["gone"] == (5.0, 5.0)  # without ids every well-formed entry is kept
    for junk in (None, [], "x", 3, [("model:a", (1, 2))]):
        assert clean_positions(junk) == {}


def test_drawn_positions_place_the_unplaced_next_to_a_placed_neighbour(small):
    assert drawn_positions(small, None) is None
    assert drawn_positions(small, {"nowhere:1": [1, 2], "model:a": ["x", 1]}) is None  # nothing usable
    got = drawn_positions(small, {"model:a": [100, 100], "model:b": [400, 100], "gone:z": [0, 0]})
    assert set(got) == set(small.nodes)
    assert got["model:a"] == (100.0, 100.0) and got["model:b"] == (400.0, 100.0)
    for nid in ("lang:eng", "cat:x"):  # on a ring around model:a, their one neighbour
        assert 100 < math.dist(got[nid], got["model:a"]) < 400
    unit = unit_positions(small, PLACED)
    assert min(x for x, _ in unit.values()) == 0 and max(x for x, _ in unit.values()) == 1
    assert unit["cat:x"] == (1.0, 1.0) and unit["model:b"][0] == 0.0  # the frame kept: right, down


def _graph_json(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.DOTALL)
    return json.loads(m.group(1))


def test_html_draws_nodes_where_the_canvas_had_them(small, tmp_path):
    bad = {**PLACED, "lang:eng": [math.nan, 3], "ghost:1": [5, 5]}
    write(small, "html", tmp_path / "g.html", positions=bad, title="The canvas")
    nodes = {n["id"]: n for n in _graph_json((tmp_path / "g.html").read_text(encoding="utf-8"))["nodes"]}
    assert set(nodes) == set(small.nodes)  # the unknown id added nothing
    for nid in ("model:a", "model:b", "cat:x"):
        assert (nodes[nid]["x"], nodes[nid]["y"]) == PLACED[nid]
    assert all(math.isfinite(nodes["lang:eng"][k]) for k in "xy")  # the NaN was not drawn: placed by a neighbour
    write(small, "html", tmp_path / "plain.html")
    plain = {n["id"]: n for n in _graph_json((tmp_path / "plain.html").read_text(encoding="utf-8"))["nodes"]}
    assert (plain["cat:x"]["x"], plain["cat:x"]["y"]) != PLACED["cat:x"]  # without positions: the layout


def test_gexf_viz_positions_are_the_canvas_positions(small, tmp_path):
    write(small, "gexf", tmp_path / "g.gexf", positions=PLACED)
    root = ET.parse(tmp_path / "g.gexf").getroot()
    got = {}
    for node in root.iter():
        if node.tag.endswith("}node"):
            pos = next(c for c in node if c.tag.endswith("}position"))
            got[node.get("id")] = (float(pos.get("x")), float(pos.get("y")))
    assert got == {nid: (float(x), float(-y)) for nid, (x, y) in PLACED.items()}  # GEXF's y points up


def _marker_xy(svg: bytes, small: GraphData) -> dict:
    """Each node's marker centre in the SVG (node-N-marker groups, N = index in id order)."""
    root = ET.fromstring(svg)
    out = {}
    for i, nid in enumerate(sorted(small.nodes)):
        group = next(g for g in root.iter(f"{SVG_NS}g") if g.get("id") == f"node-{i}-marker")
        use = next(group.iter(f"{SVG_NS}use"))
        out[nid] = (float(use.get("x")), float(use.get("y")))
    return out


def test_svg_draws_the_nodes_in_the_canvas_arrangement(small, tmp_path):
    write(small, "svg", tmp_path / "g.svg", positions=PLACED, title="As the canvas shows it")
    got = _marker_xy((tmp_path / "g.svg").read_bytes(), small)
    # the same order left to right and top to bottom as on the canvas (SVG's y grows downward too)
    by_x = sorted(PLACED, key=lambda n: PLACED[n][0])
    by_y = sorted(PLACED, key=lambda n: PLACED[n][1])
    assert sorted(got, key=lambda n: got[n][0]) == by_x
    assert sorted(got, key=lambda n: got[n][1]) == by_y
    # and in proportion: model:a sits at the same fraction of the width as on the canvas
    xs = [p[0] for p in got.values()]
    frac = (got["model:a"][0] - min(xs)) / (max(xs) - min(xs))
    assert frac == pytest.approx(300 / 1200, abs=0.01)
    assert "As the canvas shows it" in (tmp_path / "g.svg").read_text(encoding="utf-8")


def test_pptx_figure_gets_the_positions(small, tmp_path, monkeypatch):
    import graph.export.pptx_deck as deck

    seen = {}
    real = deck.save

    def spy(data, out, fmt, **opts):
        seen.update(opts)
        real(data, out, fmt, **opts)

    monkeypatch.setattr(deck, "save", spy)
    write(small, "pptx", tmp_path / "g.pptx", positions=PLACED, dpi=50)
    assert seen["positions"] == PLACED


@pytest.mark.parametrize("fmt", ["json", "graphml", "node-link", "csv", "mermaid", "dot", "cypher"])
def test_formats_without_positions_ignore_them(small, tmp_path, fmt):
    write(small, fmt, tmp_path / "with", positions=PLACED)
    write(small, fmt, tmp_path / "without")
    assert (tmp_path / "with").read_bytes() == (tmp_path / "without").read_bytes()


@pytest.mark.parametrize("fmt", ["html", "gexf", "svg"])
def test_unusable_positions_leave_the_export_as_the_layout_draws_it(small, tmp_path, fmt):
    hostile = {"model:a": [math.inf, -math.inf], "model:b": "<script>", "cat:x": {"x": None}, "<b>": [1, 2],
               "lang:eng": [True, False]}
    write(small, fmt, tmp_path / "with", positions=hostile)
    write(small, fmt, tmp_path / "without")
    assert (tmp_path / "with").read_bytes() == (tmp_path / "without").read_bytes()


def test_a_node_nudged_off_its_row_does_not_shrink_every_label(embedded_store):
    """A figure from canvas positions where the reader moved one node a little off its row keeps the labels at
    the size the layout's own rows give (the typical row gap counts, not the smallest)."""
    from graph.draw.page import pixel_positions
    from graph.draw.selection import select
    from graph.export.figures import draw

    data = select(embedded_store, focus=["model:bloomz"], depth=1)
    laid = pixel_positions(data, "layered")
    nudged = dict(laid)
    one = sorted(laid)[3]
    nudged[one] = (laid[one][0] + 40, laid[one][1] + 12)

    def fonts(**opts):
        return [t.get_fontsize() for t in draw(data, kind="layered", **opts).axes[0].texts
                if (t.get_gid() or "").startswith("node-")]

    plain, canvas = fonts(), fonts(positions=nudged)
    assert len(canvas) == len(data.nodes)
    assert min(canvas) >= 0.9 * min(plain)
    assert min(fonts(positions=laid)) == min(plain)  # the layout's own places: the same sizes
