"""Before a console query is sent: every label, relationship type and property it names must be in the
schema (graph/schema/__init__.py), else UnknownName says which, with did-you-mean (``:Modle`` -> ``:Model``).

A misspelt name is not an error to a Cypher server, only an empty or null answer; here it is caught and
named. Read over the tokens of graph.cypher.lexer (strings and comments never count). Properties are
checked where they belong to a pattern's variable or sit in a pattern's map, so a map built in the query
(``WITH {k: 1} AS m RETURN m.k``) is left alone.

>>> check_names("MATCH (m:Model)-[:DERIVED_FROM]->(b) RETURN m.name")
>>> check_names("MATCH (m:Modle) RETURN m")
Traceback (most recent call last):
...
graph.cypher.names.UnknownName: unknown label :Modle; did you mean :Model?
"""
from __future__ import annotations

import difflib

from graph import schema
from graph.cypher.lexer import tokenize

LABELS = set(schema.NODE_TYPES) | {schema.SAVED_VIEW_LABEL}
TYPES = set(schema.REL_TYPES)
PROPS = ({p.name for nt in schema.NODE_TYPES.values() for p in nt.all_props}
         | {p.name for rt in schema.REL_TYPES.values() for p in rt.all_props}
         | {p.name for props in schema.DERIVED_PROPS.values() for p in props} | {"id", "label", "state"})


_NOT_VARS = {"EXISTS", "COUNT", "COLLECT", "CALL", "WHERE", "AND", "OR", "NOT", "RETURN", "WITH"}


def schema_names() -> dict[str, list[str]]:
    """Labels, relationship types and properties, sorted: what the Cypher page lists beside its editor."""
    return {"labels": sorted(schema.NODE_TYPES), "types": sorted(TYPES), "properties": sorted(PROPS - {"state"})}


class UnknownName(ValueError):
    """A label, relationship type or property the schema does not have (the message offers the closest)."""


def _suggest(word: str, known: set[str], prefix: str = "") -> str:
    lower = {k.lower(): k for k in known}
    close = [lower[word.lower()]] if word.lower() in lower else \
        [lower[m] for m in difflib.get_close_matches(word.lower(), list(lower), n=2, cutoff=0.6)]
    if close:
        return "; did you mean " + " or ".join(prefix + c for c in close) + "?"
    return f" (known: {', '.join(prefix + k for k in sorted(known))})"


def _word(tok) -> str | None:
    if tok.kind == "word":
        return tok.text
    if tok.kind == "name":
        return tok.text[1:-1].replace("``", "`")
    return None


def check_names(query: str) -> None:
    """Raise UnknownName for the first label, type or property outside the schema."""
    toks = tokenize(query)
    stack: list[str] = []  # open brackets: '(' , '[' (a list), 'R' (a relationship pattern), '{' ...
    map_owner: list[bool] = []  # for each '{': whether it is a pattern's property map
    variables: set[str] = set()
    after_colon_kind = None
    for k, t in enumerate(toks):
        prev = toks[k - 1] if k else None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.kind == "punct" and t.text in "([{)]}":
            after_colon_kind = None
        if t.text in ("(", "[", "{") and t.kind == "punct":
            if t.text == "[":
                rel = prev is not None and prev.text in ("-", "<")
                stack.append("R" if rel else "[")
            elif t.text == "{":  # a pattern's map: (n {...}), (n:L {...}), ({...}), [r:T {...}]
                map_owner.append(bool(stack) and stack[-1] in ("(", "R") and prev is not None and (
                    prev.text == "(" or prev.kind in ("word", "name") and prev.text.upper() not in _NOT_VARS))
                stack.append("{")
            else:
                stack.append("(")
            if t.text in ("(", "[") and nxt is not None and nxt.kind == "word" and k + 2 < len(toks) \
                    and toks[k + 2].text in (":", ")", "]", "{", "*"):
                variables.add(nxt.text)
            continue
        if t.text in (")", "]", "}") and t.kind == "punct":
            if stack:
                if stack.pop() == "{" and map_owner:
                    map_owner.pop()
            continue
        top = stack[-1] if stack else ""
        if t.text == ":" and t.kind == "punct":
            if top == "{":
                after_colon_kind = None
                continue
            after_colon_kind = "type" if top == "R" else "label"
            continue
        if t.text == "|" and (after_colon_kind == "type" and top == "R" or after_colon_kind == "label" and top == "("):
            continue  # [:A|B], [:A|:B], (n:A|B)
        name = _word(t)
        if name is not None and after_colon_kind and prev is not None and prev.text in (":", "|"):
            if after_colon_kind == "type" and name not in TYPES:
                raise UnknownName(f"unknown relationship type :{name}{_suggest(name, TYPES, ':')}")
            if after_colon_kind == "label" and name not in LABELS:
                raise UnknownName(f"unknown label :{name}{_suggest(name, LABELS, ':')}")
            continue
        after_colon_kind = None if t.text not in (":", "|") else after_colon_kind
        if name is None:
            continue
        if top == "{" and map_owner and map_owner[-1] and nxt is not None and nxt.text == ":" \
                and prev is not None and prev.text in ("{", ","):
            if name not in PROPS:
                raise UnknownName(f"unknown property {name}{_suggest(name, PROPS)}")
            continue
        if prev is not None and prev.text == "." and k >= 2 and toks[k - 2].kind == "word" \
                and toks[k - 2].text in variables and not (nxt is not None and nxt.text == "("):
            if name not in PROPS:
                raise UnknownName(f"unknown property {toks[k - 2].text}.{name}{_suggest(name, PROPS)}")
