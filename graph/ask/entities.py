"""Entity linking: spans of the question that name a node (exact names and aliases first, longest span
first; fuzzy next), and Chinese/Korean names found inside runs of CJK text whatever the spacing and
attached particles. Latin names written inside CJK text ("基于BLOOM微调的模型") are split out first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph import schema
from graph.ask import vocab as V
from graph.query import Constraint
from graph.search.fuzzy import CJK_RANGES, compact, has_cjk, norm

LABEL_PRIORITY = ("Category", "Technique", "Frontier", "Model", "Method", "Dataset", "Language", "Organization")
_CJK_CLASS = "[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in CJK_RANGES) + "]"  # has_cjk's ranges


@lru_cache(maxsize=1)
def _script_edge() -> re.Pattern:
    """Compiled on the first non-ASCII question: a class this wide takes ~7 ms to compile."""
    return re.compile(rf"(?<={_CJK_CLASS})(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?={_CJK_CLASS})")


def split_scripts(text: str) -> str:
    """Spaces where Latin and CJK characters meet: '基于BLOOM微调' -> '基于 BLOOM 微调'.

    >>> split_scripts("BLOOM을 기반으로")
    'BLOOM 을 기반으로'
    """
    return text if text.isascii() else _script_edge().sub(" ", text)


@dataclass
class Mention:
    start: int
    end: int
    id: str
    label: str
    score: float
    alternatives: list[str] = field(default_factory=list)
    text: str = ""
    negated: bool = False  # a CJK negation governs it ("不使用…", "…하지 않는")
    or_prev: bool = False  # joined to the mention before by "或" / "또는"
    kinds: list[str] = field(default_factory=list)  # one id per kind when the name is shared and the kind unsaid


@lru_cache(maxsize=256)
def normed(phrases: tuple) -> tuple[str, ...]:
    """``norm`` of each phrase, computed once per phrase table."""
    return tuple(norm(p) for p in phrases)


@lru_cache(maxsize=256)
def first_word_index(phrases: tuple) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """{first word: [(normalised words, phrase), ...] longest first} of a phrase table, built once per table."""
    out: dict[str, list] = {}
    for p, pn in zip(phrases, normed(phrases)):
        pw = tuple(pn.split())
        if pw:
            out.setdefault(pw[0], []).append((pw, p))
    for v in out.values():
        v.sort(key=lambda t: -len(t[0]))
    return out


_TABLES: dict[int, tuple] = {}  # id of a phrase tuple -> (the tuple, its first_word_index)


def phrase_at(words, i, phrases) -> tuple[int, str] | None:
    """Longest phrase of ``phrases`` (normalised) starting at word i: (n words, phrase), or None."""
    if i >= len(words):
        return None
    table = _TABLES.get(id(phrases))
    if table is None or table[0] is not phrases:
        table = (phrases, first_word_index(tuple(phrases)))
        if isinstance(phrases, tuple):  # the vocabulary's tables: kept by identity (no tuple hash per call)
            if len(_TABLES) >= 256:
                _TABLES.clear()
            _TABLES[id(phrases)] = table
    for pw, p in table[1].get(words[i], ()):
        if tuple(words[i:i + len(pw)]) == pw:
            return len(pw), p
    return None


@lru_cache(maxsize=256)
def _phrase_set(phrases: tuple) -> frozenset:
    return frozenset(normed(phrases))


def _ends_with(words, phrases) -> bool:
    """Whether the words (articles aside) are, or end with, one of the phrases (normalised)."""
    text = " ".join(w for w in words if w not in ("the", "a", "an"))
    table = _phrase_set(tuple(phrases))
    if text in table:
        return True
    i = text.find(" ")
    while i >= 0:  # text.endswith(" " + p): what follows some space is p
        if text[i + 1:] in table:
            return True
        i = text.find(" ", i + 1)
    return False


@lru_cache(maxsize=1)
def _find_skip() -> frozenset:
    """The function words ``find`` never links alone, gathered once."""
    from graph.ask.gaps import CONTRACTIONS, NEGATION_WORDS
    return frozenset(V.STOP | V.CUE_WORDS | set(V.TARGET_WORDS) | V.FIELD_WORDS | set(V.ABSENT_FACTS)
                     | NEGATION_WORDS | CONTRACTIONS)


def find(parser, words: list[str], used: list[bool], fuzzy_too: bool = True) -> list[Mention]:
    """Mentions of non-paper nodes among the unused Latin words (exact names only unless ``fuzzy_too``);
    marks their words used."""
    mentions = []
    from graph.ask.words import is_word
    skip = _find_skip()
    cjk = [has_cjk(w) for w in words]
    exact = parser.linkable.exact
    for fuzzy in ((False, True) if fuzzy_too else (False,)):
        for n in ((3, 2, 1) if fuzzy else range(6, 0, -1)):
            for i in range(len(words) - n + 1):
                if True in used[i:i + n] or True in cjk[i:i + n]:
                    continue
                span = words[i:i + n]
                if not fuzzy and compact(" ".join(span)) not in exact:
                    continue  # no name or alias is these words (link would find none)
                if all(w in skip for w in span) and (fuzzy or n == 1 or all(w in V.STOP or w in V.TARGET_WORDS
                                                                            for w in span)):
                    continue  # function words alone; but 'parameter tuning alignment' is a name
                text = " ".join(span)
                if all(w in V.FIELD_WORDS for w in span) or (n == 1 and span[0] in skip):
                    continue
                if fuzzy and (len(text.replace(" ", "")) < 5 or span[0] in skip or span[-1] in skip
                              or any(w.isdigit() for w in span)
                              or all(w in parser.alias_words or w in skip for w in span)
                              or all(w in parser.alias_words or w in skip or is_word(w) for w in span)):
                    continue  # a typo is a word no name has, nor English: real words only match exactly
                m = link(parser, words, i, i + n, text, fuzzy)
                if m:
                    used[i:i + n] = [True] * n
                    mentions.append(m)
    return sorted(mentions, key=lambda m: m.start)


def _pick(parser, ids: tuple[str, ...]) -> str:
    """One node of several sharing a name: by label priority, then id."""
    def pri(x):
        lab = parser.linkable.nodes[x]["label"]
        return (LABEL_PRIORITY.index(lab) if lab in LABEL_PRIORITY else 99, x)
    return min(ids, key=pri)


def absorb_name_words(parser, words, used, mentions) -> None:
    """Words right next to a mention that belong to one of its node's names ('chain of thought
    *prompting*', '*synthetic* LLM-generated data') are part of that mention, not words left over."""
    for m in mentions:
        names = {w for t in parser.names_of(m.id) for w in norm(t).split()} - V.STOP
        for step in (-1, 1):
            k = m.start - 1 if step < 0 else m.end
            while 0 <= k < len(words) and not used[k] and words[k] in names and abs(k - m.start) <= 3:
                used[k] = True
                k += step


def link(parser, words, i, j, text, fuzzy) -> Mention | None:
    """The best node for ``text`` (exact, or fuzzy above a length-dependent score), preferring taxonomy and
    techniques, or techniques after a use cue ('use RAG')."""
    index = parser.linkable
    if not fuzzy:
        ids = index.exact_ids(text)
        if not ids:
            return None
        shared = shared_kinds(index, ids, words, i, j)
        if shared:
            return Mention(i, j, shared[0], index.nodes[shared[0]]["label"], 100.0, text=text, kinds=shared)
        cands = [(100.0, x) for x in ids]
        cands += [(h.score, h.id) for h in index.search(text, limit=8, min_score=92)
                  if h.id not in ids and index.nodes[h.id]["label"] in ("Category", "Technique")]
    else:
        need = 80 if len(text) <= 6 else 85
        cands = [(h.score, h.id) for h in index.search(text, limit=8, min_score=need)
                 if h.field not in ("acronym", "id") and (norm(h.matched)[:1] == text[:1]  # typos keep the first letter
                                                          or text.split()[0] in norm(h.matched).split())]
        if not cands:
            return None
    best = max(s for s, _ in cands)
    close = [(s, x) for s, x in cands if s >= best - 8]
    use_cue = _ends_with(words[max(0, i - 3):i], V.USE_CUES)

    said = compact(text)

    def rank(sx):
        s, x = sx
        lab = index.nodes[x]["label"]
        pri = LABEL_PRIORITY.index(lab) if lab in LABEL_PRIORITY else 99
        if use_cue and lab == "Technique":
            pri = -1
        exact_bonus = 0 if s >= 100 or lab in ("Category", "Technique") else 1
        own_name = 0 if compact(index.nodes[x].get("name", "")) == said else 1  # its name, not another's alias
        return (exact_bonus, own_name, pri, -s, x)

    close.sort(key=rank)
    s, x = close[0]
    return Mention(i, j, x, index.nodes[x]["label"], s, [y for _, y in close[1:]])


