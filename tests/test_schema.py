"""The schema is consistent, and the validator, loaders and legend all read it."""
from __future__ import annotations

from pathlib import Path

from graph import schema
from graph.seed.records import record_model

SEED = Path(__file__).resolve().parent.parent / "seed_data"


def test_required_labels_and_relationship_types_exist():
    assert {"Category", "Paper", "Method", "Model", "Dataset", "Language", "Technique", "Frontier",
            "Organization"} <= set(schema.LABELS)
    assert {"SUBCATEGORY_OF", "CLASSIFIED_AS", "INTRODUCES", "USES_TECHNIQUE", "COVERS_LANGUAGE", "DERIVED_FROM",
            "APPLIED_TO", "TRAINED_ON", "EVALUATED_ON", "ADDRESSES", "DEVELOPED_BY"} <= set(schema.REL_TYPES)


def test_endpoints_name_known_labels_and_fields_are_unique():
    fields = []
    for rt in schema.REL_TYPES.values():
        assert set(rt.sources) <= set(schema.LABELS), rt.type
        assert set(rt.targets) <= set(schema.LABELS), rt.type
        fields += [rt.field] + ([rt.inverse_field] if rt.inverse_field else [])
    assert len(fields) == len(set(fields))
    prefixes = [nt.prefix for nt in schema.NODE_TYPES.values()]
    assert len(prefixes) == len(set(prefixes))


def test_every_relationship_requires_provenance_and_covers_language_a_role():
    for rt in schema.REL_TYPES.values():
        assert rt.prop("provenance").required
    role = schema.REL_TYPES["COVERS_LANGUAGE"].prop("role")
    assert role.required and set(role.enum) == {"trained_on", "targeted", "evaluated"}


def test_record_models_are_generated_from_the_schema():
    for nt in schema.NODE_TYPES.values():
        fields = set(record_model(nt.label).model_fields)
        assert {p.name for p in nt.all_props} <= fields
        for rt in schema.REL_TYPES.values():
            if nt.label in rt.sources:
                assert rt.field in fields
            if rt.inverse_field and nt.label in rt.targets:
                assert rt.inverse_field in fields


def test_each_label_has_its_seed_file_and_a_legend_entry():
    legend = {e["label"]: e for e in schema.legend()}
    for nt in schema.NODE_TYPES.values():
        assert (SEED / nt.file).exists(), nt.file
        assert legend[nt.label]["color"].startswith("#")


def test_low_resource_is_defined_once_by_joshi_class():
    assert schema.LOW_RESOURCE_MAX_CLASS == 2
    assert [c for c in range(6) if schema.is_low_resource(c)] == [0, 1, 2]
    assert not schema.is_low_resource(None)
    assert "Joshi" in schema.RESOURCE_CLASS_SOURCE


def test_provenance_references():
    ok = ["survey:taxonomy", "list:1.1 SFT Alignment", "arxiv:2211.05100", "arxiv:2305.11662v3",
          "acl:2022.emnlp-main.340", "doi:10.1145/3581783.3611992", "url:https://openai.com/blog/chatgpt"]
    bad = ["wikipedia", "arxiv:22.1", "url:ftp://x", "acl:", "survey:"]
    assert all(schema.PROVENANCE_RE.match(r) for r in ok)
    assert not any(schema.PROVENANCE_RE.match(r) for r in bad)
    assert schema.provenance_url("arxiv:2211.05100") == "https://arxiv.org/abs/2211.05100"
    assert schema.provenance_url("acl:2021.naacl-main.41") == "https://aclanthology.org/2021.naacl-main.41"


def test_schema_as_dict_lists_everything():
    d = schema.as_dict()
    assert {x["label"] for x in d["labels"]} == set(schema.LABELS)
    assert {x["type"] for x in d["relationships"]} == set(schema.REL_TYPES)
