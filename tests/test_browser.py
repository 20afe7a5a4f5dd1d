"""End to end: the real app (`streamlit run ui/app.py` on a free loopback port) driven by headless Chromium.

Asks the user's example question and checks the results and a drawn graph; clicks a node on the canvas (the
panel and the URL follow), double-clicks one (the graph grows, then shrinks back), finds the paths between two
entities picked by name, opens a similar entity; records every request each page makes and fails on any that
leaves the machine; saves a screenshot of every page under test-artifacts/screenshots/; opens a view of over
1,000 nodes and records (never asserts) the time until it is drawn and still, and the server time of a page
rerun, in test-artifacts/timings.json. A missing browser fails the test: it is never skipped.
"""
from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
SHOTS = ARTIFACTS / "screenshots"
QUESTION = "Which PFA methods use code-switching on low-resource languages?"
WAIT_MS = 120_000  # generous upper bounds for slow CI machines; nothing asserts on durations
GRAPH = ".atlas-graph[data-drawn='1']"  # the graph component, drawn
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:", "about:")
PAGES = [  # (name, query string, a selector that shows the page has drawn its main content)
    ("explore", "page=explore&id=model:bloomz&depth=1", GRAPH),
    ("lineage", "page=lineage&id=model:bloom", GRAPH),
    ("paths", "page=paths&from=model:bloomz&to=lang:swh", GRAPH),
    ("taxonomy", "page=taxonomy", ".js-plotly-plot"),
    ("evolution", "page=evolution", ".js-plotly-plot"),
    ("coverage", "page=coverage", ".js-plotly-plot"),
    ("compare", "page=compare&ids=model:bloom,model:bloomz,model:mt0", "[data-testid='stDataFrame']"),
    ("cypher", "page=cypher&query=" + quote("MATCH (m:Model)-[:DERIVED_FROM]->(b:Model) RETURN m.name, b.name, "
                                            "b.id LIMIT 20"), "[data-testid='stDataFrame']"),
]

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """`streamlit run ui/app.py` on a free loopback port, on the embedded store (or ``data_dir``)."""

    def __init__(self, data_dir: Path | None = None):
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        env.update(STREAMLIT_SERVER_PORT=str(self.port), STREAMLIT_SERVER_ADDRESS="127.0.0.1",
                   STREAMLIT_SERVER_HEADLESS="true", STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        env.pop("MLLM_ATLAS_DATA_DIR", None)
        if data_dir:
            env["MLLM_ATLAS_DATA_DIR"] = str(data_dir)
        self.log = open(ARTIFACTS / f"streamlit-{self.port}.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "ui/app.py"], cwd=ROOT, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"streamlit did not start; see {self.log.name}")
            time.sleep(0.3)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app():
    ARTIFACTS.mkdir(exist_ok=True)
    a = App()
    yield a
    a.stop()


NODE_AT = """(which) => {  // a node's place on the screen (vis-network's own coordinates, mapped to the page)
  const root = document.querySelector('.atlas-graph');
  const g = root.__atlas;
  const pos = g.network.getPositions();
  const ids = Object.keys(pos).filter((i) => !g.nodes.get(i).hidden).sort();
  const id = which === '' ? ids.find((i) => i !== g.selected) : which;
  const d = g.network.canvasToDOM(pos[id]);
  const c = g.ui.canvas.getBoundingClientRect();
  return {id: id, x: c.left + d.x, y: c.top + d.y};
}"""


def _open(browser, url: str, height: int = 1800):
    """A new page that records every request it makes (``page.requests``), opened at ``url``."""
    page = browser.new_page(viewport={"width": 1400, "height": height})
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("websocket", lambda ws: page.requests.append(ws.url))
    page.goto(url)
    return page


def _offline(page) -> None:
    """Every request the page made stayed on this machine."""
    away = [u for u in page.requests if not u.startswith(LOCAL)]
    assert not away, f"requests that leave the machine: {away[:5]}"


def _wait_still(frame) -> dict:
    """Wait until the graph canvas shows ink and keeps the same picture (bench.bench_browser's measure)."""
    from tests.support.browser import drawn_and_still

    return drawn_and_still(frame, time.monotonic(), timeout_s=WAIT_MS / 1000)[1]


def _graph(page):
    """The frame holding the graph canvas, once the graph component has drawn."""
    from tests.support.browser import canvas_frame

    page.wait_for_selector(GRAPH, timeout=WAIT_MS)
    return canvas_frame(page, WAIT_MS / 1000)


def _errors(page) -> list[str]:
    """Texts of error messages and exception boxes on the page."""
    return page.evaluate("() => [...document.querySelectorAll('[data-testid=stException], "
                         "[data-testid=stAlertContentError]')].map(e => e.innerText)")


def _settle(page):
    """Wait until Streamlit has finished running the script (its status widget is gone)."""
    page.wait_for_selector("h1", timeout=WAIT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)


def _count(page) -> int:
    return int(page.get_attribute(".atlas-graph", "data-nodes"))


def test_ask_the_users_question_shows_results_and_a_drawn_graph(browser, app):
    page = _open(browser, app.url + "?page=ask", 2000)
    page.get_by_role("button", name=QUESTION).click()
    page.get_by_text("Understood as:").wait_for(timeout=WAIT_MS)
    heading = page.get_by_role("heading", name="Results").or_(page.locator("h3:has-text('Results (')"))
    heading.first.wait_for(timeout=WAIT_MS)
    assert "Results (0)" not in page.inner_text("body")
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=WAIT_MS)  # the results table
    # the generated Cypher, in its expander (which may render after the table on a cold start)
    page.get_by_text("The query: Cypher and its parameters").click()
    page.wait_for_function("document.body.innerText.includes('MATCH (x:Method)')", timeout=WAIT_MS)
    state = _wait_still(_graph(page))
    assert state["ink"] > 50
    assert "q=Which" in page.url  # the question is in the URL
    assert not _errors(page)
    _settle(page)
    page.screenshot(path=str(SHOTS / "ask.png"))
    _offline(page)
    page.close()


@pytest.mark.parametrize("name,query,ready", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_renders_in_the_browser_and_stays_offline(browser, app, name, query, ready):
    page = _open(browser, app.url + "?" + query)
    _settle(page)
    page.wait_for_selector(ready, timeout=WAIT_MS)
    if ready == GRAPH:
        assert _wait_still(_graph(page))["ink"] > 0
    else:
        page.wait_for_timeout(800)  # let plotly finish its transition before the picture is taken
    body = page.inner_text("body")
    assert "Traceback" not in body and not _errors(page)
    assert "Store:" in body and "embedded" in body
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    icons = page.evaluate("() => [...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
    assert icons and all(i.startswith(LOCAL) for i in icons), icons  # the favicon is served by the app
    _offline(page)
    page.close()


def test_click_a_node_shows_its_panel_and_puts_it_in_the_url(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1")
    _wait_still(_graph(page))
    _settle(page)
    before = _count(page)
    node = page.evaluate(NODE_AT, "")
    page.mouse.click(node["x"], node["y"])
    page.wait_for_function("(id) => new URLSearchParams(location.search).get('sel') === id", arg=node["id"],
                           timeout=WAIT_MS)
    panel = page.locator("[data-testid='stColumn']", has=page.get_by_role("button", name="Open in Explore"))
    expect(panel.first).to_contain_text(node["id"], timeout=WAIT_MS)
    assert _count(page) == before  # the graph itself did not change
    page.mouse.move(5, 5)  # no hover title over the picture
    page.wait_for_timeout(400)
    page.screenshot(path=str(SHOTS / "graph-panel.png"))
    # the same link, opened afresh, shows the same node in the panel
    again = _open(browser, page.url)
    again.get_by_role("button", name="Open in Explore").wait_for(timeout=WAIT_MS)
    again.wait_for_function("(id) => document.body.innerText.includes(id)", arg=node["id"], timeout=WAIT_MS)
    _offline(page)
    again.close()
    page.close()


def test_double_click_expands_in_place_and_again_collapses(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1")
    _wait_still(_graph(page))
    _settle(page)
    before = _count(page)
    node = page.evaluate(NODE_AT, "cat:sft")
    kept = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.network.getPositions()")
    page.mouse.dblclick(node["x"], node["y"])
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes > {before}", timeout=WAIT_MS)
    grown = _count(page)
    after = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.network.getPositions()")
    assert all(abs(after[i]["x"] - p["x"]) < 0.5 and abs(after[i]["y"] - p["y"]) < 0.5 for i, p in kept.items())
    _settle(page)
    node = page.evaluate(NODE_AT, "cat:sft")
    page.mouse.dblclick(node["x"], node["y"])
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {before}",
                           timeout=WAIT_MS)
    assert grown > before
    page.get_by_role("button", name="◀ Back").click()  # back to the expanded view
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {grown}",
                           timeout=WAIT_MS)
    _offline(page)
    page.close()


def test_hide_from_the_menu_and_export_a_box_selection(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1")
    _wait_still(_graph(page))
    _settle(page)
    before = _count(page)
    node = page.evaluate(NODE_AT, "")
    page.mouse.click(node["x"], node["y"], button="right")
    page.locator(".atlas-graph .ag-item", has_text="Hide").click()
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {before - 1}",
                           timeout=WAIT_MS)
    page.get_by_role("button", name="Show hidden").click()
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {before}",
                           timeout=WAIT_MS)
    _settle(page)
    page.locator(".atlas-graph .ag-canvas").scroll_into_view_if_needed()
    box = page.locator(".atlas-graph .ag-canvas").bounding_box()
    page.keyboard.down("Shift")
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + box["height"] - 5, steps=5)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.get_by_text("nodes selected together").wait_for(timeout=WAIT_MS)
    chosen = int(page.get_by_text("nodes selected together").inner_text().split()[0])
    assert 1 < chosen <= before
    assert page.locator("[class*='st-key-explore_chosen_dl']").count() == 0  # no export before a format is picked
    page.locator("[class*='st-key-explore_chosen_fmt']").click()
    page.keyboard.type("graphml")
    page.get_by_role("option").first.wait_for(timeout=WAIT_MS)
    page.keyboard.press("Enter")
    # its download button; the container can show a moment before its label, so wait for the text itself
    expect(page.locator("[class*='st-key-explore_chosen_dl']")).to_contain_text("GRAPHML", timeout=WAIT_MS)
    _offline(page)
    page.close()


def _pick(page, label: str, text: str) -> None:
    box = page.locator("[data-testid='stSelectbox']", has=page.get_by_text(label, exact=True)).first
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").first.wait_for(timeout=WAIT_MS)
    page.keyboard.press("Enter")
    _settle(page)


CANVAS_NOW = """() => {  // what the canvas shows: each node not hidden, where it is (canvas pixels), and its name
  const g = document.querySelector('.atlas-graph').__atlas;
  const pos = g.network.getPositions();
  const out = {};
  for (const n of g.nodes.get({filter: (n) => !n.hidden})) out[n.id] = {x: pos[n.id].x, y: pos[n.id].y, name: n.name};
  return out;
}"""


def _drag(page, node_id: str, dx: float, dy: float) -> None:
    """Drag a node by (dx, dy) screen pixels and wait until the canvas has measured where it now is."""
    moves = page.get_attribute(".atlas-graph", "data-moves") or "0"
    start = page.evaluate(NODE_AT, node_id)
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(start["x"] + dx / 2, start["y"] + dy / 2, steps=6)
    page.mouse.move(start["x"] + dx, start["y"] + dy, steps=6)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector('.atlas-graph').dataset.moves !== '{moves}'",
                           timeout=WAIT_MS)


