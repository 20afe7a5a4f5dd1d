"""End to end, the app as a reader uses it (issue 23): a graph that reads, clicks that act where they happen,
navigation that holds, plain words, unknown ids said in words. The real app on a free loopback port, driven
by Debian's Chromium through Playwright (never skipped). Timings (a settled ~600-node view, a click on a
~50-node view) go to test-artifacts/reading-timings.json; nothing asserts on a duration.
"""
from __future__ import annotations

import json
import statistics
import time
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.test_browser import ARTIFACTS, GRAPH, WAIT_MS, _errors, _offline, _open, _settle, app, browser  # noqa: F401

pytestmark = pytest.mark.browser

READABLE_PX = 11  # the smallest label, in screen pixels, a reader reads without zooming
LABELS = """() => {  // every node's label as drawn: screen px (font size x scale) and whether it is painted
  const g = document.querySelector('.atlas-graph').__atlas;
  const s = g.network.getScale();
  return g.nodes.get().filter((n) => !n.hidden).map((n) => ({id: n.id, kind: n.kind, text: n.label,
    px: n.font.size * s, painted: n.font.color !== 'rgba(0,0,0,0)' && !!n.label}));
}"""


def _main(page) -> str:
    return page.inner_text("[data-testid='stMain']")


def _drawn(page):
    page.wait_for_selector(GRAPH, timeout=WAIT_MS)
    _settle(page)
    page.wait_for_timeout(300)


def _store():
    from graph.store import open_store

    return open_store("embedded")


def test_a_25_node_view_draws_every_label_at_a_readable_size_with_a_legend(browser, app):
    page = _open(browser, app.url + "?page=explore&id=ds:xcopa&depth=1", 1400)
    _drawn(page)
    labels = page.evaluate(LABELS)
    assert len(labels) == 25
    assert all(lb["painted"] for lb in labels), [lb["id"] for lb in labels if not lb["painted"]]
    assert min(lb["px"] for lb in labels) >= READABLE_PX, sorted(lb["px"] for lb in labels)[:3]
    legend = page.inner_text(".atlas-graph .ag-legend")
    for kind in {lb["kind"] for lb in labels}:
        assert kind in legend
    edge_types = page.evaluate("() => [...new Set(document.querySelector('.atlas-graph').__atlas.edges.get()"
                               ".map((e) => e.etype))]")
    assert edge_types and all(t in legend for t in edge_types)
    colours = page.evaluate("() => { const g = document.querySelector('.atlas-graph').__atlas; const by = {};"
                            " for (const e of g.edges.get()) by[e.etype] = e.color.color; return by; }")
    assert len(set(colours.values())) == len(colours)  # one colour per relationship type
    # zoomed out to a quarter, the labels keep their screen size
    page.evaluate("() => { const n = document.querySelector('.atlas-graph').__atlas.network;"
                  " n.moveTo({scale: n.getScale() / 4}); n.emit('zoom', {}); }")
    page.wait_for_timeout(300)
    assert min(lb["px"] for lb in page.evaluate(LABELS)) >= READABLE_PX
    page.close()


@pytest.mark.parametrize("query", ["page=lineage&id=model:bloom", "page=paths&from=model:bloomz&to=lang:swh",
                                   "page=ask&q=" + quote("What is BLOOMZ derived from?"),
                                   "page=explore&id=lang:eng&depth=2"])
def test_every_canvas_has_a_legend_of_what_it_draws(browser, app, query):
    page = _open(browser, app.url + "?" + query)
    _drawn(page)
    kinds = page.evaluate("() => [...new Set(document.querySelector('.atlas-graph').__atlas.nodes.get()"
                          ".map((n) => n.kind))]")
    legend = page.inner_text(".atlas-graph .ag-legend")
    assert kinds and all(k in legend for k in kinds), (kinds, legend)
    assert not _errors(page)
    _offline(page)
    page.close()


