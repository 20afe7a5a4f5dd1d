"""Random questions with known answers: an intent built from the schema and the seed data (nested hops,
negation, disjunction, year ranges, superlatives, the survey's boundary), realised in English in one of
several phrasings. The answer comes from reference.py; nothing here imports the parser.

``questions(seed, n)`` yields (question, intent) pairs; the same seed gives the same questions.
``cjk_questions(seed, n)``: flat intents (a named condition, open, a year, the newest) in Chinese or Korean.
"""
from __future__ import annotations

import random
import re

from tests.ask_corpus import reference as R

PLURAL = {"Paper": ["papers", "works", "publications"], "Method": ["methods", "approaches"],
          "Model": ["models", "LLMs"], "Dataset": ["datasets", "data sets", "corpora"],
          "Language": ["languages"], "Technique": ["techniques"], "Organization": ["organisations", "labs",
                                                                                   "organizations"],
          "Frontier": ["frontiers"]}
OPENERS = ["", "which ", "list the ", "show me ", "what are the ", "find "]
# (intent key, labels it applies to, label of its value, phrasings); {n} is the value's name
SIMPLE = [
    ("technique", ("Paper", "Method", "Model", "Dataset"), "Technique",
     ["that use {n}", "using {n}", "that rely on {n}", "which employ {n}"]),
    ("language", ("Paper", "Method", "Model", "Dataset"), "Language",
     ["covering {n}", "that cover {n}", "for {n}", "that support {n}"]),
    ("developed_by", ("Method", "Model", "Dataset"), "Organization",
     ["developed by {n}", "from {n}", "built by {n}", "released by {n}", "made by {n}"]),
    ("frontier", ("Paper", "Method", "Dataset"), "Frontier", ["that address {n}", "addressing {n}", "tackling {n}"]),
    ("derived_from", ("Model",), "Model", ["derived from {n}", "fine-tuned from {n}", "built on {n}", "based on {n}"]),
    ("trained_on", ("Model",), "Dataset", ["trained on {n}", "pretrained on {n}"]),
    ("evaluated_on", ("Paper", "Model", "Method"), "Dataset", ["evaluated on {n}", "tested on {n}"]),
]
NEGATED = {"technique": ["that do not use {n}", "not using {n}"], "developed_by": ["not developed by {n}"],
           "language": ["that do not cover {n}"]}
# (outer label, rel, dir, inner label, phrasings)
HOPS = [
    ("Dataset", "EVALUATED_ON", "in", "Model", ["used to evaluate", "used for evaluating"]),
    ("Dataset", "TRAINED_ON", "in", "Model", ["used to train", "used for training"]),
    ("Organization", "DEVELOPED_BY", "in", "Model", ["behind", "that developed", "that built"]),
    ("Organization", "DEVELOPED_BY", "in", "Dataset", ["behind", "that released"]),
    ("Language", "COVERS_LANGUAGE", "in", "Model", ["covered by", "supported by"]),
    ("Language", "COVERS_LANGUAGE", "in", "Dataset", ["covered by", "included in"]),
    ("Language", "COVERS_LANGUAGE", "in", "Method", ["covered by", "targeted by"]),
    ("Technique", "USES_TECHNIQUE", "in", "Method", ["used by", "employed by"]),
    ("Technique", "USES_TECHNIQUE", "in", "Model", ["used by"]),
    ("Model", "TRAINED_ON", "out", "Dataset", ["trained on"]),
    ("Model", "DERIVED_FROM", "out", "Model", ["derived from", "built on", "fine-tuned from"]),
    ("Model", "DEVELOPED_BY", "out", "Organization", ["developed by", "from"]),
    ("Paper", "INTRODUCES", "out", "Model", ["that introduce", "introducing"]),
    ("Paper", "INTRODUCES", "out", "Dataset", ["that introduce", "proposing"]),
    ("Method", "APPLIED_TO", "out", "Model", ["applied to"]),
    ("Frontier", "ADDRESSES", "in", "Dataset", ["addressed by"]),
]
SUPERLATIVE = {("year", "desc"): ["newest", "latest", "most recent"], ("year", "asc"): ["oldest", "earliest"],
               ("parameters", "desc"): ["largest", "biggest"]}
