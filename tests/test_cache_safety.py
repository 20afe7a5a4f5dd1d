"""The disk cache cannot run code (issue 21): a planted or foreign entry is rebuilt and nothing in it runs, a
damaged one (MemoryError included) is rebuilt with a message, and a directory or key another account could
write is not used."""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.seed import cache, signed

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


class _Boom:
    """Unpickling this runs a shell command that leaves a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def env(tmp_path, monkeypatch):
    d = tmp_path / "seed"
    shutil.copytree(MINI, d)
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(signed.KEY_ENV, str(tmp_path / "key"))
    signed._warned.clear()
    return d


def _entry(tmp_path) -> Path:
    (entry,) = (tmp_path / "cache").glob("graph-*.pickle")
    return entry


def test_a_planted_pickle_runs_nothing_and_is_rebuilt(env, tmp_path, capsys):
    good = cache.load_cached(env)
    entry, marker = _entry(tmp_path), tmp_path / "ran"
    entry.write_bytes(pickle.dumps(_Boom(marker)))
    assert cache.load_cached(env).nodes == good.nodes
    assert not marker.exists()
    assert "rebuilt" in capsys.readouterr().err
    assert cache.load_cached(env).nodes == good.nodes  # the rebuilt entry is a good one again
    assert signed.loads(entry.read_bytes(), entry.name).nodes == good.nodes


def test_an_entry_signed_with_another_key_or_renamed_is_refused(env, tmp_path, monkeypatch, capsys):
    good = cache.load_cached(env)
    entry = _entry(tmp_path)
    assert signed.loads(entry.read_bytes(), entry.name).nodes == good.nodes
    with pytest.raises(ValueError):
        signed.loads(entry.read_bytes(), "parser-" + entry.name)  # an entry cannot pose as another
    monkeypatch.setenv(signed.KEY_ENV, str(tmp_path / "other-key"))
    with pytest.raises(ValueError, match="signature"):
        signed.loads(entry.read_bytes(), entry.name)


def test_a_validly_signed_payload_still_cannot_call_anything(env, tmp_path):
    """Were the key to leak, the unpickler still builds only containers and the project's classes."""
    marker = tmp_path / "ran"
    blob = signed.dumps(_Boom(marker), "graph-x.pickle")
    with pytest.raises(pickle.UnpicklingError, match="posix.system|os.system"):
        signed.loads(blob, "graph-x.pickle")
    assert not marker.exists()


def test_planted_artifacts_of_every_kind_are_rebuilt(seed_data, tmp_path, monkeypatch, capsys):
    from graph.ask import ask
    from graph.store.embedded import EmbeddedStore

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(signed.KEY_ENV, str(tmp_path / "key"))
    q = "基于BLOOM微调的模型有哪些"
    fresh = ask(EmbeddedStore(seed_data, content_key="k"), q).to_json()
    marker = tmp_path / "ran"
    entries = sorted((tmp_path / "cache").glob("*.pickle"))
    assert {p.name.split("-")[0] for p in entries} >= {"parser", "execindex", "matcher"}
    for p in entries:
        p.write_bytes(pickle.dumps(_Boom(marker)))
    assert ask(EmbeddedStore(seed_data, content_key="k"), q).to_json() == fresh
    assert not marker.exists()
    assert capsys.readouterr().err.count("rebuilt") >= 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "memoryerror"])
def test_a_damaged_entry_is_rebuilt_with_a_message(env, tmp_path, monkeypatch, capsys, damage):
    good = cache.load_cached(env)
    entry = _entry(tmp_path)
    blob = bytearray(entry.read_bytes())
    if damage == "flip":  # e.g. a length field: the signature no longer holds, nothing is allocated
        blob[len(signed.MAGIC) + 40] ^= 0xFF
        entry.write_bytes(bytes(blob))
    elif damage == "truncate":
        entry.write_bytes(bytes(blob[: len(blob) // 2]))
    else:
        def oom(*_a, **_k):
            raise MemoryError

        monkeypatch.setattr(signed, "loads", oom)
    assert cache.load_cached(env).nodes == good.nodes
    err = capsys.readouterr().err
    assert "rebuilt" in err and entry.name in err


def test_a_directory_others_may_write_is_not_used(env, tmp_path, capsys):
    d = tmp_path / "cache"
    d.mkdir(mode=0o700)
    os.chmod(d, 0o777)
    marker = tmp_path / "ran"
    (d / f"graph-{cache.fingerprint(env)}.pickle").write_bytes(pickle.dumps(_Boom(marker)))
    assert cache.load_cached(env).nodes
    assert not marker.exists()
    assert "writable by others" in capsys.readouterr().err
    assert len(list(d.iterdir())) == 1  # nothing written there either


def test_a_directory_of_another_account_is_not_used(env, tmp_path, monkeypatch, capsys):
    (tmp_path / "cache").mkdir(mode=0o700)
    me = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: me + 1)  # as seen by another account, the directory is not its own
    assert cache.load_cached(env).nodes
    assert "not yours" in capsys.readouterr().err
    assert not list((tmp_path / "cache").iterdir())


def test_a_key_others_can_read_disables_the_cache(env, tmp_path, capsys):
    cache.load_cached(env)
    signed._keys.clear()
    os.chmod(tmp_path / "key" / "cache.key", 0o644)
    assert cache.load_cached(env).nodes
    assert "others can read it" in capsys.readouterr().err


def test_a_command_with_a_planted_entry_answers_and_runs_nothing(env, tmp_path):
    run = [sys.executable, "-m", "graph", "stats", "--json", "--data", str(env)]
    environ = {**os.environ, cache.CACHE_ENV: str(tmp_path / "cache"), signed.KEY_ENV: str(tmp_path / "key")}
    first = subprocess.run(run, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    marker = tmp_path / "ran"
    _entry(tmp_path).write_bytes(pickle.dumps(_Boom(marker)))
    again = subprocess.run(run, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and again.stdout == first.stdout
    assert not marker.exists() and "rebuilt" in again.stderr
