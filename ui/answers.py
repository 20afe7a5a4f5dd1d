"""The Ask page's answers, each computed once per store, question and ignored words and kept (st.cache_data)
for every rerun and session: the answer with what the page derives from it. Defined in a module imported once,
so a page run neither re-applies the cache decorator (which reads the function's source) nor hashes the answer
to key the views derived from it."""
from __future__ import annotations

import streamlit as st

from ui.common import get_store, json_bytes
from ui.views import evidence, reading, value


@st.cache_data(show_spinner="Answering…", max_entries=128)
def answered(key: str, question: str, ignore: tuple[str, ...] = ()) -> dict:
    """``answer`` (``Answer.to_json()``), its ``reading`` (None where the interpretation is said as it is),
    its result ``rows``, its evidence ``graph`` (None without rows) and its ``json`` download (each result with
    ``after_survey``); ``key`` is ui.common.store_key()."""
    from graph.ask import ask

    store = get_store()
    answer = ask(store, question, ignore=ignore).to_json()
    said = answer["interpretation"] and answer.get("query") and answer.get("kind") not in ("value", "yesno")
    rows = reading.result_table(store, answer) if answer["status"] != "withheld" and answer["results"] else []
    read = reading.reading(store, answer) if said else value.reading(store, answer)
    return {"answer": answer, "reading": read, "rows": rows,
            "graph": evidence.evidence_graph(store, answer) if rows else None,
            "json": json_bytes(reading.answer_export(store, answer))}
