"""Hostile seed files: each gives a clear error naming file and line, a non-zero exit, and no graph.

Every file in tests/fixtures/hostile/ says in its header which seed file it replaces, the message
expected and the line (0 where YAML cannot tell one, e.g. bytes that are not UTF-8).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph.store.embedded import EmbeddedStore
from ingest.cli import main as ingest_main
from graph.seed.validate import DataError, load_dataset

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
HOSTILE = sorted((HERE / "fixtures" / "hostile").glob("*.yaml"))
HEADER = re.compile(rb"# target: (?P<target>\S+)\n# expect: (?P<expect>.+) @ line (?P<line>\d+)\n")


def _case(path: Path) -> tuple[str, str, int]:
    m = HEADER.search(path.read_bytes())
    assert m, f"{path.name} lacks its header"
    return m["target"].decode(), m["expect"].decode(), int(m["line"])


def _hostile_dir(tmp_path: Path, path: Path) -> Path:
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    target, _, _ = _case(path)
    shutil.copyfile(path, data / target)
    return data


def test_there_are_at_least_thirty_hostile_files():
    assert len(HOSTILE) >= 30


def test_the_base_fixture_is_valid():
    data = load_dataset(MINI)
    assert data.counts()["total_nodes"] == 20


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_seed_file_is_refused_with_file_and_line(tmp_path, capsys, path):
    target, expect, line = _case(path)
    data = _hostile_dir(tmp_path, path)
    with pytest.raises(DataError) as info:
        load_dataset(data)
    matching = [i for i in info.value.issues if expect in i.message]
    assert matching, f"expected {expect!r} in {[str(i) for i in info.value.issues]}"
    issue = matching[0]
    assert issue.file.endswith(target)
    assert issue.line == line, f"{issue} (expected line {line})"

    # the CLI says the same on stderr with file:line and exits non-zero
    code = ingest_main(["validate", "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{target}:{line}:" in err if line else target in err
    assert expect in err

    # no store is built from it
    with pytest.raises(DataError):
        EmbeddedStore.from_data_dir(data)
