"""Fuzzy entity search over every name and alias (English, Chinese, Korean): the resolver behind
`python -m graph search` and the question parser.

Typos are forgiven ("blooom" finds BLOOM), spacing and hyphens are ignored ("xinsta" finds X-InSTA),
abbreviations match exactly (aliases such as PFA, CoT, plus acronyms derived from names). The index is
built once per graph (embedded) or per store (Bolt, from ``store.nodes()``) and cached.

>>> from graph.store.embedded import EmbeddedStore
>>> hits = search(EmbeddedStore.from_data_dir(), "paramter frozen alignment")
>>> hits[0].id
'cat:pfa'
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import asdict, dataclass

import numpy as np
from rapidfuzz import fuzz, process

MIN_SCORE = 55.0
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff]")
_SEP_RE = re.compile(r"[\s\-_/.,:;()'\"!?\[\]]+")
_STOP_IN_ACRONYM = {"and", "for", "the", "a", "an", "in", "on", "with", "to"}


def norm(text: str) -> str:
    """Casefolded, NFKC, punctuation and hyphens turned into single spaces: 'X-InSTA' -> 'x insta'."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return _SEP_RE.sub(" ", t).strip()


def compact(text: str) -> str:
    """``norm`` without spaces: 'code-switching' and 'code switching' both -> 'codeswitching'."""
    return norm(text).replace(" ", "")


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def acronym(name: str) -> str | None:
    """First letters of a multi-word name ('Parameter-frozen alignment' -> 'pfa'); None if too short."""
    words = [w for w in norm(name).split() if w and w[0].isalpha()]
    if len(words) < 2:
        return None
    letters = "".join(w[0] for w in words if w not in _STOP_IN_ACRONYM or len(words) <= 3)
    return letters if 2 <= len(letters) <= 6 else None


MAX_TEXT_CHARS = 300  # longer than any name or alias; a paste accident otherwise


@dataclass(frozen=True)
class Hit:
    """One ranked candidate: the node and the name or alias that matched."""

    id: str
    label: str
    name: str
    score: float
    matched: str
    field: str  # name | alias | name_zh | name_ko | abbreviation | acronym | id

    def to_dict(self) -> dict:
        return asdict(self)


