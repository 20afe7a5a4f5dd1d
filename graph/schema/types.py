"""The shapes the schema is written in (a property, a node label, a relationship type) and the properties
every node and every relationship carries. graph/schema/__init__.py fills them in; import from there."""
from __future__ import annotations

from dataclasses import dataclass

# --- properties -----------------------------------------------------------------------------

PROP_TYPES = ("str", "int", "bool", "list[str]")


@dataclass(frozen=True)
class Prop:
    """One property: its name, type, whether it is required, and an optional closed set of values."""

    name: str
    type: str = "str"
    required: bool = False
    enum: tuple = ()
    description: str = ""


@dataclass(frozen=True)
class NodeType:
    """A node label, the seed file that holds it, its id prefix and its label-specific properties."""

    label: str
    file: str
    prefix: str
    description: str
    props: tuple[Prop, ...] = ()
    color: str = "#888888"
    shape: str = "dot"  # a vis.js shape name; the static renderers map it to a marker

    def prop(self, name: str) -> Prop | None:
        for p in COMMON_NODE_PROPS + self.props:
            if p.name == name:
                return p
        return None

    @property
    def all_props(self) -> tuple[Prop, ...]:
        return COMMON_NODE_PROPS + self.props


@dataclass(frozen=True)
class RelType:
    """A relationship type: the record field that states it, allowed endpoint labels and properties.

    ``field`` is the key on the *source* record (``derived_from: [model:bloom]``); ``inverse_field``,
    when set, lets the *target* record state the same fact (a Model's ``introduced_in`` yields
    ``(Paper)-[:INTRODUCES]->(Model)``), so each curator keeps to their own file.
    """

    type: str
    field: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    description: str
    props: tuple[Prop, ...] = ()
    inverse_field: str | None = None
    acyclic: bool = False

    def prop(self, name: str) -> Prop | None:
        for p in COMMON_EDGE_PROPS + self.props:
            if p.name == name:
                return p
        return None

    @property
    def all_props(self) -> tuple[Prop, ...]:
        return COMMON_EDGE_PROPS + self.props


# Every node has these.
COMMON_NODE_PROPS: tuple[Prop, ...] = (
    Prop("id", required=True, description="stable readable id, '<prefix>:<slug>', unique over the graph"),
    Prop("name", required=True, description="display name; a Paper's name is its title"),
    Prop("aliases", "list[str]", description="other names, abbreviations, misspellings-in-use, zh/ko terms"),
    Prop("description", description="one or two sentences in the curators' own words"),
    Prop("note", description="curation note, e.g. 'corrected: the companion list links arXiv 2209.14500'"),
    Prop("in_survey", "bool", description="from the survey or its companion list (true: the default in the main "
         "seed files) or added after it (false: every record under seed_data/since_survey/)"),
)

# Every relationship has these. ``provenance`` is a list of references (see PROVENANCE_RE);
# it is never called ``source`` so that it cannot clash with an edge's endpoint.
COMMON_EDGE_PROPS: tuple[Prop, ...] = (
    Prop("provenance", "list[str]", required=True, description="where the fact comes from"),
    Prop("note", description="curation note, e.g. a correction of the companion list"),
    Prop("in_survey", "bool", description="set by validation, never written: true when an in-survey record "
         "states it and both ends are in the survey"),
)
