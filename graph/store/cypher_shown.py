"""The Cypher Ask shows where its answer is not one structured query: a ranking counted over a longer
pattern than one hop (descendants, everything under a category) and the paths between two nodes. Each
runs in the console with Ask's rows (tests/test_cypher_ask_console.py)."""
from __future__ import annotations

from dataclasses import dataclass

from graph import schema
from graph.query import LINEAGE_DEPTH, TAXONOMY_DEPTH, End, Seg, StructuredQuery
from graph.store.cypher_exec import _label, compile_query


@dataclass(frozen=True)
class RankBy:
    """A ranking over a longer pattern than an Aggregate's one hop (compile_ranking); the fields compile_query reads."""

    segs: tuple
    end: End
    order: str
    k: int | None

    def pattern(self):
        return list(self.segs), self.end


def compile_ranking(query: StructuredQuery, how: str, count_q: StructuredQuery, order: str, k: int | None,
                    category: bool) -> tuple[str, dict] | None:
    """The Cypher of a ranking Ask computes from a counting query (graph.ask.ranking): ``lineage`` counts
    descendants of the target's label transitively; a ``category`` counts what is classified under it at
    any depth. None where no one query says it."""
    if query.aggregate is not None or query.order is not None:
        return None
    if how == "lineage":
        segs = (Seg("DERIVED_FROM", "in", 1, LINEAGE_DEPTH),)
        return compile_query(query, RankBy(segs, End(label=query.target), order, k))
    c = count_q.constraints[0] if len(count_q.constraints) == 1 else None
    if not category or c is None or c.kind != "related" or c.label != "Category":
        return None
    back = "in" if c.dir == "out" else "out"
    partner = (Seg("INTRODUCES", "in" if count_q.target == "Paper" else "out", 0, 1),) \
        if c.via_partner and count_q.target in ("Paper", "Method", "Model", "Dataset") else ()
    segs = (Seg("SUBCATEGORY_OF", "in", 0, TAXONOMY_DEPTH), Seg(c.rel, back, role=c.role)) + partner
    return compile_query(query, RankBy(segs, End(label=count_q.target), order, k))


def compile_paths(source: str, target: str, max_hops: int, k: int, types=None) -> tuple[str, dict]:
    """(cypher, params) for "how is source connected to target": the first ``k`` simple paths of at most
    ``max_hops`` hops in either direction (only ``types`` if given), in graph.paths order (length, then
    the node ids in sequence); one row per path, its node ids. What Ask shows for a path question."""
    la, lb = _label(schema.label_of(source) or ""), _label(schema.label_of(target) or "")
    rel = ""
    if types:
        for t in types:
            if t not in schema.REL_TYPES:
                raise ValueError(f"unknown relationship type {t!r}")
        rel = ":" + "|".join(types)
    text = (f"MATCH (a:{la} {{id: $a}}), (b:{lb} {{id: $b}})\n"
            f"MATCH p = (a)-[{rel}*1..{int(max_hops)}]-(b)\n"
            "WITH [n IN nodes(p) | n.id] AS ids\n"
            "WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])\n"
            "WITH DISTINCT ids\n"
            "RETURN ids AS nodes\nORDER BY size(ids), ids\nLIMIT $k")
    return text, {"a": source, "b": target, "k": int(k)}
