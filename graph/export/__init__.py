"""Export a subgraph: choose it (focus / category / whole graph), then write it in a format.

``select`` picks the subgraph from a store; ``write`` renders GraphData to a file or a stream.
Formats register themselves in FORMATS: name -> (writer, binary?).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Callable

from graph.model import GraphData
from graph.store.base import NODE_LIMIT, Store, StoreError


def select(store: Store, focus: list[str] | None = None, depth: int = 1, labels: list[str] | None = None,
           limit: int = NODE_LIMIT) -> GraphData:
    """The subgraph to export: the neighbourhood of the focus ids, else the whole graph."""
    if focus:
        missing = [f for f in focus if store.get_node(f) is None]
        if missing:
            raise StoreError(f"unknown id(s): {', '.join(missing)}")
        return store.neighbourhood(focus, depth=depth, labels=labels, limit=limit)
    data = store.whole()
    if labels:
        keep = [i for i, n in data.nodes.items() if n["label"] in labels]
        data = store.subgraph(keep)
    return data


def write_json(data: GraphData, out: IO) -> None:
    json.dump(data.to_json(), out, indent=2, ensure_ascii=False)
    out.write("\n")


# name -> (writer(data, stream), binary)
FORMATS: dict[str, tuple[Callable[[GraphData, IO], None], bool]] = {
    "json": (write_json, False),
}


def write(data: GraphData, fmt: str, path: str | Path | None = None) -> None:
    """Write ``data`` as ``fmt`` to ``path`` (atomically: a temp file renamed) or to stdout."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    writer, binary = FORMATS[fmt]
    if path is None:
        if binary:
            writer(data, sys.stdout.buffer)
        else:
            writer(data, sys.stdout)
        return
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
            writer(data, fh)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
