"""README's screenshots, taken from the running app so they never go stale: starts `streamlit run ui/app.py`
on a free loopback port (embedded store), opens each page in headless Chromium (/usr/bin/chromium, through
Playwright) at 1440 x 900 and writes docs/screenshots/<page>.png. Chinese and Korean need a CJK font
(Debian: fonts-noto-cjk).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only ask,lineage]
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
GRAPH = ".atlas-graph[data-drawn='1']"
PLOT = ".js-plotly-plot"
TABLE = "[data-testid='stDataFrame']"
# (file name, query string, what shows the page is drawn, an action before the picture or None)
SHOTS = [
    ("ask", "page=ask&q=" + quote("Which PFA methods use code-switching on low-resource languages?"), GRAPH, None),
    ("explore", "page=explore&id=model:llama&depth=1", GRAPH, "graph"),
    ("lineage", "page=lineage&id=model:llama-2", GRAPH, "graph"),
    ("paths", "page=paths&from=model:bloomz&to=lang:swh&pick=1", GRAPH, "graph"),
    ("taxonomy", "page=taxonomy", PLOT, None),
    ("evolution", "page=evolution", PLOT, None),
    ("coverage", "page=coverage", PLOT, None),
    ("compare", "page=compare", TABLE, None),
    ("cypher", "page=cypher&query=" + quote("MATCH (m:Model)-[:DERIVED_FROM]->(b:Model {id: 'model:llama'}) "
                                            "RETURN m.name, m.year ORDER BY m.year"), TABLE, None),
    ("graph-panel", "page=explore&id=model:bloomz&depth=1&sel=model:bloom", GRAPH, "graph"),
    ("ask-chinese", "page=ask&q=" + quote("基于BLOOM微调的模型有哪些"), GRAPH, None),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app() -> tuple[subprocess.Popen, str]:
    """The app on a free loopback port; returns (process, base url) once it answers its health check."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(STREAMLIT_SERVER_PORT=str(port), STREAMLIT_SERVER_ADDRESS="127.0.0.1", STREAMLIT_SERVER_HEADLESS="true",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "ui/app.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("screenshots: the app did not start within 90 s")


def take(page, url: str, ready: str, action: str | None, path: Path) -> None:
    page.goto(url)
    page.wait_for_selector(ready, timeout=120_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
    page.wait_for_timeout(1200)  # plotly's transitions, the canvas's first relabel
    if action == "graph":
        page.locator(".atlas-graph").scroll_into_view_if_needed()
        page.mouse.move(2, 2)
        page.wait_for_timeout(300)
    page.screenshot(path=str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--only", default="", help="comma-separated names (default: all)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"screenshots: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    wanted = {w for w in args.only.split(",") if w}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    proc, base = start_app()
    failed = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            for name, query, ready, action in SHOTS:
                if wanted and name not in wanted:
                    continue
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                try:
                    take(page, base + "?" + query, ready, action, out / f"{name}.png")
                    print(f"wrote {out / (name + '.png')}")
                except Exception as exc:  # noqa: BLE001 - say which picture failed, take the others
                    failed += 1
                    print(f"screenshots: {name} failed: {str(exc).splitlines()[0]}", file=sys.stderr)
                page.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
