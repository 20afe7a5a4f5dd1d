"""Fuzzy search over names and aliases, on both stores: typos, spacing, abbreviations, zh/ko aliases."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.search.fuzzy import acronym, compact, index_for, norm, search


@pytest.mark.parametrize("text, expected", [
    ("blooom", "model:bloom"), ("xinsta", "method:x-insta"), ("X-InSTA", "method:x-insta"),
    ("PFA", "cat:pfa"), ("PTA", "cat:pta"), ("SFT", "cat:sft"), ("CoT", "tech:chain-of-thought"),
    ("paramter frozen alignment", "cat:pfa"), ("hallucinaton", "frontier:hallucination"),
    ("参数冻结对齐", "cat:pfa"), ("파라미터 고정 정렬", "cat:pfa"), ("代码转换", "tech:code-switching"),
    ("Bangla", "lang:ben"), ("lamma", "model:llama"),
])
def test_top_hit(store, text, expected):
    hits = search(store, text, limit=5)
    assert hits and hits[0].id == expected, [(h.id, h.score) for h in hits]
    assert hits == sorted(hits, key=lambda h: (-h.score, h.id))


def test_code_switching_finds_technique_and_category(store):
    ids = [h.id for h in search(store, "code switching", limit=3)]
    assert ids[0] == "tech:code-switching" and "cat:code-switching-prompting" in ids[:3]


def test_rlhf_abbreviation_is_exact(store):
    hits = search(store, "RLHF", limit=5)
    assert {"cat:rlhf"} <= {h.id for h in hits if h.score == 100}


def test_label_filter_and_fields(store):
    hits = search(store, "bloom", label="Paper", limit=5)
    assert hits and all(h.label == "Paper" for h in hits)
    h = search(store, "代码转换", limit=1)[0]
    assert h.matched == "代码转换" and h.field in ("alias", "name_zh")


def test_nonsense_finds_little(store):
    assert all(h.score < 80 for h in search(store, "qqqzzzxxx"))


def test_index_built_once(embedded_store):
    assert index_for(embedded_store) is index_for(embedded_store)


def test_bolt_index_from_store_nodes(bolt_store, embedded_store):
    assert set(index_for(bolt_store).nodes) == set(index_for(embedded_store).nodes)


def test_helpers():
    assert norm("X-InSTA") == "x insta" and compact("code-switching") == "codeswitching"
    assert acronym("Parameter-frozen alignment") == "pfa" and acronym("BLOOM") is None


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_name_finds_its_node(embedded_store, data):
    nodes = [n for n in embedded_store.nodes() if n["label"] != "Paper"]
    node = data.draw(st.sampled_from(nodes))
    hits = search(embedded_store, node["name"], limit=10)
    top = [h for h in hits if h.score == hits[0].score]
    assert node["id"] in {h.id for h in top} or hits[0].score == 100 and node["id"] in {h.id for h in hits}


# --- the blocked candidate set, and phrases in descriptions ----------------------------------------------

TYPOS = ["blooom", "xinsta", "lamma", "hallucinaton", "paramter frozen alignment", "code switching", "PFA", "RLHF",
         "multilingal", "modles", "参数冻结对齐", "파라미터 고정 정렬", "bloom model", "qqqzzzxxx", "low resource"]


@pytest.mark.slow  # scores every string of the index against the blocked candidates
def test_blocked_search_keeps_every_strong_hit(embedded_store):
    """Scoring only the trigram-blocked candidates finds the same hits scoring 80 or more as scoring every
    entry, for every name and alias of the graph and common typos."""
    from graph.search.fuzzy import SearchIndex

    nodes = embedded_store.nodes()
    full, blocked = SearchIndex(nodes, blocked=False), SearchIndex(nodes, blocked=True)
    texts = TYPOS + [n["name"] for n in nodes] + [a for n in nodes for a in n.get("aliases") or []][::2]
    for text in texts:
        for min_score in (55, 92):
            strong = lambda hits: [(h.id, h.score) for h in hits if h.score >= 80]
            assert strong(blocked.search(text, limit=5, min_score=min_score)) == \
                strong(full.search(text, limit=5, min_score=min_score)), text


def test_blocked_candidates_are_few(embedded_store):
    from graph.search.fuzzy import SearchIndex, compact

    idx = SearchIndex(embedded_store.nodes(), blocked=True)
    for text in TYPOS:
        assert len(idx.candidates(compact(text))) < len(idx.u_norms) / 2, text


def test_a_phrase_only_in_descriptions_is_found(store):
    from graph.search.descriptions import in_descriptions

    nodes = [n for n in store.nodes() if n.get("description")]
    # a three-word phrase of one description that no name or alias contains
    names = " ".join(norm(x) for n in store.nodes() for x in [n["name"], *(n.get("aliases") or [])])
    for n in nodes:
        words = norm(n["description"]).split()
        phrase = next((" ".join(words[i:i + 3]) for i in range(len(words) - 2)
                       if " ".join(words[i:i + 3]) not in names and len(words[i]) > 3), None)
        if phrase:
            break
    mentions = in_descriptions(store, phrase)
    assert n["id"] in [m.id for m in mentions]
    assert all(phrase in norm(store.get_node(m.id)["description"]) for m in mentions)
    hits = search(store, phrase, limit=50)
    assert n["id"] in [h.id for h in hits if h.field == "description"]
    assert in_descriptions(store, phrase, label="Language") == [m for m in mentions if m.label == "Language"]


def test_description_words_match_whole(embedded_store):
    from graph.search.descriptions import in_descriptions

    assert in_descriptions(embedded_store, "ab") == []  # too short to mean anything
    for m in in_descriptions(embedded_store, "model"):
        assert " model " in f" {norm(embedded_store.get_node(m.id)['description'])} "


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_blocking_counts_the_same_in_python_and_numpy(embedded_store, data):
    """graph.search.blocks counts in plain Python below VECTOR_MIN strings and with numpy above it: the two
    choose the same candidates for any text (names, their typos and prefixes, random strings), BLOCK_CAP
    included."""
    from graph.search import blocks as search_blocks

    idx = index_for(embedded_store)  # one index for every example
    blocks = idx.blocks
    name = data.draw(st.sampled_from(idx.u_compacts))
    text = data.draw(st.one_of(st.just(name), st.just(name[: max(1, len(name) // 2)]),
                               st.builds(lambda k, c: name[:k] + c + name[k + 1:], st.integers(0, len(name)),
                                         st.sampled_from("aeioxz")),
                               st.text(alphabet="abcdelmnorstu参数", min_size=1, max_size=12)))
    cap = data.draw(st.sampled_from([search_blocks.BLOCK_CAP, 5]))
    old = search_blocks.BLOCK_CAP
    search_blocks.BLOCK_CAP = cap
    try:
        assert blocks._python(compact(text)) == blocks._numpy(compact(text)), text
    finally:
        search_blocks.BLOCK_CAP = old


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_pruned_search_scores_what_the_blocked_search_scores(embedded_store, data):
    """graph.search.prune scores only the strings that can reach a high threshold: where it applies, its
    scores are exactly those of scoring every blocked candidate (names, typos, halves, word pairs)."""
    from graph.search import prune

    idx = index_for(embedded_store)
    name = data.draw(st.sampled_from(idx.u_norms))
    other = data.draw(st.sampled_from(idx.u_norms))
    k = data.draw(st.integers(0, len(name)))
    text = data.draw(st.sampled_from([name, name[:k] + name[k:k + 1] + name[k:], name[:k] + name[k + 1:],
                                      name[: max(1, len(name) // 2)], f"{name} {other}", name.split()[0]]))
    need = data.draw(st.sampled_from([55, 80, 85, 86, 92, 95, 100]))
    q, qc = norm(text), compact(text)
    pruned = prune.scores(idx, q, qc, need)
    assert pruned is None or pruned == idx._scores(q, qc, idx.candidates(qc), need), (text, need)


@given(st.text(alphabet=st.sampled_from("aZz09 -_.\t\nÉß"), max_size=12) | st.text(max_size=8))
def test_norm_shortcut_is_the_full_norm(text):
    """norm and compact take a shortcut for plain ASCII words: it gives what the full normalisation gives."""
    from graph.search.text import full_norm

    assert norm(text) == full_norm(text)
    assert compact(text) == full_norm(text).replace(" ", "")
