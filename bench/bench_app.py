"""The app under test and under load: page rerun server time per page, and latency with 20 concurrent sessions.

* Page reruns: each page of ui/app.py run by Streamlit's AppTest (the script as the server runs it, no
  browser), first run and warm reruns (median / p95).
* Load, library: 20 sessions in threads of one process, each asking the same questions and exporting the
  same subgraphs (JSON and SVG) against one store, versus 1 session alone: per-operation latency.
* Load, app server: 20 concurrent clients against one real ``streamlit run ui/app.py`` on loopback: plain
  HTTP (health endpoint, page HTML), and browser-less sessions over Streamlit's websocket protocol that ask,
  pick the SVG export and download (``app_sessions``), versus 1 client.

tests/test_concurrency.py runs the same workload (tests/support/app_load.py: (``workload``, ``run_sessions``, ``streamlit_server``,
``http_clients``) and asserts every concurrent answer equals the single-threaded one; here it is timed.
"""
from __future__ import annotations

import os
import sys
import time

from bench.common import save, summarise, table
from tests.support.app_load import (APP, PAGE_PARAMS, QUESTIONS, SESSIONS, app_pages, app_sessions,  # noqa: F401
                                     ask_query_string, http_clients, run_sessions, streamlit_server, workload)

def page_times(reruns: int = 8, neo4j_uri: str = "") -> list[list]:
    """[page, first run ms, rerun median / p95, state] per page, on the embedded store (``neo4j_uri`` empty)
    or on the Bolt server it names."""
    from streamlit.testing.v1 import AppTest

    saved = os.environ.get("NEO4J_URI")
    os.environ["NEO4J_URI"] = neo4j_uri
    try:
        return _page_times(AppTest, reruns)
    finally:
        if saved is None:
            os.environ.pop("NEO4J_URI", None)
        else:
            os.environ["NEO4J_URI"] = saved


def _page_times(AppTest, reruns: int) -> list[list]:
    rows = []
    for page in app_pages():
        at = AppTest.from_file(str(APP), default_timeout=300)
        at.query_params["page"] = page
        for k, v in PAGE_PARAMS.get(page, {}).items():
            at.query_params[k] = v
        t = time.perf_counter()
        at.run()
        first = (time.perf_counter() - t) * 1000
        samples = []
        for _ in range(reruns):
            t = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - t) * 1000)
        s = summarise(samples)
        problems = len(at.exception) + len(at.error)
        rows.append([page, f"{first:.0f}", f"{s['median_ms']:.0f} / {s['p95_ms']:.0f}",
                     "ok" if not problems else f"{problems} error(s)"])
    return rows


def _load_rows(store, label: str, rounds: int = 3) -> list[list]:
    tasks = workload(store)
    _, solo = run_sessions(tasks, 1, rounds=rounds)
    _, busy = run_sessions(tasks, SESSIONS, rounds=rounds)
    rows = []
    for kind in ("ask", "export json", "export svg"):
        a = summarise([x for n, v in solo.items() if n.startswith(kind) for x in v])
        b = summarise([x for n, v in busy.items() if n.startswith(kind) for x in v])
        rows.append([f"{label}: {kind}", f"{a['median_ms']:.1f} / {a['p95_ms']:.1f}",
                     f"{b['median_ms']:.1f} / {b['p95_ms']:.1f}", b["n"]])
    return rows


def main() -> None:
    from graph.store.embedded import EmbeddedStore

    pages = [["embedded", *r] for r in page_times()]
    if os.environ.get("NEO4J_URI"):
        pages += [["neo4j", *r] for r in page_times(neo4j_uri=os.environ["NEO4J_URI"])]
    print(table(["store", "page", "first run (ms)", "rerun median / p95 (ms)", "state"], pages))

    load = _load_rows(EmbeddedStore.from_data_dir(), "library, embedded")
    try:
        from graph.store import open_store

        if os.environ.get("NEO4J_URI"):
            with open_store("neo4j") as bolt:
                load += _load_rows(bolt, "library, Bolt (one driver)")
    except Exception as exc:  # noqa: BLE001 - the Bolt figures are optional here; the test suite needs them
        print(f"Bolt load figures skipped: {exc}", file=sys.stderr)

    queries = [ask_query_string(q) for q in QUESTIONS]
    select = {"Export format": "svg"}
    with streamlit_server(env={"NEO4J_URI": ""}) as base:  # the app server on the embedded store
        _, one = http_clients(base, 1, rounds=5)
        _, many = http_clients(base, SESSIONS, rounds=5)
        solo = app_sessions(base, queries, 1, select=select)
        crowd = app_sessions(base, queries, SESSIONS, select=select)
    a, b = summarise(one), summarise(many)
    load.append(["HTTP, streamlit run (health + page HTML)", f"{a['median_ms']:.1f} / {a['p95_ms']:.1f}",
                 f"{b['median_ms']:.1f} / {b['p95_ms']:.1f}", b["n"]])
    for what, pick in (("ask page run", lambda r: r["runs_ms"][:1]), ("SVG export rerun", lambda r: r["runs_ms"][1:]),
                       ("whole session (connect, 2 runs, 3 downloads)", lambda r: [r["total_ms"]])):
        a = summarise([x for r in solo[0] if "runs_ms" in r for x in pick(r)])
        b = summarise([x for c in crowd for r in c if "runs_ms" in r for x in pick(r)])
        load.append([f"websocket sessions, streamlit run: {what}", f"{a['median_ms']:.1f} / {a['p95_ms']:.1f}",
                     f"{b['median_ms']:.1f} / {b['p95_ms']:.1f}", b["n"]])
    failed = sum(1 for c in crowd for r in c if r.get("error") or r.get("exceptions"))

    headers = ["measure", "server time / latency, 1 session: median / p95 (ms)",
               f"{SESSIONS} concurrent sessions: median / p95 (ms)", "samples under load"]
    rows = [[f"page {r[1]} ({r[0]})", f"first run {r[2]}; rerun {r[3]}", "—", r[4]] for r in pages] + load
    notes = ("Page rows: AppTest runs each page script as the server does (no browser); first run includes "
             "opening the store and filling caches, reruns are warm. Load rows: each of "
             f"{SESSIONS} threads runs every question and export (3 rounds, own order), all started together; "
             "HTTP rows GET /_stcore/health and the page HTML; websocket rows are browser-less sessions speaking "
             "Streamlit's protocol to one `streamlit run ui/app.py`: each asks a question on the Ask page, picks the "
             "SVG export and downloads the answer JSON, graph JSON and SVG (the first session alone includes "
             f"opening the store). Sessions with an error under load: {failed}.")
    save("app", {"title": "App: page reruns and 20 concurrent sessions", "headers": headers, "rows": rows,
                 "notes": notes})
    print(table(headers, rows))
    print(notes)


if __name__ == "__main__":
    main()
