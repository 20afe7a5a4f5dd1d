"""The embedded index as numpy arrays, for walks over many nodes at once.

Node numbers, each hop's edges as compressed sparse rows (offsets, targets) per (direction, type, role),
and per-label masks, all built on first use and kept on the index (it never changes). A step from many
nodes is then one gather in C instead of a Python loop per node: at 100x the survey's size, counting a
ranking over 7,923 languages went from 140 to 20 ms and walking back from a technique's 10,000 users
from 10 to 1 ms (graph.store.nx_count, graph.store.nx_reach).
"""
from __future__ import annotations

import numpy as np

from graph.query import End, Seg
from graph.store.nx_index import NO_EDGES, Index, end_ok


def _cached(ix: Index, slot: str) -> dict:
    """A per-index dict of things built on first use (the index never changes; two threads may build the
    same entry, and either is kept)."""
    return ix.__dict__.setdefault(slot, {})


def numbering(ix: Index) -> tuple[list[str], dict[str, int]]:
    """(ids in index order, id -> its number): node numbers for the arrays."""
    c = _cached(ix, "_numbering")
    if "ids" not in c:
        ids = list(ix.attrs)
        c["num"] = {n: i for i, n in enumerate(ids)}
        c["array"] = np.array(ids, dtype=object)
        c["ids"] = ids
    return c["ids"], c["num"]


def ids_of(ix: Index, mask: np.ndarray) -> set:
    """The ids of the nodes ``mask`` marks."""
    numbering(ix)
    return set(ix.__dict__["_numbering"]["array"][mask].tolist())


def hop_arrays(ix: Index, seg: Seg) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, targets) of one hop of ``seg`` (its type, direction and role): the nodes one hop from
    node number i are ``targets[offsets[i]:offsets[i + 1]]``, as in a compressed sparse row matrix."""
    c = _cached(ix, "_hops")
    key = (seg.dir, seg.rel, seg.role)
    if key not in c:
        _, num = numbering(ix)
        adj, radj = (ix.out, ix.out_roles) if seg.dir == "out" else (ix.inc, ix.inc_roles)
        src: list[int] = []
        dst: list[int] = []
        for n, keyed in adj.items():
            others = keyed.get(seg.rel)
            if not others:
                continue
            if seg.role is not None:
                roles = radj.get(n, NO_EDGES).get(seg.rel, ())
                others = [o for o, r in zip(others, roles) if r == seg.role]
            src.extend([num[n]] * len(others))
            dst.extend(num[o] for o in others)
        s, d = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
        order = np.argsort(s, kind="stable")
        offsets = np.zeros(len(num) + 1, dtype=np.int64)
        np.cumsum(np.bincount(s, minlength=len(num)), out=offsets[1:])
        c[key] = (offsets, d[order])
    return c[key]


def end_mask(ix: Index, end: End) -> np.ndarray:
    """Per node number, whether the node passes ``end`` (a label alone: kept per index)."""
    ids, num = numbering(ix)
    simple = end.id is None and end.ids is None and end.prop is None
    c = _cached(ix, "_label_masks")
    if simple and end.label in c:
        return c[end.label]
    pool = ix.by_label.get(end.label, ()) if end.label is not None else ids
    mask = np.zeros(len(ids), dtype=bool)
    mask[[num[n] for n in pool if end_ok(ix, n, end)]] = True
    if simple:
        c[end.label] = mask
    return mask


def step(offsets: np.ndarray, targets: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(how many edges each of ``nodes`` has, the nodes one hop away, each edge's in order): one gather."""
    deg = offsets[nodes + 1] - offsets[nodes]
    firsts = np.repeat(offsets[nodes], deg)
    within = np.arange(int(deg.sum()), dtype=np.int64) - np.repeat(np.cumsum(deg) - deg, deg)
    return deg, targets[firsts + within]


def distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values of ``keys``, by sorting (numpy's hashing unique was ten times slower here)."""
    keys = np.sort(keys)
    if len(keys) < 2:
        return keys
    first = np.empty(len(keys), dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first]
