"""The one schema: node labels, relationship types, their properties and the seed file each lives in.

Validation (graph/seed/validate.py), the loaders (embedded and Bolt), the Cypher compiler and the
UI legend all read these tables; nothing else names a label or a relationship type by hand.

>>> NODE_TYPES["Model"].file
'models.yaml'
>>> REL_TYPES["DERIVED_FROM"].field
'derived_from'
"""
from __future__ import annotations

import re

from graph.schema.types import (COMMON_EDGE_PROPS, COMMON_NODE_PROPS, PROP_TYPES, NodeType, Prop,  # noqa: F401
                                 RelType)

# Post-survey works live in files of the same names under this folder of the seed data.
SINCE_SURVEY_DIR = "since_survey"

# --- controlled values ----------------------------------------------------------------------

LANGUAGE_ROLES = ("trained_on", "targeted", "evaluated")
DATASET_STAGES = ("pretraining", "sft", "rlhf", "evaluation")
DATASET_CONSTRUCTION = (
    "manual-creation",
    "web-crawling",
    "benchmark-adaptation",
    "machine-translation",
    "mllm-aided-generation",
)
CATEGORY_LEVELS = ("root", "family", "category", "subcategory")

# Joshi et al. (2020), "The State and Fate of Linguistic Diversity and Inclusion in the NLP World"
# (ACL 2020, https://aclanthology.org/2020.acl-main.560). Classes 0 (left-behinds) .. 5 (winners).
RESOURCE_CLASS_SOURCE = "Joshi et al. (2020), ACL 2020, https://aclanthology.org/2020.acl-main.560"
RESOURCE_CLASS_NAMES = {
    0: "The Left-Behinds",
    1: "The Scraping-Bys",
    2: "The Hopefuls",
    3: "The Rising Stars",
    4: "The Underdogs",
    5: "The Winners",
}
# The one place that says what "low-resource" means in this project.
LOW_RESOURCE_MAX_CLASS = 2

# What `year` means on each label (README "Years"): a paper's is the year it was published (its venue's year,
# or its arXiv year while it is only a preprint); a model's, data set's or method's is the year it was first
# released (weights, data or code), which can be a year before the paper that describes it.
YEAR_MEANING = {"Paper": "publication year", "Model": "release year", "Dataset": "release year",
                "Method": "release year"}


def is_low_resource(resource_class: int | None) -> bool:
    """True when a Joshi class is 2 or lower (the project's definition of low-resource)."""
    return resource_class is not None and resource_class <= LOW_RESOURCE_MAX_CLASS


# --- provenance -----------------------------------------------------------------------------
# survey:<where in the survey>          e.g. survey:§4.1 Pretraining Alignment, survey:Figure evolution
# list:<heading of the companion list>  e.g. list:1.1 SFT Alignment
# arxiv:<id>                            the paper's own arXiv id, e.g. arxiv:2211.05100
# acl:<anthology id>                    e.g. acl:2022.emnlp-main.340
# doi:<doi>                             e.g. doi:10.1145/3581783.3611992
# url:<https URL>                       an official page (model card, repository, dataset page)
PROVENANCE_RE = re.compile(
    r"^(?:survey:.+|list:.+|arxiv:\d{4}\.\d{4,5}(?:v\d+)?|acl:[0-9A-Za-z][0-9A-Za-z.\-]+|doi:10\.\S+|url:https?://\S+)$"
)
SURVEY_REF = "arxiv:2404.04925"


def provenance_url(ref: str) -> str | None:
    """The link a provenance reference points to, for display."""
    kind, _, rest = ref.partition(":")
    if kind == "arxiv":
        return f"https://arxiv.org/abs/{rest}"
    if kind == "acl":
        return f"https://aclanthology.org/{rest}"
    if kind == "doi":
        return f"https://doi.org/{rest}"
    if kind == "url":
        return rest
    if kind == "survey":
        return "https://arxiv.org/abs/2404.04925"
    if kind == "list":
        return "https://github.com/LightChen233/Awesome-Multilingual-LLM"
    return None


# --- node labels ----------------------------------------------------------------------------

_ZH_KO = (
    Prop("name_zh", description="the term as the survey's Chinese summary uses it"),
    Prop("name_ko", description="the term as the survey's Korean summary uses it"),
)

