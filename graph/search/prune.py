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
        self.bit: dict[str, int] = {}  # bigram -> its bit; a string's bigrams are an int, counted by bit_count
        self.masks = [sum(1 << self.bit.setdefault(g, len(self.bit)) for g in grams(c)) for c in index.u_compacts]
        self.longest = max(map(len, index.u_norms), default=0)


def _tables(index) -> _Tables:
    t = _TABLES.get(index)
    if t is None:
        t = _TABLES[index] = _Tables(index)
    return t


def _window(by_len: dict[int, list[int]], n: int, slack: float, top: int) -> list[int]:
    """The lengths at which ``fuzz.ratio`` can reach 100 * (1 - slack) against a text of n characters (the
    Indel distance is at least the length difference), a little wide for rounding."""
    lo, hi = int(n * (1 - slack) / (1 + slack)) - 1, int(n * (1 + slack) / max(1 - slack, 1e-9)) + 2
    return [m for m in range(max(lo, 0), min(hi, top + 1)) if m in by_len and abs(m - n) <= slack * (m + n) + 1e-6]


def _ratio_reach(t: _Tables, blocks, q: str, qc: str, qg: set[str], slack: float) -> list[tuple[set[int], int]]:
    """(strings, least bigrams of qc they must share) holding every string whose ``fuzz.ratio`` against q
    (normalised) or qc (compacted) can reach 100 * (1 - slack). Such a string is at most D insertions and
    deletions from qc once compacted (removing spaces from both never adds to the distance), and each edit
    spoils at most two of qc's bigrams: so it shares all but 2D of them, one of any 2D+1 at least, and the
    postings of the rarest 2D+1 hold it; else every string of a length in reach."""
    norm_lens = _window(t.norm_len, len(q), slack, t.longest)
    compact_lens = _window(t.compact_len, len(qc), slack, t.longest)
    if not norm_lens and not compact_lens:
        return []
    most = max(slack * (len(q) + max(norm_lens, default=0)), slack * (len(qc) + max(compact_lens, default=0)))
    picks = 2 * int(most + 1e-6) + 1
    if picks <= len(qg):
        rare = sorted(qg, key=lambda g: len(blocks.postings.get(g, ())))[:picks]
        return [(set().union(*(blocks.postings[g] for g in rare if g in blocks.postings)), len(qg) - picks + 1)]
    return [(set().union(*(t.norm_len[m] for m in norm_lens), *(t.compact_len[m] for m in compact_lens)), 1)]


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
    reach: list[tuple[set[int], int]] = []  # strings that may reach the threshold, the bigrams they share
    if len(qc) >= 4 and cut / 0.92 <= 100:
        # token_set_ratio that high means equal token strings (no one-character difference fits), so
        # a string shares a word with the text or scores nothing (rapidfuzz: 0 without a common token)
        if (1 - cut / 0.92 / 100) * (2 * (len(q) + t.longest) + 2) >= 1:
            return None
        reach.append((set().union(*(t.words[w] for w in set(q.split()) if w in t.words)), 1))
    qg = grams(qc)
    if cut <= 100:
        reach += _ratio_reach(t, blocks, q, qc, qg, 1 - cut / 100)
    if not reach:
        return {}
    n_q, long_from = len(qg), 2 * len(qc) + 3
    lengths, n_grams, masks = blocks.lengths, blocks.n_grams, t.masks
    qm = sum(1 << t.bit[g] for g in qg if g in t.bit)
    cand = {index.entry_u[i] for i in index.exact.get(qc, ())}  # the exact strings are always scored
    for us, least in reach:  # and what Blocks.candidates keeps of the strings in reach
        for u in us:
            c = (qm & masks[u]).bit_count()
            if c >= least and ((share := c / min(n_q, n_grams[u])) >= 0.3 and (lengths[u] <= long_from or share >= 0.6)
                      or short and lengths[u] <= long_from - 1):
                cand.add(u)
    return index._scores(q, qc, sorted(cand), need)
