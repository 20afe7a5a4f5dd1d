"""A link's value the page cannot take is said in words, never silently replaced (issue 23: "an unknown id
in a link says so in words and never shows something else"). Ids of the wrong kind, page settings that are
not a choice, numbers out of range and pages that do not exist, each opened as a link in Streamlit's AppTest."""
from __future__ import annotations

import random
import string

import pytest

from tests.test_ui_app import APP

JUNK = ["nope", "Zz9", "ＡＢＣ", "<b>x</b>", "a b"]


def _open(page: str, **params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _said(at) -> str:
    return "\n".join(str(e.value) for e in [*at.error, *at.warning])


SETTINGS = [  # (page, URL parameter, what the page shows in its place, the session key holding it)
    ("coverage", "rows", "technique", "coverage_rows"),
    ("coverage", "cols", "class", "coverage_cols"),
    ("taxonomy", "chart", "sunburst", "taxonomy_chart"),
    ("explore", "label", "", "explore_label"),
    ("cypher", "canned", "", "cypher_canned"),
]


@pytest.mark.parametrize("page,param,shown,key", SETTINGS)
def test_a_setting_that_is_not_a_choice_is_said_with_what_is_shown(page, param, shown, key):
    junk = random.Random(f"{page}{param}").choice(JUNK)
    at = _open(page, **{param: junk})
    said = _said(at)
    assert f"“{junk}”" in said or f"“{junk.replace('<', '&lt;').replace('>', '&gt;')}”" in said, said
    assert "not one of the choices" in said
    assert at.session_state[key] == shown


@pytest.mark.parametrize("page,param", [("explore", "labels"), ("evolution", "labels"), ("coverage", "roles"),
                                        ("paths", "types")])
def test_a_filter_value_that_is_not_a_choice_is_said_and_left_out(page, param):
    junk = "".join(random.Random(page + param).choices(string.ascii_lowercase, k=7))
    at = _open(page, **{param: junk}, **({"id": "model:bloom"} if page == "explore" else {}))
    said = _said(at)
    assert f"“{junk}”" in said and "it is left out" in said, said
    assert junk not in (at.session_state[f"{page}_{param}"] or [])


@pytest.mark.parametrize("page,param,lo,hi,extra", [("explore", "depth", 1, 3, {"id": "model:bloom"}),
                                                     ("paths", "hops", 1, 6, {}), ("paths", "k", 1, 20, {})])
def test_a_number_out_of_range_is_said_with_the_value_shown(page, param, lo, hi, extra):
    for asked, kept in ((hi + 7, hi), (lo - 1, lo)):
        at = _open(page, **{param: str(asked)}, **extra)
        said = _said(at)
        assert f"“{asked}”" in said and f"from {lo} to {hi}, so {kept} is shown" in said, said
        assert at.session_state[f"{page}_{param}"] == kept
    at = _open(page, **{param: str(lo)}, **extra)  # a value in range is taken as it is, with nothing said
    assert "goes from" not in _said(at) and at.session_state[f"{page}_{param}"] == lo


def test_an_id_of_another_kind_is_named_for_what_it_is():
    from graph.store import open_store

    store = open_store("embedded")
    lang = next(n for n in store.subgraph(["lang:eng"]).nodes.values())
    at = _open("lineage", id="lang:eng")
    said = _said(at)
    assert f"“{lang['name']}” (lang:eng) is a language" in said and "Not in the atlas" not in said, said
    assert not at.session_state["lineage_id"]


def test_a_page_that_does_not_exist_is_said():
    at = _open("no-such-page")
    assert "There is no page “no-such-page”" in _said(at)
