"""Layouts for graphs with no hierarchy and no focus: a seeded force layout (networkx), and Graphviz ``dot``
when it is installed (else the layered layout)."""
from __future__ import annotations

import math

import networkx as nx

from graph.draw.layered import layered
from graph.draw.layout_common import Pos, digraph, normalise
from graph.schema.model import GraphData


def spring(data: GraphData) -> Pos:
    """A seeded force-directed layout (the same input gives the same picture)."""
    g = digraph(data).to_undirected()
    if not g:
        return {}
    return normalise(nx.spring_layout(g, seed=7, iterations=100, k=2.0 / math.sqrt(len(g))))


def graphviz(data: GraphData, timeout: float = 20.0) -> Pos:
    """Graphviz ``dot`` positions when ``dot`` is on PATH; else (or on any failure) ``layered``."""
    import shutil
    import subprocess

    exe = shutil.which("dot")
    if not exe or not data.nodes:
        return layered(data)
    ids = sorted(data.nodes)
    index = {n: i for i, n in enumerate(ids)}
    lines = ["digraph G { rankdir=BT; node [shape=box, width=1.2, height=0.4];"]
    lines += [f"n{i};" for i in range(len(ids))]
    lines += [f"n{index[e['source']]} -> n{index[e['target']]};" for e in data.edges
              if e["source"] in index and e["target"] in index]
    try:
        out = subprocess.run([exe, "-Tplain"], input="\n".join(lines) + "}", capture_output=True, text=True,
                             timeout=timeout, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return layered(data)
    pos = {}
    for line in out.splitlines():
        parts = line.split()
        if parts[:1] == ["node"] and parts[1][1:].isdigit():
            pos[ids[int(parts[1][1:])]] = (float(parts[2]), -float(parts[3]))
    return normalise(pos) if len(pos) == len(ids) else layered(data)
