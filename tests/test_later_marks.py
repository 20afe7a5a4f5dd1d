"""The post-survey mark (✦) in every list the pages show (issue 23, item 6): each list-producing view marks
exactly the works whose seed record says ``in_survey: false``, names inside lines of names carry it too, and
data exports carry ``after_survey`` (a boolean) instead of the glyph. Expectations come from the seed's own
flag, never from names written here."""
from __future__ import annotations

import csv
import io
import re

import pytest

from graph.ask import ask
from graph.seed.later_works import AFTER_SURVEY, MARK, MARK_MEANS, after_survey, later_mark, marked_name
from graph.store.index import index
from ui.views import compare, coverage, entity, evidence, evolution, finder, lineage, paths, reading, taxonomy

LATER_NAME = re.compile(re.escape(MARK) + " ")


@pytest.fixture(scope="module")
def idx(embedded_store):
    return index(embedded_store)


@pytest.fixture(scope="module")
def later(seed_data) -> set[str]:
    """The ids the seed itself says were added after the survey."""
    ids = {i for i, n in seed_data.nodes.items() if n.get("in_survey") is False}
    assert ids and len(ids) < len(seed_data.nodes)
    return ids


def _flags_match(rows: list[dict], later: set[str], id_key: str = "id", both: bool = True) -> None:
    """Every row's after_survey is its entity's seed flag; with ``both``, the rows hold some of each kind."""
    assert rows
    wrong = [r[id_key] for r in rows if r[AFTER_SURVEY] is not (r[id_key] in later)]
    assert not wrong, wrong
    if both:
        kinds = {r[id_key] in later for r in rows}
        assert kinds == {True, False}, "the sample should hold later and survey works"


def _names_marked(text: str, ids, idx, later: set[str]) -> None:
    """Each of ``ids`` appears in ``text`` marked exactly when the seed says it is a later work."""
    for i in ids:
        name = idx.name(i)
        if i in later:
            assert f"{MARK} {name}" in text, (i, text)
        else:
            assert name in text and f"{MARK} {name}" not in text, (i, text)


def _family(idx, later: set[str]) -> str:
    """A model or data set whose recorded family mixes later and survey members (found in the seed)."""
    for e in idx.data.edges:
        if e["type"] == "DERIVED_FROM" and (e["source"] in later) != (e["target"] in later):
            return e["target"]
    raise AssertionError("no DERIVED_FROM between a later work and a survey work")


# --- the one rule -----------------------------------------------------------------------------------
def test_the_mark_follows_the_seeds_flag_for_every_record(seed_data, later):
    for nid, node in seed_data.nodes.items():
        assert after_survey(node) is (nid in later)
        assert later_mark(node) == (f"{MARK} " if nid in later else "")
        assert marked_name(node) == later_mark(node) + str(node["name"])
    assert after_survey({"after_survey": True}) and not after_survey({"after_survey": False})
    assert not after_survey(None) and not after_survey({}) and later_mark("x") == ""
    assert "after the survey" in MARK_MEANS and MARK in MARK_MEANS and "2024-04" in MARK_MEANS


def test_the_index_marks_names_as_the_seed_says(idx, later):
    for nid in idx.nodes:
        assert idx.after_survey(nid) is (nid in later)
        assert idx.marked(nid) == (f"{MARK} " if nid in later else "") + idx.name(nid)


# --- Ask ----------------------------------------------------------------------------------------------
def _mixed_answer(store, later, most: int = 20):
    """An answer of at most ``most`` results that mixes later and survey works: "which models cover <a language
    covered by both>", the language found in the seed."""
    idx = index(store)
    for lang in sorted(i for i in idx.nodes if i.startswith("lang:")):
        models = idx.sources(lang, "COVERS_LANGUAGE")
        models = [m for m in models if m.startswith("model:")]
        if {m in later for m in models} == {True, False} and len(models) <= 20:
            a = ask(store, f"Which models cover {idx.name(lang)}?").to_json()
            if a["status"] == "answered" and {r["id"] in later for r in a["results"]} == {True, False} \
                    and len(a["results"]) <= most:
                return a
    raise AssertionError("no language covered by later and survey models")


