"""More like this (graph/similar.py) on both stores: every reason is a neighbour really shared, scores follow
the documented formulas, ties go by id, both stores agree, and bad or hostile input is a clear error."""
from __future__ import annotations

import math

import pytest

from graph.similar import LABELS, METHODS, WEIGHTS, similar

STORES = ["embedded", pytest.param("bolt", marks=pytest.mark.bolt)]


@pytest.fixture(params=STORES)
def store(request):
    return request.getfixturevalue("embedded_store" if request.param == "embedded" else "bolt_store")


@pytest.fixture(scope="module")
def features_of(embedded_store):
    """(type, direction, neighbour) per node, from the whole graph (independently of Store.links)."""
    out: dict[str, set] = {}
    for e in embedded_store.whole().edges:
        if e["type"] in WEIGHTS:
            out.setdefault(e["source"], set()).add((e["type"], "out", e["target"]))
            out.setdefault(e["target"], set()).add((e["type"], "in", e["source"]))
    return out


def focuses(embedded_store, per_label=2):
    """The most connected nodes of each label similarity serves."""
    g = embedded_store.g
    out = []
    for label in LABELS:
        ids = sorted((n for n, a in g.nodes(data=True) if a["label"] == label), key=lambda n: (-g.degree(n), n))
        out += ids[:per_label]
    return out


@pytest.mark.parametrize("method", METHODS)
def test_reasons_are_really_shared_and_scores_follow_the_formula(store, embedded_store, features_of, method):
    for focus in focuses(embedded_store):
        result = similar(store, focus, limit=8, method=method)
        assert result.results, focus
        mine = features_of[focus]
        for r in result.results:
            assert r.id != focus and r.label == result.label == embedded_store.get_node(r.id)["label"]
            shared = {(t, z["direction"], z["id"]) for t, zs in r.reasons.items() for z in zs}
            assert shared == mine & features_of[r.id], (focus, r.id)  # all shared, and only shared
            for t, zs in r.reasons.items():
                assert [z["id"] for z in zs] == sorted(z["id"] for z in zs)
                for z in zs:
                    assert z["name"] == embedded_store.get_node(z["id"])["name"]
            if method == "adamic_adar":
                # how many nodes reach each shared neighbour the same way
                def reach(f):
                    t, d, z = f
                    return sum(1 for fs in features_of.values() if (t, d, z) in fs)
                expected = sum(WEIGHTS[f[0]] / math.log(reach(f)) for f in sorted(shared))
            else:
                union = mine | features_of[r.id]
                expected = sum(WEIGHTS[f[0]] for f in sorted(shared)) / sum(WEIGHTS[f[0]] for f in sorted(union))
            assert r.score == pytest.approx(expected, abs=1e-5)
        scores = [(-r.score, r.id) for r in result.results]
        assert scores == sorted(scores), "not ordered by score, then id"


def test_nothing_better_is_left_out(embedded_store, features_of):
    """The top results beat every same-label node that is not listed (computed independently)."""
    focus = focuses(embedded_store, 1)[1]  # the most connected model
    result = similar(embedded_store, focus, limit=5, method="jaccard")
    label = result.label
    mine = features_of[focus]
    def jac(c):
        sh, un = mine & features_of.get(c, set()), mine | features_of.get(c, set())
        return sum(WEIGHTS[f[0]] for f in sorted(sh)) / sum(WEIGHTS[f[0]] for f in sorted(un)) if sh else 0
    others = [n["id"] for n in embedded_store.nodes(label) if n["id"] != focus]
    best = sorted(((-round(jac(c), 6), c) for c in others if jac(c) > 0))[:5]
    assert [(r.id, r.score) for r in result.results] == [(c, -s) for s, c in best]


@pytest.mark.bolt
@pytest.mark.parametrize("method", METHODS)
def test_both_stores_agree(bolt_store, embedded_store, method):
    for focus in focuses(embedded_store, 3):
        assert similar(bolt_store, focus, 10, method).to_dict() == similar(embedded_store, focus, 10, method).to_dict()


@pytest.mark.parametrize("bad", [
    dict(node_id="model:no-such-model"), dict(node_id="lang:eng"), dict(node_id="cat:pfa"),
    dict(node_id="model:bloomz", limit=0), dict(node_id="model:bloomz", limit=1000),
    dict(node_id="model:bloomz", limit="5"), dict(node_id="model:bloomz", method="cosine"), dict(node_id=None),
])
def test_bad_input_is_a_clear_error(store, bad):
    with pytest.raises(ValueError):
        similar(store, **bad)


def test_hostile_ids_are_inert(store):
    from tests.test_injection import PAYLOADS, unchanged

    with unchanged(store, "similar"):
        for payload in PAYLOADS:
            with pytest.raises(ValueError, match="unknown id"):
                similar(store, payload)


def test_weights_are_schema_types():
    from graph import schema

    assert set(WEIGHTS) <= set(schema.REL_TYPES) and all(w > 0 for w in WEIGHTS.values())
