"""Set-level walks of the embedded executor: which nodes a pattern reaches, hop by hop, without its paths.

Narrowing (the candidates a constraint ending at an id allows), pruning (the nodes from which a path walk
can still finish) and counting an aggregate's distinct partners all need only sets of nodes; each hop is a
union of the typed adjacency's id tuples (graph.store.nx_index).
"""
from __future__ import annotations

from graph.query import End, Seg
from graph.store.nx_index import Index, back, end_ok, index_of, passing, step_set


def reach_back(g, segs: list[Seg], end: End) -> set:
    """Every node from which ``segs`` can reach a node passing ``end`` (edge reuse allowed: a superset).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b"), ("b", "c")], type="DERIVED_FROM")
    [0, 0]
    >>> sorted(reach_back(g, [Seg("DERIVED_FROM", "out", 1, 10)], End(id="c")))
    ['a', 'b']
    """
    return reach(index_of(g), segs, end)


def reach(ix: Index, segs: list[Seg], end: End) -> set:
    """``reach_back`` on the index."""
    if end.id is not None:
        current = {end.id} if end.id in ix.attrs else set()
    elif end.ids is not None:
        current = {n for n in end.ids if n in ix.attrs}
    else:
        pool = set(ix.attrs) if end.label is None else set(ix.by_label.get(end.label, []))
        current = passing(ix, pool, end)
    for seg in reversed(segs):
        reached = set(current) if seg.lo == 0 else set()
        frontier, seen = current, set(current)
        for hop in range(1, seg.hi + 1):
            frontier = back(ix, frontier, seg)
            if hop >= seg.lo:
                reached |= frontier
            if seg.lo <= 1:  # a node met again has already been expanded, into hops that all count
                frontier -= seen
                seen |= frontier
            if not frontier:
                break
        current = reached
    return current


def memo_reach(ix: Index, segs: list[Seg], end: End, memo: dict) -> set:
    """``reach`` remembered for one query (narrowing and pruning ask for the same sets); id ends only."""
    key = (tuple(segs), end.id, end.ids)
    if key not in memo:
        memo[key] = reach(ix, segs, end)
    return memo[key]


def ends(ix: Index, start: str, segs: list[Seg], end: End) -> set:
    """The distinct nodes passing ``end`` that ``segs`` reach from ``start``, hop by hop without paths.
    Equal to the ends of the path walk when no path could reuse a relationship (an Aggregate's one hop
    and its INTRODUCES partner never can: Aggregate refuses rel INTRODUCES with via_partner)."""
    current = {start}
    for i, seg in enumerate(segs):
        reached = set(current) if seg.lo == 0 else set()
        frontier = current
        adj, radj = (ix.out, ix.out_roles) if seg.dir == "out" else (ix.inc, ix.inc_roles)
        for hop in range(1, seg.hi + 1):
            key = (seg.rel, end.label) if i == len(segs) - 1 and hop == seg.hi and end.label else seg.rel
            frontier = step_set(adj, radj, frontier, key, seg.role)
            if hop >= seg.lo:
                reached |= frontier
            if not frontier:
                break
        current = reached
    last = segs[-1] if segs else None
    if end.id is None and end.prop is None and end.label and last and last.lo == last.hi >= 1:
        return current  # every node came over the last hop's (type, end label) edges: the test holds
    return passing(ix, current, end)


def prune_sets(ix: Index, segs: list[Seg], end: End, memo: dict) -> list[set]:
    """Per segment i, the nodes from which a walk inside segment i can still finish the pattern (its
    remaining hops of segment i, 0 or more, then the segments after it): supersets, so a walk may drop
    any node outside them. Worth it for patterns that end at an id (small sets, deep walks)."""
    return [memo_reach(ix, [Seg(s.rel, s.dir, 0, s.hi, s.role)] + segs[i + 1:], end, memo) for i, s in enumerate(segs)]


def counts_back(ix: Index, results: dict, segs: list[Seg], end: End, partners) -> dict[str, int]:
    """{result id: distinct partners reaching it}: the pattern reversed, walked from every partner that
    passes ``end``; each (result, partner) pair counts once, as in ``ends`` from the result's side."""
    rev = [Seg(s.rel, "in" if s.dir == "out" else "out", s.lo, s.hi, s.role) for s in reversed(segs)]
    labels = {ix.attrs[n].get("label") for n in results}
    reach_end = End(label=labels.pop()) if len(labels) == 1 else End()
    counts = dict.fromkeys(results, 0)
    for p in partners:
        if end_ok(ix, p, end):
            for nid in ends(ix, p, rev, reach_end):
                if nid in counts:
                    counts[nid] += 1
    return counts
