"""The read-only Cypher console: ``run_cypher(store, query, params)`` on either store, with a time
limit and a row cap.

A thin shell over ``Store.read``, which owns the write guard, the limits and the truncation for every
caller; each store runs the query its own way (on a Bolt server, or on the private FalkorDB the embedded
store starts on demand: the same Cypher either way, see docs/cypher.md). TIMEOUT_S and ROW_CAP are the console's defaults (CLI and page).
"""
from __future__ import annotations

from graph.cypher.guard import GuardError, WriteRefused  # noqa: F401  (raised by run_cypher)
from graph.cypher.names import UnknownName  # noqa: F401  (raised by run_cypher)
from graph.store.base import CypherError, ReadResult, Store, UnsupportedCypher  # noqa: F401  (raised by run_cypher)

TIMEOUT_S = 5.0  # seconds before a query is stopped
ROW_CAP = 500  # rows returned at most; the result says when more were left out

ConsoleResult = ReadResult  # the console's answer: columns, rows, truncated, stopped, elapsed, note, backend


def run_cypher(store: Store, query: str, params: dict | None = None, timeout_s: float = TIMEOUT_S,
               row_cap: int = ROW_CAP) -> ReadResult:
    """Run a read-only query; WriteRefused / GuardError / UnknownName / UnsupportedCypher / CypherError /
    ValueError carry a message for users."""
    return store.read(query, params, timeout=timeout_s, row_cap=row_cap)
