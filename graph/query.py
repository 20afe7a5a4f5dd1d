"""The structured query a question becomes, its JSON form, and the path pattern of each constraint.

Both executors read the same patterns (``Constraint.pattern``): nx_exec walks them over the networkx
graph, cypher.py renders them as MATCH clauses. So the two cannot drift apart in meaning.

Meaning of each constraint kind (x is a result node of the target label):

* ``category`` id: x, or its INTRODUCES partner, is CLASSIFIED_AS a category at or under id
  (``-[:CLASSIFIED_AS]->()-[:SUBCATEGORY_OF*0..8]->``). Asking for PFA includes all of PFA.
* ``link`` rel/dir/id: x (or its partner when ``via_partner``) has a ``rel`` edge to (dir ``out``)
  or from (dir ``in``) node id; ``role`` restricts COVERS_LANGUAGE. With ``label`` (id's label, dir ``in``)
  the source side counts with its partner too: "techniques used by BLOOMZ" holds its paper's.
* ``language_group`` field/op/value: x (or its partner) COVERS_LANGUAGE a language whose property
  matches (resource_class <= 2 is "low-resource"); on a Language target the property is x's own.
* ``lineage`` id/direction: ``descendants``: x -[:DERIVED_FROM*1..10]-> id; ``ancestors``: id
  -[:DERIVED_FROM*1..10]-> x ("what is X built on").
* ``prop`` field/op/value: a property of x itself (year, open, stage, construction, parameters_max).
* ``related`` rel/dir/label: x (or its partner when ``via_partner``) has a ``rel`` edge to or from
  any node of ``label`` ("languages with no dataset" is this, negated: no Dataset
  -[:COVERS_LANGUAGE]-> x); with field/op/value that node's property must pass too ("models from
  Korean labs": DEVELOPED_BY an Organization whose country is in [...]).
* ``nested`` rel/dir/sub: x has a ``rel`` edge to (``out``) or from (``in``) a node that is itself a result of the nested query ``sub`` (a StructuredQuery of the
  node's label): "datasets used to evaluate [models derived from LLaMA]". With ``via_partner`` the work
  on the relationship's source side counts together with its INTRODUCES partner (x for ``out``, the
  sub-query's node for ``in``: a model's paper evaluated on a data set counts). Over DERIVED_FROM the hop is
  transitive (1..LINEAGE_DEPTH), as lineage is. Nesting recurses ("languages covered by [datasets used
  to evaluate [models derived from LLaMA]]"); a nested query neither ranks nor orders. Its evidence runs
  through the whole chain: each path from x to a sub-result, continued by that result's own evidence
  paths (one continuation per path of each of its pattern constraints; the hop alone when it has none).
* ``any`` alternatives: at least one of the alternative pattern constraints matches ("papers on
  Hindi or Urdu"); negated, none does ("models not from Google or Meta"). Its evidence is the
  union of the alternatives' paths, the same shape as one pattern constraint's.

Operators: ``=``, ``<=``, ``>=``, ``<``, ``>`` and ``in`` (value a list: the property equals one of
them). An optional ``Order`` keeps the results with the highest (lowest) value of one of x's own
properties, ties kept ("the newest Korean model", "the largest open model"). An optional ``Aggregate`` ranks the results by the number of distinct partners over a
pattern ("which language is covered by the most data sets"); see ``Aggregate``.

``negate`` turns a pattern constraint into its absence: no path matches ("PFA methods that do not
use code-switching"); the evidence is then ``{"absent": true}``. A property of x is never negated
(the parser reads "not open" as closed), so a missing property cannot silently count as a match.

The INTRODUCES partner: a method, model or data set counts together with the paper that introduces
it (``(x)<-[:INTRODUCES*0..1]-(w)``), and a paper with what it introduces (``(x)-[:INTRODUCES*0..1]->(w)``).
"""
from __future__ import annotations

import heapq

from dataclasses import asdict, dataclass, field

from graph import schema

