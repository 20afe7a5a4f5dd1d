"""The CLI contract of `python -m graph path` and `python -m graph similar`: --json output that equals the
library's answer, every hop a real relationship, and exit codes (0 answered, 1 nothing found, 2 bad input)."""
from __future__ import annotations

import json

import pytest

from graph.similar import similar
from graph.store.embedded import EmbeddedStore
from tests.test_cli_contract import MINI, run

pytestmark = pytest.mark.slow  # a whole process per command


@pytest.fixture(scope="module")
def mini():
    return EmbeddedStore.from_data_dir(MINI)


def edges_of(store):
    return {(e["source"], e["target"], e["type"], e.get("role")) for e in store.whole().edges}


def test_path_json_is_the_library_answer_and_follows_real_relationships(mini):
    out = json.loads(run("-m", "graph", "path", "Beta Chat Plus", "paper:alpha", "--k", "4", "--json",
                         "--data", str(MINI)).stdout)
    expected = mini.paths("model:beta-chat-plus", "paper:alpha", k=4).to_dict()
    assert {k: v for k, v in out.items() if k not in ("backend", "names")} == expected
    assert out["backend"] == "embedded" and out["paths"]
    assert out["names"]["model:beta-chat-plus"] == "Beta Chat Plus"
    edges = edges_of(mini)
    for p in out["paths"]:
        assert p["nodes"][0] == "model:beta-chat-plus" and p["nodes"][-1] == "paper:alpha"
        assert p["length"] == len(p["hops"]) <= out["max_hops"]
        for hop in p["hops"]:
            for r in hop["relationships"]:
                assert (r["source"], r["target"], r["type"], r["role"]) in edges


def test_path_text_types_and_hops(mini):
    proc = run("-m", "graph", "path", "model:beta-chat-plus", "model:beta-base", "--types", "derived_from",
               "--data", str(MINI))
    assert "model:beta-chat-plus -[DERIVED_FROM]-> model:beta-chat -[DERIVED_FROM]-> model:beta-base" in proc.stdout
    none = run("-m", "graph", "path", "model:beta-chat-plus", "paper:alpha", "--max-hops", "1",
               "--data", str(MINI), check=False)
    assert none.returncode == 1 and "no path within 1 hops" in none.stderr


@pytest.mark.parametrize("args,message", [
    (["model:beta-chat", "Betta Bsae"], "did you mean: model:beta-base"),
    (["model:nope", "model:beta-chat"], "unknown entity 'model:nope'"),
    (["model:beta-chat", "model:beta-base", "--types", "DERIVED_FRM"], "did you mean DERIVED_FROM"),
    (["model:beta-chat", "model:beta-base", "--max-hops", "99"], "--max-hops must be an integer from 1 to"),
    (["model:beta-chat", "model:beta-base", "--k", "0"], "--k must be an integer from 1 to"),
    (["model:beta-chat", "model:beta-chat"], "the same entity"),
    (["}) MATCH (n) DETACH DELETE n //", "model:beta-chat"], "unknown entity"),
])
def test_path_bad_input_exits_2_with_a_clear_error(args, message):
    proc = run("-m", "graph", "path", *args, "--data", str(MINI), check=False)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_similar_json_is_the_library_answer(embedded_store):
    out = json.loads(run("-m", "graph", "similar", "model:bloomz", "--limit", "4", "--json").stdout)
    assert {k: v for k, v in out.items() if k != "backend"} == similar(embedded_store, "model:bloomz", 4).to_dict()
    assert out["results"] and all(r["reasons"] for r in out["results"])
    text = run("-m", "graph", "similar", "BLOOMZ", "--limit", "2").stdout
    assert text.startswith("most like BLOOMZ (model:bloomz)")


def test_similar_with_nothing_shared_exits_1(mini):
    assert similar(mini, "model:beta-chat").results == []  # its only links are its own lineage
    proc = run("-m", "graph", "similar", "Beta Chat", "--data", str(MINI), check=False)
    assert proc.returncode == 1 and "nothing shares a neighbour with Beta Chat" in proc.stderr


@pytest.mark.parametrize("args,message", [
    (["lang:eng"], "similar entities are found for"),
    (["model:nope"], "unknown entity"),
    (["model:beta-chat", "--limit", "0"], "limit must be an integer"),
])
def test_similar_bad_input_exits_2(args, message):
    proc = run("-m", "graph", "similar", *args, "--data", str(MINI), check=False)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.bolt
def test_both_backends_print_the_same_json(bolt_store, bolt_server):
    import os
    import subprocess
    import sys

    from tests.test_cli_contract import ROOT

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["NEO4J_URI"] = bolt_server.uri
    for cmd in (["path", "BLOOMZ", "model:llama", "--k", "5"], ["similar", "model:bloomz", "--limit", "5"]):
        outs = []
        for backend in ("embedded", "neo4j"):
            proc = subprocess.run([sys.executable, "-m", "graph", *cmd, "--json", "--backend", backend], cwd=ROOT,
                                  capture_output=True, text=True, env=env, timeout=120)
            assert proc.returncode == 0, proc.stderr
            out = json.loads(proc.stdout)
            assert out.pop("backend") == backend
            outs.append(out)
        assert outs[0] == outs[1]
