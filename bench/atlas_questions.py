"""Questions for a synthetic atlas (bench/atlas.py) whose answers are non-empty: ``questions(data, n)``.

Each question is composed from a witness, a node of the atlas and its own facts (a model with descendants
for "which models are derived from X", a method's category, technique and language for "which PFA methods
use T on L"), so its answer holds at least the witness; a node is named only by a name (or alias) no other
node has, without commas; each carries the reference's intent
(tests/ask_corpus/reference.py), so at 10x ``check_with_reference`` scores every answer exactly. Families:
lineage, taxonomy x technique x language, data and organisations, counts, values and yes/no, chains (a
question about another question's answers), rankings (the corpus's own, which name no entity), comparisons
and paths. Deterministic per seed.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

import yaml

from graph.schema.model import GraphData

CATEGORIES = {"cat:pfa": "PFA", "cat:pta": "PTA", "cat:rlhf": "RLHF alignment", "cat:sft": "SFT alignment",
              "cat:retrieval-augmented": "retrieval augmented alignment", "cat:pretraining": "pretraining alignment",
              "cat:finetuning": "downstream finetuning alignment"}
TECHNIQUES = {"tech:code-switching": "code-switching", "tech:chain-of-thought": "chain-of-thought",
              "tech:machine-translation": "machine translation", "tech:in-context-learning": "in-context learning",
              "tech:instruction-tuning": "instruction tuning", "tech:vocabulary-extension": "vocabulary extension",
              "tech:retrieval-augmentation": "retrieval augmentation", "tech:parallel-data": "parallel data"}
PLURAL = {"Paper": "papers", "Method": "methods", "Model": "models", "Dataset": "datasets"}
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "ask_corpus"
_ID = re.compile(r"\b(?:model|paper|method|ds|lang|tech|frontier|org|cat):")


class _View:
    """Typed out/in neighbours of a GraphData, and a node's INTRODUCES partners."""

    def __init__(self, data: GraphData):
        self.nodes = data.nodes
        self.out, self.inn = defaultdict(set), defaultdict(set)
        for e in data.edges:
            self.out[(e["source"], e["type"])].add(e["target"])
            self.inn[(e["target"], e["type"])].add(e["source"])
        self.by_label = defaultdict(list)
        said = defaultdict(int)  # how many nodes a name or alias names
        for nid, n in data.nodes.items():
            self.by_label[n["label"]].append(nid)
            for w in {str(x).lower() for x in [n["name"], *(n.get("aliases") or [])]}:
                said[w] += 1
        # A question names a node by a name no other node has, without commas (a list separator in a question).
        self.nameable = {nid for nid, n in data.nodes.items() if said[n["name"].lower()] == 1 and "," not in n["name"]}

    def partners(self, nid):
        if self.nodes[nid]["label"] == "Paper":
            return {nid} | self.out[(nid, "INTRODUCES")]
        return {nid} | self.inn[(nid, "INTRODUCES")]

    def reach(self, nid, rel):
        return set().union(*(self.out[(w, rel)] for w in self.partners(nid)))

    def categories(self, nid):
        """Every category the node (or its partner) sits at or under."""
        todo, seen = list(self.reach(nid, "CLASSIFIED_AS")), set()
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.out[(c, "SUBCATEGORY_OF")])
        return seen


def _entity_free_corpus(family: str, kinds=("ranking", "list", "count")) -> list[dict]:
    doc = yaml.safe_load((CORPUS / f"{family}.yaml").read_text(encoding="utf-8"))
    return [{"family": family, "q": it["q"], "intent": it["intent"]} for it in doc["questions"]
            if it["intent"].get("ask", "list") in kinds and not _ID.search(str(it["intent"]))]


