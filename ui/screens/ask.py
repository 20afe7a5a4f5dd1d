"""Ask: a question in English, Chinese or Korean answered from the graph, with the interpretation, the
results (a list, a count, a ranking, a comparison, or a value or yes/no as a sentence with its
sources), the graph of the evidence paths and the generated Cypher; or, when some words cannot be placed, a warning in place of the table with did-you-mean choices."""
from __future__ import annotations

import json
from urllib.parse import urlencode

import streamlit as st

from graph.safe_text import md, md_lines

from ui.graphs import show_graph
from ui.answers import answered
from ui.common import downloads, get_store, guarded, store_key, url_init, url_sync, view
from ui.linking import opening_table
from ui.marks import note
from graph.seed.later_works import MARK
from ui.views import reading, value, withheld

EXAMPLES = [
    "Which PFA methods use code-switching on low-resource languages?",
    "What is BLOOMZ derived from?",
    "Which datasets are used for SFT alignment?",
    "Which papers address the hallucination frontier?",
    "Which models cover Swahili?",
    "Which low-resource languages have no dataset?",
]


def _use_example(q: str) -> None:
    st.session_state["ask_q"] = q


def _ignore(words: list[str]) -> None:
    st.session_state["ask_ignore"] = list(dict.fromkeys(st.session_state.get("ask_ignore", []) + words))


def cypher_link(cypher: str, params: dict) -> str:
    """The Cypher page with this query and its parameters (it runs a linked query on arrival)."""
    survey = {"survey": "1"} if st.session_state.get("survey_only") else {}
    return "?" + urlencode({"page": "cypher", "query": cypher, "params": json.dumps(params, ensure_ascii=False), **survey})


def _show_withheld(answer: dict) -> None:
    """The warning in place of the table: what could not be placed, the candidates, and the way out."""
    lines = []
    for u in answer["unplaced"]:
        where = f" — {u['mentioned']}" if u.get("mentioned") else " — not in the atlas" if u.get("not_in_atlas") else ""
        lines.append(f"- **{md(u['text'])}**: {md(u['reason'])}{md(where)}")
    st.warning("**Not answered: nothing was run.** Some words could not be placed, and answering without them "
               "would widen the question.\n\n" + "\n".join(lines))
    options = withheld.choices(answer)
    if options:
        st.caption("Did you mean:")
        cols = st.columns(min(3, len(options)))
        for i, c in enumerate(options):
            cols[i % len(cols)].button(f"{md(c['word'])} → {md(c['name'])} ({md(c['label'])})", key=f"ask_dym_{i}",
                                       on_click=_use_example, args=(c["question"],), width="stretch")
    st.button("Ignore these words and ask again", key="ask_ignore_btn", on_click=_ignore,
              args=([u["text"] for u in answer["unplaced"]],))


def _show_value(answer: dict) -> None:
    """A value or yes/no answer as one sentence with its sources (graph.ask.value_answer says it)."""
    v = value.parts(answer, get_store())
    box = {"yes": st.success, "value": st.success, "no": st.warning, "unknown": st.info}[v["tone"]]
    box(v["sentence"])
    if v["sources"]:
        st.caption("Sources: " + v["sources"])


def _show_reading(answer: dict, r: dict | None) -> None:
    """The question as understood, in plain sentences with names (``r``: ui.views.reading.reading)."""
    if r is None:
        st.info("**Understood as:**\n\n" + md_lines(answer["interpretation"].replace("\n  - ", "\n- ")))
        return
    lines = [f"- {md(s)}" for s in r["sentences"]] + ([f"- {md(r['ranking'])}"] if r["ranking"] else [])
    if answer.get("ignored"):
        lines.append("- ignored at your request: " + ", ".join(f"'{md(w)}'" for w in answer["ignored"]))
    st.info(f"**Understood as:** {md(r['head'])}" + (":" if lines else "") + "\n\n" + "\n".join(lines))


