"""The survey's own graph: the nodes and relationships marked ``in_survey`` (see graph/schema/__init__.py).

Records in the main seed files are in the survey unless they say otherwise; records under
seed_data/since_survey/ are later work. ``survey_only`` is what every ``--survey-only`` reads.
"""
from __future__ import annotations

from graph.schema.model import GraphData


def survey_only(data: GraphData) -> GraphData:
    """Exactly the in-survey nodes and the in-survey relationships between them.

    A node or relationship without the property (data built by hand) counts as in the survey.
    """
    nodes = {nid: n for nid, n in data.nodes.items() if n.get("in_survey", True)}
    edges = [e for e in data.edges
             if e.get("in_survey", True) and e["source"] in nodes and e["target"] in nodes]
    return GraphData(nodes=nodes, edges=edges, note=data.note)
