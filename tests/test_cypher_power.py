"""Thirty queries written the way people write them for Neo4j Browser, on the default install's console
(the private FalkorDB) and on the Bolt store: each gives the rows an independent reference computes in
plain Python over the networkx graph of graph.seed, or is refused with a message saying what to write
instead (FalkorDB lacks it). Never wrong rows."""
from __future__ import annotations

from collections import Counter

import pytest

from graph.cypher.console import UnsupportedCypher, run_cypher

STORES = ["embedded_store", pytest.param("bolt_store", marks=pytest.mark.bolt)]


def _nodes(g, label):
    return [(n, a) for n, a in g.nodes(data=True) if a.get("label") == label]


def _out(g, n, t, label=None):
    return [v for _, v, a in g.out_edges(n, data=True) if a["type"] == t and (label is None or g.nodes[v]["label"] == label)]


def _in(g, n, t, label=None):
    return [u for u, _, a in g.in_edges(n, data=True) if a["type"] == t and (label is None or g.nodes[u]["label"] == label)]


def _reach(g, n, t, forward=True, lo=1):
    """Nodes reachable over t-edges (direction ``forward``) with at least ``lo`` hops (lo 0: n included)."""
    seen, stack = set(), [n]
    while stack:
        x = stack.pop()
        for y in (_out(g, x, t) if forward else _in(g, x, t)):
            if y not in seen:
                seen.add(y)
                stack.append(y)
    return seen | ({n} if lo == 0 else set())


def _top(rows, key, k):
    return sorted(rows, key=key)[:k]


def q_optional(g):
    return [[m, len(set(_out(g, m, "DERIVED_FROM", "Model")))] for m, _ in _nodes(g, "Model")]


def q_with_agg(g):
    c = Counter(o for m, _ in _nodes(g, "Model") for o in set(_out(g, m, "DEVELOPED_BY", "Organization")))
    return [[g.nodes[o]["name"], n] for o, n in c.items() if n >= 3]


def q_unwind(g):
    return [[i, len(set(_out(g, i, "COVERS_LANGUAGE", "Language")))] for i in ("model:bloom", "model:mt5", "model:xglm")]


def q_union(g):
    return [[m] for m in {m for b in ("model:bloom", "model:mt5") for m in _in(g, b, "DERIVED_FROM", "Model")}]


def q_case(g):
    def tier(rc):
        return "low" if rc is not None and rc <= 2 else "high" if rc is not None and rc >= 4 else "mid"
    return [[t, n] for t, n in Counter(tier(a.get("resource_class")) for _, a in _nodes(g, "Language")).items()]


def q_count_distinct(g):
    pairs = [(p, lang) for p, _ in _nodes(g, "Paper") for lang in _out(g, p, "COVERS_LANGUAGE", "Language")]
    return [[len({p for p, _ in pairs}), len({lang for _, lang in pairs})]]


def q_labels(g):
    return [[lab, n] for lab, n in Counter(a["label"] for _, a in g.nodes(data=True)).items()]


def q_path_var(g):
    out = []

    def walk(chain):
        for b in _out(g, chain[-1], "DERIVED_FROM"):
            if b not in chain:
                out.append([chain + [b], len(chain)])
                walk(chain + [b])
    walk(["model:bloomz"])
    return out


def q_undirected(g):
    c: dict = {}
    for _, v, a in g.out_edges("model:bloom", data=True):
        c.setdefault(a["type"], set()).add(v)
    for u, _, a in g.in_edges("model:bloom", data=True):
        c.setdefault(a["type"], set()).add(u)
    return [[t, len(s)] for t, s in c.items()]


def _bfs(g, a, b, limit, undirected):
    dist, frontier = {a: 0}, [a]
    for d in range(1, limit + 1):
        nxt = []
        for x in frontier:
            for y in set(g.successors(x)) | (set(g.predecessors(x)) if undirected else set()):
                if y not in dist:
                    dist[y] = d
                    nxt.append(y)
        frontier = nxt
    return dist.get(b)


def q_shortest(g):
    d = _bfs(g, "model:bloomz", "cat:mllm-alignment", 6, False)
    return [[d]] if d is not None else []


def q_shortest_undirected(g):
    return [[_bfs(g, "model:bloomz", "lang:swh", 6, True)]]


def q_list_comp(g):
    return [[[a.lower() for a in g.nodes["model:bloom"].get("aliases", []) if "BLOOM" in a]]]


