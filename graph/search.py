"""Fuzzy entity search over every name and alias (English, Chinese, Korean): the resolver behind
`python -m graph search` and the question parser.

Typos are forgiven ("blooom" finds BLOOM), spacing and hyphens are ignored ("xinsta" finds X-InSTA),
abbreviations match exactly (aliases such as PFA, CoT, plus acronyms derived from names). The index is
built once per graph (embedded) or per store (Bolt, from ``store.nodes()``) and cached.

Past BLOCK_MIN entries, fuzzy scoring runs on a blocked candidate set instead of every entry: the
entries sharing enough character bigrams with the text (an inverted index, counted with numpy), and
for short texts those of similar length. Exact names and aliases are a dict lookup. At 100x the
survey's size this makes one search some 50x cheaper with the same top hits (tests compare both ways).

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
from typing import TYPE_CHECKING
from functools import lru_cache

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    import numpy as np

MIN_SCORE = 55.0
DESCRIPTION_SCORE = 50.0  # a phrase found in a description, not in a name: below every name match
BLOCK_MIN = 0  # entries; below this every entry is scored (blocking pays off from the survey size up)
BLOCK_CAP = 3_000   # most candidates scored per search; the best-sharing ones are kept
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff]")
_SEP_RE = re.compile(r"[\s\-_/.,:;()'\"!?\[\]]+")
_STOP_IN_ACRONYM = {"and", "for", "the", "a", "an", "in", "on", "with", "to"}


def norm(text: str) -> str:
    """Casefolded, NFKC, punctuation and hyphens turned into single spaces: 'X-InSTA' -> 'x insta'."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return _SEP_RE.sub(" ", t).strip()


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """``norm`` remembered: the index normalises the same names and aliases many times over."""
    return norm(text)


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
    field: str  # name | alias | name_zh | name_ko | abbreviation | acronym | id | description

    def to_dict(self) -> dict:
        return asdict(self)


def grams(compacted: str) -> set[str]:
    """Character bigrams of a compacted string padded at both ends ('^bloom$' -> '^b', 'bl', 'lo', ...).
    Bigrams, not trigrams: a typo spoils fewer of them ('dutch' still meets 'deutsch')."""
    t = f"^{compacted}$"
    return {t[i:i + 2] for i in range(len(t) - 1)}


