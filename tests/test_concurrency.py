"""Load: 20 concurrent sessions asking and exporting against one process, every answer as when alone.

* Library API from 20 threads (the honest equivalent of 20 app sessions: Streamlit runs each session's
  script in its own thread of one process, over the same cached store): each session asks every question
  and exports every subgraph (JSON and SVG), in its own order, all sessions released together; every
  result equals the single-threaded one. On the embedded store, and on the Bolt store with one driver.
* A real ``streamlit run ui/app.py`` on loopback: 20 concurrent HTTP clients on its health endpoint and
  the page HTML, and 20 concurrent browser-less sessions speaking Streamlit's websocket protocol that ask
  on the Ask page, pick the SVG export and download the answer JSON and the SVG; every response and
  every download identical to a session alone's, every answer the library's.

Latency under load is recorded by bench/bench_app.py, not asserted here.
"""
from __future__ import annotations

import pytest

from tests.support.app_load import QUESTIONS, SESSIONS, http_clients, run_sessions, streamlit_server, workload

pytestmark = pytest.mark.slow  # 20 sessions at once: minutes, not seconds


def _check_sessions(store, rounds: int, kind: str) -> None:
    tasks = [t for t in workload(store) if t[0].startswith(kind)]
    assert tasks, kind
    reference = {name: fn() for name, fn in tasks}  # single-threaded, before any concurrency
    for name, value in reference.items():
        assert not (isinstance(value, tuple) and value and value[0] == "error"), f"{name}: {value}"
        assert value, f"{name}: empty reference answer"
    stats = store.stats()
    results, latencies = run_sessions(tasks, SESSIONS, rounds=rounds)
    assert len(results) == SESSIONS >= 20
    wrong = []
    for i, session in enumerate(results):
        assert set(session) == set(reference), f"session {i} lost tasks"
        for name, values in session.items():
            assert len(values) == rounds, f"session {i}: {name} ran {len(values)} times"
            for v in values:
                if v != reference[name]:
                    wrong.append((i, name, v if isinstance(v, tuple) else f"{len(v)} bytes/chars, differs"))
    assert not wrong, f"{len(wrong)} of {SESSIONS * rounds * len(tasks)} answers differ from the single-threaded " \
                      f"ones, e.g. {wrong[:3]}"
    assert sum(len(v) for v in latencies.values()) == SESSIONS * rounds * len(tasks)
    assert store.stats() == stats


@pytest.mark.parametrize("kind", ["ask", "export json", "export svg"])
def test_twenty_sessions_get_the_single_threaded_answers(store, kind):
    """Each kind separately, so a failure names what breaks under concurrency."""
    _check_sessions(store, rounds=1 if kind == "export svg" else 2, kind=kind)


def test_the_workload_covers_asking_and_both_export_formats(embedded_store):
    names = [n for n, _ in workload(embedded_store)]
    assert sum(n.startswith("ask") for n in names) == len(QUESTIONS) >= 5
    assert any(n.startswith("export json") for n in names) and any(n.startswith("export svg") for n in names)
    answers = {n: fn() for n, fn in workload(embedded_store)}
    assert all(answers[n] for n in names)
    svg = next(v for n, v in answers.items() if n.startswith("export svg"))
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg


def test_twenty_http_clients_against_one_streamlit_server():
    with streamlit_server() as base:
        reference, _ = http_clients(base, 1, rounds=1)
        responses, samples = http_clients(base, SESSIONS, rounds=3)
    ref = {p: (status, body) for p, status, body in reference[0]}
    assert ref["/_stcore/health"] == (200, b"ok")
    assert all(status == 200 for status, _ in ref.values()), {p: s for p, (s, _) in ref.items()}
    assert b"<div id=\"root\">" in ref["/"][1] or b"id=\"root\"" in ref["/"][1]
    assert len(responses) == SESSIONS
    bad = [(i, p, status) for i, client in enumerate(responses) for p, status, body in client
           if (status, body) != ref[p]]
    assert not bad, f"{len(bad)} responses differ under load, e.g. {bad[:5]}"
    assert len(samples) == SESSIONS * 3 * len(ref)


def test_twenty_app_sessions_ask_and_export_over_the_websocket(embedded_store):
    """20 concurrent browser-less sessions (Streamlit's websocket protocol) on one `streamlit run`: each
    asks every question on the Ask page, then picks the SVG export; every session sees the answer the
    library gives and downloads the same answer JSON and SVG bytes as a session alone (an export is written
    only once its format is picked)."""
    import json

    from tests.support.app_load import app_sessions, ask_query_string
    from graph.ask import ask

    questions = [q for q in QUESTIONS if ask(embedded_store, q).results][:3]  # answered with a graph to export
    assert len(questions) == 3
    queries = [ask_query_string(q) for q in questions]
    select = {"Export format": "svg"}
    with streamlit_server(env={"NEO4J_URI": ""}) as base:
        alone = app_sessions(base, queries, 1, select=select)[0]
        crowd = app_sessions(base, queries, SESSIONS, select=select)
    ref = {}
    by_query = {rec["query"]: rec for rec in alone}
    assert set(by_query) == set(queries)
    for q in questions:
        rec = by_query[ask_query_string(q)]
        assert not rec.get("error") and not rec["exceptions"], rec
        library = json.loads(json.dumps(ask(embedded_store, q).to_json(), ensure_ascii=False, default=str))
        app = json.loads(rec["downloads"]["Download answer (JSON)"])
        results = [{k: v for k, v in r.items() if k != "after_survey"} for r in app["results"]]  # the download's flag
        assert results == library["results"] and app["cypher"] == library["cypher"], q
        assert all(isinstance(r["after_survey"], bool) for r in app["results"])
        assert f"Results ({len(library['results'])})" in rec["headings"]
        assert set(rec["downloads"]) == {"Download answer (JSON)", "Download SVG"}, rec["downloads"].keys()
        assert rec["downloads"]["Download SVG"].lstrip().startswith(b"<?xml")
        ref[rec["query"]] = rec
    assert len(crowd) == SESSIONS
    bad = []
    for i, client in enumerate(crowd):
        assert len(client) == len(queries), f"client {i} held {len(client)} sessions"
        for rec in client:
            if rec.get("error") or rec["exceptions"]:
                bad.append((i, rec["query"], rec.get("error") or rec["exceptions"]))
                continue
            want = ref[rec["query"]]
            if rec["headings"] != want["headings"] or rec["alerts"] != want["alerts"]:
                bad.append((i, rec["query"], "page differs"))
            for label, body in want["downloads"].items():
                if rec["downloads"].get(label) != body:
                    bad.append((i, rec["query"], f"{label} differs"))
    assert not bad, f"{len(bad)} of {SESSIONS * len(queries)} sessions differ from a session alone: {bad[:5]}"
