"""End to end, the post-survey mark (issue 23, item 6): in the real app (Chromium through Playwright, never
skipped), a work added after the survey shows ✦ in an Ask results table and on its entity page, with the mark's
meaning in words, while a survey work shows none. Which works are later comes from the seed's own flag."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from graph.seed.later_works import MARK, MARK_MEANS
from tests.test_browser import GRAPH, WAIT_MS, _errors, _offline, _open, _settle, app, browser  # noqa: F401

pytestmark = pytest.mark.browser

TABLE = """() => {  // the results table as the grid's accessible table holds it: header names and row cells
  const t = document.querySelector('[data-testid=stDataFrame] table');
  if (!t) return null;
  const heads = [...t.querySelectorAll('thead th')].map((th) => th.innerText.trim());
  const rows = [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()));
  return {heads, rows};
}"""


@pytest.fixture(scope="module")
def seed():
    """The embedded store over the app's seed, its index, and the ids the seed says are later works."""
    from graph.store import open_store
    from graph.store.index import index

    store = open_store("embedded")
    idx = index(store)
    later = {i for i, n in idx.nodes.items() if n.get("in_survey") is False}
    return store, idx, later


def _table(page) -> dict:
    """The table once the grid has written every row (one per result)."""
    page.wait_for_selector("[data-testid='stDataFrame'] table tbody tr", timeout=WAIT_MS, state="attached")
    _settle(page)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stDataFrame] table tbody tr').length > 0 "
                           "&& [...document.querySelectorAll('[data-testid=stDataFrame] table tbody td')]"
                           ".some((td) => td.innerText.trim())", timeout=WAIT_MS)
    return page.evaluate(TABLE)


def test_a_later_work_is_marked_in_the_ask_results_and_a_survey_work_is_not(browser, app, seed):
    from tests.test_later_marks import _mixed_answer

    store, idx, later = seed
    answer = _mixed_answer(store, later, most=8)  # every row in view: the grid writes only the rows it shows
    question = answer["question"]
    page = _open(browser, app.url + "?page=ask&q=" + quote(question), 2400)
    page.get_by_text("Understood as:").wait_for(timeout=WAIT_MS)
    table = _table(page)
    name_col = table["heads"].index("name")
    shown = {}
    for cells in table["rows"]:
        ids = [c for c in cells if c in idx.nodes]
        if ids:
            shown[ids[0]] = cells[name_col]
    expected = {r["id"] for r in answer["results"]}
    assert set(shown) == expected, (sorted(shown), sorted(expected))
    assert {i in later for i in shown} == {True, False}  # the question lists both kinds
    for node_id, cell in shown.items():
        if node_id in later:
            assert cell == f"{MARK} {idx.name(node_id)}", (node_id, cell)
        else:
            assert cell == idx.name(node_id) and MARK not in cell, (node_id, cell)
    assert MARK_MEANS in page.inner_text("[data-testid='stMain']")  # the mark's meaning in words, by the table
    assert not _errors(page)
    _offline(page)
    page.close()


def _header(page) -> dict:
    page.wait_for_selector("[data-testid='stMain'] h2", timeout=WAIT_MS)
    _settle(page)
    return page.evaluate("() => { const h = document.querySelector('[data-testid=stMain] h2');"
                         " const m = h.querySelector('.atlas-later');"
                         " return {text: h.innerText, title: m ? m.getAttribute('title') : null}; }")


def test_a_later_works_entity_page_carries_the_mark_and_a_survey_works_does_not(browser, app, seed):
    _, idx, later = seed
    later_model = next(i for i in sorted(later) if i.startswith("model:"))
    survey_model = next(i for i in sorted(idx.nodes) if i.startswith("model:") and i not in later)

    page = _open(browser, app.url + "?page=explore&id=" + quote(later_model))
    head = _header(page)
    assert head["text"].startswith(f"{MARK} {idx.name(later_model)}"), head
    assert head["title"] == MARK_MEANS  # hovering the mark says what it means
    assert MARK_MEANS in page.inner_text("[data-testid='stMain']")
    assert not _errors(page)
    page.close()

    page = _open(browser, app.url + "?page=explore&id=" + quote(survey_model))
    head = _header(page)
    assert head["text"].startswith(idx.name(survey_model)) and MARK not in head["text"], head
    assert head["title"] is None
    assert not _errors(page)
    _offline(page)
    page.close()