def test_ask_results_and_evidence_are_marked(embedded_store, idx, later):
    answer = _mixed_answer(embedded_store, later)
    rows = reading.result_table(embedded_store, answer)
    _flags_match(rows, later)
    assert all(MARK not in r["name"] for r in rows)  # the table marks the name; the row keeps it plain
    for row, result in zip(rows, answer["results"]):
        path = result["evidence"][0]["paths"][0]["nodes"]
        _names_marked(row["evidence"], [n for n in path if n != result["id"]], idx, later)


def test_ask_export_carries_after_survey_not_the_glyph(embedded_store, later):
    answer = _mixed_answer(embedded_store, later)
    out = reading.answer_export(embedded_store, answer)
    _flags_match(out["results"], later)
    assert all(MARK not in r["name"] for r in out["results"])


def test_marked_names_for_a_comparison(embedded_store, idx, later):
    ids = sorted(later)[:3] + sorted(set(idx.nodes) - later)[:3]
    names = reading.marked_names(embedded_store, ids)
    assert all(names[i].startswith(f"{MARK} ") is (i in later) for i in ids)


# --- Explore ------------------------------------------------------------------------------------------
def test_search_hits_are_marked(embedded_store, idx, later):
    later_model = next(i for i in sorted(later) if i.startswith("model:"))
    hits = finder.find(embedded_store, idx.name(later_model).split()[0], limit=12)
    assert any(h["id"] == later_model for h in hits)
    _flags_match(hits, later, both=False)


def test_entity_page_header_relations_and_neighbours_are_marked(embedded_store, idx, later):
    node_id = _family(idx, later)
    page = entity.entity_page(embedded_store, node_id)
    assert page["after_survey"] is (node_id in later)
    _flags_match(page["relations"], later, id_key="other")
    _flags_match(page["neighbours"], later)
    later_page = entity.entity_page(embedded_store, sorted(later)[0])
    assert later_page["after_survey"] is True


def test_start_points_and_entity_choices_are_marked(embedded_store, later):
    _flags_match(entity.start_points(embedded_store), later, both=False)
    _flags_match(paths.entity_choices(embedded_store), later)


def test_similar_rows_are_marked(embedded_store, idx, later):
    node_id = _family(idx, later)
    rows = paths.similar_rows(embedded_store, node_id, 20)
    _flags_match(rows, later, both=False)
    assert any(r[AFTER_SURVEY] for r in rows) or not any(LATER_NAME.search(r["shared"]) for r in rows)


# --- Lineage, Paths -----------------------------------------------------------------------------------
def test_lineage_members_methods_and_names_in_lines_are_marked(embedded_store, idx, later):
    node_id = _family(idx, later)
    _flags_match(lineage.lineage_candidates(embedded_store), later)
    view = lineage.lineage_view(embedded_store, node_id)
    _flags_match(view["members"], later)
    family = {m["id"] for m in view["members"]}
    for m in view["members"]:
        _names_marked(m["derived_from"], [p for p in idx.targets(m["id"], "DERIVED_FROM") if p in family], idx, later)
    if view["methods"]:
        _flags_match(view["methods"], later, both=False)


def test_paths_lines_and_nodes_are_marked(embedded_store, idx, later):
    child = next(e for e in idx.data.edges
                 if e["type"] == "DERIVED_FROM" and e["source"] in later and e["target"] not in later)
    result = paths.path_view(embedded_store, child["source"], child["target"], 2, None, 3)
    _flags_match(result["nodes"], later)
    for row in result["rows"]:
        _names_marked(row["through"], row["ids"].split(" → "), idx, later)


# --- Coverage, Taxonomy, Evolution, Compare, Cypher ----------------------------------------------------
def test_coverage_rows_columns_and_cells_are_marked(embedded_store, later):
    for rows, cols in (("technique", "language"), ("category", "class")):
        m = coverage.coverage(embedded_store, rows, cols)
        _flags_match(m["rows"], later, both=False)
        if cols == "language":
            _flags_match(m["cols"], later, both=False)
        items = [it for cell in m["cells"].values() for it in cell]
        _flags_match(items, later)
    m = coverage.coverage(embedded_store, "technique", "language")
    assert any(r[AFTER_SURVEY] for r in m["rows"]) is any(i.startswith("tech:") for i in later)
    assert any(c[AFTER_SURVEY] for c in m["cols"]) is any(i.startswith("lang:") for i in later)


