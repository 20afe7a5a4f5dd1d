"""Issue 24's guards on later works: a reference on each, lineage forward in time, names that resolve to
more than one entity (listed, and asked about), and the holdings report per year and taxonomy branch."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import schema
from graph.seed.holdings import WORK_LABELS, holdings
from graph.search.resolve import UnknownEntity, ambiguous_names, resolve
from graph.seed.survey import survey_only
from graph.seed.validate import DataError, load_dataset
from graph.store.embedded import EmbeddedStore
from ingest.cli import main as ingest_main

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def _mini(tmp_path: Path, since: dict[str, str] | None = None, edit: tuple[str, str, str] | None = None) -> Path:
    """A copy of the mini seed with since_survey/ files and, optionally, one (file, old, new) edit of a main file."""
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    if since:
        (data / schema.SINCE_SURVEY_DIR).mkdir()
        for name, text in since.items():
            (data / schema.SINCE_SURVEY_DIR / name).write_text(text, encoding="utf-8")
    if edit:
        f, old, new = edit
        text = (data / f).read_text(encoding="utf-8")
        assert old in text
        (data / f).write_text(text.replace(old, new), encoding="utf-8")
    return data


def _issues(data: Path) -> list:
    with pytest.raises(DataError) as info:
        load_dataset(data)
    return info.value.issues


# ---- a later work needs a reference ------------------------------------------------------------------

def test_a_later_paper_without_a_reference_is_refused(tmp_path):
    data = _mini(tmp_path, {"papers.yaml": "- id: paper:gamma\n  name: Gamma\n  year: 2025\n  in_survey: false\n"})
    [issue] = _issues(data)
    assert (issue.file, issue.line, issue.id) == ("seed_data/since_survey/papers.yaml", 1, "paper:gamma")
    assert "a later paper needs a reference" in issue.message


@pytest.mark.parametrize("ref", ["arxiv: '2501.00001'", "url: https://example.org/gamma",
                                 "provenance: acl:2025.acl-long.1", "doi: 10.1000/xyz"])
def test_any_one_reference_is_enough_for_a_later_paper(tmp_path, ref):
    data = _mini(tmp_path, {"papers.yaml": f"- id: paper:gamma\n  name: Gamma\n  year: 2025\n  in_survey: false\n  {ref}\n"})
    assert load_dataset(data).nodes["paper:gamma"]["in_survey"] is False


def test_a_later_model_needs_its_own_reference_or_a_referenced_paper(tmp_path):
    bare = "- id: model:gamma\n  name: Gamma\n  year: 2025\n  in_survey: false\n"
    [issue] = _issues(_mini(tmp_path / "a", {"models.yaml": bare}))
    assert issue.id == "model:gamma" and "a later work needs a reference" in issue.message
    # introduced by a paper that has one: accepted
    paper = "- id: paper:gamma\n  name: Gamma paper\n  year: 2025\n  in_survey: false\n  arxiv: '2501.00002'\n"
    data = _mini(tmp_path / "b", {"papers.yaml": paper,
                                  "models.yaml": bare + "  introduced_in: [{to: paper:gamma, provenance: arxiv:2501.00002}]\n"})
    assert "model:gamma" in load_dataset(data).nodes
    # survey records are the survey's: none of them is asked for a reference (mini's main records have none)
    assert load_dataset(MINI).nodes["paper:beta"].get("arxiv") is None


# ---- lineage runs forward in time ---------------------------------------------------------------------

def test_a_child_older_than_its_parent_is_refused_unless_a_note_explains(tmp_path):
    older = ("models.yaml", "  name: Beta Chat Plus\n  year: 2023\n", "  name: Beta Chat Plus\n  year: 2021\n")
    [issue] = _issues(_mini(tmp_path / "a", edit=older))
    assert issue.id == "model:beta-chat-plus" and issue.file == "seed_data/models.yaml"
    assert "derived_from -> model:beta-chat" in issue.message and "older than its parent" in issue.message
    noted = ("models.yaml", "  name: Beta Chat Plus\n  year: 2023\n  provenance: url:https://example.org/beta-chat-plus\n"
             "  derived_from: [model:beta-chat]",
             "  name: Beta Chat Plus\n  year: 2021\n  provenance: url:https://example.org/beta-chat-plus\n"
             "  derived_from: [{to: model:beta-chat, note: 'an early checkpoint, released before the parent model'}]")
    assert load_dataset(_mini(tmp_path / "b", edit=noted)).nodes["model:beta-chat-plus"]["year"] == 2021


def test_shipped_lineage_runs_forward(seed_data):
    years = {nid: n.get("year") for nid, n in seed_data.nodes.items()}
    for e in seed_data.edges:
        if e["type"] == "DERIVED_FROM" and not e.get("note") and years[e["source"]] and years[e["target"]]:
            assert years[e["source"]] >= years[e["target"]], e


def test_every_later_work_is_referenced(seed_data):
    for nid, n in seed_data.nodes.items():
        if n["label"] == "Paper" and not n["in_survey"]:
            assert n.get("arxiv") or n.get("acl") or n.get("doi") or n.get("url"), nid


# ---- names that resolve to more than one entity --------------------------------------------------------

KINDS = ["Category", "Technique", "Model", "Dataset", "Method", "Organization"]


@settings(max_examples=30, deadline=None)
@given(kinds=st.lists(st.sampled_from(KINDS), min_size=2, max_size=4, unique=True),
       name=st.text(alphabet="abcdefghijkXYZ", min_size=3, max_size=8))
def test_a_name_shared_across_kinds_is_listed_and_asked_about(kinds, name):
    prefix = {lab: schema.NODE_TYPES[lab].prefix for lab in KINDS}
    nodes = [{"id": f"{prefix[k]}:n{i}", "label": k, "name": f"Thing {i}", "aliases": [name]} for i, k in enumerate(kinds)]
    nodes.append({"id": "paper:p", "label": "Paper", "name": name})  # a paper of that name gives way
    listed = dict(ambiguous_names(nodes))
    assert sorted(listed[name]) == sorted(n["id"] for n in nodes[:-1])
    store = EmbeddedStore.from_data(_graph(nodes))
    with pytest.raises(UnknownEntity) as info:
        resolve(store, name)
    assert "did you mean" in str(info.value) and sorted(info.value.suggestions) == sorted(listed[name])
    for n in nodes[:-1]:  # naming the kind settles it
        assert resolve(store, name, label=n["label"]) == n["id"]


def test_a_paper_sharing_its_works_name_does_not_make_it_ambiguous():
    nodes = [{"id": "paper:okapi", "label": "Paper", "name": "Okapi"}, {"id": "model:okapi", "label": "Model", "name": "Okapi"}]
    assert ambiguous_names(nodes) == []
    assert resolve(EmbeddedStore.from_data(_graph(nodes)), "okapi") == "model:okapi"


def test_shipped_ambiguous_names_are_reported_and_old_ids_resolve(seed_data, capsys):
    store = EmbeddedStore.from_data(seed_data)
    listed = dict(ambiguous_names(seed_data.nodes.values()))
    for name, ids in listed.items():
        assert len({seed_data.nodes[i]["label"] for i in ids}) >= 1 and len(ids) > 1
        with pytest.raises(UnknownEntity):
            resolve(store, name)
    # merged and renamed records keep their old ids as aliases
    assert resolve(store, "ds:oromo") == "ds:afriberta-corpus"
    assert resolve(store, "method:overmiss") == "ds:overmiss"
    assert ingest_main(["validate", "--report", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(a["name"], a["ids"]) for a in out["ambiguous_names"]] == [(n, ids) for n, ids in listed.items()]


def _graph(nodes):
    from graph.schema.model import GraphData

    return GraphData(nodes={n["id"]: {"in_survey": True, **n} for n in nodes}, edges=[])


# ---- what the atlas holds --------------------------------------------------------------------------------

def test_holdings_add_up_per_year_and_per_branch(seed_data):
    h = holdings(seed_data)
    works = [n for n in seed_data.nodes.values() if n["label"] in WORK_LABELS]
    for side, flag in (("survey", True), ("later", False)):
        assert h["totals"][side] == sum(1 for n in works if n["in_survey"] is flag)
        assert sum(r[f"{lab.lower()}_{side}"] for r in h["by_year"] for lab in WORK_LABELS) == h["totals"][side]
    rows = {r["category"]: r for r in h["by_branch"]}
    for e in seed_data.edges:  # a branch holds at least what each of its sub-branches holds
        if e["type"] == "SUBCATEGORY_OF":
            for side in ("survey", "later"):
                assert rows[e["target"]][side] >= rows[e["source"]][side]
    classified = {e["source"] for e in seed_data.edges if e["type"] == "CLASSIFIED_AS"}
    root = [r for r in h["by_branch"] if r["depth"] == 0]
    assert sum(r["survey"] + r["later"] for r in root) == len(classified & {n["id"] for n in works})


def test_the_survey_graph_holds_no_later_work(seed_data):
    h = holdings(survey_only(seed_data))
    assert h["totals"]["later"] == 0 and h["totals"]["survey"] > 0
    assert not any(r["added"] for r in h["by_branch"])


def test_ingest_report_prints_years_and_branches(capsys, tmp_path):
    assert ingest_main(["report"]) == 0
    text = capsys.readouterr().out
    assert "Works per year" in text and "Works per taxonomy branch" in text and "cat:sft" in text
    assert ingest_main(["report", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"by_year", "by_branch", "unclassified", "totals"}
    assert ingest_main(["report", "--data", str(tmp_path / "missing")]) == 1
    assert "not a directory" in capsys.readouterr().err
