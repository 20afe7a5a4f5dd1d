"""``ask(store, question, ignore=()) -> Answer``: parse, check every word was placed, run, explain.

A question with a word that could not be placed is withheld (nothing runs; the answer lists the words
with did-you-mean candidates); ``ignore`` names words to leave out, and the interpretation says so.
Otherwise the structured query runs on the store's own executor (``store.execute``): a list, a count
(the number, with the list behind it), a ranking (an aggregate over a relationship), a comparison of
two nodes side by side, or the paths between two nodes.

>>> from graph.store.embedded import EmbeddedStore
>>> a = ask(EmbeddedStore.from_data_dir(), "which models are derived from LLaMA")
>>> a.status, a.kind, a.query.target
('answered', 'list', 'Model')
>>> ask(EmbeddedStore.from_data_dir(), "which models were trained on Elvish").status
'withheld'
"""
from __future__ import annotations

import re
import weakref

from graph.ask import explain, gaps, logic, ranking, value_answer, values
from graph.ask.answer import Answer, Evidence, Result
from graph.ask.parser import Parse, Parser
from graph.compare import compare
from graph.heap import settle
from graph.query import Aggregate, Constraint, StructuredQuery
from graph.search.fuzzy import index_for
from graph.search.text import store_key
from graph.store import cypher_exec as cy
from graph.store.cypher_shown import compile_paths, compile_ranking

PARSER_LIBRARIES = ("babel", "iso639", "country_converter", "pycountry", "ahocorasick")  # their tables are in it
_PARSERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def parser_for(store) -> Parser:
    """The store's parser, built once per store object; for a store whose content cannot change (the
    embedded store on a seed directory) also kept on disk, keyed by the data and the parser's code."""
    key = store_key(store)
    p = _PARSERS.get(key)
    if p is None:
        from graph.search.fuzzy import CODE as search_code
        from graph.seed.cache import cache_dir, cached_artifact, code_fingerprint, library_fingerprint

        content = store.content_key()
        disk_key = content and (f"{content}-{code_fingerprint('graph.ask', *search_code, 'graph.query', 'graph.schema')}"
                                f"-{library_fingerprint(*PARSER_LIBRARIES)}")

        def build() -> Parser:
            parser = Parser(index_for(store), category_parents(store))
            if disk_key and cache_dir() is not None:  # kept on disk: CJK tables built once, not per process
                parser.disk_key = disk_key
                parser.prepare_cjk()
            return parser

        p = cached_artifact("parser", disk_key, build, check=lambda obj: isinstance(obj, Parser))
        settle()
        owner = weakref.ref(store)  # the parser must not keep its store alive (_PARSERS holds keys weakly)
        p.disk_key, p.index_source = disk_key, (lambda: index_for(owner()))
        _PARSERS[key] = p
    return p


def category_parents(store) -> dict[str, set]:
    """{category id: its parent category ids}, read once through the store's executor."""
    q = StructuredQuery("Category", [Constraint("related", rel="SUBCATEGORY_OF", dir="out", label="Category")])
    out: dict[str, set] = {}
    for cid, ev in store.execute(q).items():
        out[cid] = {nodes[-1] for nodes, _ in ev[0]}
    return out


def _withheld(question, parse: Parse, nodes, backend, reason, query=None) -> Answer:
    """Nothing runs; the query shown is what the placed words alone would have asked."""
    q = query or parse.query
    return Answer(question, explain.interpretation(q, nodes, parse.intent.kind, parse.ignored), q, "", {},
                  backend, status="withheld", kind=parse.intent.kind, unplaced=parse.unplaced,
                  withheld_reason=reason, ignored=parse.ignored, notes=parse.notes,
                  empty_reason=f"not answered: {reason}")


MENTIONS_SHOWN = 5  # "mentioned in the description of" at most this many nodes per phrase


