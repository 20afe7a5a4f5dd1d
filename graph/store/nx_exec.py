"""Run a StructuredQuery over the embedded store's networkx graph, walking each constraint's pattern.

Returns, per result id, the evidence of every constraint: all paths matching its pattern (node ids,
and per hop the relationship type, role and direction), the same set the Cypher executor returns.
Paths never reuse a relationship (Cypher's rule). Candidates are first narrowed by walking each
pattern that ends at a given id backwards from it (cheap, a superset), so only those are walked path
by path: at 100x the survey's size this made the user's example question about 10x faster.
Walks read a typed adjacency index (per node and relationship type, built once per graph): networkx's
own views cost more than the walk itself. The graph must not change after its first query (the
embedded store builds it once).
"""
from __future__ import annotations

import weakref

from dataclasses import replace

from graph.query import Aggregate, End, Seg, StructuredQuery, order_cut, rank_cut, test_value


class _Index:
    """Out- and in-edges per node and relationship type as (other, role, key); node attributes; ids per label."""

    def __init__(self, g):
        self.out: dict[str, dict] = {}  # node -> {type: [...], (type, other's label): [...]}
        self.inc: dict[str, dict] = {}
        self.attrs = dict(g.nodes(data=True))
        self._add(g.edges(keys=True, data=True))
        self.size = len(g)

    def _add(self, edges) -> None:
        for u, v, k, a in edges:
            t, r = a.get("type"), a.get("role")
            out, inc = self.out.setdefault(u, {}), self.inc.setdefault(v, {})
            out.setdefault(t, []).append((v, r, k))
            out.setdefault((t, self.attrs[v].get("label")), []).append((v, r, k))
            inc.setdefault(t, []).append((u, r, k))
            inc.setdefault((t, self.attrs[u].get("label")), []).append((u, r, k))
        self.by_label: dict[str, list[str]] = {}
        for n, a in self.attrs.items():
            self.by_label.setdefault(a.get("label"), []).append(n)


def index_of_data(data) -> _Index:
    """The index of a GraphData, equal to the index of its networkx graph (graph.store.embedded.build_graph:
    the same nodes and edge keys, edges in the order that graph yields them), without building that graph.

    >>> from graph.schema.model import GraphData
    >>> d = GraphData({"a": {"id": "a", "label": "Model"}, "b": {"id": "b", "label": "Model"}},
    ...               [{"source": "a", "target": "b", "type": "DERIVED_FROM", "provenance": []}])
    >>> sorted(execute(index_of_data(d), StructuredQuery("Model", [])))
    ['a', 'b']
    """
    from graph import schema

    succ: dict[str, dict] = {n: {} for n in data.nodes}
    for e in data.edges:
        attrs = {k: v for k, v in e.items() if k not in ("source", "target")}
        succ.setdefault(e["source"], {}).setdefault(e["target"], {})[schema.edge_key(e["type"], e)] = attrs
    ix = _Index.__new__(_Index)
    ix.out, ix.inc, ix.attrs = {}, {}, {n: a for n, a in data.nodes.items()}
    ix._add((u, v, k, a) for u, nbrs in succ.items() for v, keyed in nbrs.items() for k, a in keyed.items())
    ix.size = len(ix.attrs)
    return ix


_INDEX: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index(g) -> _Index:
    """The index of a networkx graph (built once per graph), or ``g`` itself when it is one."""
    if isinstance(g, _Index):
        return g
    ix = _INDEX.get(g)
    if ix is None or ix.size != len(g):
        ix = _INDEX[g] = _Index(g)
    return ix


def _steps(ix: _Index, node: str, seg: Seg, label: str | None = None):
    """(next node, hop) pairs of one hop along ``seg`` from ``node`` (to a node of ``label`` if given);
    a hop is (type, role, source, key)."""
    out = seg.dir == "out"
    for other, role, k in (ix.out if out else ix.inc).get(node, {}).get(seg.rel if label is None else (seg.rel, label), ()):
        if seg.role is not None and role != seg.role:
            continue
        eid = (node, other, k) if out else (other, node, k)
        yield other, (seg.rel, role, eid[0], eid)


def _back(ix: _Index, nodes: set, seg: Seg) -> set:
    """Nodes one hop of ``seg`` before any of ``nodes`` (the hop walked backwards)."""
    adj = ix.inc if seg.dir == "out" else ix.out
    found = set()
    for node in nodes:
        for other, role, _ in adj.get(node, {}).get(seg.rel, ()):
            if seg.role is None or role == seg.role:
                found.add(other)
    return found


