"""Faults: the Bolt server stopping under the app, unreachable servers and wrong credentials.

* The server stopped while the app runs: our own FalkorDB (graph.store.server), loaded with the seed data,
  serves a page; the server is stopped; the same session reruns and a new session opens: the app says
  the server is gone, answers from the embedded graph (read-only), and raises nothing.
* Unreachable server / wrong credentials: ``python -m graph stats --backend neo4j`` and
  ``python -m ingest load --target neo4j`` (real subprocesses) exit non-zero with a message naming the
  server, never a traceback, and the password appears nowhere in their output; the app falls back
  without echoing it either.

The server stopped mid-ingest (rerun converges, no duplicates) is tested by the Bolt loader's own suite
(tests/test_bolt_*.py), not repeated here.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store.server import start_local_server
from graph.store.bolt import BoltStore

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "ui" / "app.py")
PASSWORD = "s3cret-pw"
NEO4J_VARS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "MLLM_ATLAS_DATA_DIR")

pytestmark = pytest.mark.bolt


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def run(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in NEO4J_VARS}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True,
                          text=True, timeout=timeout)


def _clear_env(monkeypatch) -> None:
    for var in NEO4J_VARS:
        monkeypatch.delenv(var, raising=False)


def _messages(at) -> list[str]:
    out = []
    for part in (at, at.sidebar):
        for kind in ("error", "warning", "info", "markdown", "caption", "exception"):
            out += [str(getattr(e, "value", "")) for e in getattr(part, kind)]
    return out


@pytest.fixture
def loaded_server():
    """A FalkorDB of our own (not the shared test server), loaded with the seed data by the real CLI."""
    srv = start_local_server()
    try:
        proc = run(["-m", "ingest", "load", "--target", "neo4j"], {"NEO4J_URI": srv.uri})
        assert proc.returncode == 0, proc.stderr[-2000:]
        yield srv
    finally:
        srv.stop()


# --- the server stopped while the app runs -------------------------------------------------------
def test_app_falls_back_when_the_server_stops_mid_session(loaded_server, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from graph.store.embedded import EmbeddedStore

    _clear_env(monkeypatch)
    monkeypatch.setenv("NEO4J_URI", loaded_server.uri)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = "explore"
    at.query_params["id"] = "model:bloomz"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    side = " ".join(str(m.value) for m in at.sidebar.markdown)
    assert "neo4j" in side.lower() and "fallback" not in side, side
    assert not at.error, [e.value for e in at.error]
    nodes_before = EmbeddedStore.from_data_dir().stats()["total_nodes"]
    assert f"{nodes_before} nodes" in " ".join(c.value for c in at.sidebar.caption)

    probe = BoltStore.connect(loaded_server.uri)
    assert probe.reachable()
    loaded_server.stop()  # the server goes away under the running app
    assert not loaded_server.alive()
    assert not probe.reachable()  # what the app asks once per run before trusting its cached store
    probe.close()

    for label, session in (("same session, rerun", at), ("new session, a view not cached", None)):
        if session is None:
            session = AppTest.from_file(APP, default_timeout=180)
            session.query_params["page"] = "explore"
            session.query_params["id"] = "model:mt0"
        session.run()
        assert not session.exception, f"{label}: {[e.value for e in session.exception]}"
        said = [m for m in [str(w.value) for part in (session, session.sidebar) for kind in ("warning", "error")
                            for w in getattr(part, kind)]
                if any(k in m.lower() for k in ("neo4j", "server", "reachable", loaded_server.uri.split('//')[1]))]
        assert said, f"{label}: the app does not say the server is gone: {_messages(session)[:8]}"
        side = " ".join(str(m.value) for m in session.sidebar.markdown)
        assert "embedded" in side.lower(), f"{label}: not serving from the embedded store: {side}"
        # the page itself is still served, from the embedded graph
        failed = [e.value for e in session.error if "failed" in str(e.value).lower()]
        assert not failed, f"{label}: {failed}"
        assert any("Neighbourhood" in s.value for s in session.subheader), f"{label}: the entity page is gone"
        assert "Traceback" not in "\n".join(_messages(session))


# --- unreachable server ---------------------------------------------------------------------------
@pytest.mark.parametrize("cmd", [
    ["-m", "graph", "stats", "--backend", "neo4j"],
    ["-m", "graph", "show", "model:bloomz", "--backend", "neo4j"],
    ["-m", "ingest", "load", "--target", "neo4j"],
], ids=lambda c: " ".join(c[1:3]))
@pytest.mark.parametrize("where", ["env", "uri"])
def test_unreachable_server_gives_a_clear_message_without_the_password(cmd, where):
    port = closed_port()
    if where == "env":
        env = {"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": PASSWORD}
    else:  # credentials inside the URI
        env = {"NEO4J_URI": f"bolt://neo4j:{PASSWORD}@127.0.0.1:{port}"}
    proc = run(cmd, env)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"{cmd} exited 0: {out[-500:]}"
    assert f"127.0.0.1:{port}" in proc.stderr, f"the message does not name the server: {proc.stderr[-800:]}"
    assert PASSWORD not in out, f"the password is echoed: {out[-800:]}"
    assert "Traceback" not in out, out[-1500:]


# --- wrong credentials ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def guarded_server():
    """A FalkorDB of our own. Its Bolt listener takes no password, so any password is a wrong one (it
    answers the login with an error, as Neo4j answers a wrong password)."""
    srv = start_local_server()
    yield srv
    srv.stop()


@pytest.mark.parametrize("cmd", [
    ["-m", "graph", "stats", "--backend", "neo4j"],
    ["-m", "graph", "ask", "--backend", "neo4j", "What is BLOOMZ derived from?"],
    ["-m", "ingest", "load", "--target", "neo4j"],
], ids=lambda c: " ".join(c[1:3]))
@pytest.mark.parametrize("where", ["env", "uri", "option"])
def test_wrong_credentials_give_a_clear_message_without_the_password(guarded_server, cmd, where):
    host = guarded_server.uri.split("//", 1)[1]
    if where == "option" and "ingest" not in cmd:
        where = "env"  # only `ingest load` takes --password
    if where == "env":
        env = {"NEO4J_URI": guarded_server.uri, "NEO4J_USERNAME": "default", "NEO4J_PASSWORD": PASSWORD}
    elif where == "uri":
        env = {"NEO4J_URI": f"bolt://default:{PASSWORD}@{host}"}
    else:
        env = {"NEO4J_URI": guarded_server.uri}
        cmd = [*cmd, "--user", "default", "--password", PASSWORD]
    proc = run(cmd, env)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"{cmd} exited 0 with a wrong password: {out[-500:]}"
    assert host in proc.stderr, f"the message does not name the server: {proc.stderr[-800:]}"
    low = proc.stderr.lower()
    assert any(w in low for w in ("auth", "credential", "password", "unauthori", "userinfo")), \
        f"the message does not say the credentials are wrong (or not usable): {proc.stderr[-800:]}"
    assert PASSWORD not in out, f"the password is echoed: {out[-800:]}"
    assert "Traceback" not in out, out[-1500:]


def test_wrong_credentials_load_nothing(guarded_server):
    """After the refused loads, the server holds no graph (checked without a password, which it accepts)."""
    import json

    proc = run(["-m", "ingest", "load", "--target", "neo4j"],
               {"NEO4J_URI": guarded_server.uri, "NEO4J_USERNAME": "default", "NEO4J_PASSWORD": PASSWORD})
    assert proc.returncode != 0
    proc = run(["-m", "graph", "stats", "--backend", "neo4j", "--json"], {"NEO4J_URI": guarded_server.uri})
    assert proc.returncode == 0, proc.stderr[-800:]
    assert json.loads(proc.stdout)["total_nodes"] == 0


def test_app_with_wrong_credentials_falls_back_without_the_password(guarded_server, monkeypatch):
    from streamlit.testing.v1 import AppTest

    _clear_env(monkeypatch)
    host = guarded_server.uri.split("//", 1)[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://default:{PASSWORD}@{host}")
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = "taxonomy"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(_messages(at))
    assert "fallback" in text and host in text, text[:800]
    assert PASSWORD not in text
