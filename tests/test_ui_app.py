"""Every page of the app under Streamlit's AppTest, with its main interactions, on the embedded store and
on the Bolt store: no exception, no error message, and the sidebar names the store in use."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the app's pages (AppTest)

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app.py")
QUESTION = "Which PFA methods use code-switching on low-resource languages?"


def _bolt_env(server) -> dict:
    """NEO4J_* variables for the fixture's server (an object or a dict with uri/user/password)."""
    get = (lambda k: server.get(k)) if isinstance(server, dict) else (lambda k: getattr(server, k, None))
    env = {"NEO4J_URI": get("uri") or str(server)}
    for key, var in (("user", "NEO4J_USERNAME"), ("password", "NEO4J_PASSWORD"), ("database", "NEO4J_DATABASE")):
        if get(key):
            env[var] = str(get(key))
    return env


@pytest.fixture(params=["embedded", pytest.param("bolt", marks=pytest.mark.bolt)])
def backend(request, monkeypatch):
    """Point the app at a store: the embedded seed graph, or the test Bolt server loaded with it."""
    monkeypatch.delenv("MLLM_ATLAS_DATA_DIR", raising=False)
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    if request.param == "bolt":
        request.getfixturevalue("bolt_store")  # loaded with the seed data
        for var, value in _bolt_env(request.getfixturevalue("bolt_server")).items():
            monkeypatch.setenv(var, value)
        return "neo4j"
    return "embedded"


