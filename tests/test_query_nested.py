"""Nested queries (a constraint whose other end is a query of another label), property orderings and the
survey boundary at the level of the structured query: each against a reference computed here from the
raw graph by plain set operations, and the two stores compared call by call (evidence and order too)."""
from __future__ import annotations

import pytest

from graph.query import Constraint, Order, StructuredQuery
from graph.store.cypher_exec import compile_query

PARTNERED = ("Paper", "Method", "Model", "Dataset")


@pytest.fixture(scope="module")
def raw(embedded_store):
    data = embedded_store.whole()
    return data.nodes, [(e["source"], e["type"], e["target"]) for e in data.edges]


def lineage(root):
    return Constraint("lineage", id=root, direction="descendants")


def nest(rel, d, sub, **kw):
    return Constraint("nested", rel=rel, dir=d, sub=sub, **kw)


def _ref_nested(raw, target, rel, d, sub_ids):
    """x of ``target`` with a rel edge to (out) / from (in) a node of sub_ids; the source side counts with
    its INTRODUCES partner (graph/query.py's promise), DERIVED_FROM transitively."""
    nodes, edges = raw
    intro_in = {}  # work -> papers introducing it
    intro_out = {}  # paper -> works
    for s, t, o in edges:
        if t == "INTRODUCES":
            intro_in.setdefault(o, set()).add(s)
            intro_out.setdefault(s, set()).add(o)

    def partners(n):
        lab = nodes[n]["label"]
        if lab == "Paper":
            return {n} | intro_out.get(n, set())
        return {n} | intro_in.get(n, set()) if lab in PARTNERED else {n}

    if rel == "DERIVED_FROM":
        up = {}
        for s, t, o in edges:
            if t == "DERIVED_FROM":
                (up if d == "out" else {}).setdefault(s, set()).add(o)
                if d == "in":
                    up.setdefault(o, set()).add(s)

        def reach(n):
            seen, todo = set(), [n]
            while todo:
                for m in up.get(todo.pop(), ()):
                    if m not in seen:
                        seen.add(m)
                        todo.append(m)
            return seen
        return {x for x, a in nodes.items() if a["label"] == target and reach(x) & sub_ids}
    pairs = {(s, o) for s, t, o in edges if t == rel}
    out = set()
    for x, a in nodes.items():
        if a["label"] != target:
            continue
        if d == "out":
            if any((w, y) in pairs for w in partners(x) for y in sub_ids):
                out.add(x)
        elif any((w, x) in pairs for y in sub_ids for w in partners(y)):
            out.add(x)
    return out


CHAINS = [  # (target, rel, dir, sub target, sub constraint) : two hops each
    ("Dataset", "EVALUATED_ON", "in", "Model", lineage("model:llama")),
    ("Organization", "DEVELOPED_BY", "in", "Model", lineage("model:llama-2")),
    ("Technique", "USES_TECHNIQUE", "in", "Method", Constraint("link", rel="APPLIED_TO", id="model:chatgpt",
                                                                via_partner=False)),
    ("Language", "COVERS_LANGUAGE", "in", "Method", Constraint("link", rel="USES_TECHNIQUE", id="tech:code-switching")),
    ("Model", "TRAINED_ON", "out", "Dataset", Constraint("prop", field="stage", value="sft")),
    ("Model", "DERIVED_FROM", "out", "Model", Constraint("link", rel="DEVELOPED_BY", id="org:meta")),
    ("Paper", "INTRODUCES", "out", "Model", lineage("model:bloom")),
    ("Method", "APPLIED_TO", "out", "Model", Constraint("prop", field="open", value=False)),
]


@pytest.mark.parametrize("chain", CHAINS, ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CHAINS])
def test_a_nested_constraint_is_the_relation_to_the_sub_querys_results(embedded_store, raw, chain):
    target, rel, d, sub_target, inner = chain
    sub = StructuredQuery(sub_target, [inner])
    sub_ids = set(embedded_store.execute(sub))
    got = embedded_store.execute(StructuredQuery(target, [nest(rel, d, sub)]))
    assert set(got) == _ref_nested(raw, target, rel, d, sub_ids)
    assert got, chain  # the chains are chosen to answer something on the seed data
    for nid, (paths,) in got.items():  # evidence runs from x through a sub-result to the inner constraint's end
        assert paths and all(p[0][0] == nid for p in paths)
        if inner.kind != "prop":
            assert any(p[0][-1] in (inner.id, "model:llama", "model:llama-2", "model:bloom") or len(p[0]) > 2
                       for p in paths)


def test_three_hops_and_the_round_trip_of_the_json_form(embedded_store, raw):
    models = StructuredQuery("Model", [lineage("model:llama")])
    datasets = StructuredQuery("Dataset", [nest("EVALUATED_ON", "in", models)])
    langs = StructuredQuery("Language", [nest("COVERS_LANGUAGE", "in", datasets)])
    assert langs.depth() == 3 and StructuredQuery.from_dict(langs.to_dict()) == langs
    want = _ref_nested(raw, "Language", "COVERS_LANGUAGE", "in", set(embedded_store.execute(datasets)))
    got = embedded_store.execute(langs)
    assert set(got) == want and want
    longest = max(len(p[0]) for ev in got.values() for p in ev[0])
    assert longest >= 4  # language <- data set (<- paper) <- model -> ... -> LLaMA


