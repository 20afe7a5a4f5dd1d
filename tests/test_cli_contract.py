"""The CLI contract scripts rely on: validate, stats --json, export --format json."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a whole process per command

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def _env() -> dict:
    """The caller's environment without a Neo4j target, and with Python's own output buffering (a pipe is
    block-buffered, as for a user; PYTHONUNBUFFERED would hide an unflushed exit)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "PYTHONUNBUFFERED"}


def run(*args, check=True):
    proc = subprocess.run([sys.executable, *args], check=False, cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_validate_passes_on_the_project_seed_data():
    out = run("-m", "ingest", "validate").stdout
    assert out.startswith("ok:")


def test_validate_fails_with_file_and_line(tmp_path):
    bad = tmp_path / "seed_data"
    bad.mkdir()
    for f in MINI.iterdir():
        (bad / f.name).write_text(f.read_text())
    (bad / "models.yaml").write_text("- id: model:x\n  name: X\n  derived_from: [model:nope]\n  provenance: survey:x\n")
    proc = run("-m", "ingest", "validate", "--data", str(bad), check=False)
    assert proc.returncode == 1
    assert "seed_data/models.yaml:3: model:x: DERIVED_FROM: unknown id 'model:nope'" in proc.stderr


def test_stats_json_counts_per_label_and_type():
    stats = json.loads(run("-m", "graph", "stats", "--json", "--data", str(MINI)).stdout)
    assert stats["backend"] == "embedded"
    assert stats["nodes"]["Paper"] == 2 and stats["relationships"]["INTRODUCES"] == 2
    assert stats["total_nodes"] == 20


def test_export_json_whole_graph_has_the_contract_fields():
    out = json.loads(run("-m", "graph", "export", "--format", "json", "--data", str(MINI)).stdout)
    assert len(out["nodes"]) == 20 and len(out["edges"]) == 29
    for n in out["nodes"]:
        assert {"id", "label", "name"} <= set(n)
    paper = next(n for n in out["nodes"] if n["id"] == "paper:alpha")
    assert paper["name"].startswith("Alpha:") and paper["year"] == 2023
    for e in out["edges"]:
        assert {"source", "target", "type", "provenance"} <= set(e)
        assert isinstance(e["provenance"], list)


def test_export_json_focus_depth_and_file(tmp_path):
    target = tmp_path / "out.json"
    run("-m", "graph", "export", "--format", "json", "--focus", "model:beta-chat", "--depth", "1",
        "--data", str(MINI), "-o", str(target))
    out = json.loads(target.read_text())
    ids = {n["id"] for n in out["nodes"]}
    assert "model:beta-chat" in ids and "model:beta-base" in ids and "paper:alpha" not in ids


def test_export_unknown_focus_is_a_clear_error():
    proc = run("-m", "graph", "export", "--focus", "model:nope", "--data", str(MINI), check=False)
    assert proc.returncode == 1 and "unknown id(s): model:nope" in proc.stderr


def test_each_command_word_names_the_module_that_registers_it():
    """`python -m graph WORD` imports only COMMANDS[WORD]; that module must register WORD (and the full
    parser must know exactly these words)."""
    import argparse

    from graph.cli import COMMANDS, build_parser

    def words(parser):
        return set(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)

    assert words(build_parser()) == set(COMMANDS)
    for word in COMMANDS:
        assert word in words(build_parser(word)), word


def test_a_command_leaves_with_all_its_output_and_its_exit_code():
    """`python -m graph` ends with os._exit after flushing: a large JSON answer arrives whole through a pipe,
    a withheld question still exits 1, and a reader that leaves early (`| head`) gets no traceback."""
    big = run("-m", "graph", "export", "--format", "json")  # the whole seed graph, far over a pipe's buffer
    assert len(big.stdout) > 200_000 and json.loads(big.stdout)["nodes"]
    withheld = run("-m", "graph", "ask", "which models were trained on Elvish", "--json", check=False)
    assert withheld.returncode == 1 and json.loads(withheld.stdout)["status"] == "withheld"
    proc = subprocess.Popen([sys.executable, "-m", "graph", "export", "--format", "json"], cwd=ROOT, env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()  # the reader leaves, as `head` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and "Traceback" not in err, err
