"""Ask the graph in plain words: question -> structured query -> networkx or Cypher -> results with evidence."""
from graph.ask.run import AskResult, ask

__all__ = ["AskResult", "ask"]
