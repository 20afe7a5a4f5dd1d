"""Each FalkorDB/Neo4j difference of docs/cypher.md, tested: the server still behaves as the table says
(so a rewrite or a refusal that became unneeded shows up), each rewrite gives the rows of the Neo4j form's
meaning, each refusal says what to write; plus the console's errors: the schema check with did-you-mean
and FalkorDB's own message with line and column."""
from __future__ import annotations

import pytest

from graph.cypher.console import CypherError, UnknownName, UnsupportedCypher, run_cypher
from graph.store.dialect import FALKORDB_DIALECT
from graph.store.falkordb_local import for_data


@pytest.fixture(scope="module")
def raw(embedded_store):
    """The private FalkorDB itself, without the console's rewriting (what the server does on its own)."""
    return for_data(embedded_store._source, embedded_store.content_key())


def _raw(raw, q):
    return raw.query(q, {}, 10, 1000)[1]


@pytest.mark.parametrize("query, message", [
    ("MATCH (m:Model) WHERE m.name =~ 'BLOOM.*' RETURN m.id", "=~"),
    ("MATCH (m:Model) WHERE EXISTS { MATCH (m)-[:DERIVED_FROM]->() } RETURN m.id", "Invalid input"),
    ("MATCH (m:Model) RETURN COUNT { (m)-->() } AS n", "Invalid input"),
    ("MATCH p = shortestPath((a:Model {id: 'model:bloomz'})-[*..4]->(b:Model {id: 'model:bloom'})) RETURN p",
     "shortestPath"),
    ("MATCH (a:Model {id: 'model:bloomz'}), (b:Model {id: 'model:bloom'}) RETURN shortestPath((a)-[*..4]-(b))",
     "undirected"),
    ("MATCH (m:Model) RETURN elementId(m)", "elementId"),
    ("MATCH (m:Model) WHERE size([(m)-->() | 1]) > 0 RETURN m.id", "filtered alias"),
])
def test_falkordb_still_lacks(raw, query, message):
    with pytest.raises(CypherError, match=message):
        _raw(raw, query)


def test_falkordb_still_reverses_start_node_after_a_zero_length_segment(raw):
    rows = _raw(raw, "MATCH p = (x:Method {id: 'method:code-switching-task-prompting'})<-[:INTRODUCES*0..1]-()"
                     "-[:USES_TECHNIQUE]->(t) WHERE length(p) = 1 RETURN startNode(relationships(p)[0]).id LIMIT 1")
    assert rows == [["tech:code-switching"]] or rows == [["tech:in-context-learning"]]  # the end, not the method


def test_falkordb_value_differences_still_hold(raw):
    assert _raw(raw, "RETURN toString(1.5), toInteger(-3.7), round(-2.5)") == [["1.500000", -4, -3.0]]


@pytest.mark.parametrize("query, same_as", [
    ("MATCH (m:Model) WHERE m.name =~ 'BLOOM.*' RETURN m.id", "MATCH (m:Model) WHERE m.name STARTS WITH 'BLOOM' RETURN m.id"),
    ("MATCH (m:Model) WHERE m.name =~ '.*Z' RETURN m.id", "MATCH (m:Model) WHERE m.name ENDS WITH 'Z' RETURN m.id"),
    ("MATCH (m:Model) WHERE m.name =~ 'BLOOM' RETURN m.id", "MATCH (m:Model) WHERE m.name = 'BLOOM' RETURN m.id"),
    ("MATCH (m:Model) WHERE m.name =~ '(?i).*llama.*' RETURN m.id",
     "MATCH (m:Model) WHERE toLower(m.name) CONTAINS 'llama' RETURN m.id"),
    ("MATCH (m:Model) WHERE m.name =~ $r RETURN m.id", "MATCH (m:Model) WHERE m.name CONTAINS 'mT' RETURN m.id"),
    ("MATCH (m:Model) WHERE NOT EXISTS { (m)-[:DERIVED_FROM]->() } RETURN m.id",
     "MATCH (m:Model) WHERE NOT (m)-[:DERIVED_FROM]->() RETURN m.id"),
    ("MATCH (m:Model) WHERE m.open AND EXISTS { MATCH (m)-[:TRAINED_ON]->(d) WHERE d.stage = 'sft' } RETURN m.id",
     "MATCH (m:Model)-[:TRAINED_ON]->(d) WHERE m.open AND d.stage = 'sft' RETURN DISTINCT m.id"),
    ("MATCH (m:Model) RETURN m.id, EXISTS { (m)-[:DERIVED_FROM]->() } AS derived",
     "MATCH (m:Model) OPTIONAL MATCH (m)-[r:DERIVED_FROM]->() RETURN m.id, count(r) > 0 AS derived"),
    ("MATCH (m:Model) RETURN m.id, COUNT { (m)-[:COVERS_LANGUAGE]->() } AS n",
     "MATCH (m:Model) OPTIONAL MATCH (m)-[r:COVERS_LANGUAGE]->() RETURN m.id, count(r) AS n"),
    ("MATCH p = shortestPath((a:Model {id: 'model:bloomz'})-[*..6]->(b:Category {id: 'cat:mllm-alignment'})) "
     "RETURN length(p)", "RETURN 3"),
    ("MATCH (a:Model {id: 'model:bloomz'}), (b:Language {id: 'lang:swh'}) MATCH p = allShortestPaths((a)-[*..6]-(b)) "
     "RETURN DISTINCT length(p)", "RETURN 2"),
    ("MATCH (m:Model {id: 'model:bloomz'}) CALL (m) { MATCH (m)-[:DERIVED_FROM]->(b) RETURN b } RETURN b.id",
     "MATCH (:Model {id: 'model:bloomz'})-[:DERIVED_FROM]->(b) RETURN b.id"),
])
def test_rewrites_give_the_rows_of_the_neo4j_form(embedded_store, query, same_as):
    got = run_cypher(embedded_store, query, {"r": ".*mT.*"}).rows
    want = run_cypher(embedded_store, same_as).rows
    assert sorted(map(repr, got)) == sorted(map(repr, want)) and want, (FALKORDB_DIALECT.prepare(query, {"r": ".*mT.*"}))