def q_pattern_comp(g):
    return [[[g.nodes[d]["name"] for d in _out(g, "model:bloomz", "TRAINED_ON", "Dataset")]]]


def q_exists(g):
    return [[m] for m, _ in _nodes(g, "Model") if "model:llama" in _out(g, m, "DERIVED_FROM", "Model")]


def q_exists_where(g):
    return [[sum(1 for m, _ in _nodes(g, "Model")
                 if any(g.nodes[d].get("stage") == "sft" for d in _out(g, m, "TRAINED_ON", "Dataset")))]]


def q_count_subquery(g):
    rows = [[m, len(_out(g, m, "COVERS_LANGUAGE"))] for m, _ in _nodes(g, "Model")]
    return _top(rows, lambda r: (-r[1], r[0]), 5)


def q_regex(g):
    return [[m] for m, a in _nodes(g, "Model") if a["name"].startswith("BLOOM")]


def q_regex_ci(g):
    return [[sum(1 for _, a in _nodes(g, "Model") if "llama" in a["name"].lower())]]


def q_not_pattern(g):
    return [[sum(1 for lang, _ in _nodes(g, "Language") if not _in(g, lang, "COVERS_LANGUAGE", "Dataset"))]]


def q_taxonomy(g):
    cats = _reach(g, "cat:pfa", "SUBCATEGORY_OF", forward=False, lo=0)
    works = {w for c in cats for w in _in(g, c, "CLASSIFIED_AS")}
    return [[lab, n] for lab, n in Counter(g.nodes[w]["label"] for w in works).items()]


def q_rel_prop(g):
    return [[u] for u, v, a in g.edges(data=True) if a["type"] == "COVERS_LANGUAGE" and a.get("role") == "targeted"
            and g.nodes[u]["label"] == "Model" and g.nodes[v].get("iso639_3") == "swh"]


def q_collect_size(g):
    rows = [[o, len(_in(g, o, "DEVELOPED_BY", "Model"))] for o, _ in _nodes(g, "Organization")]
    return _top([r for r in rows if r[1]], lambda r: (-r[1], r[0]), 5)


def q_min_max(g):
    years = [a["year"] for _, a in _nodes(g, "Paper") if a.get("year") is not None]
    return [[min(years), max(years), len(years)]]


def q_param_in(g):
    return [[m] for m, a in _nodes(g, "Model") if a.get("year") in (2022, 2023) and a.get("open") is True]


def q_starts_with(g):
    return [[n, a["label"]] for n, a in g.nodes(data=True) if a["name"].lower().startswith("xl")]


def q_siblings(g):
    c = Counter()
    for a, _ in _nodes(g, "Model"):
        for b in _out(g, a, "DERIVED_FROM", "Model"):
            for x in _in(g, b, "DERIVED_FROM", "Model"):
                if a < x:
                    c[b] += 1
    return _top([[b, n] for b, n in c.items()], lambda r: (-r[1], r[0]), 5)


def q_anti_join(g):
    return [[sum(1 for d, _ in _nodes(g, "Dataset") if not _out(g, d, "COVERS_LANGUAGE", "Language"))]]


def q_unwind_prop(g):
    models = [a for _, a in _nodes(g, "Model")]
    return [[sum(len(a.get("aliases") or []) for a in models), sum(1 for a in models if a.get("aliases"))]]


def q_degree(g):
    rows = [[lang, len(_in(g, lang, "COVERS_LANGUAGE"))] for lang, _ in _nodes(g, "Language")]
    return _top(rows, lambda r: (-r[1], r[0]), 5)


def q_start_node(g):
    return [[a["type"], "model:bloomz", v] for _, v, a in g.out_edges("model:bloomz", data=True)]


def q_avg(g):
    langs = [len(set(_out(g, d, "COVERS_LANGUAGE", "Language"))) for d, _ in _nodes(g, "Dataset")]
    return [[sum(langs) / len(langs)]]


def q_call(g):
    return [[len(_nodes(g, "Model")) + len(_nodes(g, "Dataset"))]]