def reach_back(g, segs: list[Seg], end: End) -> set:
    """Every node from which ``segs`` can reach a node passing ``end`` (edge reuse allowed: a superset).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edges_from([("a", "b"), ("b", "c")], type="DERIVED_FROM")
    [0, 0]
    >>> sorted(reach_back(g, [Seg("DERIVED_FROM", "out", 1, 10)], End(id="c")))
    ['a', 'b']
    """
    return _reach_back(_index(g), segs, end)


def _reach_back(ix: _Index, segs: list[Seg], end: End) -> set:
    if end.id is not None:
        current = {end.id} if end.id in ix.attrs else set()
    elif end.ids is not None:
        current = {n for n in end.ids if n in ix.attrs}
    else:
        pool = ix.attrs if end.label is None else ix.by_label.get(end.label, [])
        current = {n for n in pool if _end_ok(ix, n, end)}
    for seg in reversed(segs):
        reached = set(current) if seg.lo == 0 else set()
        frontier, seen = current, set(current)
        for hop in range(1, seg.hi + 1):
            frontier = _back(ix, frontier, seg)
            if hop >= seg.lo:
                reached |= frontier
            if seg.lo <= 1:  # a node met again has already been expanded, into hops that all count
                frontier -= seen
                seen |= frontier
            if not frontier:
                break
        current = reached
    return current


def _end_ok(ix: _Index, node: str, end: End) -> bool:
    if end.id is not None:
        return node == end.id
    if end.ids is not None:
        return node in end.ids
    attrs = ix.attrs[node]
    if end.label is not None and attrs.get("label") != end.label:
        return False
    return end.prop is None or test_value(attrs.get(end.prop), end.op, end.value)


def match_paths(g, start: str, segs: list[Seg], end: End) -> list[tuple[tuple[str, ...], tuple]]:
    """Every path from ``start`` matching ``segs`` and ending at a node that passes ``end``."""
    return _paths(_index(g), start, segs, end)


def _memo_reach(ix: _Index, segs: list[Seg], end: End, memo: dict) -> set:
    """``_reach_back`` remembered for one query (narrowing and pruning ask for the same sets); id ends only."""
    key = (tuple(segs), end.id, end.ids)
    if key not in memo:
        memo[key] = _reach_back(ix, segs, end)
    return memo[key]


def _ends(ix: _Index, start: str, segs: list[Seg], end: End) -> set:
    """The distinct nodes passing ``end`` that ``segs`` reach from ``start``, hop by hop without paths.
    Equal to the ends of match_paths when no path could reuse a relationship (an Aggregate's one hop
    and its INTRODUCES partner never can: Aggregate refuses rel INTRODUCES with via_partner)."""
    current = {start}
    for i, seg in enumerate(segs):
        reached = set(current) if seg.lo == 0 else set()
        frontier = current
        adj = ix.out if seg.dir == "out" else ix.inc
        for hop in range(1, seg.hi + 1):
            key = (seg.rel, end.label) if i == len(segs) - 1 and hop == seg.hi and end.label else seg.rel
            nxt = set()
            for n in frontier:
                edges = adj.get(n)
                found = edges.get(key) if edges else None
                if found:
                    nxt.update(o for o, role, _ in found if seg.role is None or role == seg.role)
            frontier = nxt
            if hop >= seg.lo:
                reached |= frontier
            if not frontier:
                break
        current = reached
    last = segs[-1] if segs else None
    if end.id is None and end.prop is None and end.label and last and last.lo == last.hi >= 1:
        return current  # every node came over the last hop's (type, end label) edges: the test holds
    return {n for n in current if _end_ok(ix, n, end)}


def _prune_sets(ix: _Index, segs: list[Seg], end: End, memo: dict) -> list[set]:
    """Per segment i, the nodes from which a walk inside segment i can still finish the pattern (its
    remaining hops of segment i, 0 or more, then the segments after it): supersets, so a walk may drop
    any node outside them. Worth it for patterns that end at an id (small sets, deep walks)."""
    return [_memo_reach(ix, [Seg(s.rel, s.dir, 0, s.hi, s.role)] + segs[i + 1:], end, memo) for i, s in enumerate(segs)]


