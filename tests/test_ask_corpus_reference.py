"""The corpus's reference answers agree with the atlas's own executor wherever an intent can be written
as a StructuredQuery (a check on the expectations, independent of the parser).

Any-of lists become a union of queries, "not any-of" one negated constraint per alternative, and an
organisation's country or region the list of organisations there. Intents with no StructuredQuery
form yet (family, subcategories, parameter sizes, an Organization's own country) are left out and
counted; the reference alone answers them.
"""
from __future__ import annotations

import itertools

from graph.query import Constraint, StructuredQuery
from tests.ask_corpus import reference as R
from tests.ask_corpus.score import load_corpus

LINK = {"technique": "USES_TECHNIQUE", "language": "COVERS_LANGUAGE", "frontier": "ADDRESSES",
        "trained_on": "TRAINED_ON", "evaluated_on": "EVALUATED_ON", "applied_to": "APPLIED_TO",
        "developed_by": "DEVELOPED_BY"}
PROPS = ("year", "open", "stage", "construction", "level", "in_survey")


class NoQueryForm(Exception):
    pass


def _constraints(key, value, target, negate=False) -> list[Constraint]:
    if key == "category":
        return [Constraint("category", id=value, negate=negate)]
    if key in LINK and not (key == "language" and target == "Language"):
        return [Constraint("link", rel=LINK[key], dir="out", id=value, negate=negate)]
    if key in ("derived_from", "ancestors_of"):
        direction = "descendants" if key == "derived_from" else "ancestors"
        return [Constraint("lineage", id=value, direction=direction, negate=negate)]
    if key == "hop" and not negate:  # a nested query: the inner intent's one query form
        inner = queries(value["where"], R.graph())
        if len(inner) != 1:
            raise NoQueryForm(key)
        return [Constraint("nested", rel=value["rel"], dir=value["dir"], sub=inner[0])]
    if key == "link":
        return [Constraint("link", rel=value["rel"], dir=value["dir"], id=value["id"], negate=negate,
                           via_partner=value.get("via_partner", True))]
    if key == "related":
        return [Constraint("related", rel=value["rel"], dir=value["dir"], label=value["label"], negate=negate)]
    if key == "language_group":
        return [Constraint("language_group", field="resource_class", op="<=", value=2, negate=negate)
                if f == "low_resource" else Constraint("language_group", field=f, op="=", value=v, negate=negate)
                for f, v in value.items()]
    if target == "Language" and key == "low_resource" and not negate:
        return [Constraint("language_group", field="resource_class", op="<=", value=2)]
    if target == "Language" and key in ("family", "script") and not negate:
        return [Constraint("language_group", field=key, op="=", value=value)]
    if key in PROPS and not negate:
        if isinstance(value, dict):
            return [Constraint("prop", field=key, op=op, value=v) for op, v in value.items()]
        return [Constraint("prop", field=key, op="=", value=value)]
    raise NoQueryForm(key)


def _orgs(g, key, value):
    want = set(R._any(value))
    if key == "org_country":
        return [o for o in g.of_label("Organization") if g.nodes[o].get("country") in want]
    return [o for o in g.of_label("Organization") if set(R.REGION.get(g.nodes[o].get("country"), [])) & want]


def queries(intent: dict, g) -> list[StructuredQuery]:
    """The StructuredQueries whose union is the intent's answer (NoQueryForm when there are none)."""
    target = intent["target"]
    pos = {k: v for k, v in intent.items() if k not in R.META}
    neg = dict(intent.get("not") or {})
    for part in (pos, neg):
        for k in ("org_country", "org_region"):
            if k in part:
                if target == "Organization":
                    raise NoQueryForm(k)
                part["developed_by"] = _orgs(g, k, part.pop(k))
    keys = [k for k, v in pos.items() if isinstance(v, list)]
    out = []
    for combo in itertools.product(*(pos[k] for k in keys)):
        alt = {**pos, **dict(zip(keys, combo))}
        cs = [c for k, v in alt.items() for c in _constraints(k, v, target)]
        cs += [c for k, v in neg.items() for x in R._any(v) for c in _constraints(k, x, target, negate=True)]
        out.append(StructuredQuery(target, cs))
    return out


def test_reference_agrees_with_the_executor(embedded_store):
    g = R.graph()
    checked, without_form, wrong = 0, 0, []
    for fam, items in load_corpus().items():
        for it in items:
            intent = it["intent"]
            if intent.get("ask", "list") not in ("list", "count"):
                continue
            try:
                qs = queries(intent, g)
            except NoQueryForm:
                without_form += 1
                continue
            got = set().union(*(set(embedded_store.execute(q)) for q in qs))
            want = R.answer_list(intent, g)
            checked += 1
            if got != want:
                wrong.append(f"[{fam}] {it['q']!r}: executor only {sorted(got - want)}, reference only "
                             f"{sorted(want - got)}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 300, (checked, without_form)


def test_ranking_values_agree_with_the_executor(embedded_store):
    """A ranking value is the size of a list question; the executor answers that list the same way."""
    g = R.graph()
    wrong, checked = [], 0
    for fam, items in load_corpus().items():
        for it in items:
            intent = it["intent"]
            if intent.get("ask") != "ranking":
                continue
            spec = intent["rank"]
            for cand, value in R.rank_values(intent, g)[: intent.get("top", 1) + 3]:
                qs = queries({"target": spec["count"], spec["by"]: cand}, g)
                n = len(set().union(*(set(embedded_store.execute(q)) for q in qs)))
                checked += 1
                if n != value:
                    wrong.append(f"[{fam}] {it['q']!r}: {cand} executor {n}, reference {value}")
    assert not wrong, "\n".join(wrong)
    assert checked >= 50
