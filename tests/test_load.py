"""Load: 20 concurrent sessions asking and exporting against one process, every answer as when alone.

* Library API from 20 threads (the honest equivalent of 20 app sessions: Streamlit runs each session's
  script in its own thread of one process, over the same cached store): each session asks every question
  and exports every subgraph (JSON and SVG), in its own order, all sessions released together; every
  result equals the single-threaded one. On the embedded store, and on the Bolt store with one driver.
* A real ``streamlit run ui/app.py`` on loopback: 20 concurrent HTTP clients on its health endpoint and
  the page HTML (the websocket protocol is not driven); every response complete and identical.

Latency under load is recorded by bench/bench_app.py, not asserted here.
"""
from __future__ import annotations

import pytest

from bench.bench_app import QUESTIONS, SESSIONS, http_clients, run_sessions, streamlit_server, workload

STORES = ["embedded", pytest.param("bolt", marks=pytest.mark.bolt)]


@pytest.fixture(params=STORES)
def store(request):
    return request.getfixturevalue("embedded_store" if request.param == "embedded" else "bolt_store")


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
    _check_sessions(store, rounds=3 if kind == "export svg" else 2, kind=kind)


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
