"""High-threshold searches without counting bigrams against every string: which distinct strings of an index
can reach a score at all (by length for the ratio scorers, by a shared word for the word-set scorer).

The parser asks for a name's near-twins at score 92 once per name it reads; at that threshold only strings
of about the text's length, or sharing one of its words, can score, so those few are scored and then put
through the blocking rule (graph.search.blocks) instead of the rule running over every string sharing a
bigram. Scores and strings are the blocked search's own (tests compare the two over many texts).
"""
from __future__ import annotations

import weakref

from graph.search.blocks import BLOCK_CAP, grams
from graph.search.text import has_cjk

_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # SearchIndex -> _Tables, built once


class _Tables:
    """Distinct strings by length (normalised and compacted), by word, and their bigram sets."""

    def __init__(self, index):
        self.norm_len: dict[int, list[int]] = {}
        self.compact_len: dict[int, list[int]] = {}
        self.words: dict[str, list[int]] = {}
        for u, (nm, c) in enumerate(zip(index.u_norms, index.u_compacts)):
            self.norm_len.setdefault(len(nm), []).append(u)
            self.compact_len.setdefault(len(c), []).append(u)
            for w in set(nm.split()):
                self.words.setdefault(w, []).append(u)
        self.grams = [grams(c) for c in index.u_compacts]
        self.longest = max(map(len, index.u_norms), default=0)


def _tables(index) -> _Tables:
    t = _TABLES.get(index)
    if t is None:
        t = _TABLES[index] = _Tables(index)
    return t


def _window(by_len: dict[int, list[int]], n: int, cut: float, out: set[int]) -> None:
    """Strings whose length lets ``fuzz.ratio`` reach ``cut`` against a text of n characters (the Indel
    distance is at least the length difference), a little wide for rounding."""
    slack = 1 - cut / 100
    for m, us in by_len.items():
        if abs(m - n) <= slack * (m + n) + 1e-6:
            out.update(us)


def scores(index, q: str, qc: str, need: float) -> dict[int, float] | None:
    """``index._scores`` of the blocked candidates for text q (compacted qc), kept to those that can reach
    ``need``: the same as scoring every candidate, or None when no bound applies (a low threshold, CJK text,
    partial matches in reach, an unblocked index or one large enough for the blocking cap)."""
    blocks = index.blocks
    if blocks is None or len(index.u_norms) > BLOCK_CAP or has_cjk(q):
        return None
    short = len(qc) <= 4
    cut = max((need / 0.8 if short else need) - 0.01, 0.0)  # as in SearchIndex._scores
    if len(qc) >= 5 and cut / 0.85 <= 100:
        return None  # partial_ratio could score a long string holding the text
    t = _tables(index)
    reach: set[int] = set()
    if len(qc) >= 4 and cut / 0.92 <= 100:
        # token_set_ratio that high means equal token strings (no one-character difference fits), so
        # a string shares a word with the text or scores nothing (rapidfuzz: 0 without a common token)
        if (1 - cut / 0.92 / 100) * (2 * (len(q) + t.longest) + 2) >= 1:
            return None
        for w in set(q.split()):
            reach.update(t.words.get(w, ()))
    if cut <= 100:
        _window(t.norm_len, len(q), cut, reach)
        _window(t.compact_len, len(qc), cut, reach)
    exact_u = {index.entry_u[i] for i in index.exact.get(qc, ())}
    found = index._scores(q, qc, sorted(reach | exact_u), need) if reach else {}
    qg = grams(qc)
    n_q, long_from = len(qg), 2 * len(qc) + 3
    lengths, n_grams = blocks.lengths, blocks.n_grams
    out = {}
    for u, s in found.items():
        c = len(qg & t.grams[u])
        share = c / min(n_q, n_grams[u]) if c else 0.0
        if u in exact_u or (c and share >= 0.3 and (lengths[u] <= long_from or share >= 0.6)) \
                or (short and c and lengths[u] <= long_from - 1):
            out[u] = s  # what Blocks.candidates keeps (and the exact strings, always scored)
    return out
