"""The hostile-data fixture in headless Chromium (issue 21): the HTML export and the app's key pages, every
request intercepted (one that would leave the machine is recorded and aborted), every dialog recorded, every
node hovered; no dialog, no request off the machine, no element or attribute from the data, and hover titles
that are text (no child elements)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support import hostile
from tests.support.browser import ARGS, CHROMIUM

pytestmark = pytest.mark.browser
WAIT_MS = 120_000
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "file:", "data:", "blob:", "about:")

# Everything in the document that only markup from the data could have made.
FOREIGN = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const local = (u) => !u || u.startsWith(location.origin) || u.startsWith('data:') || u.startsWith('blob:');
    if (['iframe', 'object', 'embed', 'video', 'audio', 'form'].includes(tag)
        || (['img', 'script'].includes(tag) && !local(el.src))) out.push('<' + tag + ' ' + el.src + '>');
    for (const a of el.attributes) {
      const v = (a.value || '').trim().toLowerCase();
      let host = '';
      if (['href', 'src', 'action', 'xlink:href'].includes(a.name)) {
        try { host = new URL(a.value, location.href).hostname; } catch (e) { host = ''; }
      }
      if (/^on[a-z]+$/.test(a.name) || v.startsWith('javascript:') || v.startsWith('data:text')
          || host.endsWith('tracker.example'))  // the fixture's off-site host: only text may name it
        out.push('<' + tag + ' ' + a.name + '=' + a.value.slice(0, 60) + '>');
    }
  }
  return out;
}"""
# Hover every node of the vis-network on the page and return each tooltip's child elements and text.
HOVER_ALL = """async (net) => {
  const network = net === 'export' ? window.network : document.querySelector('.atlas-graph').__atlas.network;
  const canvas = network.body.container.querySelector('canvas');
  const box = canvas.getBoundingClientRect();
  const pos = network.getPositions();
  network.fit({animation: false});
  const out = [];
  for (const id of Object.keys(pos)) {
    const d = network.canvasToDOM(network.getPositions([id])[id]);
    out.push({id: id, x: box.left + d.x, y: box.top + d.y});
  }
  return out;
}"""
TOOLTIP = """() => [...document.querySelectorAll('div.vis-tooltip')].map(t => ({  // innerText makes <br> of \\n
  children: [...t.querySelectorAll('*')].filter(e => e.tagName !== 'BR').length, text: t.innerText,
  shown: t.style.visibility !== 'hidden'}))"""


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _guarded_page(browser):
    """A page that aborts and records every request leaving the machine, and records every dialog."""
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    page.away, page.dialogs = [], []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            page.away.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("websocket", lambda ws: None if ws.url.startswith(LOCAL) else page.away.append(ws.url))
    return page


def _hover_every_node(page, which: str) -> list[dict]:
    shown = []
    for spot in page.evaluate(HOVER_ALL, which):
        page.mouse.move(spot["x"], spot["y"])
        page.wait_for_timeout(250)
        shown += [t for t in page.evaluate(TOOLTIP) if t["shown"]]
    return shown


def _clean(page) -> None:
    assert not page.dialogs, f"dialogs: {page.dialogs}"
    assert not page.away, f"requests that would leave the machine: {page.away[:5]}"
    assert not page.evaluate(FOREIGN), page.evaluate(FOREIGN)


def test_the_html_export_in_chromium(browser, tmp_path):
    from graph.export import write

    data = hostile.load()
    out = tmp_path / "hostile.html"
    write(data, "html", out, title="t <img src=x onerror=alert(1)>")
    page = _guarded_page(browser)
    page.goto(out.as_uri())
    page.wait_for_function("() => window.network && document.querySelector('#mynetwork canvas')", timeout=WAIT_MS)
    tips = _hover_every_node(page, "export")
    assert len(tips) >= len(data.nodes) // 2, "hover titles did not show: the test would prove nothing"
    assert all(t["children"] == 0 for t in tips), [t for t in tips if t["children"]][:3]
    assert any("onerror" in t["text"] for t in tips)  # the data is there, as text
    _clean(page)
    page.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from tests.support.app_load import streamlit_server

    tmp = tmp_path_factory.mktemp("hostile-app")
    views = tmp / "views.json"
    views.write_text(json.dumps({"views": {
        "![v](https://tracker.example/v.png) <img src=x onerror=alert(1)> `v`":
            {"page": "explore", "id": "model:beta-chat", "q": "![q](https://tracker.example/q.png)"}}}),
        encoding="utf-8")
    env = {"MLLM_ATLAS_DATA_DIR": str(hostile.HOSTILE), "MLLM_ATLAS_CACHE_DIR": "off",
           "MLLM_ATLAS_VIEWS": str(views), "NEO4J_URI": ""}
    with streamlit_server(env, timeout=120, launcher=[str(hostile.ROOT / "tests" / "support" / "hostile.py")]) as base:
        yield base


@pytest.mark.parametrize("query,graph", [
    ("page=explore&id=model:beta-chat&depth=2", True),
    ("page=ask&q=what%20is%20BetaChat%20built%20on", True),
    ("page=explore&id=x%60!%5Bi%5D(https://tracker.example/id.png)%60%3Cimg%20src=x%20onerror=alert(1)%3E", False),
    ("page=taxonomy&items=true", False),
    ("page=paths&from=model:beta-chat-plus&to=lang:eng", True),
])
def test_key_pages_in_chromium(browser, hostile_server, query, graph):
    page = _guarded_page(browser)
    page.goto(f"{hostile_server}/?{query}")
    page.wait_for_selector("h1", timeout=WAIT_MS)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)
    if graph:
        page.wait_for_selector(".atlas-graph[data-drawn='1']", timeout=WAIT_MS)
        tips = _hover_every_node(page, "app")
        assert all(t["children"] == 0 for t in tips), [t for t in tips if t["children"]][:3]
    page.get_by_text("Saved views").first.click()  # open the sidebar block with the hostile view
    page.wait_for_timeout(500)
    time.sleep(0.5)
    body = page.inner_text("body")
    assert "tracker.example" in body or "onerror" in body  # the data is shown, as text
    _clean(page)
    page.close()