def _mentioned(store, unplaced: list[dict]) -> None:
    """Add ``mentioned_in`` to unplaced words that name no entity but occur in descriptions: the words
    together first ("XLM-R" is 'xlm' and 'r'), else each word of four letters or more on its own."""
    from graph.search.descriptions import in_descriptions

    words = [u["text"] for u in unplaced if not u.get("structural")]
    together = in_descriptions(store, " ".join(words)) if len(words) > 1 else []
    for u in unplaced:
        if u.get("structural"):  # a phrase the grammar read but cannot answer: not a term to look up
            continue
        hits = together or (in_descriptions(store, u["text"]) if len(u["text"]) >= 4 else [])
        if hits:
            u["mentioned_in"] = [{"id": h.id, "name": h.name, "label": h.label} for h in hits[:MENTIONS_SHOWN]]
            u["mentioned_total"] = len(hits)
            u["not_in_atlas"] = False  # not an entity, but the atlas does hold the phrase
            more = len(hits) - MENTIONS_SHOWN
            u["mentioned"] = ("names no entity; mentioned in the description of "
                              + ", ".join(f"{m['name']} ({m['id']})" for m in u["mentioned_in"])
                              + (f" and {more} more" if more > 0 else ""))


def _union_cypher(queries) -> tuple[str, dict]:
    if len(queries) == 1:
        return cy.compile_query(queries[0])
    texts, params = [], {}
    for k, q in enumerate(queries):
        text, ps = cy.compile_query(q)
        texts.append(re.sub(r"\$p(\d+)\b", lambda m: f"$u{k}_p{m.group(1)}", text))
        params.update({f"u{k}_{name}": v for name, v in ps.items()})
    return "\nUNION\n".join(texts), params


def ask(store, question: str, ignore=()) -> Answer:
    """Answer a plain-words question on ``store`` (embedded or Bolt) with evidence and the Cypher, or
    withhold it with the words that could not be placed."""
    parser = parser_for(store)
    reading = values.read(parser, question, ignore)
    if reading is not None:
        return _value(store, question, parser, reading)
    parse = parser.parse(question, ignore=ignore)
    nodes = parser.nodes
    backend = store.backend
    asked = values.asked_word(question)
    if not parse.target_given and asked and parse.intent.kind in ("list", "count") and not parse.unplaced:
        parse.unplaced.append({"text": asked, "reason": "asks for something the atlas cannot tell: no kind of "
                               "thing (papers, models, ...) and no recorded value of one thing", "suggestions": [],
                               "not_in_atlas": True})  # never "the papers that introduce X" for a wh-question
    if not parse.unplaced and parse.intent.kind not in ("comparison", "path", "ranking"):
        parse.unplaced += gaps.lineage_left_out(question, logic.expand(parse.target, parse.groups))
    if parse.unplaced:
        _mentioned(store, parse.unplaced)
        return _withheld(question, parse, nodes, backend, explain.reason(parse.unplaced))
    kind = parse.intent.kind
    if kind == "comparison":
        return _compare(store, question, parse, nodes, backend)
    if kind == "path":
        return _paths(store, question, parse, nodes, backend)
    if parse.order is not None and kind == "count":  # 'how many parameters does the biggest model have'
        parse.unplaced.append({"text": parse.order.text, "reason": "a superlative inside 'how many'",
                               "suggestions": [], "not_in_atlas": False})
        return _withheld(question, parse, nodes, backend, f"'how many' together with '{parse.order.text}' is not "
                         "answered yet: ask for the list, or for the value of one named thing")
    if parse.order is not None and kind not in ("list", "count"):
        return _withheld(question, parse, nodes, backend, f"'{parse.order.text}' together with a ranking by a count "
                         "is not answered yet")
    if kind == "ranking":
        return _ranking(store, question, parse, parser, nodes, backend)
    queries = logic.expand(parse.target, parse.groups)
    if parse.order is not None:
        if len(queries) > 1:
            return _withheld(question, parse, nodes, backend, f"'{parse.order.text}' over alternatives of different "
                             "kinds is not answered yet")
        queries[0].order = parse.order
        kind = "ranking" if kind == "list" else kind
    text, params = _union_cypher(queries)
    merged: dict[str, tuple[StructuredQuery, list]] = {}
    for q in queries:
        for nid, ev in store.execute(q).items():
            merged.setdefault(nid, (q, ev))
    results = []
    for nid, (q, ev) in merged.items():
        evs, value = explain.evidence(q, ev, nodes)
        results.append(Result(nid, parse.target, explain._name(nodes, nid), evs, value))
    if len(queries) > 1:
        results.sort(key=lambda r: r.id)
    extra = [f"any of {len(queries)} alternatives (a union)"] if len(queries) > 1 else []
    answer = Answer(question, explain.interpretation(queries[0], nodes, kind, parse.ignored, extra), queries[0],
                    text, params, backend, kind=kind, results=results, unplaced=[], ignored=parse.ignored,
                    notes=parse.notes)
    if kind == "count":
        answer.count = len(results)
    if not results:
        answer.empty_reason = explain.why_empty(store, queries[0], nodes, parser.label_counts.get(parse.target, 0)) \
            if len(queries) == 1 else "none of the alternatives matched: " + explain.why_empty(
                store, queries[0], nodes, parser.label_counts.get(parse.target, 0))
    return answer