PARTNERED = ("Paper", "Method", "Model", "Dataset")  # each counts together with its INTRODUCES partner
TARGETS = ("Paper", "Method", "Model", "Dataset", "Language", "Technique", "Frontier", "Organization")
TAXONOMY_DEPTH = 8
LINEAGE_DEPTH = 10
OPS = ("=", "<=", ">=", "<", ">", "in")
SCALARS = (str, int, float, bool)


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
    ids: frozenset | None = None  # one of these ids (a nested query's results, filled in by an executor)


@dataclass
class Constraint:
    """One condition on the result nodes; ``text`` is the part of the question it came from.

    "papers on Hindi or Urdu" (any), "models not from Google or Meta" (any, negated), "models from
    Chinese or Korean labs" (related with an ``in`` test on the organisation), "models above 100B
    parameters" (prop over the derived ``parameters_max``):

    >>> on = lambda i: Constraint("link", rel="COVERS_LANGUAGE", id=i)
    >>> hi_ur = Constraint("any", alternatives=[on("lang:hin"), on("lang:urd")])
    >>> not_g_m = Constraint("any", negate=True, alternatives=[
    ...     Constraint("link", rel="DEVELOPED_BY", id="org:google"), Constraint("link", rel="DEVELOPED_BY", id="org:meta")])
    >>> labs = Constraint("related", rel="DEVELOPED_BY", label="Organization", field="country", op="in",
    ...                   value=["China", "South Korea"])
    >>> big = Constraint("prop", field="parameters_max", op=">", value=100_000_000_000)
    >>> hi_ur.to_dict()["alternatives"][1]
    {'kind': 'link', 'id': 'lang:urd', 'rel': 'COVERS_LANGUAGE', 'dir': 'out', 'op': '=', 'value': None, 'via_partner': True}
    >>> Constraint(**hi_ur.to_dict()) == hi_ur
    True
    """

    kind: str  # category | link | language_group | lineage | prop | related | nested | any
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
    alternatives: list | None = None  # any: the pattern constraints of which one must match
    sub: StructuredQuery | None = None  # nested: the query the node at the other end answers

    def __post_init__(self):
        if isinstance(self.sub, dict):
            self.sub = StructuredQuery.from_dict(self.sub)
        if self.kind == "nested":
            if self.rel is None or not isinstance(self.sub, StructuredQuery):
                raise ValueError("a nested constraint needs rel and sub (a StructuredQuery)")
            if self.sub.aggregate is not None or self.sub.order is not None:
                raise ValueError("a nested query neither ranks nor orders")
            if self.negate:
                raise ValueError("a nested constraint cannot be negated (not yet: withheld by the parser)")
        elif self.sub is not None:
            raise ValueError(f"only a nested constraint has a sub-query, not {self.kind}")
        if self.op == "in":
            self.value = _value_list(self.value)
        if self.kind == "any":
            alts = [a if isinstance(a, Constraint) else Constraint(**a) for a in self.alternatives or []]
            if not alts:
                raise ValueError("an any constraint needs at least one alternative")
            for a in alts:
                if a.kind in ("any", "nested") or a.negate:
                    raise ValueError("an alternative of an any constraint is a plain pattern constraint "
                                     "(neither negated nor itself an any)")
            self.alternatives = alts
        elif self.alternatives is not None:
            raise ValueError(f"only an any constraint has alternatives, not {self.kind}")
        if self.rel is not None and self.rel not in schema.REL_TYPES:
            raise ValueError(f"unknown relationship type {self.rel!r}")
        if self.op not in OPS:
            raise ValueError(f"unknown operator {self.op!r}")
        if self.label is not None and self.label not in schema.NODE_TYPES:
            raise ValueError(f"unknown label {self.label!r}")
        if self.kind == "related" and (self.rel is None or self.label is None):
            raise ValueError("a related constraint needs rel and label")

    def to_dict(self) -> dict:
        d = {k: v for k, v in asdict(self).items()
             if (v is not None and v != "" or k == "value") and not (k == "negate" and v is False)
             and k not in ("alternatives", "sub")}
        if self.sub is not None:
            d["sub"] = self.sub.to_dict()
        if self.alternatives is not None:
            d["alternatives"] = [a.to_dict() for a in self.alternatives]
        return d

    def patterns(self, target: str) -> list[tuple[list[Seg], End]] | None:
        """Every alternative's pattern (one for a plain pattern constraint), or None for a property of x."""
        if self.kind == "any":
            pats = [a.pattern(target) for a in self.alternatives]
            return None if any(p is None for p in pats) else pats
        pat = self.pattern(target)
        return None if pat is None else [pat]

    def pattern(self, target: str) -> tuple[list[Seg], End] | None:
        """The path pattern from x to the constraint's end node, or None for a property of x itself."""
        partner = [Seg("INTRODUCES", "out" if target == "Paper" else "in", 0, 1)] \
            if self.via_partner and target in ("Paper", "Method", "Model", "Dataset") else []
        if self.kind == "category":
            return partner + [Seg("CLASSIFIED_AS", "out"), Seg("SUBCATEGORY_OF", "out", 0, TAXONOMY_DEPTH)], End(id=self.id)
        if self.kind == "link":
            far = [Seg("INTRODUCES", "in" if self.label == "Paper" else "out", 0, 1)] \
                if self.dir == "in" and self.via_partner and self.label in PARTNERED \
                and self.rel not in ("INTRODUCES", "DERIVED_FROM") else []
            return partner + [Seg(self.rel, self.dir, role=self.role)] + far, End(id=self.id)
        if self.kind == "language_group":
            if target == "Language":
                return None
            return partner + [Seg("COVERS_LANGUAGE", "out", role=self.role)], \
                End(label="Language", prop=self.field, op=self.op, value=self.value)
        if self.kind == "lineage":
            d = "out" if self.direction == "descendants" else "in"
            return [Seg("DERIVED_FROM", d, 1, LINEAGE_DEPTH)], End(id=self.id)
        if self.kind == "related":
            return partner + [Seg(self.rel, self.dir, role=self.role)], \
                End(label=self.label, prop=self.field, op=self.op, value=self.value)
        if self.kind == "nested":  # the partner hop sits on the relationship's source: x (out) or the sub's node (in)
            if self.rel == "DERIVED_FROM":
                return [Seg("DERIVED_FROM", self.dir, 1, LINEAGE_DEPTH)], End(label=self.sub.target)
            if self.dir == "in":
                far = [Seg("INTRODUCES", "in" if self.sub.target == "Paper" else "out", 0, 1)] \
                    if self.via_partner and self.rel != "INTRODUCES" and self.sub.target in PARTNERED else []
                return [Seg(self.rel, "in", role=self.role)] + far, End(label=self.sub.target)
            near = partner if self.rel != "INTRODUCES" else []
            return near + [Seg(self.rel, "out", role=self.role)], End(label=self.sub.target)
        if self.kind in ("prop", "any"):  # "any": see patterns()
            return None
        raise ValueError(f"unknown constraint kind {self.kind!r}")

    def node_test(self) -> tuple[str, str, object] | None:
        """(property, op, value) tested on x itself, for ``prop`` and a Language target's group."""
        if self.kind == "prop" or self.kind == "language_group":
            return self.field, self.op, self.value
        return None


