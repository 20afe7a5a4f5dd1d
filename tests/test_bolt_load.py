"""The Bolt loader: idempotent, validates before writing, converges after a killed server, clear errors."""
from __future__ import annotations

import shutil
import time

import pytest

from graph.store.base import StoreError
from graph.store.bolt import BoltStore
from graph.store.dialect import close_driver
from ingest.bolt_load import Writer, load
from ingest.cli import main as ingest_main
from graph.seed.validate import DEFAULT_DATA_DIR
from tests.bolt_fixtures import load_seed, start_target

pytestmark = pytest.mark.bolt


def counts(target):
    with target.connect() as store:
        return store.stats()


def cli(target, *args):
    argv = ["load", "--target", "neo4j", "--uri", target.uri, "--quiet", *args]
    if target.user:
        argv += ["--user", target.user]
    if target.password:
        argv += ["--password", target.password]
    if target.database:
        argv += ["--database", target.database]
    return ingest_main(argv)


def test_load_twice_gives_identical_counts(scratch_bolt, seed_data, capsys):
    assert cli(scratch_bolt, "--wipe") == 0
    first = counts(scratch_bolt)
    out1 = capsys.readouterr().out
    assert cli(scratch_bolt) == 0
    out2 = capsys.readouterr().out
    assert counts(scratch_bolt) == first == seed_data.counts()
    n, r = seed_data.counts()["total_nodes"], seed_data.counts()["total_relationships"]
    assert f"loaded {n} nodes ({n} new) and {r} relationships ({r} new)" in out1
    assert f"loaded {n} nodes (0 new) and {r} relationships (0 new)" in out2
    for label, k in seed_data.counts()["nodes"].items():
        assert any(line.split()[:2] == [label, str(k)] for line in out2.splitlines())


def test_dry_run_writes_nothing(scratch_bolt, seed_data, capsys):
    driver, dialect, database = scratch_bolt.driver()
    try:
        Writer(driver, dialect, database).run("MATCH (n) DETACH DELETE n")
        Writer(driver, dialect, database).run("CREATE (:Marker {id: 'marker'})")
    finally:
        close_driver(driver, dialect)
    before = counts(scratch_bolt)
    assert cli(scratch_bolt, "--dry-run", "--wipe", "--prune", "--batch-size", "50") == 0
    out = capsys.readouterr().out
    assert "nothing written" in out and f"{seed_data.counts()['total_nodes']} nodes" in out
    assert counts(scratch_bolt) == before == {"nodes": {"Marker": 1}, "relationships": {},
                                              "total_nodes": 1, "total_relationships": 0}


def test_invalid_data_writes_nothing(scratch_bolt, tmp_path, capsys):
    data = tmp_path / "seed_data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    path = data / "categories.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- id: cat:broken\n  subcategory_of: cat:no-such-parent\n",
                    encoding="utf-8")
    driver, dialect, database = scratch_bolt.driver()
    try:
        Writer(driver, dialect, database).run("MATCH (n) DETACH DELETE n")
    finally:
        close_driver(driver, dialect)
    assert cli(scratch_bolt, "--data", str(data), "--wipe") == 1
    err = capsys.readouterr().err
    assert "categories.yaml" in err and "nothing written" in err
    assert counts(scratch_bolt)["total_nodes"] == 0


