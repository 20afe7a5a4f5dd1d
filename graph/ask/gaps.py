"""Negation and "any <kind>" constraints: the words that turn a question into a search for gaps.

"PFA methods that do not use code-switching", "models not derived from LLaMA", "which low-resource
languages have no dataset". A negation word counts for the constraint right after it (within a few
words, crossing only cue and stop words), so "closed models that use code-switching" stays positive.
"""
from __future__ import annotations

from functools import lru_cache

from graph import schema
from graph.ask import vocab as V
from graph.query import Constraint
from graph.search.fuzzy import norm

NEGATION_WORDS = frozenset({"not", "no", "without", "never", "none", "nothing", "lack", "lacks", "lacking",
                            "neither", "nor", "nobody", "missing", "cannot"})
CONTRACTIONS = frozenset({"don", "doesn", "didn", "isn", "aren", "wasn", "weren", "haven", "hasn", "hadn",
                          "won", "can"})  # norm() splits "doesn't" into "doesn t"
WINDOW = 4
NOT_RELATED = ("DERIVED_FROM", "SUBCATEGORY_OF")  # lineage and taxonomy have their own constraints


def negation_before(words: list[str], used: list[bool], i: int) -> list[int]:
    """Positions of the negation (word, or contraction plus "t") governing the phrase at word i; [] if none.

    >>> negation_before("methods that do not use code switching".split(), [False] * 7, 5)
    [3]
    >>> negation_before("models that are not open and use x".split(), [0, 0, 0, 0, 1, 0, 0, 1], 7)
    []
    """
    for k in range(i - 1, max(-1, i - 1 - WINDOW), -1):
        if used[k]:
            return []
        w = words[k]
        if w in NEGATION_WORDS:
            return [k]
        if w == "t" and k and words[k - 1] in CONTRACTIONS:
            return [k - 1, k]
    return []


def relation_between(target: str, other: str, cue: str | None) -> tuple[str, str] | None:
    """(relationship type, direction from the target) linking ``target`` to any ``other`` node.

    Read from the schema; where several fit, the cue ("trained_on", "evaluated") decides, then
    INTRODUCES; None when it stays ambiguous.

    >>> relation_between("Language", "Dataset", None)
    ('COVERS_LANGUAGE', 'in')
    >>> relation_between("Model", "Dataset", "evaluated")
    ('EVALUATED_ON', 'out')
    """
    fits = [(rt.type, "out") for rt in schema.REL_TYPES.values() if target in rt.sources and other in rt.targets]
    fits += [(rt.type, "in") for rt in schema.REL_TYPES.values() if other in rt.sources and target in rt.targets]
    fits = [f for f in dict.fromkeys(fits) if f[0] not in NOT_RELATED]
    if len(fits) == 1:
        return fits[0]
    for rel in ({"evaluated": "EVALUATED_ON", "trained_on": "TRAINED_ON"}.get(cue or ""), "INTRODUCES"):
        chosen = [f for f in fits if f[0] == rel]
        if len(chosen) == 1:
            return chosen[0]
    return None


@lru_cache(maxsize=8)
def _normed(cues: tuple) -> tuple[str, ...]:
    """A cue table normalised once."""
    return tuple(norm(c) for c in cues)


def _cue(window: list[str], kind_word: str) -> str | None:
    """"evaluated" or "trained_on" from the words around a kind word ("benchmark", "evaluation data", ...)."""
    around = " ".join(window)
    if any(w.startswith(("introduc", "propos", "present", "releas")) for w in window):
        return "introduced"
    if (kind_word.startswith("benchmark") or any(w.startswith(("evaluat", "test", "benchmark")) for w in window)
            or any(c in around for c in _normed(V.EVAL_CUES))):
        return "evaluated"
    if any(w.startswith(("train", "pretrain")) for w in window) or any(c in around for c in _normed(V.TRAIN_CUES)):
        return "trained_on"
    return None


def related_constraints(words: list[str], used: list[bool], target: str, found: list) -> list[dict]:
    """A negated second kind word ("languages with no dataset") becomes a negated ``related`` constraint,
    appended to ``found`` as (position, constraint); returns the words it could not place."""
    unplaced = []
    for i, w in enumerate(words):
        other = V.TARGET_WORDS.get(w)
        if other and not used[i] and w in ("llm", "llms", "mllm", "mllms") and other != target:
            used[i] = True  # 'an LLM like ChatGPT': the field's own word, not a second kind
            continue
        if other == target and not used[i] and i and words[i - 1] in ("another", "other") and any(
                c in " ".join(words[max(0, i - 6):i]) for c in ("built on", "based on", "derived from", "fine tuned from")):
            used[i] = True  # 'models not built on another model': DERIVED_FROM any node of the same kind
            negation = negation_before(words, used, max(0, i - 4)) or [k for k in range(max(0, i - 6), i)
                                                                        if words[k] in NEGATION_WORDS]
            for k in negation:
                used[k] = True
            found.append((i, Constraint("related", rel="DERIVED_FROM", dir="out", label=other, via_partner=False,
                                        negate=bool(negation), text=" ".join(words[max(0, i - 4):i + 1]))))
            continue
        if not other or other == target or used[i]:
            continue
        negation = negation_before(words, used, i)
        if not negation and (w in V.CUE_WORDS or w == "data"):
            continue  # 'languages' after 'low-resource', 'training data': part of another phrase
        # a second kind word: "papers that introduce models", "languages covered by datasets"; negated, a gap
        # question: "languages with no dataset"
        cue = _cue(words[max(0, i - 4):i + 4], w)
        rel = relation_between(target, other, cue)
        for k in [i] + negation:
            used[k] = True
        if rel is None:
            unplaced.append({"text": w, "reason": f"no single relationship links {target.lower()}s and "
                             f"{other.lower()}s; say which (e.g. trained on, evaluated on)", "suggestions": [],
                             "not_in_atlas": False})
            continue
        role = cue if rel[0] == "COVERS_LANGUAGE" else None
        found.append((i, Constraint("related", rel=rel[0], dir=rel[1], label=other, role=role, negate=bool(negation),
                                    via_partner=rel[0] != "INTRODUCES",
                                    text=" ".join(words[negation[0]:i + 1]) if negation else w)))
    return unplaced


LINEAGE_WORDS = frozenset({"derivative", "derivatives", "descendant", "descendants", "ancestor", "ancestors",
                           "derived", "descended", "lineage", "variant", "variants", "offspring", "predecessors",
                           "successors"})


def _has_lineage(query) -> bool:
    def walk(cs) -> bool:
        for c in cs:
            if c.kind == "lineage" or c.rel == "DERIVED_FROM":
                return True
            if c.alternatives and walk(c.alternatives):
                return True
            if c.sub is not None and walk(c.sub.constraints):
                return True
        return False
    return walk(query.constraints)


def lineage_left_out(question: str, queries) -> list[dict]:
    """A lineage word ("derivatives", "descended") in a reading with no lineage anywhere: the word was
    dropped ("Meta's models' derivatives" read as Meta's models), so it is reported, never answered past."""
    said = [w for w in norm(question).split() if w in LINEAGE_WORDS]
    if not said or any(_has_lineage(q) for q in queries):
        return []
    return [{"text": said[0], "reason": "a lineage word the reading does not use (say: derived from which model)",
             "suggestions": [], "not_in_atlas": False}]
