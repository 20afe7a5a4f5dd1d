"""Reference answers for the ask corpus, computed from the seed YAML alone.

A deliberately small, independent implementation: it reads seed_data/*.yaml (and
seed_data/since_survey/*.yaml when present) with pyyaml and evaluates a question's ``intent``
over plain dicts. It imports nothing from graph/ or ingest/, so a bug there cannot hide here.

Meaning (the README's data model and graph/query.py's promises, re-implemented):
* a Method, Model or Dataset counts together with the Paper that introduces it, and a Paper with
  what it introduces, for every relationship constraint (taxonomy, technique, language, data,
  frontier, organisation); never for lineage or for a property of the node itself (year, open, ...);
* a category includes everything under it (SUBCATEGORY_OF, any depth);
* low-resource = Joshi resource_class <= 2;
* ``derived_from: X`` = X's descendants (x -DERIVED_FROM*1..-> X); ``ancestors_of: X`` = what X is
  built on (X -DERIVED_FROM*1..-> x); ``family_of: X`` = X with its ancestors and descendants;
* years are the node's own ``year``: an exact year is ``=``; since/after/before/between use ops;
* a value given as a list means any of them (disjunction); ``not`` holds the constraints none of
  which may hold (negation of each, over its whole any-of list);
* a value question (``ask: value``) is a property of one node (``of``, ``attribute``), or of what one of
  its own relationships reaches (``via``; INTRODUCES: the paper that introduces it), or those nodes
  themselves; a yes/no question (``ask: yesno``) is whether ``of`` meets the other keys, unknown (None)
  where it does not and a property they test is not recorded.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seed_data"

# README's schema table: seed file -> label, record field -> relationship type.
FILE_LABEL = {"categories": "Category", "papers": "Paper", "methods": "Method", "models": "Model",
              "datasets": "Dataset", "languages": "Language", "techniques": "Technique",
              "frontiers": "Frontier", "organizations": "Organization"}
FIELD_REL = {"subcategory_of": "SUBCATEGORY_OF", "classified_as": "CLASSIFIED_AS", "introduces": "INTRODUCES",
             "uses_technique": "USES_TECHNIQUE", "covers_language": "COVERS_LANGUAGE",
             "derived_from": "DERIVED_FROM", "applied_to": "APPLIED_TO", "trained_on": "TRAINED_ON",
             "evaluated_on": "EVALUATED_ON", "addresses": "ADDRESSES", "developed_by": "DEVELOPED_BY"}
INVERSE_FIELD = {"introduced_in": "INTRODUCES"}  # stated on the target record
PARTNERED = ("Paper", "Method", "Model", "Dataset")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader when built with it (same result)
# An intent key that holds when the node (or its partner) has an edge of this type to the value.
VIA_REL = {"technique": "USES_TECHNIQUE", "language": "COVERS_LANGUAGE", "frontier": "ADDRESSES",
           "trained_on": "TRAINED_ON", "evaluated_on": "EVALUATED_ON", "applied_to": "APPLIED_TO",
           "developed_by": "DEVELOPED_BY"}

# Regions of the organisations' countries (written here by hand, independent of any library).
REGION = {
    "United States": ["North America", "Americas", "the West"],
    "Canada": ["North America", "Americas", "the West"],
    "Brazil": ["South America", "Latin America", "Americas"],
    "Germany": ["Europe", "EU", "the West"], "Italy": ["Europe", "EU", "the West"],
    "Spain": ["Europe", "EU", "the West"], "France": ["Europe", "EU", "the West"],
    "Hungary": ["Europe", "EU", "the West"], "Finland": ["Europe", "EU", "the West"],
    "United Kingdom": ["Europe", "the West"], "Switzerland": ["Europe", "the West"],
    "Netherlands": ["Europe", "EU", "the West"], "Sweden": ["Europe", "EU", "the West"],
    "Portugal": ["Europe", "EU", "the West"], "Poland": ["Europe", "EU", "the West"],
    "Russia": ["Europe", "Eastern Europe"],
    "Türkiye": ["Western Asia", "Asia"], "Israel": ["Western Asia", "Asia", "Middle East"],
    "United Arab Emirates": ["Western Asia", "Asia", "Middle East"],
    "Saudi Arabia": ["Western Asia", "Asia", "Middle East"],
    "China": ["East Asia", "Asia"], "South Korea": ["East Asia", "Asia"], "Japan": ["East Asia", "Asia"],
    "Taiwan": ["East Asia", "Asia"], "Hong Kong": ["East Asia", "Asia"],
    "Singapore": ["Southeast Asia", "Asia"], "Vietnam": ["Southeast Asia", "Asia"],
    "Thailand": ["Southeast Asia", "Asia"], "Indonesia": ["Southeast Asia", "Asia"],
    "India": ["South Asia", "Asia"],
    "South Africa": ["Africa", "Sub-Saharan Africa"], "Nigeria": ["Africa", "Sub-Saharan Africa"],
    "Kenya": ["Africa", "Sub-Saharan Africa"], "Egypt": ["Africa", "North Africa", "Middle East"],
    "Australia": ["Oceania"],
}


class Graph:
    """Nodes {id: record with 'label'} and edges (src, rel, dst, props), straight from the YAML."""

    def __init__(self, seed: Path = SEED):
        self.nodes: dict[str, dict] = {}
        self.edges: list[tuple[str, str, str, dict]] = []
        files = sorted(seed.glob("*.yaml"))
        if (seed / "since_survey").is_dir():
            files += sorted((seed / "since_survey").glob("*.yaml"))
        for f in files:
            label = FILE_LABEL.get(f.stem)
            if label is None:
                continue
            for rec in yaml.load(f.read_text(encoding="utf-8"), Loader=_LOADER) or []:
                node = {k: v for k, v in rec.items() if k not in FIELD_REL and k not in INVERSE_FIELD}
                node["label"] = label
                node.setdefault("in_survey", True)  # since_survey/ records say false; the others are the survey's
                self.nodes[rec["id"]] = node
                for fld, rel in FIELD_REL.items():
                    for item in rec.get(fld) or []:
                        to, props = (item["to"], item) if isinstance(item, dict) else (item, {})
                        self.edges.append((rec["id"], rel, to, props))
                for fld, rel in INVERSE_FIELD.items():
                    for item in rec.get(fld) or []:
                        src, props = (item["to"], item) if isinstance(item, dict) else (item, {})
                        self.edges.append((src, rel, rec["id"], props))
        self.out = defaultdict(list)   # (src, rel) -> [(dst, props)]
        self.inn = defaultdict(list)   # (dst, rel) -> [(src, props)]
        seen = set()
        for s, r, d, p in self.edges:
            key = (s, r, d, p.get("role"))
            if key in seen:
                continue
            seen.add(key)
            self.out[(s, r)].append((d, p))
            self.inn[(d, r)].append((s, p))

    # --- basic reads ---------------------------------------------------------------------
    def label(self, nid):
        return self.nodes[nid]["label"]

    def of_label(self, label):
        return [n for n, v in self.nodes.items() if v["label"] == label]

    def outs(self, nid, rel, role=None):
        return {d for d, p in self.out[(nid, rel)] if role is None or p.get("role") == role}

    def ins(self, nid, rel, role=None):
        return {s for s, p in self.inn[(nid, rel)] if role is None or p.get("role") == role}

    def partners(self, nid):
        """The node itself and its INTRODUCES partner(s)."""
        lab = self.label(nid)
        if lab == "Paper":
            return {nid} | self.outs(nid, "INTRODUCES")
        if lab in PARTNERED:
            return {nid} | self.ins(nid, "INTRODUCES")
        return {nid}

    def closure(self, nid, step):
        seen, todo = set(), [nid]
        while todo:
            for n in step(todo.pop()):
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        seen.discard(nid)
        return seen

    def _memo(self, key, fn):
        memo = self.__dict__.setdefault("_memo_", {})
        if key not in memo:
            memo[key] = fn()
        return memo[key]

    def under(self, cat):
        """The category and every category under it."""
        return self._memo(("under", cat), lambda: {cat} | self.closure(cat, lambda c: self.ins(c, "SUBCATEGORY_OF")))

    def descendants(self, nid):
        return self._memo(("desc", nid), lambda: self.closure(nid, lambda n: self.ins(n, "DERIVED_FROM")))

    def ancestors(self, nid):
        return self._memo(("anc", nid), lambda: self.closure(nid, lambda n: self.outs(n, "DERIVED_FROM")))


@lru_cache(maxsize=1)
def graph() -> Graph:
    return Graph()


def _any(v):
    return v if isinstance(v, list) else [v]


def _cmp(actual, spec) -> bool:
    """spec: a plain value (equality, or any-of for a list) or {op: value, ...} (all must hold)."""
    if actual is None:
        return False
    if isinstance(spec, dict):
        ops = {"=": lambda a, b: a == b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
               "<": lambda a, b: a < b, ">": lambda a, b: a > b}
        return all(ops[op](actual, val) for op, val in spec.items())
    return any(actual == s for s in _any(spec))


def _lang_match(g, lang, spec) -> bool:
    """A Language node against a group spec {property: value-spec}; low_resource: class <= 2."""
    node = g.nodes[lang]
    for k, v in spec.items():
        if k == "low_resource":
            if _cmp(node.get("resource_class"), {"<=": 2}) != bool(v):
                return False
        elif not _cmp(node.get(k), v):
            return False
    return True


# --- one constraint -------------------------------------------------------------------------
def _via(g, x, test) -> bool:
    return any(test(w) for w in g.partners(x))


def holds(g: Graph, x: str, key: str, val, target: str) -> bool:
    """Whether node x satisfies one intent constraint (any-of over a list value)."""
    lab = target
    if key == "category":
        cats = set().union(*(g.under(c) for c in _any(val)))
        return _via(g, x, lambda w: bool(g.outs(w, "CLASSIFIED_AS") & cats))
    if key == "technique":
        return _via(g, x, lambda w: bool(g.outs(w, "USES_TECHNIQUE") & set(_any(val))))
    if key in ("language", "language_role"):
        langs, role = (val, None) if key == "language" else (val["id"], val["role"])
        if lab == "Language":
            return x in set(_any(langs))
        return _via(g, x, lambda w: bool(g.outs(w, "COVERS_LANGUAGE", role) & set(_any(langs))))
    if key == "language_group":  # covers some language matching the spec (or is one, for Language)
        if lab == "Language":
            return _lang_match(g, x, val)
        return _via(g, x, lambda w: any(_lang_match(g, l, val) for l in g.outs(w, "COVERS_LANGUAGE")))
    if key == "frontier":
        return _via(g, x, lambda w: bool(g.outs(w, "ADDRESSES") & set(_any(val))))
    if key == "trained_on":
        return _via(g, x, lambda w: bool(g.outs(w, "TRAINED_ON") & set(_any(val))))
    if key == "evaluated_on":
        return _via(g, x, lambda w: bool(g.outs(w, "EVALUATED_ON") & set(_any(val))))
    if key == "applied_to":
        return _via(g, x, lambda w: bool(g.outs(w, "APPLIED_TO") & set(_any(val))))
    if key == "developed_by":
        return _via(g, x, lambda w: bool(g.outs(w, "DEVELOPED_BY") & set(_any(val))))
    if key in ("org_country", "org_region"):
        def org_ok(o):
            c = g.nodes[o].get("country")
            return c in _any(val) if key == "org_country" else bool(set(REGION.get(c, [])) & set(_any(val)))
        if lab == "Organization":
            return org_ok(x)
        return _via(g, x, lambda w: any(org_ok(o) for o in g.outs(w, "DEVELOPED_BY")))
    if key == "derived_from":  # x is a descendant of any of val
        return any(x in g.descendants(v) for v in _any(val))
    if key == "ancestors_of":  # x is something val is built on
        return any(x in g.ancestors(v) for v in _any(val))
    if key == "family_of":
        return any(x == v or x in g.ancestors(v) | g.descendants(v) for v in _any(val))
    if key == "link":  # {rel, dir, id}: a direct edge (via partner for the four partnered labels)
        ids = set(_any(val["id"]))
        if val.get("dir", "out") == "in" and val.get("via_partner", True) and val["rel"] not in (
                "INTRODUCES", "DERIVED_FROM"):  # the source side (id) counts with its partner, as a hop's does
            ids = set().union(*(g.partners(i) if g.label(i) in PARTNERED else {i} for i in ids))
        step = (lambda w: g.outs(w, val["rel"], val.get("role"))) if val.get("dir", "out") == "out" \
            else (lambda w: g.ins(w, val["rel"], val.get("role")))
        if val.get("via_partner", True) and lab in PARTNERED:
            return _via(g, x, lambda w: bool(step(w) & ids))
        return bool(step(x) & ids)
    if key == "related":  # {rel, dir, label}: an edge to or from any node of label
        step = (lambda w: g.outs(w, val["rel"], val.get("role"))) if val.get("dir", "out") == "out" \
            else (lambda w: g.ins(w, val["rel"], val.get("role")))
        test = lambda w: any(g.label(n) == val["label"] for n in step(w) if n in g.nodes)
        if lab in PARTNERED:
            return _via(g, x, test)
        return test(x)
    if key == "hop":  # {rel, dir, where: intent}: x has a rel edge to (out) / from (in) an answer of where
        rel, d = val["rel"], val.get("dir", "out")
        inner = g._memo(("hop-inner", repr(val)), lambda: answer_list(val["where"], g))
        if rel == "DERIVED_FROM":  # lineage is transitive
            return bool((g.ancestors(x) if d == "out" else g.descendants(x)) & inner)
        if d == "out":  # x is the source: it counts with its paper (or a paper with what it introduces)
            sources = g.partners(x) if rel != "INTRODUCES" else {x}
            return any(g.outs(w, rel) & inner for w in sources)
        sources = g._memo(("hop-src", repr(val)), lambda: set().union(
            set(), *((g.partners(y) if rel != "INTRODUCES" else {y}) for y in inner)))
        return bool(g.ins(x, rel) & sources)
    if key == "name":
        return x in _any(val)
    if key == "subcategory_of":  # a Category at any depth under val (not val itself)
        return any(x != c and x in g.under(c) for c in _any(val))
    # a property of x itself: year, open, stage, construction, level, resource_class, family, script, ...
    if key == "low_resource":
        return _cmp(g.nodes[x].get("resource_class"), {"<=": 2}) == bool(val)
    if key == "params_b":  # parameters in billions: the largest size the record states
        return _cmp(params_max_b(g.nodes[x].get("parameters")), val)
    if key == "params_min_b":  # the smallest size the record states
        return _cmp(params_min_b(g.nodes[x].get("parameters")), val)
    return _cmp(g.nodes[x].get(key), val)


def param_sizes_b(text) -> list[float]:
    """The sizes in a parameters text ('560M-176B', '1.3B, 6B, 175B', '47B total, 13B active') in billions."""
    import re
    if not text:
        return []
    return [float(n) * {"M": 1e-3, "B": 1.0, "T": 1e3}[u.upper()]
            for n, u in re.findall(r"(\d+(?:\.\d+)?)\s*([MBT])\b", str(text), flags=re.I)]


def _billions(b):
    return None if b is None else round(b * 1e9)


def params_max_b(text):
    sizes = param_sizes_b(text)
    return max(sizes) if sizes else None


def params_min_b(text):
    sizes = param_sizes_b(text)
    return min(sizes) if sizes else None


META = {"target", "ask", "not", "top", "rank", "compare", "unplaced", "order", "of", "attribute", "via", "superlative",
        "label"}
RELATIONAL = {"category", "technique", "language", "language_role", "language_group", "frontier", "trained_on",
              "evaluated_on", "applied_to", "developed_by", "org_country", "org_region", "derived_from",
              "ancestors_of", "family_of", "link", "related", "name", "subcategory_of", "low_resource", "params_b",
              "params_min_b", "hop"}
PROPERTIES = {"year", "open", "stage", "construction", "level", "resource_class", "family", "script", "genus",
              "venue", "first_author", "country", "milestone", "evolution_figure", "in_companion_list", "in_survey"}


def mentions(word: str, g: Graph | None = None) -> list[str]:
    """Ids whose name, aliases, description or note contain the word (case-insensitive)."""
    g = g or graph()
    w = word.lower()
    return [i for i, n in g.nodes.items()
            if any(w in str(n.get(k) or "").lower() for k in ("name", "aliases", "description", "note"))]


def problems(item: dict, g: Graph | None = None) -> list[str]:
    """What is wrong with a corpus item itself: unknown keys, ids not in the seed data, empty answers."""
    g = g or graph()
    intent, out = item["intent"], []
    ask = intent.get("ask", "list")
    if ask == "withheld":  # at least one expected unplaced word occurs nowhere in the atlas
        words = item.get("unplaced") or []
        words = words if isinstance(words, list) else [words]
        if words and all(mentions(w, g) for w in words):
            out.append(f"every unplaced word occurs in the atlas: {words}")
        return out
    if ask == "comparison":
        return [f"unknown id {i}" for i in intent["compare"] if i not in g.nodes]
    if ask in ("value", "yesno"):
        if intent["of"] not in g.nodes:
            return [f"unknown id {intent['of']}"]
        if intent.get("via") and intent["via"] not in FIELD_REL.values():
            return [f"unknown relationship {intent['via']}"]
        if ask == "value":
            return []
    constraints = {k: v for k, v in intent.items() if k not in META}
    constraints.update(intent.get("not") or {})
    if "rank" in intent:
        constraints[intent["rank"]["by"]] = None
    for k, v in constraints.items():
        if k not in RELATIONAL | PROPERTIES:
            out.append(f"unknown intent key {k!r}")
        vals = [v] if not isinstance(v, (list, dict)) else list(v.values()) if isinstance(v, dict) else v
        for x in vals:
            for y in (x if isinstance(x, list) else [x]):
                if isinstance(y, str) and ":" in y and y.split(":")[0] in ("model", "paper", "method", "ds", "lang",
                                                                            "tech", "frontier", "org", "cat") \
                        and y not in g.nodes:
                    out.append(f"unknown id {y}")
    if ask in ("list", "count") and not answer_list(intent, g):
        out.append("the expected answer is empty")
    if ask == "ranking" and not rank_values(intent, g):
        out.append("no candidates to rank")
    return out


def matches(g: Graph, x: str, intent: dict) -> bool:
    target = intent["target"]
    for k, v in intent.items():
        if k in META:
            continue
        if not holds(g, x, k, v, target):
            return False
    for k, v in (intent.get("not") or {}).items():
        if holds(g, x, k, v, target):
            return False
    return True


def answer_list(intent: dict, g: Graph | None = None) -> set[str]:
    g = g or graph()
    return {x for x in g.of_label(intent["target"]) if matches(g, x, intent)}


def rank_values(intent: dict, g: Graph | None = None) -> list[tuple[str, int]]:
    """[(id, value)] of the candidates (all nodes that match the filters), best first, ties by id.

    ``rank: {count: L, by: key}``: a candidate x's value is the size of the list question
    "L with key x" (e.g. {count: Dataset, by: language} counts the data sets that cover x, each
    together with its paper, exactly as "data sets covering x" lists them). ``order``: desc (the
    most, default) or asc (the fewest).
    """
    g = g or graph()
    spec = intent["rank"]
    cands = answer_list(intent, g)
    if spec["by"] in VIA_REL and spec["count"] != "Language":  # the same sizes, counted from the listed side
        sizes = defaultdict(int)
        for y in g.of_label(spec["count"]):
            for x in set().union(*(g.outs(w, VIA_REL[spec["by"]]) for w in g.partners(y))) & cands:
                sizes[x] += 1
        vals = [(x, sizes[x]) for x in cands]
    else:
        vals = [(x, len(answer_list({"target": spec["count"], spec["by"]: x}, g))) for x in cands]
    rev = intent.get("order", "desc") == "desc"
    vals.sort(key=lambda t: (-t[1] if rev else t[1], t[0]))
    return vals


def _related(g: Graph, x: str, rel: str, role=None) -> set[str]:
    """The nodes one of x's own relationships reaches (the paper that introduces it, for INTRODUCES)."""
    return g.ins(x, rel) if rel == "INTRODUCES" else g.outs(x, rel, role)


