"""Turn what a user typed (an id, a name, an alias) into one entity id, or a clear error with "did you mean".

Ids are taken as they are; otherwise a name or alias that matches exactly (ignoring case, spaces and
hyphens, through graph.search's index) must name one entity. The CLI's `path` and `similar` use this.
"""
from __future__ import annotations

from graph.search import compact, index_for, search

# When several entities match exactly, a match on the name beats one on the id's slug, which beats the
# rest (abbreviation, zh/ko terms, aliases, derived acronyms): "BLOOMZ" is the model, not a paper aliased so.
_FIELD_RANK = {"name": 0, "id": 1, "abbreviation": 2, "name_zh": 2, "name_ko": 2, "alias": 3, "acronym": 4}


class UnknownEntity(ValueError):
    """Nothing (or more than one thing) is called that; ``suggestions`` holds candidate ids."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


def resolve(store, text: str, label: str | None = None) -> str:
    """The id ``text`` names in ``store`` (of ``label`` if given); UnknownEntity otherwise."""
    text = str(text).strip()
    if not text:
        raise UnknownEntity("an entity id or name is needed")
    node = store.get_node(text) if len(text) <= 300 else None
    if node is not None and (label is None or node["label"] == label):
        return text
    idx = index_for(store)
    best: dict[str, int] = {}
    for i in idx.exact.get(compact(text), []):
        nid, _, fld = idx.entries[i]
        if label is None or idx.nodes[nid].get("label") == label:
            best[nid] = min(best.get(nid, 9), _FIELD_RANK.get(fld, 5))
    top = min(best.values(), default=None)
    ids = sorted(n for n, r in best.items() if r == top)
    if len(ids) == 1:
        return ids[0]
    shown = text if len(text) <= 80 else text[:77] + "..."
    if ids:
        listed = ", ".join(f"{i} ({idx.nodes[i].get('name', '')})" for i in ids[:6])
        raise UnknownEntity(f"{shown!r} names {len(ids)} entities: {listed}; give an id", ids)
    hits = search(store, text, label=label, limit=3)
    sugg = ", ".join(f"{h.id} ({h.name})" for h in hits)
    raise UnknownEntity(f"unknown entity {shown!r}" + (f"; did you mean: {sugg}?" if hits else
                                                       " (try: python -m graph search ...)"), [h.id for h in hits])
