"""Ask: a question in English (or the survey's zh/ko terms) answered from the graph, with the
interpretation, the results, the graph of the evidence paths and the generated Cypher."""
from __future__ import annotations

import json

import streamlit as st

from ui.views.evidence import result_rows
from ui.common import downloads, guarded, json_bytes, show_graph, store_key, url_init, url_sync, view
from ui.views import evidence

EXAMPLES = [
    "Which PFA methods use code-switching on low-resource languages?",
    "What is BLOOMZ derived from?",
    "Which datasets are used for SFT alignment?",
    "Which papers address the hallucination frontier?",
    "Which models cover Swahili?",
    "Which low-resource languages have no dataset?",
]


@st.cache_data(show_spinner="Answering…", max_entries=128)
def _ask(key: str, question: str) -> dict:
    """The Ask engine's answer as plain JSON data (cached per store and question)."""
    from graph.ask.run import ask

    from ui.common import get_store

    result = ask(get_store(), question)
    data = result.to_json() if hasattr(result, "to_json") else result
    return json.loads(data) if isinstance(data, str) else data


def _use_example(q: str) -> None:
    st.session_state["ask_q"] = q


def _examples() -> list[str]:
    try:
        from graph.ask import run

        extra = list(getattr(run, "EXAMPLES", []) or [])
    except ImportError:
        extra = []
    return list(dict.fromkeys(EXAMPLES + [str(q) for q in extra]))[:8]


st.title("Ask the atlas")
url_init("ask", {"q": ""})
st.caption("Ask about methods, models, data sets, languages and the survey's taxonomy. Try an example:")
cols = st.columns(3)
for i, q in enumerate(_examples()):
    cols[i % 3].button(q, key=f"ask_ex_{i}", on_click=_use_example, args=(q,), width="stretch")

question = st.text_input("Question", key="ask_q", placeholder="e.g. which PFA methods use code-switching "
                         "on low-resource languages")
url_sync("ask", {"q": question})

try:
    import graph.ask.run  # noqa: F401
    available = True
except ImportError:
    available = False

if not available:
    st.info("Ask is not available yet: the question engine (graph.ask) has not landed. "
            "Explore, Taxonomy and the other pages work meanwhile.")
elif question.strip():
    with guarded("Answering the question"):
        answer = _ask(store_key(), question.strip())
        interp = answer.get("interpretation")
        if interp:
            text = interp if isinstance(interp, str) else json.dumps(interp, ensure_ascii=False)
            st.info("**Understood as:**\n\n" + text.replace("\n  - ", "\n- "))
        rows = result_rows(answer)
        if answer.get("unplaced"):
            st.caption("Not understood: " + ", ".join(
                str(u.get("text", u)) if isinstance(u, dict) else str(u) for u in answer["unplaced"]))
        for note in answer.get("notes") or []:
            st.caption(str(note))
        if answer.get("empty_reason"):
            st.warning(f"No answer: {answer['empty_reason']}")
        st.subheader(f"Results ({len(rows)})")
        if rows:
            from ui.linking import opening_table

            opening_table(rows, "ask_results")
        else:
            st.write("No results. Try fewer constraints, or another example above.")
        if answer.get("cypher"):
            st.subheader("Generated Cypher")
            st.code(answer["cypher"], language="cypher")
            if answer.get("params"):
                st.caption("Parameters")
                st.code(json.dumps(answer["params"], indent=2, ensure_ascii=False), language="json")
        if rows:
            st.subheader("Evidence")
            evidence = view(evidence.evidence_graph, answer)
            show_graph(evidence, ("ask", question.strip()), focus=[r["id"] for r in rows if r["id"]])
            c1, c2 = st.columns([1, 3])
            c1.download_button("Download answer (JSON)", json_bytes(answer), file_name="answer.json",
                               mime="application/json", key="ask_json")
            with c2:
                downloads(evidence, "ask_export", "answer-graph", ("ask", question.strip()))
