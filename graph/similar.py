"""More like this: the papers, models, methods or data sets most like a given one, by the neighbours they share.

Two entities share a neighbour when both reach it by the same relationship type in the same direction
(both CLASSIFIED_AS cat:pfa, both DERIVED_FROM model:llama, both INTRODUCES'd by one paper). The score is
networkx's Adamic-Adar (or Jaccard) with each shared neighbour weighted by its relationship type (WEIGHTS):

* ``adamic_adar`` (default): the sum over shared neighbours of ``weight / log(n)``, n the number of entities
  reaching that neighbour that way: a rare shared subcategory counts for more than English.
* ``jaccard``: the weight of the shared neighbours over the weight of all neighbours of either.

Computed here from Store.links reads (the same on every store), so both stores give the same answers;
ties go by id. Each result carries its reasons: the shared neighbours, grouped by relationship type.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from graph import schema

LABELS = ("Paper", "Model", "Method", "Dataset")
METHODS = ("adamic_adar", "jaccard")
MAX_LIMIT = 100

# How much one shared neighbour says, by the relationship type both entities reach it by.
WEIGHTS: dict[str, float] = {
    "DERIVED_FROM": 2.0,     # lineage: same parent (or same child)
    "CLASSIFIED_AS": 1.5,    # same place in the survey's taxonomy
    "USES_TECHNIQUE": 1.5,   # same technique
    "INTRODUCES": 1.0,       # presented in the same paper (or a paper introducing the same things)
    "APPLIED_TO": 1.0,       # applied to the same model (or the same method applied to both)
    "TRAINED_ON": 1.0,       # same training data
    "DEVELOPED_BY": 1.0,     # same organisation
    "ADDRESSES": 1.0,        # same research frontier
    "EVALUATED_ON": 0.75,    # same benchmark: common, so a little weaker
    "COVERS_LANGUAGE": 0.5,  # same language (any role): many entities cover the big ones
}
assert set(WEIGHTS) <= set(schema.REL_TYPES)


@dataclass
class Similar:
    """One similar entity: its score and, per relationship type, the neighbours it shares with the focus."""

    id: str
    label: str
    name: str
    score: float
    reasons: dict[str, list[dict]] = field(default_factory=dict)  # type -> [{id, name, direction}]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SimilarResult:
    focus: str
    label: str
    name: str
    method: str
    results: list[Similar] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"focus": self.focus, "label": self.label, "name": self.name, "method": self.method,
                "weights": WEIGHTS, "results": [r.to_dict() for r in self.results]}


def features(links) -> set[tuple[str, str, str]]:
    """(type, direction, neighbour id) for each weighted relationship; roles fold together."""
    return {(lk.type, lk.direction, lk.id) for lk in links if lk.type in WEIGHTS}


def similar(store, node_id: str, limit: int = 10, method: str = "adamic_adar") -> SimilarResult:
    """The ``limit`` entities of ``node_id``'s label most like it (see the module doc).

    ValueError for an unknown id, a label other than Paper/Model/Method/Dataset, a bad limit or method.
    """
    if method not in METHODS:
        raise ValueError(f"unknown similarity method {str(method)[:40]!r} (choose from {', '.join(METHODS)})")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be an integer from 1 to {MAX_LIMIT} (got {limit!r})")
    node = store.get_node(node_id) if isinstance(node_id, str) and len(node_id) <= 300 else None
    if node is None:
        raise ValueError(f"unknown id {str(node_id)[:80]!r}")
    if node["label"] not in LABELS:
        raise ValueError(f"{node_id} is a {node['label']}: similar entities are found for "
                         f"{', '.join(LABELS[:-1])} and {LABELS[-1]} nodes")
    label = node["label"]
    types = tuple(sorted(WEIGHTS))
    mine = features(store.links([node_id], types).get(node_id, []))
    hubs = store.links(sorted({z for _, _, z in mine}), types)
    # who else reaches each of my neighbours the same way; how many do in all (Adamic-Adar's degree)
    shared: dict[str, set[tuple[str, str, str]]] = {}
    reach: dict[tuple[str, str, str], int] = {}
    for t, d, z in sorted(mine):
        back = "in" if d == "out" else "out"
        others = {lk.id for lk in hubs.get(z, []) if lk.type == t and lk.direction == back}
        reach[(t, d, z)] = len(others)
        for c in others:
            if c != node_id and schema.label_of(c) == label:
                shared.setdefault(c, set()).add((t, d, z))
    if method == "jaccard":
        theirs = {c: features(v) for c, v in store.links(sorted(shared), types).items()}

        def score(c: str) -> float:
            union = mine | theirs.get(c, set())
            return sum(WEIGHTS[f[0]] for f in sorted(shared[c])) / sum(WEIGHTS[f[0]] for f in sorted(union))
    else:
        def score(c: str) -> float:
            return sum(WEIGHTS[f[0]] / math.log(reach[f]) for f in sorted(shared[c]))

    scored = sorted(((round(score(c), 6), c) for c in shared), key=lambda sc: (-sc[0], sc[1]))[:limit]
    names = store.subgraph(sorted({c for _, c in scored} | {z for _, c in scored for _, _, z in shared[c]})).nodes
    out = SimilarResult(node_id, label, node.get("name", ""), method)
    for s, c in scored:
        reasons: dict[str, list[dict]] = {}
        for t, d, z in sorted(shared[c]):
            reasons.setdefault(t, []).append({"id": z, "name": names.get(z, {}).get("name", ""), "direction": d})
        out.results.append(Similar(c, label, names.get(c, {}).get("name", ""), s, reasons))
    return out
