"""Cypher injection and write attempts through every channel a user controls, on both stores: all inert.

Channels: search, ask, the Cypher console, the app's URL parameters (Streamlit AppTest) and the export
filters (library ``select`` and the ``python -m graph export`` CLI). After every attempt the graph is
byte-for-byte what it was (counts per label and type, and a digest of every node and relationship), no
node labelled ``Pwned`` exists, and the answer is a clear error or an ordinary (possibly empty) result.
"""
from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager

import pytest

from graph.store.base import StoreError

pytestmark = pytest.mark.slow  # hundreds of hostile inputs through every entry point

DATA_DIR_ENV = "MLLM_ATLAS_DATA_DIR"

STORES = ["embedded", pytest.param("bolt", marks=pytest.mark.bolt)]

# Strings a hostile user might type or paste where an id, a name, a label or a question is expected.
PAYLOADS = [
    "x' DETACH DELETE n //",
    'x" DETACH DELETE n //',
    "model:bloomz' }) MATCH (n) DETACH DELETE n //",
    "`}) MATCH (n) DETACH DELETE n //",
    "}) MATCH (n) DETACH DELETE n //",
    "Model`) DETACH DELETE n //",
    "Model:Pwned",
    "'; MATCH (n) DETACH DELETE n; //",
    "\\' OR 1=1 WITH n DETACH DELETE n //",
    "model:bloomz\nMATCH (n) DETACH DELETE n",
    "*/ MATCH (n) DETACH DELETE n /*",
    "CREATE (:Pwned {id: 'pwned'})",
    "MERGE (p:Pwned {id: 'pwned'}) RETURN p",
    "x` SET n.name = 'pwned' //",
    "' + '' ) SET n:Pwned //",
    "LOAD CSV FROM 'file:///etc/passwd' AS l CREATE (:Pwned {l: l})",
    "CALL db.clearQueryCaches()",
    "$id",
    "{id: 'x'}",
    "\u02bc DETACH DELETE n //",  # a modifier apostrophe some parsers fold into a quote
    "\x00' DETACH DELETE n //",
    "x" * 5000 + "' DETACH DELETE n //",
]

# Questions: ordinary wording around hostile fragments.
QUESTIONS = [
    "Which models are derived from x' DETACH DELETE n //?",
    "What is model:bloomz'}) MATCH (n) DETACH DELETE n // derived from?",
    "Which papers address `}) MATCH (n) DETACH DELETE n //?",
    "Which models cover Swahili'; CREATE (:Pwned) //",
    "MATCH (n) DETACH DELETE n",
    "CREATE (n:Pwned {id: 'x'}) RETURN n",
    "Which datasets are used for SFT alignment? MERGE (:Pwned)",
    "Which PFA methods use code-switching on */ MATCH (n) DETACH DELETE n /* languages?",
    "What is BLOOMZ derived from?\nMATCH (n) SET n.name = 'pwned'",
    "Which models were released after 2022 OR 1=1 //",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "Which models cover $lang?",
]


# --- the graph must not change -------------------------------------------------------------------
def digest(store) -> tuple[dict, str, int]:
    """(counts, a digest of every node and relationship, number of Pwned nodes)."""
    whole = store.whole()
    blob = json.dumps(whole.to_json(), sort_keys=True, ensure_ascii=False, default=str)
    pwned = sum(1 for n in whole.nodes.values() if n.get("label") == "Pwned" or "pwned" in str(n.get("name", "")).lower())
    return store.stats(), hashlib.sha256(blob.encode("utf-8")).hexdigest(), pwned


@contextmanager
def unchanged(store, what: str):
    before = digest(store)
    assert before[2] == 0, "the graph already holds a Pwned node before the attempt"
    yield
    after = digest(store)
    assert after[0] == before[0], f"{what}: counts changed {before[0]} -> {after[0]}"
    assert after[1] == before[1], f"{what}: the graph's content changed"
    assert after[2] == 0, f"{what}: a Pwned node appeared"


