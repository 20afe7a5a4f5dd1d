"""Every example question the Ask page offers is answered with results on the seed (an example the reader
clicks must not be withheld: 'Which datasets are used for SFT alignment?' was, after the verb check)."""
import ast
from pathlib import Path

import pytest

SRC = (Path(__file__).resolve().parent.parent / "ui" / "screens" / "ask.py").read_text()


def _examples() -> list[str]:
    tree = ast.parse(SRC)
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "EXAMPLES")
    return ast.literal_eval(node.value)


@pytest.mark.parametrize("question", _examples())
def test_each_example_is_answered_with_results(embedded_store, question):
    from graph.ask import ask

    answer = ask(embedded_store, question)
    assert not answer.unplaced, answer.unplaced
    assert answer.results, question