SURVEY = {False: ["added since the survey", "published after the survey", "not in the survey"],
          True: ["in the survey", "covered in the survey"]}


def _names(g, label: str) -> list[tuple[str, str]]:
    """(id, name) of the nodes of ``label`` whose name is plain ASCII words, not another node's name too."""
    seen: dict[str, int] = {}
    for n in g.nodes.values():
        for t in [n.get("name"), *(n.get("aliases") or [])]:
            if isinstance(t, str):
                seen[t.lower()] = seen.get(t.lower(), 0) + 1
    out = []
    for i in sorted(g.of_label(label)):
        name = g.nodes[i].get("name", "")
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .\-]{1,24}", name) and seen.get(name.lower()) == 1 \
                and not re.search(r"\b(?:of|on|for|in|and|or|by|the|from|with|to|a|not|no|data|model|models|"
                                  r"language|languages|survey|open|new|first|most|set)\b", name, re.I):
            out.append((i, name))
    return out


class Generator:
    def __init__(self, g=None):
        self.g = g or R.graph()
        self.names = {lab: _names(self.g, lab) for lab in PLURAL}
        # values actually used (so most questions answer something): edge targets per key
        self.used_values: dict[str, list] = {}
        for key, _, lab, _ in SIMPLE:
            rel = {"technique": "USES_TECHNIQUE", "language": "COVERS_LANGUAGE", "developed_by": "DEVELOPED_BY",
                   "frontier": "ADDRESSES", "derived_from": "DERIVED_FROM", "trained_on": "TRAINED_ON",
                   "evaluated_on": "EVALUATED_ON"}[key]
            ends = {d for _, r, d, _ in self.g.edges if r == rel}
            self.used_values[key] = [(i, n) for i, n in self.names[lab] if i in ends]

    def _simple(self, rnd, target, avoid=()):
        opts = [s for s in SIMPLE if target in s[1] and s[0] not in avoid and self.used_values[s[0]]]
        key, _, _, phr = rnd.choice(opts)
        (vid, vname) = rnd.choice(self.used_values[key])
        roll = rnd.random()
        if roll < 0.12 and key in NEGATED:
            return {"not": {key: vid}}, rnd.choice(NEGATED[key]).format(n=vname)
        if roll < 0.24 and key in ("technique", "language", "developed_by"):
            (wid, wname) = rnd.choice(self.used_values[key])
            if wid != vid:
                return {key: [vid, wid]}, rnd.choice(phr).format(n=f"{vname} or {wname}")
        return {key: vid}, rnd.choice(phr).format(n=vname)

    def noun_phrase(self, rnd, target, depth, superlative=True):
        """(intent, words) of '<premodifiers> <kind> <clauses> [<hop> <noun phrase>]'."""
        intent, pre, post = {"target": target}, [], []
        if target in ("Model", "Dataset") and rnd.random() < 0.2:
            flag = rnd.random() < 0.7
            intent["open"] = flag
            pre.append("open" if flag else "closed")
        if target in ("Paper", "Model", "Dataset", "Method") and rnd.random() < 0.2:
            flag = rnd.random() < 0.6
            intent["in_survey"] = not flag
            post.append(rnd.choice(SURVEY[not flag]))
        elif target in ("Paper", "Model", "Dataset") and rnd.random() < 0.15:
            y = rnd.choice([2019, 2020, 2021, 2022, 2023, 2024])
            op, text = rnd.choice([(">=", f"since {y}"), ("<", f"before {y}"), ("=", f"from {y}"),
                                   ("=", f"released in {y}")])
            intent["year"] = y if op == "=" else {op: y}
            post.append(text)
        if target in SIMPLE_TARGETS and rnd.random() < 0.8:
            extra, text = self._simple(rnd, target)
            _merge(intent, extra)
            post.append(text)
        hops = [h for h in HOPS if h[0] == target]
        if depth > 1 and hops and rnd.random() < 0.7:
            outer, rel, d, inner, phr = rnd.choice(hops)
            sub, sub_text = self.noun_phrase(rnd, inner, depth - 1, superlative=False)
            if len(sub) > 1:  # a hop to a bare kind is a plain 'related', read elsewhere
                intent["hop"] = {"rel": rel, "dir": d, "where": sub}
                post.append(f"{rnd.choice(phr)} {sub_text}")
        if len(intent) == 1:
            return intent, rnd.choice(PLURAL[target])
        sup = ""
        if superlative and rnd.random() < 0.15:
            opts = [k for k in SUPERLATIVE if k[0] == "year" and target in ("Paper", "Model", "Dataset", "Method")
                    or k[0] == "parameters" and target == "Model"]
            if opts:
                field, order = rnd.choice(opts)
                intent["superlative"] = {"field": field, "order": order}
                sup = "the " + rnd.choice(SUPERLATIVE[(field, order)]) + " "
        kind = rnd.choice(PLURAL[target])
        return intent, (sup + " ".join(pre + [kind] + post)).strip()

    def question(self, rnd) -> tuple[str, dict]:
        target = rnd.choice(sorted(PLURAL))
        intent, np = self.noun_phrase(rnd, target, rnd.choice([1, 2, 2, 3]))
        opener = "" if "superlative" in intent else rnd.choice(OPENERS)
        return (opener + np).strip(), intent


