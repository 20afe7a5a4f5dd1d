"""A synthetic atlas that can be asked: ``atlas(factor)`` is the survey's graph grown ``factor`` times with
unique pronounceable names, and ``write_seed_dir(data, dir)`` writes it as seed YAML that validates.

Shape kept from the seed data: the taxonomy, techniques and frontiers are the survey's own (a bigger
field has more works, not a bigger taxonomy); languages are the survey's plus more real ISO 639-3 codes
(named by the generator, their family, script and Joshi class drawn from the survey's languages), up to
the registry's size; papers, models, methods, data sets and organisations grow with the factor. Every
synthetic node copies a real template node: its properties (year, open, stage, parameters, ...), its
out-degree per relationship type and target label, its edges' properties (provenance, role) and, most of
the time, its edges into the survey's vocabulary (so taxonomy x technique x language keeps its
correlations). Lineage (DERIVED_FROM) keeps its depth: a node copies its template's depth and derives
only from nodes one level up. Deterministic per (factor, seed).
"""
from __future__ import annotations

import bisect
import random
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from graph import schema
from graph.schema.model import GraphData

FIXED = ("Category", "Technique", "Frontier")  # the survey's vocabulary, kept as it is
KEEP_VOCAB_EDGE = 0.7  # how often an edge into the vocabulary (and real languages) is the template's own
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh")
_VOWELS = ("a", "e", "i", "o", "u")
_CODAS = ("", "n", "r", "s", "l")
_SYL = [o + v for o in _ONSETS for v in _VOWELS]  # 80 syllables
_SPACE = len(_SYL) ** 3 * len(_CODAS)  # 2,560,000 three-syllable names
_STEP = 1_000_003  # coprime to _SPACE: consecutive indices give unlike names
# Ids that must stay unique (arXiv, ACL, DOI) are dropped; the template's url stays (a later work needs a reference).
_DROP = {"Paper": ("code_url", "arxiv", "acl", "doi", "authors"), "Model": ("parameters_min", "parameters_max"),
         "Language": ("resource_class_source",)}