@dataclass
class Aggregate:
    """Rank the results by how many distinct partners each has over one hop (a ranking question).

    Per result node x: the number of distinct nodes of ``label`` joined to x by a ``rel`` edge (dir
    ``out``: x -> partner, ``in``: partner -> x; ``role`` restricts COVERS_LANGUAGE) whose property
    passes ``field op value`` when given. With ``via_partner`` a counted paper, method, model or data
    set also counts through its INTRODUCES partner (a data set counts for the languages the paper
    introducing it covers), as constraints do. Results come ordered by that count (``order`` desc: the
    most first), cut after the ``k``-th with ties kept (``k`` None: all, ordered). A node with no
    partner counts 0. Each result's evidence ends with ``{"aggregate": "count", "value": n}``.

    "which language is covered by the most data sets":

    >>> q = StructuredQuery("Language", [], Aggregate("COVERS_LANGUAGE", "in", "Dataset", k=1))
    >>> q.to_dict()["aggregate"]
    {'rel': 'COVERS_LANGUAGE', 'dir': 'in', 'label': 'Dataset', 'order': 'desc', 'k': 1, 'op': '='}
    >>> StructuredQuery.from_dict(q.to_dict()) == q
    True
    """

    rel: str
    dir: str
    label: str
    order: str = "desc"
    k: int | None = 1
    role: str | None = None
    field: str | None = None
    op: str = "="
    value: object = None
    via_partner: bool = False

    def __post_init__(self):
        if self.rel not in schema.REL_TYPES:
            raise ValueError(f"unknown relationship type {self.rel!r}")
        if self.label not in schema.NODE_TYPES:
            raise ValueError(f"unknown label {self.label!r}")
        if self.dir not in ("out", "in") or self.order not in ("desc", "asc"):
            raise ValueError("an aggregate's dir is out|in and its order desc|asc")
        if self.k is not None and (isinstance(self.k, bool) or not isinstance(self.k, int) or self.k < 1):
            raise ValueError(f"an aggregate's k is a positive integer or None, not {self.k!r}")
        if self.op not in OPS:
            raise ValueError(f"unknown operator {self.op!r}")
        if self.op == "in":
            self.value = _value_list(self.value)
        if self.via_partner and self.rel == "INTRODUCES":
            raise ValueError("an aggregate over INTRODUCES counts the partners themselves: via_partner makes no sense")

    def pattern(self) -> tuple[list[Seg], End]:
        partner = [Seg("INTRODUCES", "in" if self.label == "Paper" else "out", 0, 1)] \
            if self.via_partner and self.label in ("Paper", "Method", "Model", "Dataset") else []
        return [Seg(self.rel, self.dir, role=self.role)] + partner, \
            End(label=self.label, prop=self.field, op=self.op, value=self.value)

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items()
                if (v is not None or k == "k") and not (k == "via_partner" and v is False)}