@pytest.fixture(params=STORES)
def app_store(request, monkeypatch):
    """The store the CLI and the app open by themselves: the cached embedded graph of seed_data, or the
    Bolt test server (NEO4J_* pointing at it)."""
    from graph.store.embedded import EmbeddedStore

    if request.param == "embedded":
        for var in ("NEO4J_URI", DATA_DIR_ENV):
            monkeypatch.delenv(var, raising=False)
        return EmbeddedStore.from_data_dir()
    server = request.getfixturevalue("bolt_server")
    for k, v in bolt_env(server).items():
        monkeypatch.setenv(k, v)
    return request.getfixturevalue("bolt_store")


def bolt_env(server) -> dict[str, str]:
    """NEO4J_* variables for the test server (whatever shape the fixture gives it)."""
    env = getattr(server, "env", None)
    if callable(env):
        env = env()
    if isinstance(env, dict):
        return {k: str(v) for k, v in env.items() if v is not None}
    get = (lambda k: server.get(k)) if isinstance(server, dict) else (lambda k: getattr(server, k, None))
    out = {"NEO4J_URI": get("uri")}
    for k, var in (("user", "NEO4J_USERNAME"), ("password", "NEO4J_PASSWORD"), ("database", "NEO4J_DATABASE")):
        if get(k):
            out[var] = get(k)
    return {k: str(v) for k, v in out.items() if v}


# --- search --------------------------------------------------------------------------------------
def test_search_payloads_are_inert(store):
    from graph.search.fuzzy import MAX_TEXT_CHARS, search

    with unchanged(store, "search"):
        for p in PAYLOADS:
            if len(p) > MAX_TEXT_CHARS:  # refused up front, with a message naming the limit
                with pytest.raises(ValueError, match="too long"):
                    search(store, p)
                continue
            hits = search(store, p)
            assert isinstance(hits, list)
            for h in hits:
                assert store.get_node(h.id) is not None, f"search({p!r}) invented a node {h.id}"
            for label in (None, "Model", p):
                try:
                    search(store, p, label=label)
                except (StoreError, ValueError) as exc:  # a bad label may be refused, clearly
                    assert str(exc)


# --- export filters ------------------------------------------------------------------------------
def test_export_filters_are_inert(store):
    from graph.draw.selection import select

    with unchanged(store, "export filters"):
        for p in PAYLOADS:
            # --focus: an unknown id is a clear error
            with pytest.raises(StoreError) as info:
                select(store, focus=[p], depth=1)
            assert "unknown" in str(info.value).lower()
            # --labels: an unknown label keeps only the focus (or is refused), never runs text as Cypher
            try:
                data = select(store, focus=["model:bloomz"], depth=1, labels=[p])
            except StoreError as exc:
                assert str(exc)
            else:
                assert set(data.nodes) == {"model:bloomz"}, f"labels={p!r} reached {sorted(data.nodes)[:5]}"
            try:
                data = select(store, labels=[p])
            except StoreError as exc:
                assert str(exc)
            else:
                assert not data.nodes, f"labels={p!r} selected {len(data.nodes)} nodes"
            # --category: unknown category is a clear error
            with pytest.raises(StoreError) as info:
                select(store, category=p)
            assert str(info.value)


def test_export_filters_reach_the_store_unquoted(store):
    """The filters pass hostile text to every traversal the store offers, directly."""
    with unchanged(store, "store traversals"):
        for p in PAYLOADS:
            assert store.get_node(p) is None
            assert store.neighbourhood([p], depth=2).nodes == {}
            try:  # an unknown label reaches nothing, or is refused with a clear error
                assert set(store.neighbourhood(["model:bloomz"], depth=2, labels=[p]).nodes) == {"model:bloomz"}
            except StoreError as exc:
                assert "label" in str(exc)
            assert store.lineage(p).nodes == {}
            assert store.subgraph([p, "model:bloomz"]).nodes.keys() == {"model:bloomz"}
            try:
                assert store.nodes(p) == []
            except StoreError as exc:
                assert str(exc)


