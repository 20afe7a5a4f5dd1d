"""And, or, not: constraints joined by "or" ("papers on Hindi or Urdu", "either X or Y", "any of X, Y and Z")
form one group of alternatives; groups are joined by "and"; a negation before a group covers all of it
("models not from Google or Meta" = developed by neither). ``expand`` turns the groups into the
structured queries whose union is the answer.

>>> from graph.query import Constraint
>>> a = Constraint("link", id="org:google", rel="DEVELOPED_BY", via_partner=False)
>>> b = Constraint("link", id="org:meta", rel="DEVELOPED_BY", via_partner=False)
>>> [(c.kind, c.negate, len(c.alternatives)) for c in expand("Model", [Group([a, b], negate=True)])[0].constraints]
[('any', True, 2)]
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from graph.ask import gaps
from graph.query import Constraint, StructuredQuery

OR_WORDS = ("or", "nor")
MAX_EXPANSIONS = 256


@dataclass
class Group:
    """Alternatives, any one of which a result must satisfy (all of which it must lack when negated)."""

    alts: list[Constraint]
    negate: bool = False
    pos: int = 0
    end: int = 0
    kind_text: str = field(default="")

    @property
    def text(self) -> str:
        return " or ".join(dict.fromkeys(c.text for c in self.alts))


def _end(pos: int, cs: list[Constraint]) -> int:
    return pos + max(1, len(cs[0].text.split())) if cs[0].text and cs[0].text.isascii() else pos + 1


def group(words: list[str], used: list[bool], found: list[tuple[int, list[Constraint]]], target: str) -> list[Group]:
    """Groups of alternatives in question order, negations applied; marks 'or', 'either', 'any of', the negation."""
    items = sorted(found, key=lambda pc: pc[0])
    groups = [Group(list(cs), pos=p, end=_end(p, cs)) for p, cs in items]
    merged: list[Group] = []
    for g in groups:
        if merged and not any(c.kind == "nested" for c in merged[-1].alts + g.alts):  # a hop is no alternative
            prev = merged[-1]
            between = [k for k in range(prev.end, g.pos) if not used[k]]
            between_words = [words[k] for k in between]
            joined = between_words and all(w in OR_WORDS + ("either", "also", "the", "a") for w in between_words) \
                and any(w in OR_WORDS for w in between_words)
            adjacent = not between_words and _or_follows(words, used, prev.end, g.pos)
            if joined or adjacent:
                prev.alts += g.alts
                prev.end = g.end
                for k in between:
                    used[k] = True
                continue
        merged.append(g)
    for g in merged:
        for k in range(max(0, g.pos - 3), g.pos):  # "either X or Y", "any of X, Y"
            if words[k] in ("either", "neither") and not used[k]:
                used[k] = True
                if words[k] == "neither":
                    g.negate = True
            if words[k:k + 2] == ["any", "of"] or words[k:k + 2] == ["one", "of"]:
                used[k] = used[k + 1] = True
        if all(c.pattern(target) is not None for c in g.alts):
            negation = gaps.negation_before(words, used, g.pos)
            if negation:
                g.negate = True
                for k in negation:
                    used[k] = True
    return merged


def _or_follows(words, used, end, pos) -> bool:
    """Whether the next constraint continues a list ending in 'or' ('Hindi, Urdu or Bengali'), or a list
    after 'any of' / 'either' / 'neither'."""
    if end != pos:
        return False
    return any(w in OR_WORDS for w in words[pos:pos + 8]) or any(
        w in ("either", "neither") or words[k:k + 2] in (["any", "of"], ["one", "of"])
        for k, w in enumerate(words[:pos]))


def combine(target: str, g: Group) -> list[Constraint] | None:
    """One group as constraint(s) of one query: a plain constraint, an ``any`` of pattern constraints,
    or a property ``in`` a list of values; None when its alternatives mix properties and patterns."""
    alts = g.alts
    if len(alts) == 1:
        return [replace(alts[0], negate=True) if g.negate else alts[0]]
    if all(c.pattern(target) is not None and c.kind != "any" for c in alts):
        flat = [replace(c, negate=False) for c in alts]
        return [Constraint("any", alternatives=flat, negate=g.negate, text=g.text)]
    if all(c.kind == "prop" and c.op == "=" and c.field == alts[0].field for c in alts) and not g.negate:
        values = list(dict.fromkeys(c.value for c in alts))
        return [Constraint("prop", field=alts[0].field, op="in", value=values, text=g.text)]
    return None


def expand(target: str, groups: list[Group], aggregate=None) -> list[StructuredQuery]:
    """The structured queries whose union answers the groups: one, unless a group mixes a property with
    a pattern ('papers from 2023 or on Hindi'), which then gives one query per alternative."""
    fixed, mixed = [], []
    for g in groups:
        cs = combine(target, g)
        fixed.append(cs)
        if cs is None:
            mixed.append(g)
    choices = itertools.product(*[g.alts for g in mixed])
    out = []
    for choice in itertools.islice(choices, MAX_EXPANSIONS):
        pick = iter(choice)
        cons = []
        for cs in fixed:
            cons += cs if cs is not None else [next(pick)]
        out.append(StructuredQuery(target, cons, aggregate))
    return out


def without_nested_mixes(words, used, groups: list[Group]) -> tuple[list[Group], list[dict]]:
    """The groups with no negated nested constraint and no nested one joined by 'or' to its neighbour
    ('techniques not used by the BLOOMZ paper', 'used by the BLOOMZ paper or the mT5 paper'), and what is
    withheld for them: neither is answered yet, and reading them otherwise would answer another question."""
    def nested(g):
        return any(c.kind == "nested" for c in g.alts)

    bad = {k for k, g in enumerate(groups) if nested(g) and g.negate}
    for k in range(len(groups) - 1):
        a, b = groups[k], groups[k + 1]
        if (nested(a) or nested(b)) and any(w in OR_WORDS for w in words[a.end:b.pos]):
            bad |= {k, k + 1}
    out = [{"text": c.text, "reason": "a negated nested phrase, or alternatives over one, is not answered yet (ask "
            "for the inner list, then the rest)", "suggestions": [], "not_in_atlas": False, "structural": True}
           for k in sorted(bad) for c in groups[k].alts[:1]]
    return [g for k, g in enumerate(groups) if k not in bad], out