@dataclass
class Order:
    """Keep the results with the highest (``desc``) or lowest (``asc``) value of x's own ``field``: the
    first ``k`` in that order, ties at the k-th kept; a result without the property never counts ("the newest
    Korean model": year desc, k 1). Its evidence ends with ``{"order": field, "value": v}``.

    >>> q = StructuredQuery("Model", [Constraint("prop", field="open", value=True)], order=Order("parameters_max"))
    >>> StructuredQuery.from_dict(q.to_dict()) == q
    True
    """

    field: str
    order: str = "desc"
    k: int = 1
    text: str = ""  # the words it came from ("newest")

    def __post_init__(self):
        if self.order not in ("desc", "asc"):
            raise ValueError("an order is desc|asc")
        if isinstance(self.k, bool) or not isinstance(self.k, int) or self.k < 1:
            raise ValueError(f"an order's k is a positive integer, not {self.k!r}")

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "text" or v}


def order_cut(values: dict[str, object], order: str = "desc", k: int = 1) -> list[tuple[str, object]]:
    """(id, value) ranked by value (then id), cut after the k-th with ties kept, as ``rank_cut``; a node
    without the value (or with a true/false one) never counts. cypher_exec computes the same cut in Cypher:
    a node is kept when fewer than k nodes have a strictly better value.

    >>> order_cut({"a": 2020, "b": 2023, "c": 2023, "d": None}, "desc", 1)
    [('b', 2023), ('c', 2023)]
    >>> order_cut({"a": 2020, "b": 2023, "c": 2021}, "asc", 2)
    [('a', 2020), ('c', 2021)]
    """
    have = {i: v for i, v in values.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    return rank_cut(have, order, k)


@dataclass
class StructuredQuery:
    """A target label and the constraints all results satisfy (a conjunction, in question order)."""

    target: str
    constraints: list[Constraint] = field(default_factory=list)
    aggregate: Aggregate | None = None
    order: Order | None = None

    def __post_init__(self):
        if isinstance(self.order, dict):
            self.order = Order(**self.order)
        if self.order is not None and self.aggregate is not None:
            raise ValueError("a query ranks by a count or orders by a property, not both")
        if self.target not in schema.NODE_TYPES:
            raise ValueError(f"unknown target label {self.target!r}")
        for c in self.constraints:
            if c.kind == "any" and c.patterns(self.target) is None:
                raise ValueError(f"every alternative of an any constraint must be a relationship pattern "
                                 f"on {self.target}")
            if c.kind == "nested":
                rt = schema.REL_TYPES[c.rel]
                ends = (rt.sources, rt.targets) if c.dir == "out" else (rt.targets, rt.sources)
                if self.target not in ends[0] or c.sub.target not in ends[1]:
                    raise ValueError(f"no {c.rel} ({c.dir}) links {self.target} to {c.sub.target}")
            if c.negate and c.patterns(self.target) is None:
                raise ValueError(f"only a relationship constraint can be negated, not {c.kind} {c.field!r} "
                                 f"on {self.target}")
        if isinstance(self.aggregate, dict):
            self.aggregate = Aggregate(**self.aggregate)

    def to_dict(self) -> dict:
        d = {"target": self.target, "constraints": [c.to_dict() for c in self.constraints]}
        if self.aggregate is not None:
            d["aggregate"] = self.aggregate.to_dict()
        if self.order is not None:
            d["order"] = self.order.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> StructuredQuery:
        return cls(d["target"], [Constraint(**c) for c in d.get("constraints", [])], d.get("aggregate"),
                   d.get("order"))

    def prefix(self, k: int) -> StructuredQuery:
        """The query with only its first ``k`` constraints (to find the one that empties an answer)."""
        return StructuredQuery(self.target, self.constraints[:k], self.aggregate, self.order)

    def depth(self) -> int:
        """Hops of the longest chain of nested queries (1: no nesting)."""
        return 1 + max((c.sub.depth() for c in self.constraints if c.kind == "nested"), default=0)


def test_value(actual, op: str, value) -> bool:
    """The property test both executors share; a missing property never matches."""
    if actual is None:
        return False
    if op == "in":
        return any(_same(actual, v) for v in value)
    try:
        return {"=": _same(actual, value), "<=": actual <= value, ">=": actual >= value,
                "<": actual < value, ">": actual > value}[op]
    except TypeError:
        return False


def _same(a, b) -> bool:
    """Cypher's equality on scalars: true is not 1 (Python says it is)."""
    return a == b and isinstance(a, bool) == isinstance(b, bool)


def _value_list(value) -> list:
    """The value of an ``in`` test: a non-empty list of scalars (a tuple or set becomes a sorted-as-given list)."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, SCALARS) for v in value):
        return list(value)
    raise ValueError(f"the value of an 'in' test must be a non-empty list of strings or numbers, not {value!r}")


def rank_cut(counts: dict[str, int], order: str = "desc", k: int | None = 1) -> list[tuple[str, int]]:
    """(id, count) ranked by count (then id), cut after the k-th with ties kept; both executors use this
    order, and cypher_exec computes the same cut in Cypher.

    >>> rank_cut({"a": 3, "b": 5, "c": 5, "d": 1}, "desc", 1)
    [('b', 5), ('c', 5)]
    >>> rank_cut({"a": 3, "b": 5, "c": 5, "d": 1}, "asc", 2)
    [('d', 1), ('a', 3)]
    """
    def key(kv):
        return (-kv[1] if order == "desc" else kv[1], kv[0])

    if k is None or not counts:
        return sorted(counts.items(), key=key)
    # the k-th value from a heap, then only the nodes at or above it sorted (a ranking of 13,000 data sets
    # keeps a handful: sorting all of them was half its time at 100x)
    best = heapq.nlargest if order == "desc" else heapq.nsmallest
    cut = best(min(k, len(counts)), counts.values())[-1]
    return sorted(((i, n) for i, n in counts.items() if (n >= cut if order == "desc" else n <= cut)), key=key)