@pytest.mark.parametrize("query, hint", [
    ("MATCH (m:Model) WHERE m.name =~ 'BL[O]+M' RETURN m", "STARTS WITH"),
    ("MATCH (a:Model), (b:Language) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN p", "allShortestPaths"),
    ("MATCH (m:Model) RETURN elementId(m)", "id(n)"),
    ("MATCH p = (x)<-[:INTRODUCES*0..1]-()-[:USES_TECHNIQUE]->(t) RETURN startNode(relationships(p)[0])", "nodes(p)"),
    ("MATCH (m:Model) WHERE EXISTS { MATCH (m)-->(a) MATCH (a)-->(b) } RETURN m", "size("),
    ("MATCH (m) OPTIONAL MATCH (m)-->(x) WHERE EXISTS { (x)-->() } RETURN m", "WITH *"),
    ("MATCH (m) RETURN COLLECT { MATCH (m)-->(x) RETURN x.id }", "comprehension"),
    ("MATCH (n:Model|Method) RETURN count(n)", "n:A OR n:B"),
])
def test_refusals_say_what_to_write(embedded_store, query, hint):
    with pytest.raises(UnsupportedCypher, match="instead|write") as info:
        run_cypher(embedded_store, query)
    assert hint in str(info.value)


def test_neo4j_dialect_leaves_the_query_alone():
    from graph.store.dialect import NEO4J_DIALECT

    q = "MATCH (m) WHERE m.name =~ 'a.*' AND EXISTS { (m)-->() } RETURN elementId(m)"
    assert NEO4J_DIALECT.prepare(q, {}) == q


@pytest.mark.parametrize("query, message", [
    ("MATCH (m:Modle) RETURN m", "unknown label :Modle; did you mean :Model?"),
    ("MATCH (m:Model)-[:DERIVE_FROM]->(b) RETURN b", "did you mean :DERIVED_FROM?"),
    ("MATCH (m:Model) RETURN m.nmae", "unknown property m.nmae; did you mean name?"),
    ("MATCH (m:Model {yaer: 2022}) RETURN m", "did you mean year?"),
    ("MATCH (a)-[r:COVERS_LANGUAGE]->(l) WHERE l:language RETURN r.role", "did you mean :Language?"),
])
def test_unknown_names_are_named_with_did_you_mean(store, query, message):
    with pytest.raises(UnknownName, match=message.replace("?", r"\?").replace("(", r"\(")):
        run_cypher(store, query)


@pytest.mark.parametrize("query", ["WITH {k: 1} AS m RETURN m.k", "MATCH (n:Model) RETURN n {.name, kind: labels(n)[0]} LIMIT 1",
                                   "UNWIND [{a: 1}] AS row RETURN row.a", "MATCH (n) WHERE n:Model OR n:Method RETURN count(n)"])
def test_names_the_schema_cannot_judge_pass(embedded_store, query):
    assert run_cypher(embedded_store, query).rows


def test_syntax_errors_carry_falkordbs_message_with_line_and_column(embedded_store):
    with pytest.raises(CypherError) as info:
        run_cypher(embedded_store, "MATCH (m:Model)\nRETRN m.id", {"x": 1})
    msg = str(info.value)
    assert "expected RETURN" in msg and "(line 2, column 4)" in msg and msg.splitlines()[-1].strip() == "^"


def test_bolt_errors_carry_the_servers_own_message(bolt_store):
    """Over Bolt, FalkorDB says only "An unknown error occurred": the console asks the same server over its
    redis protocol for the message (Neo4j gives its own)."""
    from graph.store.base import StoreError

    with pytest.raises((CypherError, StoreError)) as info:
        run_cypher(bolt_store, "MATCH (m:Model)\nRETRN m.id")
    if bolt_store.dialect.name == "falkordb":
        assert isinstance(info.value, CypherError) and "(line 2, column 4)" in str(info.value)
    assert "RETURN" in str(info.value) or "RETRN" in str(info.value)