def test_a_nested_query_may_not_rank_and_its_hop_must_exist_in_the_schema():
    sub = StructuredQuery("Model", [], order=Order("year"))
    with pytest.raises(ValueError, match="neither ranks nor orders"):
        nest("TRAINED_ON", "out", sub)
    with pytest.raises(ValueError, match="no TRAINED_ON"):
        StructuredQuery("Language", [nest("TRAINED_ON", "out", StructuredQuery("Dataset", []))])
    with pytest.raises(ValueError, match="cannot be negated"):
        StructuredQuery("Model", [nest("TRAINED_ON", "out", StructuredQuery("Dataset", []), negate=True)])


def test_order_keeps_the_best_values_with_ties(embedded_store, raw):
    nodes, _ = raw
    for target, fld, order, k in [("Model", "year", "desc", 1), ("Dataset", "year", "asc", 1),
                                  ("Model", "parameters_max", "desc", 2), ("Paper", "year", "asc", 3)]:
        got = embedded_store.execute(StructuredQuery(target, [], order=Order(fld, order, k)))
        vals = sorted((a[fld] for a in nodes.values() if a["label"] == target and a.get(fld) is not None),
                      reverse=order == "desc")
        want = {i for i, a in nodes.items() if a["label"] == target and a.get(fld) is not None
                and (a[fld] >= vals[k - 1] if order == "desc" else a[fld] <= vals[k - 1])}
        assert set(got) == want and want
        assert [ev[-1]["value"] for ev in got.values()] == sorted((ev[-1]["value"] for ev in got.values()),
                                                                  reverse=order == "desc")


def test_the_survey_boundary_is_a_property_of_every_node(embedded_store, raw):
    nodes, _ = raw
    for label in sorted({a["label"] for a in nodes.values()}):
        for flag in (True, False):
            got = set(embedded_store.execute(StructuredQuery(label, [Constraint("prop", field="in_survey",
                                                                                value=flag)])))
            assert got == {i for i, a in nodes.items() if a["label"] == label and a.get("in_survey") is flag}


PARITY = [
    StructuredQuery("Dataset", [nest("EVALUATED_ON", "in", StructuredQuery("Model", [lineage("model:llama")]))]),
    StructuredQuery("Language", [nest("COVERS_LANGUAGE", "in", StructuredQuery("Dataset", [
        nest("EVALUATED_ON", "in", StructuredQuery("Model", [lineage("model:llama")]))]))]),
    StructuredQuery("Organization", [nest("DEVELOPED_BY", "in", StructuredQuery("Model", [
        lineage("model:llama-2"), Constraint("prop", field="open", value=True)]))]),
    StructuredQuery("Technique", [nest("USES_TECHNIQUE", "in", StructuredQuery("Method", [
        Constraint("link", rel="APPLIED_TO", id="model:chatgpt", via_partner=False),
        Constraint("link", rel="USES_TECHNIQUE", id="tech:code-switching", negate=True)]))]),
    StructuredQuery("Model", [Constraint("prop", field="open", value=True), nest("TRAINED_ON", "out", StructuredQuery(
        "Dataset", [Constraint("link", rel="DEVELOPED_BY", id="org:bigscience")]))]),
    StructuredQuery("Model", [nest("DERIVED_FROM", "out", StructuredQuery("Model", [
        Constraint("link", rel="DEVELOPED_BY", id="org:meta")])), Constraint("prop", field="in_survey", value=False)]),
    StructuredQuery("Paper", [nest("INTRODUCES", "out", StructuredQuery("Dataset", [
        Constraint("link", rel="COVERS_LANGUAGE", id="lang:swh")]))]),
    StructuredQuery("Model", [Constraint("prop", field="open", value=True)], order=Order("parameters_max")),
    StructuredQuery("Model", [Constraint("link", rel="COVERS_LANGUAGE", id="lang:kor")], order=Order("year")),
    StructuredQuery("Dataset", [Constraint("link", rel="COVERS_LANGUAGE", id="lang:swh")], order=Order("year", "asc")),
    StructuredQuery("Model", [lineage("model:llama")], order=Order("year", "asc", 2)),
    StructuredQuery("Paper", [Constraint("prop", field="in_survey", value=False),
                              Constraint("link", rel="ADDRESSES", id="frontier:fairness")]),
    StructuredQuery("Model", [nest("DERIVED_FROM", "out", StructuredQuery("Model", [lineage("model:llama")]))],
                    order=Order("year")),
]


def test_nested_queries_compile_to_parameterised_cypher():
    text, params = compile_query(PARITY[1])
    assert "model:llama" not in text and "model:llama" in params.values()
    assert text.count("MATCH p") == 3


@pytest.mark.bolt
@pytest.mark.parametrize("query", PARITY, ids=range(len(PARITY)))
def test_nested_and_ordered_queries_agree_on_both_stores(embedded_store, bolt_store, query):
    a, b = embedded_store.execute(query), bolt_store.execute(query)
    assert a, query
    assert list(a) == list(b)  # same results in the same order
    assert a == b  # and the same evidence, chained paths included


def test_the_survey_boundary_with_survey_only():
    """On the survey's own graph "since the survey" answers nothing and says why; "in the survey" is all."""
    from graph.ask import ask
    from graph.store.embedded import EmbeddedStore

    only = EmbeddedStore.from_data_dir(survey_only=True)
    a = ask(only, "models added since the survey")
    assert a.status == "answered" and not a.results and "in_survey" in (a.empty_reason or "")
    b = ask(only, "models in the survey")
    assert b.status == "answered" and set(b.ids) == set(only.execute(StructuredQuery("Model", []))) and b.ids