def _show_comparison(answer: dict) -> None:
    c = answer["comparison"]
    a, b = c["items"]
    others = [x["other"]["id"] for x in c["shared"]["relationships"]] + [
        x["other"]["id"] for item in (a, b) for x in c["differing"]["relationships"][item]]
    names = view(reading.marked_names, tuple(dict.fromkeys([a, b, *others])))  # names with the ✦ mark
    st.subheader(f"{md(names.get(a, a))} vs {md(names.get(b, b))}")
    props = [{"property": k, names.get(a, a): str(v), names.get(b, b): str(v), "same": True}
             for k, v in c["shared"]["properties"].items()]
    props += [{"property": k, names.get(a, a): str(v.get(a)), names.get(b, b): str(v.get(b)), "same": False}
              for k, v in c["differing"]["properties"].items()]
    st.dataframe(props, width="stretch", hide_index=True)
    rels = [{"relationship": x["type"], "dir": x["dir"], "other": names[x["other"]["id"]], "who": "both"}
            for x in c["shared"]["relationships"]]
    for item in (a, b):
        rels += [{"relationship": x["type"], "dir": x["dir"], "other": names[x["other"]["id"]], "who": names.get(item, item)}
                 for x in c["differing"]["relationships"][item]]
    st.caption(f"{len(c['shared']['relationships'])} relationships in common; "
               f"{len(c['differing']['relationships'][a])} only {md(names.get(a, a))}, "
               f"{len(c['differing']['relationships'][b])} only {md(names.get(b, b))}")
    st.dataframe(rels, width="stretch", hide_index=True)
    note(any(MARK in n for n in names.values()))


st.title("Ask the atlas")
url_init("ask", {"q": ""})
st.caption("Ask about methods, models, data sets, languages and the survey's taxonomy. Try an example:")
cols = st.columns(3)
for i, q in enumerate(EXAMPLES):
    cols[i % 3].button(q, key=f"ask_ex_{i}", on_click=_use_example, args=(q,), width="stretch")

question = st.text_input("Question", key="ask_q", placeholder="e.g. which PFA methods use code-switching "
                         "on low-resource languages")
url_sync("ask", {"q": question})

if st.session_state.get("_ask_ignore_for") != question.strip():  # ignored words belong to one question
    st.session_state["ask_ignore"] = []
    st.session_state["_ask_ignore_for"] = question.strip()

if question.strip():
    with guarded("Answering the question"):
        page = answered(store_key(), question.strip(), tuple(st.session_state.get("ask_ignore", [])))
        answer = page["answer"]
        if answer["interpretation"]:
            _show_reading(answer, page["reading"])
        for line in answer["notes"]:  # not ``note``: that is ui.marks.note, which the comparison calls
            st.caption(md(line))
        if answer["status"] == "withheld":
            _show_withheld(answer)
        else:
            if answer["ignored"]:
                st.caption("Ignored at your request: " + ", ".join(md(w) for w in answer["ignored"]))
            if answer["empty_reason"] and answer["kind"] not in ("value", "yesno"):
                st.warning(f"No answer: {md(answer['empty_reason'])}")
            rows = page["rows"]
            if answer["kind"] in ("value", "yesno"):
                _show_value(answer)
            if answer["kind"] == "comparison":
                _show_comparison(answer)
            elif rows or answer["kind"] not in ("value", "yesno"):
                if answer["kind"] == "count":
                    st.metric("How many", answer["count"])
                st.subheader(f"Results ({len(rows)})")
                if rows:
                    opening_table(rows, "ask_results")  # names first; a click on a name opens it on Explore
                else:
                    st.write("No results. Try fewer constraints, or another example above.")
            if answer["cypher"]:
                with st.expander("The query: Cypher and its parameters"):
                    st.text(answer["interpretation"])
                    st.code(answer["cypher"], language="cypher")
                    if answer["params"]:
                        st.caption("Parameters")
                        st.code(json.dumps(answer["params"], indent=2, ensure_ascii=False), language="json")
                    st.link_button("Open in Cypher", cypher_link(answer["cypher"], answer["params"]))
            if rows:
                st.subheader("Evidence")
                graph = page["graph"]
                drawn = show_graph(graph, ("ask", question.strip()), focus=[r["id"] for r in rows],
                                   title=question.strip())
                c1, c2 = st.columns([1, 3])
                c1.download_button("Download answer (JSON)", page["json"], file_name="answer.json",
                                   mime="application/json", key="ask_json")
                with c2:
                    downloads(graph, "ask_export", "answer-graph", ("ask", question.strip()), title=question.strip(),
                              drawn=drawn)