def name_of(i: int) -> str:
    """The i-th pronounceable name ('Kovalin'): three syllables and an optional coda, unique for i < 2.56M."""
    j = (i * _STEP) % _SPACE
    coda, j = _CODAS[j % len(_CODAS)], j // len(_CODAS)
    a, b, c = j % 80, (j // 80) % 80, j // 6400
    return (_SYL[a] + _SYL[b] + _SYL[c] + coda).capitalize()


@lru_cache(maxsize=1)
def survey() -> GraphData:
    from graph.seed.validate import load_dataset

    return load_dataset()


@lru_cache(maxsize=1)
def _free_iso_codes() -> tuple[str, ...]:
    """Active ISO 639-3 language codes the survey does not use, in code order."""
    import iso639

    from graph.seed.validate import check_iso639_3

    used = {n["iso639_3"] for n in survey().nodes.values() if n["label"] == "Language"}
    codes = sorted({lang.part3 for lang in iso639.ALL_LANGUAGES if lang.part3} - used)
    return tuple(c for c in codes if check_iso639_3(c) is None)


def _depths(data: GraphData) -> dict[str, int]:
    """Each node's DERIVED_FROM depth (0 for a root: derives from nothing)."""
    parents = defaultdict(list)
    for e in data.edges:
        if e["type"] == "DERIVED_FROM":
            parents[e["source"]].append(e["target"])
    memo: dict[str, int] = {}

    def depth(n: str) -> int:
        if n not in memo:
            memo[n] = 1 + max(map(depth, parents[n])) if parents[n] else 0
        return memo[n]

    return {n: depth(n) for n in data.nodes}


def _sizes(real: GraphData, factor: int) -> dict[str, int]:
    count = Counter(n["label"] for n in real.nodes.values())
    out = {lab: count[lab] for lab in FIXED}
    out["Language"] = min(count["Language"] * factor, count["Language"] + len(_free_iso_codes()))
    rest = len(real.nodes) * factor - sum(out.values())
    grown = {lab: c for lab, c in count.items() if lab not in out}
    total = sum(grown.values())
    for lab, c in grown.items():
        out[lab] = max(c, round(rest * c / total))
    return out


def atlas(factor: int, seed: int = 0) -> GraphData:
    """The survey's graph grown ``factor`` times (about 692 x factor nodes), names unique and pronounceable."""
    real = survey()
    if factor == 1:
        return real
    rng = random.Random(seed * 7919 + factor)
    by_label = defaultdict(list)
    for n in real.nodes.values():
        by_label[n["label"]].append(n)
    sizes = _sizes(real, factor)
    taken = {n["name"].lower() for n in real.nodes.values()}
    nodes: dict[str, dict] = {}
    template: dict[str, str] = {}  # synthetic id -> real id
    members: dict[str, list[str]] = defaultdict(list)
    names = iter(range(_SPACE))
    codes = iter(_free_iso_codes())
    for lab in sorted(sizes):
        for n in by_label[lab]:  # the real nodes stay, under their own ids
            nodes[n["id"]] = n
            template[n["id"]] = n["id"]
            members[lab].append(n["id"])
        prefix = schema.NODE_TYPES[lab].prefix
        for _ in range(sizes[lab] - len(by_label[lab])):
            name = name_of(next(names))
            while name.lower() in taken:
                name = name_of(next(names))
            taken.add(name.lower())
            t = rng.choice(by_label[lab])
            slug = next(codes) if lab == "Language" else name.lower()
            nid = f"{prefix}:{slug}"
            props = {k: v for k, v in t.items() if k not in _DROP.get(lab, ()) and k != "aliases"}
            props.update(id=nid, name=name)
            if lab == "Language":
                props["iso639_3"] = slug
            if lab == "Paper":
                props["name"] = f"{name}: {t['name']}"[:280]
            if props.get("in_survey") is False and lab in ("Paper", "Model", "Dataset", "Method") \
                    and not props.get("url"):  # a later work needs a reference of its own (example.org: RFC 2606)
                props["url"] = f"https://example.org/atlas/{slug}"
            nodes[nid] = props
            template[nid] = t["id"]
            members[lab].append(nid)
    return GraphData(nodes, _edges(real, nodes, template, members, rng))


def _edges(real, nodes, template, members, rng) -> list[dict]:
    """Edges of the synthetic nodes: each copies its template's edges, retargeted within the atlas."""
    depth = _depths(real)
    out = defaultdict(list)  # real source -> its edges
    for e in real.edges:
        out[e["source"]].append(e)
    # Each node draws a popularity from the real in-degrees of its label (+0.05 so unseen ones can appear).
    indeg = Counter(e["target"] for e in real.edges)
    pop_of = {lab: [indeg[t] + 0.05 for t in members[lab] if t == template[t]] for lab in members}
    cum = {}
    for lab, ids in members.items():
        weights, acc = [], 0.0
        for _ in ids:
            acc += rng.choice(pop_of[lab])
            weights.append(acc)
        cum[lab] = weights
    by_depth = defaultdict(list)  # (label, depth) -> synthetic and real ids, oldest first (no year: first)
    for nid in sorted(nodes, key=lambda i: nodes[i].get("year") or 0):
        by_depth[(nodes[nid]["label"], depth[template[nid]])].append(nid)
    years = {k: [nodes[i].get("year") or 0 for i in ids] for k, ids in by_depth.items()}
    unintroduced = {lab: rng.sample(members[lab], len(members[lab])) for lab in ("Method", "Model", "Dataset")}
    for lab, ids in unintroduced.items():  # the real works keep their real papers
        ids[:] = [i for i in ids if i != template[i]]
    edges, seen = [], set()
    for nid in nodes:
        t = template[nid]
        if t == nid:
            continue
        for e in out[t]:
            tl = real.nodes[e["target"]]["label"]
            if e["type"] == "DERIVED_FROM":  # a parent one level up and not younger (lineage runs forward)
                key = (tl, depth[e["target"]])
                y = nodes[nid].get("year")
                k = bisect.bisect_right(years.get(key, []), y) if y else len(by_depth.get(key, []))
                tgt = by_depth[key][rng.randrange(k)] if k else None
            elif e["type"] == "INTRODUCES":
                tgt = unintroduced[tl].pop() if unintroduced[tl] else None
            elif tl in FIXED or (tl == "Language" and rng.random() < KEEP_VOCAB_EDGE):
                tgt = e["target"] if tl == "Language" or rng.random() < KEEP_VOCAB_EDGE else \
                    rng.choices(members[tl], cum_weights=cum[tl])[0]
            else:
                tgt = rng.choices(members[tl], cum_weights=cum[tl])[0]
            if tgt is None or tgt == nid:
                continue
            ident = (nid, e["type"], e.get("role", ""), tgt)
            if ident in seen:
                continue
            seen.add(ident)
            edges.append({**e, "source": nid, "target": tgt})
    edges += real.edges
    return edges


def write_seed_dir(data: GraphData, directory: Path) -> Path:
    """Write ``data`` as seed YAML files under ``directory`` (survey records in the top files, later ones
    under since_survey/), one record per node with its edges as relationship fields."""
    import yaml

    directory = Path(directory)
    (directory / "since_survey").mkdir(parents=True, exist_ok=True)
    file_of = {nt.label: nt.file for nt in schema.NODE_TYPES.values()}
    derived = {p.name for props in schema.DERIVED_PROPS.values() for p in props}
    edges_of = defaultdict(list)
    for e in data.edges:
        edges_of[e["source"]].append(e)
    files: dict[Path, list[dict]] = defaultdict(list)
    for nid, n in data.nodes.items():
        rec = {k: v for k, v in n.items() if k != "label" and k not in derived and v is not None}
        for e in edges_of[nid]:
            entry = {"to": e["target"], "provenance": list(e.get("provenance") or [])}
            for k in ("role", "note"):
                if e.get(k):
                    entry[k] = e[k]
            rec.setdefault(schema.REL_TYPES[e["type"]].field, []).append(entry)
        where = directory if n.get("in_survey", True) else directory / "since_survey"
        files[where / file_of[n["label"]]].append(rec)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for path, recs in files.items():
        path.write_text(yaml.dump(recs, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory
