"""Ask the graph in plain words: question -> structured query -> the store's executor -> a typed Answer."""
from graph.ask.answer import Answer, Evidence, Result
from graph.ask.run import ask

__all__ = ["Answer", "Evidence", "Result", "ask"]
