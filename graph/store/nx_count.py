"""A ranking's counts for all its results at once: distinct partners per result, joined with numpy.

"The languages with the most papers" counts, per language, the distinct papers its pattern reaches. Walked
one language at a time in Python (nx_reach.ends) that is a loop per edge of every language: at 100x the
survey's size, 7,923 languages and 143,722 COVERS_LANGUAGE edges took 140 ms. Here every hop is one join of
(result, node) pairs with the hop's edges (graph.store.nx_arrays) and the pairs are made distinct once at
the end: the same counts as ``ends`` per result (tests compare them for every aggregate the schema allows).
"""
from __future__ import annotations

import numpy as np

from graph.query import End, Seg
from graph.store.nx_arrays import distinct, end_mask, hop_arrays, numbering, step
from graph.store.nx_index import Index


def count_partners(ix: Index, results, segs: list[Seg], end: End) -> dict[str, int] | None:
    """{result id: distinct nodes passing ``end`` that ``segs`` reach from it}, equal to
    ``len(nx_reach.ends(ix, result, segs, end))``; None for a pattern with a hop of more than one step
    (an Aggregate's never has one).

    >>> import networkx as nx
    >>> from graph.store.nx_index import index_of
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("p", {"label": "Paper"}), ("q", {"label": "Paper"}), ("en", {"label": "Language"})])
    >>> g.add_edges_from([("p", "en"), ("q", "en")], type="COVERS_LANGUAGE")
    [0, 0]
    >>> count_partners(index_of(g), ["en"], [Seg("COVERS_LANGUAGE", "in")], End(label="Paper"))
    {'en': 2}
    """
    if any(s.hi != 1 or s.lo not in (0, 1) for s in segs):
        return None
    ids, num = numbering(ix)
    results = list(results)
    n = max(len(ids), 1)
    rows = np.fromiter((num[r] for r in results), dtype=np.int64, count=len(results))
    cols = rows.copy()
    for seg in segs:
        deg, new_cols = step(*hop_arrays(ix, seg), cols)
        new_rows = np.repeat(rows, deg)
        if seg.lo == 0:  # the hop may be skipped: the pairs before it stay
            new_rows, new_cols = np.concatenate([rows, new_rows]), np.concatenate([cols, new_cols])
        rows, cols = new_rows, new_cols  # repeated pairs (parallel edges, two routes) are dropped once, below
    keep = end_mask(ix, end)[cols]
    counts = np.bincount(distinct(rows[keep] * n + cols[keep]) // n, minlength=len(ids))
    return {r: int(counts[num[r]]) for r in results}
