"""What the Ask page shows for a value or yes/no answer (``Answer.value`` in its JSON form): the sentence as
text (graph.safe_text.md: data is never read as Markdown), a tone (yes, no, not recorded, a value), and the
sources as links, http(s) only (graph.safe_text.md_link)."""
from __future__ import annotations

from graph import schema
from graph.safe_text import md, md_link


def parts(answer: dict) -> dict | None:
    """{tone, sentence (Markdown-escaped), sources (Markdown links)} for a value or yes/no answer."""
    v = answer.get("value")
    if answer.get("kind") not in ("value", "yesno") or not v:
        return None
    if answer["kind"] == "yesno":
        tone = {True: "yes", False: "no", None: "unknown"}[v.get("answer")]
    else:
        tone = "value" if v.get("recorded") else "unknown"
    sources = "; ".join(md_link(s["ref"], schema.provenance_url(s["ref"])) for s in v.get("sources") or [])
    return {"tone": tone, "sentence": md(v.get("sentence", "")), "sources": sources}
