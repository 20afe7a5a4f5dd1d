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
from graph.query import End, Seg, StructuredQuery

_PROP_NAMES = {p.name for nt in schema.NODE_TYPES.values() for p in nt.all_props} | \
    {p.name for props in schema.DERIVED_PROPS.values() for p in props}
_CYPHER_OPS = {"=": "=", "<=": "<=", ">=": ">=", "<": "<", ">": ">", "in": "IN"}
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


def _test(var: str, prop: str, op: str, pname: str) -> str:
    """``var.prop <op> $pname``; the operator comes from a closed table, never from the query's text."""
    return f"{var}.{_prop(prop)} {_CYPHER_OPS[op]} ${pname}"


def compile_query(query: StructuredQuery, ranking=None) -> tuple[str, dict]:
    """(cypher text, params). Result columns: id, name, then c<i> per constraint (paths, a value, or for
    a nested constraint [[hop path, continuation lists...], ...]), then ``agg`` (the count) when the query
    ranks (by its aggregate, or by ``ranking``, a graph.store.cypher_shown.RankBy), or ``ord`` (the value) when it orders by a property."""
    params: dict = {}

    def param(value) -> str:
        name = f"p{len(params)}"
        params[name] = value
        return name

    lines = [f"MATCH (x:{_label(query.target)})"]
    wheres = _node_tests("x", query, param)
    if wheres:
        lines.append("WHERE " + " AND ".join(wheres))
    carried = _scope("x", "", query, [], lines, param)
    cols = [f"x.{_prop(c.node_test()[0])} AS c{i}" if c.patterns(query.target) is None else f"c{i}"
            for i, c in enumerate(query.constraints)]
    agg, order = ranking or query.aggregate, query.order
    if agg is None and order is None:
        lines.append("RETURN " + ", ".join(["x.id AS id", "x.name AS name"] + cols))
        lines.append("ORDER BY id")
        return "\n".join(lines), params
    keep = ", ".join(["x"] + carried)
    row_cols = [c if " AS " not in c else c.split(" AS ")[0] for c in cols]
    names = [c.split(" AS ")[-1] for c in cols]
    if order is not None:  # kept: fewer than k results have a strictly better value (ties at the k-th kept)
        desc, k = order.order == "desc", param(order.k)
        lines.append(f"WITH {keep} WHERE x.{_prop(order.field)} IS NOT NULL")
        lines.append(f"WITH collect([x.id, x.name, x.{_prop(order.field)}{''.join(', ' + c for c in row_cols)}]) AS rows")
        lines.append("UNWIND rows AS r")
        lines.append(f"WITH r, size([s IN rows WHERE s[2] {'>' if desc else '<'} r[2]]) AS better")
        lines.append(f"WHERE better < ${k}")
        lines.append("RETURN " + ", ".join(f"r[{j}] AS {n}" for j, n in enumerate(["id", "name", "ord"] + names)))
        lines.append(f"ORDER BY ord{' DESC' if desc else ''}, id")
        return "\n".join(lines), params
    # ranking: count distinct partners per x, order, then keep every row at or past the k-th count
    _match("x", "a", *agg.pattern(), True, lines, param)
    desc = agg.order == "desc"
    lines.append(f"WITH {keep}, count(DISTINCT ea) AS agg")
    lines.append(f"ORDER BY agg{' DESC' if desc else ''}, x.id")
    lines.append(f"WITH collect([{', '.join(['x.id', 'x.name', 'agg'] + row_cols)}]) AS rows")
    names = ["id", "name", "agg"] + names
    if agg.k is None:
        lines.append("UNWIND rows AS r")
    else:
        k = param(agg.k)
        lines.append(f"WITH rows, rows[(CASE WHEN size(rows) < ${k} THEN size(rows) ELSE ${k} END) - 1][2] AS cut")
        lines.append("UNWIND rows AS r")
        lines.append(f"WITH r WHERE r[2] {'>=' if desc else '<='} cut")
    lines.append("RETURN " + ", ".join(f"r[{j}] AS {n}" for j, n in enumerate(names)))
    lines.append(f"ORDER BY agg{' DESC' if desc else ''}, id")
    return "\n".join(lines), params


