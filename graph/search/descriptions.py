"""Phrases found in node descriptions: "mentioned in the description of ..." for search and ask.

A phrase that names no entity may still be what a user remembers ("the model trained with a
language-adaptive curriculum"). Every description is normalised like names (graph.search.fuzzy.norm) and
joined into one text, so one phrase is a few ``str.find`` scans, fast at 100x the survey's size.
Matches are whole words (or, for Chinese/Korean, a substring).

>>> from graph.store.embedded import EmbeddedStore
>>> hits = in_descriptions(EmbeddedStore.from_data_dir(), "Pathways system")
>>> [h.id for h in hits]
['model:palm', 'paper:palm']
"""
from __future__ import annotations

import bisect
import weakref
from dataclasses import asdict, dataclass

from graph.search.text import has_cjk, norm, store_key

SNIPPET_CHARS = 80
MIN_PHRASE_CHARS = 3


@dataclass(frozen=True)
class Mention:
    """A node whose description holds the phrase; ``snippet`` is the description around it."""

    id: str
    label: str
    name: str
    snippet: str

    def to_dict(self) -> dict:
        return asdict(self)


class DescriptionIndex:
    """All descriptions, normalised, in one text with the start offset of each node's part."""

    def __init__(self, nodes: list[dict]):
        self.nodes = {n["id"]: n for n in nodes}
        parts, self.starts, self.ids = [], [], []
        pos = 0
        for n in sorted(nodes, key=lambda n: n["id"]):
            d = n.get("description")
            if not isinstance(d, str) or not d.strip():
                continue
            text = f" {norm(d)} \x00"
            self.starts.append(pos)
            self.ids.append(n["id"])
            parts.append(text)
            pos += len(text)
        self.text = "".join(parts)

    def find(self, phrase: str, label: str | None = None, limit: int = 50) -> list[Mention]:
        """Nodes whose description holds ``phrase`` as whole words, in id order (at most ``limit``)."""
        p = norm(phrase)
        if len(p.replace(" ", "")) < MIN_PHRASE_CHARS:
            return []
        needle = p if has_cjk(p) else f" {p} "
        seen: list[str] = []
        start = self.text.find(needle)
        while start >= 0 and len(seen) < limit:
            k = bisect.bisect_right(self.starts, start) - 1
            nid = self.ids[k]
            node = self.nodes[nid]
            if label is None or node.get("label") == label:
                seen.append(nid)
            nxt = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
            start = self.text.find(needle, nxt)  # one hit per node
        return [Mention(i, self.nodes[i].get("label", ""), self.nodes[i].get("name", ""),
                        _snippet(self.nodes[i]["description"], phrase)) for i in seen]


def _snippet(description: str, phrase: str) -> str:
    """The description cut to about SNIPPET_CHARS around the phrase (whole text when short)."""
    if len(description) <= SNIPPET_CHARS:
        return description
    at = description.casefold().find(phrase.casefold().strip())
    if at < 0:
        return description[:SNIPPET_CHARS].rstrip() + "…"
    lo = max(0, at - (SNIPPET_CHARS - len(phrase)) // 2)
    hi = min(len(description), lo + SNIPPET_CHARS)
    return ("…" if lo else "") + description[lo:hi].strip() + ("…" if hi < len(description) else "")


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def description_index(store) -> DescriptionIndex:
    """The store's description index, built once (like graph.search.fuzzy.index_for)."""
    key = store_key(store)
    idx = _CACHE.get(key)
    if idx is None:
        idx = _CACHE[key] = DescriptionIndex(store.nodes())
    return idx


def in_descriptions(store, phrase: str, label: str | None = None, limit: int = 50) -> list[Mention]:
    """Nodes of ``store`` whose description mentions ``phrase`` (whole words, case and hyphens ignored).

    The function the question parser calls for "mentioned in the description of ..."; search() adds
    these hits below the name matches.
    """
    return description_index(store).find(phrase, label=label, limit=limit)