def _paths(ix: _Index, start: str, segs: list[Seg], end: End, first: bool = False,
           prune: list[set] | None = None) -> list:
    """``match_paths`` on the index; with ``first``, stop at the first path (enough for a negation);
    ``prune``: the sets of _prune_sets, walks leaving them stop early."""
    if first and len(segs) == 1 and segs[0].lo == segs[0].hi == 1:  # one hop: no recursion needed
        for other, hop in _steps(ix, start, segs[0], end.label if end.id is None else None):
            if _end_ok(ix, other, end):
                return [((start, other), (hop[:3],))]
        return []
    out = []

    def walk(node, i, hops_in_seg, nodes, hops, used) -> bool:
        if prune is not None and i < len(segs) and node not in prune[i]:
            return False
        if i == len(segs):
            if _end_ok(ix, node, end):
                out.append((tuple(nodes), tuple((t, r, s) for t, r, s, _ in hops)))
                return first
            return False
        seg = segs[i]
        if hops_in_seg >= seg.lo and walk(node, i + 1, 0, nodes, hops, used):  # this segment may stop here
            return True
        if hops_in_seg < seg.hi:
            # the pattern's last hop: only edges to nodes of the end's label can finish it
            label = end.label if i == len(segs) - 1 and hops_in_seg + 1 == seg.hi else None
            for other, hop in _steps(ix, node, seg, label):
                if hop[3] in used:
                    continue
                if walk(other, i, hops_in_seg + 1, nodes + [other], hops + [hop], used | {hop[3]}):
                    return True
        return False

    walk(start, 0, 0, [start], [], frozenset())
    return sorted(set(out))


NARROW_ENOUGH = 2000  # candidates; past this, patterns ending at a label's nodes narrow further


def _ends_at_ids(c, target: str, pats=None) -> bool:
    pats = c.patterns(target) if pats is None else pats
    return pats is not None and all(end.id is not None or end.ids is not None for _, end in pats)


def _narrowing(g, c, pats, memo: dict) -> set | None:
    """Candidates a constraint allows: its pattern walked back from the nodes it may end at (an id, a
    nested query's results, or the nodes of a label passing a property test; None: a property of x, or a
    negation). An any constraint narrows to the union of its alternatives' candidates."""
    if pats is None or c.negate or any(end.id is None and end.ids is None and end.prop is None for _, end in pats):
        return None  # any node of a label: walking back from all of them narrows nothing
    out: set = set()
    ix = _index(g)
    for segs, end in pats:
        out |= _memo_reach(ix, segs, end, memo) if end.id is not None or end.ids is not None \
            else _reach_back(ix, segs, end)
    return out


MAX_CHAIN_PATHS = 50  # per result and nested constraint: the evidence paths kept through a chain (shortest first)


def _nested_patterns(ix: _Index, query: StructuredQuery, narrow: bool) -> tuple[list, dict]:
    """Each constraint's patterns, a nested one's end replaced by the ids its sub-query answers; and
    {constraint index: that sub-query's results} (their evidence continues the chain)."""
    patterns, subs = [], {}
    for i, c in enumerate(query.constraints):
        pats = c.patterns(query.target)
        if c.kind == "nested":
            res = execute(ix, c.sub, narrow)
            subs[i] = res
            pats = [(segs, replace(end, label=None, ids=frozenset(res))) for segs, end in pats]
        patterns.append(pats)
    return patterns, subs


def chain_paths(paths, sub_results: dict, cap: int = MAX_CHAIN_PATHS) -> list:
    """Paths from x to a nested query's results continued by each result's own evidence paths (the hop
    alone where the result has none), sorted, the ``cap`` shortest kept (then in path order); both
    executors build the chain with this."""
    out = set()
    for nodes, hops in paths:
        conts = [p for ev in sub_results.get(nodes[-1], ()) if isinstance(ev, list) for p in ev]
        if not conts:
            out.add((nodes, hops))
        for cn, ch in conts:
            out.add((tuple(nodes) + tuple(cn[1:]), tuple(hops) + tuple(ch)))
    return sorted(out, key=lambda p: (len(p[0]), p))[:cap]


