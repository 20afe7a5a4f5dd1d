"""Fuzzy search over names and aliases, on both stores: typos, spacing, abbreviations, zh/ko aliases."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.search import acronym, compact, index_for, norm, search


@pytest.mark.parametrize("text, expected", [
    ("blooom", "model:bloom"), ("xinsta", "method:x-insta"), ("X-InSTA", "method:x-insta"),
    ("PFA", "cat:pfa"), ("PTA", "cat:pta"), ("SFT", "cat:sft"), ("CoT", "tech:chain-of-thought"),
    ("paramter frozen alignment", "cat:pfa"), ("hallucinaton", "frontier:hallucination"),
    ("参数冻结对齐", "cat:pfa"), ("파라미터 고정 정렬", "cat:pfa"), ("代码转换", "tech:code-switching"),
    ("Bangla", "lang:ben"), ("lamma", "model:llama"),
])
def test_top_hit(store, text, expected):
    hits = search(store, text, limit=5)
    assert hits and hits[0].id == expected, [(h.id, h.score) for h in hits]
    assert hits == sorted(hits, key=lambda h: (-h.score, h.id))


def test_code_switching_finds_technique_and_category(store):
    ids = [h.id for h in search(store, "code switching", limit=3)]
    assert ids[0] == "tech:code-switching" and "cat:code-switching-prompting" in ids[:3]


def test_rlhf_abbreviation_is_exact(store):
    hits = search(store, "RLHF", limit=5)
    assert {"cat:rlhf"} <= {h.id for h in hits if h.score == 100}


def test_label_filter_and_fields(store):
    hits = search(store, "bloom", label="Paper", limit=5)
    assert hits and all(h.label == "Paper" for h in hits)
    h = search(store, "代码转换", limit=1)[0]
    assert h.matched == "代码转换" and h.field in ("alias", "name_zh")


def test_nonsense_finds_little(store):
    assert all(h.score < 80 for h in search(store, "qqqzzzxxx"))


def test_index_built_once(embedded_store):
    assert index_for(embedded_store) is index_for(embedded_store)


def test_bolt_index_from_store_nodes(bolt_store, embedded_store):
    assert set(index_for(bolt_store).nodes) == set(index_for(embedded_store).nodes)


def test_helpers():
    assert norm("X-InSTA") == "x insta" and compact("code-switching") == "codeswitching"
    assert acronym("Parameter-frozen alignment") == "pfa" and acronym("BLOOM") is None


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_name_finds_its_node(embedded_store, data):
    nodes = [n for n in embedded_store.nodes() if n["label"] != "Paper"]
    node = data.draw(st.sampled_from(nodes))
    hits = search(embedded_store, node["name"], limit=10)
    top = [h for h in hits if h.score == hits[0].score]
    assert node["id"] in {h.id for h in top} or hits[0].score == 100 and node["id"] in {h.id for h in hits}