# (name, query, params, reference(g) -> rows, ordered)
POWER = [
    ("optional match", "MATCH (m:Model) OPTIONAL MATCH (m)-[:DERIVED_FROM]->(b:Model) RETURN m.id AS id, count(DISTINCT b) AS bases",
     None, q_optional, False),
    ("with + aggregation", "MATCH (m:Model)-[:DEVELOPED_BY]->(o:Organization) WITH o, count(DISTINCT m) AS n WHERE n >= 3 "
     "RETURN o.name AS org, n ORDER BY n DESC, org", None, q_with_agg, False),
    ("unwind", "UNWIND ['model:bloom', 'model:mt5', 'model:xglm'] AS id MATCH (m:Model {id: id}) "
     "OPTIONAL MATCH (m)-[:COVERS_LANGUAGE]->(l:Language) RETURN id, count(DISTINCT l) AS languages", None, q_unwind, False),
    ("union", "MATCH (m:Model)-[:DERIVED_FROM]->(:Model {id: 'model:bloom'}) RETURN m.id AS id "
     "UNION MATCH (m:Model)-[:DERIVED_FROM]->(:Model {id: 'model:mt5'}) RETURN m.id AS id", None, q_union, False),
    ("case", "MATCH (l:Language) RETURN CASE WHEN l.resource_class <= 2 THEN 'low' WHEN l.resource_class >= 4 THEN 'high' "
     "ELSE 'mid' END AS tier, count(*) AS n", None, q_case, False),
    ("count distinct", "MATCH (p:Paper)-[:COVERS_LANGUAGE]->(l:Language) RETURN count(DISTINCT p) AS papers, "
     "count(DISTINCT l) AS languages", None, q_count_distinct, False),
    ("labels()", "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY n DESC, label", None, q_labels, False),
    ("path variable", "MATCH p = (m:Model {id: 'model:bloomz'})-[:DERIVED_FROM*1..]->(root) "
     "RETURN [n IN nodes(p) | n.id] AS chain, length(p) AS hops", None, q_path_var, False),
    ("undirected", "MATCH (a:Model {id: 'model:bloom'})-[r]-(b) RETURN type(r) AS type, count(DISTINCT b) AS n ORDER BY type",
     None, q_undirected, False),
    ("shortestPath in MATCH", "MATCH p = shortestPath((a:Model {id: 'model:bloomz'})-[*..6]->(b:Category {id: 'cat:mllm-alignment'})) "
     "RETURN length(p) AS hops", None, q_shortest, False),
    ("undirected shortestPath", "MATCH (a:Model {id: 'model:bloomz'}), (b:Language {id: 'lang:swh'}) "
     "MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p) AS hops", None, q_shortest_undirected, False),
    ("list comprehension", "MATCH (m:Model {id: 'model:bloom'}) RETURN [a IN m.aliases WHERE a CONTAINS 'BLOOM' | toLower(a)] AS aliases",
     None, q_list_comp, False),
    ("pattern comprehension", "MATCH (m:Model {id: 'model:bloomz'}) RETURN [(m)-[:TRAINED_ON]->(d:Dataset) | d.name] AS data",
     None, q_pattern_comp, False),
    ("EXISTS subquery", "MATCH (m:Model) WHERE EXISTS { MATCH (m)-[:DERIVED_FROM]->(:Model {id: 'model:llama'}) } "
     "RETURN m.id ORDER BY m.id", None, q_exists, True),
    ("EXISTS with WHERE", "MATCH (m:Model) WHERE EXISTS { MATCH (m)-[:TRAINED_ON]->(d:Dataset) WHERE d.stage = 'sft' } "
     "RETURN count(m) AS n", None, q_exists_where, False),
    ("COUNT subquery", "MATCH (m:Model) RETURN m.id AS id, COUNT { (m)-[:COVERS_LANGUAGE]->() } AS languages "
     "ORDER BY languages DESC, id LIMIT 5", None, q_count_subquery, True),
    ("regex", "MATCH (m:Model) WHERE m.name =~ 'BLOOM.*' RETURN m.id", None, q_regex, False),
    ("case-insensitive regex", "MATCH (m:Model) WHERE m.name =~ '(?i).*llama.*' RETURN count(m) AS n", None, q_regex_ci, False),
    ("NOT pattern", "MATCH (l:Language) WHERE NOT (l)<-[:COVERS_LANGUAGE]-(:Dataset) RETURN count(l) AS n", None, q_not_pattern, False),
    ("taxonomy *0..", "MATCH (:Category {id: 'cat:pfa'})<-[:SUBCATEGORY_OF*0..]-(s)<-[:CLASSIFIED_AS]-(w) "
     "RETURN labels(w)[0] AS kind, count(DISTINCT w) AS n ORDER BY kind", None, q_taxonomy, False),
    ("relationship property", "MATCH (m:Model)-[r:COVERS_LANGUAGE {role: 'targeted'}]->(l:Language {iso639_3: 'swh'}) "
     "RETURN m.id", None, q_rel_prop, False),
    ("collect + size", "MATCH (o:Organization)<-[:DEVELOPED_BY]-(m:Model) WITH o, collect(m.id) AS models "
     "RETURN o.id AS org, size(models) AS n ORDER BY n DESC, org LIMIT 5", None, q_collect_size, True),
    ("min / max", "MATCH (p:Paper) RETURN min(p.year) AS first, max(p.year) AS last, count(p.year) AS dated", None, q_min_max, False),
    ("parameter list", "MATCH (m:Model) WHERE m.year IN $years AND m.open = true RETURN m.id ORDER BY m.id",
     {"years": [2022, 2023]}, q_param_in, True),
    ("toLower STARTS WITH", "MATCH (n) WHERE toLower(n.name) STARTS WITH 'xl' RETURN n.id, labels(n)[0]", None, q_starts_with, False),
    ("siblings", "MATCH (a:Model)-[:DERIVED_FROM]->(b:Model)<-[:DERIVED_FROM]-(c:Model) WHERE a.id < c.id "
     "RETURN b.id AS base, count(*) AS pairs ORDER BY pairs DESC, base LIMIT 5", None, q_siblings, True),
    ("anti-join", "MATCH (d:Dataset) OPTIONAL MATCH (d)-[:COVERS_LANGUAGE]->(l:Language) WITH d, count(l) AS n "
     "WHERE n = 0 RETURN count(d) AS n", None, q_anti_join, False),
    ("unwind property", "MATCH (m:Model) UNWIND m.aliases AS alias RETURN count(alias) AS aliases, count(DISTINCT m) AS models",
     None, q_unwind_prop, False),
    ("degree", "MATCH (l:Language) RETURN l.id AS id, size([(l)<-[:COVERS_LANGUAGE]-() | 1]) AS degree "
     "ORDER BY degree DESC, id LIMIT 5", None, q_degree, True),
    ("startNode", "MATCH (m:Model {id: 'model:bloomz'})-[r]->(x) RETURN type(r) AS type, startNode(r).id AS from, x.id AS to",
     None, q_start_node, False),
    ("average (a float)", "MATCH (d:Dataset) OPTIONAL MATCH (d)-[:COVERS_LANGUAGE]->(l:Language) WITH d, count(DISTINCT l) AS n "
     "RETURN avg(n) AS mean", None, q_avg, False),
    ("CALL subquery", "CALL { MATCH (m:Model) RETURN m.id AS id UNION MATCH (d:Dataset) RETURN d.id AS id } "
     "RETURN count(id) AS n", None, q_call, False),
]