def _value(store, question, parser, reading) -> Answer:
    """A value, yes/no or existence question (graph.ask.values): the list grammar reads the conditions of a
    yes/no question; what it cannot place withholds the answer as everywhere else."""
    if reading.kind == "exists":
        listed = ask(store, reading.rest) if reading.rest else None
        if listed is None or not listed.answered or listed.kind != "list":
            return explain.withheld_reading(question, reading, parser, listed)
        return value_answer.answer_exists(store, question, listed)
    if reading.unplaced and reading.kind in ("label", "compare"):
        return explain.withheld_reading(question, reading, parser)
    if reading.kind == "label":
        return value_answer.answer_label(store, parser, reading, question)
    if reading.kind == "compare" and not reading.unplaced:
        return value_answer.answer_compare(store, parser, reading, question)
    if reading.kind == "yesno" and reading.unplaced:
        return explain.withheld_reading(question, reading, parser)
    if reading.kind == "value":
        if reading.unplaced or reading.subject is None:
            return explain.withheld_reading(question, reading, parser)
        return value_answer.answer_value(store, parser, reading, question)
    parse = parser.parse(reading.rest)
    subject = reading.subject
    if parse.unplaced:
        _mentioned(store, parse.unplaced)
        return _withheld(question, parse, parser.nodes, store.backend, explain.reason(parse.unplaced))
    if parse.intent.kind != "list" or parse.target != subject.label or not parse.groups \
            or getattr(parse, "order", None) is not None:  # "is X the newest ...": not a membership check
        why = (f"nothing to check about {subject.text or subject.id}" if not parse.groups else
               "a yes/no question checks conditions on the thing it names")
        return _withheld(question, parse, parser.nodes, store.backend, why)
    return value_answer.answer_yesno(store, parser, reading, parse, question)


