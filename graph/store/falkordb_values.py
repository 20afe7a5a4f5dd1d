"""The redis protocol's side of the private FalkorDB (graph/store/falkordb_local.py): parameters written
as the ``CYPHER k=v`` prefix FalkorDB reads back exactly, compact replies decoded into plain values, and the
server's error messages made readable (line, column, a caret)."""
from __future__ import annotations

import re

from graph.cypher.lexer import literal, name


class Decoder:
    """Compact replies as plain values (nodes as node dicts, relationships as edge dicts, paths as both:
    what graph.store.bolt_connect.plain gives over Bolt); ``names`` maps the ids a compact reply uses."""

    def __init__(self, names: dict):
        self._names = names

    def value(self, cell):
        kind, v = cell
        if kind == 1:
            return None
        if kind in (2, 3):
            return v
        if kind == 4:
            return v == "true"
        if kind == 5:
            return float(v)
        if kind == 6:
            return [self.value(c) for c in v]
        if kind == 8:
            return self._node(v)
        if kind == 7:
            return self._edge(v)
        if kind == 9:
            return {"nodes": [self.value(c) for c in v[0][1]], "edges": [self.value(c) for c in v[1][1]]}
        if kind == 10:
            return {v[i]: self.value(v[i + 1]) for i in range(0, len(v), 2)}
        if kind == 11:
            return {"latitude": float(v[0]), "longitude": float(v[1])}
        return str(v)

    def _props(self, props) -> dict:
        keys = self._names["keys"]
        return {keys[k]: self.value([t, v]) for k, t, v in props}

    def _node(self, v) -> dict:
        labels = [self._names["labels"][i] for i in v[1]]
        return {**self._props(v[2]), "label": labels[0] if labels else ""}

    def _edge(self, v) -> dict:
        ids = self._names["ids"]
        return {"source": ids.get(v[2]), "target": ids.get(v[3]), "type": self._names["types"][v[1]],
                **self._props(v[4])}


def has_nul(value) -> bool:
    if isinstance(value, str):
        return "\0" in value
    if isinstance(value, (list, tuple)):
        return any(has_nul(v) for v in value)
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    return False


def has_double(cell) -> bool:
    kind, v = cell
    if kind == 5:
        return True
    if kind == 6:
        return any(has_double(c) for c in v)
    if kind == 10:
        return any(has_double(v[i + 1]) for i in range(0, len(v), 2))
    return False


def with_params(cypher: str, params: dict) -> str:
    """``CYPHER k=literal ... query``: how the redis protocol takes parameters (values as Cypher literals)."""
    if not params:
        return cypher
    parts = []
    for k, v in params.items():
        if not isinstance(k, str) or not k.isidentifier():
            raise ValueError(f"parameter name {k!r} is not an identifier")
        try:
            parts.append(f"{k}={_literal(v)}")
        except TypeError as exc:
            raise ValueError(f"parameter ${k}: {exc}") from None
    return "CYPHER " + " ".join(parts) + " " + cypher


def _literal(value) -> str:
    """A value as FalkorDB reads it back exactly: in strings only backslash and quote are escaped (it
    decodes no \\uXXXX), other characters go as they are; NUL cannot go at all (it ends the query)."""
    if isinstance(value, str):
        if "\0" in value:
            raise TypeError("a string with a NUL character cannot be sent to FalkorDB")
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(str(k))}: {_literal(v)}" for k, v in value.items()) + "}"
    return literal(value)


def readable_error(message: str, query: str, prefix: int = 0) -> str:
    """FalkorDB's message; a syntax error's ``errMsg ... line: L, column: C ... errCtx`` as the message,
    the line and a caret under the column (``prefix``: characters sent before the query on its first line)."""
    m = re.match(r"errMsg: (.*?) line: (\d+), column: (\d+)", message, re.S)
    if not m:
        return message
    text, line, col = m.group(1).strip(), int(m.group(2)), int(m.group(3))
    col -= prefix if line == 1 else 0
    lines = query.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"{text} (line {line}, column {col})\n  {src}\n  {' ' * max(col - 1, 0)}^"