def test_export_the_canvas_as_it_is(browser, app):
    """Hide a node, drag a node, expand it (its new neighbours land around where it was dropped), drag one of
    them, then download the HTML export: it holds exactly the nodes the canvas shows (the hidden one out, the
    new neighbours in), each where the canvas has it (both dragged nodes where they were dropped, the new
    neighbours around the moved one), under the view's human name."""
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1")
    _wait_still(_graph(page))
    _settle(page)
    first = page.evaluate(CANVAS_NOW)
    gone = sorted(i for i in first if i not in ("model:bloomz", "cat:sft"))[0]
    node = page.evaluate(NODE_AT, gone)
    page.mouse.click(node["x"], node["y"], button="right")
    page.locator(".atlas-graph .ag-item", has_text="Hide").click()
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {len(first) - 1}",
                           timeout=WAIT_MS)
    _settle(page)
    _drag(page, "cat:sft", -120, 70)
    moved = page.evaluate(CANVAS_NOW)["cat:sft"]
    assert abs(moved["x"] - first["cat:sft"]["x"]) > 20 and abs(moved["y"] - first["cat:sft"]["y"]) > 10
    _settle(page)
    moves = page.get_attribute(".atlas-graph", "data-moves")
    node = page.evaluate(NODE_AT, "cat:sft")
    page.mouse.dblclick(node["x"], node["y"])
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes > {len(first) - 1}",
                           timeout=WAIT_MS)
    # the new neighbours followed the moved node, so the canvas measured again (Python placed them elsewhere)
    page.wait_for_function(f"() => document.querySelector('.atlas-graph').dataset.moves !== '{moves}'",
                           timeout=WAIT_MS)
    _settle(page)
    grown = page.evaluate(CANVAS_NOW)
    added = sorted(set(grown) - set(first))
    assert added and gone not in grown
    dragged = added[0]
    _drag(page, dragged, 140, 90)
    now = page.evaluate(CANVAS_NOW)
    assert abs(now[dragged]["x"] - grown[dragged]["x"]) > 20 and abs(now[dragged]["y"] - grown[dragged]["y"]) > 10
    _settle(page)
    _pick(page, "Export format", "html")  # chosen after the canvas changes: its rerun carries all of them
    button = page.get_by_role("button", name="Download HTML")
    button.wait_for(timeout=WAIT_MS)
    _settle(page)
    with page.expect_download(timeout=WAIT_MS) as dl:
        button.click()
    html_text = Path(dl.value.path()).read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html_text,
                                re.DOTALL).group(1))
    exported = {n["id"]: n for n in data["nodes"]}
    assert set(exported) == set(now)  # the canvas: hidden out, the expanded neighbours in
    assert gone not in exported and set(added) <= set(exported)
    for nid, p in now.items():  # every node where the canvas shows it (positions are sent rounded)
        assert abs(exported[nid]["x"] - p["x"]) <= 1 and abs(exported[nid]["y"] - p["y"]) <= 1, nid
    title = re.search(r"<title>(.*?)</title>", html_text).group(1)
    assert title == f"{now['model:bloomz']['name']}: its neighbourhood", title
    assert "model-bloomz" not in title
    assert not _errors(page)
    _offline(page)
    page.close()


