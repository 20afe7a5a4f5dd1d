"""ui.views on a small hand-made graph: the numbers each page shows, checked against the graph."""
from __future__ import annotations

import csv
import io

import pytest

from graph.schema.model import GraphData
from graph.store.embedded import EmbeddedStore
from ui.views import compare, coverage, entity, evidence, evolution, finder, lineage, taxonomy
from ui.views.canned import canned_queries
from graph.draw.subgraph import trim

P = ["survey:test"]


def _graph(extra_nodes=(), extra_edges=()) -> GraphData:
    nodes = [
        ("cat:mllm-alignment", "Category", "Root", {"level": "root"}),
        ("cat:pta", "Category", "Parameter-tuning alignment", {"level": "family", "abbreviation": "PTA"}),
        ("cat:pfa", "Category", "Parameter-frozen alignment", {"level": "family", "abbreviation": "PFA"}),
        ("cat:pretraining", "Category", "Pretraining alignment", {"level": "category"}),
        ("cat:sft", "Category", "SFT alignment", {"level": "category"}),
        ("cat:rlhf", "Category", "RLHF alignment", {"level": "category"}),
        ("cat:finetuning", "Category", "Finetuning alignment", {"level": "category"}),
        ("cat:code-switching-prompting", "Category", "Code-switching prompting", {"level": "category"}),
        ("paper:a", "Paper", "Paper A", {"year": 2023, "arxiv": "2301.00001", "code_url": "https://example.org/a"}),
        ("paper:b", "Paper", "Paper B", {"year": 2022}),
        ("method:cs", "Method", "CS-Prompt", {"year": 2023, "open": True}),
        ("model:base", "Model", "Base", {"year": 2021, "open": True}),
        ("model:chat", "Model", "Chat", {"year": 2022, "open": False}),
        ("model:chat2", "Model", "Chat Two", {"year": 2023}),
        ("model:noyear", "Model", "No Year", {}),
        ("ds:corpus", "Dataset", "Corpus", {"stage": "pretraining", "year": 2020}),
        ("tech:code-switching", "Technique", "Code-switching", {}),
        ("tech:translation", "Technique", "Translation", {}),
        ("lang:eng", "Language", "English", {"iso639_3": "eng", "resource_class": 5}),
        ("lang:swh", "Language", "Swahili", {"iso639_3": "swh", "resource_class": 2}),
        ("lang:wol", "Language", "Wolof", {"iso639_3": "wol", "resource_class": 0}),
    ]
    edges = [
        ("cat:pta", "cat:mllm-alignment", "SUBCATEGORY_OF", {}),
        ("cat:pfa", "cat:mllm-alignment", "SUBCATEGORY_OF", {}),
        ("cat:pretraining", "cat:pta", "SUBCATEGORY_OF", {}),
        ("cat:sft", "cat:pta", "SUBCATEGORY_OF", {}),
        ("cat:rlhf", "cat:pta", "SUBCATEGORY_OF", {}),
        ("cat:finetuning", "cat:pta", "SUBCATEGORY_OF", {}),
        ("cat:code-switching-prompting", "cat:pfa", "SUBCATEGORY_OF", {}),
        ("paper:a", "cat:code-switching-prompting", "CLASSIFIED_AS", {}),
        ("paper:a", "cat:sft", "CLASSIFIED_AS", {}),
        ("paper:b", "cat:sft", "CLASSIFIED_AS", {}),
        ("method:cs", "cat:code-switching-prompting", "CLASSIFIED_AS", {}),
        ("model:base", "cat:pretraining", "CLASSIFIED_AS", {}),
        ("model:chat", "cat:sft", "CLASSIFIED_AS", {}),
        ("model:noyear", "cat:sft", "CLASSIFIED_AS", {}),
        ("paper:a", "method:cs", "INTRODUCES", {}),
        ("method:cs", "tech:code-switching", "USES_TECHNIQUE", {}),
        ("paper:a", "tech:code-switching", "USES_TECHNIQUE", {}),
        ("paper:b", "tech:translation", "USES_TECHNIQUE", {}),
        ("method:cs", "lang:swh", "COVERS_LANGUAGE", {"role": "targeted"}),
        ("method:cs", "lang:eng", "COVERS_LANGUAGE", {"role": "evaluated"}),
        ("paper:a", "lang:swh", "COVERS_LANGUAGE", {"role": "targeted"}),
        ("paper:b", "lang:eng", "COVERS_LANGUAGE", {"role": "targeted"}),
        ("model:chat", "model:base", "DERIVED_FROM", {}),
        ("model:chat2", "model:chat", "DERIVED_FROM", {}),
        ("method:cs", "model:chat", "APPLIED_TO", {"provenance": ["arxiv:2301.00001"]}),
        ("model:base", "ds:corpus", "TRAINED_ON", {}),
    ]
    data = GraphData()
    for nid, label, name, props in list(nodes) + list(extra_nodes):
        data.nodes[nid] = {"id": nid, "label": label, "name": name, **props}
    for s, t, typ, props in list(edges) + list(extra_edges):
        data.edges.append({"source": s, "target": t, "type": typ, "provenance": P, **props})
    return data


