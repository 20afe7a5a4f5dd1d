"""in_survey on every node and relationship, the since_survey/ files, and survey_only() on both stores."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import schema
from graph.store.embedded import EmbeddedStore
from ingest.cli import main as ingest_main
from graph.seed.survey import survey_only
from graph.seed.validate import DataError, load_dataset
from tests.bolt_fixtures import load_seed

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

SINCE_MODELS = """\
- id: model:gamma
  name: Gamma
  year: 2025
  in_survey: false
  provenance: url:https://example.org/gamma
  derived_from: [model:beta-chat]
  trained_on: [ds:corpus]
  developed_by: [org:acme]
"""
SINCE_ORGS = """\
- id: org:newlab
  name: New Lab
  in_survey: false
"""


def _with_since(tmp_path: Path, files: dict[str, str]) -> Path:
    data = tmp_path / "seed_data"
    shutil.copytree(MINI, data)
    since = data / schema.SINCE_SURVEY_DIR
    since.mkdir()
    for name, text in files.items():
        (since / name).write_text(text, encoding="utf-8")
    return data


def test_every_label_and_relationship_type_has_in_survey_in_the_schema():
    for nt in schema.NODE_TYPES.values():
        assert nt.prop("in_survey").type == "bool"
    for rt in schema.REL_TYPES.values():
        assert rt.prop("in_survey").type == "bool"


def test_main_files_are_in_the_survey_and_survey_only_keeps_everything():
    data = load_dataset(MINI)
    assert all(n["in_survey"] is True for n in data.nodes.values())
    assert all(e["in_survey"] is True for e in data.edges)
    assert survey_only(data).normalised() == data.normalised()


def test_since_survey_records_are_read_marked_and_left_out_of_the_survey(tmp_path):
    survey = load_dataset(MINI)
    data = load_dataset(_with_since(tmp_path, {"models.yaml": SINCE_MODELS, "organizations.yaml": SINCE_ORGS}))
    assert data.nodes["model:gamma"]["in_survey"] is False and data.nodes["org:newlab"]["in_survey"] is False
    gamma = [e for e in data.edges if e["source"] == "model:gamma"]
    assert len(gamma) == 3 and not any(e["in_survey"] for e in gamma)
    only = survey_only(data)
    assert only.normalised() == survey.normalised()
    assert only.counts() == survey.counts()


def _mini_models_with(tmp_path, old: str, new: str):
    """A copy of the mini seed data whose models.yaml has ``old`` replaced by ``new`` (which must occur)."""
    data_dir = tmp_path / "seed_data"
    shutil.copytree(MINI, data_dir)
    text = (data_dir / "models.yaml").read_text(encoding="utf-8")
    assert old in text
    (data_dir / "models.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return data_dir


def test_a_main_record_may_say_it_is_not_in_the_survey_and_its_relationships_follow(tmp_path):
    data_dir = _mini_models_with(tmp_path, "- id: model:beta-chat-plus\n", "- id: model:beta-chat-plus\n  in_survey: false\n")
    data = load_dataset(data_dir)
    assert data.nodes["model:beta-chat-plus"]["in_survey"] is False
    # declared by an out-of-survey record: out; declared by an in-survey record towards it: out as well
    edge = next(e for e in data.edges if e["source"] == "model:beta-chat-plus")
    assert edge["in_survey"] is False
    only = survey_only(data)
    assert "model:beta-chat-plus" not in only.nodes
    assert all("model:beta-chat-plus" not in (e["source"], e["target"]) for e in only.edges)
    assert len(only.edges) == len(data.edges) - 1


def test_an_in_survey_record_pointing_at_later_work_gives_an_out_of_survey_relationship(tmp_path):
    data_dir = _with_since(tmp_path, {"organizations.yaml": SINCE_ORGS})
    text = (data_dir / "models.yaml").read_text(encoding="utf-8")
    text = text.replace("  derived_from: [model:beta-chat]\n", "  derived_from: [model:beta-chat]\n  developed_by: [org:newlab]\n")
    (data_dir / "models.yaml").write_text(text, encoding="utf-8")
    data = load_dataset(data_dir)
    edge = next(e for e in data.edges if e["target"] == "org:newlab")
    assert edge["source"] == "model:beta-chat-plus" and edge["in_survey"] is False
    assert survey_only(data).normalised() == load_dataset(MINI).normalised()


@pytest.mark.parametrize("text, line", [
    (SINCE_ORGS.replace("  in_survey: false\n", ""), 1),
    (SINCE_ORGS.replace("in_survey: false", "in_survey: true"), 3),
])
def test_a_since_survey_record_must_say_in_survey_false(tmp_path, capsys, text, line):
    data_dir = _with_since(tmp_path, {"organizations.yaml": text})
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    [issue] = info.value.issues
    assert issue.file == "seed_data/since_survey/organizations.yaml" and issue.line == line
    assert issue.id == "org:newlab" and "in_survey: false" in issue.message
    assert ingest_main(["validate", "--data", str(data_dir)]) == 1
    assert f"seed_data/since_survey/organizations.yaml:{line}: org:newlab" in capsys.readouterr().err


def test_since_survey_ids_may_not_repeat_a_main_id_and_unknown_files_are_refused(tmp_path):
    dup = "- id: org:acme\n  name: Acme again\n  in_survey: false\n"
    data_dir = _with_since(tmp_path, {"organizations.yaml": dup, "notes.yaml": "[]\n"})
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    messages = [str(i) for i in info.value.issues]
    assert any("since_survey/organizations.yaml:1: org:acme: duplicate id" in m for m in messages), messages
    assert any("since_survey/notes.yaml: unknown seed file" in m for m in messages), messages


def test_an_edge_entry_cannot_set_in_survey_itself(tmp_path):
    data_dir = _mini_models_with(tmp_path, "derived_from: [model:beta-chat]\n",
                                 "derived_from: [{to: model:beta-chat, in_survey: false}]\n")
    with pytest.raises(DataError, match="in_survey"):
        load_dataset(data_dir)


def test_the_embedded_store_carries_in_survey(tmp_path):
    data = load_dataset(_with_since(tmp_path, {"models.yaml": SINCE_MODELS, "organizations.yaml": SINCE_ORGS}))
    store = EmbeddedStore.from_data(data)
    assert store.get_node("model:gamma")["in_survey"] is False
    assert store.get_node("model:beta-chat")["in_survey"] is True
    whole = store.whole()
    assert whole.normalised() == data.normalised()
    assert survey_only(whole).counts() == load_dataset(MINI).counts()


@pytest.mark.bolt
def test_the_bolt_loader_carries_in_survey(scratch_bolt, tmp_path):
    data = load_dataset(_with_since(tmp_path, {"models.yaml": SINCE_MODELS, "organizations.yaml": SINCE_ORGS}))
    load_seed(scratch_bolt, data)
    with scratch_bolt.connect() as store:
        assert store.get_node("model:gamma")["in_survey"] is False
        assert store.get_node("model:beta-chat")["in_survey"] is True
        whole = store.whole()
    assert whole.normalised() == data.normalised()
    assert survey_only(whole).counts() == load_dataset(MINI).counts()


def test_survey_only_of_the_shipped_data_is_exactly_its_main_files(tmp_path, seed_data):
    from graph.seed.validate import DEFAULT_DATA_DIR

    main_only = tmp_path / "seed_data"
    shutil.copytree(DEFAULT_DATA_DIR, main_only, ignore=shutil.ignore_patterns(schema.SINCE_SURVEY_DIR))
    survey = load_dataset(main_only)
    assert all(n["in_survey"] for n in survey.nodes.values())
    assert survey_only(seed_data).normalised() == survey.normalised()
    later = [n for n in seed_data.nodes.values() if not n["in_survey"]]
    assert len(seed_data.nodes) == len(survey.nodes) + len(later)


def test_open_store_survey_only_on_both_stores_is_exactly_the_survey(seed_data, bolt_loaded):
    """--survey-only opens exactly the survey's graph: on the embedded store and on the Bolt server (which
    holds everything), the same nodes and relationships, and the same answers."""
    from graph.ask import ask
    from graph.store import open_store

    expected = survey_only(seed_data)
    embedded = open_store("embedded", survey_only=True)
    bolt = open_store("neo4j", survey_only=True, uri=bolt_loaded.uri, user=bolt_loaded.user,
                      password=bolt_loaded.password, database=bolt_loaded.database)
    for store in (embedded, bolt):
        assert store.stats() == expected.counts()
        assert all(n.get("in_survey") is True for n in store.nodes())
        assert store.whole().normalised() == expected.normalised()
    later = [nid for nid, n in seed_data.nodes.items() if n.get("in_survey") is False]
    assert later and all(embedded.get_node(i) is None and bolt.get_node(i) is None for i in later)
    for q in ("open models since 2023", "which models are derived from LLaMA"):
        assert ask(embedded, q).ids == ask(bolt, q).ids
    assert len(seed_data.nodes) > expected.counts()["total_nodes"]


def test_cli_survey_only_flag_counts_the_survey(seed_data, capsys):
    import json

    from graph.cli import main as graph_main

    assert graph_main(["stats", "--json", "--survey-only"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert {k: counts[k] for k in ("nodes", "relationships")} == {k: survey_only(seed_data).counts()[k]
                                                                  for k in ("nodes", "relationships")}
    assert ingest_main(["validate", "--survey-only", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_nodes"] == survey_only(seed_data).counts()["total_nodes"]