def run(backend: str, page: str, **params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    check(at, backend)
    return at


def check(at, backend: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    store_line = " ".join(str(m.value) for m in at.sidebar.markdown)
    assert backend in store_line and "fallback" not in store_line, store_line


def kinds(at) -> list[str]:
    return [e.type for e in at.main]


def texts(at) -> str:
    out = []
    for kind in ("markdown", "caption", "info", "warning", "subheader", "title", "code"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [str(getattr(e.proto, "body", "")) for e in at.get("html")]
    return "\n".join(out)


def test_ask_example_question_gives_results_cypher_and_graph(backend):
    at = run(backend, "ask")
    first = at.button(key="ask_ex_0")
    assert first.label == QUESTION
    first.click().run()
    check(at, backend)
    assert at.text_input(key="ask_q").value == QUESTION
    assert at.query_params["q"] == [QUESTION] or at.query_params["q"] == QUESTION
    results = [s.value for s in at.subheader if s.value.startswith("Results")]
    assert results and results[0] != "Results (0)", texts(at)[:800]
    assert any("MATCH" in c.value for c in at.code)
    assert "bidi_component" in kinds(at)  # the evidence graph
    assert any(d.label == "Download answer (JSON)" for d in at.get("download_button")) or \
        "download_button" in kinds(at)


def test_ask_gap_example_shows_absence_as_evidence(backend):
    """The gap example (a negated 'no dataset' constraint) answers on both stores and says what is absent."""
    at = run(backend, "ask")
    button = next(b for b in at.button if b.key and b.key.startswith("ask_ex_") and "no dataset" in b.label)
    button.click().run()
    check(at, backend)
    results = [s.value for s in at.subheader if s.value.startswith("Results")]
    assert results and results[0] != "Results (0)", texts(at)[:800]
    table = at.dataframe[0].value
    assert len(table) == int(results[0].split("(")[1].rstrip(")"))
    assert all("none found, as asked: is covered by a data set" in e for e in table["evidence"])
    assert any("OPTIONAL MATCH" in c.value for c in at.code)


def test_explore_search_open_filter_and_move_on(backend):
    at = run(backend, "explore")
    at.text_input(key="explore_q").input("bloomz").run()
    check(at, backend)
    hits = [b for b in at.button if b.key and b.key.startswith("explore_hit_")]
    assert hits and "BLOOMZ" in hits[0].label
    hits[0].click().run()
    check(at, backend)
    assert at.session_state["explore_id"] == "model:bloomz"
    assert "bidi_component" in kinds(at) and "Properties" in texts(at)
    at.slider(key="explore_depth").set_value(2).run()
    at.multiselect(key="explore_labels").set_value(["Model", "Method"]).run()
    check(at, backend)
    assert at.query_params["depth"] in ("2", ["2"])
    at.selectbox(key="explore_nb").select_index(1).run()
    check(at, backend)
    assert at.session_state["explore_id"] != "model:bloomz"
    assert at.session_state["explore_id"] in str(at.query_params["id"])


def test_explore_link_reproduces_the_view(backend):
    at = run(backend, "explore", id="model:bloom", depth="2", labels="Model")
    assert at.session_state["explore_id"] == "model:bloom"
    assert at.slider(key="explore_depth").value == 2
    assert at.multiselect(key="explore_labels").value == ["Model"]
    assert "BLOOM" in texts(at) and "bidi_component" in kinds(at)


def test_explore_unknown_id_is_a_message(backend):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update({"page": "explore", "id": "model:does-not-exist"})
    at.run()
    assert not at.exception
    assert any("Not in the atlas" in e.value and "model:does-not-exist" in e.value for e in at.error)


def test_lineage_family_tree_with_methods(backend):
    at = run(backend, "lineage", id="model:bloom")
    assert at.selectbox(key="lineage_id").value == "model:bloom"
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Descendants"]) >= 1 and int(metrics["Methods applied"]) >= 1
    assert "bidi_component" in kinds(at)
    for fmt in ("png", "pptx", "graphml"):  # the export picker: each format gives a download button
        at.selectbox(key="lineage_export_fmt").set_value(fmt).run()
        check(at, backend)
        assert any(fmt.upper() in d.proto.label for d in at.get("download_button")), fmt
    at.selectbox(key="lineage_id").select_index(len(at.selectbox(key="lineage_id").options) - 1).run()
    check(at, backend)


def test_taxonomy_chart_tree_and_items(backend):
    at = run(backend, "taxonomy")
    assert "plotly_chart" in kinds(at)
    assert "Parameter-frozen alignment" in texts(at) and "Parameter-tuning alignment" in texts(at)
    at.radio(key="taxonomy_chart").set_value("treemap").run()
    at.checkbox(key="taxonomy_items").check().run()
    check(at, backend)
    at.selectbox(key="taxonomy_open").set_value("cat:sft").run()
    check(at, backend)
    assert at.query_params["open"] in ("cat:sft", ["cat:sft"])
    assert at.dataframe  # the items under SFT alignment


def test_evolution_figure_and_filters(backend):
    at = run(backend, "evolution")
    assert "plotly_chart" in kinds(at)
    assert any("placements" in c.value for c in at.caption)
    at.checkbox(key="evolution_figure").check().run()
    at.multiselect(key="evolution_labels").set_value(["Model"]).run()
    check(at, backend)


def test_coverage_matrix_cells_and_gaps(backend):
    at = run(backend, "coverage")
    assert "plotly_chart" in kinds(at) and any(s.value.startswith("Research gaps") for s in at.subheader)
    assert at.dataframe  # the busiest cell is chosen first, so it lists items
    at.radio(key="coverage_rows").set_value("category").run()
    at.radio(key="coverage_cols").set_value("language").run()
    check(at, backend)
    at.multiselect(key="coverage_classes").set_value([0, 1, 2]).run()
    check(at, backend)
    at.session_state["coverage_row"] = "cat:sft"  # what choosing the row in the selectbox does
    at.run()
    check(at, backend)
    assert at.query_params["row"] in ("cat:sft", ["cat:sft"])
    assert at.dataframe or any(w.value.startswith("Gap:") for w in at.warning)


def test_compare_side_by_side_with_csv(backend):
    at = run(backend, "compare", ids="model:bloom,model:bloomz,model:mt0")
    assert at.multiselect(key="compare_ids").value == ["model:bloom", "model:bloomz", "model:mt0"]
    df = at.dataframe[0].value
    assert {"BLOOM", "BLOOMZ", "mT0"} <= set(df.columns)
    assert "download_button" in kinds(at)
    at.multiselect(key="compare_ids").set_value(["model:bloom"]).run()
    check(at, backend)
    assert any("at least two" in i.value for i in at.info)


def test_cypher_console_runs_a_query(backend):
    at = run(backend, "cypher")
    try:
        import graph.cypher.console  # noqa: F401
    except ImportError:
        assert any("not available yet" in i.value for i in at.info)
        return
    at.text_area(key="cypher_query").input("MATCH (m:Model) RETURN m.id AS id, m.name AS name LIMIT 5")
    at.button(key="cypher_run").click().run()  # the editor is in a form: its text goes with the Run button
    check(at, backend)
    assert at.dataframe and len(at.dataframe[0].value) == 5
    canned = at.selectbox(key="cypher_canned") if any(s.key == "cypher_canned" for s in at.selectbox) else None
    if canned is not None and len(canned.options) > 1:
        canned.select_index(1).run()
        check(at, backend)
        assert at.text_area(key="cypher_query").value.strip()


def test_unreachable_neo4j_falls_back_to_embedded(monkeypatch):
    from streamlit.testing.v1 import AppTest

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    monkeypatch.setenv("NEO4J_URI", f"bolt://reader:secret@127.0.0.1:{port}")
    monkeypatch.delenv("MLLM_ATLAS_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = "taxonomy"
    at.run()
    assert not at.exception
    side = " ".join(str(m.value) for m in at.sidebar.markdown) + " ".join(w.value for w in at.sidebar.warning)
    assert "embedded (fallback)" in side and "not reachable" in side and f"127.0.0.1:{port}" in side
    assert "secret" not in side
    assert "plotly_chart" in kinds(at)


def test_survey_only_switch_shows_the_survey_graph_and_keeps_it_in_the_url(backend, seed_data):
    """The sidebar switch: off (default) counts every work, on counts exactly the survey's graph, on every
    backend; the URL keeps it (``survey=1``) and a link with it opens the survey graph directly."""
    from graph.seed.survey import survey_only

    everything, survey = seed_data.counts(), survey_only(seed_data).counts()
    assert survey["total_nodes"] < everything["total_nodes"]
    at = run(backend, "explore")
    assert f"{everything['total_nodes']} nodes" in texts(at)
    at.sidebar.toggle(key="survey_only").set_value(True).run()
    check(at, backend)
    assert f"{survey['total_nodes']} nodes · {survey['total_relationships']} relationships" in texts(at)
    assert at.query_params.get("survey") in ("1", ["1"])
    linked = run(backend, "taxonomy", survey="1")
    assert f"{survey['total_nodes']} nodes" in texts(linked) and "survey only" in " ".join(
        str(m.value) for m in linked.sidebar.markdown)


# --- the graph component, paths, more like this, the year slider, saved views (issue 13) -------------------
def _graph_data(at) -> dict:
    """What the page sent to the graph component (its JSON data)."""
    import json

    comps = at.get("bidi_component")
    assert comps, "no graph component on the page"
    return json.loads(comps[0].proto.json)


def _seed_store():
    from graph.store.embedded import EmbeddedStore

    return EmbeddedStore.from_data_dir()


def test_graph_panel_follows_the_url_and_opens_the_node(backend):
    at = run(backend, "explore", id="model:bloomz", sel="cat:sft")
    data = _graph_data(at)
    assert data["selected"] == "cat:sft" and data["expanded"] == []
    ids = {n["id"] for n in data["nodes"]}
    assert ids == set(_seed_store().neighbourhood(["model:bloomz"], 1).nodes)
    assert all({"x", "y"} <= set(n) for n in data["nodes"])  # positions from Python
    assert data["options"]["physics"]["enabled"] is False
    assert "cat:sft" in texts(at) and at.button(key="explore_panel_open").label == "Open in Explore"
    assert at.query_params["sel"] in ("cat:sft", ["cat:sft"])
    at.button(key="explore_panel_open").click().run()
    check(at, backend)
    assert at.session_state["explore_id"] == "cat:sft"


def test_year_slider_shows_what_existed_up_to_a_year(backend):
    seed = _seed_store()
    at = run(backend, "explore", id="model:bloomz", depth="2")
    everything = {n["id"] for n in _graph_data(at)["nodes"]}
    at.slider(key="explore_until").set_value(2021).run()
    check(at, backend)
    shown = {n["id"] for n in _graph_data(at)["nodes"]}
    assert at.query_params["until"] in ("2021", ["2021"])
    later = {i for i in everything if isinstance(seed.get_node(i).get("year"), int) and seed.get_node(i)["year"] > 2021}
    assert later and shown == (everything - later) | {"model:bloomz"}
    lin = run(backend, "lineage", id="model:bloomz", until="2022")
    members = lin.dataframe[0].value
    assert all(y is None or y != y or y <= 2022 or i == "model:bloomz" for y, i in zip(members["year"], members["id"]))
    evo = run(backend, "evolution", until="2021")
    table = evo.dataframe[0].value
    assert len(table) and max(table["year"]) <= 2021


def test_paths_page_lists_and_draws_the_paths(backend):
    from graph.store.embedded import EmbeddedStore  # noqa: F401 - the answer is read from the store in use

    at = run(backend, "paths", **{"from": "model:bloomz", "to": "lang:swh", "hops": "3"})
    listed = [o for o in at.radio(key="paths_pick").options if "hop" in o and "BLOOMZ" in o]
    assert listed, texts(at)[:600]
    expected = _seed_store().paths("model:bloomz", "lang:swh", max_hops=3, k=3)
    assert len(listed) == len(expected.paths)
    drawn = {n["id"] for n in _graph_data(at)["nodes"]}
    assert drawn == set(expected.node_ids())
    at.multiselect(key="paths_types").set_value(["DERIVED_FROM"]).run()
    check(at, backend)
    assert any("No path" in w.value for w in at.warning)


def test_more_like_this_on_explore(backend):
    from graph.similar import similar

    at = run(backend, "explore", id="model:bloomz")
    assert "More like this" in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "shared" in d.value.columns)
    expected = similar(_seed_store(), "model:bloomz", limit=10)
    assert list(table["id"]) == [r.id for r in expected.results]


def test_saved_views_save_open_export_and_import(backend, tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("MLLM_ATLAS_VIEWS", str(tmp_path / "views.json"))
    at = run(backend, "explore", id="model:bloomz", depth="2")
    at.sidebar.text_input(key="view_name").input("BLOOMZ, two hops").run()
    at.sidebar.button(key="view_save").click().run()
    check(at, backend)
    from graph.store import open_store

    with open_store(backend) as store:  # the store the app uses keeps it (the local file, or the database)
        kept = store.saved_views()
    assert kept["BLOOMZ, two hops"]["id"] == "model:bloomz" and kept["BLOOMZ, two hops"]["depth"] == "2"
    other = run(backend, "taxonomy")
    other.sidebar.button(key="view_open_0").click().run()
    check(other, backend)
    assert other.session_state["explore_id"] == "model:bloomz" and other.session_state["explore_depth"] == 2
    assert any(d.label == "Export (JSON)" for d in other.get("download_button"))
    from graph.saved_views import ViewError, ViewsFile, parse

    with pytest.raises(ViewError, match="names no page"):
        parse(json.dumps({"x": {"id": "model:bloomz"}}))
    with pytest.raises(ViewError, match="not JSON"):
        parse("{nope")
    with open_store(backend) as store:
        assert store.delete_view("BLOOMZ, two hops") and "BLOOMZ, two hops" not in store.saved_views()
    assert ViewsFile(tmp_path / "none.json").load() == {}


@pytest.mark.parametrize("question,said", [("when was BLOOM released", "BLOOM was released in 2022"),
                                           ("is LLaMA open", "LLaMA is open")])
def test_ask_answers_a_value_and_a_yes_no_as_a_sentence_with_its_source(backend, question, said):
    """A value question and a yes/no question: the answer is one sentence on the page, with its sources
    as links (the same sentence graph.ask gives, Markdown characters escaped)."""
    from graph.ask import ask
    from graph.store.embedded import EmbeddedStore

    at = run(backend, "ask", q=question)
    boxes = [str(e.value).replace("\\", "").replace("\u2060", "") for e in at.success]  # md's escapes, word joiners
    assert any(said in b for b in boxes), texts(at)[:800]
    expected = ask(EmbeddedStore.from_data_dir(), question).value
    assert any(expected["sentence"] in b for b in boxes)
    sources = " ".join(str(c.value) for c in at.caption if str(c.value).startswith("Sources:"))
    assert expected["sources"] and all(s["url"] in sources for s in expected["sources"])