def _ranking(store, question, parse: Parse, parser, nodes, backend) -> Answer:
    """Candidates from the question's constraints, each valued by the list its ranking stands for."""
    it = parse.intent
    if it.counted == "size":
        return _size_ranking(store, question, parse, parser, nodes, backend)
    planned = ranking.plan(parse.target, it.counted, parse.cue)
    if planned is None:
        return _withheld(question, parse, nodes, backend, f"no single relationship links "
                         f"{parse.target.lower()}s and {it.counted.lower()}s to count by")
    count_q, how = planned
    k = it.limit or 1  # "the most" is the top one (ties kept) unless a number is given
    queries = logic.expand(parse.target, parse.groups)
    if how == "direct" and parse.target != "Category" and len(queries) == 1:
        return _aggregate_ranking(store, question, parse, nodes, backend, count_q, k)
    candidates: dict[str, tuple] = {}
    for q in queries:
        for nid, ev in store.execute(q).items():
            candidates.setdefault(nid, (q, ev))
    parents = parser.category_parents if parse.target == "Category" else None
    values = ranking.counts(store, count_q, how, parents)
    results = []
    for nid, value in ranking.rank(values, sorted(candidates), it.order, k):
        q, ev = candidates[nid]
        evs, _ = explain.evidence(q, ev, nodes)
        results.append(Result(nid, parse.target, explain._name(nodes, nid), evs, value))
    counted = "descendants (transitively)" if how == "lineage" else f"{count_q.target}s"
    c = count_q.constraints[0]
    arrow = f"-[:{c.rel}]->" if c.dir == "out" else f"<-[:{c.rel}]-"
    extra = [f"ranked by the number of {counted} ({count_q.target} {arrow} {parse.target}"
             f"{', itself or via its paper' if c.via_partner else ''}), "
             f"{'most' if it.order == 'desc' else 'fewest'} first; top {k} (ties kept)"]
    ranked = compile_ranking(queries[0], how, count_q, it.order, k, parents is not None) if len(queries) == 1 else None
    text, params = ranked or _union_cypher([count_q])
    answer = Answer(question, explain.interpretation(queries[0], nodes, "ranking", parse.ignored, extra), queries[0],
                    text, params, backend, kind="ranking", results=results, ignored=parse.ignored, notes=parse.notes)
    if not results:
        answer.empty_reason = explain.why_empty(store, queries[0], nodes, parser.label_counts.get(parse.target, 0))
    return answer


def _aggregate_ranking(store, question, parse: Parse, nodes, backend, count_q, k) -> Answer:
    """A one-hop ranking run by the store's executor in one query (graph.query.Aggregate, counting
    through the INTRODUCES partner as the list question does)."""
    c = count_q.constraints[0]
    agg = Aggregate(c.rel, "in" if c.dir == "out" else "out", count_q.target, parse.intent.order, k,
                    via_partner=c.via_partner)
    query = logic.expand(parse.target, parse.groups, agg)[0]
    results = []
    for nid, ev in store.execute(query).items():
        evs, value = explain.evidence(query, ev, nodes)
        results.append(Result(nid, parse.target, explain._name(nodes, nid), evs, value))
    text, params = cy.compile_query(query)
    answer = Answer(question, explain.interpretation(query, nodes, "ranking", parse.ignored), query, text, params,
                    backend, kind="ranking", results=results, ignored=parse.ignored, notes=parse.notes)
    if not results:
        answer.empty_reason = explain.why_empty(store, StructuredQuery(query.target, query.constraints), nodes)
    return answer


def _size_ranking(store, question, parse: Parse, parser, nodes, backend) -> Answer:
    """'the largest model': models ranked by their largest stated size (the smallest: by their smallest)."""
    it = parse.intent
    field = "parameters_max" if it.order == "desc" else "parameters_min"
    groups = parse.groups + [logic.Group([Constraint("prop", field=field, op=">", value=0, text=it.counted_word)])]
    queries = logic.expand(parse.target, groups)
    found: dict[str, tuple] = {}
    for q in queries:
        for nid, ev in store.execute(q).items():
            found.setdefault(nid, (q, ev))
    values = {nid: nodes[nid].get(field) for nid in found}
    results = []
    for nid, value in ranking.rank(values, sorted(found), it.order, it.limit or 1):
        q, ev = found[nid]
        evs, _ = explain.evidence(q, ev, nodes)
        results.append(Result(nid, parse.target, explain._name(nodes, nid), evs, value))
    text, params = _union_cypher(queries)
    extra = [f"ranked by {field}, {'largest' if it.order == 'desc' else 'smallest'} first; top {it.limit or 1} (ties kept)"]
    return Answer(question, explain.interpretation(queries[0], nodes, "ranking", parse.ignored, extra), queries[0],
                  text, params, backend, kind="ranking", results=results, ignored=parse.ignored, notes=parse.notes,
                  empty_reason=None if results else explain.why_empty(store, queries[0], nodes))


