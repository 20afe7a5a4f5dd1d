"""The differences between Neo4j 5 and FalkorDB (over Bolt) that this project hits, in one place.

FalkorDB announces itself as ``Neo4j/5.13.0``, so ``detect`` probes the server instead: Neo4j answers
``CALL dbms.components()``, FalkorDB fails it and lists its own ``db.idx.fulltext.*`` procedures.
Every flag below has a test in tests/test_bolt_dialect.py that checks the server behaves as stated.
One more FalkorDB bug is handled where it bites, without a flag: after a zero-length variable segment a
path reports the next relationship reversed, so graph/store/cypher_exec.py takes hop directions from the pattern.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from graph.cypher.lexer import GuardError, mask

NEO4J, FALKORDB = "neo4j", "falkordb"

# FalkorDB 4.16 crashes (SIGSEGV, the whole server) when a temporal value is returned over Bolt.
_TEMPORAL_CALL = re.compile(r"\b(date|datetime|localdatetime|time|localtime|duration)\s*(\.\w+\s*)?\(", re.I)


@dataclass(frozen=True)
class Dialect:
    """What one server kind supports; code asks these instead of testing the server name."""

    name: str
    unique_constraints: bool      # CREATE CONSTRAINT ... REQUIRE n.id IS UNIQUE (FalkorDB: only indexes)
    enforces_read_only: bool      # a write in a READ transaction is refused (FalkorDB runs it)
    honours_tx_timeout: bool      # BEGIN's tx_timeout aborts a slow query (FalkorDB: server TIMEOUT_DEFAULT)
    transactional: bool           # rollback / a failed transaction undoes its writes (FalkorDB: each statement sticks)
    explain_is_safe: bool         # EXPLAIN only plans and reports summary.query_type (FalkorDB: EXECUTES the query)
    databases: bool               # the session's database selects a graph (FalkorDB: one graph per server via BEGIN)
    goodbye_safe: bool            # closing a connection politely is harmless (FalkorDB: the next handshake hangs)
    node_key_fn: str              # the function giving a node's internal key
    max_message_bytes: int | None = None  # FalkorDB drops (or crashes on) a Bolt message over ~4 KB
    splices_params: bool = False  # FalkorDB pastes string parameters into the query in '...' unescaped
    # shortestPath() over an undirected pattern (FalkorDB refuses it, see FalkorDB/FalkorDB issue #205;
    # over Bolt the error says only "An unknown error occurred"). allShortestPaths() is undirected on
    # both, so the Bolt store's paths use that (then sort) and never shortestPath().
    undirected_shortest_path: bool = True

    # -- parameters ------------------------------------------------------------------------
    def encode_params(self, value):
        """Parameters as the server must receive them to read back the same values.

        FalkorDB's Bolt layer splices each string parameter into the query text between single quotes
        without escaping, so a quote in a value is a syntax error (or an injection) and a backslash
        sequence is decoded. Escaping backslash and quote first makes the round trip exact.
        """
        if not self.splices_params:
            return value
        if isinstance(value, str):
            return value.replace("\\", "\\\\").replace("'", "\\'")
        if isinstance(value, list):
            return [self.encode_params(v) for v in value]
        if isinstance(value, dict):
            return {k: self.encode_params(v) for k, v in value.items()}
        return value

    # -- message size ----------------------------------------------------------------------
    def message_bytes(self, query: str, params: dict | None = None) -> int:
        """An upper estimate of a RUN message's size (JSON is at least as long as PackStream), with room for
        the driver's metadata (database, mode, bookmarks): with 64 bytes for it, FalkorDB 4.16 aborted (a
        fortified buffer overflow in its Bolt reader) on a path search's neighbour read of 3,900 estimated bytes."""
        return len(query.encode()) + _json_len(self.encode_params(params or {})) + 512

    def fits(self, query: str, params: dict | None = None) -> bool:
        return self.max_message_bytes is None or self.message_bytes(query, params) <= self.max_message_bytes

    def chunks(self, query: str, items: list, key: str = "rows", max_items: int | None = None,
               extra: dict | None = None):
        """Split ``items`` (the list parameter ``key``) so each message fits; yields lists.

        Raises ValueError for one item that cannot fit on its own.
        """
        limit = self.max_message_bytes
        cur: list = []
        base = self.message_bytes(query, {**(extra or {}), key: []})
        size = base
        for item in items:
            isz = _json_len(self.encode_params(item)) + 1
            if limit is not None and base + isz > limit:
                raise ValueError(f"one value of {isz} bytes cannot fit in a {limit}-byte Bolt message: "
                                 f"{str(item)[:80]}...")
            if cur and ((limit is not None and size + isz > limit) or (max_items and len(cur) >= max_items)):
                yield cur
                cur, size = [], base
            cur.append(item)
            size += isz
        if cur:
            yield cur

    # -- schema DDL ------------------------------------------------------------------------
    def id_index_ddl(self, label: str) -> str:
        """The statement that makes ``id`` unique (Neo4j) or at least indexed (FalkorDB) for ``label``."""
        if self.unique_constraints:
            return (f"CREATE CONSTRAINT {label.lower()}_id_unique IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        return f"CREATE INDEX FOR (n:{label}) ON (n.id)"

    def ensure_id_indexes(self, tx_runner, labels) -> list[str]:
        """Create the id constraint/index for each label that lacks one; returns the labels created.

        ``tx_runner(query, params) -> list[dict]`` runs one statement. FalkorDB has no IF NOT EXISTS and
        fails on a duplicate index, so its existing indexes are read from ``db.indexes()`` first.
        """
        labels = list(labels)
        if self.unique_constraints:
            for lab in labels:
                tx_runner(self.id_index_ddl(lab), {})
            return labels
        have = {(r["label"], tuple(r["properties"]))
                for r in tx_runner("CALL db.indexes() YIELD label, properties RETURN label, properties", {})}
        made = []
        for lab in labels:
            if (lab, ("id",)) not in have:
                tx_runner(self.id_index_ddl(lab), {})
                made.append(lab)
        return made

    # -- queries ---------------------------------------------------------------------------
    def query_type(self, session, query: str, params: dict | None = None) -> str | None:
        """'r', 'w', 'rw' or 's' from an EXPLAIN summary, or None where EXPLAIN cannot be trusted: the
        one EXPLAIN check (BoltStore.read refuses a plan that is not 'r').

        On FalkorDB EXPLAIN over Bolt runs the query (a CREATE creates), so it is never sent there;
        callers fall back to a clause-level guard.
        """
        if not self.explain_is_safe:
            return None
        summary = session.run("EXPLAIN " + query, params or {}).consume()
        return summary.query_type

    def prepare(self, query: str, params: dict | None = None) -> str:
        """A user's query as this server runs it with Neo4j's rows: FalkorDB's missing forms rewritten, or
        UnsupportedCypher saying what to write instead (graph/store/dialect_rewrite.py); Neo4j: unchanged."""
        if self.name != FALKORDB:
            return query
        from graph.store.dialect_rewrite import for_falkordb

        return for_falkordb(query, params or {})

    def unsafe_reason(self, query: str, params: dict | None = None) -> str | None:
        """Why sending ``query`` would harm the server, or None. FalkorDB dies on temporal values."""
        if self.name == FALKORDB and _TEMPORAL_CALL.search(_code_only(query)):
            return "temporal functions (date, datetime, time, duration) crash FalkorDB over Bolt"
        if not self.fits(query, params):
            return f"the query is longer than FalkorDB's {self.max_message_bytes}-byte Bolt message limit"
        return None


def _json_len(value) -> int:
    return len(json.dumps(value, ensure_ascii=False, default=str).encode())


def _code_only(query: str) -> str:
    """The query with its strings, quoted names and comments blanked (graph.cypher.lexer's lexer), so a
    name like 'date()' in quotes is not flagged; the raw text when it does not lex (the cautious answer)."""
    try:
        return mask(query)
    except GuardError:
        return query


NEO4J_DIALECT = Dialect(NEO4J, unique_constraints=True, enforces_read_only=True, honours_tx_timeout=True,
                        transactional=True, explain_is_safe=True, databases=True, goodbye_safe=True,
                        node_key_fn="elementId")
FALKORDB_DIALECT = Dialect(FALKORDB, unique_constraints=False, enforces_read_only=False, honours_tx_timeout=False,
                           transactional=False, explain_is_safe=False, databases=False, goodbye_safe=False,
                           node_key_fn="id", max_message_bytes=3900,
                           splices_params=True, undirected_shortest_path=False)
DIALECTS = {d.name: d for d in (NEO4J_DIALECT, FALKORDB_DIALECT)}

_cache: dict[tuple, Dialect] = {}


def detect(driver, database: str | None = None, cache_key: tuple | None = None) -> Dialect:
    """Probe the server behind ``driver`` (cached per ``cache_key``, e.g. (uri, database))."""
    if cache_key is not None and cache_key in _cache:
        return _cache[cache_key]
    from neo4j.exceptions import Neo4jError

    dialect = None
    try:
        with driver.session(database=database) as s:
            rows = s.execute_read(lambda tx: tx.run("CALL dbms.components() YIELD name RETURN name").data())
        if any("neo4j" in str(r.get("name", "")).lower() for r in rows):
            dialect = NEO4J_DIALECT
    except Neo4jError:
        pass
    if dialect is None:
        # FalkorDB (and any other server without dbms.components) gets the cautious rules.
        dialect = FALKORDB_DIALECT
    if cache_key is not None:
        _cache[cache_key] = dialect
    return dialect


def close_driver(driver, dialect: Dialect | None) -> None:
    """Close a driver; on FalkorDB without the Bolt GOODBYE message.

    FalkorDB 4.16 mishandles GOODBYE: the next connection's handshake hangs (until the driver's 60 s
    acquisition timeout). Marking pooled connections defunct makes the driver close their sockets
    without it. Uses driver internals, so any surprise falls back to a normal close.
    """
    if dialect is None or not dialect.goodbye_safe:  # unknown server (e.g. a failed login): be cautious
        try:
            for conns in list(driver._pool.connections.values()):
                for conn in list(conns):
                    conn._defunct = True
        except Exception:  # pragma: no cover - driver internals changed
            pass
    driver.close()