class SearchIndex:
    """Every searchable string of every node, with vectorised fuzzy scoring (rapidfuzz.process.cdist).

    Scoring runs over distinct normalised strings (many nodes share a name or an alias), then each
    string's score goes to the entries that carry it, weighted by field and filtered by label.
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
        self.blocked = len(entries) >= BLOCK_MIN if blocked is None else blocked
        self._arrays_built = False

    # numpy and the arrays fuzzy scoring needs are loaded on the first fuzzy search, not before: a question
    # whose names all match exactly never pays for them (numpy alone is ~0.1 s of a command's start)
    def __getstate__(self) -> dict:
        state = {k: v for k, v in self.__dict__.items() if k not in self._ARRAYS}
        state["_arrays_built"] = False
        return state

    _ARRAYS = ("entry_label", "entry_rank", "field_weight", "entry_u", "u_norms", "u_compacts", "by_u", "u_start",
               "u_cjk", "postings", "n_grams", "lengths")

    def _arrays(self) -> None:
        import numpy as np

        if self._arrays_built:
            return
        entries, norms = self.entries, self.norms
        self.entry_label = np.array([self.nodes[e[0]].get("label", "") for e in entries])
        rank = {nid: r for r, nid in enumerate(sorted(self.nodes))}
        self.entry_rank = np.array([rank[e[0]] for e in entries], dtype=np.int64)
        weights = {"id": 0.98, "acronym": 0.95}
        self.field_weight = np.array([weights.get(f, 1.0) for _, _, f in entries], dtype=np.float32)
        # distinct strings, and the entries of each (CSR: by_u[u_start[u]:u_start[u + 1]])
        u_of: dict[str, int] = {}
        self.entry_u = np.array([u_of.setdefault(nm, len(u_of)) for nm in norms], dtype=np.int64)
        self.u_norms = np.array(list(u_of), dtype=object)
        self.u_compacts = np.array([nm.replace(" ", "") for nm in u_of], dtype=object)
        self.by_u = np.argsort(self.entry_u, kind="stable")
        self.u_start = np.searchsorted(self.entry_u[self.by_u], np.arange(len(u_of) + 1))
        self.u_cjk = np.array([has_cjk(nm) for nm in u_of], dtype=bool)
        if self.blocked:
            self._build_blocks()
        self._arrays_built = True

    def _build_blocks(self) -> None:
        """Bigram postings (distinct-string indexes per bigram), bigram counts and lengths."""
        import numpy as np

        postings: dict[str, list[int]] = {}
        n_grams = []
        for u, c in enumerate(self.u_compacts):
            gs = grams(c)
            n_grams.append(len(gs))
            for gram in gs:
                postings.setdefault(gram, []).append(u)
        self.postings = {k: np.array(v, dtype=np.int32) for k, v in postings.items()}
        self.n_grams = np.array(n_grams, dtype=np.float32)
        self.lengths = np.array([len(c) for c in self.u_compacts], dtype=np.int32)

    def candidates(self, qc: str) -> np.ndarray:
        """Distinct strings worth scoring for the compacted text ``qc`` (sorted indexes into u_norms):
        those sharing at least 30% of the bigrams of the shorter of the two (60% when the string is over
        twice as long: so typos, containment and word order still reach scoring), plus for texts of up to 4 characters every string of similar
        length sharing one; at most BLOCK_CAP, those sharing most kept. Every string when the index is not blocked."""
        import numpy as np

        n = len(self.u_norms)
        if not self.blocked:
            return np.arange(n)
        qg = grams(qc)
        lists = [self.postings[g] for g in qg if g in self.postings]
        counts = np.bincount(np.concatenate(lists), minlength=n).astype(np.float32) if lists else np.zeros(n, np.float32)
        share = counts / np.maximum(np.minimum(self.n_grams, len(qg)), 1)
        # similar lengths: 30% of bigrams shared (typos); a string much longer than the text must
        # share 60% of them (the text inside it, or a fuzzy containment match is noise anyway)
        keep = (counts >= 1) & (share >= 0.3) & ((self.lengths <= 2 * len(qc) + 3) | (share >= 0.6))
        if len(qc) <= 4:
            keep |= (counts >= 1) & (self.lengths <= 2 * len(qc) + 2)
        idx = np.nonzero(keep)[0]
        if len(idx) > BLOCK_CAP:
            idx = idx[np.argpartition(-share[idx], BLOCK_CAP)[:BLOCK_CAP]]
        exact = self.entry_u[self.exact.get(qc, [])]
        return np.union1d(idx, exact) if len(exact) else np.sort(idx)

    def __len__(self) -> int:
        return len(self.nodes)

    def exact_ids(self, text: str) -> list[str]:
        """Node ids one of whose names or aliases equals ``text`` (ignoring case, spaces, hyphens)."""
        return sorted({self.entries[i][0] for i in self.exact.get(compact(text), [])})

    def search(self, text: str, label: str | None = None, limit: int = 10,
               min_score: float = MIN_SCORE) -> list[Hit]:
        """Ranked candidates for ``text``: best entry per node, score 0-100, ties broken by id."""
        import numpy as np

        q, qc = norm(text), compact(text)
        if not qc or not self.entries:
            return []
        self._arrays()
        cand = self.candidates(qc)
        uscore = self._scores(q, qc, cand)
        # each distinct string's score to its entries
        lo, hi = self.u_start[cand], self.u_start[cand + 1]
        sizes = hi - lo
        pos = np.repeat(lo - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes) + np.arange(sizes.sum())
        entry = self.by_u[pos]
        scores = np.repeat(uscore, sizes)
        exact = self.exact.get(qc, [])
        if exact:
            scores[np.isin(entry, exact)] = 100.0
        scores = scores * self.field_weight[entry]
        if label:
            scores = np.where(self.entry_label[entry] == label, scores, 0)
        return self._ranked(scores, entry, min_score, limit)

    def _scores(self, q: str, qc: str, cand: np.ndarray) -> np.ndarray:
        """Scores 0-100 of the distinct strings ``cand`` against the text (before field weights)."""
        import numpy as np

        if not len(cand):
            return np.zeros(0, dtype=np.float32)
        norms, compacts = list(self.u_norms[cand]), list(self.u_compacts[cand])
        scores = np.maximum(
            process.cdist([q], norms, scorer=fuzz.ratio, dtype=np.float32)[0],
            process.cdist([qc], compacts, scorer=fuzz.ratio, dtype=np.float32)[0],
        )
        if len(qc) >= 4:  # word-order and containment matches, slightly discounted
            tsr = process.cdist([q], norms, scorer=fuzz.token_set_ratio, dtype=np.float32)[0]
            scores = np.maximum(scores, tsr * 0.92)
        if len(qc) >= 5:
            pr = process.cdist([qc], compacts, scorer=fuzz.partial_ratio, dtype=np.float32)[0]
            lens = np.array([len(c) for c in compacts])
            scores = np.maximum(scores, np.where(lens >= len(qc), pr * 0.85, 0))
        if len(qc) <= 4:  # short strings: abbreviations; fuzzy noise ('pta' vs 'pfa') is pushed down
            scores = scores * 0.8
        if has_cjk(q):
            for k in np.nonzero(self.u_cjk[cand])[0]:
                nm = norms[k]
                if nm and (nm in q or q in nm):
                    scores[k] = max(scores[k], 100.0 * min(len(nm), len(q)) / max(len(nm), len(q)) * 0.3 + 70)
        return scores

    def _ranked(self, scores: np.ndarray, entry: np.ndarray, min_score: float, limit: int) -> list[Hit]:
        """The best entry per node among those scoring at least ``min_score``, ranked by score then id."""
        import numpy as np

        hit = np.nonzero(scores >= min_score)[0]
        if not len(hit):
            return []
        entry, score = entry[hit], scores[hit]
        rank = self.entry_rank[entry]  # the node's position in id order
        order = np.lexsort((-score, rank))  # per node, its best entry first
        first = np.ones(len(order), dtype=bool)
        first[1:] = rank[order][1:] != rank[order][:-1]
        best = order[first]
        top = best[np.lexsort((rank[best], -np.round(score[best], 1)))][:limit]
        out = []
        for k in top:
            i = int(entry[k])
            nid, text, fld = self.entries[i]
            node = self.nodes[nid]
            out.append(Hit(nid, node.get("label", ""), node.get("name", ""), round(float(score[k]), 1), text, fld))
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


def _cache_key(store):
    """What per-store indexes are kept under: the store object (an embedded store opened on a seed
    directory is one object per process, so its indexes are built once)."""
    return store


def index_for(store) -> SearchIndex:
    """The store's index, built once per store object (and kept on disk for a store whose content cannot
    change: the embedded store on a seed directory, keyed by the data and this module's code)."""
    key = _cache_key(store)
    idx = _CACHE.get(key)
    if idx is None:
        from graph.seed.cache import cached_artifact, code_fingerprint

        content = store.content_key()
        disk_key = content and f"{content}-{code_fingerprint('graph.search')}"
        idx = cached_artifact("searchindex", disk_key, lambda: SearchIndex(store.nodes()),
                              check=lambda obj: isinstance(obj, SearchIndex))
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
        from graph.descriptions import in_descriptions

        have = {h.id for h in hits}
        hits += [Hit(m.id, m.label, m.name, DESCRIPTION_SCORE, m.snippet, "description")
                 for m in in_descriptions(store, text, label=label, limit=limit + len(have)) if m.id not in have]
        hits = sorted(hits, key=lambda h: (-h.score, h.id))[:limit]
    return hits
