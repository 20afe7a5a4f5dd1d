"""The embedded store's reads and traversals, on the small hand-made fixture graph."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini_store():
    return EmbeddedStore.from_data_dir(MINI)


def test_stats_count_labels_and_types(mini_store):
    s = mini_store.stats()
    assert s["nodes"]["Model"] == 3 and s["relationships"]["DERIVED_FROM"] == 3
    assert s["total_nodes"] == sum(s["nodes"].values())
    assert s["total_relationships"] == sum(s["relationships"].values())


def test_node_dicts_carry_id_label_name_and_props(mini_store):
    n = mini_store.get_node("model:beta-chat")
    assert (n["id"], n["label"], n["name"], n["year"], n["open"]) == ("model:beta-chat", "Model", "Beta Chat", 2023, False)
    assert mini_store.get_node("model:nope") is None
    assert [x["id"] for x in mini_store.nodes("Language")] == ["lang:eng", "lang:mar"]


def test_parallel_edges_with_different_roles_are_kept(mini_store):
    roles = {e["role"] for e in mini_store.whole().edges
             if e["type"] == "COVERS_LANGUAGE" and e["source"] == "method:alpha-cs"}
    assert roles == {"targeted", "evaluated"}


def test_inverse_field_yields_forward_edge(mini_store):
    edges = {(e["source"], e["type"], e["target"]) for e in mini_store.whole().edges}
    assert ("paper:alpha", "INTRODUCES", "method:alpha-cs") in edges
    assert ("paper:beta", "INTRODUCES", "model:beta-base") in edges


def test_every_edge_has_provenance(mini_store):
    for e in mini_store.whole().edges:
        assert e["provenance"] and isinstance(e["provenance"], list)


def test_neighbourhood_depth_labels_and_limit(mini_store):
    one = mini_store.neighbourhood(["model:beta-chat"], depth=1)
    assert set(one.nodes) == {"model:beta-chat", "model:beta-base", "model:beta-chat-plus", "ds:instructions",
                              "method:alpha-cs"}
    models = mini_store.neighbourhood(["model:beta-chat"], depth=3, labels=["Model"])
    assert {n["label"] for n in models.nodes.values()} == {"Model"}
    trimmed = mini_store.neighbourhood(["model:beta-chat"], depth=2, limit=3)
    assert len(trimmed.nodes) == 3 and "left out" in trimmed.note
    assert "model:beta-chat" in trimmed.nodes
    # every edge of a neighbourhood joins two kept nodes
    for e in one.edges:
        assert e["source"] in one.nodes and e["target"] in one.nodes


def test_lineage_both_ways_is_transitive(mini_store):
    anc = mini_store.lineage("model:beta-chat-plus", "ancestors")
    assert set(anc.nodes) == {"model:beta-chat-plus", "model:beta-chat", "model:beta-base"}
    desc = mini_store.lineage("model:beta-base", "descendants")
    assert set(desc.nodes) == {"model:beta-base", "model:beta-chat", "model:beta-chat-plus"}
    assert {e["type"] for e in desc.edges} == {"DERIVED_FROM"}
    with_methods = mini_store.lineage("model:beta-base", "both", with_methods=True)
    assert "method:alpha-cs" in with_methods.nodes
    assert mini_store.lineage("model:nope").nodes == {}


def test_subgraph_is_induced(mini_store):
    sub = mini_store.subgraph(["model:beta-chat", "model:beta-base", "missing:id"])
    assert set(sub.nodes) == {"model:beta-chat", "model:beta-base"}
    assert [(e["source"], e["type"], e["target"]) for e in sub.edges] == [
        ("model:beta-chat", "DERIVED_FROM", "model:beta-base")]