@pytest.mark.parametrize("args", [
    ["--focus", "x' DETACH DELETE n //"],
    ["--focus", "model:bloomz,`}) MATCH (n) DETACH DELETE n //"],
    ["--focus", "model:bloomz", "--labels", "Model`) DETACH DELETE n //"],
    ["--focus", "model:bloomz", "--labels", "Model,Pwned"],
    ["--labels", "}) MATCH (n) DETACH DELETE n //"],
    ["--category", "cat:pfa'}) MATCH (n) DETACH DELETE n //"],
    ["--category", '" OR 1=1 //'],
], ids=lambda a: " ".join(a)[:40])
def test_export_cli_filters_are_refused(app_store, args, capsys):
    from graph.cli import main

    backend = "embedded" if app_store.backend == "embedded" else "neo4j"
    if "--category" in args and "--category" not in _export_options():
        pytest.fail("python -m graph export has no --category option")
    with unchanged(app_store, f"export {args}"):
        code = main(["export", "--backend", backend, "--format", "json", *args])
    out = capsys.readouterr()
    assert code != 0, f"export {args} exited 0: {out.out[:300]}"
    assert "error" in out.err.lower() and "Traceback" not in out.err


def _export_options() -> set[str]:
    from graph.cli import build_parser

    p = build_parser()
    sub = next(a for a in p._actions if a.dest == "command")
    return {o for a in sub.choices["export"]._actions for o in a.option_strings}


# --- URL parameters of the app (Streamlit AppTest) -----------------------------------------------
APP = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "ui" / "app.py")

URL_ATTEMPTS = [  # (page, {param: value})
    ("explore", {"id": "x' DETACH DELETE n //"}),
    ("explore", {"id": "model:bloomz'}) MATCH (n) DETACH DELETE n //"}),
    ("explore", {"id": "model:bloomz", "labels": "Model`) DETACH DELETE n //,Paper", "depth": "2"}),
    ("explore", {"id": "model:bloomz", "label": "Model`) DETACH DELETE n //", "q": "`}) MATCH (n) DETACH DELETE n //"}),
    ("explore", {"id": "model:bloomz", "depth": "1; MATCH (n) DETACH DELETE n", "limit": "9999999999999"}),
    ("lineage", {"id": "model:bloomz\" }) DETACH DELETE n //"}),
    ("compare", {"ids": "model:bloomz,x' DETACH DELETE n //,`}) MATCH (n) DETACH DELETE n //"}),
    ("taxonomy", {"open": "cat:pfa'}) MATCH (n) DETACH DELETE n //", "chart": "x' DETACH DELETE n //"}),
    ("coverage", {"rows": "technique') DETACH DELETE n //", "cols": "`}) MATCH (n) DETACH DELETE n //",
                  "roles": "targeted' DETACH DELETE n //", "classes": "0,1) DETACH DELETE n //"}),
    ("evolution", {"labels": "Model`) DETACH DELETE n //,Method", "figure": "true"}),
    ("ask", {"q": "Which models cover Swahili'; MATCH (n) DETACH DELETE n //"}),
    ("ask", {"q": "MATCH (n) DETACH DELETE n"}),
    ("cypher", {"query": "MATCH (n) DETACH DELETE n"}),
    ("cypher", {"query": "CREATE (:Pwned {id: 'pwned'})"}),
    ("cypher", {"query": "MATCH (n:Model) SET n.name = 'pwned' RETURN n"}),
    ("cypher", {"query": "MATCH (n) RETURN n.id AS id LIMIT 1 /* */ ; MATCH (n) DETACH DELETE n"}),
    ("cypher", {"query": "MATCH (n {id: $id}) RETURN n.id", "params": '{"id": "x\' DETACH DELETE n //"}'}),
    ("x' DETACH DELETE n //", {"id": "model:bloomz"}),
]


