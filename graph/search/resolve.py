"""Turn what a user typed (an id, a name, an alias) into one entity id, or a clear error with "did you mean".

Ids are taken as they are; otherwise a name or alias that matches exactly (ignoring case, spaces and
hyphens, through graph.search.fuzzy's index) must name one entity. A name shared by entities of different kinds
("RAG": a category and a technique; "Okapi": a model and a data set) is never settled by picking one: the
error lists them by kind so the user says which. The CLI's `path` and `similar` use this, and
`ingest validate --report` lists every such name (``ambiguous_names``).
"""
from __future__ import annotations

from graph.search.fuzzy import SearchIndex, compact, index_for, search

# When several entities of one kind match exactly, a match on the name beats one on the id's slug, which
# beats the rest (abbreviation, zh/ko terms, aliases, derived acronyms). A paper that shares a name with
# what it introduces gives way to it: "BLOOMZ" is the model, not a paper aliased so.
_DERIVED_FIELDS = ("id", "acronym")  # index entries made from the data, not written in it
_FIELD_RANK = {"name": 0, "id": 1, "abbreviation": 2, "name_zh": 2, "name_ko": 2, "alias": 3, "acronym": 4}


class UnknownEntity(ValueError):
    """Nothing (or more than one thing) is called that; ``suggestions`` holds candidate ids."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


def exact_candidates(idx: SearchIndex, text: str, label: str | None = None) -> list[str]:
    """The ids ``text`` names exactly and the resolver cannot tell apart: one id, or several.

    Several when entities of more than one kind (papers aside, while anything else matches) carry the
    name, or when several of one kind tie on the best field.
    """
    best: dict[str, int] = {}
    for i in idx.exact.get(compact(text), []):
        nid, _, fld = idx.entries[i]
        if label is None or idx.nodes[nid].get("label") == label:
            best[nid] = min(best.get(nid, 9), _FIELD_RANK.get(fld, 5))
    if not best:
        return []
    kind = {nid: idx.nodes[nid].get("label") for nid in best}
    if any(k != "Paper" for k in kind.values()):
        best = {nid: r for nid, r in best.items() if kind[nid] != "Paper"}
    if len({kind[nid] for nid in best}) > 1:
        return sorted(best, key=lambda n: (kind[n], n))
    top = min(best.values())
    return sorted(n for n, r in best.items() if r == top)


def resolve(store, text: str, label: str | None = None) -> str:
    """The id ``text`` names in ``store`` (of ``label`` if given); UnknownEntity otherwise."""
    text = str(text).strip()
    if not text:
        raise UnknownEntity("an entity id or name is needed")
    node = store.get_node(text) if len(text) <= 300 else None
    if node is not None and (label is None or node["label"] == label):
        return text
    idx = index_for(store)
    ids = exact_candidates(idx, text, label)
    if len(ids) == 1:
        return ids[0]
    shown = text if len(text) <= 80 else text[:77] + "..."
    if ids:
        listed = ", ".join(f"{i} ({idx.nodes[i].get('label', '')}: {idx.nodes[i].get('name', '')})" for i in ids[:6])
        kinds = sorted({idx.nodes[i].get("label", "") for i in ids})
        what = f"{len(kinds)} kinds of entity" if len(kinds) > 1 else f"{len(ids)} entities"
        raise UnknownEntity(f"{shown!r} names {what}; did you mean: {listed}? give an id", ids)
    hits = search(store, text, label=label, limit=3)
    sugg = ", ".join(f"{h.id} ({h.name})" for h in hits)
    raise UnknownEntity(f"unknown entity {shown!r}" + (f"; did you mean: {sugg}?" if hits else
                                                       " (try: python -m graph search ...)"), [h.id for h in hits])


def ambiguous_names(nodes) -> list[tuple[str, list[str]]]:
    """Every name or alias that ``resolve`` would not settle on its own: (the name as written, its ids).

    Only names a curator wrote count (name, alias, abbreviation, zh/ko term), not the id slugs and
    initials the index derives, which ``resolve`` also matches but nobody typed into the data.

    >>> ambiguous_names([{"id": "cat:rag", "label": "Category", "name": "RAG"},
    ...                  {"id": "tech:rag", "label": "Technique", "name": "Retrieval", "aliases": ["RAG"]}])
    [('RAG', ['cat:rag', 'tech:rag'])]
    """
    idx = SearchIndex(list(nodes))
    out: dict[str, tuple[str, list[str]]] = {}
    for key, entries in idx.exact.items():
        written = [i for i in entries if idx.entries[i][2] not in _DERIVED_FIELDS]
        if len({idx.entries[i][0] for i in written}) < 2:
            continue
        text = idx.entries[written[0]][1]
        ids = exact_candidates(idx, text)
        if len(ids) > 1:
            out[key] = (text, ids)
    return sorted(out.values(), key=lambda t: (compact(t[0]), t[1]))
