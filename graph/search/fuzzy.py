"""Fuzzy entity search over every name and alias (English, Chinese, Korean): the resolver behind
`python -m graph search` and the question parser.

Typos are forgiven ("blooom" finds BLOOM), spacing and hyphens are ignored ("xinsta" finds X-InSTA),
abbreviations match exactly (aliases such as PFA, CoT, plus acronyms derived from names). The index is
built once per graph (embedded) or per store (Bolt, from ``store.nodes()``) and cached.

Past BLOCK_MIN entries, fuzzy scoring runs on a blocked candidate set instead of every entry: the
strings sharing enough character bigrams with the text (graph.search.blocks). Exact names and aliases
are a dict lookup. Scoring is rapidfuzz over the candidates, in C; nothing here needs numpy, so a command
that searches once does not pay ~0.1 s to import it.

>>> from graph.store.embedded import EmbeddedStore
>>> hits = search(EmbeddedStore.from_data_dir(), "paramter frozen alignment")
>>> hits[0].id
'cat:pfa'
"""
from __future__ import annotations

import heapq
import unicodedata
import weakref
from dataclasses import asdict, dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from graph.heap import settle
from graph.search import prune
from graph.search.blocks import Blocks
from graph.search.text import CJK_RANGES, compact, has_cjk, norm, store_key  # noqa: F401  (part of this API)

MIN_SCORE = 55.0
DESCRIPTION_SCORE = 50.0  # a phrase found in a description, not in a name: below every name match
BLOCK_MIN = 0  # entries; below this every entry is scored (blocking pays off from the survey size up)
_FIELD_WEIGHT = {"id": 0.98, "acronym": 0.95}  # a match on an id or a derived acronym ranks below a name
_STOP_IN_ACRONYM = {"and", "for", "the", "a", "an", "in", "on", "with", "to"}


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """``norm`` remembered: the index normalises the same names and aliases many times over."""
    return norm(text)


def acronym(name: str) -> str | None:
    """First letters of a multi-word name ('Parameter-frozen alignment' -> 'pfa'); None if too short."""
    words = [w for w in norm(name).split() if w and w[0].isalpha()]
    if len(words) < 2:
        return None
    letters = "".join(w[0] for w in words if w not in _STOP_IN_ACRONYM or len(words) <= 3)
    return letters if 2 <= len(letters) <= 6 else None


CODE = ("graph.search.fuzzy", "graph.search.blocks", "graph.search.text")  # the modules a pickled index is built by: its cache key
MAX_TEXT_CHARS = 300  # longer than any name or alias; a paste accident otherwise
MEMO_SIZE = 4096  # remembered searches per index (texts are at most MAX_TEXT_CHARS; hits at most ``limit``)


@dataclass(frozen=True)
class Hit:
    """One ranked candidate: the node and the name or alias that matched."""

    id: str
    label: str
    name: str
    score: float
    matched: str
    field: str  # name | alias | name_zh | name_ko | abbreviation | acronym | id | description

    def to_dict(self) -> dict:
        return asdict(self)


