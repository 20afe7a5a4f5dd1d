"""What the Ask page shows for a value or yes/no answer (``Answer.value`` in its JSON form): the sentence as
text (graph.safe_text.md: data is never read as Markdown), a tone (yes, no, not recorded, a value), the
sources as links, http(s) only (graph.safe_text.md_link), and the question's reading in plain English with
names ("The parameter count of the model BLOOM"; "Whether the model BLOOM covers the language Swahili")."""
from __future__ import annotations

import re

from graph import schema
from graph.ask import attributes as A
from graph.safe_text import md, md_link
from graph.store.index import index
from ui.views.reading import NOUN, PLURAL, VERB, _a, _thing, phrase

OTHER_SIDE = {"out": "in", "in": "out"}


def parts(answer: dict, store=None) -> dict | None:
    """{tone, sentence (Markdown-escaped), sources (Markdown links)} for a value or yes/no answer. With the
    store, a yes or no over conditions is said in words with names ("Yes: BLOOM covers the language
    Swahili"), not in the library's arrows."""
    v = answer.get("value")
    if answer.get("kind") not in ("value", "yesno") or not v:
        return None
    if answer["kind"] == "yesno":
        tone = {True: "yes", False: "no", None: "unknown"}[v.get("answer")]
    else:
        tone = "value" if v.get("recorded") else "unknown"
    sources = "; ".join(md_link(s["ref"], schema.provenance_url(s["ref"])) for s in v.get("sources") or [])
    sentence = v.get("sentence", "")
    subj = v.get("subject") or {}
    name = subj.get("name") or subj.get("id") or ""
    arrows = sentence.startswith((f"Yes: {name} — ", f"No: {name} does not meet: "))  # the library's own form
    if store is not None and arrows and v.get("attribute") == "conditions" and tone in ("yes", "no") and name:
        said = _conditions(index(store), answer, subj["id"])
        conds = " and ".join(said) if len(said) < 3 else ", ".join(said[:-1]) + " and " + said[-1]
        if conds:
            sentence = f"Yes: {name} {conds}." if tone == "yes" else f"No: the atlas does not record that {name} {conds}."
    return {"tone": tone, "sentence": md(sentence), "sources": sources}


def _of(via: dict | None, subject: str) -> str:
    """'the model BLOOM', or through a hop 'each organisation that developed the model BLOOM'."""
    if not via:
        return subject
    return f"each {NOUN.get(via['label'], 'entity')} that {VERB.get((via['rel'], OTHER_SIDE[via['dir']]), via['rel'])} {subject}"


def _conditions(idx, answer: dict, subject_id: str | None) -> list[str]:
    """The yes/no question's conditions as phrases, without the one that names the subject itself."""
    q = answer.get("query") or {}
    return [phrase(idx, c, q.get("target", "")) for c in q.get("constraints") or []
            if not (c.get("kind") == "prop" and c.get("field") == "id")]


def reading(store, answer: dict) -> dict | None:
    """``{"head", "sentences", "ranking"}`` (as ui.views.reading.reading) for a value or yes/no answer: names,
    not ids; relationships as verbs, not arrows; values formatted by the conditions' phrases (176B)."""
    v = answer.get("value")
    if answer.get("kind") not in ("value", "yesno") or not v:
        return None
    idx = index(store)
    subj = v.get("subject") or {}
    sid = subj.get("id")
    thing = _thing(idx, sid) if sid else ""
    attr, prop, via = v.get("attribute"), v.get("property"), v.get("via")
    if attr == "exists":
        target = (answer.get("query") or {}).get("target", "")
        sentences = _conditions(idx, answer, None)
        return {"head": f"Whether there are any {PLURAL.get(target, 'entities')}"
                        + (", each of which" if sentences else ""), "sentences": sentences, "ranking": ""}
    if attr == "conditions":
        sentences = _conditions(idx, answer, sid)
        return {"head": f"Whether {thing}" + (":" if len(sentences) > 1 else ""), "sentences": sentences,
                "ranking": ""}
    if attr == "label":
        said = (v.get("values") or [{}])[0].get("value")
        return {"head": f"Whether {thing} is {_a(NOUN.get(said, str(said).lower()))}", "sentences": [], "ranking": ""}
    if answer["kind"] == "yesno" and prop:  # 'is Aya 23 newer than BLOOM': one property of two things
        others = [x.get("id") for x in v.get("values") or [] if x.get("id") and x.get("id") != sid]
        than = re.search(r"\b(\w+ than)\b", answer.get("interpretation") or "")
        other = _thing(idx, others[0]) if others else "the other"
        return {"head": f"Whether {thing} is {than.group(1) if than else 'compared with'} {other}",
                "sentences": [f"compares their {A.noun(A.Attribute(prop))}"], "ranking": ""}
    if prop:
        return {"head": f"The {A.noun(A.Attribute(prop))} of {_of(via, thing)}", "sentences": [], "ranking": ""}
    if via:  # the related things themselves: 'what is BLOOM trained on'
        return {"head": f"{PLURAL.get(via['label'], 'entities').capitalize()}, each of which",
                "sentences": [f"{VERB.get((via['rel'], OTHER_SIDE[via['dir']]), via['rel'])} {thing}"], "ranking": ""}
    return {"head": f"The {str(attr).replace('_', ' ')} of {thing}", "sentences": [], "ranking": ""}
