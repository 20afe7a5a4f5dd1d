"""The embedded store's Cypher: the grand-cypher 1.2.0 subset (docs/cypher.md), checked and rewritten up
front, then run over a view of the networkx graph (``__labels__`` sets) in a forked worker process that is
killed at the time limit. Anything outside the subset is refused with a message, never answered wrongly.
Only EmbeddedStore.read calls ``run``.
"""
from __future__ import annotations

import multiprocessing as mp
import re
import weakref

from graph.cypher_text import decode_string, literal, mask, tokenize
from graph.store.base import UnsupportedCypher

EMBEDDED_FUNCTIONS = {"id", "tolower", "toupper", "trim", "coalesce", "size", "type", "relationships",
                      "count", "sum", "avg", "max", "min", "collect"}
AGGREGATES = {"count", "sum", "avg", "max", "min", "collect"}
KEYWORDS = {"match", "where", "return", "and", "or", "not", "in", "exists", "order", "by", "skip", "limit",
            "distinct", "as", "asc", "desc", "is", "null", "true", "false", "contains", "starts", "ends", "with",
            "any", "all", "none", "single"}
UNSUPPORTED_CLAUSES = {
    "OPTIONAL": "OPTIONAL MATCH", "WITH": "WITH", "UNWIND": "UNWIND", "UNION": "UNION", "CALL": "CALL",
    "CASE": "CASE expressions", "SHOW": "SHOW", "EXPLAIN": "EXPLAIN", "PROFILE": "PROFILE", "USE": "USE",
}
_UNDIRECTED = re.compile(r"\)\s*(<?)\s*-\s*(\[[^\]]*\])?\s*-\s*(>?)\s*\(")


def _unsupported(what: str) -> UnsupportedCypher:
    return UnsupportedCypher(
        f"{what} is not supported on the embedded store (grand-cypher subset, see docs/cypher.md); "
        f"run it with --backend neo4j for full Cypher")


def _literal(value) -> str:
    """A parameter value as grand-cypher reads it (double-quoted strings)."""
    try:
        return literal(value, quote='"')
    except TypeError:
        raise UnsupportedCypher(f"parameter values of type {type(value).__name__} are not supported "
                                "on the embedded store") from None


def to_embedded(query: str, params: dict | None) -> tuple[str, bool]:
    """The grand-cypher text of ``query`` (params inlined as literals, quotes and aggregates normalised);
    also whether the row cap may be pushed down. Raises UnsupportedCypher for anything outside the subset."""
    params = params or {}
    toks = tokenize(query, keep_comments=True)
    words = [t for t in toks if t.kind == "word"]
    for k, t in enumerate(toks):
        if t.kind != "word":
            continue
        up = t.text.upper()
        prev = toks[k - 1].text if k else ""
        if prev in (".", ":"):
            continue
        if up in UNSUPPORTED_CLAUSES:
            raise _unsupported(UNSUPPORTED_CLAUSES[up])
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.text == "(" and t.text.lower() not in KEYWORDS:
            if t.text.lower() not in EMBEDDED_FUNCTIONS:
                raise _unsupported(f"the function {t.text}()")
    masked = mask(query)
    m = _UNDIRECTED.search(masked)
    if m and not (m.group(1) or m.group(3)):
        raise _unsupported("an undirected relationship pattern (grand-cypher answers it with no rows)")
    if m and m.group(1) and m.group(3):
        raise _unsupported("a relationship pattern with both arrows")
    if re.search(r"\*\s*0\b", masked):
        raise _unsupported("a zero-length variable path (*0..n: grand-cypher 1.2.0 drops rows when it joins "
                           "other patterns; use *1..n)")
    if re.search(r"\bmatch\s+[A-Za-z_]\w*\s*=", masked, re.I):
        raise _unsupported("a path variable (p = ...)")
    depth, clause = 0, ""
    for t in toks:
        if t.kind == "word" and depth == 0 and t.text.upper() in ("MATCH", "WHERE", "RETURN", "ORDER"):
            clause = t.text.upper()
        if t.text in "([{":
            depth += 1
        elif t.text in ")]}":
            depth -= 1
        elif t.text == "," and depth == 0 and clause == "MATCH":
            raise _unsupported("a comma between patterns in MATCH (write a second MATCH clause instead)")
        elif t.text == ";":
            raise _unsupported("';'")
    first_var = re.search(r"\bmatch\s*\(\s*([A-Za-z_]\w*)", masked, re.I)
    out, last = [], 0
    for k, t in enumerate(toks):
        rep = None
        if t.kind == "comment":
            rep = " "
        elif t.kind == "string":
            rep = literal(decode_string(t.text), quote='"')
        elif t.kind == "name":
            raise _unsupported("a backtick-quoted name")
        elif t.kind == "param":
            name = t.text[1:]
            if name not in params:
                raise UnsupportedCypher(f"missing parameter ${name} (give it with --param {name}=VALUE)")
            rep = _literal(params[name])
        elif t.kind == "word" and t.text.lower() in AGGREGATES | {"exists"} and k + 1 < len(toks) \
                and toks[k + 1].text in ("(", "{"):
            rep = t.text.upper()
            if toks[k + 1].text == "(" and k + 3 < len(toks) and toks[k + 2].text == "*" and toks[k + 3].text == ")":
                if not first_var:
                    raise _unsupported("count(*) without a named node variable")
                rep = f"COUNT({first_var.group(1)}"
                out.append(query[last:t.pos] + rep)
                last = toks[k + 3].pos
                continue
        if rep is not None:
            out.append(query[last:t.pos] + rep)
            last = t.pos + len(t.text)
    out.append(query[last:])
    text = "".join(out)
    upper = {w.text.upper() for w in words}
    pushdown = not (upper & {"DISTINCT", "COUNT", "SUM", "AVG", "MAX", "MIN", "COLLECT", "LIMIT"})
    return text, pushdown


