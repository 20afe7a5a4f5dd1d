"""Graphs for answers: the evidence paths of an Ask answer (read by the typed contract of
graph.ask.answer, in its ``to_json`` form) and the nodes in a Cypher console result (any string that
is a well-formed node id, or a dict with an ``id``, counts)."""
from __future__ import annotations

from graph import schema
from graph.schema.model import GraphData
from graph.draw.selection import shown_subgraph
from graph.store.base import NODE_LIMIT
from graph.draw.subgraph import trim


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


def result_rows(answer: dict) -> list[dict]:
    """The rows of an answer (``Answer.to_json()``): id, label, name, the ranked value when there is one,
    and the evidence as one readable line."""
    rows = []
    for r in answer["results"]:
        row = {"id": r["id"], "label": r["label"], "name": r["name"]}
        if "value" in r:
            row["count"] = r["value"]
        row["evidence"] = evidence_text(r["evidence"])
        rows.append(row)
    return rows


def evidence_text(evidence: list[dict]) -> str:
    """One part per constraint: its first evidence path (and how many more), the absence it checked, or
    the property value it tested (``Evidence.to_json()`` items)."""
    parts = []
    for item in evidence:
        if item.get("absent"):
            parts.append(f"{item['constraint']}: no such path")
        elif "property" in item:
            parts.append(f"{item['property']} = {item['value']}")
        elif item.get("paths"):
            more = item["total_paths"] - 1
            parts.append(item["paths"][0]["text"] + (f" (+{more} more)" if more > 0 else ""))
    return " | ".join(parts)


def answer_ids(answer: dict) -> list[str]:
    """Result ids, then every node on their evidence paths, once each (``Answer.node_ids`` on the JSON form)."""
    out = [r["id"] for r in answer["results"]]
    for r in answer["results"]:
        for e in r["evidence"]:
            for p in e.get("paths", []):
                out += [n for n in p["nodes"] if n not in out]
    for n in (answer.get("comparison") or {}).get("items", []):
        if n not in out:
            out.append(n)
    return out


def evidence_graph(store, answer: dict, limit: int = NODE_LIMIT) -> GraphData:
    """The subgraph the answer's evidence paths run through (result nodes included), trimmed: the same
    selection `graph export --ask` writes (graph.draw.selection), read from the answer's JSON form."""
    return shown_subgraph(store, [r["id"] for r in answer["results"]], answer_ids(answer), limit=limit)


def console_graph(store, rows: list, limit: int = NODE_LIMIT) -> GraphData:
    """The nodes the rows of a Cypher console result mention and every edge between them, trimmed."""
    ids: list[str] = []
    for row in rows:
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


def marked_rows(store, table: list[dict], id_column: str) -> list[dict]:
    """A console result's rows with a first column "✦" that holds the post-survey mark when the row's entity
    (``id_column``) was added after the survey, or the rows as they are when none was."""
    from graph.seed.later_works import MARK
    from graph.store.index import index

    idx = index(store)
    flags = [idx.after_survey(str(r.get(id_column))) for r in table]
    if not any(flags):
        return table
    return [{MARK: MARK if f else "", **r} for r, f in zip(table, flags)]