SIMPLE_TARGETS = ("Paper", "Method", "Model", "Dataset")


def _merge(intent: dict, extra: dict) -> None:
    for k, v in extra.items():
        if k == "not":
            intent.setdefault("not", {}).update(v)
        else:
            intent[k] = v


def questions(seed: int, n: int):
    rnd = random.Random(seed)
    gen = Generator()
    for _ in range(n):
        yield gen.question(rnd)


# Chinese and Korean: the same intents said the way graph/ask/values_cjk.py and the CJK grammar read them (a
# condition before the head noun, names in Latin script inside the text); key -> (labels, zh, ko)
CJK_NOUNS = {"Model": ("模型", "모델"), "Method": ("方法", "방법"), "Dataset": ("数据集", "데이터셋"), "Paper": ("论文", "논문")}
CJK_SIMPLE = {
    "derived_from": (("Model",), ["基于{n}的"], ["{n}를 기반으로 한", "{n}을 기반으로 한"]),
    "trained_on": (("Model",), ["在{n}上训练的"], ["{n}로 학습된"]),
    "evaluated_on": (("Model", "Method"), ["在{n}上评估的"], ["{n}로 평가된"]),
    "developed_by": (("Model", "Method", "Dataset"), ["{n}开发的"], ["{n}가 개발한", "{n}이 개발한"]),
    "technique": (("Method", "Model", "Paper"), ["使用{n}的"], ["{n}을 사용하는", "{n}를 사용하는"]),
}
CJK_NEWEST = (["最新的"], ["가장 최신", "제일 최신"])


def cjk_questions(seed: int, n: int):
    """(question, intent) in Chinese or Korean: one named condition, optionally open, a year or the newest."""
    rnd = random.Random(seed)
    gen = Generator()
    for _ in range(n):
        zh = rnd.random() < 0.5
        key = rnd.choice(sorted(CJK_SIMPLE))
        labels, zh_phr, ko_phr = CJK_SIMPLE[key]
        target = rnd.choice(labels)
        vid, vname = rnd.choice(gen.used_values[key])
        intent = {"target": target, key: vid}
        parts = [rnd.choice(zh_phr if zh else ko_phr).format(n=vname)]
        roll = rnd.random()
        if roll < 0.2 and target in ("Model", "Dataset"):
            intent["open"] = True
            parts.append("开源的" if zh else "오픈")
        elif roll < 0.4:
            y = rnd.choice([2021, 2022, 2023])
            intent["year"] = {">=": y}
            parts.insert(0, f"{y}年以后" if zh else f"{y}년 이후")
        elif roll < 0.55:
            intent["superlative"] = {"field": "year", "order": "desc"}
            parts.append(rnd.choice(CJK_NEWEST[0] if zh else CJK_NEWEST[1]))
        noun = CJK_NOUNS[target][0 if zh else 1]
        yield ("".join(parts) + noun) if zh else " ".join(parts + [noun]), intent
