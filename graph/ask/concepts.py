"""Concept words: a leftover word of a technique's, frontier's or category's name ('models that extend the
*vocabulary*') names that node when it belongs to exactly one; split from graph.ask.entities."""
from __future__ import annotations

from functools import lru_cache

from graph.ask import vocab as V
from graph.ask.entities import Mention
from graph.search.fuzzy import has_cjk, norm

CONCEPTS = ("Technique", "Frontier", "Category")
SUFFIXES = ("ness", "ing", "est", "ies", "er", "ed", "ly", "s", "r")


def concept_words(nodes: dict) -> dict[str, set[str]]:
    """{word of a technique's, frontier's or category's name or alias: node ids} (Latin words of 5+ letters).

    A participle inside a name of three words or more is no head of the concept ('aided' of 'MLLM aided
    generation' is an English word, not LLM-generated data)."""
    out: dict[str, set[str]] = {}
    for n in nodes.values():
        if n.get("label") not in CONCEPTS:
            continue
        for t in [n.get("name"), *(n.get("aliases") or [])]:
            if isinstance(t, str) and not has_cjk(t):
                for w in norm(t).split():
                    if w.endswith("ed") and len(norm(t).split()) >= 3:
                        continue  # a participle linking a longer name, no head of it
                    if len(w) >= 5 and w.isalpha():
                        out.setdefault(w, set()).add(n["id"])
    return out


@lru_cache(maxsize=1)
def _skip() -> frozenset:
    """The function words that never name a concept, gathered once."""
    return frozenset(V.STOP | V.CUE_WORDS | set(V.TARGET_WORDS) | V.FIELD_WORDS | set(V.ABSENT_FACTS))


def find_concept_words(parser, words, used) -> list[Mention]:
    """A leftover word that belongs to the names of exactly one technique, frontier or category, or whose
    stem starts exactly one such name word ('safer' -> Safety), names that node ('models that extend the
    *vocabulary*'); a word shared by several stays unplaced."""
    skip = _skip()
    table = parser.concept_words
    out = []
    for i, w in enumerate(words):
        if used[i] or w in skip or len(w) < 5 or not w.isalpha():
            continue
        ids = table.get(w)
        if ids is None:
            stem = next((w[:-len(s)] for s in SUFFIXES if w.endswith(s) and len(w) - len(s) >= 4), None)
            if stem is None:
                continue
            ids = set().union(*(v for k, v in table.items() if k.startswith(stem)))
        if len(ids) == 1:
            nid = next(iter(ids))
            used[i] = True
            out.append(Mention(i, i + 1, nid, parser.linkable.nodes[nid]["label"], 90.0, text=w))
    return out
