"""``ask(store, question) -> AskResult``: parse, run on the store's executor, explain.

The embedded store runs the networkx executor; any other store (BoltStore) runs the compiled Cypher.
Both give {id: evidence}; this module adds names, renders evidence paths, and when the answer is
empty re-runs growing prefixes of the constraints to say which one emptied it.

>>> from graph.store.embedded import EmbeddedStore
>>> r = ask(EmbeddedStore.from_data_dir(), "which models are derived from LLaMA")
>>> r.query.target
'Model'
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from graph import schema
from graph.store import cypher_exec as cy
from graph.ask.parser import Parse, Parser
from graph.query import Constraint, StructuredQuery
from graph.search import _cache_key, index_for

MAX_PATHS = 5  # evidence paths shown per constraint (the total is given too)
_PARSERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass
class AskResult:
    question: str
    interpretation: str
    query: StructuredQuery
    cypher: str
    params: dict
    results: list[dict]
    unplaced: list[dict] = field(default_factory=list)
    empty_reason: str | None = None
    notes: list[str] = field(default_factory=list)
    backend: str = ""

    def to_json(self) -> dict:
        return {"question": self.question, "interpretation": self.interpretation, "query": self.query.to_dict(),
                "cypher": self.cypher, "params": self.params, "results": self.results,
                "unplaced": self.unplaced, "empty_reason": self.empty_reason, "notes": self.notes,
                "backend": self.backend}

    @property
    def ids(self) -> list[str]:
        return [r["id"] for r in self.results]


def parser_for(store) -> Parser:
    key = _cache_key(store)
    p = _PARSERS.get(key)
    if p is None:
        p = _PARSERS[key] = Parser(index_for(store))
    return p


def run_query(store, query: StructuredQuery) -> dict[str, list]:
    """{id: evidence per constraint}, from the executor that fits the store."""
    return store.execute(query)


def _name(nodes, nid) -> str:
    return nodes.get(nid, {}).get("name", nid)


def describe(c: Constraint, nodes: dict, target: str) -> str:
    """One constraint in words, e.g. 'classified under Parameter-frozen alignment (cat:pfa), at any depth'."""
    text = _describe(c, nodes, target)
    return f"NOT {text}" if c.negate else text


def _describe(c: Constraint, nodes: dict, target: str) -> str:
    ref = f"{_name(nodes, c.id)} ({c.id})" if c.id else ""
    pat = c.pattern(target)
    partner = ""
    if pat and pat[0][0].rel == "INTRODUCES" and pat[0][0].lo == 0:  # the pattern starts at the INTRODUCES partner
        partner = " (itself or what it introduces)" if target == "Paper" else " (itself or via the paper that introduces it)"
    if c.kind == "related":
        role = f" {{role: {c.role}}}" if c.role else ""
        arrow = f"-[:{c.rel}{role}]->" if c.dir == "out" else f"<-[:{c.rel}{role}]-"
        return f"{arrow} any {c.label}{partner}"
    if c.kind == "category":
        return f"classified under {ref}, at any depth{partner}"
    if c.kind == "lineage":
        return f"derived from {ref}, transitively" if c.direction == "descendants" else f"what {ref} is built on, transitively"
    if c.kind == "link":
        rt = schema.REL_TYPES[c.rel]
        role = f" as {c.role}" if c.role else ""
        arrow = f"-[:{c.rel}]->" if c.dir == "out" else f"<-[:{c.rel}]-"
        return f"{arrow} {ref}{role}{partner}"
    if c.kind == "language_group":
        what = {"resource_class": "resource class (Joshi et al. 2020)"}.get(c.field, c.field)
        role = f" ({c.role})" if c.role else ""
        if target == "Language":
            return f"{what} {c.op} {c.value!r}"
        return f"covers a language{role} with {what} {c.op} {c.value!r}{partner}"
    return f"{c.field} {c.op} {c.value!r}"


def interpretation(parse: Parse, nodes: dict) -> str:
    q = parse.query
    parts = [f"{q.target}s"] + [f"  - {describe(c, nodes, q.target)}  [from '{c.text}']" for c in q.constraints]
    if not q.constraints:
        parts.append("  - (no constraints: every node of this label)")
    return "\n".join(parts)


def _render_path(nodes_meta, path) -> dict:
    ids, hops = path
    text = ids[0]
    rels = []
    for k, (rtype, role, source) in enumerate(hops):
        forward = source == ids[k]
        props = f" {{role: {role}}}" if role else ""
        text += f" -[:{rtype}{props}]-> " if forward else f" <-[:{rtype}{props}]- "
        nxt = ids[k + 1]
        rc = nodes_meta.get(nxt, {}).get("resource_class")
        text += nxt + (f" (class {rc})" if nodes_meta.get(nxt, {}).get("label") == "Language" and rc is not None else "")
        rels.append({"type": rtype, "role": role, "dir": "->" if forward else "<-"})
    return {"nodes": list(ids), "rels": rels, "text": text}


def _evidence(query: StructuredQuery, ev: list, nodes: dict) -> list[dict]:
    out = []
    for c, e in zip(query.constraints, ev):
        item = {"constraint": describe(c, nodes, query.target)}
        if isinstance(e, dict):
            item.update(e)
        else:
            ranked = sorted(e, key=lambda p: (len(p[0]), p))
            item["paths"] = [_render_path(nodes, p) for p in ranked[:MAX_PATHS]]
            item["total_paths"] = len(e)
        out.append(item)
    return out


def ask(store, question: str) -> AskResult:
    """Answer a plain-words question on ``store`` (embedded or Bolt) with evidence and the Cypher."""
    parser = parser_for(store)
    parse = parser.parse(question)
    nodes = parser.index.nodes
    query = parse.query
    text, params = cy.compile_query(query)
    raw = run_query(store, query)
    results = [{"id": nid, "label": query.target, "name": _name(nodes, nid),
                "evidence": _evidence(query, ev, nodes)} for nid, ev in raw.items()]
    reason = None
    if not results:
        reason = why_empty(store, query, nodes)
    return AskResult(question, interpretation(parse, nodes), query, text, params, results,
                     parse.unplaced, reason, parse.notes, getattr(store, "backend", ""))


def why_empty(store, query: StructuredQuery, nodes: dict) -> str:
    """Which constraint emptied the answer: the first prefix of the constraints with no result."""
    before = len(run_query(store, query.prefix(0)))
    if before == 0:
        return f"there are no {query.target} nodes in the graph"
    for k in range(1, len(query.constraints) + 1):
        n = len(run_query(store, query.prefix(k)))
        if n == 0:
            c = query.constraints[k - 1]
            return (f"{before} {query.target.lower()}(s) matched the constraints before it; none is "
                    f"{describe(c, nodes, query.target)} [from '{c.text}']")
        before = n
    return "no result"