def shared_kinds(index, ids, words, i, j) -> list[str]:
    """The ids of a name that entities of several kinds carry ('Okapi': a model and a data set; 'RAG': a
    technique and a category), one per kind, when no kind word beside it says which ('the Okapi dataset');
    [] when the name is one kind's or the question says which (then ``ids`` keeps only that kind)."""
    labels = {index.nodes[x]["label"] for x in ids} - {"Paper"}
    if len(labels) < 2:
        return []
    k = j
    while k < len(words) and words[k] in ("a", "an", "the", "one"):
        k += 1
    said = {V.TARGET_WORDS.get(w) for w in (words[i - 1] if i else "", words[k] if k < len(words) else "")}
    before = words[max(0, i - 3):i]
    if labels == {"Category", "Technique"}:  # 'classified under RLHF' is the category, 'using RAG' the technique
        said.add("Category" if any(w in ("under", "classified", "category", "taxonomy") for w in before)
                 else "Technique" if _ends_with(before, V.USE_CUES) else None)
    owned = [x for x in ids if _own_name(index.nodes[x].get("name", ""), words[i:j])]
    if len(labels & said) != 1 and len(owned) == 1:  # a node's own name beats another's alias
        said = {index.nodes[owned[0]]["label"]}
    if len(labels & said) == 1:
        keep = labels & said
        ids[:] = [x for x in ids if index.nodes[x]["label"] in keep]
        return []
    return sorted((x for x in ids if index.nodes[x]["label"] != "Paper"),
                  key=lambda x: (index.nodes[x]["label"], x))


def _own_name(name: str, span: list[str]) -> bool:
    """Whether the words are the node's own name (or its part before a bracket, or what the bracket holds),
    or, two words or more, the start of it ('chain of dictionary' of 'Chain-of-Dictionary Prompting (CoD)')."""
    said = compact(" ".join(span))
    head, _, rest = name.partition(" (")
    if said in (compact(name), compact(head), compact(rest.rstrip(")"))):
        return True
    return len(span) >= 2 and compact(name).startswith(said)


def shared_name_unplaced(nodes, m: Mention) -> dict:
    """The unplaced entry of a mention whose name several kinds share: did-you-mean lists each."""
    kinds = ", ".join(f"{nodes[x].get('name')} ({nodes[x]['label'].lower()})" for x in m.kinds)
    return {"text": m.text, "reason": f"names several kinds of thing: {kinds}; say which (e.g. 'the "
            f"{m.text} {nodes[m.kinds[0]]['label'].lower()}')", "not_in_atlas": False,
            "suggestions": [{"id": x, "name": f"{nodes[x].get('name')} ({nodes[x]['label'].lower()})"} for x in m.kinds]}


