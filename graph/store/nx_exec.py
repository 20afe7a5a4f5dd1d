"""Run a StructuredQuery over the embedded store's networkx graph, walking each constraint's pattern.

Returns, per result id, the evidence of every constraint: all paths matching its pattern (node ids,
and per hop the relationship type, role and direction), the same set the Cypher executor returns.
Paths never reuse a relationship (Cypher's rule). Candidates are first narrowed by walking each
pattern that ends at a given id backwards from it (cheap, a superset), so only those are walked path
by path: at 100x the survey's size this made the user's example question about 10x faster.
Walks read a typed adjacency index (graph.store.nx_index: per node and relationship type, built once per
graph); whole sets of nodes are walked by graph.store.nx_reach. The graph must not change after its first
query (the embedded store builds it once).
"""
from __future__ import annotations

from dataclasses import replace

from graph.query import Aggregate, End, Seg, StructuredQuery, order_cut, rank_cut, test_value
from graph.store.nx_count import count_partners
from graph.store.nx_index import Index, end_ok, index_of, index_of_data, neighbours  # noqa: F401 (index_of_data: API)
from graph.store.nx_reach import ends, memo_reach, prune_sets, reach


def match_paths(g, start: str, segs: list[Seg], end: End) -> list[tuple[tuple[str, ...], tuple]]:
    """Every path from ``start`` matching ``segs`` and ending at a node that passes ``end``."""
    return _paths(index_of(g), start, segs, end)


def _paths(ix: Index, start: str, segs: list[Seg], end: End, first: bool = False,
           prune: list[set] | None = None) -> list:
    """``match_paths`` on the index; with ``first``, stop at the first path (enough for a negation);
    ``prune``: the sets of nx_reach.prune_sets, walks leaving them stop early. One walk with its path and
    used edges kept on stacks (appended, then popped); an edge is (source, target, type, role)."""
    if first and len(segs) == 1 and segs[0].lo == segs[0].hi == 1:  # one hop: no recursion needed
        seg = segs[0]
        ids, roles = neighbours(ix, start, seg, end.label if end.id is None else None)
        for k, other in enumerate(ids):
            role = roles[k] if roles is not None else None
            if (seg.role is None or role == seg.role) and end_ok(ix, other, end):
                return [((start, other), ((seg.rel, role, start if seg.dir == "out" else other),))]
        return []
    out: list = []
    n = len(segs)
    nodes, hops, used = [start], [], set()

    def walk(node, i, h) -> bool:
        if prune is not None and i < n and node not in prune[i]:
            return False
        if i == n:
            if end_ok(ix, node, end):
                out.append((tuple(nodes), tuple(hops)))
                return first
            return False
        seg = segs[i]
        if h >= seg.lo and walk(node, i + 1, 0):  # this segment may stop here
            return True
        if h < seg.hi:
            # the pattern's last hop: only edges to nodes of the end's label can finish it
            ids, roles = neighbours(ix, node, seg, end.label if i == n - 1 and h + 1 == seg.hi else None)
            fwd, rel, want = seg.dir == "out", seg.rel, seg.role
            for k, other in enumerate(ids):
                role = roles[k] if roles is not None else None
                if want is not None and role != want:
                    continue
                edge = (node, other, rel, role) if fwd else (other, node, rel, role)
                if edge in used:
                    continue
                used.add(edge)
                nodes.append(other)
                hops.append((rel, role, edge[0]))
                stop = walk(other, i, h + 1)
                used.discard(edge)
                nodes.pop()
                hops.pop()
                if stop:
                    return True
        return False

    walk(start, 0, 0)
    return sorted(set(out))


NARROW_ENOUGH = 2000  # candidates; past this, patterns ending at a label's nodes narrow further
FEW = 16  # candidates named by id: so few are walked forwards, short patterns without narrowing or pruning


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
    ix = index_of(g)
    for segs, end in pats:
        out |= memo_reach(ix, segs, end, memo) if end.id is not None or end.ids is not None \
            else reach(ix, segs, end)
    return out


MAX_CHAIN_PATHS = 50  # per result and nested constraint: the evidence paths kept through a chain (shortest first)


def _nested_patterns(ix: Index, query: StructuredQuery, narrow: bool) -> tuple[list, dict]:
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


def _single_steps(segs) -> bool:
    """Every segment is at most one hop: a walk from a node is its neighbourhood, and no walk is deep."""
    return all(s.hi <= 1 for s in segs)


def _worth_pruning(pat, few: bool) -> bool:
    """Prune a walk by the nodes that can still reach the pattern's end id, unless the walk starts at a few
    named nodes and every hop is a single one: then the walk is their neighbourhood, and the pruning set
    (walked back from a hub such as English) would cost far more than it saves."""
    segs, end = pat
    if end.id is None and end.ids is None:
        return False
    return not (few and _single_steps(segs))


def _having_pattern(ix: Index, pats, memo: dict) -> set | None:
    """Every node from which one of ``pats`` has a path, when walking back gives exactly that set: each
    pattern's hops are single steps over distinct types, so no path could use a relationship twice (the
    rule the walk back ignores); None otherwise ("models not from Google or Meta" at 100x: 600 -> 20 ms)."""
    if not all(_single_steps(segs) and len({s.rel for s in segs}) == len(segs) for segs, _ in pats):
        return None
    out: set = set()
    for segs, end in pats:
        out |= memo_reach(ix, segs, end, memo) if end.id is not None or end.ids is not None else reach(ix, segs, end)
    return out