@pytest.fixture(scope="module")
def mini_store():
    return EmbeddedStore.from_data(_graph())


def test_describe_store_hides_credentials():
    from graph.store import describe_target

    assert describe_target("neo4j", "bolt://alice:s3cret@db.example.org:7687") == "neo4j · db.example.org:7687"
    assert "s3cret" not in describe_target("neo4j", "neo4j+s://bob:pw@host")
    assert describe_target("embedded") == "embedded"


def test_taxonomy_counts_are_distinct_items_of_the_subtree(mini_store):
    tree = taxonomy.taxonomy_tree(mini_store)
    assert tree["count"] == 6  # paper:a, paper:b, method:cs, model:base, model:chat, model:noyear
    fams = {c["id"]: c for c in tree["children"]}
    assert fams["cat:pta"]["count"] == 5 and fams["cat:pfa"]["count"] == 2
    assert fams["cat:pfa"]["by_label"] == {"Method": 1, "Paper": 1}
    rows = taxonomy.tree_rows(tree)
    assert [r["depth"] for r in rows if r["id"] == "cat:sft"] == [2]
    assert {r["id"] for r in rows if r["kind"] == "Paper"} == {"paper:a", "paper:b"}


def test_sunburst_values_are_consistent_totals(mini_store):
    sb = taxonomy.sunburst_data(taxonomy.taxonomy_tree(mini_store), with_items=True)
    value = dict(zip(sb["ids"], sb["values"]))
    for pid in sb["ids"]:
        kids = [v for i, v, p in zip(sb["ids"], sb["values"], sb["parents"]) if p == pid]
        assert value[pid] >= sum(kids)
    assert len(set(sb["ids"])) == len(sb["ids"])  # paper:a sits under two categories, still unique ids


def test_evolution_places_items_with_a_year_on_their_branch(mini_store):
    pts = evolution.evolution_points(mini_store)
    where = {(p["id"], p["branch"]) for p in pts}
    assert ("method:cs", "cat:pfa") in where  # through a subcategory of PFA
    assert ("model:base", "cat:pretraining") in where and ("model:chat", "cat:sft") in where
    assert not any(p["id"] in ("model:noyear", "paper:a") for p in pts)  # no year / not a Model-Method-Dataset
    assert {p["id"]: evolution.openness(p["open"]) for p in pts}["model:chat"] == "closed"
    lay = evolution.evolution_layout(pts, [b["id"] for b in evolution.branches(mini_store)])
    assert len({(p["x"], p["y"]) for p in lay["points"]}) == len(pts)


def test_a_new_model_appears_on_the_evolution_figure_without_code_changes():
    data = _graph(extra_nodes=[("model:new", "Model", "Brand New", {"year": 2024, "open": True})],
                  extra_edges=[("model:new", "cat:rlhf", "CLASSIFIED_AS", {})])
    pts = evolution.evolution_points(EmbeddedStore.from_data(data))
    assert [(p["branch"], p["year"]) for p in pts if p["id"] == "model:new"] == [("cat:rlhf", 2024)]


def test_coverage_by_class_counts_items_and_lists_gaps(mini_store):
    m = coverage.coverage(mini_store, "technique", "class")
    rows = [r["id"] for r in m["rows"]]
    cols = [c["id"] for c in m["cols"]]
    cs = m["counts"][rows.index("tech:code-switching")]
    assert cs[cols.index("2")] == 2 and cs[cols.index("5")] == 1 and cs[cols.index("0")] == 0
    assert {i["id"] for i in coverage.cell_items(m, "tech:code-switching", "2")} == {"method:cs", "paper:a"}
    assert coverage.cell_items(m, "tech:code-switching", "0") == []
    gap = next(g for g in m["gaps"] if g["row"] == "tech:code-switching")
    assert any(name.startswith("0 ") for name in gap["missing"])
    assert m["empty_cells"] == sum(v == 0 for row in m["counts"] for v in row)


