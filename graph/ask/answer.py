"""The one typed answer of ``ask``: ``Answer`` holding ``Result`` rows, each with ``Evidence`` per constraint.

The CLI, the Ask page and the exports read these fields; ``Answer.to_json()`` is the ``--json`` form
(the keys of the earlier AskResult plus status, kind, count, comparison, withheld_reason, ignored).

An answer is either ``answered`` (kind list, count, ranking, comparison, path, value or yesno; a value or
yes/no answer carries ``value``: the values with their sources and one sentence) or ``withheld``: some
word of the question could not be placed, so nothing ran; ``unplaced`` says which, with did-you-mean
candidates, and ``not_in_atlas`` where a term matches nothing.

>>> e = Evidence("-[:DERIVED_FROM]-> BLOOM (model:bloom)", paths=[{"nodes": ["model:bloomz", "model:bloom"],
...              "rels": [{"type": "DERIVED_FROM", "role": None, "dir": "->"}], "text": "..."}], total_paths=1)
>>> r = Result("model:bloomz", "Model", "BLOOMZ", [e])
>>> r.to_json()["evidence"][0]["total_paths"], r.node_ids()
(1, ['model:bloomz', 'model:bloom'])
>>> Answer("q", "", None, "", {}, status="withheld", withheld_reason="could not place 'elvish'").to_json()["status"]
'withheld'
"""
from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("answered", "withheld")
KINDS = ("list", "count", "ranking", "comparison", "path", "value", "yesno")


@dataclass
class Evidence:
    """Why a result satisfies one constraint: matching paths (the first few, and how many in all), the
    absence of any path (a negated constraint), or the property value it was tested on."""

    constraint: str
    paths: list[dict] = field(default_factory=list)  # {"nodes": [ids], "rels": [{type, role, dir}], "text"}
    total_paths: int = 0
    absent: bool = False
    property: str | None = None
    value: object = None

    def to_json(self) -> dict:
        out: dict = {"constraint": self.constraint}
        if self.absent:
            out["absent"] = True
        elif self.property is not None:
            out.update(property=self.property, value=self.value)
        else:
            out.update(paths=self.paths, total_paths=self.total_paths)
        return out


@dataclass
class Result:
    """One answer row; ``value`` is the ranked quantity in a ranking (how many related nodes)."""

    id: str
    label: str
    name: str
    evidence: list[Evidence] = field(default_factory=list)
    value: int | float | None = None

    def to_json(self) -> dict:
        out = {"id": self.id, "label": self.label, "name": self.name,
               "evidence": [e.to_json() for e in self.evidence]}
        if self.value is not None:
            out["value"] = self.value
        return out

    def node_ids(self) -> list[str]:
        """This row's id, then every node on its evidence paths, in order, once each."""
        out = [self.id]
        for e in self.evidence:
            for p in e.paths:
                out += [n for n in p.get("nodes", []) if n not in out]
        return out


@dataclass
class Answer:
    """A question, how it was understood, and what the graph says (or why nothing was run)."""

    question: str
    interpretation: str
    query: object  # graph.query.StructuredQuery (None when nothing could be built)
    cypher: str
    params: dict
    backend: str = ""
    status: str = "answered"
    kind: str = "list"
    results: list[Result] = field(default_factory=list)
    count: int | None = None
    # {"items": [a, b], "shared": {"properties": {p: v}, "relationships": [rel]}, "differing": {"properties":
    #  {p: {a: v, b: v}}, "relationships": {a: [rel], b: [rel]}}, "between": [edges joining a and b]};
    # rel = {type, dir, role, other: {id, label, name}} (graph.compare)
    comparison: dict | None = None
    unplaced: list[dict] = field(default_factory=list)  # {text, reason, suggestions: [{id, name, label}], not_in_atlas}
    withheld_reason: str | None = None
    ignored: list[str] = field(default_factory=list)
    empty_reason: str | None = None
    notes: list[str] = field(default_factory=list)
    # value / yesno: {subject: {id, label, name}, attribute, property, via, values: [{value, text, sources, (id |
    #  of)}], recorded, answer (yesno: true / false / null when not recorded), sentence, sources: [{ref, url}]}
    value: dict | None = None

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.results]

    @property
    def answered(self) -> bool:
        return self.status == "answered"

    def node_ids(self) -> list[str]:
        """Result ids first, then the nodes on their evidence paths (what an export or a graph shows)."""
        out = list(self.ids)
        for r in self.results:
            out += [n for n in r.node_ids() if n not in out]
        if self.comparison:
            out += [n for n in self.comparison.get("items", []) if n not in out]
        return out

    def to_json(self) -> dict:
        return {"question": self.question, "interpretation": self.interpretation,
                "query": self.query.to_dict() if self.query is not None else None,
                "cypher": self.cypher, "params": self.params, "results": [r.to_json() for r in self.results],
                "unplaced": self.unplaced, "empty_reason": self.empty_reason, "notes": self.notes,
                "backend": self.backend, "status": self.status, "kind": self.kind, "count": self.count,
                "comparison": self.comparison, "withheld_reason": self.withheld_reason, "ignored": self.ignored,
                "value": self.value}