def execute(g, query: StructuredQuery, narrow: bool = True) -> dict[str, list]:
    """{result id: [evidence per constraint]}; evidence is a list of paths, or a property value.

    ``narrow=False`` walks from every node of the target label (the reference the tests compare with).
    With an aggregate, each evidence list ends with the count and the results come ranked (see rank_cut).
    """
    results: dict[str, list] = {}
    candidates = None
    memo: dict = {}
    ix = _index(g)
    patterns, subs = _nested_patterns(ix, query, narrow)
    # constraints ending at an id narrow first; those ending at a label's nodes only while many are left
    at_ids = [_ends_at_ids(c, query.target, pats) for c, pats in zip(query.constraints, patterns)]
    for i in sorted(range(len(patterns)) if narrow else (), key=lambda i: not at_ids[i]):
        if candidates is not None and len(candidates) <= NARROW_ENOUGH and not at_ids[i]:
            break
        reach = _narrowing(g, query.constraints[i], patterns[i], memo)
        if reach is not None:
            candidates = reach if candidates is None else candidates & reach
    nodes = ix.by_label.get(query.target, []) if candidates is None else candidates
    prunes = [[_prune_sets(ix, *pat, memo) if narrow and (pat[1].id is not None or pat[1].ids is not None) else None
               for pat in pats] if pats else None for pats in patterns]
    # cheap tests first (properties, then absences, which stop at one path), evidence in question order
    order = sorted(range(len(patterns)), key=lambda i: (patterns[i] is not None, not query.constraints[i].negate))
    for nid in nodes:
        attrs = ix.attrs[nid]
        if attrs.get("label") != query.target:
            continue
        evidence: list = [None] * len(patterns)
        for i in order:
            c, pats = query.constraints[i], patterns[i]
            if pats is None:
                prop, op, value = c.node_test()
                if not test_value(attrs.get(prop), op, value):
                    break
                evidence[i] = {"property": prop, "value": attrs.get(prop)}
            elif c.negate:
                if any(_paths(ix, nid, *pat, first=True, prune=pr) for pat, pr in zip(pats, prunes[i])):
                    break
                evidence[i] = {"absent": True}
            else:
                paths = sorted({p for pat, pr in zip(pats, prunes[i]) for p in _paths(ix, nid, *pat, prune=pr)})
                if not paths:
                    break
                evidence[i] = chain_paths(paths, subs[i]) if i in subs else paths
        else:
            results[nid] = evidence
    if query.aggregate is not None:
        return _ranked(g, results, query.aggregate)
    if query.order is not None:
        o = query.order
        cut = order_cut({nid: ix.attrs[nid].get(o.field) for nid in results}, o.order, o.k)
        return {nid: results[nid] + [{"order": o.field, "value": v}] for nid, v in cut}
    return dict(sorted(results.items()))


def _ranked(g, results: dict[str, list], agg: Aggregate) -> dict[str, list]:
    """The results ranked by their number of distinct partners over ``agg``'s pattern, cut with ties kept.
    Counted from whichever side has fewer nodes: from each result forwards, or from each partner of the
    counted label backwards (at 100x, 5,900 data sets instead of 12,800 languages; the same pairs)."""
    segs, end = agg.pattern()
    ix = _index(g)
    partners = ix.by_label.get(end.label, ()) if end.id is None and end.label else None
    if partners is not None and len(partners) < len(results):
        counts = _counts_back(ix, results, segs, end, partners)
    else:
        counts = {nid: len(_ends(ix, nid, segs, end)) for nid in results}
    return {nid: results[nid] + [{"aggregate": "count", "value": n}]
            for nid, n in rank_cut(counts, agg.order, agg.k)}


def _counts_back(ix: _Index, results: dict, segs: list[Seg], end: End, partners) -> dict[str, int]:
    """{result id: distinct partners reaching it}: the pattern reversed, walked from every partner that
    passes ``end``; each (result, partner) pair counts once, as in ``_ends`` from the result's side."""
    back = [Seg(s.rel, "in" if s.dir == "out" else "out", s.lo, s.hi, s.role) for s in reversed(segs)]
    labels = {ix.attrs[n].get("label") for n in results}
    reach = End(label=labels.pop()) if len(labels) == 1 else End()
    counts = dict.fromkeys(results, 0)
    for p in partners:
        if _end_ok(ix, p, end):
            for nid in _ends(ix, p, back, reach):
                if nid in counts:
                    counts[nid] += 1
    return counts


def node_info(g, ids) -> dict[str, dict]:
    """id -> {label, name, resource_class?} for rendering results and evidence."""
    out = {}
    for i in ids:
        if i in g:
            a = g.nodes[i]
            out[i] = {"label": a.get("label"), "name": a.get("name"), "resource_class": a.get("resource_class")}
    return out