class SearchIndex:
    """Every searchable string of every node, scored with rapidfuzz in plain Python.

    Scoring runs over distinct normalised strings (many nodes share a name or an alias), then each
    string's score goes to the entries that carry it, weighted by field and filtered by label. No numpy:
    a command that searches once would spend more importing it (~0.1 s) than searching.
    """

    def __init__(self, nodes: list[dict], blocked: bool | None = None):
        self.nodes = {n["id"]: n for n in nodes}
        entries: list[tuple[str, str, str]] = []  # (node id, text, field)
        norms: list[str] = []
        for n in nodes:
            seen = set()

            def add(text, fld, n=n, seen=seen):
                if text and isinstance(text, str):
                    nm = _norm(text)
                    if nm and (nm, fld) not in seen:
                        seen.add((nm, fld))
                        entries.append((n["id"], text, fld))
                        norms.append(nm)

            add(n.get("name"), "name")
            for a in n.get("aliases") or []:
                add(a, "alias")
            for fld in ("name_zh", "name_ko", "abbreviation"):
                add(n.get(fld), fld)
            add(n["id"].split(":", 1)[-1], "id")
            if n.get("label") != "Paper":
                add(acronym(n.get("name", "")), "acronym")
        self.entries = entries
        self.norms = norms
        self.compacts = [c.replace(" ", "") for c in self.norms]
        self.exact: dict[str, list[int]] = {}
        for i, c in enumerate(self.compacts):
            self.exact.setdefault(c, []).append(i)
        self.cjk = [(i, nm) for i, nm in enumerate(self.norms) if has_cjk(nm)]
        self.weight = [_FIELD_WEIGHT.get(f, 1.0) for _, _, f in entries]
        # distinct strings, and the entries carrying each (in entry order)
        u_of: dict[str, int] = {}
        self.entry_u = [u_of.setdefault(nm, len(u_of)) for nm in norms]
        self.u_norms = list(u_of)
        self.u_compacts = [nm.replace(" ", "") for nm in u_of]
        self.u_cjk = [has_cjk(nm) for nm in u_of]
        self.by_u: list[list[int]] = [[] for _ in u_of]
        for i, u in enumerate(self.entry_u):
            self.by_u[u].append(i)
        self.blocked = len(entries) >= BLOCK_MIN if blocked is None else blocked
        self.blocks = Blocks(self.u_compacts) if self.blocked else None

    def candidates(self, qc: str) -> list[int]:
        """Distinct strings worth scoring for the compacted text ``qc`` (sorted indexes into u_norms; see
        graph.search.blocks): every string when the index is not blocked."""
        if self.blocks is None:
            return list(range(len(self.u_norms)))
        return sorted(self.blocks.candidates(qc) | {self.entry_u[i] for i in self.exact.get(qc, ())})

    def __len__(self) -> int:
        return len(self.nodes)

    def exact_ids(self, text: str) -> list[str]:
        """Node ids one of whose names or aliases equals ``text`` (ignoring case, spaces, hyphens)."""
        return sorted({self.entries[i][0] for i in self.exact.get(compact(text), [])})

    def search(self, text: str, label: str | None = None, limit: int = 10,
               min_score: float = MIN_SCORE) -> list[Hit]:
        """Ranked candidates for ``text``: best entry per node, score 0-100, ties broken by id. Remembered
        per index (the index never changes): a question's parser looks up the same spans more than once
        (the value reader, then the list grammar), and the app reruns a page with the same question."""
        memo = self.__dict__.get("_memo")
        if memo is None:
            memo = self._memo = {}
            _REMEMBERING.add(self)
        key = (text, label, limit, min_score)
        hits = memo.get(key)
        if hits is None:
            if len(memo) >= MEMO_SIZE:  # bounded: emptied whole (no order to keep, safe across threads)
                memo.clear()
            hits = memo[key] = tuple(self._search(text, label, limit, min_score))
        return list(hits)

    def forget(self) -> None:
        """Drop the remembered searches."""
        self.__dict__.pop("_memo", None)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}

    def _search(self, text: str, label: str | None, limit: int, min_score: float) -> list[Hit]:
        q, qc = norm(text), compact(text)
        if not qc or not self.entries:
            return []
        exact = set(self.exact.get(qc, ()))
        scores = prune.scores(self, q, qc, min_score)  # a high threshold: only strings that can reach it
        if scores is None:
            scores = self._scores(q, qc, self.candidates(qc), min_score)
        best: dict[str, tuple[float, int]] = {}  # node id -> (score, entry): its first best entry
        exact_u = {self.entry_u[i] for i in exact}
        entries, weight, nodes = self.entries, self.weight, self.nodes
        for u in sorted(exact_u.union(u for u, s in scores.items() if s >= min_score - 0.01)):
            s = round(scores.get(u, 0.0), 4)  # 55.0, not 54.99999
            for i in self.by_u[u]:
                nid = entries[i][0]
                if label and nodes[nid].get("label", "") != label:
                    continue
                w = weight[i]
                score = 100.0 * w if i in exact else s if w == 1.0 else round(s * w, 4)
                if score >= min_score and (nid not in best or score > best[nid][0]):
                    best[nid] = (score, i)
        top = heapq.nsmallest(limit, best.items(), key=lambda kv: (-round(kv[1][0], 1), kv[0]))
        out = []
        for nid, (score, i) in top:
            node = self.nodes[nid]
            out.append(Hit(nid, node.get("label", ""), node.get("name", ""), round(score, 1), *self.entries[i][1:]))
        return out

    def _scores(self, q: str, qc: str, cand: list[int], need: float = 0.0) -> dict[int, float]:
        """Scores 0-100 of the distinct strings ``cand`` against the text (before field weights), each the
        best of four rapidfuzz scorers run over the whole list in C. A string that cannot reach ``need``
        may be missing or low: each scorer stops early, and one whose discount keeps it under ``need``
        does not run."""
        short = len(qc) <= 4  # short strings: abbreviations; fuzzy noise ('pta' vs 'pfa') is pushed down
        cut = max((need / 0.8 if short else need) - 0.01, 0.0)
        norms = [self.u_norms[u] for u in cand]
        compacts = [self.u_compacts[u] for u in cand]
        best: dict[int, float] = {}

        def run(text, choices, scorer, discount=1.0, only=None):
            if cut / discount > 100:
                return
            for _, score, k in process.extract(text, choices, scorer=scorer, score_cutoff=cut / discount,
                                               limit=None):
                if only is None or only(k):
                    score *= discount
                    if score > best.get(k, -1.0):
                        best[k] = score

        run(q, norms, fuzz.ratio)
        run(qc, compacts, fuzz.ratio)
        if len(qc) >= 4:  # word-order and containment matches, slightly discounted
            run(q, norms, fuzz.token_set_ratio, 0.92)
        if len(qc) >= 5:
            run(qc, compacts, fuzz.partial_ratio, 0.85, only=lambda k: len(compacts[k]) >= len(qc))
        out = {cand[k]: (score * 0.8 if short else score) for k, score in best.items()}
        if has_cjk(q):
            for k, u in enumerate(cand):
                nm = norms[k]
                if self.u_cjk[u] and nm and (nm in q or q in nm):
                    bonus = 100.0 * min(len(nm), len(q)) / max(len(nm), len(q)) * 0.3 + 70
                    out[u] = max(out.get(u, 0.0), bonus)
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


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_REMEMBERING: weakref.WeakSet = weakref.WeakSet()  # indexes holding remembered searches


