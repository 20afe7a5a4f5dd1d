"""Names and aliases found inside a question whatever its script and spacing (Aho-Corasick).

Chinese and Korean questions run words together ("基于BLOOM微调的模型有哪些"), Korean attaches
particles to names ("BLOOM을", "mT5와", "XGLM에서"), and a name may be spelt with or without spaces
or hyphens. One automaton (pyahocorasick) over every name and alias, folded like the question (NFKC,
casefold, separators dropped), finds every occurrence in one pass; a Latin name must not continue a
Latin word on either side; a Korean particle right after a name is taken into its span; overlapping
finds resolve to the longest, then the earliest.

>>> from graph.store.embedded import EmbeddedStore
>>> m = matcher_for(EmbeddedStore.from_data_dir())
>>> [(x.text, x.ids, x.particle) for x in m.find("BLOOM을 기반으로 한 mT5와 XGLM에서")]
[('BLOOM을', ('model:bloom',), '을'), ('mT5와', ('model:mt5',), '와'), ('XGLM에서', ('model:xglm',), '에서')]
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import asdict, dataclass

import ahocorasick

from graph.search.text import store_key

# Korean case and connective particles that attach to a noun, longest first where one extends another.
PARTICLES = tuple(sorted({
    "이", "가", "은", "는", "을", "를", "의", "에", "에서", "에게", "께", "한테", "로", "으로", "와", "과",
    "도", "만", "까지", "부터", "보다", "처럼", "하고", "이랑", "랑", "이나", "나", "로서", "으로서",
    "로부터", "으로부터", "에서부터", "에서의", "에서는", "에서도", "에는", "에도", "와의", "과의", "와는",
    "과는", "로는", "으로는", "로의", "으로의", "이라는", "라는", "이며", "이고", "에게서", "만큼", "조차",
}, key=lambda p: (-len(p), p)))
FIELDS = ("name", "aliases", "name_zh", "name_ko", "abbreviation")
_SEP = re.compile(r"[\s\-_/.,:;()'\"!?\[\]]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def _word_char(ch: str) -> bool:
    """A letter or digit of a non-CJK script: a Latin name may not start or end next to one."""
    return ch.isalnum() and not _CJK.match(ch)


def surface(text: str) -> str:
    """``text`` as written, NFKC and without separators: compares case ('HIT' the institute, 'hit' the verb)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not _SEP.match(ch))


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching (NFKC, casefold, separators dropped) and, per folded character,
    the index of the original character it came from.

    >>> fold("X-InSTA 的")
    ('xinsta的', [0, 2, 3, 4, 5, 6, 8])
    """
    out, pos = [], []
    for i, ch in enumerate(text):
        if _SEP.match(ch):
            continue
        for f in unicodedata.normalize("NFKC", ch).casefold():
            if not _SEP.match(f):
                out.append(f)
                pos.append(i)
    return "".join(out), pos


@dataclass(frozen=True)
class Match:
    """One name found: ``text[start:end]`` (``end`` after any particle; the name ends at ``name_end``)."""

    start: int
    end: int
    name_end: int
    ids: tuple[str, ...]
    key: str       # the folded name or alias that matched
    text: str      # the question's own characters, particle included
    particle: str  # the Korean particle taken into the span, or ""
    same_case: bool  # written exactly as a name or alias is (short keys such as 'hit', 'opt' need it)

    def to_dict(self) -> dict:
        return asdict(self)


class Matcher:
    """An Aho-Corasick automaton over the names and aliases of ``nodes`` (folded keys -> node ids)."""

    def __init__(self, nodes: list[dict], min_chars: int = 2):
        keys: dict[str, set[str]] = {}
        self.surfaces: dict[str, set[str]] = {}
        for n in nodes:
            for fld in FIELDS:
                values = n.get(fld)
                for v in values if isinstance(values, list) else [values]:
                    if not isinstance(v, str):
                        continue
                    k = fold(v)[0]
                    if len(k) >= min_chars and not k.isdigit():
                        keys.setdefault(k, set()).add(n["id"])
                        self.surfaces.setdefault(k, set()).add(surface(v))
        self.automaton = ahocorasick.Automaton()
        for k, ids in keys.items():
            self.automaton.add_word(k, (k, tuple(sorted(ids))))
        if keys:
            self.automaton.make_automaton()
        self.size = len(keys)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping longest names in ``text``, in text order."""
        if not self.size or not text:
            return []
        folded, pos = fold(text)
        found = []
        for last, (key, ids) in self.automaton.iter(folded):
            first = last - len(key) + 1
            start, name_end = pos[first], pos[last] + 1
            if _word_char(key[0]) and start > 0 and _word_char(text[start - 1]):
                continue
            if _word_char(key[-1]) and name_end < len(text) and _word_char(text[name_end]):
                continue
            found.append((start, name_end, key, ids))
        taken: list[tuple[int, int, str, tuple]] = []
        for f in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
            if not any(f[0] < t[1] and t[0] < f[1] for t in taken):
                taken.append(f)
        out = []
        for start, name_end, key, ids in sorted(taken):
            particle = _particle(text, name_end)
            end = name_end + len(particle)
            if any(t[0] < end and t[0] >= name_end for t in taken):  # the particle would eat the next name
                particle, end = "", name_end
            out.append(Match(start, end, name_end, ids, key, text[start:end], particle,
                             surface(text[start:name_end]) in self.surfaces[key]))
        return out


def _particle(text: str, at: int) -> str:
    """The Korean particle starting at ``at``: the one that is the whole Hangul run there if any, else the
    longest that starts it; "" when no Hangul follows."""
    j = at
    while j < len(text) and _HANGUL.match(text[j]):
        j += 1
    run = text[at:j]
    if not run:
        return ""
    if run in PARTICLES:
        return run
    return next((p for p in PARTICLES if run.startswith(p)), "")


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def matcher_for(store, exclude: tuple[str, ...] = ("Paper",)) -> Matcher:
    """The store's matcher over every node not of an ``exclude`` label (papers' titles by default),
    built once per store and exclusion."""
    per_store = _CACHE.setdefault(store_key(store), {})
    m = per_store.get(exclude)
    if m is None:
        m = per_store[exclude] = Matcher([n for n in store.nodes() if n.get("label") not in exclude])
    return m


def find_names(store, text: str) -> list[Match]:
    """Names and aliases of the store's non-paper nodes found in ``text`` (see Matcher.find)."""
    return matcher_for(store).find(text)
