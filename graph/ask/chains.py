"""Parse a question as a tree: find the first hop (graph.ask.compose), parse the question of the other kind
on its own (recursively), and the rest with one ``nested`` constraint in its place.

Where the sub-question ends is read from the grammar: the longest span after the hop that parses with
every word placed while the rest does too ("models from [Chinese organisations] with more than 50B
parameters": the size is the models'). A sub-question that asks for a count, a ranking, a superlative or
alternatives across kinds of condition, a negated hop, or a hop no phrase places is withheld with the
reason: the middle hop never vanishes.
"""
from __future__ import annotations

from graph.ask import compose, gaps, logic
from graph.ask import vocab as V
from graph.query import Constraint
from graph.search.fuzzy import has_cjk

MAX_DEPTH = 4  # hops of nesting read in one question (the grammar needs 3; more is withheld)
BOUNDARY = {"with", "that", "which", "whose", "who", "from", "in", "since", "after", "before", "and", "by", "for",
            "on", "released", "published", "developed", "introduced", "proposed", "added", "built", "made",
            "created", "trained", "evaluated", "derived", "covering", "using", "not", "without", "open", "closed",
            "between", "above", "over", "under", "below", "larger", "smaller", "targeting", "addressing", "is",
            "are", "was", "were"}


def _target_at(parser, words) -> tuple[int, str] | None:
    """(position, label) of the question's kind word: the first kind word, or 'who' before a verb of making."""
    for i, w in enumerate(words):
        if w == "who" and any(x in words[i + 1:i + 3] for x in ("developed", "made", "built", "created",
                                                                 "released", "trained", "develops", "makes")):
            return i, "Organization"
        if w in V.LINEAGE_DESC_NOUNS + V.LINEAGE_ANC_NOUNS and words[i + 1:i + 2] == ["of"]:
            return None  # "derivatives of X": lineage, read by the flat parser
        lab = parser._kind_at(words, i)
        if lab is not None:
            return i, lab
    return None


AUX = {"that", "which", "who", "are", "is", "were", "was", "do", "does", "did", "have", "has", "had", "been", "be",
       "being", "t", "don", "doesn", "didn", "aren", "isn", "weren", "wasn", "haven", "hasn", "hadn"}


def _negated(words, p0) -> bool:
    """Whether a negation governs the relation phrase at p0 ('models not trained on ...', 'that were never
    evaluated on ...'): only auxiliaries between them."""
    k = p0 - 1
    while k >= 0 and words[k] in AUX:
        k -= 1
    return k >= 0 and (words[k] in gaps.NEGATION_WORDS or words[k] == "t" and k and words[k - 1] in gaps.CONTRACTIONS)


def _withhold(parse, text: str, reason: str):
    parse.unplaced.append({"text": text, "reason": reason, "suggestions": [], "not_in_atlas": False, "structural": True})
    return parse


def parse_tree(parser, question: str, words: list[str], ignore=(), depth: int = 0, pre_used=None, extra=()):
    """The Parse of ``words``: flat when it holds no hop, else the outer level with a nested constraint."""
    used = list(pre_used) if pre_used is not None else [False] * len(words)
    at = None if has_cjk(" ".join(words)) else _target_at(parser, words)
    hop = None
    if at is not None:
        hop = compose.find_hop(words, at[1], at[0], lambda k: parser._kind_at(words, k), used)
    if hop is None:
        return parser._flat(question, ignore, words, used, extra)
    if isinstance(hop, str):
        return _withhold(parser._flat(question, ignore, words, used, extra), words[at[0]], hop)
    p0, p1 = hop.phrase
    phrase = " ".join(words[p0:p1])
    negation = _negated(words, p0)
    if negation or depth >= MAX_DEPTH:
        why = "a negated nested phrase is not answered yet (ask for the inner list, then the rest)" if negation \
            else f"more than {MAX_DEPTH} nested phrases"
        return _withhold(parser._flat(question, ignore, words, used, extra), phrase, why)
    s0, s1 = hop.sub
    stranded = s1 < len(words) and p0 >= s1
    stops = [s1] if stranded else [s1] + [k for k in range(s1 - 1, hop.kind_at, -1) if words[k] in BOUNDARY]
    first = None
    for stop in stops:
        tried = _attempt(parser, question, words, ignore, depth, used, extra, hop, stop, stranded)
        if tried is None:  # the other kind carries no condition after all: a plain related kind
            return parser._flat(question, ignore, words, used, extra)
        if first is None:
            first = tried
        if not tried.unplaced:
            return tried
    return first


def _attempt(parser, question, words, ignore, depth, used, extra, hop, stop, stranded):
    """The parse with the sub-question words[s0:stop]; its ``unplaced`` says what failed."""
    p0, p1 = hop.phrase
    s0 = hop.sub[0]
    sub = parse_tree(parser, question, words[s0:stop], ignore, depth + 1)
    problems = []
    if sub.unplaced:
        problems = sub.unplaced
    elif sub.target != hop.label or not sub.target_given:
        problems = [{"text": words[hop.kind_at], "reason": f"the nested phrase asks for {sub.target.lower()}s",
                     "suggestions": [], "not_in_atlas": False, "structural": True}]
    elif sub.intent.kind != "list" or sub.order is not None:
        problems = [{"text": " ".join(words[s0:stop]), "reason": "a count, ranking or superlative inside a nested "
                     "phrase is not answered yet", "suggestions": [], "not_in_atlas": False, "structural": True}]
    queries = logic.expand(sub.target, sub.groups) if not problems else []
    if not problems and len(queries) == 1 and not queries[0].constraints:
        return None
    if not problems and len(queries) != 1:
        problems = [{"text": " ".join(words[s0:stop]), "reason": "alternatives that mix kinds of condition inside "
                     "a nested phrase are not answered yet", "suggestions": [], "not_in_atlas": False, "structural": True}]
    sub_text = " ".join(words[s0:stop])
    if stranded:  # the phrase ends the question: the outer keeps its words before the sub-question and the phrase
        keep = list(range(0, s0)) + list(range(p0, len(words)))
    else:
        keep = list(range(0, s0)) + list(range(stop, len(words)))
    outer_words = [words[k] for k in keep]
    outer_used = [used[k] or p0 <= k < p1 for k in keep]
    pos = keep.index(p0)
    nested = []
    if not problems:
        nested = [(pos, [Constraint("nested", rel=hop.rel, dir=hop.dir, sub=queries[0],
                                    text=f"{' '.join(words[p0:p1])} {sub_text}" if not stranded
                                    else f"{sub_text} ... {' '.join(words[p0:p1])}")])]
    outer = parse_tree(parser, question, outer_words, ignore, depth, outer_used, list(extra) + nested)
    outer.unplaced = problems + outer.unplaced
    outer.mentions = outer.mentions + sub.mentions
    outer.notes = outer.notes + [n for n in sub.notes if n not in outer.notes]
    return outer
