"""A question that names the survey is asking within (or beyond) the survey's own records: "survey" is placed
as the boundary or the question is withheld, never dropped as a word of the field (the atlas holds later works
too, so dropping it answers a wider question)."""
import pytest

from graph.ask import ask

INSIDE = ["what frontiers does the survey identify", "which frontiers does the survey discuss",
          "frontiers of the survey", "models the survey covers", "the survey's frontiers",
          "frontiers according to the survey", "which datasets did the survey review"]
OUTSIDE = ["models released since the survey's publication", "benchmarks that came after the survey"]
UNPLACED = ["papers published before the survey", "multilingual survey papers"]


def _survey_values(answer):
    return [c.value for c in answer.query.constraints if c.field == "in_survey"]


def _in_survey(seed_data, ids):
    return {seed_data.nodes[i].get("in_survey", True) for i in ids}


@pytest.mark.parametrize("q, inside", [(q, True) for q in INSIDE] + [(q, False) for q in OUTSIDE])
def test_the_survey_boundary_is_read_and_holds(embedded_store, seed_data, q, inside):
    a = ask(embedded_store, q)
    assert a.status == "answered", a.unplaced
    assert _survey_values(a) == [inside]
    assert a.ids and _in_survey(seed_data, a.ids) == {inside}


@pytest.mark.parametrize("q", UNPLACED)
def test_a_survey_word_not_placed_withholds(embedded_store, q):
    a = ask(embedded_store, q)
    assert a.status == "withheld"
    assert any("survey" in u["text"] for u in a.unplaced)
