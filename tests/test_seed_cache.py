"""The on-disk cache of the validated seed graph: same answer as a fresh read, never stale, safe when two
processes start together, ignored when damaged, and bad data is never cached."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.seed import cache
from graph.seed.errors import DataError
from graph.seed.validate import load_dataset

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "seed"
    shutil.copytree(MINI, d)
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return d


def _entries(tmp_path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("graph-*.pickle"))


def test_a_cached_read_equals_a_fresh_one(data_dir, tmp_path):
    first = cache.load_cached(data_dir)
    assert len(_entries(tmp_path)) == 1
    again = cache.load_cached(data_dir)
    fresh = load_dataset(data_dir)
    assert again.nodes == fresh.nodes == first.nodes and again.edges == fresh.edges


def test_a_hit_does_not_read_the_yaml(data_dir, monkeypatch):
    cache.load_cached(data_dir)

    def boom(*_a, **_k):
        raise AssertionError("validated again although the cache matched")

    monkeypatch.setattr("graph.seed.validate.load_dataset", boom)
    assert cache.load_cached(data_dir).nodes


def test_an_edited_seed_file_is_read_again(data_dir, tmp_path):
    before = cache.load_cached(data_dir)
    models = data_dir / "models.yaml"
    text = models.read_text(encoding="utf-8")
    name = before.nodes["model:beta-chat"]["name"]
    models.write_text(text.replace(f"name: {name}", "name: Beta Chat Renamed", 1), encoding="utf-8")
    after = cache.load_cached(data_dir)
    assert after.nodes["model:beta-chat"]["name"] == "Beta Chat Renamed"
    assert len(_entries(tmp_path)) == 2


def test_a_new_seed_file_changes_the_key(data_dir):
    key = cache.fingerprint(data_dir)
    (data_dir / "since_survey").mkdir()
    (data_dir / "since_survey" / "models.yaml").write_text("[]\n", encoding="utf-8")
    assert cache.fingerprint(data_dir) != key


def test_a_damaged_entry_is_rebuilt(data_dir, tmp_path):
    good = cache.load_cached(data_dir)
    for entry in _entries(tmp_path):
        entry.write_bytes(b"\x80\x05not a pickle")
    assert cache.load_cached(data_dir).nodes == good.nodes


def test_invalid_data_raises_and_is_not_cached(data_dir, tmp_path):
    (data_dir / "models.yaml").write_text("- id: model:x\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError):
        cache.load_cached(data_dir)
    assert _entries(tmp_path) == []


def test_the_cache_can_be_switched_off(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.load_cached(data_dir).nodes
    assert not (tmp_path / "cache").exists()


def test_two_processes_starting_together_both_get_the_graph(data_dir, tmp_path):
    code = ("import json, sys; from graph.seed.cache import load_cached; d = load_cached(sys.argv[1]); "
            "print(json.dumps(d.counts()))")
    env = {"PYTHONPATH": str(ROOT), cache.CACHE_ENV: str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(data_dir)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    counts = [json.loads(o[0]) for o in outs]
    assert counts[0] == counts[1] == counts[2] == load_dataset(data_dir).counts()
    assert len(_entries(tmp_path)) == 1 and not list((tmp_path / "cache").glob("*.tmp"))


def test_a_parser_read_back_from_disk_answers_like_a_fresh_one(seed_data, tmp_path, monkeypatch):
    """The parser and the executor's index of an embedded store on a seed directory are kept on disk; one
    read back gives the same answers, evidence and withheld words as one just built."""
    from graph.ask import ask
    from graph.store.embedded import EmbeddedStore

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    first = EmbeddedStore(seed_data, content_key="test-key")
    questions = ["which PFA methods use code-switching on low-resource languages", "what is BLOOMZ built on",
                 "基于BLOOM微调的模型有哪些", "models trained on Elvish", "how many models are derived from LLaMA"]
    fresh = [ask(first, q).to_json() for q in questions]
    kinds = {p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.pickle")}
    assert {"parser", "execindex"} <= kinds
    second = EmbeddedStore(seed_data, content_key="test-key")  # a new object: nothing in memory
    assert [ask(second, q).to_json() for q in questions] == fresh
    plain = EmbeddedStore(seed_data)  # no key: built in memory, nothing cached
    assert [ask(plain, q).to_json() for q in questions] == fresh