NODE_TYPES: dict[str, NodeType] = {
    nt.label: nt
    for nt in (
        NodeType(
            "Category", "categories.yaml", "cat",
            "A node of the survey's alignment taxonomy (root, PTA/PFA family, category, subcategory).",
            (
                Prop("level", required=True, enum=CATEGORY_LEVELS),
                Prop("abbreviation"),
                Prop("section", description="where the survey treats it"),
                *_ZH_KO,
            ),
            color="#4e79a7", shape="box",
        ),
        NodeType(
            "Paper", "papers.yaml", "paper",
            "A publication: from the companion list, or added with its own arXiv / ACL Anthology reference.",
            (
                Prop("year", "int", required=True),
                Prop("venue"),
                Prop("first_author", description="the first author's surname, as the paper prints it"),
                Prop("authors", "list[str]", description="all authors in the paper's order, when known"),
                Prop("url", description="link to the paper"),
                Prop("code_url"),
                Prop("arxiv", description="arXiv id when the paper has one"),
                Prop("acl", description="ACL Anthology id when the paper has one"),
                Prop("doi", description="DOI when the paper has one, e.g. 10.1145/3581783.3611992"),
                Prop("in_companion_list", "bool"),
            ),
            color="#f28e2b", shape="dot",
        ),
        NodeType(
            "Method", "methods.yaml", "method",
            "A named alignment method or prompting strategy (e.g. X-InSTA, CLP, Self-Translate).",
            (
                Prop("year", "int"),
                Prop("open", "bool", description="open resource: code or weights released (what ask and the UI use)"),
                Prop("open_in_figure", "bool", description="the evolution figure's marking (yellow true, grey false), "
                     "recorded only where it differs from open"),
                Prop("evolution_figure", "bool", description="drawn on the survey's evolution figure"),
                Prop("url"),
            ),
            color="#e15759", shape="diamond",
        ),
        NodeType(
            "Model", "models.yaml", "model",
            "A (multilingual) large language model or model family.",
            (
                Prop("year", "int"),
                Prop("open", "bool", description="open resource: weights released (what ask and the UI use)"),
                Prop("open_in_figure", "bool", description="the evolution figure's marking (yellow true, grey false), "
                     "recorded only where it differs from open"),
                Prop("evolution_figure", "bool", description="drawn on the survey's evolution figure"),
                Prop("milestone", "bool", description="drawn as a milestone on the figure's time axis, not on a branch"),
                Prop("parameters", description="sizes as the authors state them, e.g. '176B'"),
                Prop("url"),
            ),
            color="#76b7b2", shape="dot",
        ),
        NodeType(
            "Dataset", "datasets.yaml", "ds",
            "A data resource: pretraining corpus, SFT or RLHF data, or an evaluation benchmark.",
            (
                Prop("stage", required=True, enum=DATASET_STAGES),
                Prop("construction", enum=DATASET_CONSTRUCTION),
                Prop("year", "int"),
                Prop("url"),
                Prop("n_languages", "int", description="number of languages as its authors state it"),
                Prop("in_companion_list", "bool"),
                Prop("open", "bool", description="openly released (what ask and the UI use)"),
                Prop("open_in_figure", "bool", description="the evolution figure's marking (yellow true, grey false), "
                     "recorded only where it differs from open"),
                Prop("evolution_figure", "bool", description="drawn on the survey's evolution figure"),
            ),
            color="#59a14f", shape="database",
        ),
        NodeType(
            "Language", "languages.yaml", "lang",
            "A natural language, keyed by its ISO 639-3 code.",
            (
                Prop("iso639_3", required=True),
                Prop("family"),
                Prop("genus", description="sub-family or branch, e.g. Indo-Aryan, Romance, Bantu"),
                Prop("script", description="main script(s), ISO 15924 names"),
                Prop("resource_class", "int", description="Joshi et al. (2020) class 0-5"),
                Prop("resource_class_source"),
            ),
            color="#edc948", shape="triangle",
        ),
        NodeType(
            "Technique", "techniques.yaml", "tech",
            "A technique from a controlled vocabulary (code-switching, chain-of-thought, ...).",
            _ZH_KO,
            color="#b07aa1", shape="star",
        ),
        NodeType(
            "Frontier", "frontiers.yaml", "frontier",
            "One of the survey's six research frontiers.",
            (Prop("section"), *_ZH_KO),
            color="#ff9da7", shape="hexagon",
        ),
        NodeType(
            "Organization", "organizations.yaml", "org",
            "A lab, company or collaboration that builds models, methods or data.",
            (Prop("url"), Prop("country")),
            color="#9c755f", shape="square",
        ),
    )
}

# Computed when the seed is read (graph/seed/derived.py), never written in a seed file; queries may test them.
DERIVED_PROPS: dict[str, tuple[Prop, ...]] = {
    "Model": (Prop("parameters_min", "int", description="smallest size in `parameters`, as a number of parameters"),
              Prop("parameters_max", "int", description="largest size in `parameters`, as a number of parameters")),
}

LABELS: tuple[str, ...] = tuple(NODE_TYPES)
LABEL_BY_PREFIX: dict[str, str] = {nt.prefix: nt.label for nt in NODE_TYPES.values()}
ID_RE = re.compile(r"^([a-z]+):([a-z0-9][a-z0-9.+\-]*)$")

