"""The Cypher Ask shows runs where it is shown: for every answered question of the ask corpus, its Cypher
and parameters go through the console's own door (graph.cypher.console.run_cypher) on the default
install's store (the private FalkorDB) and on the Bolt store, and must give Ask's rows: the same ids (and
ranking values, path node sequences), and for a single query the same evidence paths, start nodes included
(FalkorDB misreports startNode after a zero-length ``*0..1`` segment; the compiled Cypher does not use it)."""
from __future__ import annotations

import pytest

from graph.ask import ask
from graph.cypher.console import run_cypher
from tests.ask_corpus.score import load_corpus

STORES = ["embedded_store", pytest.param("bolt_store", marks=pytest.mark.bolt)]
_ANSWERS: list = []
# the corpus has no path questions; these add some (their Cypher was empty before)
PATHS = ["how is BLOOM connected to mT5", "how is BLOOMZ connected to LLaMA", "what links XGLM and mGPT",
         "how is English connected to Swahili"]


def _answers(embedded_store) -> list:
    """Every answered corpus question, asked once per session on the embedded store."""
    if not _ANSWERS:
        for family, items in sorted(load_corpus().items()):
            for it in items:
                a = ask(embedded_store, it["q"])
                if a.answered and a.cypher:
                    _ANSWERS.append((family, a))
        _ANSWERS.extend(("paths", ask(embedded_store, q)) for q in PATHS)
    return _ANSWERS


def _evidence(row: dict, n: int) -> list:
    """The console's c<i> columns as the executor's evidence: sorted (nodes, hops) per path constraint."""
    out = []
    for i in range(n):
        v = row.get(f"c{i}")
        if isinstance(v, list) and all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], list)
                                       and all(isinstance(x, str) for x in p[0]) for p in v):
            out.append(sorted({(tuple(nodes), tuple(tuple(h) for h in hops)) for nodes, hops in v}))
        else:
            out.append(v)
    return out


def _mismatch(store, embedded_store, a) -> str | None:
    r = run_cypher(store, a.cypher, a.params, timeout_s=30, row_cap=100_000)
    if r.stopped or r.truncated:
        return f"stopped={r.stopped} truncated={r.truncated}"
    rows = [dict(zip(r.columns, row)) for row in r.rows]
    if a.kind == "path":
        got = [row["nodes"] for row in rows]
        want = [p["nodes"] for p in a.results[0].evidence[0].paths] if a.results and a.results[0].evidence else []
        return None if got == want[:len(got)] and len(got) == min(len(want), a.params["k"]) else f"paths {got} != {want}"
    if a.kind == "comparison":
        want = {(x["type"], x["dir"], x["other"]["id"]) for x in a.comparison["shared"]["relationships"]}
        out = {(row["type"], "out" if row["out"] else "in", row["other"]) for row in rows if row["id"] == a.results[0].id}
        return None if want <= out else f"shared relationships {sorted(want - out)[:3]} not in the console's rows"
    if "id" not in r.columns and "value" in r.columns:  # a value question: the values Ask states
        got = sorted({repr(v) for row in rows for v in (row["value"] if isinstance(row["value"], list) else [row["value"]])
                      if v is not None})
        want = sorted({repr(v["value"]) for v in (a.value or {}).get("values", [])})
        return None if got == want else f"values {got[:5]} != {want[:5]}"
    ids = sorted({row["id"] for row in rows})
    if "agg" in r.columns:  # a ranking the store ran in one query: ids with their counts
        got = sorted((row["id"], row["agg"]) for row in rows)
        want = sorted((x.id, x.value) for x in a.results)
        return None if got == want else f"ranking {got[:5]} != {want[:5]}"
    if a.kind == "ranking":  # ranked here over the counted list the Cypher returns: Ask's ids are among its rows
        return None if {x.id for x in a.results} <= set(ids) else f"ranked ids {sorted(x.id for x in a.results)} not in {ids[:8]}"
    if ids != sorted(a.ids):
        return f"ids {ids[:6]}... ({len(ids)}) != {sorted(a.ids)[:6]}... ({len(a.ids)})"
    if "UNION" not in a.cypher:
        want = embedded_store.execute(a.query)
        n = len(a.query.constraints)
        plain = [i for i, c in enumerate(a.query.constraints) if c.kind != "nested"]  # chains: ids above
        for row in rows:
            exp = [e["value"] if isinstance(e, dict) and "property" in e else 0 if isinstance(e, dict) and e.get("absent")
                   else e for e in want[row["id"]][:n]]
            got = _evidence(row, n)
            if [got[i] for i in plain] != [exp[i] for i in plain]:
                return f"evidence of {row['id']}: {got} != {exp}"
    return None


@pytest.mark.parametrize("store_name", STORES)
def test_every_ask_query_runs_in_the_console(request, embedded_store, store_name):
    store = request.getfixturevalue(store_name)
    answers = _answers(embedded_store)
    kinds = {a.kind for _, a in answers}
    assert len(answers) >= 250 and {"list", "count", "ranking", "comparison", "path"} <= kinds, (len(answers), kinds)
    bad = []
    for family, a in answers:
        try:
            why = _mismatch(store, embedded_store, a)
        except Exception as exc:  # noqa: BLE001 - every failure is listed with its question
            why = f"{type(exc).__name__}: {str(exc)[:200]}"
        if why:
            bad.append(f"[{family}] {a.question!r} ({a.kind}): {why}")
    assert not bad, f"{len(bad)} of {len(answers)} Ask queries differ in the console on {store_name}:\n" + "\n".join(bad[:20])
