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

from graph import schema
from graph.store.base import StoreError

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
def store(request):
    return request.getfixturevalue("embedded_store" if request.param == "embedded" else "bolt_store")


@pytest.fixture(params=STORES)
def app_store(request, monkeypatch):
    """The store the CLI and the app open by themselves: the cached embedded graph of seed_data, or the
    Bolt test server (NEO4J_* pointing at it)."""
    from graph.store.embedded import EmbeddedStore

    if request.param == "embedded":
        monkeypatch.delenv("NEO4J_URI", raising=False)
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)
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
    for k in ("user", "password", "database"):
        if get(k):
            out[f"NEO4J_{k.upper()}"] = get(k)
    return {k: str(v) for k, v in out.items() if v}


# --- search --------------------------------------------------------------------------------------
def test_search_payloads_are_inert(store):
    from graph.search import search

    with unchanged(store, "search"):
        for p in PAYLOADS:
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
    from graph.export import select

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
            assert set(store.neighbourhood(["model:bloomz"], depth=2, labels=[p]).nodes) == {"model:bloomz"}
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
