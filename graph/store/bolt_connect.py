"""Connecting to a Bolt server (URI, credentials, dialect probe) and turning driver values into plain data.

Kept apart from graph/store/bolt.py so the store's reads stay readable; the loader and the tests connect
through ``connect_driver`` too.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable

from graph import schema
from graph.store.base import StoreError, redact
from graph.store.dialect import Dialect, close_driver, detect


def _uri_password(uri: str) -> str | None:
    """The password written into a URI (bolt://user:pw@host), if any."""
    try:
        return urlsplit(uri).password
    except ValueError:
        return None


def connect_driver(uri: str | None = None, user: str | None = None, password: str | None = None,
                   database: str | None = None) -> tuple[neo4j.Driver, Dialect, str, str | None]:
    """(driver, dialect, uri, database) for the server the arguments or NEO4J_* variables name.

    Raises StoreError with a message for users (never containing the password) when the server is down,
    refuses the credentials, or the URI is malformed.
    """
    uri = uri or os.environ.get("NEO4J_URI")
    user = user if user is not None else os.environ.get("NEO4J_USERNAME")
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    database = database or os.environ.get("NEO4J_DATABASE") or None
    if not uri:
        raise StoreError("NEO4J_URI is not set: export NEO4J_URI=bolt://host:7687 (`make server` starts a local one)")
    auth = neo4j.basic_auth(user or "neo4j", password or "") if (user or password) else None
    shown = redact(uri)
    secrets = (password, _uri_password(uri))
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=5.0,
                                            connection_acquisition_timeout=20.0, max_transaction_retry_time=5.0)
    except (ConfigurationError, ValueError) as exc:
        raise StoreError(f"NEO4J_URI {shown!r} is not a usable Bolt URI: {redact(str(exc), *secrets)}") from None
    try:
        driver.verify_connectivity()
        dialect = detect(driver, database, cache_key=(uri, database))
    except AuthError:
        close_driver(driver, None)
        raise StoreError(f"the Bolt server at {shown} refused the credentials of user {user!r}; "
                         "check NEO4J_USERNAME and NEO4J_PASSWORD") from None
    except (ServiceUnavailable, OSError) as exc:
        close_driver(driver, None)
        raise StoreError(f"cannot reach a Bolt server at {shown} ({redact(str(exc).splitlines()[0], *secrets)}); "
                         "is it running? `make server` starts a local one") from None
    except Neo4jError as exc:  # FalkorDB answers any password with a DatabaseError at login
        close_driver(driver, None)
        raise StoreError(f"the Bolt server at {shown} refused the login of user {user!r} "
                         f"({redact(exc.message or exc.code or 'no reason given', *secrets)}); check "
                         "NEO4J_USERNAME and NEO4J_PASSWORD (FalkorDB's Bolt accepts no password)") from None
    except DriverError as exc:
        close_driver(driver, None)
        raise StoreError(f"cannot use the Bolt server at {shown}: {redact(str(exc), *secrets)}") from None
    return driver, dialect, uri, database


def _label_of_labels(labels) -> str:
    for lab in labels:
        if lab in schema.NODE_TYPES:
            return lab
    return next(iter(labels), "")


def plain(value):
    """A driver value as plain data: nodes as node dicts, relationships as edge dicts, paths as both."""
    if isinstance(value, neo4j.graph.Node):
        return {**dict(value), "label": _label_of_labels(value.labels)}
    if isinstance(value, neo4j.graph.Relationship):
        s, t = value.start_node, value.end_node
        return {"source": s.get("id") if s is not None else None, "target": t.get("id") if t is not None else None,
                "type": value.type, **dict(value)}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [plain(n) for n in value.nodes], "edges": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