def questions(data: GraphData, n: int = 8, seed: int = 0) -> list[dict]:
    """About ``n`` questions per family: {family, q, intent} (intent None for a path question)."""
    rng = random.Random(seed)
    v = _View(data)
    name = lambda i: v.nodes[i]["name"]  # noqa: E731
    out: list[dict] = []

    def pick(label, test, k):
        ids = v.by_label[label]
        got, tries = [], 0
        while len(got) < k and tries < 200 * k:
            tries += 1
            x = ids[rng.randrange(len(ids))]
            if x not in got and x in v.nameable and test(x):
                got.append(x)
        return got

    has_kids = lambda x: bool(v.inn[(x, "DERIVED_FROM")])  # noqa: E731
    has_parents = lambda x: bool(v.out[(x, "DERIVED_FROM")])  # noqa: E731
    for m in pick("Model", has_kids, n // 2):
        out.append({"family": "lineage", "q": f"which models are derived from {name(m)}",
                    "intent": {"target": "Model", "derived_from": m}})
    for m in pick("Model", has_parents, n - n // 2):
        out.append({"family": "lineage", "q": f"what is {name(m)} built on",
                    "intent": {"target": "Model", "ancestors_of": m}})
    for m in pick("Model", has_kids, n // 2):
        out.append({"family": "counts", "q": f"how many models are derived from {name(m)}",
                    "intent": {"ask": "count", "target": "Model", "derived_from": m}})
    covered = lambda x: any(v.nodes[w]["label"] == "Dataset" or v.partners(w) & set(v.by_label["Dataset"])  # noqa: E731
                            for w in v.inn[(x, "COVERS_LANGUAGE")])
    for lang in pick("Language", covered, n - n // 2):
        out.append({"family": "counts", "q": f"number of datasets covering {name(lang)}",
                    "intent": {"ask": "count", "target": "Dataset", "language": lang}})

    for label in ("Method", "Paper"):  # taxonomy x technique x language, from a witness's own facts
        def combo(x):
            cats = sorted(v.categories(x) & CATEGORIES.keys())
            techs = sorted(v.reach(x, "USES_TECHNIQUE") & TECHNIQUES.keys())
            langs = sorted(v.reach(x, "COVERS_LANGUAGE") & v.nameable)
            return (rng.choice(cats), rng.choice(techs), rng.choice(langs)) if cats and techs and langs else None
        for x in pick(label, combo, n // 2):
            c, t, lang = combo(x)
            out.append({"family": "taxonomy_technique_language",
                        "q": f"which {CATEGORIES[c]} {PLURAL[label]} use {TECHNIQUES[t]} on {name(lang)}",
                        "intent": {"target": label, "category": c, "technique": t, "language": lang}})
    for d in pick("Dataset", lambda x: any(v.nodes[w]["label"] == "Model" for w in v.inn[(x, "TRAINED_ON")]),
                  n // 2):
        out.append({"family": "data", "q": f"which models were trained on {name(d)}",
                    "intent": {"target": "Model", "trained_on": d}})
    for o in pick("Organization", lambda x: bool(v.inn[(x, "DEVELOPED_BY")] & set(v.by_label["Model"])),
                  n - n // 2):
        out.append({"family": "organisations", "q": f"models developed by {name(o)}",
                    "intent": {"target": "Model", "developed_by": o}})
    for m in pick("Model", lambda x: v.nodes[x].get("year") is not None, n // 2):
        out.append({"family": "values", "q": f"when was {name(m)} released",
                    "intent": {"ask": "value", "of": m, "attribute": "year"}})
    for m in pick("Model", lambda x: bool(v.out[(x, "DEVELOPED_BY")]), n - n // 2):
        out.append({"family": "values", "q": f"who developed {name(m)}",
                    "intent": {"ask": "value", "of": m, "via": "DEVELOPED_BY"}})
    for m in pick("Model", lambda x: bool(v.out[(x, "DERIVED_FROM")] & v.nameable), n // 2):
        parent = sorted(v.out[(m, "DERIVED_FROM")] & v.nameable)[0]
        out.append({"family": "yesno", "q": f"is {name(m)} derived from {name(parent)}",
                    "intent": {"ask": "yesno", "of": m, "derived_from": parent}})
    for m in pick("Model", lambda x: bool(v.out[(x, "COVERS_LANGUAGE")] & v.nameable), n - n // 2):
        lang = sorted(v.out[(m, "COVERS_LANGUAGE")] & v.nameable)[0]
        out.append({"family": "yesno", "q": f"does {name(m)} cover {name(lang)}",
                    "intent": {"ask": "yesno", "of": m, "language": lang}})
    # composed (chains): a question about the nodes one relationship away from another question's answers
    kids = lambda x: v.inn[(x, "DERIVED_FROM")]  # noqa: E731
    for m in pick("Model", lambda x: any(v.reach(k, "EVALUATED_ON") for k in kids(x)), n // 3):
        out.append({"family": "chains", "q": f"datasets used to evaluate models derived from {name(m)}",
                    "intent": {"target": "Dataset", "hop": {"rel": "EVALUATED_ON", "dir": "in",
                                                            "where": {"target": "Model", "derived_from": m}}}})
    for m in pick("Model", lambda x: any(v.reach(k, "DEVELOPED_BY") for k in kids(x)), n // 3):
        out.append({"family": "chains", "q": f"organisations behind models derived from {name(m)}",
                    "intent": {"target": "Organization", "hop": {"rel": "DEVELOPED_BY", "dir": "in",
                                                                 "where": {"target": "Model", "derived_from": m}}}})
    made = lambda o: [d for d in v.inn[(o, "DEVELOPED_BY")] if v.nodes[d]["label"] == "Dataset"]  # noqa: E731
    for o in pick("Organization", lambda x: any(v.reach(d, "COVERS_LANGUAGE") for d in made(x)), n - 2 * (n // 3)):
        out.append({"family": "chains", "q": f"languages covered by datasets developed by {name(o)}",
                    "intent": {"target": "Language", "hop": {"rel": "COVERS_LANGUAGE", "dir": "in",
                                                             "where": {"target": "Dataset", "developed_by": o}}}})
    out += _entity_free_corpus("rankings")[:n]
    for a, b in zip(pick("Model", lambda x: True, n), pick("Dataset", lambda x: True, n)):
        pair = (a, b) if rng.random() < 0.5 else (b, a)
        out.append({"family": "comparisons", "q": f"compare {name(pair[0])} and {name(pair[1])}",
                    "intent": {"ask": "comparison", "compare": list(pair)}})
    for m in pick("Model", has_parents, n):
        parent = sorted(v.out[(m, "DERIVED_FROM")])[0]
        far = sorted((v.reach(parent, "COVERS_LANGUAGE") or v.out[(parent, "DERIVED_FROM")]) & v.nameable)
        if far:
            end = rng.choice(far)
            out.append({"family": "paths", "q": f"how is {name(m)} connected to {name(end)}",
                        "intent": None, "ends": [m, end]})
    return out


def check_with_reference(answers: list, items: list[dict], seed_dir: Path) -> list[tuple[dict, bool, str]]:
    """Each (item, ok, why): the answer scored against tests/ask_corpus/reference.py over ``seed_dir``
    (a path answer: answered with at least one path whose every hop is an edge of the atlas)."""
    from tests.ask_corpus import reference, score

    g = reference.Graph(Path(seed_dir))
    out = []
    for item, answer in zip(items, answers):
        if item["intent"] is None:
            ok = answer.status == "answered" and _paths_ok(g, answer.results or [], item["ends"])
            out.append((item, ok, "" if ok else "no path, or a hop that is not an edge"))
            continue
        ok, why = score.check(answer, reference.expected(item, g))
        out.append((item, ok, why))
    return out


def _paths_ok(g, results, ends) -> bool:
    """Some path, every path from one end to the other, and each of its hops an edge of the atlas."""
    paths = [p for r in results for ev in r.evidence for p in ev.paths]
    return bool(paths) and all(
        {p["nodes"][0], p["nodes"][-1]} == set(ends)
        and all(r["target"] in g.outs(r["source"], r["type"]) for r in p["rels"]) for p in paths)
