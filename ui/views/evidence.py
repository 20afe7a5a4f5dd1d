"""Graphs for answers: the evidence paths of an Ask result and the nodes in a Cypher console result.

Both contracts are read loosely (attributes or dict keys), so the pages keep working while the Ask and
console modules evolve: any string that is a well-formed node id, or a dict with an ``id``, counts."""
from __future__ import annotations

from graph import schema
from graph.model import GraphData
from graph.selection import answer_subgraph
from graph.store.base import NODE_LIMIT
from graph.subgraph import trim


def _get(obj, key, default=None):
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def ids_in(value, out: list[str] | None = None, depth: int = 0) -> list[str]:
    """Node ids found anywhere in ``value`` (strings, dicts with id/source/target, lists), in order."""
    out = [] if out is None else out
    if depth > 8:
        return out
    if isinstance(value, str):
        if schema.label_of(value) and value not in out:
            out.append(value)
    elif isinstance(value, dict):
        for key in ("id", "source", "target", "start", "end"):
            if key in value:
                ids_in(value[key], out, depth + 1)
        for key, v in value.items():
            if key not in ("id", "source", "target", "start", "end", "name", "label"):
                ids_in(v, out, depth + 1)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            ids_in(v, out, depth + 1)
    elif hasattr(value, "__dict__"):
        ids_in(vars(value), out, depth + 1)
    return out


def result_rows(ask_result) -> list[dict]:
    """The Ask results as table rows: id, label, name, and the evidence as one readable line."""
    rows = []
    for r in _get(ask_result, "results", None) or []:
        evidence = _get(r, "evidence", None) or _get(r, "paths", None) or _get(r, "evidence_paths", None) or []
        rows.append({"id": _get(r, "id", ""), "label": _get(r, "label", ""), "name": _get(r, "name", ""),
                     "evidence": _evidence_text(evidence)})
    return rows


def _evidence_text(evidence) -> str:
    """One line per constraint: its first evidence path (and how many more), or the property it checked."""
    if isinstance(evidence, str):
        return evidence
    parts = []
    for item in evidence if isinstance(evidence, (list, tuple)) else [evidence]:
        if isinstance(item, dict) and item.get("paths"):
            paths = item["paths"]
            first = paths[0].get("text") if isinstance(paths[0], dict) else _step(paths[0])
            more = (item.get("total_paths") or len(paths)) - 1
            parts.append(str(first) + (f" (+{more} more)" if more > 0 else ""))
        elif isinstance(item, dict) and item.get("absent"):
            parts.append(f"{item.get('constraint', 'a negated constraint')}: no such path")
        elif isinstance(item, dict) and "property" in item:
            parts.append(f"{item['property']} = {item.get('value')}")
        elif isinstance(item, (list, tuple)):
            parts.append(" – ".join(_step(s) for s in item))
        else:
            parts.append(_step(item))
    return " | ".join(parts)


def _step(s) -> str:
    if isinstance(s, dict):
        if "type" in s and "source" in s:
            return f"[{s['type']}]"
        return str(s.get("text") or s.get("constraint") or s.get("name") or s.get("id") or s)
    return str(s)


def evidence_graph(store, ask_result, limit: int = NODE_LIMIT) -> GraphData:
    """The subgraph the Ask result's evidence paths run through (result nodes included), trimmed: the
    answer selection of graph.selection, the same one `graph export --ask` writes."""
    return answer_subgraph(store, ask_result, limit=limit)


def console_graph(store, console_result, limit: int = NODE_LIMIT) -> GraphData:
    """The nodes a Cypher console result mentions and every edge between them, trimmed."""
    ids: list[str] = []
    for row in _get(console_result, "rows", None) or []:
        ids_in(row, ids)
    return trim(store.subgraph(ids), limit)


def entity_column(table: list[dict]) -> str | None:
    """The first column of a result table whose every value is a node id (what a row opens), or None."""
    if not table or not isinstance(table[0], dict):
        return None
    for col in table[0]:
        values = [r.get(col) for r in table if isinstance(r, dict)]
        if values and all(isinstance(v, str) and schema.label_of(v) for v in values):
            return col
    return None
