"""The structured query a question becomes, its JSON form, and the path pattern of each constraint.

Both executors read the same patterns (``Constraint.pattern``): nx_exec walks them over the networkx
graph, cypher.py renders them as MATCH clauses. So the two cannot drift apart in meaning.

Meaning of each constraint kind (x is a result node of the target label):

* ``category`` id: x, or its INTRODUCES partner, is CLASSIFIED_AS a category at or under id
  (``-[:CLASSIFIED_AS]->()-[:SUBCATEGORY_OF*0..8]->``). Asking for PFA includes all of PFA.
* ``link`` rel/dir/id: x (or its partner when ``via_partner``) has a ``rel`` edge to (dir ``out``)
  or from (dir ``in``) node id; ``role`` restricts COVERS_LANGUAGE.
* ``language_group`` field/op/value: x (or its partner) COVERS_LANGUAGE a language whose property
  matches (resource_class <= 2 is "low-resource"); on a Language target the property is x's own.
* ``lineage`` id/direction: ``descendants``: x -[:DERIVED_FROM*1..10]-> id; ``ancestors``: id
  -[:DERIVED_FROM*1..10]-> x ("what is X built on").
* ``prop`` field/op/value: a property of x itself (year, open, stage, construction).
* ``related`` rel/dir/label: x (or its partner when ``via_partner``) has a ``rel`` edge to or from
  any node of ``label`` ("languages with no dataset" is this, negated: no Dataset
  -[:COVERS_LANGUAGE]-> x).

``negate`` turns a pattern constraint into its absence: no path matches ("PFA methods that do not
use code-switching"); the evidence is then ``{"absent": true}``. A property of x is never negated
(the parser reads "not open" as closed), so a missing property cannot silently count as a match.

The INTRODUCES partner: a method, model or data set counts together with the paper that introduces
it (``(x)<-[:INTRODUCES*0..1]-(w)``), and a paper with what it introduces (``(x)-[:INTRODUCES*0..1]->(w)``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from graph import schema

TARGETS = ("Paper", "Method", "Model", "Dataset", "Language", "Technique", "Frontier", "Organization")
TAXONOMY_DEPTH = 8
LINEAGE_DEPTH = 10
OPS = ("=", "<=", ">=", "<", ">")


@dataclass(frozen=True)
class Seg:
    """One step of a pattern: ``lo..hi`` hops over ``rel`` edges in direction ``dir`` (out | in)."""

    rel: str
    dir: str
    lo: int = 1
    hi: int = 1
    role: str | None = None


@dataclass(frozen=True)
class End:
    """What the last node of a pattern must be: a given id, or a label with a property test."""

    id: str | None = None
    label: str | None = None
    prop: str | None = None
    op: str = "="
    value: object = None


@dataclass
class Constraint:
    """One condition on the result nodes; ``text`` is the part of the question it came from."""

    kind: str  # category | link | language_group | lineage | prop
    id: str | None = None
    rel: str | None = None
    dir: str = "out"
    role: str | None = None
    field: str | None = None
    op: str = "="
    value: object = None
    direction: str | None = None  # lineage: descendants | ancestors
    via_partner: bool = True
    text: str = ""
    label: str | None = None  # related: the label of the node at the other end
    negate: bool = False

    def __post_init__(self):
        if self.rel is not None and self.rel not in schema.REL_TYPES:
            raise ValueError(f"unknown relationship type {self.rel!r}")
        if self.op not in OPS:
            raise ValueError(f"unknown operator {self.op!r}")
        if self.label is not None and self.label not in schema.NODE_TYPES:
            raise ValueError(f"unknown label {self.label!r}")
        if self.kind == "related" and (self.rel is None or self.label is None):
            raise ValueError("a related constraint needs rel and label")

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items()
                if (v is not None and v != "" or k == "value") and not (k == "negate" and v is False)}

    def pattern(self, target: str) -> tuple[list[Seg], End] | None:
        """The path pattern from x to the constraint's end node, or None for a property of x itself."""
        partner = [Seg("INTRODUCES", "out" if target == "Paper" else "in", 0, 1)] \
            if self.via_partner and target in ("Paper", "Method", "Model", "Dataset") else []
        if self.kind == "category":
            return partner + [Seg("CLASSIFIED_AS", "out"), Seg("SUBCATEGORY_OF", "out", 0, TAXONOMY_DEPTH)], End(id=self.id)
        if self.kind == "link":
            return partner + [Seg(self.rel, self.dir, role=self.role)], End(id=self.id)
        if self.kind == "language_group":
            if target == "Language":
                return None
            return partner + [Seg("COVERS_LANGUAGE", "out", role=self.role)], \
                End(label="Language", prop=self.field, op=self.op, value=self.value)
        if self.kind == "lineage":
            d = "out" if self.direction == "descendants" else "in"
            return [Seg("DERIVED_FROM", d, 1, LINEAGE_DEPTH)], End(id=self.id)
        if self.kind == "related":
            return partner + [Seg(self.rel, self.dir, role=self.role)], End(label=self.label)
        if self.kind == "prop":
            return None
        raise ValueError(f"unknown constraint kind {self.kind!r}")

    def node_test(self) -> tuple[str, str, object] | None:
        """(property, op, value) tested on x itself, for ``prop`` and a Language target's group."""
        if self.kind == "prop" or self.kind == "language_group":
            return self.field, self.op, self.value
        return None


@dataclass
class StructuredQuery:
    """A target label and the constraints all results satisfy (a conjunction, in question order)."""

    target: str
    constraints: list[Constraint] = field(default_factory=list)

    def __post_init__(self):
        if self.target not in schema.NODE_TYPES:
            raise ValueError(f"unknown target label {self.target!r}")
        for c in self.constraints:
            if c.negate and c.pattern(self.target) is None:
                raise ValueError(f"only a relationship constraint can be negated, not {c.kind} {c.field!r} "
                                 f"on {self.target}")

    def to_dict(self) -> dict:
        return {"target": self.target, "constraints": [c.to_dict() for c in self.constraints]}

    @classmethod
    def from_dict(cls, d: dict) -> "StructuredQuery":
        return cls(d["target"], [Constraint(**c) for c in d.get("constraints", [])])

    def prefix(self, k: int) -> "StructuredQuery":
        """The query with only its first ``k`` constraints (to find the one that empties an answer)."""
        return StructuredQuery(self.target, self.constraints[:k])


def test_value(actual, op: str, value) -> bool:
    """The property test both executors share; a missing property never matches."""
    if actual is None:
        return False
    try:
        return {"=": actual == value, "<=": actual <= value, ">=": actual >= value,
                "<": actual < value, ">": actual > value}[op]
    except TypeError:
        return False
