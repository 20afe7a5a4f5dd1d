"""Blocking for fuzzy search: which of an index's distinct strings are worth scoring against a text.

A string is a candidate when it shares enough character bigrams with the text (an inverted index from
bigram to strings), so a search scores a few hundred strings instead of every one. Counting runs with
numpy past VECTOR_MIN strings, or at any size once the process has numpy loaded (the app has; at the
survey's size numpy counts in 0.04 ms what the Python loop counts in 0.5 ms, per search); otherwise in
plain Python, so a command that searches once does not import numpy (80 ms). The rule and the strings
chosen are the same either way (tests compare them).

>>> b = Blocks(["bloom", "bloomz", "mt5", "llama"])
>>> sorted(b.candidates("blooom"))
[0, 1]
"""
from __future__ import annotations

import heapq
import sys
from collections import Counter

VECTOR_MIN = 20_000  # distinct strings; from here candidates are counted with numpy (imported then, not before)
BLOCK_CAP = 3_000   # most candidates scored per search; the best-sharing ones are kept


def grams(compacted: str) -> set[str]:
    """Character bigrams of a compacted string padded at both ends ('^bloom$' -> '^b', 'bl', 'lo', ...).
    Bigrams, not trigrams: a typo spoils fewer of them ('dutch' still meets 'deutsch')."""
    t = f"^{compacted}$"
    return {t[i:i + 2] for i in range(len(t) - 1)}


class Blocks:
    """Bigram postings (string indexes per bigram), bigram counts and lengths of a list of compacted strings."""

    def __init__(self, compacts: list[str]):
        postings: dict[str, list[int]] = {}
        n_grams = []
        for u, c in enumerate(compacts):
            gs = grams(c)
            n_grams.append(len(gs))
            for gram in gs:
                postings.setdefault(gram, []).append(u)
        self.postings = postings
        self.n_grams = n_grams
        self.lengths = [len(c) for c in compacts]
        self.vector = len(compacts) >= VECTOR_MIN

    def candidates(self, qc: str) -> set[int]:
        """Strings sharing at least 30% of the bigrams of the shorter of the two (60% when the string is
        over twice as long: so typos, containment and word order still reach scoring), plus for texts of up
        to 4 characters every string of similar length sharing one; at most BLOCK_CAP, those sharing most
        kept (then the lower index)."""
        return self._numpy(qc) if self.vector or "numpy" in sys.modules else self._python(qc)

    def _python(self, qc: str) -> set[int]:
        qg = grams(qc)
        counts: Counter = Counter()
        for g in qg:
            counts.update(self.postings.get(g, ()))
        n_q, n_grams, lengths = len(qg), self.n_grams, self.lengths
        long_from = 2 * len(qc) + 3  # a string longer than this must share 60% (the text inside it)
        keep = [(share, u) for u, c in counts.items()
                if (share := c / (min(n_q, n_grams[u]))) >= 0.3
                and (lengths[u] <= long_from or share >= 0.6)]
        if len(qc) <= 4:  # short texts: every string of similar length sharing a bigram
            kept = {u for _, u in keep}
            keep += [(c / (min(n_q, n_grams[u])), u) for u, c in counts.items()
                     if lengths[u] <= long_from - 1 and u not in kept]
        if len(keep) > BLOCK_CAP:
            keep = heapq.nsmallest(BLOCK_CAP, keep, key=lambda su: (-su[0], su[1]))
        return {u for _, u in keep}

    def _numpy(self, qc: str) -> set[int]:
        import numpy as np

        if getattr(self, "_np", None) is None:  # arrays built on the first search, never pickled
            self._np = ({g: np.array(v, dtype=np.int64) for g, v in self.postings.items()},
                        np.array(self.n_grams, dtype=np.float64), np.array(self.lengths, dtype=np.int64))
        postings, n_grams, lengths = self._np
        qg = grams(qc)
        lists = [postings[g] for g in qg if g in postings]
        n = len(lengths)
        counts = (np.bincount(np.concatenate(lists), minlength=n) if lists else np.zeros(n)).astype(np.float64)
        share = counts / np.minimum(n_grams, len(qg))
        long_from = 2 * len(qc) + 3
        keep = (counts >= 1) & (share >= 0.3) & ((lengths <= long_from) | (share >= 0.6))
        if len(qc) <= 4:
            keep |= (counts >= 1) & (lengths <= long_from - 1)
        idx = np.nonzero(keep)[0]
        if len(idx) > BLOCK_CAP:
            idx = idx[np.lexsort((idx, -share[idx]))[:BLOCK_CAP]]
        return set(idx.tolist())

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_np"}