def _two(parse: Parse, nodes: dict | None = None) -> list[str] | None:
    """The two things compared (or joined by a path); where a name is ambiguous ('Chain-of-Dictionary' is a
    method and a technique's alias) the reading with the other's label wins."""
    ms = list({m.id: m for m in parse.mentions}.values())
    if len(ms) < 2:
        return None
    a, b = ms[0], ms[1]
    if nodes is not None and a.label != b.label:
        for x, y in ((b, a), (a, b)):
            alt = next((i for i in x.alternatives if nodes.get(i, {}).get("label") == y.label), None)
            if alt:
                return [alt, b.id] if x is a else [a.id, alt]
    return [a.id, b.id]


def _compare(store, question, parse: Parse, nodes, backend) -> Answer:
    ids = _two(parse, nodes)
    if ids is None or parse.groups:
        return _withheld(question, parse, nodes, backend, "a comparison needs exactly two things the atlas holds "
                         f"(found {len(set(m.id for m in parse.mentions))}" + (
                             " and other conditions)" if parse.groups else ")"))
    a, b = ids
    names = {i: nodes[i].get("name", i) for i in ids}
    c = compare(store, a, b)
    props, rels = c["properties"], c["relationships"]
    differing = {k: {a: va, b: vb} for k, (va, vb) in props["different"].items()}
    differing.update({k: {a: v, b: None} for k, v in props["only_a"].items()})
    differing.update({k: {a: None, b: v} for k, v in props["only_b"].items()})
    comp = {"items": [a, b], "shared": {"properties": props["shared"], "relationships": rels["shared"]},
            "differing": {"properties": dict(sorted(differing.items())),
                          "relationships": {a: rels["only_a"], b: rels["only_b"]}},
            "between": c["between"]}
    results = [Result(i, nodes[i]["label"], names[i]) for i in ids]
    interp = (f"Compare {names[a]} ({a}) with {names[b]} ({b}): shared and differing properties and "
              f"relationships")
    q = StructuredQuery(nodes[a]["label"], [])
    return Answer(question, interp, q, COMPARE_CYPHER, {"a": a, "b": b}, backend, kind="comparison",
                  results=results, comparison=comp, ignored=parse.ignored, notes=parse.notes)


COMPARE_CYPHER = ("MATCH (x) WHERE x.id IN [$a, $b]\n"
                  "OPTIONAL MATCH (x)-[r]-(o)\n"
                  "RETURN x.id AS id, type(r) AS type, startNode(r) = x AS out, o.id AS other\nORDER BY id, type, other")


def _paths(store, question, parse: Parse, nodes, backend) -> Answer:
    """'how is X connected to Y', 'what links X and Y': the shortest paths between two nodes, from
    ``Store.paths`` (a ``graph.paths.PathResult``), on either store."""
    ids = _two(parse, None)
    if ids is None:
        return _withheld(question, parse, nodes, backend, "a path question needs two things the atlas holds")
    a, b = ids
    found = store.paths(a, b)
    names = {i: nodes[i].get("name", i) for p in found.paths for i in p.nodes if i in nodes}
    rendered = [{"nodes": list(p.nodes), "rels": p.relationships(), "text": p.text(names)} for p in found.paths]
    ev = Evidence(f"paths from {a} to {b}", paths=rendered[:explain.MAX_PATHS], total_paths=len(rendered))
    results = [Result(i, nodes[i]["label"], nodes[i].get("name", i), [ev] if i == a else []) for i in ids]
    return Answer(question, f"Paths between {nodes[a].get('name')} ({a}) and {nodes[b].get('name')} ({b})",
                  StructuredQuery(nodes[a]["label"], []), *compile_paths(a, b, found.max_hops, found.k), backend,
                  kind="path",
                  results=results, ignored=parse.ignored, notes=parse.notes + ([found.note] if found.note else []),
                  empty_reason=None if rendered else f"no path of at most {found.max_hops} hops links {a} and {b}")


__all__ = ["Constraint", "ask", "parser_for"]
