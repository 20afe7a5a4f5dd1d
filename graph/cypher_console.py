"""The read-only Cypher console: ``run_cypher(store, query, params)`` on either store, with a time
limit and a row cap.

Bolt store: full Cypher through ``BoltStore.read`` (a read transaction with a timeout), after the
clause guard (graph.cypher_guard) and, on Neo4j, an EXPLAIN check of the plan's query type.
Embedded store: grand-cypher over a converted view of the networkx graph (``__labels__`` sets), in a
forked worker process that is killed at the time limit. Only the subset in docs/cypher.md is
accepted; anything else is refused up front with a message, never answered wrongly.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import re
import threading
import time
import weakref
from dataclasses import asdict, dataclass, field

from graph.cypher_guard import Token, check_read_only, tokenize


class UnsupportedCypher(ValueError):
    """A construct the embedded engine does not support (the message says which, and what to do)."""


@dataclass
class ConsoleResult:
    columns: list[str]
    rows: list[list]
    truncated: bool
    elapsed: float
    note: str = ""
    stopped: bool = False
    backend: str = ""

    def to_json(self) -> dict:
        return asdict(self)


# --- embedded: subset check and rewriting ------------------------------------------------------

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
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    raise UnsupportedCypher(f"parameter values of type {type(value).__name__} are not supported on the embedded store")


def _decode_string(tok: str) -> str:
    body = tok[1:-1]
    table = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"'}
    return re.sub(r"\\(.)", lambda m: table.get(m.group(1), m.group(1)), body)


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
    masked = list(query)
    for t in toks:
        if t.kind in ("string", "name", "comment"):
            masked[t.pos:t.pos + len(t.text)] = ["_"] * len(t.text)
    masked = "".join(masked)
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
            rep = json.dumps(_decode_string(t.text), ensure_ascii=True)
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


def _worker(conn, view, text, limit, row_cap):
    try:
        from grandcypher import GrandCypher

        res = GrandCypher(view, limit=limit).run(text)
        cols = [str(c) for c in res]
        n = max((len(v) for v in res.values()), default=0)
        rows = [[_plain(res[c][i]) for c in res] for i in range(min(n, row_cap + 1))]
        conn.send(("ok", cols, rows))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        conn.send(("error", type(exc).__name__, str(exc).splitlines()[0][:300] if str(exc) else ""))
    finally:
        conn.close()


def _run_embedded(store, query, params, timeout_s, row_cap) -> ConsoleResult:
    text, pushdown = to_embedded(query, params)
    view = embedded_view(store.g)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    t0 = time.perf_counter()
    proc = ctx.Process(target=_worker, args=(child, view, text, row_cap + 1 if pushdown else None, row_cap),
                       daemon=True)
    proc.start()
    child.close()
    ready = parent.poll(timeout_s)
    elapsed = time.perf_counter() - t0
    if not ready:
        proc.kill()
        proc.join()
        return ConsoleResult([], [], False, elapsed, f"stopped after {timeout_s:g} s (time limit)", True, "embedded")
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
    return ConsoleResult(cols, rows[:row_cap], len(rows) > row_cap, elapsed,
                         f"row cap {row_cap} reached; more rows left out" if len(rows) > row_cap else "",
                         False, "embedded")


# --- Bolt ----------------------------------------------------------------------------------------

def _is_neo4j(store) -> bool:
    """Whether the Bolt server is Neo4j, as the store's probed dialect says (FalkorDB also calls itself Neo4j)."""
    from graph.store.dialect import NEO4J

    dialect = getattr(store, "dialect", None)
    return dialect is not None and dialect.name == NEO4J


def _explain_query_type(store, query, params) -> str | None:
    """The plan's query type on Neo4j ('r', 'rw', 'w', 's'), or None when it cannot be read."""
    driver = getattr(store, "driver", None) or getattr(store, "_driver", None)
    if driver is None:
        return None
    db = getattr(store, "database", None)
    with driver.session(database=db) as s:
        summary = s.run("EXPLAIN " + query, params or {}).consume()
    return summary.query_type


def _read_within(store, query, params, timeout_s, row_cap) -> list[dict]:
    """store.read, bounded by ``timeout_s`` on this side too when the server ignores transaction timeouts
    (FalkorDB): the caller gets its answer at the limit; the server drops the query at its TIMEOUT_DEFAULT."""
    dialect = getattr(store, "dialect", None)
    if dialect is None or dialect.honours_tx_timeout:
        return store.read(query, params or {}, timeout_s=timeout_s, row_cap=row_cap)
    box: dict = {}

    def work():
        try:
            box["rows"] = store.read(query, params or {}, timeout_s=timeout_s, row_cap=row_cap)
        except Exception as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="cypher-console-read", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise TimeoutError(f"time limit of {timeout_s:g} s reached")
    if "error" in box:
        raise box["error"]
    return box["rows"]


def _run_bolt(store, query, params, timeout_s, row_cap) -> ConsoleResult:
    if _is_neo4j(store):
        qtype = _explain_query_type(store, query, params)
        if qtype is not None and qtype != "r":
            raise ValueError(f"refused: the plan's query type is {qtype!r}, not read-only")
    t0 = time.perf_counter()
    try:
        rows = _read_within(store, query, params, timeout_s, row_cap + 1)
    except Exception as exc:  # noqa: BLE001
        elapsed = time.perf_counter() - t0
        msg = str(exc).lower()
        if "timeout" in msg or "timed out" in msg or "time limit" in msg or elapsed >= timeout_s:
            return ConsoleResult([], [], False, elapsed, f"stopped after {timeout_s:g} s (time limit)", True,
                                 getattr(store, "backend", "neo4j"))
        raise
    elapsed = time.perf_counter() - t0
    cols = list(rows[0].keys()) if rows else []
    out = [[_plain(r.get(c)) for c in cols] for r in rows[:row_cap]]
    trunc = len(rows) > row_cap
    return ConsoleResult(cols, out, trunc, elapsed, f"row cap {row_cap} reached; more rows left out" if trunc else "",
                         False, getattr(store, "backend", "neo4j"))


def run_cypher(store, query: str, params: dict | None = None, timeout_s: float = 5, row_cap: int = 500) -> ConsoleResult:
    """Run a read-only query; WriteRefused / UnsupportedCypher / ValueError carry a message for users."""
    check_read_only(query)
    if getattr(store, "backend", "") == "embedded":
        return _run_embedded(store, query, params, timeout_s, row_cap)
    return _run_bolt(store, query, params, timeout_s, row_cap)
