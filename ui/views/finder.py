"""Fuzzy search for the Explore page: graph.search.fuzzy's hits as the rows the page lists."""
from __future__ import annotations

from graph.search.fuzzy import search
from graph.store.index import index


def find(store, text: str, label: str | None = None, limit: int = 10) -> list[dict]:
    """Hits as dicts: id, label, name, score (higher is better), after_survey; nothing for blank text."""
    text = (text or "").strip()
    if not text:
        return []
    idx = index(store)
    return [{"id": h.id, "label": h.label, "name": h.name, "score": h.score, "after_survey": idx.after_survey(h.id)}
            for h in search(store, text, label=label, limit=limit)]
