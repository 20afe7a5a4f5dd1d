"""A page run does only what its view needs (issue 25): the expensive steps of the Ask page (answering, the
reading, the result rows, the evidence graph, the drawing's layout and decoration, the answer's JSON) run once
per answer and view, never again on a rerun or in another session that asks the same; an export is written
only when the reader picks its format, once per view and format, and the pick is forgotten with the view.
And 20 sessions at once, each asking a different question, get what each gets alone. Calls are counted;
nothing is timed (bench/bench_app.py times it)."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.test_ui_app import APP, check

pytestmark = pytest.mark.slow  # runs the Ask page (AppTest) and a real server

QUESTION = "What is BLOOMZ derived from?"
OTHER = "Which models cover Swahili?"
# (module, attribute): the steps a page run must not repeat for inputs it has already seen
COUNTED = [("graph.ask", "ask"), ("ui.views.reading", "reading"), ("ui.views.reading", "result_table"),
           ("ui.views.evidence", "evidence_graph"), ("graph.draw.exploration", "describe_view"),
           ("ui.graphs", "decorate"), ("ui.answers", "json_bytes"), ("ui.views.exporting", "export_bytes")]


@pytest.fixture
def calls(monkeypatch):
    """Counts of the COUNTED calls, from a cold cache (st.cache_data cleared; the store stays open)."""
    import importlib

    import streamlit as st

    import ui.answers  # noqa: F401 - imported so its names can be wrapped
    import ui.graphs  # noqa: F401

    monkeypatch.delenv("MLLM_ATLAS_DATA_DIR", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    st.cache_data.clear()
    counts: Counter = Counter()
    for module, name in COUNTED:
        mod = importlib.import_module(module)
        original = getattr(mod, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            counts[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(mod, name, counted)
    yield counts
    st.cache_data.clear()  # nothing computed by a wrapped function outlives the test


def _ask_page(question: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = "ask"
    at.query_params["q"] = question
    at.run()
    check(at, "embedded")
    return at


def _labels(at) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


def test_a_rerun_with_unchanged_inputs_computes_nothing_again(calls):
    at = _ask_page(QUESTION)
    first = dict(calls)
    assert {name: first.get(name, 0) for _, name in COUNTED} == {
        "ask": 1, "reading": 1, "result_table": 1, "evidence_graph": 1, "describe_view": 1, "decorate": 1,
        "json_bytes": 1, "export_bytes": 0}, first  # each step once; no export, nobody asked for one
    assert _labels(at) == ["Download answer (JSON)"]
    assert at.selectbox(key="ask_export_fmt").value is None

    for _ in range(2):
        at.run()
        check(at, "embedded")
    assert dict(calls) == first, "a rerun with the same inputs computed again"

    again = _ask_page(QUESTION)  # another session asking the same: the cached answer and drawing
    assert dict(calls) == first
    assert [s.value for s in again.subheader] == [s.value for s in at.subheader]


def test_an_export_is_written_when_its_format_is_picked_once_per_view_and_format(calls):
    at = _ask_page(QUESTION)
    drawn = calls["describe_view"]
    at.selectbox(key="ask_export_fmt").set_value("svg").run()
    check(at, "embedded")
    assert calls["export_bytes"] == 1 and "Download SVG" in _labels(at)
    at.run()
    at.selectbox(key="ask_export_fmt").set_value("json").run()
    at.selectbox(key="ask_export_fmt").set_value("svg").run()
    check(at, "embedded")
    assert calls["export_bytes"] == 2, "svg again, or a rerun, wrote the export again"
    assert "Download SVG" in _labels(at) and calls["describe_view"] == drawn

    at.text_input(key="ask_q").set_value(OTHER).run()  # another view: the pick is forgotten, nothing written
    check(at, "embedded")
    assert at.selectbox(key="ask_export_fmt").value is None
    assert _labels(at) == ["Download answer (JSON)"]
    assert calls["export_bytes"] == 2 and calls["ask"] == 2 and calls["describe_view"] == drawn + 1


def _questions(n: int) -> list[str]:
    """``n`` different corpus questions the atlas answers with a graph (lineage, data, technique x language)."""
    from graph.ask import ask
    from graph.store.embedded import EmbeddedStore
    from tests.ask_corpus.score import load_corpus

    store = EmbeddedStore.from_data_dir()
    corpus = load_corpus(["lineage", "technique_language", "data", "taxonomy"])
    out = []
    for family in ("lineage", "technique_language", "data", "taxonomy"):
        for item in corpus.get(family, []):
            answer = ask(store, item["q"])
            if answer.status != "withheld" and answer.results and item["q"] not in out:
                out.append(item["q"])
            if len(out) == n:
                return out
    raise AssertionError(f"only {len(out)} answered corpus questions")


def test_twenty_sessions_asking_different_questions_get_what_each_gets_alone():
    """20 concurrent browser-less sessions against one `streamlit run`, each asking its own question on the Ask
    page: no error, and each sees the page and downloads the answer a session alone gets for it."""
    from tests.support.app_load import SESSIONS, ask_query_string, session_errors, session_round, streamlit_server

    queries = [ask_query_string(q) for q in _questions(SESSIONS)]
    assert len(set(queries)) == SESSIONS >= 20
    with streamlit_server(env={"NEO4J_URI": ""}) as base:
        alone = {q: session_round(base, [q])[0] for q in queries}
        crowd = session_round(base, queries)
    assert not session_errors(list(alone.values()))
    assert not session_errors(crowd), session_errors(crowd)[:3]
    assert len(crowd) == SESSIONS
    for rec in crowd:
        ref = alone[rec["query"]]
        answer = json.loads(rec["downloads"]["Download answer (JSON)"])
        assert answer == json.loads(ref["downloads"]["Download answer (JSON)"]), rec["query"]
        assert answer["results"] and answer["status"] != "withheld", rec["query"]
        assert (rec["headings"], rec["alerts"]) == (ref["headings"], ref["alerts"]), rec["query"]
        assert f"Results ({len(answer['results'])})" in rec["headings"]
