"""The store interface: every question the CLI and the app ask, answered the same by every backend.

Answers are plain GraphData / dicts (graph.schema.model), so parity tests compare the embedded store and
the Bolt store call by call. Traversal rules live here as docs so both backends implement one meaning.
"""
from __future__ import annotations

import re
import time
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass

from graph.cypher.guard import check_read_only
from graph.cypher.names import check_names
from graph.schema.model import GraphData

NODE_LIMIT = 400  # views and exports past this are trimmed (graph.draw.subgraph.trim) with a note


@dataclass
class ReadResult:
    """What ``Store.read`` answers: rows (lists, in ``columns`` order) and why there may be fewer.

    ``truncated``: the row cap was reached and more rows were left out; ``stopped``: the time limit
    stopped the query (no rows); ``note`` says either in words for users.
    """

    columns: list[str]
    rows: list[list]
    truncated: bool = False
    stopped: bool = False
    elapsed: float = 0.0
    note: str = ""
    backend: str = ""

    def to_json(self) -> dict:
        return asdict(self)


class UnsupportedCypher(ValueError):
    """A construct a store's Cypher engine does not run (the message says which, and what to do)."""


class CypherError(ValueError):
    """The server refused the query; the message is the server's own, with line and column where it gives them."""


class Store(ABC):
    """A read interface over the knowledge graph."""

    backend: str = "?"

    @abstractmethod
    def stats(self) -> dict:
        """Counts: ``{"nodes": {label: n}, "relationships": {type: n}, "total_nodes", "total_relationships"}``."""

    @abstractmethod
    def get_node(self, node_id: str) -> dict | None:
        """One node as a dict (id, label, name, properties), or None."""

    @abstractmethod
    def nodes(self, label: str | None = None) -> list[dict]:
        """All nodes, or those of one label, sorted by id."""

    @abstractmethod
    def whole(self) -> GraphData:
        """The whole graph."""

    @abstractmethod
    def subgraph(self, ids: list[str]) -> GraphData:
        """The nodes with these ids (unknown ids ignored) and every edge between them."""

    @abstractmethod
    def neighbourhood(self, node_ids: list[str], depth: int = 1, labels: list[str] | None = None,
                      limit: int = NODE_LIMIT) -> GraphData:
        """Nodes within ``depth`` hops of any focus node, edges in either direction.

        With ``labels``, only nodes of those labels are reached (and traversed); focus nodes always stay.
        Past ``limit`` nodes it is trimmed by graph.draw.subgraph.trim (closest first, then most connected;
        ``note`` says what was left out). The result holds every edge between the kept nodes.
        """

    @abstractmethod
    def lineage(self, node_id: str, direction: str = "both", with_methods: bool = False) -> GraphData:
        """The DERIVED_FROM family of a node: ancestors (what it is built on, transitively), descendants
        (what is built on it), or both; with ``with_methods``, also the methods APPLIED_TO each member."""

    @abstractmethod
    def links(self, ids: list[str], types: tuple[str, ...] | None = None) -> dict:
        """``{id: [graph.paths.Link]}``: every relationship of each known id (of ``types`` if given, names
        from graph.schema), in both directions, sorted by (other id, type, direction, role). Unknown ids
        are left out. The one neighbour read that paths and similarity are computed from."""

    @abstractmethod
    def paths(self, source: str, target: str, max_hops: int = 4, types=None, k: int = 3):
        """"How is ``source`` connected to ``target``": a graph.paths.PathResult with the first ``k`` simple
        paths of at most ``max_hops`` hops (either direction, only ``types`` if given), in graph.paths order
        (length, node ids, relationship types). graph.paths.PathError for an unknown id or type or a bad bound."""

    @abstractmethod
    def execute(self, query) -> dict[str, list]:
        """``{result id: evidence per constraint}`` for a structured query (graph.query.StructuredQuery).

        Each store runs its own executor (networkx walk, or compiled parameterised Cypher); parity tests
        keep the answers equal. Evidence of a pattern constraint: the matching paths; of a property:
        ``{"property", "value"}``; of a negated pattern: ``{"absent": True}``.
        """

    def read(self, cypher: str, params: dict | None = None, *, timeout: float, row_cap: int) -> ReadResult:
        """Run a user's read-only Cypher: refused (WriteRefused) if it could write, stopped after ``timeout``
        seconds (``stopped``), at most ``row_cap`` rows (``truncated`` when more were left out).

        The one place that owns these limits for every caller (the CLI console, the app's console page);
        a label, type or property outside the schema is named first (graph.cypher.names.UnknownName); each
        store runs the query its own way in ``_read_rows``. UnsupportedCypher / StoreError / CypherError
        carry a message for users.
        """
        check_read_only(cypher)
        check_names(cypher)
        t0 = time.perf_counter()
        try:
            columns, rows = self._read_rows(cypher, dict(params or {}), timeout=timeout, limit=row_cap + 1)
        except TimeoutError:
            return ReadResult([], [], False, True, time.perf_counter() - t0,
                              f"stopped after {timeout:g} s (time limit)", self.backend)
        elapsed = time.perf_counter() - t0
        truncated = len(rows) > row_cap
        return ReadResult(columns, rows[:row_cap], truncated, False, elapsed,
                          f"row cap {row_cap} reached; more rows left out" if truncated else "", self.backend)

    @abstractmethod
    def _read_rows(self, cypher: str, params: dict, *, timeout: float, limit: int) -> tuple[list[str], list[list]]:
        """(columns, at most ``limit`` rows of plain values) for an already-guarded read; TimeoutError when
        ``timeout`` seconds pass first. Only ``read`` calls it."""

    # -- saved views (named URL states of the app): a local JSON file unless a store keeps them itself ----
    def saved_views(self) -> dict[str, dict[str, str]]:
        """``{name: URL state}`` of every saved view, sorted by name (graph.saved_views)."""
        from graph.saved_views import ViewsFile

        return ViewsFile().load()

    def save_view(self, name: str, state: dict[str, str], replace: bool = True) -> str:
        """Keep ``state`` under ``name`` (replacing a view of that exact name unless not ``replace``); returns
        the name as kept. graph.saved_views.ViewError for an empty or long name, a state that is not a page's
        URL state, or a name that collides with another once case and spaces are folded."""
        from graph.saved_views import ViewsFile

        return ViewsFile().save(name, state, replace)

    def delete_view(self, name: str) -> bool:
        """Forget the view ``name``; False when there was none."""
        from graph.saved_views import ViewsFile

        return ViewsFile().delete(name)

    def content_key(self) -> str | None:
        """A fingerprint of everything the store holds when it cannot change under us (the embedded store
        on a seed directory), so what is built from it can be cached on disk; None otherwise."""
        return None

    def reachable(self) -> bool:
        """Whether the store can still answer (always, for the embedded store); cheap enough to ask per page run."""
        return True

    def close(self) -> None:
        """Release connections (nothing for the embedded store)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class StoreError(RuntimeError):
    """A store cannot answer: server down, bad credentials, bad request. The message is for users."""


def redact(text: str, *secrets: str | None) -> str:
    """``text`` without the credentials of any URI in it (``//user:pw@``) nor any of ``secrets``: what every
    message about a server passes through before a user (or a log) sees it."""
    text = re.sub(r"//[^/@\s'\"]*@", "//", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