# --- relationship types ---------------------------------------------------------------------

REL_TYPES: dict[str, RelType] = {
    rt.type: rt
    for rt in (
        RelType("SUBCATEGORY_OF", "subcategory_of", ("Category",), ("Category",),
                "The taxonomy: a category sits under its parent.", acyclic=True),
        RelType("CLASSIFIED_AS", "classified_as", ("Paper", "Method", "Model", "Dataset"), ("Category",),
                "Where the survey, its companion list or its evolution figure places a paper, method, model or data set."),
        RelType("INTRODUCES", "introduces", ("Paper",), ("Method", "Model", "Dataset"),
                "The paper that presents a method, model or data set.", inverse_field="introduced_in"),
        RelType("USES_TECHNIQUE", "uses_technique", ("Paper", "Method", "Model", "Dataset"), ("Technique",),
                "A technique the paper, method, model or data set relies on."),
        RelType("COVERS_LANGUAGE", "covers_language", ("Paper", "Method", "Model", "Dataset"), ("Language",),
                "A language with its role: trained on, targeted, or evaluated.",
                props=(Prop("role", required=True, enum=LANGUAGE_ROLES),)),
        RelType("DERIVED_FROM", "derived_from", ("Model", "Dataset", "Method"), ("Model", "Dataset", "Method"),
                "Lineage: built on, finetuned from, translated or extended from.", acyclic=True),
        RelType("APPLIED_TO", "applied_to", ("Method",), ("Model",),
                "A method applied to (run on, or trained into) a model."),
        RelType("TRAINED_ON", "trained_on", ("Model", "Method"), ("Dataset",),
                "Training data (pretraining, SFT or RLHF)."),
        RelType("EVALUATED_ON", "evaluated_on", ("Paper", "Method", "Model"), ("Dataset",),
                "An evaluation benchmark reported on."),
        RelType("ADDRESSES", "addresses", ("Paper", "Method", "Dataset"), ("Frontier",),
                "A research frontier the work addresses."),
        RelType("DEVELOPED_BY", "developed_by", ("Model", "Method", "Dataset"), ("Organization",),
                "The organization behind a model, method or data set."),
    )
}

REL_TYPE_BY_FIELD: dict[str, RelType] = {rt.field: rt for rt in REL_TYPES.values()}
REL_TYPE_BY_INVERSE: dict[str, RelType] = {rt.inverse_field: rt for rt in REL_TYPES.values() if rt.inverse_field}

# Record-level keys that are neither properties nor relationships.
RECORD_META_FIELDS = ("provenance",)

# The five branches of the survey's evolution figure, as category ids.
EVOLUTION_BRANCHES: tuple[str, ...] = ("cat:pretraining", "cat:sft", "cat:rlhf", "cat:finetuning", "cat:pfa")
TAXONOMY_ROOT = "cat:mllm-alignment"
# Not data: the app's saved views (named URL states) as a Bolt store keeps them. Reads of the graph leave
# nodes of this label out, and `ingest load --prune` keeps them.
SAVED_VIEW_LABEL = "AtlasSavedView"


def label_of(node_id: str) -> str | None:
    """The label an id's prefix names, or None for a malformed id."""
    m = ID_RE.match(node_id)
    return LABEL_BY_PREFIX.get(m.group(1)) if m else None


def edge_key(rel_type: str, props: dict) -> str:
    """The key that tells parallel edges apart: the type, plus the role where the type has one."""
    role = props.get("role")
    return f"{rel_type}:{role}" if role else rel_type


def legend() -> list[dict]:
    """Label, colour, shape and description for every label: what the UI legend draws."""
    return [
        {"label": nt.label, "color": nt.color, "shape": nt.shape, "description": nt.description}
        for nt in NODE_TYPES.values()
    ]


def as_dict() -> dict:
    """The schema as plain data (for `python -m graph schema --json` and docs)."""
    def props(ps):
        return [{"name": p.name, "type": p.type, "required": p.required, "enum": list(p.enum)} for p in ps]

    return {
        "labels": [
            {"label": nt.label, "file": nt.file, "prefix": nt.prefix, "description": nt.description,
             "properties": props(nt.all_props)}
            for nt in NODE_TYPES.values()
        ],
        "relationships": [
            {"type": rt.type, "field": rt.field, "inverse_field": rt.inverse_field, "from": list(rt.sources),
             "to": list(rt.targets), "description": rt.description, "acyclic": rt.acyclic,
             "properties": props(rt.all_props)}
            for rt in REL_TYPES.values()
        ],
        "low_resource_max_class": LOW_RESOURCE_MAX_CLASS,
        "resource_class_source": RESOURCE_CLASS_SOURCE,
    }
