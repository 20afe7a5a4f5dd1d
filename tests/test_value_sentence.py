"""A yes or no on the Ask page is said in words with names (issue 23, plain words first): no arrows, no ids,
the subject and the other end named; the tone follows the library's answer. Pairs are taken from the seed."""
from __future__ import annotations

import itertools

import pytest


@pytest.fixture(scope="module")
def pairs(embedded_store):
    """(model name, language name, covered?) for a few models, covered and not, from the store itself."""
    data = embedded_store.whole()
    langs = {k: n["name"] for k, n in data.nodes.items() if n.get("label") == "Language"}
    covers = {(e["source"], e["target"]) for e in data.edges if e["type"] == "COVERS_LANGUAGE"}
    models = sorted(k for k, n in data.nodes.items() if n.get("label") == "Model"
                    and any(s == k for s, _ in covers))[:6]
    out = []
    for m, lang in itertools.product(models, sorted(langs)[:40]):
        if (m, lang) in covers or len(out) % 3:
            out.append((data.nodes[m]["name"], langs[lang], (m, lang) in covers))
        if len(out) >= 24:
            break
    return out


def test_a_yes_or_no_reads_in_words_with_names(embedded_store, pairs):
    from graph.ask import ask
    from ui.views import value

    said = 0
    for model, lang, _ in pairs:
        answer = ask(embedded_store, f"does {model} cover {lang}").to_json()
        if answer.get("kind") != "yesno" or answer["unplaced"]:
            continue
        p = value.parts(answer, embedded_store)
        assert "[:" not in p["sentence"].replace("\\", "") and "lang:" not in p["sentence"] \
            and "model:" not in p["sentence"], p
        assert model.replace("-", "") in p["sentence"].replace("\\", "").replace("-", "")
        assert p["sentence"].startswith({"yes": "Yes", "no": "No"}[p["tone"]])
        if p["tone"] == "yes":
            assert f"covers the language {lang}" in p["sentence"].replace("\\", "").replace("✦ ", "")
        said += 1
    assert said >= 10
