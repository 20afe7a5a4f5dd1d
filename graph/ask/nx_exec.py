"""Run a StructuredQuery over the embedded store's networkx graph, walking each constraint's pattern.

Returns, per result id, the evidence of every constraint: all paths matching its pattern (node ids,
and per hop the relationship type, role and direction), the same set the Cypher executor returns.
Paths never reuse a relationship (Cypher's rule).
"""
from __future__ import annotations

from graph.ask.query import End, Seg, StructuredQuery, test_value


def _steps(g, node: str, seg: Seg):
    """(next node, hop) pairs of one hop along ``seg`` from ``node``; a hop is (type, role, source, key)."""
    if seg.dir == "out":
        edges = ((v, (node, v, k), a) for _, v, k, a in g.out_edges(node, keys=True, data=True))
    else:
        edges = ((u, (u, node, k), a) for u, _, k, a in g.in_edges(node, keys=True, data=True))
    for other, eid, attrs in edges:
        if attrs.get("type") != seg.rel:
            continue
        if seg.role is not None and attrs.get("role") != seg.role:
            continue
        yield other, (seg.rel, attrs.get("role"), eid[0], eid)


def _end_ok(g, node: str, end: End) -> bool:
    attrs = g.nodes[node]
    if end.id is not None:
        return node == end.id
    if end.label is not None and attrs.get("label") != end.label:
        return False
    return end.prop is None or test_value(attrs.get(end.prop), end.op, end.value)


def match_paths(g, start: str, segs: list[Seg], end: End) -> list[tuple[tuple[str, ...], tuple]]:
    """Every path from ``start`` matching ``segs`` and ending at a node that passes ``end``."""
    out = []

    def walk(node, i, hops_in_seg, nodes, hops, used):
        if i == len(segs):
            if _end_ok(g, node, end):
                out.append((tuple(nodes), tuple((t, r, s) for t, r, s, _ in hops)))
            return
        seg = segs[i]
        if hops_in_seg >= seg.lo:  # this segment may stop here
            walk(node, i + 1, 0, nodes, hops, used)
        if hops_in_seg < seg.hi:
            for other, hop in _steps(g, node, seg):
                if hop[3] in used:
                    continue
                walk(other, i, hops_in_seg + 1, nodes + [other], hops + [hop], used | {hop[3]})

    walk(start, 0, 0, [start], [], frozenset())
    return sorted(set(out))


def execute(g, query: StructuredQuery) -> dict[str, list]:
    """{result id: [evidence per constraint]}; evidence is a list of paths, or a property value."""
    results: dict[str, list] = {}
    for nid, attrs in g.nodes(data=True):
        if attrs.get("label") != query.target:
            continue
        evidence = []
        for c in query.constraints:
            pat = c.pattern(query.target)
            if pat is None:
                prop, op, value = c.node_test()
                if not test_value(attrs.get(prop), op, value):
                    break
                evidence.append({"property": prop, "value": attrs.get(prop)})
            else:
                paths = match_paths(g, nid, *pat)
                if not paths:
                    break
                evidence.append(paths)
        else:
            results[nid] = evidence
    return dict(sorted(results.items()))


def node_info(g, ids) -> dict[str, dict]:
    """id -> {label, name, resource_class?} for rendering results and evidence."""
    out = {}
    for i in ids:
        if i in g:
            a = g.nodes[i]
            out[i] = {"label": a.get("label"), "name": a.get("name"), "resource_class": a.get("resource_class")}
    return out