class SearchIndex:
    """Every searchable string of every node, with vectorised fuzzy scoring (rapidfuzz.process.cdist)."""

    def __init__(self, nodes: list[dict]):
        self.nodes = {n["id"]: n for n in nodes}
        entries: list[tuple[str, str, str]] = []  # (node id, text, field)
        for n in nodes:
            seen = set()

            def add(text, fld):
                if text and isinstance(text, str) and norm(text) and (norm(text), fld) not in seen:
                    seen.add((norm(text), fld))
                    entries.append((n["id"], text, fld))

            add(n.get("name"), "name")
            for a in n.get("aliases") or []:
                add(a, "alias")
            for fld in ("name_zh", "name_ko", "abbreviation"):
                add(n.get(fld), fld)
            add(n["id"].split(":", 1)[-1], "id")
            if n.get("label") != "Paper":
                add(acronym(n.get("name", "")), "acronym")
        self.entries = entries
        self.norms = [norm(t) for _, t, _ in entries]
        self.compacts = [c.replace(" ", "") for c in self.norms]
        self.exact: dict[str, list[int]] = {}
        for i, (c, nm) in enumerate(zip(self.compacts, self.norms)):
            self.exact.setdefault(c, []).append(i)
        self.entry_label = np.array([self.nodes[e[0]].get("label", "") for e in entries])
        weights = {"id": 0.98, "acronym": 0.95}
        self.field_weight = np.array([weights.get(f, 1.0) for _, _, f in entries], dtype=np.float32)
        self.cjk = [(i, nm) for i, nm in enumerate(self.norms) if has_cjk(nm)]

    def __len__(self) -> int:
        return len(self.nodes)

    def exact_ids(self, text: str) -> list[str]:
        """Node ids one of whose names or aliases equals ``text`` (ignoring case, spaces, hyphens)."""
        return sorted({self.entries[i][0] for i in self.exact.get(compact(text), [])})

    def search(self, text: str, label: str | None = None, limit: int = 10,
               min_score: float = MIN_SCORE) -> list[Hit]:
        """Ranked candidates for ``text``: best entry per node, score 0-100, ties broken by id."""
        q, qc = norm(text), compact(text)
        if not qc or not self.entries:
            return []
        scores = np.maximum(
            process.cdist([q], self.norms, scorer=fuzz.ratio, dtype=np.float32)[0],
            process.cdist([qc], self.compacts, scorer=fuzz.ratio, dtype=np.float32)[0],
        )
        if len(qc) >= 4:  # word-order and containment matches, slightly discounted
            tsr = process.cdist([q], self.norms, scorer=fuzz.token_set_ratio, dtype=np.float32)[0]
            scores = np.maximum(scores, tsr * 0.92)
        if len(qc) >= 5:
            pr = process.cdist([qc], self.compacts, scorer=fuzz.partial_ratio, dtype=np.float32)[0]
            lens = np.array([len(c) for c in self.compacts])
            scores = np.maximum(scores, np.where(lens >= len(qc), pr * 0.85, 0))
        if len(qc) <= 4:  # short strings: abbreviations; fuzzy noise ('pta' vs 'pfa') is pushed down
            scores = scores * 0.8
        for i in self.exact.get(qc, []):
            scores[i] = 100.0
        scores = scores * self.field_weight
        if has_cjk(q):
            for i, nm in self.cjk:
                if nm and (nm in q or q in nm):
                    scores[i] = max(scores[i], 100.0 * min(len(nm), len(q)) / max(len(nm), len(q)) * 0.3 + 70)
        if label:
            scores = np.where(self.entry_label == label, scores, 0)
        best: dict[str, tuple[float, int]] = {}
        for i in np.nonzero(scores >= min_score)[0]:
            nid = self.entries[i][0]
            s = float(scores[i])
            if nid not in best or s > best[nid][0]:
                best[nid] = (s, int(i))
        ranked = sorted(best.items(), key=lambda kv: (-round(kv[1][0], 1), kv[0]))[:limit]
        out = []
        for nid, (s, i) in ranked:
            node = self.nodes[nid]
            out.append(Hit(nid, node.get("label", ""), node.get("name", ""), round(s, 1),
                           self.entries[i][1], self.entries[i][2]))
        return out

    def cjk_matches(self, text: str) -> list[tuple[int, int, str]]:
        """Chinese/Korean names and aliases found verbatim inside ``text``: (start, end, node id)."""
        t = unicodedata.normalize("NFKC", text).casefold()
        found = []
        for i, nm in self.cjk:
            for cand in {nm, nm.replace(" ", "")}:
                start = t.find(cand)
                while cand and start >= 0:
                    found.append((start, start + len(cand), self.entries[i][0]))
                    start = t.find(cand, start + 1)
        return sorted(set(found))


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _cache_key(store):
    return getattr(store, "g", None) if getattr(store, "g", None) is not None else store


def index_for(store) -> SearchIndex:
    """The store's index, built once (keyed on the networkx graph, or on the store object)."""
    key = _cache_key(store)
    idx = _CACHE.get(key)
    if idx is None:
        idx = SearchIndex(store.nodes())
        _CACHE[key] = idx
    return idx


def search(store, text: str, label: str | None = None, limit: int = 10,
           min_score: float = MIN_SCORE) -> list[Hit]:
    """Ranked candidates for ``text`` in ``store`` (see SearchIndex.search).

    Text longer than MAX_TEXT_CHARS is refused (ValueError): fuzzy matching cost grows with its length.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"search text too long: {len(text)} characters (the limit is {MAX_TEXT_CHARS})")
    return index_for(store).search(text, label=label, limit=limit, min_score=min_score)
