"""Each data set takes the cue right before it ('trained on A and evaluated on B'), and 'the most / fewest
parameters' is a superlative by size, never dropped: generated over the seed data."""
from __future__ import annotations

from graph.ask import ask


def _pairs(data, limit=20):
    """(model, a data set it is trained on, one it is evaluated on) from the seed's edges."""
    by: dict[str, dict[str, list[str]]] = {}
    for e in data.edges:
        if e["type"] in ("TRAINED_ON", "EVALUATED_ON") and data.nodes.get(e["source"], {}).get("label") == "Model":
            by.setdefault(e["source"], {}).setdefault(e["type"], []).append(e["target"])
    return [(m, r["TRAINED_ON"][0], r["EVALUATED_ON"][0]) for m, r in sorted(by.items())
            if r.get("TRAINED_ON") and r.get("EVALUATED_ON")][:limit]


def test_each_data_set_takes_the_cue_before_it(embedded_store, seed_data):
    pairs = _pairs(seed_data)
    assert pairs
    answered = 0
    for _, tr, ev in pairs:
        a_name, b_name = seed_data.nodes[tr]["name"], seed_data.nodes[ev]["name"]
        for q, first, second in ((f"models trained on {a_name} and evaluated on {b_name}", tr, ev),
                                 (f"models evaluated on {b_name} and trained on {a_name}", tr, ev)):
            a = ask(embedded_store, q)
            if a.status != "answered":
                continue  # a name the parser reads otherwise is withheld, which is allowed
            answered += 1
            got = {(c["rel"], c["id"]) for c in a.query.to_dict()["constraints"] if c.get("kind") == "link"}
            assert ("TRAINED_ON", first) in got and ("EVALUATED_ON", second) in got, (q, got)
    assert answered >= len(pairs), (answered, len(pairs))  # most of the 2 x pairs phrasings are read


def test_most_and_fewest_parameters_rank_by_size(embedded_store, seed_data):
    sizes = [n.get("parameters_max") for n in seed_data.nodes.values() if n.get("label") == "Model"]
    assert any(sizes)
    for q, field in (("which model has the most parameters", "parameters_max"),
                     ("the model with the fewest params", "parameters_min")):
        a = ask(embedded_store, q)
        assert a.status == "answered" and a.kind == "ranking", (q, a.withheld_reason)
        assert a.query.order.field == field
        vals = [n.get(field) for n in seed_data.nodes.values() if n.get("label") == "Model" and n.get(field)]
        best = max(vals) if field == "parameters_max" else min(vals)
        assert {r.value for r in a.results} == {best}, q


def test_how_many_with_a_superlative_is_withheld(embedded_store):
    a = ask(embedded_store, "how many parameters does the biggest model have")
    assert a.status == "withheld"