def test_a_view_left_and_come_back_to_shows_what_was_done_to_it(browser, app):
    """Hide a node and drag another, change the node limit (another view: the canvas is drawn afresh) and change
    it back: the canvas comes back with the node still hidden and the other where it was dropped, as the
    exports of that view draw them."""
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1")
    _wait_still(_graph(page))
    _settle(page)
    first = page.evaluate(CANVAS_NOW)
    gone, dragged = sorted(i for i in first if i != "model:bloomz")[:2]
    node = page.evaluate(NODE_AT, gone)
    page.mouse.click(node["x"], node["y"], button="right")
    page.locator(".atlas-graph .ag-item", has_text="Hide").click()
    page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {len(first) - 1}",
                           timeout=WAIT_MS)
    _settle(page)
    _drag(page, dragged, 110, -60)
    dropped = page.evaluate(CANVAS_NOW)[dragged]
    _settle(page)
    limit = page.get_by_label("Node limit")
    was = limit.input_value()
    for value, count in ((str(int(was) - 50), len(first)), (was, len(first) - 1)):
        base = page.evaluate("() => document.querySelector('.atlas-graph').__atlas.base")
        limit.fill(value)
        limit.press("Enter")
        page.wait_for_function(f"() => document.querySelector('.atlas-graph').__atlas.base !== '{base}'",
                               timeout=WAIT_MS)
        page.wait_for_function(f"() => +document.querySelector('.atlas-graph').dataset.nodes === {count}",
                               timeout=WAIT_MS)
        _settle(page)
    back = page.evaluate(CANVAS_NOW)
    assert gone not in back and set(back) == set(first) - {gone}
    assert abs(back[dragged]["x"] - dropped["x"]) <= 1 and abs(back[dragged]["y"] - dropped["y"]) <= 1
    assert not _errors(page)
    _offline(page)
    page.close()


