"""Open a store by name: ``embedded`` (networkx, the default) or ``neo4j`` (any Bolt server)."""
from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

from graph.store.base import NODE_LIMIT, Store, StoreError, redact

BACKENDS = ("embedded", "neo4j")


def release_servers() -> None:
    """Stop the private servers this process started (the embedded store's Cypher engine), if it started any:
    for a caller that leaves with ``os._exit``, which skips the atexit hook that stops them otherwise."""
    local = sys.modules.get("graph.store.falkordb_local")  # never imported just to find nothing running
    if local is not None:
        local.stop_all()


def default_backend() -> str:
    """``neo4j`` when NEO4J_URI is set, else ``embedded``: the rule the app and the CLI share."""
    return "neo4j" if os.environ.get("NEO4J_URI") else "embedded"


def open_store(backend: str | None = None, data_dir=None, survey_only: bool = False, **bolt_options) -> Store:
    """A Store for ``backend``; Bolt options (uri, user, password, database) default to NEO4J_* variables.

    ``survey_only``: exactly the survey's graph (nodes and relationships marked in_survey). On a Bolt
    server the database holds everything, so its survey part is read once and answered from memory.
    """
    backend = backend or default_backend()
    if backend == "embedded":
        from graph.store.embedded import EmbeddedStore

        return EmbeddedStore.from_data_dir(data_dir, survey_only=survey_only)
    if backend == "neo4j":
        from graph.store.bolt import BoltStore

        store = BoltStore.connect(**bolt_options)
        if not survey_only:
            return store
        from graph.seed.survey import survey_only as only_survey
        from graph.store.embedded import EmbeddedStore

        with store:
            return EmbeddedStore.from_data(only_survey(store.whole()))
    raise StoreError(f"unknown backend {backend!r} (choose from {', '.join(BACKENDS)})")


def describe_target(backend: str, uri: str | None = None) -> str:
    """'embedded' or 'neo4j · host:port' — the URI's host without user name or password.

    >>> describe_target("neo4j", "bolt://alice:s3cret@db.example.org:7687")
    'neo4j · db.example.org:7687'
    """
    if backend != "neo4j" or not uri:
        return backend
    parts = urlsplit(uri)
    host = parts.hostname or "?"
    return f"{backend} · {host}:{parts.port}" if parts.port else f"{backend} · {host}"


def open_with_fallback(backend: str | None = None, data_dir=None,
                       survey_only: bool = False) -> tuple[Store, str | None, str]:
    """(store, warning or None, description): the configured store, or, when a Bolt server does not
    answer (down, bad credentials, driver missing), the embedded store with a warning saying why."""
    backend = backend or default_backend()
    only = " (survey only)" if survey_only else ""
    if backend != "neo4j":
        return open_store(backend, data_dir, survey_only), None, describe_target(backend) + only
    uri = os.environ.get("NEO4J_URI", "")
    try:
        store = open_store("neo4j", survey_only=survey_only)
        store.stats()
        return store, None, describe_target("neo4j", uri) + only
    except Exception as exc:  # noqa: BLE001 - every failure becomes the fallback's reason
        reason = redact(str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__,
                        os.environ.get("NEO4J_PASSWORD"))
        warning = (f"Neo4j at {describe_target('neo4j', uri).split(' · ', 1)[-1]} is not reachable "
                   f"({reason}). Showing the embedded graph instead, read-only.")
        return open_store("embedded", data_dir, survey_only), warning, "embedded (fallback)" + only


__all__ = ["BACKENDS", "NODE_LIMIT", "Store", "StoreError", "default_backend", "describe_target",
           "open_store", "open_with_fallback"]