def test_coverage_by_category_and_language_with_filters(mini_store):
    m = coverage.coverage(mini_store, "category", "language", roles=("targeted",))
    rows = [r["id"] for r in m["rows"]]
    cols = [c["id"] for c in m["cols"]]
    assert "cat:mllm-alignment" not in rows
    assert m["counts"][rows.index("cat:pfa")][cols.index("lang:swh")] == 2  # rolled up from the subcategory
    assert m["counts"][rows.index("cat:pfa")][cols.index("lang:eng")] == 0  # English is only 'evaluated'
    low = coverage.coverage(mini_store, "technique", "language", classes=(0, 1, 2))
    assert [c["id"] for c in low["cols"]] == ["lang:swh", "lang:wol"]
    with pytest.raises(ValueError):
        coverage.coverage(mini_store, "nonsense", "class")


def test_compare_table_side_by_side_and_csv(mini_store):
    t = compare.compare_table(mini_store, ["method:cs", "model:chat", "nope:x"])
    assert t["columns"] == ["CS-Prompt", "Chat"] and t["unknown"] == ["nope:x"]
    rows = {r["attribute"]: r for r in t["rows"]}
    assert rows["techniques"]["CS-Prompt"] == "Code-switching"
    assert rows["base model / derived from"]["CS-Prompt"] == "Chat"
    assert rows["base model / derived from"]["Chat"] == "Base"
    assert rows["low-resource languages"]["CS-Prompt"] == "Swahili"
    assert "https://arxiv.org/abs/2301.00001" in rows["links"]["CS-Prompt"]
    parsed = list(csv.reader(io.StringIO(compare.table_csv(t))))
    assert parsed[0] == ["attribute", "CS-Prompt", "Chat"] and len(parsed) == len(t["rows"]) + 1
    assert len(compare.compare_table(mini_store, [c["id"] for c in compare.compare_candidates(mini_store)])["ids"]) \
        == compare.MAX_COMPARE


def test_lineage_generations_and_methods(mini_store):
    lin = lineage.lineage_view(mini_store, "model:chat")
    gen = {m["id"]: (m["relation"], m["generation"]) for m in lin["members"]}
    assert gen == {"model:base": ("ancestor", -1), "model:chat": ("self", 0), "model:chat2": ("descendant", 1)}
    assert [m["id"] for m in lin["methods"]] == ["method:cs"]
    assert "method:cs" in lin["graph"].nodes
    assert lineage.lineage_candidates(mini_store)[0]["family"] > 0
    assert lineage.lineage_view(mini_store, "model:missing")["members"] == []


def test_entity_page_links_relations_and_neighbours(mini_store):
    page = entity.entity_page(mini_store, "paper:a")
    urls = [lk["url"] for lk in page["links"]]
    assert "https://arxiv.org/abs/2301.00001" in urls and "https://example.org/a" in urls
    assert "https://arxiv.org/abs/2404.04925" in urls  # survey:... provenance of its edges
    assert {n["id"] for n in page["neighbours"]} == {"cat:code-switching-prompting", "cat:sft", "method:cs",
                                                    "tech:code-switching", "lang:swh"}
    assert any(r["type"] == "COVERS_LANGUAGE:targeted" for r in page["relations"])
    assert entity.entity_page(mini_store, "paper:none") is None
    hood = entity.neighbourhood(mini_store, "paper:a", 2, ("Method", "Model"), 400)
    assert set(hood.nodes) == {"paper:a", "method:cs", "model:chat"}


def test_trim_keeps_focus_and_says_what_was_left_out(mini_store):
    whole = mini_store.whole()
    small = trim(whole, 5, focus=["lang:wol"])
    assert len(small.nodes) == 5 and "lang:wol" in small.nodes
    assert f"left out {len(whole.nodes) - 5}" in small.note
    assert all(e["source"] in small.nodes and e["target"] in small.nodes for e in small.edges)
    assert trim(whole, 1000).note == ""


def test_one_trim_rule_for_stores_and_selections(mini_store):
    """A store's trimmed neighbourhood is graph.draw.subgraph.trim of the whole neighbourhood, note included."""
    from graph.draw.selection import select

    full = mini_store.neighbourhood(["paper:a"], depth=2, limit=1000)
    assert len(full.nodes) > 4 and not full.note
    cut = mini_store.neighbourhood(["paper:a"], depth=2, limit=4)
    assert cut.nodes == trim(full, 4, focus=["paper:a"]).nodes and cut.note == trim(full, 4, focus=["paper:a"]).note
    assert cut.note.startswith("trimmed to the 4 closest") and "paper:a" in cut.nodes
    assert select(mini_store, focus=["paper:a"], depth=2, limit=4).note == cut.note
    whole = select(mini_store, limit=4)
    assert whole.note.startswith("trimmed to the 4 most connected")