FULL_GEOMETRY = """() => {
  const root = document.querySelector('.atlas-graph');
  const g = root.__atlas;
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const pos = g.network.getPositions();
  const inside = Object.keys(pos).filter((id) => !g.nodes.get(id).hidden).every((id) => {
    const d = g.network.canvasToDOM(pos[id]);
    return d.x >= 0 && d.y >= 0 && d.x <= g.ui.canvas.clientWidth && d.y <= g.ui.canvas.clientHeight;
  });
  const drawn = g.ui.canvas.querySelector('canvas');
  return {full: document.fullscreenElement === root, mode: root.dataset.fullscreen, w: innerWidth, h: innerHeight,
          root: box(root), canvas: box(g.ui.canvas), legend: box(g.ui.legend), drawn: box(drawn),
          legendItems: g.ui.legend.children.length, inside, button: g.ui.full.textContent};
}"""


def test_fullscreen_puts_the_canvas_on_the_whole_screen(browser, app):
    """The Fullscreen button makes the component's root the document's fullscreen element (the Fullscreen API,
    which headless Chromium grants to a click); the canvas then takes the screen's width and the height the bar
    and the legend leave, every node is inside it, and the legend is on screen. Esc leaves (headless Chromium
    has no browser UI to catch Esc: the component's own handler is what this exercises). With the API refused,
    the same button maximises the component over the viewport (CSS), checked the same way."""
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1", 900)
    _wait_still(_graph(page))
    _settle(page)
    before = page.evaluate(FULL_GEOMETRY)
    page.locator(".atlas-graph .ag-btn", has_text="Fullscreen").click()
    page.wait_for_function("() => document.querySelector('.atlas-graph').dataset.fullscreen === 'api'",
                           timeout=WAIT_MS)
    got = page.evaluate(FULL_GEOMETRY)
    assert got["full"] and got["button"] == "Exit fullscreen"
    assert got["root"] == {"x": 0, "y": 0, "w": got["w"], "h": got["h"]}
    assert got["canvas"]["w"] >= got["w"] - 30 and got["canvas"]["h"] > before["canvas"]["h"]
    assert got["drawn"]["w"] >= got["canvas"]["w"] - 2 and got["drawn"]["h"] >= got["canvas"]["h"] - 2  # resized
    assert got["canvas"]["y"] + got["canvas"]["h"] <= got["legend"]["y"] + 1  # the legend under it,
    assert got["legend"]["y"] + got["legend"]["h"] <= got["h"] and got["legendItems"] > 0  # on screen
    assert got["canvas"]["y"] + got["canvas"]["h"] >= got["h"] - got["legend"]["h"] - 40  # no height left over
    assert got["inside"]  # refitted: every node on screen
    page.screenshot(path=str(SHOTS / "fullscreen.png"))
    page.keyboard.press("Escape")
    left = "() => !document.fullscreenElement && !document.querySelector('.atlas-graph').dataset.fullscreen"
    page.wait_for_function(left, timeout=WAIT_MS)
    after = page.evaluate(FULL_GEOMETRY)
    assert after["canvas"]["h"] == before["canvas"]["h"] and after["button"] == "Fullscreen"
    # where a browser refuses the Fullscreen API, the canvas is maximised over the viewport instead
    page.evaluate("() => { Element.prototype.requestFullscreen = () => Promise.reject(new Error('refused')); }")
    page.locator(".atlas-graph .ag-btn", has_text="Fullscreen").click()
    page.wait_for_function("() => document.querySelector('.atlas-graph').dataset.fullscreen === 'css'",
                           timeout=WAIT_MS)
    css = page.evaluate(FULL_GEOMETRY)
    assert not css["full"] and css["root"] == {"x": 0, "y": 0, "w": css["w"], "h": css["h"]}
    assert css["canvas"]["w"] >= css["w"] - 30 and css["canvas"]["h"] == got["canvas"]["h"] and css["inside"]
    assert css["legend"]["y"] + css["legend"]["h"] <= css["h"]
    page.keyboard.press("Escape")
    page.wait_for_function(left, timeout=WAIT_MS)
    assert page.evaluate(FULL_GEOMETRY)["canvas"]["h"] == before["canvas"]["h"]
    _offline(page)
    page.close()


