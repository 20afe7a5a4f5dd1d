"""Rankings with the list meaning: a candidate's value is the length of the list question it ranks.

"which language is covered by the most data sets": each language's value is the number of data sets
the question "data sets covering <language>" lists (a data set counting with the paper that
introduces it, as every list does); "which model has the most descendants" counts what "models
derived from <model>" lists (transitively); a category counts what is classified under it at any
depth. One counting query runs on the store (its evidence paths say who counts for whom), so both
stores rank alike.
"""
from __future__ import annotations

from collections import defaultdict

from graph.ask import gaps
from graph.query import Constraint, StructuredQuery, rank_cut

PARTNERED = ("Paper", "Method", "Model", "Dataset")


def plan(target: str, counted: str, cue: str | None) -> tuple[StructuredQuery, str] | None:
    """(the counting query over the counted label, how to read it) or None when no relationship fits."""
    if counted == "descendants":
        return StructuredQuery(target, [Constraint("related", rel="DERIVED_FROM", dir="out", label=target,
                                                   via_partner=False)]), "lineage"
    rel = gaps.relation_between(counted, target, cue)
    if rel is None:
        return None
    return StructuredQuery(counted, [Constraint("related", rel=rel[0], dir=rel[1], label=target,
                                                via_partner=rel[0] != "INTRODUCES")]), "direct"


def rels(target: str, intent, cue: str | None) -> set[str]:
    """The relationship type a ranking counts by (its verbs are the ranking's: "covered by the most ..."), or
    none for any other intent."""
    if intent.kind != "ranking" or not intent.counted or intent.counted == "size":
        return set()
    planned = plan(target, intent.counted, cue)
    return {c.rel for c in planned[0].constraints} if planned else set()


def counts(store, query: StructuredQuery, how: str, parents: dict[str, set] | None = None) -> dict[str, int]:
    """{target id: value} from the counting query's evidence (``parents``: the category tree, for a
    ranking of categories)."""
    raw = store.execute(query)
    per: dict[str, set] = defaultdict(set)
    if how == "lineage":  # x -DERIVED_FROM-> parent: count descendants transitively
        children = defaultdict(set)
        for x, ev in raw.items():
            for nodes, _hops in ev[0]:
                children[nodes[-1]].add(x)
        for root in list(children):
            seen, stack = set(), [root]
            while stack:
                for c in children.get(stack.pop(), ()):
                    if c not in seen:
                        seen.add(c)
                        stack.append(c)
            per[root] = seen
    else:
        for y, ev in raw.items():
            for nodes, _hops in ev[0]:
                per[nodes[-1]].add(y)
    if parents is not None:  # a category counts everything under it
        per = with_subcategories(per, parents)
    return {x: len(v) for x, v in per.items()}


def with_subcategories(per: dict[str, set], parents: dict[str, set]) -> dict[str, set]:
    """Add each category's members to all the categories above it."""
    out = defaultdict(set)
    for c, members in per.items():
        stack, seen = [c], set()
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            out[k] |= members
            stack += list(parents.get(k, ()))
    return out


def rank(values: dict[str, int], candidates: list[str], order: str, k: int | None) -> list[tuple[str, int]]:
    """(id, value) of the candidates, ranked, cut after the k-th with ties kept (zeros count)."""
    return rank_cut({c: values.get(c, 0) for c in candidates}, order, k)
