"""The ask corpus (tests/ask_corpus/*.yaml) on both stores: one item per family per store.

Each question's expected answer comes from tests/ask_corpus/reference.py, computed from the seed YAML
alone. A family fails below 97% (out of scope: below 100%, every one must be withheld) and lists
its wrong questions; the whole corpus must be at least 97% exact on each store.
"""
from __future__ import annotations

import pytest

from tests.ask_corpus.score import accuracy_by_family, load_corpus, run_corpus, wrong_report

FAMILIES = sorted(load_corpus())
MIN_ACCURACY = 0.97
MIN_BY_FAMILY = {"out_of_scope": 1.0}
STORES = ["embedded_store", pytest.param("bolt_store", marks=pytest.mark.bolt)]
_RUNS: dict[str, list[dict]] = {}


def _records(request, store_name: str) -> list[dict]:
    """The whole corpus run once per store per session (each family item reads its share)."""
    if store_name not in _RUNS:
        _RUNS[store_name] = run_corpus(request.getfixturevalue(store_name))
    return _RUNS[store_name]


def test_corpus_shape():
    corpus = load_corpus()
    sizes = {f: len(items) for f, items in corpus.items()}
    assert len(corpus) >= 15, sizes
    assert sum(sizes.values()) >= 300, sizes
    for fam, least in {"chinese": 30, "korean": 25, "typos": 30, "out_of_scope": 30}.items():
        assert sizes.get(fam, 0) >= least, (fam, sizes.get(fam))
    questions = [it["q"] for items in corpus.values() for it in items]
    dupes = {q for q in questions if questions.count(q) > 1}
    assert not dupes, dupes


@pytest.mark.parametrize("store_name", STORES)
@pytest.mark.parametrize("family", FAMILIES)
def test_family(request, store_name, family):
    records = [r for r in _records(request, store_name) if r["family"] == family]
    acc = accuracy_by_family(records)[family]
    least = MIN_BY_FAMILY.get(family, MIN_ACCURACY)
    assert acc["accuracy"] >= least, (
        f"{family} on {store_name}: {acc['right']}/{acc['n']} right (need {least:.0%}); wrong:\n"
        + wrong_report(records))


@pytest.mark.parametrize("store_name", STORES)
def test_overall(request, store_name):
    records = _records(request, store_name)
    acc = accuracy_by_family(records)
    assert acc["all"]["accuracy"] >= MIN_ACCURACY, (
        f"{acc['all']['right']}/{acc['all']['n']} right on {store_name}; by family: "
        + ", ".join(f"{f} {a['right']}/{a['n']}" for f, a in sorted(acc.items()) if f != "all"))