# What FalkorDB cannot run with the same rows: refused with the form to write instead (docs/cypher.md).
REFUSED_ON_FALKORDB = {"undirected shortestPath"}


def _norm(value):
    if isinstance(value, list):
        return tuple(sorted((_norm(v) for v in value), key=repr))
    return value


def _rows(rows, ordered):
    out = [tuple(_norm(v) for v in r) for r in rows]
    return out if ordered else sorted(out, key=repr)


@pytest.mark.parametrize("store_name", STORES)
@pytest.mark.parametrize("name, query, params, reference, ordered", POWER, ids=[p[0] for p in POWER])
def test_power_query(request, embedded_store, store_name, name, query, params, reference, ordered):
    store = request.getfixturevalue(store_name)
    want = reference(embedded_store.g)
    falkordb = store.backend == "embedded" or store.dialect.name == "falkordb"
    if falkordb and name in REFUSED_ON_FALKORDB:
        with pytest.raises(UnsupportedCypher, match=r"write .* instead"):
            run_cypher(store, query, params or {}, timeout_s=20, row_cap=100_000)
        return
    r = run_cypher(store, query, params or {}, timeout_s=20, row_cap=100_000)
    assert not r.stopped and not r.truncated, name
    if name == "path variable":  # nodes lists keep their order
        assert sorted(map(repr, r.rows)) == sorted(map(repr, want))
        return
    assert _rows(r.rows, ordered) == _rows(want, ordered), f"{name}: {r.rows[:6]} != {want[:6]}"


def test_power_set_shape():
    assert len(POWER) == 32 and len({p[0] for p in POWER}) == len(POWER)
    assert len(REFUSED_ON_FALKORDB) <= 3 and REFUSED_ON_FALKORDB <= {p[0] for p in POWER}
