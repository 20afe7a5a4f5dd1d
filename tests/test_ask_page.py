"""The Ask page under Streamlit's AppTest on both stores: a withheld answer is a warning in place of the
table, with did-you-mean buttons that rerun the question with the word replaced, and an "ignore these
words" button that reruns it without them (and says so)."""
from __future__ import annotations

import pytest

from tests.test_ui_app import backend, check, run, texts  # noqa: F401 - backend is a fixture

pytestmark = pytest.mark.slow  # runs the Ask page (AppTest)



def test_withheld_answer_is_a_warning_with_choices(backend):  # noqa: F811
    at = run(backend, "ask", q="which models were trained on Elvish")
    warnings = " ".join(str(w.value) for w in at.warning)
    assert "Not answered" in warnings and "elvish" in warnings, texts(at)[:800]
    assert not at.dataframe, "a withheld answer shows no table"
    assert not [s for s in at.subheader if s.value.startswith("Results")]
    assert at.button(key="ask_ignore_btn")


def test_did_you_mean_button_reruns_with_the_word_replaced(backend):  # noqa: F811
    at = run(backend, "ask", q="which models cover Elvish")
    choices = [b for b in at.button if b.key and b.key.startswith("ask_dym_")]
    assert choices, texts(at)[:800]
    english = next(b for b in choices if "English" in b.label)
    english.click().run()
    check(at, backend)
    assert "English" in at.text_input(key="ask_q").value
    assert not any("Not answered" in str(w.value) for w in at.warning)
    assert [s for s in at.subheader if s.value.startswith("Results")]


def test_ignore_button_reruns_without_the_words(backend):  # noqa: F811
    at = run(backend, "ask", q="which models are derived from BLOOM and Elvish")
    at.button(key="ask_ignore_btn").click().run()
    check(at, backend)
    assert not any("Not answered" in str(w.value) for w in at.warning)
    assert "ignored at your request: 'elvish'" in texts(at)
    results = [s.value for s in at.subheader if s.value.startswith("Results")]
    assert results and results[0] != "Results (0)"
