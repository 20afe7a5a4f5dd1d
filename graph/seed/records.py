"""Pydantic record models, generated from graph.schema: one model per label, one for an edge entry.

Nothing here names a label or a property by hand; add a Prop to the schema and the validator
knows it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, create_model

from graph import schema

MAX_TEXT = 2000  # a description or title longer than this is a paste accident
MAX_SHORT = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(v: str) -> str:
    m = _CONTROL.search(v)
    if m:
        raise ValueError(f"control character U+{ord(m.group()):04X} at position {m.start()}")
    return v


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_no_control)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT), AfterValidator(_no_control)]
Year = Annotated[int, Field(ge=1950, le=2030)]

_LONG_FIELDS = {"description", "name", "note"}


def _py_type(prop: schema.Prop):
    if prop.enum:
        base = Literal[prop.enum]  # type: ignore[valid-type]
    elif prop.type == "int":
        base = Year if prop.name == "year" else Annotated[int, Field(ge=0, le=10_000_000)]
    elif prop.type == "bool":
        base = bool
    elif prop.type == "list[str]":
        base = list[Short]
    else:
        base = Text if prop.name in _LONG_FIELDS else Short
    return base if prop.required else Optional[base]


Provenance = Union[Short, list[Short]]

# Edge properties an entry does not write: provenance has its own field (a string or a list) and
# in_survey follows from the record and both ends (graph/seed/validate.py).
COMPUTED_EDGE_PROPS = ("provenance", "in_survey")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


@lru_cache(maxsize=None)
def edge_entry_model(rel_type: str) -> type[BaseModel]:
    """The long form of one relationship entry: ``{to: ID, provenance: ..., role: ..., note: ...}``."""
    rt = schema.REL_TYPES[rel_type]
    fields: dict = {"to": (Short, ...), "provenance": (Optional[Provenance], None)}
    for p in rt.all_props:
        if p.name in COMPUTED_EDGE_PROPS:
            continue
        fields[p.name] = (_py_type(p), ... if p.required else None)
    return create_model(f"{rel_type.title().replace('_', '')}Entry", __base__=_Strict, **fields)


@lru_cache(maxsize=None)
def record_model(label: str) -> type[BaseModel]:
    """The model of one record of a label's seed file: its properties and relationship fields.

    Relationship entries reach it in the long form; `normalise_record` turns ``- model:bloom`` into
    ``- {to: model:bloom}`` first, so a wrong entry gets one clear error rather than one per union arm.
    """
    nt = schema.NODE_TYPES[label]
    fields: dict = {}
    for p in nt.all_props:
        fields[p.name] = (_py_type(p), ... if p.required else None)
    fields["provenance"] = (Optional[Provenance], None)
    for rt in schema.REL_TYPES.values():
        if label in rt.sources:
            entry = edge_entry_model(rt.type)
            fields[rt.field] = (Optional[list[entry]], None)
        if rt.inverse_field and label in rt.targets:
            entry = edge_entry_model(rt.type)
            fields[rt.inverse_field] = (Optional[list[entry]], None)
    return create_model(f"{label}Record", __base__=_Strict, **fields)


def relationship_fields(label: str) -> set[str]:
    """The record keys of a label that state relationships (forward and inverse)."""
    out = set()
    for rt in schema.REL_TYPES.values():
        if label in rt.sources:
            out.add(rt.field)
        if rt.inverse_field and label in rt.targets:
            out.add(rt.inverse_field)
    return out


def normalise_record(label: str, rec: dict) -> dict:
    """A copy of a record whose relationship entries are all in the long ``{to: ...}`` form."""
    out = dict(rec)
    for f in relationship_fields(label):
        value = out.get(f)
        if isinstance(value, (str, dict)):
            value = [value]  # a single entry written without a list
        if isinstance(value, list):
            out[f] = [{"to": v} if isinstance(v, str) else v for v in value]
    return out
