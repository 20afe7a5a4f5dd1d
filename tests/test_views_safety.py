"""Saved views never lose or break (issue 21): concurrent saves from threads and processes all land; a views
file or an import that is not UTF-8, nested deep or huge is one clear error (and the pages still run); imports
say how many went in and which were refused and why; names that fold alike collide instead of overwriting;
states hold only their page's keys."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.saved_views import (COMMON_KEYS, MAX_FILE_BYTES, PAGE_KEYS, ViewError, ViewsFile, export_json,
                               import_views, page_state)

ROOT = Path(__file__).resolve().parent.parent
VIEW = {"page": "explore", "id": "model:bloomz"}


class _FileStore:
    """What import_views needs of a store, over one views file (the embedded store's calls, without its graph)."""

    def __init__(self, path: Path):
        self.file = ViewsFile(path)

    def saved_views(self):
        return self.file.load()

    def save_view(self, name, state, replace=True):
        return self.file.save(name, state, replace)


def test_threads_saving_at_once_lose_nothing(tmp_path):
    f = ViewsFile(tmp_path / "views.json")
    start = threading.Barrier(4)
    errors = []

    def saver(t: int):
        start.wait()
        for i in range(100):
            try:
                ViewsFile(f.path).save(f"thread {t} view {i}", {**VIEW, "depth": str(i % 3 + 1)})
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

    threads = [threading.Thread(target=saver, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(f.load()) == 400


SAVER = """
import sys, time
from graph.saved_views import ViewsFile
path, who, n, at = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
time.sleep(max(0.0, at - time.time()))
for i in range(n):
    ViewsFile(path).save(f"process {who} view {i}", {"page": "lineage", "id": "model:bloomz"})
"""


def test_processes_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "views.json"
    at = time.time() + 1.5  # both start together, past their imports
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), str(w), "200", str(at)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True) for w in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errs
    views = ViewsFile(path).load()
    assert len(views) == 400 and {f"process {w} view {i}" for w in range(2) for i in range(200)} == set(views)


@pytest.mark.parametrize("content,message", [
    (b"\xff\xfe{not utf-8", "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nests deeper"),
    (b'{"views": {"a": {"page": "ask", "q": "' + b"x" * (MAX_FILE_BYTES + 10) + b'"}}}', "bytes"),
    (b'{"views": {"a": {"page": "ask", "q": {"deeper": ["still"]}}}}', "nests deeper"),
    (b"{", "not JSON"),
])
def test_an_unreadable_views_file_is_one_clear_error_and_never_written_over(tmp_path, content, message):
    path = tmp_path / "views.json"
    path.write_bytes(content)
    t = time.perf_counter()
    with pytest.raises(ViewError, match=message):
        ViewsFile(path).load()
    assert time.perf_counter() - t < 5
    with pytest.raises(ViewError):
        ViewsFile(path).save("new", VIEW)
    assert path.read_bytes() == content  # nothing lost: the file is as it was


def test_an_import_reports_what_went_in_and_what_was_refused_and_why(tmp_path):
    store = _FileStore(tmp_path / "views.json")
    store.save_view("BLOOMZ family", VIEW)
    store.save_view("kept as is", {"page": "ask", "q": "what is BLOOMZ built on"})
    text = json.dumps({"views": {
        "good one": {"page": "paths", "from": "model:bloomz", "to": "lang:swh"},
        "good two": {"page": "ask", "q": "models from Korean labs"},
        "bloomz   FAMILY": VIEW,  # folds like a saved name
        "kept as is": {"page": "ask", "q": "what is BLOOMZ built on"},  # the very same view
        "no page": {"id": "model:bloomz"},
        "unknown key": {"page": "explore", "id": "model:bloomz", "renderer": "iframe"},
        "Good  One": {"page": "ask", "q": "x"},  # folds like another name of the same import
        "unknown page": {"page": "admin"},
    }})
    report = import_views(store, text)
    assert sorted(report["added"]) == ["good one", "good two"] and report["unchanged"] == ["kept as is"]
    why = dict(report["refused"])
    assert set(why) == {"bloomz FAMILY", "no page", "unknown key", "Good One", "unknown page"}
    assert "collides with the saved view 'BLOOMZ family'" in why["bloomz FAMILY"]
    assert "collides with 'good one'" in why["Good One"]
    assert "no parameter 'renderer'" in why["unknown key"] and "no page is called 'admin'" in why["unknown page"]
    assert store.saved_views()["BLOOMZ family"] == VIEW  # not overwritten


def test_an_import_nested_100000_deep_or_huge_is_refused_at_once(tmp_path):
    store = _FileStore(tmp_path / "views.json")
    for text, message in (("[" * 100_000 + "]" * 100_000, "nests deeper"), ("{" + " " * (MAX_FILE_BYTES + 1) + "}", "bytes")):
        t = time.perf_counter()
        with pytest.raises(ViewError, match=message):
            import_views(store, text)
        assert time.perf_counter() - t < 5
    assert store.saved_views() == {}


def test_names_that_fold_alike_collide_and_the_exact_name_replaces(tmp_path):
    f = ViewsFile(tmp_path / "views.json")
    assert f.save("  BLOOMZ family ", VIEW) == "BLOOMZ family"
    for other in ("bloomz family", "BLOOMZ  family", "BLOOMZ\tFAMILY"):
        with pytest.raises(ViewError, match="collides"):
            f.save(other, {**VIEW, "depth": "2"})
    f.save("BLOOMZ family", {**VIEW, "depth": "3"})  # the exact name: a deliberate replacement
    assert f.load() == {"BLOOMZ family": {**VIEW, "depth": "3"}}
    with pytest.raises(ViewError, match="already saved"):
        f.save("BLOOMZ family", VIEW, replace=False)


def test_states_hold_only_their_pages_keys():
    assert page_state({"page": "explore", "id": "x", "renderer": "iframe", "q": "y", "sel": "z"}) == {
        "page": "explore", "id": "x", "q": "y", "sel": "z"}
    with pytest.raises(ViewError, match="no parameter"):
        ViewsFile("/nonexistent/v.json").save("v", {"page": "ask", "id": "model:bloomz"})


def test_page_keys_are_the_keys_the_pages_read_from_the_url():
    """PAGE_KEYS (graph) must list what each screen's url_init reads (ui): a new URL key needs a row here."""
    found = {}
    for script in sorted((ROOT / "ui" / "screens").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "url_init":
                page = node.args[0].value
                found[page] = {k.value for k in node.args[1].keys}
    assert found == {page: set(keys) for page, keys in PAGE_KEYS.items()}
    assert not set(COMMON_KEYS) & {k for keys in found.values() for k in keys}


@pytest.mark.slow
@pytest.mark.parametrize("content", [b"\xff\xfe{", b"[" * 100_000 + b"]" * 100_000, b"{" + b" " * (MAX_FILE_BYTES + 1)],
                         ids=["not-utf8", "deep", "huge"])
def test_every_page_still_runs_with_an_unreadable_views_file(tmp_path, monkeypatch, content):
    from streamlit.testing.v1 import AppTest

    from tests.support.app_load import app_pages

    path = tmp_path / "views.json"
    path.write_bytes(content)
    monkeypatch.setenv("MLLM_ATLAS_VIEWS", str(path))
    monkeypatch.delenv("MLLM_ATLAS_DATA_DIR", raising=False)
    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    for page in app_pages():
        at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=180)
        at.query_params["page"] = page
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert any("Saved views could not be read" in e.value for e in at.sidebar.error), page
        assert not at.main.error, (page, [e.value for e in at.main.error])
        assert at.main.title  # the page itself ran
    assert path.read_bytes() == content