def value_of(intent: dict, g: Graph | None = None) -> set:
    """A value question: the property ``attribute`` of ``of`` (or of each node its ``via`` relationship
    reaches), or with no attribute the ids ``via`` reaches; empty when the atlas records none. Lists are
    tuples (hashable)."""
    g = g or graph()
    x, attr, via = intent["of"], intent.get("attribute"), intent.get("via")
    holders = _related(g, x, via, intent.get("role")) if via else {x}
    if attr is None:
        return holders
    vals = (g.nodes[h].get(attr) for h in holders)
    return {tuple(v) if isinstance(v, list) else v for v in vals if v not in (None, "", [])}


def yes_no(intent: dict, g: Graph | None = None):
    """A yes/no question: whether ``of`` meets the other keys (as a list question's result would); None
    when it does not and a property those keys test is not recorded for it."""
    g = g or graph()
    x = intent["of"]
    if "label" in intent:  # "is Bactrian-X a dataset"
        return g.label(x) == intent["label"]
    cond = {k: v for k, v in intent.items() if k not in ("ask", "of")}
    cond["target"] = g.label(x)
    if matches(g, x, cond):
        return True
    node = g.nodes[x]
    recorded = {"params_b": "parameters", "params_min_b": "parameters", "low_resource": "resource_class"}
    if any(node.get(recorded.get(k, k)) is None for k in cond if k in PROPERTIES or k in recorded):
        return None
    if any(not any(g.outs(w, KEY_REL[k]) for w in g.partners(x)) for k in cond if k in KEY_REL):
        return None  # nothing of the kind recorded for x (nor its paper): unknown, not a no
    return False


