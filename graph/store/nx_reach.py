"""Set-level walks of the embedded executor: which nodes a pattern reaches, hop by hop, without its paths.

Narrowing (the candidates a constraint ending at an id allows), pruning (the nodes from which a path walk
can still finish) and counting an aggregate's distinct partners all need only sets of nodes; each hop is a
union of the typed adjacency's id tuples (graph.store.nx_index).
"""
from __future__ import annotations

import numpy as np

from graph.query import End, Seg
from graph.store.nx_arrays import end_mask, hop_arrays, ids_of, numbering, step
from graph.store.nx_index import Index, index_of, passing, step_set


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
    """``reach_back`` on the index: each hop back is one gather over the hop's edge arrays
    (graph.store.nx_arrays) from a mask of the frontier, not a Python loop over the frontier's nodes."""
    ids, num = numbering(ix)
    current = np.zeros(len(ids), dtype=bool)
    if end.id is not None:
        if end.id in num:
            current[num[end.id]] = True
    elif end.ids is not None:
        current[[num[n] for n in end.ids if n in num]] = True
    else:
        current = end_mask(ix, end).copy()
    for seg in reversed(segs):
        arrays = hop_arrays(ix, Seg(seg.rel, "in" if seg.dir == "out" else "out", role=seg.role))
        reached = current.copy() if seg.lo == 0 else np.zeros(len(ids), dtype=bool)
        frontier, seen = np.flatnonzero(current), current.copy()
        for hop in range(1, seg.hi + 1):
            met = np.zeros(len(ids), dtype=bool)
            met[step(*arrays, frontier)[1]] = True
            if hop >= seg.lo:
                reached |= met
            if seg.lo <= 1:  # a node met again has already been expanded, into hops that all count
                met &= ~seen
                seen |= met
            frontier = np.flatnonzero(met)
            if not len(frontier):
                break
        current = reached
    return ids_of(ix, current)


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
            frontier = step_set(adj, radj, frontier, key, seg.role, ix)
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
