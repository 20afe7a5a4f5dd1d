"""Compile a StructuredQuery to one parameterised Cypher query, and run it on a Bolt store.

User text never reaches the query string: ids, years, classes and other values are ``$p<n>``
parameters; labels, relationship types and property names come only from graph.schema. The Cypher
keeps to what Neo4j and FalkorDB both accept (MATCH, OPTIONAL MATCH, WHERE, WITH, collect, count,
list comprehensions, variable-length paths including ``*0..1``). It runs as it is in Neo4j Browser
with the params set.

>>> from graph.query import Constraint, StructuredQuery
>>> text, params = compile_query(StructuredQuery("Model", [Constraint("lineage", id="model:bloom", direction="descendants")]))
>>> params
{'p0': 'model:bloom'}
"""
from __future__ import annotations

import re

from graph import schema
from graph.query import Seg, StructuredQuery

_PROP_NAMES = {p.name for nt in schema.NODE_TYPES.values() for p in nt.all_props}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _label(label: str) -> str:
    if label not in schema.NODE_TYPES:
        raise ValueError(f"unknown label {label!r}")
    return label


def _prop(name: str) -> str:
    if name not in _PROP_NAMES or not _IDENT.match(name):
        raise ValueError(f"unknown property {name!r}")
    return name


def _rel(seg: Seg, role_param: str | None) -> str:
    if seg.rel not in schema.REL_TYPES:
        raise ValueError(f"unknown relationship type {seg.rel!r}")
    hops = "" if (seg.lo, seg.hi) == (1, 1) else f"*{int(seg.lo)}..{int(seg.hi)}"
    props = f" {{role: ${role_param}}}" if role_param else ""
    body = f"[:{seg.rel}{hops}{props}]"
    return f"-{body}->" if seg.dir == "out" else f"<-{body}-"


def compile_query(query: StructuredQuery) -> tuple[str, dict]:
    """(cypher text, params). Result columns: id, name, then c<i> per constraint (paths or a value)."""
    params: dict = {}

    def param(value) -> str:
        name = f"p{len(params)}"
        params[name] = value
        return name

    x = _label(query.target)
    lines = [f"MATCH (x:{x})"]
    wheres, carried, cols = [], [], []
    for i, c in enumerate(query.constraints):
        pat = c.pattern(query.target)
        if pat is None:
            prop, op, value = c.node_test()
            wheres.append(f"x.{_prop(prop)} {op} ${param(value)}")
            cols.append(f"x.{_prop(prop)} AS c{i}")
    if wheres:
        lines.append("WHERE " + " AND ".join(wheres))
    for i, c in enumerate(query.constraints):
        pat = c.pattern(query.target)
        if pat is None:
            continue
        segs, end = pat
        chain = "(x)"
        for j, seg in enumerate(segs):
            rel = _rel(seg, param(seg.role) if seg.role else None)
            node = f"(e{i})" if j == len(segs) - 1 else "()"
            chain += rel + node
        if end.id is not None:
            chain = chain[: -len(f"(e{i})")] + f"(e{i} {{id: ${param(end.id)}}})"
        lines.append(f"{'OPTIONAL MATCH' if c.negate else 'MATCH'} p{i} = {chain}")
        if end.label is not None:
            cond = [f"e{i}:{_label(end.label)}"]
            if end.prop is not None:
                cond.append(f"e{i}.{_prop(end.prop)} {end.op} ${param(end.value)}")
            lines.append("WHERE " + " AND ".join(cond))
        keep = ", ".join(["x"] + carried)
        if c.negate:  # no path may match: count the optional ones and keep x only at zero
            lines.append(f"WITH {keep}, count(p{i}) AS c{i}")
            lines.append(f"WHERE c{i} = 0")
        else:
            path = (f"[[n IN nodes(p{i}) | n.id], "
                    f"[r IN relationships(p{i}) | [type(r), r.role, startNode(r).id]]]")
            lines.append(f"WITH {keep}, collect(DISTINCT {path}) AS c{i}")
        carried.append(f"c{i}")
        cols.append(f"c{i}")
    lines.append("RETURN " + ", ".join(["x.id AS id", "x.name AS name"] + cols))
    lines.append("ORDER BY id")
    return "\n".join(lines), params


def _segment_dirs(segs: list[Seg], types: list[str]) -> list[str] | None:
    """The pattern direction of each hop of a matched path, by fitting its relationship types to the
    segments' types and hop ranges; None when no (or more than one) fit exists."""
    fits: list[list[str]] = []

    def walk(j: int, k: int, acc: list[str]) -> None:
        if len(fits) > 1:
            return
        if j == len(segs):
            if k == len(types):
                fits.append(acc)
            return
        seg = segs[j]
        for n in range(seg.lo, seg.hi + 1):
            if k + n > len(types) or any(t != seg.rel for t in types[k:k + n]):
                break
            walk(j + 1, k + n, acc + [seg.dir] * n)

    walk(0, 0, [])
    return fits[0] if len(fits) == 1 else None


def _hops(segs: list[Seg], nodes: list[str], hops: list) -> tuple:
    """Hops as (type, role, start id), the start taken from the pattern's direction where the fit is
    unique: FalkorDB reports a relationship reversed after a zero-length variable segment."""
    dirs = _segment_dirs(segs, [h[0] for h in hops])
    if dirs is None:
        return tuple((h[0], h[1], h[2]) for h in hops)
    return tuple((h[0], h[1], nodes[k] if d == "out" else nodes[k + 1]) for k, (h, d) in enumerate(zip(hops, dirs)))


def execute(store, query: StructuredQuery, timeout_s: float = 10.0, row_cap: int = 100_000) -> dict[str, list]:
    """Run on a BoltStore; the same {result id: [evidence per constraint]} shape nx_exec returns."""
    text, params = compile_query(query)
    rows = store.records(text, params, timeout_s=timeout_s, row_cap=row_cap)
    results: dict[str, list] = {}
    for row in rows:
        evidence = []
        for i, c in enumerate(query.constraints):
            v = row.get(f"c{i}")
            if c.pattern(query.target) is None:
                evidence.append({"property": c.node_test()[0], "value": v})
            elif c.negate:
                evidence.append({"absent": True})
            else:
                segs = c.pattern(query.target)[0]
                evidence.append(sorted({(tuple(nodes), _hops(segs, nodes, hops)) for nodes, hops in v}))
        results[row["id"]] = evidence
    return dict(sorted(results.items()))