# the relationship a yes/no key tests, where no such edge at all means "not recorded" (lineage is not one:
# a model derived from nothing is a base model)
KEY_REL = {"language": "COVERS_LANGUAGE", "language_group": "COVERS_LANGUAGE", "technique": "USES_TECHNIQUE",
           "frontier": "ADDRESSES", "trained_on": "TRAINED_ON", "evaluated_on": "EVALUATED_ON",
           "applied_to": "APPLIED_TO", "developed_by": "DEVELOPED_BY", "org_country": "DEVELOPED_BY",
           "org_region": "DEVELOPED_BY", "category": "CLASSIFIED_AS"}


def expected(item: dict, g: Graph | None = None) -> dict:
    """The expected answer of one corpus item: {'kind': ..., and ids / count / ranking / items}."""
    g = g or graph()
    intent = item["intent"]
    ask = intent.get("ask", "list")
    if ask == "withheld":
        return {"kind": "withheld", "unplaced": item.get("unplaced") or intent.get("unplaced")}
    if ask == "comparison":
        return {"kind": "comparison", "items": list(intent["compare"])}
    if ask == "value":
        return {"kind": "value", "values": value_of(intent, g)}
    if ask == "yesno":
        return {"kind": "yesno", "answer": yes_no(intent, g)}
    if ask == "count":
        return {"kind": "count", "count": len(answer_list(intent, g)), "ids": answer_list(intent, g)}
    if "superlative" in intent:  # {field: year | parameters | parameters_min, order: desc | asc}; top k, ties kept
        sup = intent["superlative"]
        value = {"year": lambda n: n.get("year"),
                 "parameters": lambda n: _billions(params_max_b(n.get("parameters"))),
                 "parameters_min": lambda n: _billions(params_min_b(n.get("parameters")))}[sup["field"]]
        vals = [(x, value(g.nodes[x])) for x in answer_list(intent, g)]
        vals = [(x, v) for x, v in vals if isinstance(v, (int, float)) and not isinstance(v, bool)]
        desc = sup.get("order", "desc") == "desc"
        vals.sort(key=lambda t: (-t[1] if desc else t[1], t[0]))
        return {"kind": "ranking", "ranking": vals, "top": intent.get("top", 1), "order": sup.get("order", "desc")}
    if ask == "ranking":
        vals = rank_values(intent, g)
        top = intent.get("top", 1)
        return {"kind": "ranking", "ranking": vals, "top": top, "order": intent.get("order", "desc")}
    return {"kind": "list", "ids": answer_list(intent, g)}