def test_taxonomy_items_categories_and_sectors_are_marked(embedded_store, later):
    tree = taxonomy.taxonomy_tree(embedded_store)
    rows = taxonomy.tree_rows(tree)
    _flags_match(rows, later)
    assert any(r[AFTER_SURVEY] for r in rows if r["kind"] == "category") is any(i.startswith("cat:") for i in later)
    sb = taxonomy.sunburst_data(tree, with_items=True)
    for pid, label in zip(sb["ids"], sb["labels"]):
        assert label.startswith(f"{MARK} ") is (pid.rsplit("/", 1)[-1] in later), (pid, label)


def test_evolution_points_and_labels_are_marked(embedded_store, later):
    points = evolution.evolution_points(embedded_store)
    _flags_match(points, later)
    lay = evolution.evolution_layout(points, [b["id"] for b in evolution.branches(embedded_store)])
    for p in lay["points"]:
        assert p["short"].startswith(f"{MARK} ") is (p["id"] in later)


def test_compare_marks_the_page_and_its_csv_says_after_survey(embedded_store, idx, later):
    child = next(e for e in idx.data.edges
                 if e["type"] == "DERIVED_FROM" and e["source"] in later and e["target"] not in later
                 and e["source"].startswith("model:"))
    ids = [child["target"], child["source"]]
    _flags_match(compare.compare_candidates(embedded_store), later)
    shown = compare.compare_table(embedded_store, ids, True)
    assert [c.startswith(f"{MARK} ") for c in shown["columns"]] == [i in later for i in ids]
    by_attr = {r["attribute"]: r for r in shown["rows"]}
    _names_marked(by_attr["base model / derived from"][shown["columns"][1]], [child["target"]], idx, later)
    data = compare.compare_table(embedded_store, ids)
    text = compare.table_csv(data)
    assert MARK not in text
    table = {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}
    assert table["after_survey"] == ["true" if i in later else "false" for i in ids]


def test_cypher_rows_get_a_mark_column_for_later_entities(embedded_store, idx, later):
    ids = sorted(later)[:2] + sorted(set(idx.nodes) - later)[:2]
    table = evidence.marked_rows(embedded_store, [{"n.id": i} for i in ids], "n.id")
    assert [r[MARK] == MARK for r in table] == [i in later for i in ids]
    survey = [{"n.id": i} for i in sorted(set(idx.nodes) - later)[:3]]
    assert evidence.marked_rows(embedded_store, survey, "n.id") == survey  # no empty column when none is later


# --- what the table shows -------------------------------------------------------------------------------
def test_a_table_shows_the_mark_in_the_name_and_not_the_boolean(idx, later):
    from ui.marks import table

    rows = [{"name": idx.name(i), "id": i, AFTER_SURVEY: idx.after_survey(i)}
            for i in sorted(later)[:2] + sorted(set(idx.nodes) - later)[:2]]
    shown, marked = table(rows)
    assert marked and all(AFTER_SURVEY not in r for r in shown)
    assert [r["name"] for r in shown] == [idx.marked(r["id"]) for r in rows]
    assert table(rows[2:])[1] is False


def test_the_canvas_marks_with_the_same_rule(embedded_store, idx, later):
    from ui.canvas_style import decorate

    ids = sorted(later)[:2] + sorted(set(idx.nodes) - later)[:2]
    payload = {"nodes": [{"id": i, "label": idx.name(i)} for i in ids], "edges": []}
    out = decorate(payload, {i: idx.nodes[i] for i in ids}, None)
    assert [n["label"] for n in out["nodes"]] == [idx.marked(i) for i in ids]
    assert out["legend"]["survey"] and out["legend"]["survey_means"] == MARK_MEANS


def test_survey_only_lists_carry_no_mark():
    """The Survey-only switch promises the survey's own graph: nothing it lists or draws is marked."""
    from graph.store import open_store

    store = open_store("embedded", survey_only=True)
    rows = (paths.entity_choices(store) + lineage.lineage_candidates(store) + compare.compare_candidates(store)
            + evolution.evolution_points(store) + taxonomy.tree_rows(taxonomy.taxonomy_tree(store)))
    assert rows and not any(r[AFTER_SURVEY] for r in rows)
    assert not any(MARK in label for label in taxonomy.sunburst_data(taxonomy.taxonomy_tree(store), True)["labels"])


def test_a_query_results_own_after_survey_column_is_shown_as_it_is():
    from ui.marks import table

    rows = [{"n.id": "model:x", "after_survey": "their value"}]
    assert table(rows, MARK, flag=None) == (rows, False)
