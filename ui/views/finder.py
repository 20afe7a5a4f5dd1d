"""Fuzzy search for the Explore page: graph.search.fuzzy's hits as the rows the page lists."""
from __future__ import annotations

from graph.search.fuzzy import search


def find(store, text: str, label: str | None = None, limit: int = 10) -> list[dict]:
    """Hits as dicts: id, label, name, score (higher is better); nothing for blank text."""
    text = (text or "").strip()
    if not text:
        return []
    return [{"id": h.id, "label": h.label, "name": h.name, "score": h.score}
            for h in search(store, text, label=label, limit=limit)]
