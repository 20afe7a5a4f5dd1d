"""Participles of technique names, read as the technique: "instruction-tuned" is Instruction tuning,
"code-switched" Code-switching, "prefix tuned" Parameter-efficient finetuning (its alias prefix tuning).

A name or alias of two words or more that ends in a gerund gives one participle ("tuning" -> "tuned",
"switching" -> "switched", "modelling" -> "modelled"); kept only where the mapping is unambiguous: one
technique gives it, and no other node of the atlas is named so. A one-word gerund ("pretraining") gives
none: "pretrained" is a verb of its own ("pretrained on mC4").
"""
from __future__ import annotations

from graph.search.fuzzy import has_cjk, norm


def participle(phrase: str) -> str | None:
    """'instruction tuning' -> 'instruction tuned'; None when the phrase is one word or ends in no gerund."""
    words = norm(phrase).split()
    if len(words) < 2 or has_cjk(phrase) or not words[-1].endswith("ing") or len(words[-1]) < 6:
        return None
    return " ".join(words[:-1] + [words[-1][:-3] + "ed"])


def derived(nodes: list[dict]) -> dict[str, str]:
    """{participle phrase: technique id} over the techniques of ``nodes``, the ambiguous ones left out."""
    taken = {norm(t) for n in nodes for t in [n.get("name"), *(n.get("aliases") or [])] if isinstance(t, str)}
    found: dict[str, set[str]] = {}
    for n in nodes:
        if n.get("label") != "Technique":
            continue
        for t in [n.get("name"), *(n.get("aliases") or [])]:
            p = participle(t) if isinstance(t, str) else None
            if p:
                found.setdefault(p, set()).add(n["id"])
    return {p: next(iter(ids)) for p, ids in found.items() if len(ids) == 1 and p not in taken}


def with_participles(nodes: list[dict]) -> list[dict]:
    """The nodes, each technique with its participles added to its aliases (copies; the input is left alone)."""
    by_id: dict[str, list[str]] = {}
    for p, i in derived(nodes).items():
        by_id.setdefault(i, []).append(p)
    return [dict(n, aliases=list(n.get("aliases") or []) + by_id[n["id"]]) if n.get("id") in by_id else n
            for n in nodes]