def test_prune_removes_what_is_not_in_the_data(scratch_bolt, seed_data, embedded_store):
    load_seed(scratch_bolt, seed_data)
    driver, dialect, database = scratch_bolt.driver()
    w = Writer(driver, dialect, database)
    try:
        w.run("CREATE (:Model {id: 'model:stale', name: 'gone from the data'})")
        w.run("CREATE (:Scratch {id: 'x'})")
        e = next(e for e in seed_data.edges if e["type"] == "CLASSIFIED_AS")
        w.run("MATCH (a {id: $s}), (b {id: $t}) CREATE (a)-[:CLASSIFIED_AS {provenance: ['list:x']}]->(b)",
              {"s": e["source"], "t": e["target"]})  # a duplicate edge
        w.run("MATCH (a {id: $s}), (b {id: $t}) CREATE (a)-[:DEVELOPED_BY {provenance: ['list:x']}]->(b)",
              {"s": e["source"], "t": e["target"]})  # an edge not in the data
        assert counts(scratch_bolt) != seed_data.counts()
        report = load(seed_data, driver, dialect, database, prune_extra=True)
    finally:
        close_driver(driver, dialect)
    assert report.deleted == {"nodes": 2, "relationships": 2}
    with scratch_bolt.connect() as store:
        got = store.whole()
    want = embedded_store.whole()
    assert got.nodes == want.nodes and got.edges == want.edges


def test_killed_server_mid_load_then_rerun_gives_exact_graph(tmp_path, seed_data, embedded_store):
    """A persistent FalkorDB is SIGKILLed halfway through a load (after a snapshot holding part of the
    graph); restarted from that snapshot, a second load gives exactly the seed graph, no duplicates."""
    target = start_target(data_dir=tmp_path / "db", persist=True)
    srv = target.local
    dump = srv.dir / "dump.rdb"
    driver, dialect, database = target.driver()
    killed_at = {}

    def kill_midway(i, batch):
        if i == 40:
            started = time.time()
            while not (dump.exists() and dump.stat().st_mtime >= started):  # wait for a snapshot
                time.sleep(0.05)
                if time.time() - started > 30:
                    pytest.fail("FalkorDB wrote no snapshot within 30s")
            killed_at["batch"] = i
            srv.kill()

    try:
        with pytest.raises(StoreError, match="rerun the load"):
            load(seed_data, driver, dialect, database, batch_size=5, wipe_first=True, on_batch=kill_midway)
    finally:
        close_driver(driver, dialect)
    assert killed_at == {"batch": 40}
    target = start_target(data_dir=srv.dir, persist=True)
    try:
        partial = counts(target)
        total = seed_data.counts()["total_nodes"]
        assert 0 < partial["total_nodes"] < total  # the snapshot kept part of the load
        driver, dialect, database = target.driver()
        try:
            load(seed_data, driver, dialect, database, batch_size=200)
        finally:
            close_driver(driver, dialect)
        with target.connect() as store:
            got = store.whole()
            assert store.stats() == seed_data.counts()
        want = embedded_store.whole()
        assert got.nodes == want.nodes and got.edges == want.edges
    finally:
        target.local.stop()


SECRET = "Hunter2-not-the-password"


def test_unreachable_server_gives_clear_error(monkeypatch, capsys):
    from graph.store.server import free_port

    port = free_port()
    with pytest.raises(StoreError) as exc:
        BoltStore.connect(f"bolt://127.0.0.1:{port}", "neo4j", SECRET)
    assert "cannot reach a Bolt server" in str(exc.value) and SECRET not in str(exc.value)
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    assert ingest_main(["load", "--target", "neo4j", "--quiet"]) == 1
    out = capsys.readouterr()
    assert "cannot reach" in out.err and SECRET not in out.err + out.out


def test_wrong_credentials_give_clear_error_without_password(bolt_server, capsys):
    """FalkorDB's Bolt refuses any password; a real Neo4j (NEO4J_URI) refuses a wrong one."""
    user = bolt_server.user or "neo4j"
    with pytest.raises(StoreError) as exc:
        BoltStore.connect(bolt_server.uri, user, SECRET, bolt_server.database)
    msg = str(exc.value)
    assert "refused" in msg and "NEO4J_PASSWORD" in msg and SECRET not in msg
    assert ingest_main(["load", "--uri", bolt_server.uri, "--user", user, "--password", SECRET, "--quiet"]) == 1
    out = capsys.readouterr()
    assert "refused" in out.err and SECRET not in out.err + out.out


def test_missing_uri_is_explained(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreError, match="NEO4J_URI is not set"):
        BoltStore.connect()
