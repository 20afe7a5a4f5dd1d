"""End to end at an 800 px wide window (issue 23, item 6: "a usable layout at 800 px"): the sidebar is folded
away (or at least beside, never over, the main content), no page scrolls sideways, and the Coverage matrix's
axis labels never overprint: the rendered SVG text boxes of its labels are measured and no two overlap.
The real app in Debian's Chromium through Playwright (never skipped)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.test_browser import GRAPH, PAGES, WAIT_MS, _errors, _settle, app, browser  # noqa: F401

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 800, 900
SLACK_PX = 2  # sub-pixel rounding; a scrollbar or an overprint is many pixels

LAYOUT = """() => {  // the sidebar's box and state, and how far the page and its main content reach sideways
  const sb = document.querySelector('[data-testid=stSidebar]');
  const main = document.querySelector('[data-testid=stMain]');
  const block = document.querySelector('[data-testid=stMainBlockContainer]') || main;
  const r = sb ? sb.getBoundingClientRect() : null;
  const b = block.getBoundingClientRect();
  const scrollers = (el) => { for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
  const wide = [...main.querySelectorAll('[data-testid=stElementContainer]')]
    .filter((e) => e.offsetParent !== null && !scrollers(e))
    .map((e) => [e.querySelector('[data-testid]:not([data-testid=stElementContainer])')?.dataset.testid || '',
                 Math.round(e.getBoundingClientRect().right)])
    .filter(([, right]) => right > window.innerWidth);
  return {sidebar: sb ? {expanded: sb.getAttribute('aria-expanded'), left: r.left, right: r.right, width: r.width,
                         visible: r.width > 0 && r.right > 0} : null,
          content: {left: b.left, right: b.right},
          doc: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
          main: [main.scrollWidth, main.clientWidth], wide: wide, inner: window.innerWidth};
}"""

LABEL_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot g.xtick text, .js-plotly-plot g.ytick text')]
  .map((t) => { const r = t.getBoundingClientRect();
    return {axis: t.closest('g.xtick') ? 'x' : 'y', text: t.textContent, left: r.left, top: r.top, right: r.right,
            bottom: r.bottom}; })
  .filter((b) => b.text && b.right > b.left)"""

NARROW_PAGES = [("ask", "page=ask&q=" + quote("Which models cover Swahili?"), "[data-testid='stDataFrame']")] + PAGES


def _narrow(browser, url: str):
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    page.goto(url)
    return page


@pytest.mark.parametrize("name,query,ready", NARROW_PAGES, ids=[p[0] for p in NARROW_PAGES])
def test_at_800_px_the_sidebar_is_folded_and_nothing_scrolls_sideways(browser, app, name, query, ready):
    page = _narrow(browser, app.url + "?" + query)
    _settle(page)
    page.wait_for_selector(ready, timeout=WAIT_MS)
    _settle(page)
    # Streamlit may open the sidebar after its first paint; the page folds it again: wait for it to be folded
    # (a sidebar that stays open fails here when the wait runs out)
    page.wait_for_function("() => { const sb = document.querySelector('[data-testid=stSidebar]');"
                           " return sb && sb.getBoundingClientRect().right <= 0; }", timeout=WAIT_MS)
    _settle(page)
    got = page.evaluate(LAYOUT)
    sb = got["sidebar"]
    assert sb is not None
    # folded, or beside the content: never drawn over it
    assert not sb["visible"] or sb["right"] <= got["content"]["left"] + SLACK_PX, got
    assert sb["expanded"] != "true" and not sb["visible"], f"the sidebar stays open at {WIDTH} px: {got}"
    assert got["doc"][0] <= got["doc"][1] + SLACK_PX, f"the page scrolls sideways: {got}"
    assert got["main"][0] <= got["main"][1] + SLACK_PX, f"the main content scrolls sideways: {got}"
    assert not got["wide"], f"elements reach past the window's right edge: {got['wide']}"
    assert not _errors(page)
    page.close()


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes cross by more than the slack."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a["right"], b["right"]) - max(a["left"], b["left"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if w > SLACK_PX and h > SLACK_PX:
                out.append((a["text"], b["text"]))
    return out


def _stable_labels(page) -> list[dict]:
    """The matrix's label boxes once the chart has drawn and two readings agree (plotly lays out after resize)."""
    page.wait_for_selector(".js-plotly-plot g.xtick text", timeout=WAIT_MS, state="attached")
    _settle(page)
    last = None
    for _ in range(50):
        boxes = page.evaluate(LABEL_BOXES)
        if boxes and boxes == last:
            return boxes
        last = boxes
        page.wait_for_timeout(200)
    raise AssertionError("the chart's labels never settled")


@pytest.mark.parametrize("query", ["page=coverage", "page=coverage&cols=language",
                                   "page=coverage&rows=category", "page=coverage&rows=category&cols=language"])
def test_at_800_px_the_coverage_labels_do_not_overprint(browser, app, query):
    page = _narrow(browser, app.url + "?" + query)
    boxes = _stable_labels(page)
    xs = [b for b in boxes if b["axis"] == "x"]
    ys = [b for b in boxes if b["axis"] == "y"]
    assert len(xs) >= 5 and len(ys) >= 5, (len(xs), len(ys))
    assert not _overlaps(boxes), _overlaps(boxes)[:5]
    assert all(b["left"] >= -SLACK_PX and b["right"] <= WIDTH + SLACK_PX for b in boxes), \
        [b["text"] for b in boxes if b["left"] < 0 or b["right"] > WIDTH][:5]
    assert not _errors(page)
    page.close()