def test_the_wheel_scrolls_the_page_and_zooms_only_with_ctrl(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1", 900)
    _drawn(page)
    page.locator(".atlas-graph .ag-canvas").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = page.locator(".atlas-graph .ag-canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 300))
    scale = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.network.getScale()")
    top = box["y"]
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(400)
    assert page.evaluate("() => document.querySelector('.atlas-graph').__atlas.network.getScale()") == scale
    assert page.locator(".atlas-graph .ag-canvas").bounding_box()["y"] < top - 100  # the page scrolled
    box = page.locator(".atlas-graph .ag-canvas").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelector('.atlas-graph').__atlas.network.getScale()") > scale
    page.close()


def test_find_on_canvas_hover_lights_neighbours_and_expand_fits(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1", 1400)
    _drawn(page)
    page.fill(".atlas-graph .ag-find", "BLOOM")
    page.wait_for_function("() => document.querySelector('.atlas-graph').__atlas.network.getSelectedNodes()"
                           ".includes('model:bloom')", timeout=WAIT_MS)
    page.fill(".atlas-graph .ag-find", "")
    lit = page.evaluate("""() => { const g = document.querySelector('.atlas-graph').__atlas;
      g.network.emit('hoverNode', {node: 'model:bloom'});
      return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(
        g.nodes.get().map((n) => [n.id, n.opacity, g.network.getConnectedNodes('model:bloom').includes(n.id)])))));
    }""")
    assert any(op < 1 for _, op, near in lit if not near)
    assert all(op == 1 for nid, op, near in lit if near or nid == "model:bloom")
    page.evaluate("() => document.querySelector('.atlas-graph').__atlas.network.emit('blurNode', {})")
    before = int(page.get_attribute(".atlas-graph", "data-nodes"))
    page.evaluate("""() => { const g = document.querySelector('.atlas-graph').__atlas;
      g.network.emit('doubleClick', {nodes: ['model:bloom'], edges: []}); }""")
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes > {before}", timeout=WAIT_MS)
    page.wait_for_timeout(400)
    outside = page.evaluate("""() => { const g = document.querySelector('.atlas-graph').__atlas;
      const r = g.ui.canvas.getBoundingClientRect(); const pos = g.network.getPositions();
      return Object.values(pos).map((p) => g.network.canvasToDOM(p))
        .filter((d) => d.x < -1 || d.y < -1 || d.x > r.width + 1 || d.y > r.height + 1).length; }""")
    assert outside == 0  # everything an expansion added is in view
    page.close()


def _cell(page, table_index: int, row: int, col: int = 0) -> dict:
    """The screen point of a dataframe cell (the grid draws on a canvas: rows and the header are 35 px)."""
    grid = page.locator("[data-testid='stDataFrame']").nth(table_index)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    return {"x": box["x"] + 60 + col * 150, "y": box["y"] + 35 * (row + 1) + 17}


def test_a_click_on_a_name_in_a_table_opens_it(browser, app):
    page = _open(browser, app.url + "?page=lineage&id=model:bloom", 1400)
    _drawn(page)
    members = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.nodes.getIds()")
    p = _cell(page, 0, 1)
    page.mouse.click(p["x"], p["y"])
    page.wait_for_function("() => new URLSearchParams(location.search).get('page') === 'explore'", timeout=WAIT_MS)
    opened = page.evaluate("() => new URLSearchParams(location.search).get('id')")
    assert opened in members
    name = _store().get_node(opened)["name"]
    expect(page.locator("h2").first).to_contain_text(name, timeout=WAIT_MS)  # the new page's heading, not the old
    page.close()


def _chart(browser, app, page_name: str):
    """A page with a Plotly chart, opened and left to settle so a click lands on what is drawn."""
    page = _open(browser, app.url + f"?page={page_name}", 1400)
    page.wait_for_selector(".js-plotly-plot", timeout=WAIT_MS)
    _settle(page)
    page.wait_for_timeout(1000)
    return page


def test_a_coverage_cell_fills_the_list_beside_it(browser, app):
    page = _chart(browser, app, "coverage")
    target = page.evaluate("""() => { const gd = document.querySelector('.js-plotly-plot');
      const t = gd.data[0], pts = gd.data[1], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      const r = gd.getBoundingClientRect();
      let best = null;  // a cell that is not the default (the busiest) and not empty
      t.z.forEach((row, i) => row.forEach((v, j) => { if (v > 0 && (!best || v < best.v)) best = {i, j, v}; }));
      const k = best.i * t.x.length + best.j;
      return {x: r.left + xa._offset + xa.d2p(pts.x[k]), y: r.top + ya._offset + ya.d2p(pts.y[k]),
              cell: pts.customdata[k], v: best.v, row: t.y[best.i]}; }""")
    page.mouse.move(target["x"], target["y"])
    page.wait_for_timeout(300)
    page.mouse.click(target["x"], target["y"])
    row, col = target["cell"].split("|")
    page.wait_for_function("([r, c]) => { const q = new URLSearchParams(location.search);"
                           " return q.get('row') === r && q.get('col') === c; }", arg=[row, col], timeout=WAIT_MS)
    page.get_by_text(f"{target['v']} items use {target['row']} on").wait_for(timeout=WAIT_MS)
    page.close()


def test_a_taxonomy_sector_fills_the_list_beside_it(browser, app):
    page = _chart(browser, app, "taxonomy")
    sector = page.locator(".js-plotly-plot g.slice", has_text="PFA").first
    box = sector.locator("text").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => new URLSearchParams(location.search).get('open') === 'cat:pfa'", timeout=WAIT_MS)
    page.close()


def test_an_evolution_marker_shows_its_details_beside_the_chart(browser, app):
    page = _chart(browser, app, "evolution")
    point = page.locator(".js-plotly-plot .scatterlayer .trace").first.locator("path.point").first
    name = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].customdata[0][1]")
    point.click(force=True)
    side = page.locator("[data-testid='stColumn']", has=page.get_by_role("heading", name="Marker"))
    side.get_by_role("button", name="Open in Explore").wait_for(timeout=WAIT_MS)
    expect(side).to_contain_text(name, timeout=WAIT_MS)
    page.close()


def test_back_and_forward_walk_the_last_three_navigations(browser, app):
    page = _open(browser, app.url + "?page=ask&q=" + quote("What is BLOOMZ derived from?"), 1400)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=WAIT_MS)
    _settle(page)
    p = _cell(page, 0, 0)
    page.mouse.click(p["x"], p["y"])  # the first result's name: Explore
    page.wait_for_function("() => new URLSearchParams(location.search).get('id') === 'model:bloom'", timeout=WAIT_MS)
    _drawn(page)
    page.get_by_role("button", name="Lineage of this").click()
    page.wait_for_function("() => location.pathname.endsWith('/lineage')", timeout=WAIT_MS)
    _drawn(page)
    assert "id=model%3Abloom" in page.url
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/explore')", timeout=WAIT_MS)
    page.get_by_role("heading", name="Explore").wait_for(timeout=WAIT_MS)
    page.wait_for_function("() => document.querySelector('h2') && document.querySelector('h2').innerText"
                           ".includes('BLOOM')", timeout=WAIT_MS)
    page.go_back()
    page.get_by_role("heading", name="Ask the atlas").wait_for(timeout=WAIT_MS)
    assert "BLOOMZ" in page.input_value("input[aria-label='Question']")
    page.go_forward()
    page.wait_for_function("() => location.pathname.endsWith('/explore')", timeout=WAIT_MS)
    page.get_by_role("heading", name="Explore").wait_for(timeout=WAIT_MS)
    page.close()


def test_the_sidebar_keeps_the_entity_in_hand(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloom&depth=1", 1400)
    _drawn(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Lineage").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('id') === 'model:bloom'", timeout=WAIT_MS)
    page.close()


@pytest.mark.parametrize("query,asked", [
    ("page=lineage&id=model:no-such-model", "model:no-such-model"),
    ("page=paths&from=lang:nowhere&to=lang:swh", "lang:nowhere"),
    ("page=compare&ids=model:bloom,model:ghost", "model:ghost"),
    ("page=taxonomy&open=cat:ghost", "cat:ghost"),
    ("page=coverage&row=tech:ghost", "tech:ghost"),
    ("page=explore&id=model:ghost", "model:ghost"),
    ("page=explore&id=model:bloomz&sel=model:ghost", "model:ghost"),
])
def test_an_unknown_id_in_a_link_is_said_in_words_and_nothing_else_shown(browser, app, query, asked):
    page = _open(browser, app.url + "?" + query, 1400)
    _settle(page)
    page.wait_for_function("(id) => document.querySelector('[data-testid=stMain]').innerText.includes(id)",
                           arg=asked, timeout=WAIT_MS)
    text = _main(page)
    assert "not in the atlas" in text.lower() or "not drawn in this view" in text
    if query.startswith("page=lineage"):  # no other family in its place
        assert not page.query_selector(".atlas-graph") and "Descendants" not in text
    if query.startswith("page=compare"):
        page.get_by_text("Choose at least two").wait_for(timeout=WAIT_MS)
    page.close()


def test_defaults_name_real_entities(browser, app):
    store = _store()
    page = _open(browser, app.url + "?page=lineage", 1400)
    _drawn(page)
    lineage_id = page.evaluate("() => new URLSearchParams(location.search).get('id')")
    node = store.get_node(lineage_id)
    assert node and node["label"] == "Model" and int(_main(page).split("Descendants")[1].split()[0]) >= 5
    page.goto(app.url + "?page=compare")
    _settle(page)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=WAIT_MS)
    ids = page.evaluate("() => new URLSearchParams(location.search).get('ids')").split(",")
    assert len(ids) == 2 and all(store.get_node(i) for i in ids)
    page.goto(app.url + "?page=explore")
    _settle(page)
    page.get_by_text("start from one of these").wait_for(timeout=WAIT_MS)
    page.locator("[data-testid='stMain'] button", has_text=" · ").first.wait_for(timeout=WAIT_MS)
    _settle(page)
    buttons = [b.inner_text() for b in page.locator("[data-testid='stMain'] button").all()]
    starts = [b for b in buttons if " · " in b]
    assert len(starts) >= 3 and not any(b.split(" · ")[0].count(":") == 1 and " " not in b.split(" · ")[0]
                                        for b in starts)  # names, not raw ids
    page.close()


def test_the_post_survey_mark_is_drawn(browser, app):
    store = _store()
    later = next(n for n in store.subgraph(["ds:aya-dataset"]).nodes.values())
    assert later.get("in_survey") is False
    page = _open(browser, app.url + "?page=explore&id=ds:aya-dataset&depth=1", 1400)
    _drawn(page)
    labels = {lb["id"]: lb["text"] for lb in page.evaluate(LABELS)}
    assert labels["ds:aya-dataset"].startswith("✦")
    assert "added after the survey" in page.inner_text(".atlas-graph .ag-legend")
    page.close()


def test_time_to_a_settled_large_view_and_per_click_on_a_50_node_view(browser, app):
    from tests.support.browser import drawn_and_still

    out = {}
    page = _open(browser, app.url + "?page=explore&id=lang:eng&depth=3&limit=1000", 1400)
    t0 = time.monotonic()
    page.wait_for_selector(GRAPH, timeout=WAIT_MS)
    seconds, _ = drawn_and_still(page, t0, timeout_s=WAIT_MS / 1000)
    out["large_view_nodes"] = int(page.get_attribute(".atlas-graph", "data-nodes"))
    out["large_view_settled_s"] = round(seconds, 3)
    out["large_view_labels_drawn"] = int(page.get_attribute(".atlas-graph", "data-labels"))
    page.close()
    page = _open(browser, app.url + "?page=explore&id=ds:xlsum&depth=1", 1400)
    _drawn(page)
    out["click_view_nodes"] = int(page.get_attribute(".atlas-graph", "data-nodes"))
    ids = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.nodes.getIds().sort()")[:6]
    times = []
    for nid in ids:
        t = time.monotonic()
        page.evaluate("(id) => { const g = document.querySelector('.atlas-graph').__atlas;"
                      " g.network.emit('click', {nodes: [id], edges: [], event: {srcEvent: {}}}); }", nid)
        page.wait_for_function("(id) => new URLSearchParams(location.search).get('sel') === id", arg=nid,
                               timeout=WAIT_MS)
        page.wait_for_function("(id) => document.querySelector('[data-testid=stMain]').innerText.includes(id)"
                               " && !document.querySelector('[data-testid=\"stStatusWidget\"]')", arg=nid,
                               timeout=WAIT_MS)
        times.append(time.monotonic() - t)
    out["click_s_median"] = round(statistics.median(times), 3)
    out["click_s_max"] = round(max(times), 3)
    assert out["large_view_nodes"] >= 500 and out["click_view_nodes"] >= 45
    (ARTIFACTS / "reading-timings.json").write_text(json.dumps(out, indent=2))
    print(out)
    page.close()


def test_lineage_draws_one_generation_per_row(browser, app):
    from ui.views.lineage import lineage_view

    page = _open(browser, app.url + "?page=lineage&id=model:llama-2", 1400)
    _drawn(page)
    ys = page.evaluate("() => { const g = document.querySelector('.atlas-graph').__atlas;"
                       " const pos = g.network.getPositions(); const out = {};"
                       " for (const id in pos) out[id] = Math.round(pos[id].y); return out; }")
    members = lineage_view(_store(), "model:llama-2")["members"]
    by_generation = {}
    for m in members:
        if m["id"] in ys:
            by_generation.setdefault(m["generation"], set()).add(ys[m["id"]])
    assert len(by_generation) >= 2 and all(len(rows) == 1 for rows in by_generation.values()), by_generation
    assert len({next(iter(r)) for r in by_generation.values()}) == len(by_generation)  # a row per generation
    page.close()


def test_a_path_chosen_in_the_list_lights_up_in_the_graph(browser, app):
    page = _open(browser, app.url + "?page=paths&from=model:bloomz&to=lang:swh", 1400)
    _drawn(page)
    page.locator("[data-testid='stRadio'] label", has_text="1. (").first.click()  # the first path
    page.wait_for_function("() => new URLSearchParams(location.search).get('pick') === '1'", timeout=WAIT_MS)
    page.wait_for_function("() => document.querySelector('.atlas-graph').__atlas.nodes.get()"
                           ".some((n) => n.opacity < 1)", timeout=WAIT_MS)
    lit = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.nodes.get()"
                        ".filter((n) => n.opacity === 1).map((n) => n.id)")
    assert "model:bloomz" in lit and "lang:swh" in lit
    page.close()


def test_explore_finds_by_name_as_you_type(browser, app):
    page = _open(browser, app.url + "?page=explore", 1400)
    _settle(page)
    box = page.get_by_label("Find by name (filters as you type)")
    box.click()
    page.keyboard.type("BLOOMZ")
    page.get_by_role("option", name="BLOOMZ · Model").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('id') === 'model:bloomz'",
                           timeout=WAIT_MS)
    page.close()