def test_open_a_path_between_two_named_entities(browser, app):
    page = _open(browser, app.url + "?page=paths")
    _settle(page)
    _pick(page, "From", "BLOOMZ")
    _pick(page, "To", "Swahili")
    page.get_by_role("heading", name="Paths (").first.wait_for(timeout=WAIT_MS)
    first = page.locator("[data-testid='stRadio'] label", has_text="1. (").first.inner_text()  # path 1
    assert first.split(") ", 1)[1].startswith("BLOOMZ") and first.strip().endswith("Swahili"), first
    assert "from=model%3Abloomz" in page.url and "to=lang%3Aswh" in page.url
    _wait_still(_graph(page))
    _settle(page)
    page.screenshot(path=str(SHOTS / "paths.png"))
    assert not _errors(page)
    _offline(page)
    page.close()


def test_open_a_similar_entity(browser, app):
    page = _open(browser, app.url + "?page=explore&id=model:bloomz&depth=1")
    _settle(page)
    table = page.locator("[class*='st-key-explore_similar']")
    table.scroll_into_view_if_needed()
    table.locator("canvas").first.wait_for(timeout=WAIT_MS)
    _settle(page)
    page.wait_for_timeout(1500)  # the grid lays out its rows after its canvas appears
    moved = "() => new URLSearchParams(location.search).get('id') !== 'model:bloomz'"
    for attempt in range(3):
        table.scroll_into_view_if_needed()  # the graph above may have grown since
        page.wait_for_timeout(300)
        box = table.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
        try:
            page.wait_for_function(moved, timeout=WAIT_MS // 4)
            break
        except Exception:  # noqa: BLE001 - a click the grid was not ready for: try again
            if attempt == 2:
                page.screenshot(path=str(ARTIFACTS / "similar-failed.png"), full_page=True)
                raise
    _settle(page)
    opened = page.evaluate("() => new URLSearchParams(location.search).get('id')")
    assert opened.startswith(("model:", "method:", "ds:", "paper:")) and opened != "model:bloomz"
    expect(page.locator("body")).to_contain_text(opened, timeout=WAIT_MS)
    _offline(page)
    page.close()


def test_a_view_of_over_1000_nodes_draws_and_settles(browser, tmp_path_factory):
    """Timings are recorded for the closing note, never asserted (bench/bench_browser.py has the figures)."""
    from streamlit.testing.v1 import AppTest

    from tests.support.browser import BIG_QUERY, big_seed, canvas_frame, drawn_and_still

    data = big_seed(tmp_path_factory.mktemp("big"))
    big = App(data)
    draws = []
    try:
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1400, "height": 1400})
            t0 = time.monotonic()
            page.goto(big.url + BIG_QUERY)
            seconds, _ = drawn_and_still(canvas_frame(page, WAIT_MS / 1000), t0, WAIT_MS / 1000)
            draws.append(seconds)
            shown = _count(page)
            assert shown >= 1000, shown
            assert "Large view" not in page.inner_text("body")  # nothing trimmed below the limit asked
            page.screenshot(path=str(SHOTS / "large-view.png"))
            page.close()
    finally:
        big.stop()
    os.environ["MLLM_ATLAS_DATA_DIR"] = str(data)
    try:
        at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=300)
        at.query_params.update({"page": "explore", "id": "cat:sft", "depth": "1", "limit": "2000"})
        at.run()
        assert not at.exception
        reruns = []
        for _ in range(5):
            t0 = time.monotonic()
            at.run()
            reruns.append(time.monotonic() - t0)
    finally:
        del os.environ["MLLM_ATLAS_DATA_DIR"]
    timings = {"large_view_nodes": shown, "canvas_drawn_and_still_s": [round(d, 3) for d in draws],
               "canvas_drawn_and_still_median_s": round(statistics.median(draws), 3),
               "page_rerun_server_s": [round(r, 3) for r in reruns],
               "page_rerun_server_median_s": round(statistics.median(reruns), 3)}
    (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=2) + "\n")
    print(json.dumps(timings))