def find_cjk(parser, words, used, found, place=None) -> tuple[list[Mention], list[str]]:
    """Chinese/Korean names found as substrings of each run of CJK words (the graph's names and aliases,
    then CLDR's names of languages and places); returns (mentions, the rest that no name, kind word or
    particle explains). A negation just before (Chinese) or after (Korean) a name sets ``negated``;
    '或' / '또는' between two names sets ``or_prev`` on the second. ``place(word, text, pos)`` turns a
    place name into a constraint (True when it did)."""

    mentions, left, i = [], [], 0
    while i < len(words):
        if not has_cjk(words[i]) or used[i]:
            i += 1
            continue
        j = i
        while j < len(words) and has_cjk(words[j]) and not used[j]:
            j += 1
        run = " ".join(words[i:j])
        rest = run
        for word in getattr(parser, "cjk_consumed", ()):  # read already as a data set's stage or construction
            rest = rest.replace(word, " " * len(word))
        for low in V.CJK_LOW_RESOURCE:
            if low in rest:
                rest = rest.replace(low, " " * len(low))
                found.append((i, Constraint("language_group", field="resource_class", op="<=",
                                            value=schema.LOW_RESOURCE_MAX_CLASS, text=low)))
        cands = [(m.start, m.name_end, _pick(parser, m.ids)) for m in parser.matcher().find(rest)
                 if has_cjk(m.key) and not _inside_hangul_word(rest, m.name_end)]
        for name, nid in parser.cjk_language_names():
            k = rest.find(name)
            while k >= 0:
                cands.append((k, k + len(name), nid))
                k = rest.find(name, k + 1)
        taken = []
        for s, e, nid in sorted(cands, key=lambda t: (-(t[1] - t[0]), t[0])):
            if not any(s < e2 and s2 < e for s2, e2, _ in taken):
                taken.append((s, e, nid))
        for name, word in parser.cjk_place_names():
            k = rest.find(name)
            if k >= 0 and not any(k < e2 and s2 < k + len(name) for s2, e2, _ in taken):
                if place is not None and place(word, name, i):
                    rest = rest[:k] + " " * len(name) + rest[k + len(name):]
        prev_end = None
        for s, e, nid in sorted(taken):
            m = Mention(i, i + 1, nid, parser.linkable.nodes[nid]["label"], 100.0, text=run[s:e])
            before, after = run[max(0, s - 3):s].replace(" ", ""), run[e:e + 8]
            m.negated = before.endswith(V.CJK_NEG_BEFORE) or any(n in after for n in V.CJK_NEG_AFTER)
            m.or_prev = prev_end is not None and any(o in run[prev_end:s] for o in V.CJK_OR)
            mentions.append(m)
            rest = rest[:s] + " " * (e - s) + rest[e:]
            prev_end = e
        rest = strip_fillers(rest)
        if rest.split():
            left.append(" ".join(rest.split()))
        used[i:j] = [True] * (j - i)
        i = j
    return mentions, left


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


# what may follow a Hangul name inside one word: a particle ('메타가', '네이버에서'); anything else makes the
# name the start of another word ('메타데이터' is metadata, not Meta's data)
HANGUL_PARTICLES = ("가", "이", "은", "는", "을", "를", "의", "에서", "에", "로", "으로", "와", "과", "랑", "하고", "도",
                    "만", "께서", "처럼", "보다", "이나", "나", "란", "라는", "이라는", "에게", "까지", "부터")


def _inside_hangul_word(text: str, end: int) -> bool:
    """Whether a Hangul name ending at ``end`` runs on into more Hangul that is no particle."""
    if end <= 0 or end >= len(text) or not (_hangul(text[end - 1]) and _hangul(text[end])):
        return False
    return not text.startswith(HANGUL_PARTICLES, end)


_ONE_SYLLABLE = tuple(f for f in V.CJK_PLACED_SORTED if len(f) == 1 and _hangul(f))


def strip_fillers(rest: str) -> str:
    """The text left once particles, endings, kind words and function words are taken out. A one-syllable
    Hangul particle or ending ("가", "로", "야") goes only at the end of a word, so a word nothing names
    stays whole ('마이크로소프트' is never cut into '마 크 소프트'); longer fillers go wherever they are."""
    for filler in V.CJK_PLACED_SORTED:
        if not (len(filler) == 1 and _hangul(filler)):
            rest = rest.replace(filler, " ")
    words = []
    for w in rest.split():
        while len(w) > 1 and w.endswith(_ONE_SYLLABLE):
            w = w[:-1]
        if w not in _ONE_SYLLABLE:
            words.append(w)
    return " ".join(words)