def forget_searches() -> None:
    """Every index drops its remembered searches: the bench times a question's own lookups, not the memo."""
    for idx in list(_REMEMBERING):
        idx.forget()


def index_for(store) -> SearchIndex:
    """The store's index, built once per store object (and kept on disk for a store whose content cannot
    change: the embedded store on a seed directory, keyed by the data and this module's code)."""
    key = store_key(store)
    idx = _CACHE.get(key)
    if idx is None:
        from graph.seed.cache import cached_artifact, code_fingerprint

        content = store.content_key()
        disk_key = content and f"{content}-{code_fingerprint(*CODE)}"
        idx = cached_artifact("searchindex", disk_key, lambda: SearchIndex(store.nodes()),
                              check=lambda obj: isinstance(obj, SearchIndex))
        settle()
        _CACHE[key] = idx
    return idx


def search(store, text: str, label: str | None = None, limit: int = 10,
           min_score: float = MIN_SCORE, descriptions: bool = True) -> list[Hit]:
    """Ranked candidates for ``text`` in ``store`` (see SearchIndex.search), then, with ``descriptions``,
    the nodes whose description mentions it (field ``description``, the snippet as ``matched``, score
    DESCRIPTION_SCORE: below every name match).

    Text longer than MAX_TEXT_CHARS is refused (ValueError): fuzzy matching cost grows with its length.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"search text too long: {len(text)} characters (the limit is {MAX_TEXT_CHARS})")
    hits = index_for(store).search(text, label=label, limit=limit, min_score=min_score)
    if descriptions and len(hits) < limit:
        from graph.search.descriptions import in_descriptions

        have = {h.id for h in hits}
        hits += [Hit(m.id, m.label, m.name, DESCRIPTION_SCORE, m.snippet, "description")
                 for m in in_descriptions(store, text, label=label, limit=limit + len(have)) if m.id not in have]
        hits = sorted(hits, key=lambda h: (-h.score, h.id))[:limit]
    return hits
