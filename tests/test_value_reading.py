"""Value and yes/no answers read back in plain English with names (ui.views.value.reading): no ids, no
arrows, no relationship type names; sizes as people write them (100B). Browser-free: the reading object
from the answer's JSON; the Ask page (AppTest, slow) shows it under "Understood as"."""
from __future__ import annotations

import re

import pytest

from graph.ask import ask
from ui.views import value

CASES = [
    ("how many parameters does BLOOM have", "The parameter count of the model BLOOM", []),
    ("what is BLOOM trained on", "Data sets, each of which", ["is training data of the model BLOOM"]),
    ("does BLOOM cover Swahili", "Whether the model BLOOM", ["covers the language Swahili"]),
    ("is BLOOM bigger than 100B parameters", "Whether the model BLOOM", ["has a parameter count above 100B"]),
    ("where is the lab behind HyperCLOVA based",
     "The country of each organisation that developed the model HyperCLOVA", []),
    ("are there models from Naver", "Whether there are any models, each of which",
     ["is developed by the organisation NAVER"]),
    ("is XNLI a benchmark", "Whether the data set XNLI is a data set", []),
    ("who developed BLOOM", "Organisations, each of which", ["developed the model BLOOM"]),
    ("BLOOM有多少参数", "The parameter count of the model BLOOM", []),
]


@pytest.mark.parametrize("q,head,sentences", CASES)
def test_value_reading_is_plain_words_with_names(store, q, head, sentences):
    a = ask(store, q).to_json()
    r = value.reading(store, a)
    assert r == {"head": head, "sentences": sentences, "ranking": ""}, r


def test_a_comparison_reads_its_comparative(embedded_store):
    r = value.reading(embedded_store, ask(embedded_store, "is Aya 23 newer than BLOOM").to_json())
    assert r["head"].endswith("Aya 23 is newer than the model BLOOM") and r["sentences"] == ["compares their year"]


GENERAL = ["when was BLOOM released", "what venue was the mT5 paper published at", "which languages does mT5 cover",
           "what category is BLOOMZ in", "who is the first author of BLOOMZ", "is LLaMA open", "is BLOOMZ derived from BLOOM",
           "is Swahili low-resource", "was mT5 released in 2020", "what script does Hindi use", "what is mT5",
           "HyperCLOVA는 어느 나라 모델이야?", "LLaMA是开源的吗"]


@pytest.mark.parametrize("q", GENERAL)
def test_no_value_reading_says_ids_or_arrows(embedded_store, q):
    a = ask(embedded_store, q).to_json()
    assert a["status"] == "answered" and a["kind"] in ("value", "yesno"), (q, a["withheld_reason"])
    r = value.reading(embedded_store, a)
    text = " ".join([r["head"], *r["sentences"]])
    assert not re.search(r"[a-z]+:[a-z0-9]|-\[:|\]->|<-\[|[A-Z]{3,}_[A-Z]", text), text
    assert a["value"]["subject"] is None or a["value"]["subject"]["name"] in text, text


def test_list_answers_have_no_value_reading(embedded_store):
    assert value.reading(embedded_store, ask(embedded_store, "models derived from LLaMA").to_json()) is None


@pytest.mark.slow
def test_the_ask_page_shows_the_value_reading(embedded_store):
    from tests.test_ui_app import run, texts
    at = run("embedded", "ask", q="does BLOOM cover Swahili")
    shown = " ".join(str(i.value) for i in at.info)
    assert "Understood as:** Whether the model BLOOM" in shown and "covers the language Swahili" in shown, texts(at)[:800]
    assert "model:bloom" not in shown and "COVERS_LANGUAGE" not in shown