def test_a_question_with_an_unplaced_word_is_withheld_with_did_you_mean_buttons(browser, app):
    """Ask never answers a wider question: an unplaced word gives a warning in place of the table, with
    the did-you-mean candidates as buttons; clicking one asks the corrected question, which is answered."""
    from urllib.parse import quote

    page = _open(browser, app.url + "?page=ask&q=" + quote("which models were trained on Elvish"), 2000)
    page.get_by_text("Not answered: nothing was run").wait_for(timeout=WAIT_MS)
    _settle(page)
    body = page.inner_text("body")
    assert "Results (" not in body and "elvish" in body.lower()
    assert not page.query_selector("[data-testid='stDataFrame']")  # no table at all
    page.get_by_role("button", name="Ignore these words and ask again").wait_for(timeout=WAIT_MS)
    choice = page.get_by_role("button", name=re.compile(r"^elvish → English \(Language\)"))
    choice.click()
    page.get_by_text("Understood as:").wait_for(timeout=WAIT_MS)
    page.locator("h3:has-text('Results (')").first.wait_for(timeout=WAIT_MS)
    _settle(page)
    assert page.input_value("input[aria-label='Question']").lower().endswith("trained on english")
    assert "Not answered" not in page.inner_text("body") and not _errors(page)
    _offline(page)
    page.close()


@pytest.mark.parametrize("question,said", [("when was BLOOM released", "BLOOM was released in 2022"),
                                           ("is LLaMA open", "LLaMA is open")])
def test_a_value_and_a_yes_no_answer_are_sentences_with_their_sources(browser, app, question, said):
    """A value question and a yes/no question answer in one sentence on the Ask page, with the sources as
    links to the papers (arXiv), never a list of the papers that introduce the model."""
    from urllib.parse import quote

    page = _open(browser, app.url + "?page=ask&q=" + quote(question), 2000)
    page.get_by_text(said).first.wait_for(timeout=WAIT_MS)
    _settle(page)
    body = page.inner_text("body")
    assert "Sources:" in body and "Not answered" not in body and not _errors(page)
    links = page.eval_on_selector_all("a[href^='https://arxiv.org/abs/']", "els => els.map(e => e.href)")
    assert links, "no link to a source"
    _offline(page)
    page.close()