def test_evidence_ids_and_graphs(mini_store):
    from graph.ask.answer import Answer, Evidence, Result

    path = {"nodes": ["method:cs", "tech:code-switching"], "rels": [{"type": "USES_TECHNIQUE", "role": None,
            "dir": "->"}], "text": "method:cs -[:USES_TECHNIQUE]-> tech:code-switching"}
    ev = Evidence("-[:USES_TECHNIQUE]-> Code-switching", paths=[path], total_paths=1)
    answer = Answer("q", "", None, "", {}, results=[Result("method:cs", "Method", "CS-Prompt", [ev])]).to_json()
    assert evidence.answer_ids(answer) == ["method:cs", "tech:code-switching"]
    g = evidence.evidence_graph(mini_store, answer)
    assert set(g.nodes) == {"method:cs", "tech:code-switching"} and len(g.edges) == 1
    rows = evidence.result_rows(answer)
    assert rows[0]["id"] == "method:cs" and "USES_TECHNIQUE" in rows[0]["evidence"]
    console = {"columns": ["id", "n"], "rows": [["model:chat", 1], ["not an id", 2], [{"id": "model:base"}, 3]]}
    assert set(evidence.console_graph(mini_store, console["rows"]).nodes) == {"model:chat", "model:base"}


def test_search_finds_typos(mini_store):
    hits = finder.find(mini_store, "swahli")
    assert hits and hits[0]["id"] == "lang:swh" and set(hits[0]) == {"id", "label", "name", "score", "after_survey"}
    assert finder.find(mini_store, "   ") == []


def test_canned_queries_are_read_with_their_parameters(tmp_path):
    (tmp_path / "lineage.cypher").write_text("// Ancestors of a model\n// params: {\"id\": \"model:bloomz\"}\n"
                                             "MATCH (m {id: $id})-[:DERIVED_FROM*]->(a) RETURN a.id, $limit\n")
    (tmp_path / "notes.txt").write_text("not a query")
    qs = canned_queries(tmp_path)
    assert [q["name"] for q in qs] == ["lineage"]
    assert qs[0]["description"] == "Ancestors of a model"
    assert qs[0]["params"] == {"id": "model:bloomz", "limit": ""}
    assert canned_queries(tmp_path / "missing") == []


def test_canned_query_examples_from_a_parameters_line(tmp_path):
    (tmp_path / "low.cypher").write_text('// Low-resource methods\n// Parameters: $category (e.g. "cat:pfa"), '
                                         '$max_class (e.g. 2)\nMATCH (m:Method) WHERE m.c = $category '
                                         'AND m.k <= $max_class RETURN m.id\n')
    assert canned_queries(tmp_path)[0]["params"] == {"category": "cat:pfa", "max_class": 2}


def test_canned_query_reader_uses_the_lexer(tmp_path):
    (tmp_path / "q.cypher").write_text('// Names with a dollar\nMATCH (n) WHERE n.name = "$notaparam // x" '
                                       "AND n.id = $id RETURN n.id // $nope\n")
    q = canned_queries(tmp_path)[0]
    assert q["params"] == {"id": ""} and q["description"] == "Names with a dollar"


def test_every_export_format_gives_bytes_with_a_fitting_file_name(mini_store):
    from ui.views import exporting

    data = lineage.lineage_view(mini_store, "model:chat")["graph"]
    formats = exporting.export_formats()
    assert formats[0] == "json"
    for fmt in formats:
        payload = exporting.export_bytes(data, fmt, focus=["model:chat"], title="t")
        assert payload, fmt
        name = exporting.file_name("lineage", fmt)
        assert name.startswith("lineage.") and (payload[:2] != b"PK" or name.endswith((".zip", ".pptx")))


def test_evolution_draws_the_figure_as_the_survey_did_and_marks_later_work(embedded_store):
    """Bode's weights are released (open) though the survey's figure marks it closed: the full view says
    open, the figure-only view draws it as the figure did. Work added after the survey reaches the figure
    through its year, marked ✦."""
    full = {p["id"]: p for p in evolution.evolution_points(embedded_store)}
    fig = {p["id"]: p for p in evolution.evolution_points(embedded_store, only_figure=True)}
    bode = embedded_store.get_node("model:bode")
    assert bode["open"] is True and bode["open_in_figure"] is False
    assert full["model:bode"]["open"] is True and fig["model:bode"]["open"] is False
    later = [p for p in full.values() if not p["in_survey"]]
    assert later and all(p["id"] not in fig for p in later)
    assert max(p["year"] for p in later) > max(p["year"] for p in fig.values())
    lay = evolution.evolution_layout(list(full.values()), [b["id"] for b in evolution.branches(embedded_store)])
    marked = {p["id"] for p in lay["points"] if p["short"].startswith("✦ ")}
    assert marked == {p["id"] for p in later}