def _named(ix: Index, query: StructuredQuery) -> set | None:
    """The nodes a test of x's own id allows ("does BLOOM cover Swahili" asks of one model): walking from
    them, not from every node of the label, is what keeps a yes/no or value question fast on a large graph."""
    out = None
    for c in query.constraints:
        if c.kind == "prop" and c.field == "id" and not c.negate and c.op in ("=", "in"):
            ids = {v for v in (c.value if c.op == "in" else [c.value]) if isinstance(v, str) and v in ix.attrs}
            out = ids if out is None else out & ids
    return out


def execute(g, query: StructuredQuery, narrow: bool = True) -> dict[str, list]:
    """{result id: [evidence per constraint]}; evidence is a list of paths, or a property value.

    ``narrow=False`` walks from every node of the target label (the reference the tests compare with).
    With an aggregate, each evidence list ends with the count and the results come ranked (see rank_cut).
    """
    results: dict[str, list] = {}
    memo: dict = {}
    ix = index_of(g)
    candidates = _named(ix, query) if narrow else None
    patterns, subs = _nested_patterns(ix, query, narrow)
    # constraints ending at an id narrow first; those ending at a label's nodes only while many are left
    at_ids = [_ends_at_ids(c, query.target, pats) for c, pats in zip(query.constraints, patterns)]
    few = candidates is not None and len(candidates) <= FEW  # named: walking back from the ends costs more
    for i in sorted(range(len(patterns)) if narrow else (), key=lambda i: not at_ids[i]):
        if few and all(_single_steps(segs) for segs, _ in patterns[i] or ()):
            continue
        if candidates is not None and len(candidates) <= NARROW_ENOUGH and not at_ids[i]:
            break
        allowed = _narrowing(g, query.constraints[i], patterns[i], memo)
        if allowed is not None:
            candidates = allowed if candidates is None else candidates & allowed
    nodes = ix.by_label.get(query.target, []) if candidates is None else candidates
    prunes = [[prune_sets(ix, *pat, memo) if narrow and _worth_pruning(pat, few) else None
               for pat in pats] if pats else None for pats in patterns]
    # cheap tests first (properties, then absences, which stop at one path), evidence in question order
    order = sorted(range(len(patterns)), key=lambda i: (patterns[i] is not None, not query.constraints[i].negate))
    # an absence over many candidates: the nodes that have the pattern, found once, then one lookup each
    present = [_having_pattern(ix, pats, memo) if pats and c.negate and (candidates is None or len(candidates) > FEW)
               else None for c, pats in zip(query.constraints, patterns)]
    if not patterns:  # every node of the label ("which data set are the most papers evaluated on")
        results = {nid: [] for nid in nodes if ix.attrs[nid].get("label") == query.target}
        nodes = ()
    kept: list = []  # with an order: the values of the results so far, best first
    if query.order is not None and nodes:
        nodes, order_value = _best_first(ix, nodes, query.order)
    for nid in nodes:
        attrs = ix.attrs[nid]
        if attrs.get("label") != query.target:
            continue
        if query.order is not None:  # best first: past the k-th result, only its ties can still be kept
            if len(kept) >= query.order.k and order_value(nid) != kept[query.order.k - 1]:
                break
        evidence: list = [None] * len(patterns)
        for i in order:
            c, pats = query.constraints[i], patterns[i]
            if pats is None:
                prop, op, value = c.node_test()
                if not test_value(attrs.get(prop), op, value):
                    break
                evidence[i] = {"property": prop, "value": attrs.get(prop)}
            elif c.negate:
                if present[i] is not None:
                    if nid in present[i]:
                        break
                elif any(_paths(ix, nid, *pat, first=True, prune=pr) for pat, pr in zip(pats, prunes[i])):
                    break
                evidence[i] = {"absent": True}
            else:
                paths = sorted({p for pat, pr in zip(pats, prunes[i]) for p in _paths(ix, nid, *pat, prune=pr)})
                if not paths:
                    break
                evidence[i] = chain_paths(paths, subs[i]) if i in subs else paths
        else:
            results[nid] = evidence
            if query.order is not None:
                kept.append(order_value(nid))
    if query.aggregate is not None:
        return _ranked(g, results, query.aggregate)
    if query.order is not None:
        o = query.order
        cut = order_cut({nid: ix.attrs[nid].get(o.field) for nid in results}, o.order, o.k)
        return {nid: results[nid] + [{"order": o.field, "value": v}] for nid, v in cut}
    return dict(sorted(results.items()))


def _best_first(ix: Index, nodes, o) -> tuple[list, object]:
    """The nodes that have ``o``'s value, best first (then by id, order_cut's order), and their values' reader:
    "the newest open model" then tests candidates from the newest down and stops past the cut, instead of
    walking every model's evidence (6,500 models at 100x)."""
    attrs, field, sign = ix.attrs, o.field, -1 if o.order == "desc" else 1
    values = {}
    for n in nodes:
        v = attrs[n].get(field)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            values[n] = v
    ranked = sorted(values, key=lambda n: (sign * values[n], n))
    return ranked, values.__getitem__


def _ranked(g, results: dict[str, list], agg: Aggregate) -> dict[str, list]:
    """The results ranked by their number of distinct partners over ``agg``'s pattern, cut with ties kept;
    counted for all results at once (graph.store.nx_count), per result only for a pattern it cannot take."""
    segs, end = agg.pattern()
    ix = index_of(g)
    counts = count_partners(ix, results, segs, end)
    if counts is None:
        counts = {nid: len(ends(ix, nid, segs, end)) for nid in results}
    return {nid: results[nid] + [{"aggregate": "count", "value": n}]
            for nid, n in rank_cut(counts, agg.order, agg.k)}


def node_info(g, ids) -> dict[str, dict]:
    """id -> {label, name, resource_class?} for rendering results and evidence."""
    out = {}
    for i in ids:
        if i in g:
            a = g.nodes[i]
            out[i] = {"label": a.get("label"), "name": a.get("name"), "resource_class": a.get("resource_class")}
    return out
