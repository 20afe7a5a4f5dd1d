"""Entity linking: spans of the question that name a node (exact names and aliases first, longest span
first; fuzzy next), and Chinese/Korean names found inside runs of CJK text whatever the spacing and
attached particles. Latin names written inside CJK text ("基于BLOOM微调的模型") are split out first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph import schema
from graph.ask import vocab as V
from graph.query import Constraint
from graph.search import has_cjk, norm

LABEL_PRIORITY = ("Category", "Technique", "Frontier", "Model", "Method", "Dataset", "Language", "Organization")
_SCRIPT_EDGE = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff])(?=[0-9A-Za-z])|"
                          r"(?<=[0-9A-Za-z])(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff])")


def split_scripts(text: str) -> str:
    """Spaces where Latin and CJK characters meet: '基于BLOOM微调' -> '基于 BLOOM 微调'.

    >>> split_scripts("BLOOM을 기반으로")
    'BLOOM 을 기반으로'
    """
    return _SCRIPT_EDGE.sub(" ", text)


@dataclass
class Mention:
    start: int
    end: int
    id: str
    label: str
    score: float
    alternatives: list[str] = field(default_factory=list)
    text: str = ""


def _ends_with(words, phrases) -> bool:
    text = " ".join(w for w in words if w not in ("the", "a", "an"))
    return any(text == norm(p) or text.endswith(" " + norm(p)) for p in phrases)


def find(parser, words: list[str], used: list[bool]) -> list[Mention]:
    """Mentions of non-paper nodes among the unused Latin words; marks their words used."""
    mentions = []
    skip = V.STOP | V.CUE_WORDS | set(V.TARGET_WORDS) | V.FIELD_WORDS | set(V.ABSENT_FACTS)
    for fuzzy in (False, True):
        for n in ((2, 1) if fuzzy else range(6, 0, -1)):
            for i in range(len(words) - n + 1):
                span = words[i:i + n]
                if any(used[i:i + n]) or all(w in skip for w in span) or any(has_cjk(w) for w in span):
                    continue
                text = " ".join(span)
                if fuzzy and (len(text.replace(" ", "")) < 5 or span[0] in skip or span[-1] in skip
                              or any(w.isdigit() for w in span)):
                    continue
                m = link(parser, words, i, i + n, text, fuzzy)
                if m:
                    used[i:i + n] = [True] * n
                    mentions.append(m)
    return sorted(mentions, key=lambda m: m.start)


def link(parser, words, i, j, text, fuzzy) -> Mention | None:
    """The best node for ``text`` (exact, or fuzzy above a length-dependent score), preferring taxonomy and
    techniques, or techniques after a use cue ('use RAG')."""
    index = parser.linkable
    if not fuzzy:
        ids = index.exact_ids(text)
        if not ids:
            return None
        cands = [(100.0, x) for x in ids]
        cands += [(h.score, h.id) for h in index.search(text, limit=8, min_score=92)
                  if h.id not in ids and index.nodes[h.id]["label"] in ("Category", "Technique")]
    else:
        need = 80 if len(text) <= 6 else 85
        cands = [(h.score, h.id) for h in index.search(text, limit=8, min_score=need)
                 if h.field not in ("acronym", "id")]
        if not cands:
            return None
    best = max(s for s, _ in cands)
    close = [(s, x) for s, x in cands if s >= best - 8]
    use_cue = _ends_with(words[max(0, i - 3):i], V.USE_CUES)

    def rank(sx):
        s, x = sx
        lab = index.nodes[x]["label"]
        pri = LABEL_PRIORITY.index(lab) if lab in LABEL_PRIORITY else 99
        if use_cue and lab == "Technique":
            pri = -1
        exact_bonus = 0 if s >= 100 or lab in ("Category", "Technique") else 1
        return (exact_bonus, pri, -s, x)

    close.sort(key=rank)
    s, x = close[0]
    return Mention(i, j, x, index.nodes[x]["label"], s, [y for _, y in close[1:]])


def find_cjk(parser, words, used, found) -> tuple[list[Mention], list[str]]:
    """Chinese/Korean aliases found as substrings of each run of CJK words; returns (mentions, the rest that
    no name, target word or particle explains)."""
    mentions, left, i = [], [], 0
    while i < len(words):
        if not has_cjk(words[i]) or used[i]:
            i += 1
            continue
        j = i
        while j < len(words) and has_cjk(words[j]) and not used[j]:
            j += 1
        rest = " ".join(words[i:j])
        for low in V.CJK_LOW_RESOURCE:
            if low in rest:
                rest = rest.replace(low, " " * len(low))
                found.append((i, Constraint("language_group", field="resource_class", op="<=",
                                            value=schema.LOW_RESOURCE_MAX_CLASS, text=low)))
        taken = []
        for s, e, nid in sorted(parser.linkable.cjk_matches(rest), key=lambda t: (-(t[1] - t[0]), t[0])):
            if not any(s < e2 and s2 < e for s2, e2, _ in taken):
                taken.append((s, e, nid))
        for s, e, nid in sorted(taken):
            mentions.append(Mention(i, i + 1, nid, parser.linkable.nodes[nid]["label"], 100.0, text=rest[s:e]))
            rest = rest[:s] + " " * (e - s) + rest[e:]
        for filler in V.CJK_PLACED_SORTED:
            rest = rest.replace(filler, " ")
        if rest.split():
            left.append(" ".join(rest.split()))
        used[i:j] = [True] * (j - i)
        i = j
    return mentions, left
