"""Saved views on both stores: a local JSON file (embedded) or nodes in the database (Bolt), the same calls
and answers; the graph's own reads (stats, whole) never see them; bad names and states are refused."""
from __future__ import annotations

import json

import pytest

from graph.saved_views import MAX_NAME, ViewError, ViewsFile, export_json, parse

VIEW = {"page": "explore", "id": "model:bloomz", "depth": "2"}


@pytest.fixture(params=["embedded", pytest.param("bolt", marks=pytest.mark.bolt)])
def store(request, tmp_path, monkeypatch):
    monkeypatch.setenv("MLLM_ATLAS_VIEWS", str(tmp_path / "views.json"))
    s = request.getfixturevalue("embedded_store" if request.param == "embedded" else "bolt_store")
    for name in list(s.saved_views()):
        s.delete_view(name)
    yield s
    for name in list(s.saved_views()):
        s.delete_view(name)


def test_save_list_replace_and_delete(store):
    before = store.stats()
    assert store.saved_views() == {}
    assert store.save_view("  BLOOMZ   family ", VIEW) == "BLOOMZ family"
    store.save_view("a coverage gap", {"page": "coverage", "row": "tech:code-switching"})
    assert list(store.saved_views()) == ["a coverage gap", "BLOOMZ family"]
    store.save_view("BLOOMZ family", {**VIEW, "depth": "3"})
    assert store.saved_views()["BLOOMZ family"]["depth"] == "3"
    assert store.stats() == before  # the graph's counts do not include saved views
    assert all(n.get("label") for n in store.whole().nodes.values())
    assert store.delete_view("BLOOMZ family") and not store.delete_view("BLOOMZ family")
    assert list(store.saved_views()) == ["a coverage gap"]


@pytest.mark.parametrize("name,state,message", [
    ("", VIEW, "needs a name"),
    ("x" * (MAX_NAME + 1), VIEW, "longer than"),
    ("no page", {"id": "model:bloomz"}, "names no page"),
    ("not strings", {"page": "explore", "depth": 2}, "strings"),
    ("huge", {"page": "explore", "q": "x" * 5000}, "longer than"),
])
def test_bad_views_are_refused_and_nothing_is_written(store, name, state, message):
    with pytest.raises(ViewError, match=message):
        store.save_view(name, state)
    assert store.saved_views() == {}


def test_export_and_import_round_trip(tmp_path):
    views = {"b": VIEW, "A": {"page": "paths", "from": "model:bloomz", "to": "lang:swh"}}
    text = export_json(views)
    assert list(parse(text)) == ["A", "b"] and parse(text)["b"] == VIEW
    f = ViewsFile(tmp_path / "sub" / "v.json")
    for n, s in parse(text).items():
        f.save(n, s)
    assert json.loads((tmp_path / "sub" / "v.json").read_text())["views"] == parse(text)
    with pytest.raises(ViewError, match="not JSON"):
        parse("{")
    with pytest.raises(ViewError, match="JSON object"):
        parse("[1, 2]")


def test_names_that_fold_alike_collide_on_every_store(store):
    """Issue 21: names differing only in case or spaces are a collision (reported), never an overwrite."""
    store.save_view("BLOOMZ family", VIEW)
    for other in ("bloomz family", "BLOOMZ   family"):
        with pytest.raises(ViewError, match="collides"):
            store.save_view(other, {**VIEW, "depth": "3"})
    with pytest.raises(ViewError, match="no parameter"):
        store.save_view("unknown key", {**VIEW, "renderer": "iframe"})
    assert store.saved_views() == {"BLOOMZ family": VIEW}