_VIEWS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def embedded_view(g):
    """A copy of the graph with grand-cypher's ``__labels__`` on nodes (label) and edges (type); cached."""
    view = _VIEWS.get(g)
    if view is None:
        import networkx as nx

        view = nx.MultiDiGraph()
        for n, a in g.nodes(data=True):
            view.add_node(n, **a, __labels__={a.get("label")})
        for u, v, k, a in g.edges(keys=True, data=True):
            view.add_edge(u, v, key=k, **a, __labels__={a.get("type")})
        _VIEWS[g] = view
    return view


def _plain(value):
    """Values as JSON-friendly data: nodes/relationships to property dicts, sets to sorted lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "__labels__"}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "items") and hasattr(value, "keys"):  # neo4j Node / Relationship
        return {k: _plain(v) for k, v in value.items()}
    return value


def _worker(conn, view, text, engine_limit, row_cap):
    """In the forked process: run grand-cypher and send (ok, columns, rows) or (error, kind, detail)."""
    try:
        from grandcypher import GrandCypher

        res = GrandCypher(view, limit=engine_limit).run(text)
        cols = [str(c) for c in res]
        n = max((len(v) for v in res.values()), default=0)
        rows = [[_plain(res[c][i]) for c in res] for i in range(min(n, row_cap))]
        conn.send(("ok", cols, rows))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        conn.send(("error", type(exc).__name__, str(exc).splitlines()[0][:300] if str(exc) else ""))
    finally:
        conn.close()


def run(g, query: str, params: dict, timeout: float, limit: int) -> tuple[list[str], list[list]]:
    """(columns, at most ``limit`` rows) of ``query`` over the graph ``g``; TimeoutError at ``timeout`` s."""
    text, pushdown = to_embedded(query, params)
    view = embedded_view(g)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(child, view, text, limit if pushdown else None, limit), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise TimeoutError(f"time limit of {timeout:g} s reached")
    try:
        msg = parent.recv()
    except EOFError:
        msg = ("error", "WorkerDied", "the query worker exited without an answer")
    proc.join(1)
    if msg[0] == "error":
        kind, detail = msg[1], msg[2]
        if kind in ("UnexpectedCharacters", "UnexpectedToken", "UnexpectedEOF", "UnexpectedInput"):
            raise _unsupported(f"this syntax ({detail})")
        raise UnsupportedCypher(f"the embedded engine could not run this query ({kind}: {detail}); "
                                "see docs/cypher.md or use --backend neo4j")
    _, cols, rows = msg
    return cols, rows[:limit]


def describe_subset() -> str:
    """The subset in one line, from the tables above (what the console page shows on the embedded store)."""
    return ("MATCH … WHERE … RETURN (DISTINCT, ORDER BY, SKIP, LIMIT), read-only; not supported: "
            + ", ".join(sorted(UNSUPPORTED_CLAUSES.values())) + "; functions: " + ", ".join(sorted(EMBEDDED_FUNCTIONS))
            + ". See docs/cypher.md; set NEO4J_URI for full Cypher.")
