"""Bolt server fixtures (owned by the Neo4j work): `bolt_server` starts FalkorDB on free loopback
ports (or uses NEO4J_URI when set); `bolt_store` is a BoltStore loaded with the seed data.

Never skipped: a server that cannot start fails the tests that need it, with the reason.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from graph.store.bolt import BoltStore, connect_driver
from graph.store.dialect import close_driver


@dataclass
class BoltTarget:
    """Where the Bolt tests connect: uri and credentials, plus the LocalServer when we started it."""

    uri: str
    user: str | None = None
    password: str | None = None
    database: str | None = None
    local: object = None  # graph.store.server.LocalServer, or None for an external NEO4J_URI

    def connect(self) -> BoltStore:
        store = BoltStore.connect(self.uri, self.user, self.password, self.database)
        if self.local is not None:  # FalkorDB's redis port: where its own error messages come from
            store.native = (self.local.port, None)
        return store

    def driver(self):
        """(driver, dialect, database) for writing."""
        driver, dialect, _, database = connect_driver(self.uri, self.user, self.password, self.database)
        return driver, dialect, database


def external_target() -> BoltTarget | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return BoltTarget(uri, os.environ.get("NEO4J_USERNAME"), os.environ.get("NEO4J_PASSWORD"),
                      os.environ.get("NEO4J_DATABASE") or None)


def start_target(**kw) -> BoltTarget:
    """A fresh local FalkorDB (fails the test with the reason if it cannot start)."""
    from graph.store.server import ServerError, start_local_server

    try:
        srv = start_local_server(**kw)
    except ServerError as exc:
        pytest.fail(f"could not start the local Bolt server (FalkorDB): {exc}", pytrace=False)
    return BoltTarget(srv.uri, local=srv)


def load_seed(target: BoltTarget, data, **kw):
    """Wipe the target's graph and load ``data``; returns the LoadReport."""
    from ingest.bolt_load import load

    driver, dialect, database = target.driver()
    try:
        return load(data, driver, dialect, database, wipe_first=True, **kw)
    finally:
        close_driver(driver, dialect)


@contextmanager
def local_server():
    """A fresh local FalkorDB, stopped afterwards. FalkorDB ignores transaction timeouts, so its
    TIMEOUT_DEFAULT (5 s here) is what bounds a runaway read in the tests."""
    target = start_target(query_timeout_ms=5000)
    try:
        yield target
    finally:
        target.local.stop()


@pytest.fixture(scope="session")
def bolt_server():
    """The Bolt server of this test session: NEO4J_URI's, or a local FalkorDB stopped at the end."""
    target = external_target()
    if target is not None:
        yield target
        return
    with local_server() as target:
        yield target


@pytest.fixture(scope="session")
def bolt_loaded(bolt_server, seed_data):
    """The session server, wiped and loaded with the seed data once; returns the target."""
    load_seed(bolt_server, seed_data)
    return bolt_server


@pytest.fixture(scope="session")
def bolt_store(bolt_loaded):
    """A BoltStore on the session server, holding exactly the seed data (read-only for tests)."""
    store = bolt_loaded.connect()
    yield store
    store.close()


@pytest.fixture
def scratch_bolt(bolt_server, seed_data):
    """A server a test may wipe and write: a fresh local FalkorDB, or (with NEO4J_URI) the session
    server, reloaded with the seed data afterwards so `bolt_store` still holds it."""
    if bolt_server.local is None:
        yield bolt_server
        load_seed(bolt_server, seed_data)
        return
    with local_server() as target:
        yield target
