"""A user's read-only Cypher on a Bolt server (BoltStore._read_rows, called only by Store.read, which has
already run the clause guard and owns truncation): the plan check on Neo4j and the time limit on servers
that ignore transaction timeouts."""
from __future__ import annotations

import threading
import time

from neo4j.exceptions import Neo4jError

from graph.store.base import CypherError, StoreError


def read_rows(store, cypher: str, params: dict, timeout: float, limit: int) -> tuple[list[str], list[list]]:
    """(columns, at most ``limit`` rows); TimeoutError after ``timeout`` seconds.

    On Neo4j the plan must be read-only as well (EXPLAIN, the dialect's one query-type check). FalkorDB
    ignores transaction timeouts, so the caller gets its answer at the limit from this side while the
    server drops the query at its own TIMEOUT_DEFAULT.
    """
    dialect = store.dialect
    cypher = dialect.prepare(cypher, params)
    if dialect.explain_is_safe:
        try:
            with store.driver.session(database=store.database) as s:
                qtype = dialect.query_type(s, cypher, params)
        except Neo4jError as exc:
            raise StoreError(f"query failed: {exc.message or exc.code}") from None
        if qtype is not None and qtype != "r":
            raise ValueError(f"refused: the plan's query type is {qtype!r}, not read-only")
    t0 = time.perf_counter()
    try:
        rows = _within(store, cypher, params, timeout, limit)
    except StoreError as exc:
        msg = str(exc).lower()
        if "timeout" in msg or "timed out" in msg or time.perf_counter() - t0 >= timeout:
            raise TimeoutError(f"time limit of {timeout:g} s reached") from None
        detail = native_message(store, cypher, params, timeout) if not dialect.databases else None
        if detail:
            raise CypherError(detail) from None
        raise
    cols = list(rows[0].keys()) if rows else []
    return cols, [[r.get(c) for c in cols] for r in rows]


def _within(store, cypher: str, params: dict, timeout: float, limit: int) -> list[dict]:
    """store.records, bounded by ``timeout`` on this side too when the server ignores transaction timeouts."""
    if store.dialect.honours_tx_timeout:
        return store.records(cypher, params, timeout_s=timeout, row_cap=limit)
    box: dict = {}

    def work():
        try:
            box["rows"] = store.records(cypher, params, timeout_s=timeout, row_cap=limit)
        except Exception as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="bolt-read", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"time limit of {timeout:g} s reached")
    if "error" in box:
        raise box["error"]
    return box["rows"]


def native_message(store, cypher: str, params: dict, timeout: float) -> str | None:
    """FalkorDB's own message for a query its Bolt port failed with "An unknown error occurred": the same
    server asked over the redis protocol (GRAPH.EXPLAIN, then a read-only run for an error only running
    shows), when its port is known (``store.native``: (port, password), from FALKORDB_REDIS_PORT)."""
    from urllib.parse import urlsplit

    from graph.store.falkordb_values import readable_error, with_params
    from graph.store.resp import RespConnection, RespError

    if not getattr(store, "native", None):
        return None
    port, password = store.native
    try:
        text = with_params(cypher, params)
        conn = RespConnection(port, urlsplit(store.uri).hostname or "127.0.0.1", timeout=timeout + 5)
    except (OSError, ValueError):
        return None
    try:
        if password:
            conn.command("AUTH", password)
        for cmd in (("GRAPH.EXPLAIN", "falkordb", text), ("GRAPH.RO_QUERY", "falkordb", text, "TIMEOUT", int(timeout * 1000))):
            try:
                conn.command(*cmd)
            except RespError as exc:
                return readable_error(str(exc), cypher, len(text) - len(cypher))
        return None
    except OSError:
        return None
    finally:
        conn.close()

