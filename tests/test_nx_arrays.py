"""The embedded executor's numpy walks (graph.store.nx_arrays: nx_reach.reach, nx_count.count_partners) give
the same sets and counts as a plain walk over Python sets, for generated patterns on the seed graph and on
random small graphs with parallel edges and roles."""
from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import schema
from graph.query import End, Seg
from graph.store.nx_count import count_partners
from graph.store.nx_index import index_of, index_of_data
from graph.store.nx_reach import ends, reach

RELS = sorted(schema.REL_TYPES)
LABELS = sorted(schema.NODE_TYPES)


def reach_by_sets(ix, segs, end) -> set:
    """The reference: every node from which ``segs`` reach a node passing ``end``, hop by hop over Python sets."""
    current = {n for n in ix.attrs if _passes(ix, n, end)}
    for seg in reversed(segs):
        reached = set(current) if seg.lo == 0 else set()
        frontier = current
        for hop in range(1, seg.hi + 1):
            frontier = {u for u in ix.attrs for v, r in _edges(ix, u, seg) if v in frontier}
            if hop >= seg.lo:
                reached |= frontier
            if not frontier:
                break
        current = reached
    return current


def count_by_sets(ix, start, segs, end) -> int:
    """The reference count: distinct nodes passing ``end`` reached from ``start`` over ``segs`` (hops of one step)."""
    current = {start}
    for seg in segs:
        nxt = {v for u in current for v, _ in _edges(ix, u, seg)}
        current = (current | nxt) if seg.lo == 0 else nxt
    return sum(_passes(ix, n, end) for n in current)


def _edges(ix, u, seg):
    """(other node, role) of every edge of ``seg``'s type leaving ``u`` in ``seg``'s direction, of its role."""
    adj, radj = (ix.out, ix.out_roles) if seg.dir == "out" else (ix.inc, ix.inc_roles)
    ids = adj.get(u, {}).get(seg.rel, ())
    roles = radj.get(u, {}).get(seg.rel) or (None,) * len(ids)
    return [(v, r) for v, r in zip(ids, roles) if seg.role is None or r == seg.role]


def _passes(ix, n, end) -> bool:
    a = ix.attrs[n]
    if end.id is not None and n != end.id or end.ids is not None and n not in end.ids:
        return False
    if end.label is not None and a.get("label") != end.label:
        return False
    return end.prop is None or (a.get(end.prop) is not None and a.get(end.prop) == end.value)


def _segs(hops_of_one: bool):
    role = st.sampled_from([None, None, *schema.LANGUAGE_ROLES])
    lo_hi = st.sampled_from([(0, 1), (1, 1)]) if hops_of_one else st.sampled_from([(0, 1), (1, 1), (1, 3), (2, 3), (0, 2)])
    seg = st.builds(lambda rel, d, lh, r: Seg(rel, d, lh[0], lh[1], r if rel == "COVERS_LANGUAGE" else None),
                    st.sampled_from(RELS), st.sampled_from(["out", "in"]), lo_hi, role)
    return st.lists(seg, min_size=1, max_size=3)


@pytest.fixture(scope="module")
def seed_ix(embedded_store):
    return index_of_data(embedded_store.whole())


def _end(ix, draw_kind: int, pick: int) -> End:
    ids = sorted(ix.attrs)
    node = ids[pick % len(ids)]
    return [End(id=node), End(label=ix.attrs[node]["label"]), End(), End(ids=frozenset(ids[pick % 7::97])),
            End(label="Model", prop="open", value=True)][draw_kind]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segs=_segs(False), kind=st.integers(0, 4), pick=st.integers(0, 10_000))
def test_reach_equals_the_walk_over_sets_on_the_seed(seed_ix, segs, kind, pick):
    end = _end(seed_ix, kind, pick)
    assert reach(seed_ix, segs, end) == reach_by_sets(seed_ix, segs, end)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segs=_segs(True), kind=st.integers(0, 4), pick=st.integers(0, 10_000), step=st.integers(1, 40))
def test_counts_equal_the_walk_over_sets_on_the_seed(seed_ix, segs, kind, pick, step):
    end = _end(seed_ix, kind, pick)
    results = sorted(seed_ix.attrs)[pick % step::step]
    got = count_partners(seed_ix, results, segs, end)
    assert got == {r: count_by_sets(seed_ix, r, segs, end) for r in results}
    assert got == {r: len(ends(seed_ix, r, segs, end)) for r in results}


@st.composite
def small_graphs(draw):
    """A random multigraph of a few labels, parallel edges of one type differing by role, self-loops absent."""
    n = draw(st.integers(2, 12))
    labels = [draw(st.sampled_from(["Paper", "Model", "Language"])) for _ in range(n)]
    g = nx.MultiDiGraph()
    for i, lab in enumerate(labels):
        g.add_node(f"n{i}", label=lab, open=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 30))):
        u, v = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if u != v:
            rel = draw(st.sampled_from(["COVERS_LANGUAGE", "DERIVED_FROM", "INTRODUCES"]))
            role = draw(st.sampled_from(schema.LANGUAGE_ROLES)) if rel == "COVERS_LANGUAGE" else None
            if not any(a.get("type") == rel and a.get("role") == role for a in g.get_edge_data(f"n{u}", f"n{v}", default={}).values()):
                g.add_edge(f"n{u}", f"n{v}", type=rel, **({"role": role} if role else {}))
    return g


@settings(max_examples=200, deadline=None)
@given(g=small_graphs(), segs=_segs(False), kind=st.integers(0, 4), pick=st.integers(0, 100))
def test_reach_and_counts_equal_the_walk_over_sets_on_small_graphs(g, segs, kind, pick):
    segs = [Seg(s.rel if s.rel in ("COVERS_LANGUAGE", "DERIVED_FROM", "INTRODUCES") else "DERIVED_FROM",
                s.dir, s.lo, s.hi, s.role) for s in segs]
    ix = index_of(g)
    end = _end(ix, kind, pick)
    assert reach(ix, segs, end) == reach_by_sets(ix, segs, end)
    if all(s.hi == 1 for s in segs):
        assert count_partners(ix, list(ix.attrs), segs, end) == \
            {r: count_by_sets(ix, r, segs, end) for r in ix.attrs}
