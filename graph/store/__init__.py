"""Open a store by name: ``embedded`` (networkx, the default) or ``neo4j`` (any Bolt server)."""
from __future__ import annotations

import os

from graph.store.base import NODE_LIMIT, Store, StoreError

BACKENDS = ("embedded", "neo4j")


def default_backend() -> str:
    """``neo4j`` when NEO4J_URI is set, else ``embedded``: the rule the app and the CLI share."""
    return "neo4j" if os.environ.get("NEO4J_URI") else "embedded"


def open_store(backend: str | None = None, data_dir=None, **bolt_options) -> Store:
    """A Store for ``backend``; Bolt options (uri, user, password, database) default to NEO4J_* variables."""
    backend = backend or default_backend()
    if backend == "embedded":
        from graph.store.embedded import EmbeddedStore

        return EmbeddedStore.from_data_dir(data_dir)
    if backend == "neo4j":
        from graph.store.bolt import BoltStore

        return BoltStore.connect(**bolt_options)
    raise StoreError(f"unknown backend {backend!r} (choose from {', '.join(BACKENDS)})")


__all__ = ["BACKENDS", "NODE_LIMIT", "Store", "StoreError", "default_backend", "open_store"]
