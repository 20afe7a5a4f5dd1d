"""Participles of technique names read as the technique ('which models are instruction-tuned' was withheld):
over every technique of the seed and every participle its names give, 'which <kind> are <participle>'
(hyphenated or not, after another condition too) answers as 'which <kind> use <technique>'; the mapping is
unambiguous, and a one-word gerund gives no participle ('pretrained on' stays a verb)."""
from __future__ import annotations

import pytest

from graph.ask import ask
from graph.ask.participles import derived, participle
from tests.ask_corpus import reference as R

KINDS = ["models", "methods", "datasets", "papers"]


def _participles():
    return sorted(derived(list(R.graph().nodes.values())).items())


def test_every_technique_with_a_gerund_name_has_its_participle():
    g, found = R.graph(), derived(list(R.graph().nodes.values()))
    for t in g.of_label("Technique"):
        name = g.nodes[t]["name"]
        p = participle(name)
        if p is not None:
            assert found.get(p) == t, (name, p)
    assert participle("pretraining") is None and participle("Instruction tuning") == "instruction tuned"
    assert participle("Code-switching") == "code switched"


def test_participles_answer_as_their_technique(embedded_store):
    g, bad, n = R.graph(), [], 0
    for k, (p, t) in enumerate(_participles()):
        name = g.nodes[t]["name"]
        kind = KINDS[k % len(KINDS)]
        said = p.replace(" ", "-", 1) if k % 2 else p  # 'instruction-tuned' and 'instruction tuned'
        for q, plain in ((f"which {kind} are {said}", f"which {kind} use {name}"),
                         (f"{said} {kind}", f"{kind} using {name}"),
                         (f"{kind} that are not {said}", f"{kind} that do not use {name}")):
            a, b = ask(embedded_store, q), ask(embedded_store, plain)
            n += 1
            if a.status != "answered" or b.status != "answered" or \
                    sorted(r.id for r in a.results) != sorted(r.id for r in b.results):
                bad.append(f"{q!r} ({a.status}) vs {plain!r} ({b.status})")
    assert n >= 90 and not bad, f"{len(bad)} of {n}:\n" + "\n".join(bad[:10])


@pytest.mark.parametrize("q, tech", [("models derived from BLOOM that are instruction-tuned", "tech:instruction-tuning"),
                                     ("which methods are code-switched", "tech:code-switching"),
                                     ("which models are instruction tuned", "tech:instruction-tuning")])
def test_participles_on_both_stores(request, store, q, tech):
    a = ask(store, q)
    assert a.status == "answered" and any(c.id == tech for c in a.query.constraints)
    if store.backend != "embedded":
        b = ask(request.getfixturevalue("embedded_store"), q)
        assert [r.id for r in a.results] == [r.id for r in b.results]


def test_pretrained_on_stays_a_verb(embedded_store):
    a = ask(embedded_store, "models pretrained on mC4")
    assert [c.rel for c in a.query.constraints] == ["TRAINED_ON"]
