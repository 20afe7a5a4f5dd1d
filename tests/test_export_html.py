"""The interactive page (graph.draw.page.to_html, `--format html`): offline, fixed positions, schema legend."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from graph import schema
from graph.export import write
from graph.schema.model import GraphData
from graph.draw.selection import select
from graph.draw.page import to_html


class _Tags(HTMLParser):
    """Collects the attributes of every <script> and <link> tag, and the text of inline scripts."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe"):
            self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def pfa(embedded_store) -> GraphData:
    return select(embedded_store, focus=["cat:pfa"], depth=2)


def _graph_json(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.DOTALL)
    assert m, "no graph data element in the page"
    return json.loads(m.group(1))


def _vis_nodes(page: str) -> list[dict]:
    return _graph_json(page)["nodes"]


def test_page_has_no_external_resource(pfa):
    page = to_html(pfa, focus=["cat:pfa"], title="PFA")
    tags = _parse(page).tags
    assert any(t == "script" for t, _ in tags)
    for tag, attrs in tags:
        assert not attrs.get("src"), f"<{tag}> loads {attrs.get('src')}"
        assert not attrs.get("href"), f"<{tag}> loads {attrs.get('href')}"
    # and no URL of a script or stylesheet anywhere, not even commented out
    assert not re.search(r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    # the vis-network library itself is inlined
    assert any("vis.Network" in s or "vis-network" in s for s in _parse(page).scripts)


def test_nodes_fixed_positions_physics_off(pfa):
    page = to_html(pfa, focus=["cat:pfa"])
    nodes = _vis_nodes(page)
    assert {n["id"] for n in nodes} == set(pfa.nodes)
    for n in nodes:
        assert isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float))
        assert n["physics"] is False
        nt = schema.NODE_TYPES[pfa.nodes[n["id"]]["label"]]
        assert (n["color"], n["shape"]) == (nt.color, nt.shape)
        assert pfa.nodes[n["id"]]["name"] in n["title"]
    options = _graph_json(page)["options"]
    assert options["physics"]["enabled"] is False
    # positions are spread out, not stacked
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def test_legend_lists_the_labels_shown(pfa):
    page = to_html(pfa)
    legend = re.search(r'<div class="mllm-legend".*?</div>', page, re.DOTALL).group(0)
    shown = {n["label"] for n in pfa.nodes.values()}
    for label in schema.LABELS:
        assert (f"{label}</span>" in legend) == (label in shown)


def test_names_are_escaped_in_the_page():
    data = GraphData({"paper:x": {"id": "paper:x", "label": "Paper", "name": "</script><b>x & y</b>", "year": 2023}})
    page = to_html(data, title="<i>t</i>")
    assert "</script><b>" not in page and "<i>t</i>" not in page
    assert _vis_nodes(page)[0]["title"].startswith("</script><b>x & y</b>")


def test_no_innerhtml_and_nothing_loaded(pfa):
    """pyvis's template writes titles with innerHTML once a title holds "href"; the page is not built from it,
    and its Content-Security-Policy loads nothing."""
    data = GraphData({"paper:x": {"id": "paper:x", "label": "Paper", "name": 'a href="x"', "year": 2023}})
    page = to_html(data)
    boot = _parse(page).scripts[-1]
    assert "innerHTML" not in boot and "vis.Network" in boot
    assert "default-src 'none'" in page


def test_cli_writes_html(tmp_path, embedded_store):
    data = select(embedded_store, focus=["cat:pta"], depth=1)
    out = tmp_path / "g.html"
    write(data, "html", out)
    page = out.read_text(encoding="utf-8")
    assert {n["id"] for n in _vis_nodes(page)} == set(data.nodes)