def _match(node: str, var: str, segs: list[Seg], end: End, optional: bool, lines: list, param, wheres=()) -> None:
    """``[OPTIONAL] MATCH p<var> = (node)...(e<var>)`` with the end node's id or label/property test
    (and ``wheres``: more tests on the end node)."""
    chain = f"({node})"
    for j, seg in enumerate(segs):
        chain += _rel(seg, param(seg.role) if seg.role else None)
        chain += f"(e{var})" if j == len(segs) - 1 else "()"
    if end.id is not None:
        chain = chain[: -len(f"(e{var})")] + f"(e{var} {{id: ${param(end.id)}}})"
    lines.append(f"{'OPTIONAL MATCH' if optional else 'MATCH'} p{var} = {chain}")
    cond = [f"e{var}:{_label(end.label)}"] if end.label is not None else []
    if end.label is not None and end.prop is not None:
        cond.append(_test(f"e{var}", end.prop, end.op, param(end.value)))
    cond += list(wheres)
    if cond:
        lines.append("WHERE " + " AND ".join(cond))


def _node_tests(var: str, query: StructuredQuery, param) -> list[str]:
    """The tests of ``query``'s constraints on its node's own properties, on the variable ``var``."""
    out = []
    for c in query.constraints:
        if c.patterns(query.target) is None:
            prop, op, value = c.node_test()
            out.append(_test(var, prop, op, param(value)))
    return out


def _path_list(var: str, segs: list[Seg], param, optional: bool = False) -> str:
    """[node ids, [[type, role, start id] per hop]]; the start id is read from the pattern's direction
    (FalkorDB reports startNode wrongly after a zero-length segment such as ``*0..1``). ``optional``: the
    path may be null (FalkorDB evaluates a CASE's ELSE even then)."""
    p = f"p{var}"
    hops = f"coalesce(length({p}), 0)" if optional else f"length({p})"
    return (f"[[n IN nodes({p}) | n.id], [k IN range(0, {hops} - 1) | "
            f"[type(relationships({p})[k]), relationships({p})[k].role, {_start(p, segs, param)}]]]")


def _start(p: str, segs: list[Seg], param) -> str:
    """The id of hop k's start node in path ``p``: by type where each type of the pattern runs one way
    (out: the k-th node, in: the next; the incoming types as a parameter), else startNode (the same on
    Neo4j; FalkorDB is right there too unless a zero-length segment comes first)."""
    dirs: dict[str, set] = {}
    for seg in segs:
        dirs.setdefault(seg.rel, set()).add(seg.dir)
    if any(len(d) > 1 for d in dirs.values()):
        return f"startNode(relationships({p})[k]).id"
    ins = sorted(t for t, d in dirs.items() if d == {"in"})
    if not ins:
        return f"nodes({p})[k].id"
    if len(ins) == len(dirs):
        return f"nodes({p})[k + 1].id"
    return f"CASE WHEN type(relationships({p})[k]) IN ${param(ins)} THEN nodes({p})[k + 1].id ELSE nodes({p})[k].id END"


