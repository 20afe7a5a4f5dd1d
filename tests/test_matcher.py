"""The Aho-Corasick name matcher: names inside Chinese and Korean text, any spacing, Korean particles,
longest non-overlapping spans mapped back to the question's own characters."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ask.matcher import PARTICLES, Matcher, find_names, fold, matcher_for


@pytest.fixture(scope="module")
def m(embedded_store):
    return matcher_for(embedded_store)


def spans(m, text):
    return [(x.text, x.ids) for x in m.find(text)]


def named(store, name):
    """The ids whose name or an alias is exactly ``name`` (read from the data, not assumed)."""
    return tuple(sorted(n["id"] for n in store.nodes() if n["label"] != "Paper"
                        and (n["name"] == name or name in (n.get("aliases") or []))))


@pytest.mark.parametrize("text, span, name", [
    ("基于BLOOM微调的模型有哪些", "BLOOM", "BLOOM"),
    ("哪些模型是从LLaMA派生的", "LLaMA", "LLaMA"),
    ("BLOOMZ是基于什么构建的", "BLOOMZ", "BLOOMZ"),
    ("XGLM在哪些数据集上评测", "XGLM", "XGLM"),
])
def test_latin_names_inside_chinese(m, embedded_store, text, span, name):
    assert (span, named(embedded_store, name)) in spans(m, text)


@pytest.mark.parametrize("text, name, particle", [
    ("BLOOM을 기반으로 한 모델", "BLOOM", "을"), ("mT5와 비교", "mT5", "와"), ("LLaMA의 파생 모델", "LLaMA", "의"),
    ("XGLM에서 평가된 데이터셋", "XGLM", "에서"), ("BLOOMZ는 무엇을 기반으로", "BLOOMZ", "는"),
])
def test_korean_particles_are_taken_off_names(m, embedded_store, text, name, particle):
    (x,) = [x for x in m.find(text) if x.ids == named(embedded_store, name)]
    assert x.text == name + particle and x.particle == particle
    assert text[x.start:x.name_end] == name and x.same_case


def test_chinese_and_korean_names_regardless_of_spacing(m, embedded_store):
    zh = [(n["id"], n["name_zh"]) for n in embedded_store.nodes() if n.get("name_zh")]
    assert zh
    for nid, name in zh:
        for text in (f"使用{name}的方法", " ".join(name) + "的论文"):
            assert any(nid in x.ids for x in m.find(text)), (nid, text)
    ko = [(n["id"], n["name_ko"]) for n in embedded_store.nodes() if n.get("name_ko")]
    for nid, name in ko:
        (hit,) = [x for x in m.find(f"{name}을 다룬 논문") if nid in x.ids] or [None]
        assert hit is not None and hit.particle in ("", "을"), (nid, name)


def test_longest_match_wins_and_latin_words_are_not_split(m, embedded_store):
    assert spans(m, "BLOOMZ") == [("BLOOMZ", named(embedded_store, "BLOOMZ"))]
    assert spans(m, "xbloomy") == []
    assert [x.text for x in m.find("derived from LLaMA-7B")] == ["LLaMA-7B"]


def test_case_is_reported_for_short_keys(embedded_store):
    mm = Matcher([{"id": "org:hit", "name": "HIT"}])
    assert [x.same_case for x in mm.find("HIT와 hit")] == [True, False]


def test_find_names_excludes_paper_titles(embedded_store):
    title = next(n["name"] for n in embedded_store.nodes() if n["label"] == "Paper" and len(n["name"]) > 40)
    assert not any(i.startswith("paper:") for x in find_names(embedded_store, title) for i in x.ids)
    assert any(i.startswith("paper:") for x in matcher_for(embedded_store, exclude=()).find(title) for i in x.ids)


def test_fold_maps_back_to_the_text():
    folded, pos = fold("Ｘ-InSTA 与 code switching")
    assert folded == "xinsta与codeswitching" and len(pos) == len(folded)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["BLOOM", "mT5", "LLaMA", "XGLM", "BLOOMZ", "基于", "模型", " ", "-", "x", "的",
                                 *PARTICLES[:12], "code switching", "代码转换", "참고"]), max_size=12).map("".join))
def test_spans_are_ordered_disjoint_and_fold_to_their_key(m, text):
    found = m.find(text)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for x in found:
        assert 0 <= x.start < x.name_end <= x.end <= len(text)
        assert fold(text[x.start:x.name_end])[0] == x.key and x.text == text[x.start:x.end]
