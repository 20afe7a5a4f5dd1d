"""Measuring a graph view in headless Chromium (Debian's /usr/bin/chromium): a seed directory with a
1,000-node view, the frame holding the graph's canvas, and "drawn and still" (the canvas has ink and keeps
the same picture). The browser tests wait with it; bench/bench_browser.py times it.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
BIG_QUERY = "?page=explore&id=cat:sft&depth=1&limit=2000"
RUNS = 5
GRAPH_CANVAS = ".atlas-graph canvas, #mynetwork canvas"  # the component's canvas, or the pyvis page's

# A cheap signature of what a canvas shows: a sum over a sparse sample of its pixels.
CANVAS_SIG = """() => {
  const c = document.querySelector('.atlas-graph canvas, #mynetwork canvas');
  if (!c || !c.width || !c.height) return null;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0, sig = 0;
  for (let i = 0; i < d.length; i += 4 * 97) { if (d[i + 3] > 0) { ink++; sig = (sig * 31 + d[i] + 7 * d[i + 3] + i) % 1000000007; } }
  return {ink: ink, sig: c.width + 'x' + c.height + ':' + sig, at: performance.timeOrigin + performance.now()};
}"""
# Installed before any page script: the browser's own time (epoch ms) when the graph's element first appears.
WATCH_ELEMENT = """(() => {
  const sel = "[data-testid^='stBidiComponent'], iframe";
  new MutationObserver((_, obs) => {
    if (!window.__graphAt && document.querySelector(sel)) {
      window.__graphAt = performance.timeOrigin + performance.now();
      obs.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
})();"""


def big_seed(tmp: Path, extra: int = 1100) -> Path:
    """A copy of seed_data plus ``extra`` papers under SFT alignment, so one view holds over 1,000 nodes."""
    data = tmp / "seed_data"
    shutil.copytree(ROOT / "seed_data", data)
    with open(data / "papers.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# synthetic papers for the large-view benchmark\n")
        for i in range(extra):
            fh.write(f"- id: paper:synthetic-{i:04d}\n  name: Synthetic benchmark paper {i}\n  year: 2024\n"
                     f"  provenance: 'survey:synthetic benchmark'\n"
                     f"  classified_as: [{{to: 'cat:sft', provenance: 'survey:synthetic benchmark'}}]\n")
    return data


def canvas_frame(page, timeout_s: float = 120):
    """The frame whose document holds the graph's canvas (the page itself, or the iframe of a pyvis page)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.query_selector(GRAPH_CANVAS):
                    return frame
            except Exception:  # noqa: BLE001 - a frame navigating away; look again
                pass
        page.wait_for_timeout(40)
    raise AssertionError("no graph canvas on the page")


def drawn_and_still(frame, t0: float, timeout_s: float = 120, confirm: int = 4) -> tuple[float, dict]:
    """Seconds from ``t0`` until the canvas first showed its final picture, and that picture's sample (its
    ``at``: the browser's clock, epoch ms, when the final picture was first seen)."""
    last, first_seen, first_state, same = None, None, None, 0
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = time.monotonic()
        state = frame.evaluate(CANVAS_SIG)
        if state and state["ink"] > 0:
            if state["sig"] == last:
                same += 1
                if same >= confirm:
                    return first_seen - t0, first_state
            else:
                last, first_seen, first_state, same = state["sig"], now, state, 0
        frame.wait_for_timeout(40)
    raise AssertionError("the canvas never settled")


def visit(browser, url: str) -> dict:
    """One fresh visit, timed on the browser's own clock: seconds from navigation start to drawn-and-still
    (``total``), and from the graph's element appearing on the page to drawn-and-still (``draw``: Streamlit's
    start-up left out); for the graph component also the milliseconds its own drawing took (data in hand to
    first frame)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.add_init_script(WATCH_ELEMENT)
    try:
        page.goto(url)
        _, state = drawn_and_still(canvas_frame(page), time.monotonic())
        start, element = page.evaluate("() => [performance.timeOrigin, window.__graphAt]")
        inner = page.evaluate("() => { const r = document.querySelector('.atlas-graph');"
                              " return r && r.dataset.t1 ? (+r.dataset.t1) - (+r.dataset.t0) : null; }")
        return {"total": (state["at"] - start) / 1000, "draw": (state["at"] - element) / 1000, "inner_ms": inner}
    finally:
        page.close()
