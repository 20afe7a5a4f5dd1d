"""Survey-shaped synthetic graphs of any size, for benchmarks: ``synthetic_graph(n_nodes, seed)``.

The label mix, each relationship type's out-degree distribution per (source label, target label), the
skew of in-degrees, COVERS_LANGUAGE roles and property shapes are all sampled from the real seed data,
so a 100k-node graph loads and traverses like a much larger survey would. Deterministic per seed.
"""
from __future__ import annotations

import bisect
import itertools
import random
from collections import Counter, defaultdict
from functools import lru_cache

from graph import schema
from graph.model import GraphData


@lru_cache(maxsize=1)
def _seed() -> GraphData:
    from graph.seed.validate import load_dataset

    return load_dataset()


def _allocate(counts: dict[str, int], n: int) -> dict[str, int]:
    """Split n over labels in proportion to ``counts`` (largest remainder; each label at least 1)."""
    total = sum(counts.values())
    raw = {k: n * v / total for k, v in counts.items()}
    out = {k: max(1, int(r)) for k, r in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - int(raw[k]), reverse=True):
        if sum(out.values()) >= n:
            break
        out[k] += 1
    return out


def _shape(seed: GraphData):
    """Per (type, source label, target label): out-degrees of every source-label node (zeros included),
    in-degrees of every target-label node, sample edges; and node templates per label."""
    by_label = defaultdict(list)
    for n in seed.nodes.values():
        by_label[n["label"]].append(n)
    out_deg = defaultdict(Counter)
    in_deg = defaultdict(Counter)
    samples = defaultdict(list)
    for e in seed.edges:
        key = (e["type"], seed.nodes[e["source"]]["label"], seed.nodes[e["target"]]["label"])
        out_deg[key][e["source"]] += 1
        in_deg[key][e["target"]] += 1
        samples[key].append(e)
    groups = {}
    for key in sorted(samples):
        _, sl, tl = key
        groups[key] = ([out_deg[key].get(n["id"], 0) for n in by_label[sl]],
                       [in_deg[key].get(n["id"], 0) for n in by_label[tl]], samples[key])
    return by_label, groups


def synthetic_graph(n_nodes: int, seed: int = 0) -> GraphData:
    """A GraphData of ``n_nodes`` nodes shaped like the project's seed data (ids '<prefix>:syn-<n>')."""
    real = _seed()
    rng = random.Random(seed)
    templates, groups = _shape(real)
    sizes = _allocate({lab: len(v) for lab, v in templates.items()}, n_nodes)
    nodes: dict[str, dict] = {}
    members: dict[str, list[str]] = {}
    counter = itertools.count()
    for lab in sorted(sizes):
        prefix = schema.NODE_TYPES[lab].prefix
        ids = []
        for _ in range(sizes[lab]):
            i = next(counter)
            t = rng.choice(templates[lab])
            nid = f"{prefix}:syn-{i:07d}"
            nodes[nid] = {**t, "id": nid, "name": f"{t['name']} #{i}"}
            ids.append(nid)
        members[lab] = ids
    edges, seen = [], set()
    for (rtype, sl, tl), (outs, ins, samples) in groups.items():
        if sl not in members or tl not in members:
            continue
        targets = members[tl]
        # Each synthetic target draws a popularity from the real in-degrees (+0.05 so unseen ones can appear).
        weights = [rng.choice(ins) + 0.05 for _ in targets]
        cum = list(itertools.accumulate(weights))
        acyclic = schema.REL_TYPES[rtype].acyclic
        for src in members[sl]:
            k = rng.choice(outs)
            for _ in range(k):
                if acyclic:  # only to earlier ids: keeps the graph a DAG, as validation demands
                    pos = bisect.bisect_left(targets, src)
                    if pos == 0:
                        break
                    tgt = targets[rng.randrange(pos)]
                else:
                    tgt = rng.choices(targets, cum_weights=cum)[0]
                if tgt == src:
                    continue
                proto = rng.choice(samples)
                e = {k2: v for k2, v in proto.items() if k2 not in ("source", "target")}
                ident = (src, rtype, e.get("role", ""), tgt)
                if ident in seen:
                    continue
                seen.add(ident)
                edges.append({"source": src, "target": tgt, **e})
    return GraphData(nodes, edges)
