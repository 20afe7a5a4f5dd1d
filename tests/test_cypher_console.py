"""The read-only Cypher console on both stores: writes refused (the clause guard, not words in strings),
runaway queries stopped at the time limit, row cap, canned queries giving the same rows on both stores."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cypher.console import run_cypher
from graph.cypher.guard import WriteRefused, check_read_only

QUERIES = Path(__file__).resolve().parent.parent / "queries"


WRITES = [
    "CREATE (n:Model {id: 'x'})", "MATCH (n) SET n.name = 'x'", "MATCH (n) DELETE n", "MATCH (n) DETACH DELETE n",
    "MERGE (n:Model {id: 'x'})", "MATCH (n) REMOVE n.name", "DROP INDEX foo", "LOAD CSV FROM 'file:///x' AS row RETURN row",
    "MATCH (n) FOREACH (x IN [1] | SET n.a = x)", "CALL apoc.create.node(['A'], {})", "CALL db.createLabel('X')",
    "MATCH (n) CALL { WITH n SET n.x = 1 } IN TRANSACTIONS RETURN n", "USING PERIODIC COMMIT LOAD CSV FROM 'x' AS r RETURN r",
    "MATCH (n) RETURN n; MATCH (m) DELETE m", "match (n) create (m)", "MATCH (n) /* c */ CrEaTe (m)",
]
READS = [
    "MATCH (n {name: 'CREATE'}) RETURN n.id", "MATCH (n) WHERE n.note = \"DELETE me; SET x\" RETURN n.id",
    "MATCH (n) RETURN n.id // CREATE (x)", "MATCH (n) RETURN n.`set` AS `delete`", "CALL db.labels()",
    "MATCH (n) /* MERGE */ RETURN n.id;",
]


@pytest.mark.parametrize("q", WRITES)
def test_guard_refuses_writes(q):
    with pytest.raises(WriteRefused):
        check_read_only(q)


@pytest.mark.parametrize("q", READS)
def test_guard_lets_reads_through(q):
    check_read_only(q)


def _count(store):
    return run_cypher(store, "MATCH (n:Model) RETURN n.id", row_cap=100000).rows


@pytest.mark.parametrize("q", ["CREATE (n:Model {id: 'model:zzz', name: 'z'})", "MATCH (n:Model) SET n.name = 'x'",
                               "MATCH (n:Model {id: 'model:bloom'}) DETACH DELETE n", "MERGE (n:Model {id: 'model:zz'})",
                               "MATCH (n:Model) REMOVE n.name", "CALL db.createLabel('X')"])
def test_writes_refused_on_store(store, q):
    before = _count(store)
    with pytest.raises(WriteRefused):
        run_cypher(store, q)
    assert _count(store) == before


def test_explosive_query_is_stopped(store):
    r = run_cypher(store, "MATCH (a), (b), (c), (d) RETURN count(*)", timeout_s=2)
    assert r.stopped and "stopped after 2 s" in r.note and r.rows == []


def test_cartesian_product_stopped_embedded(embedded_store):
    r = run_cypher(embedded_store, "MATCH (a) MATCH (b) MATCH (c) MATCH (d) RETURN COUNT(a)", timeout_s=1)
    assert r.stopped


def test_row_cap(store):
    r = run_cypher(store, "MATCH (n:Language) RETURN n.id ORDER BY n.id", row_cap=7)
    assert len(r.rows) == 7 and r.truncated and "row cap" in r.note
    full = run_cypher(store, "MATCH (n:Language) RETURN n.id ORDER BY n.id", row_cap=100000)
    assert not full.truncated and [row[0] for row in full.rows[:7]] == [row[0] for row in r.rows]


def test_params_are_values(store):
    r = run_cypher(store, "MATCH (m:Model {id: $id}) RETURN m.name", {"id": "model:bloom"})
    assert r.rows == [["BLOOM"]]
    r = run_cypher(store, "MATCH (m:Model) WHERE m.name = $n RETURN m.id", {"n": "x\" RETURN 1 //"})
    assert r.rows == []


def _canned():
    return sorted(QUERIES.glob("*.cypher"))


PARAMS = {"id": None, "category": "cat:pfa", "max_class": 2}
IDS = {"lineage.cypher": "model:bloom", "built_on.cypher": "model:bloomz", "taxonomy_subtree.cypher": "cat:pfa"}


@pytest.mark.parametrize("path", _canned(), ids=lambda p: p.name)
def test_canned_query_same_on_both_stores(embedded_store, bolt_store, path):
    text = path.read_text(encoding="utf-8")
    header = [ln for ln in text.splitlines() if ln.startswith("//")]
    assert header and any("Parameters" in ln for ln in header)
    names = set(re.findall(r"\$([A-Za-z_]\w*)", text))
    params = {k: (IDS.get(path.name) if k == "id" else PARAMS[k]) for k in names}
    a = run_cypher(embedded_store, text, params, row_cap=100000)
    b = run_cypher(bolt_store, text, params, row_cap=100000)
    assert a.rows, path.name
    assert sorted(map(repr, a.rows)) == sorted(map(repr, b.rows))


def test_canned_lineage_matches_ask(embedded_store):
    from graph.ask import ask

    rows = run_cypher(embedded_store, (QUERIES / "lineage.cypher").read_text(), {"id": "model:bloom"}).rows
    assert [r[0] for r in rows] == ask(embedded_store, "which models are derived from BLOOM").ids


@pytest.mark.parametrize("value", ["it's", 'say "hi"', "back\\slash", "line\nbreak\ttab\r\b\f", "\x01ctl", "中文 ' é",
                                   "\\'", "trail\\", "// not a comment", "$notaparam"])
@pytest.mark.parametrize("quote", ["'", '"'])
def test_literal_reads_back_through_the_lexer(value, quote):
    """The one literal writer and the one lexer agree: a written string is one string token holding the value."""
    from graph.cypher.lexer import decode_string, literal, tokenize

    toks = tokenize(f"RETURN {literal(value, quote)} AS v")
    assert [t.kind for t in toks] == ["word", "string", "word", "word"]
    assert decode_string(toks[1].text) == value


def test_store_read_owns_the_limits(embedded_store):
    """Store.read answers a ReadResult with the flags; the console is only a call to it."""
    from graph.store.base import ReadResult

    r = embedded_store.read("MATCH (n:Language) RETURN n.id", timeout=10, row_cap=3)
    assert isinstance(r, ReadResult) and len(r.rows) == 3 and r.truncated and not r.stopped
    assert r.columns == ["n.id"] and r.backend == "embedded"
    with pytest.raises(WriteRefused):
        embedded_store.read("MATCH (n) DETACH DELETE n", timeout=10, row_cap=3)


def test_a_query_that_would_take_the_memory_is_refused(embedded_store):
    """The private FalkorDB caps one query's memory (QUERY_MEM_CAPACITY): a runaway collect is refused with
    the server's message, and the server still answers the next query."""
    from graph.store.base import CypherError

    with pytest.raises(CypherError, match="mem consumption exceeded"):
        run_cypher(embedded_store, "UNWIND range(1, 200000000) AS x RETURN size(collect(x)) AS n", timeout_s=60)
    assert run_cypher(embedded_store, "RETURN 1 AS one").rows == [[1]]