def _texts(at) -> str:
    parts = []
    for kind in ("error", "warning", "info", "markdown", "caption", "title", "code"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("page,params", URL_ATTEMPTS, ids=lambda v: v if isinstance(v, str) else ",".join(v))
def test_url_parameters_are_inert(app_store, page, params):
    from streamlit.testing.v1 import AppTest

    with unchanged(app_store, f"?page={page}&{params}"):
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["page"] = page
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, f"?page={page} {params}: {[e.value for e in at.exception]}"
        text = _texts(at)
        assert "Traceback" not in text
        # the app opened the store the test watches (not a fallback)
        store_line = " ".join(str(m.value) for m in at.sidebar.markdown)
        want = "embedded" if app_store.backend == "embedded" else "neo4j"
        assert want in store_line.lower() and "fallback" not in store_line.lower(), store_line
        if page == "cypher" and "$id" not in params["query"]:
            # a write is refused with a message, not run
            assert [e for e in at.error if e.value], f"no error shown for {params}: {text[:500]}"
        at.run()  # a rerun (the reader clicks around) changes nothing either
        assert not at.exception


# --- the Cypher console --------------------------------------------------------------------------
REFUSED = [
    "CREATE (:Pwned {id: 'pwned'})",
    "create (:Pwned {id: 'pwned'})",
    "MATCH (n:Model) CrEaTe (n)-[:DERIVED_FROM]->(:Pwned {id: 'pwned'})",
    "MATCH (a:Model), (b:Model) CREATE (a)-[:DERIVED_FROM]->(b)",
    "MERGE (p:Pwned {id: 'pwned'}) RETURN p",
    "merge (p:Pwned {id: 'pwned'})",
    "MATCH (n:Model) SET n.name = 'pwned' RETURN n",
    "MATCH (n:Model) set n:Pwned",
    "MATCH (n:Model {id: 'model:bloomz'}) SET n += {name: 'pwned'}",
    "MATCH (n:Model {id: 'model:bloomz'}) SET n = {}",
    "MATCH (n) DELETE n",
    "MATCH ()-[r]->() DELETE r",
    "MATCH (n) DETACH DELETE n",
    "match (n) detach delete n",
    "MATCH (n) Detach Delete n",
    "MATCH (n:Model) REMOVE n.name",
    "MATCH (n:Model) remove n:Model",
    "DROP INDEX ON :Model(id)",
    "DROP CONSTRAINT model_id",
    "CREATE INDEX FOR (n:Model) ON (n.id)",
    "LOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:Pwned {l: line[0]})",
    "load csv from 'file:///etc/passwd' as line return line",
    "MATCH (n:Model) FOREACH (x IN [1] | SET n.name = 'pwned')",
    "FOREACH (x IN range(1, 3) | CREATE (:Pwned))",
    "CALL db.createLabel('Pwned')",
    "CALL db.idx.fulltext.createNodeIndex('Model', 'name')",
    "CALL apoc.create.node(['Pwned'], {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "call dbms.security.createUser('x', 'y', false)",
    "CALL `db`.`createLabel`('Pwned')",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (n) WITH n CALL { WITH n SET n.x = 1 } RETURN n",
    "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN n LIMIT 1; CREATE (:Pwned)",
    "MATCH (n) RETURN n LIMIT 1 ;CREATE (:Pwned);",
    "MATCH (n) /* harmless */ DETACH /* still harmless */ DELETE n",
    "MATCH (n) RETURN n.id // a comment\nDETACH DELETE n",
    "/* CREATE */ MATCH (n) DETACH DELETE n",
    "MATCH (n)\n//\nDELETE n",
    "MATCH(n)DETACH DELETE(n)",
    "PROFILE MATCH (n) DETACH DELETE n",
    "EXPLAIN CREATE (:Pwned)",
    "MATCH (n) RETURN n.id AS id UNION MATCH (m) DETACH DELETE m RETURN m.id AS id",
    "WITH 1 AS x CREATE (:Pwned)",
    "UNWIND [1, 2] AS x MERGE (:Pwned {id: toString(x)})",
    "CALL db.labels() YIELD label CREATE (:Pwned {l: label})",
    "CREATE DATABASE pwned",
    "STOP DATABASE neo4j",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "GRANT ALL ON DATABASE * TO PUBLIC",
    "ALTER USER neo4j SET PASSWORD 'pwned'",
    "MATCH (n:Model) WHERE n.name = 'x /* ' CREATE (:Pwned) RETURN ' */' AS x",
    "MATCH (n) WHERE n.name = 'unterminated DETACH DELETE n",
    "MATCH (n) /* unterminated DETACH DELETE n",
]

ALLOWED = [  # (query, params, expected rows or None for "any")
    ("MATCH (n:Model) WHERE n.name = 'CREATE' RETURN n.id AS id", None, []),
    ("MATCH (n:Model) WHERE n.name CONTAINS 'DETACH DELETE n' RETURN n.id AS id", None, []),
    ('MATCH (n:Model) WHERE n.name = "SET n.name = 1" RETURN n.id AS id', None, []),
    ("MATCH (n:Model) WHERE n.id = 'model:bloomz' RETURN n.name AS created", None, [["BLOOMZ"]]),
    ("MATCH (n:Model) WHERE n.id = $id RETURN n.name AS name", {"id": "x' DETACH DELETE n //"}, []),
    ("MATCH (n:Model) WHERE n.id = $id RETURN n.id AS id", {"id": "model:bloomz"}, [["model:bloomz"]]),
    ("MATCH (n:Model) // CREATE (:Pwned)\nWHERE n.id = 'model:bloomz' RETURN n.id AS id", None, [["model:bloomz"]]),
    ("MATCH (n:Model) /* DETACH DELETE n */ WHERE n.id = 'model:bloomz' RETURN n.id AS id", None, [["model:bloomz"]]),
    ("MATCH (n:Model) WHERE n.id = 'model:bloomz' RETURN n.id AS id, n.name AS setting", None, None),
]


def _console():
    from graph.cypher import console as cypher_console

    return cypher_console


from graph.cypher.console import CypherError, UnknownName, UnsupportedCypher  # noqa: E402
from graph.cypher.guard import GuardError, WriteRefused  # noqa: E402

# each carries a message for users
CLEAR_ERRORS = (WriteRefused, GuardError, UnknownName, UnsupportedCypher, CypherError, StoreError)


@pytest.mark.parametrize("query", REFUSED, ids=lambda q: q[:50])
def test_console_refuses_writes(store, query):
    console = _console()
    with unchanged(store, f"console {query!r}"):
        with pytest.raises((WriteRefused, GuardError)) as info:  # refused by the guard, before any server
            console.run_cypher(store, query, {}, timeout_s=10, row_cap=50)
    assert str(info.value).strip(), f"refusal of {query!r} says nothing"


@pytest.mark.parametrize("query,params,expected", ALLOWED, ids=lambda v: v[:50] if isinstance(v, str) else "")
def test_console_allows_harmless_reads(store, query, params, expected):
    console = _console()
    with unchanged(store, f"console {query!r}"):
        result = console.run_cypher(store, query, params or {}, timeout_s=20, row_cap=50)
    rows = [list(r.values()) if isinstance(r, dict) else list(r) for r in result.rows]
    if expected is not None:
        assert rows == expected, f"{query!r} on {store.backend}: {rows[:5]}"
    else:
        assert rows, f"{query!r} on {store.backend} returned no row"


EDGE_CASES = [  # where the guard's tokenizer and the server's parser could disagree: any outcome but a write
    r"RETURN '\' CREATE (:Pwned {id: 'p1'}) //' AS x",
    "RETURN \"\\\" CREATE (:Pwned {id: 'p2'}) //\" AS x",
    r"MATCH (n:Model) WHERE n.name = '\u0027 CREATE (:Pwned) //' RETURN n.id AS id",
    "RETURN `a``b` AS x",
    "MATCH (n:Model) RETURN n.id AS `x` LIMIT 1",
    "MATCH (n:Model) RETURN n.id AS `CREATE (:Pwned)` LIMIT 1",
    "RETURN 1 AS x /* */ UNION RETURN 2 AS x",
    "MATCH (n:Model) WITH n LIMIT 1 CALL { WITH n RETURN n.id AS i } RETURN i",
    "RETURN 'a' AS x\u037e CREATE (:Pwned)",
    "MATCH (n:Model)\u2028CREATE (:Pwned {id: 'p3'})",
    "MATCH (n:Model) WITH n LIMIT 1 RETURN n.id AS x\n\u00a0CREATE (:Pwned {id: 'p4'})",
    "MATCH (n:Model) RETURN n.id AS x LIMIT 1 //\rCREATE (:Pwned {id: 'p5'})",
    "MATCH (n:Model) RETURN n.id AS x LIMIT 1 //\u2028CREATE (:Pwned {id: 'p6'})",
    "MATCH (n:Model) RETURN n.id AS x LIMIT 1 //\u0085CREATE (:Pwned {id: 'p7'})",
    "MATCH (n:Model) RETURN n.{id} AS x",
    "MATCH (n:Model) RETURN n AS set LIMIT 1",
    "MATCH (n:Model {create: 1}) RETURN n",
    "MATCH (n:Create) RETURN n",
    "ＣＲＥＡＴＥ (:Pwned)",
    "MATCH (n:Model) WHERE n.name = '名' RETURN",  # a typo next to non-ASCII text: the server's error is UTF-8 too
    "MATCH (n:Model) WHERE n.name = 多语言 RETURN n.id AS id",  # a pasted Chinese name without quotes
]


@pytest.mark.parametrize("query", EDGE_CASES, ids=lambda q: q[:50])
def test_console_edge_cases_never_write(store, query):
    console = _console()
    with unchanged(store, f"console {query!r}"):
        try:
            result = console.run_cypher(store, query, {}, timeout_s=10, row_cap=50)
        except CLEAR_ERRORS as exc:  # refused, unsupported, or the server's syntax error as a StoreError
            assert str(exc).strip()
        else:
            assert isinstance(result.rows, list)


def test_console_parameters_are_never_spliced(store):
    """Hostile parameter values are data: they match nothing and change nothing."""
    console = _console()
    with unchanged(store, "console parameters"):
        for p in PAYLOADS:
            try:
                result = console.run_cypher(store, "MATCH (n:Model) WHERE n.id = $id OR n.name = $id RETURN n.id AS id",
                                            {"id": p}, timeout_s=20, row_cap=50)
            except StoreError as exc:  # e.g. over FalkorDB's Bolt message size: refused, clearly
                assert str(exc).strip()
                continue
            assert list(result.rows) == [], f"$id={p!r} matched {result.rows[:3]}"


def test_console_cli_refuses_writes(app_store, capsys):
    from graph.cli import main

    backend = "embedded" if app_store.backend == "embedded" else "neo4j"
    with unchanged(app_store, "python -m graph cypher"):
        for q in ["MATCH (n) DETACH DELETE n", "create (:Pwned)", "MATCH (n) RETURN n; CREATE (:Pwned)",
                  "MATCH (n) /* */ SET n.name = 'pwned'"]:
            code = main(["cypher", "--backend", backend, q])
            out = capsys.readouterr()
            assert code != 0, f"`graph cypher {q!r}` exited 0: {out.out[:200]}"
            assert "refused" in out.err.lower() or "error" in out.err.lower(), out.err
            assert "Traceback" not in out.err


# --- ask -----------------------------------------------------------------------------------------
def test_ask_payloads_are_inert(store):
    from graph.ask import ask
    from graph.ask.parser import MAX_QUESTION_CHARS

    with unchanged(store, "ask"):
        for q in QUESTIONS + PAYLOADS:
            if len(q) > MAX_QUESTION_CHARS:  # refused up front, with a message naming the limit
                with pytest.raises(ValueError, match="too long"):
                    ask(store, q)
                continue
            r = ask(store, q)
            for bad in ("'", '"', "`", "//", "/*", ";", "DELETE", "CREATE", "MERGE", " SET "):
                assert bad not in r.cypher, f"ask({q!r}) put {bad!r} into its Cypher:\n{r.cypher}"
            for v in r.params.values():
                assert not isinstance(v, str) or "DELETE" not in v.upper() and "'" not in v, \
                    f"ask({q!r}) passed user text as a parameter: {v!r}"
            for row in r.results:
                assert store.get_node(row.id) is not None
            assert r.results or r.empty_reason


def test_ask_gives_the_same_answer_on_both_stores(embedded_store, bolt_store):
    """The hostile questions are answered (or not) identically by the networkx and the Cypher executor."""
    from graph.ask import ask

    with unchanged(bolt_store, "ask on Bolt"):
        for q in QUESTIONS:
            assert ask(embedded_store, q).ids == ask(bolt_store, q).ids, q


def test_ask_cli_is_inert(app_store, capsys):
    from graph.cli import main

    backend = "embedded" if app_store.backend == "embedded" else "neo4j"
    with unchanged(app_store, "python -m graph ask"):
        for q in QUESTIONS[:6]:
            code = main(["ask", "--backend", backend, q])
            out = capsys.readouterr()
            assert code in (0, 1), f"`graph ask {q!r}` exited {code}"
            assert "Traceback" not in out.err