def _scope(node: str, pre: str, query: StructuredQuery, outer: list[str], lines: list, param) -> list[str]:
    """The pattern constraints of ``query`` on the node variable ``node`` (names prefixed ``pre``),
    carrying the enclosing scopes' variables ``outer``; returns the variables this scope adds."""
    carried: list[str] = []
    for i, c in enumerate(query.constraints):
        pats = c.patterns(query.target)
        if pats is None:
            continue
        v = f"{pre}{i}"
        keep = lambda: ", ".join([node] + outer + carried)
        if c.kind == "nested":  # the hop, the sub-query's tests on its end node, then its own constraints
            sub = c.sub
            tests = _node_tests(f"e{v}", sub, param)
            _match(node, v, *pats[0], False, lines, param, tests)
            lines.append(f"WITH {keep()}, e{v}, {_path_list(v, pats[0][0], param)} AS h{v}")
            inner = _scope(f"e{v}", f"{v}_", sub, outer + carried + [node, f"h{v}"], lines, param)
            conts = [f"c{v}_{j}" for j, k in enumerate(sub.constraints)
                     if k.patterns(sub.target) is not None and not k.negate]
            lines.append(f"WITH {keep()}, collect(DISTINCT [h{v}{''.join(', ' + x for x in conts)}]) AS c{v}")
            del inner
        elif c.kind != "any":
            _match(node, v, *pats[0], c.negate, lines, param)
            if c.negate:  # no path may match: count the optional ones and keep the node only at zero
                lines.append(f"WITH {keep()}, count(p{v}) AS c{v}")
                lines.append(f"WHERE c{v} = 0")
            else:
                lines.append(f"WITH {keep()}, collect(DISTINCT {_path_list(v, pats[0][0], param)}) AS c{v}")
        else:  # any: each alternative as an OPTIONAL MATCH gathered into its own list (or count), then combined
            parts = []
            for j, pat in enumerate(pats):
                var = f"{v}_{j}"
                _match(node, var, *pat, True, lines, param)
                if c.negate:
                    lines.append(f"WITH {keep()}, count(p{var}) AS c{var}")
                else:  # an unmatched OPTIONAL MATCH leaves one null path: collected as nothing
                    lines.append(f"WITH {keep()}, collect(DISTINCT CASE WHEN p{var} IS NULL THEN NULL "
                                 f"ELSE {_path_list(var, pat[0], param, optional=True)} END) AS c{var}")
                carried.append(f"c{var}")
                parts.append(f"c{var}")
            for part in parts:
                carried.remove(part)
            lines.append(f"WITH {keep()}, {' + '.join(parts)} AS c{v}")
            lines.append(f"WHERE c{v} = 0" if c.negate else f"WHERE size(c{v}) > 0")
        carried.append(f"c{v}")
    return carried


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
            pats = c.patterns(query.target)
            if pats is None:
                evidence.append({"property": c.node_test()[0], "value": v})
            elif c.negate:
                evidence.append({"absent": True})
            else:
                evidence.append(_evidence(c, pats, v))
        if query.aggregate is not None:
            evidence.append({"aggregate": "count", "value": row["agg"]})
        if query.order is not None:
            evidence.append({"order": query.order.field, "value": row["ord"]})
        results[row["id"]] = evidence
    return results if query.aggregate is not None or query.order is not None else dict(sorted(results.items()))


def _evidence(c, pats, v) -> list:
    """A pattern constraint's paths from its column; a nested one's chained through its sub-query's
    evidence as nx_exec chains them (graph.store.nx_exec.chain_paths)."""
    if c.kind != "nested":
        return sorted({(tuple(nodes), _hops_any(pats, nodes, hops)) for nodes, hops in v})
    from graph.store.nx_exec import chain_paths

    sub = c.sub
    kids = [k for k in sub.constraints if k.patterns(sub.target) is not None and not k.negate]
    hops_paths, conts = set(), {}
    for item in v:
        nodes, hops = item[0]
        path = (tuple(nodes), _hops(pats[0][0], nodes, hops))
        hops_paths.add(path)
        end = nodes[-1]
        if end not in conts:
            conts[end] = [_evidence(k, k.patterns(sub.target), col) for k, col in zip(kids, item[1:])]
    return chain_paths(sorted(hops_paths), conts)


def _hops_any(pats: list, nodes: list[str], hops: list) -> tuple:
    """``_hops`` for a path of an any constraint, read against the alternative it came from: of those
    whose segments fit, the one whose hop directions agree most with what the server reported."""
    if len(pats) == 1:
        return _hops(pats[0][0], nodes, hops)
    best = None
    for segs, _ in pats:
        if _segment_dirs(segs, [h[0] for h in hops]) is None:
            continue
        got = _hops(segs, nodes, hops)
        agree = sum(g[2] == h[2] for g, h in zip(got, hops))
        if best is None or agree > best[0]:
            best = (agree, got)
    return best[1] if best else _hops(pats[0][0], nodes, hops)
