"""Relation verbs the reading must stand for: a verb of a relationship ("evaluated", "derived", "uses") that
no constraint of the reading stands for was dropped ("trained on and evaluated on" read as trained on), so it
is reported and the question withheld, never answered wider.

A verb of a thing's own making ("developed", "proposed", "released") says nothing by itself ("methods
proposed for Swahili") and counts only with "by" after it (then DEVELOPED_BY or INTRODUCES) or, for "built",
"on"/"upon"/"from" (DERIVED_FROM or TRAINED_ON).
"""
from __future__ import annotations

from graph.search.fuzzy import has_cjk

_EVAL, _TRAIN, _DERIVED = "EVALUATED_ON", "TRAINED_ON", "DERIVED_FROM"
_USES, _COVERS, _ADDR, _APPLIED = "USES_TECHNIQUE", "COVERS_LANGUAGE", "ADDRESSES", "APPLIED_TO"


def _table(*rows: tuple[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for words, rels in rows:
        for w in words.split():
            out.setdefault(w, set()).update(rels)
    return {w: frozenset(r) for w, r in out.items()}


# word -> the relationship types it can stand for (any one of them in the reading accounts for it)
VERBS = _table(
    ("evaluate evaluates evaluated evaluating benchmarked assessed assess measured scored", (_EVAL,)),
    ("test tests tested testing", (_EVAL, _APPLIED)),
    ("train trains trained pretrain pretrained pretraining", (_TRAIN,)),
    ("finetuned finetune tuned tune", (_TRAIN, _DERIVED, _APPLIED)),
    ("derive derives derived deriving descend descends descended descending extend extends extended extending "
     "initialized initialised distilled", (_DERIVED,)),
    ("extend extends extended extending", (_USES,)),  # 'models that extend the vocabulary'

    ("adapt adapts adapted adapting", (_DERIVED, _APPLIED)),
    ("use uses using employ employs employing employed leverage leverages leveraging leveraged adopt adopts "
     "adopting adopted rely relies relying relied", (_USES, _TRAIN, _APPLIED)),
    ("used", (_USES, _TRAIN, _EVAL, _APPLIED)),
    ("cover covers covered covering span spans spanning", (_COVERS,)),
    ("support supports supported supporting", (_COVERS,)),
    ("target targets targeted targeting", (_COVERS, _ADDR)),
    ("address addresses addressed addressing tackle tackles tackled tackling", (_ADDR,)),
    ("applied apply applies applying improve improves improved improving enhanced", (_APPLIED, _USES)),
    ("introduce introduces introducing propose proposes proposing present presents presenting describe "
     "describes describing", ("INTRODUCES",)),
)
MAKING = frozenset("""developed develop develops built build builds made make makes created create creates released
release releases produced produce designed maintained owned published publish launched introduced proposed
presented described""".split())  # a thing's own making: counts only before "by" (or "built on")
ACTIVE_INTRO = frozenset({"introduce", "introduces", "introducing", "propose", "proposes", "proposing", "present",
                          "presents", "presenting", "describe", "describes", "describing"})
INTRO_PASSIVE = frozenset({"introduced", "proposed", "presented", "described", "published", "released"})
ROLE_REL = {"trained_on": _TRAIN, "evaluated": _EVAL}
STAGE_REL = {"evaluation": _EVAL, "pretraining": _TRAIN, "sft": _TRAIN, "rlhf": _TRAIN}


# a verb's relationship read from the word after it: 'trained on' (the data), 'trained from' (the base model),
# 'trained by' (the lab), 'trained with LoRA' (a technique)
BY_NEXT = {
    "on": {_TRAIN, _EVAL, _APPLIED, _COVERS, _ADDR},  # narrowed by the verb's own relationships
    "from": {_DERIVED}, "by": {"DEVELOPED_BY", "INTRODUCES"}, "to": {_APPLIED},
}
MAKEABLE = ("Paper", "Method", "Model", "Dataset")  # what a paper makes: 'datasets introduced ...' says nothing more


def wants(words: list[str], i: int, target: str) -> frozenset[str] | None:
    """The relationship types the word at i stands for (any one accounts for it), or None: not a relation
    verb, or one of making with nothing after it that names a relationship."""
    w, nxt = words[i], words[i + 1] if i + 1 < len(words) else ""
    if words[i + 1:i + 4] == ["on", "top", "of"]:
        nxt = "from"  # 'fine-tuned on top of BLOOMZ': lineage
    if has_cjk(w):
        return None
    if w == "based" and nxt in ("on", "upon"):
        return frozenset({_DERIVED})  # 'models based on LLaMA': lineage
    if w in MAKING and w not in VERBS:
        if nxt == "by":  # 'built by Meta', 'built by machine translation' (how a data set was made)
            return frozenset({"DEVELOPED_BY", "construction"} | ({"INTRODUCES"} if w in INTRO_PASSIVE else set()))
        if w in ("built", "build", "builds") and nxt in ("on", "upon", "from", "atop"):
            return frozenset({_DERIVED} | ({_TRAIN} if nxt == "from" else set()))
        if nxt and target in MAKEABLE:
            return None
        return frozenset({"DEVELOPED_BY", "INTRODUCES"})  # 'organisations proposed', '... models built' (cut off)
    if w in ACTIVE_INTRO and target != "Paper":
        return None  # 'methods that propose ...' is the methods' paper: the making of the thing itself
    rels = VERBS.get(w)
    if not rels:
        return None
    if nxt == "by" and w in ("trained", "tuned", "finetuned"):
        return frozenset({"DEVELOPED_BY"})
    if nxt == "from" and _TRAIN in rels:
        return frozenset({_DERIVED})  # 'trained from', 'fine-tuned from'
    if nxt in ("with", "using", "via") and _TRAIN in rels:
        return frozenset({_TRAIN, _USES})  # 'trained with LoRA'

    if w == "used" and nxt in ("for", "in"):
        return rels | {"CLASSIFIED_AS"}  # 'used for evaluating'; 'data sets used for SFT alignment' (the branch)
    if w == "used" and nxt == "to":
        return rels  # 'used to train'
    if nxt in BY_NEXT and rels & BY_NEXT[nxt]:
        return rels & frozenset(BY_NEXT[nxt] | ({_USES} if w.startswith("rel") else set()))  # 'rely on'

    return rels


def rels_of(constraints) -> set[str]:
    """Every relationship type a list of constraints stands for (nested ones and alternatives too)."""
    out: set[str] = set()
    for c in constraints:
        if c.kind in ("link", "related", "nested") and c.rel:
            out.add(c.rel)
        if c.kind == "lineage":
            out.add(_DERIVED)
        if c.kind == "category":
            out.add("CLASSIFIED_AS")
        if c.kind in ("link", "related", "language_group") and c.role in ROLE_REL:
            out.add(ROLE_REL[c.role])
        if c.kind == "language_group":
            out.add(_COVERS)
        if c.kind == "prop" and c.field == "construction":
            out.add("construction")
        if c.kind == "prop" and c.field == "stage":
            vals = c.value if isinstance(c.value, list) else [c.value]
            out.update(STAGE_REL[v] for v in vals if v in STAGE_REL)
        if c.alternatives:
            out |= rels_of(c.alternatives)
    return out


def rels_of_attribute(attr) -> set[str]:
    """The relationship types a value question's attribute stands for (graph.ask.attributes.Attribute)."""
    return ({attr.hop[0]} if attr.hop else set()) | ({ROLE_REL[attr.role]} if attr.role in ROLE_REL else set())


PREPS = ("on", "with", "from", "by", "to", "against", "in", "upon", "for")
LINKS = ("that", "which", "who", "are", "were", "is", "was", "also", "then", "been", "both")


def categories_of(constraints) -> set[str]:
    """The taxonomy categories a list of constraints names, whose names hold verbs ('Pretraining from
    scratch'), nested ones and alternatives too."""
    out: set[str] = set()
    for c in constraints:
        if c.kind == "category" and c.id:
            out.add(c.id)
        if c.alternatives:
            out |= categories_of(c.alternatives)
        if c.sub is not None:
            out |= categories_of(c.sub.constraints)
    return out


NEAR = 6  # words between a relation verb and the constraint it stands for ('was BLOOM trained on and evaluated on')


def phrases(words: list[str], used: list[bool], target: str, names=()) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, relationship types) of each unused relation verb phrase: 'used to train' is one phrase,
    any other two verbs are two ('trained on and evaluated on', 'tackling tested on')."""
    out: list[tuple[int, int, frozenset[str]]] = []
    for i, w in enumerate(words):
        rels = None if used[i] or any(w[:5] in n for n in names) else wants(words, i, target)
        if not rels:
            continue
        if out and words[out[-1][1] - 1] == "used" and words[out[-1][1]:i] in (["to"], ["for"], ["in"]) \
                and out[-1][2] & rels:
            a, _, prev = out[-1]
            out[-1] = (a, i + 1, prev & rels)
        else:
            out.append((i, i + 1, rels))
    return out


def named(c) -> bool:
    """A nested constraint over one named thing ('the BLOOMZ paper': the paper introducing BLOOMZ) reads like
    a name: its verb may stand anywhere near it, not only right before it."""
    return c.sub is not None and c.sub.target == "Paper" and len(c.sub.constraints) == 1 and \
        c.sub.constraints[0].rel == "INTRODUCES" and c.text.endswith(" paper")


def left_out(words: list[str], used: list[bool], target: str, found, also=(), names=()) -> list[dict]:
    """The unused relation verbs of ``words`` that no constraint stands for, as unplaced words. ``found``:
    (position, constraints) of the reading, each standing for at most one verb phrase within NEAR words (a
    nested hop only for the verb right before its phrase: 'built on top of [models ...]'); ``also``:
    relationship types read elsewhere, such as a ranking's; ``names``: words of the names the reading links,
    where a verb may be part of one ('models trained from scratch' is the category Pretraining from scratch)."""
    slots = [(p, set(r), any(c.kind == "nested" and not named(c) for c in cs)) for p, cs in found  # alternatives of one
             for r in dict.fromkeys(frozenset(rels_of([c])) for c in cs)] + [(None, set(also), False)]  # kind: one
    verbs = phrases(words, used, target, names)

    def fits(v, s) -> bool:
        (a, b, rels), (p, have, nested) = verbs[v], slots[s]
        if not rels & have:
            return False
        if p is None:
            return True
        if nested:  # 'built on top of [models ...]'; not 'using and applied to [models ...]'
            return 0 <= p - b <= 2 and all(x in PREPS or x in LINKS for x in words[b:p])
        return a - NEAR <= p <= b + NEAR

    owner: dict[int, int] = {}

    def take(v, seen) -> bool:  # one slot per verb phrase (Kuhn's augmenting paths)
        for s in range(len(slots)):
            if s not in seen and fits(v, s):
                seen.add(s)
                if s not in owner or take(owner[s], seen):
                    owner[s] = v
                    return True
        return False

    out = _inner_left_out(found)
    for v, (a, b, rels) in enumerate(verbs):
        if take(v, set()):
            continue
        said = " ".join(words[a:b])
        why = (f"a relation word the reading does not use (it would need {' or '.join(sorted(rels))})"
               if not any(rels & h for _, h, _ in slots) else
               "a relation word with no condition of its own near it (joined by 'and'/'or' to another, each needs "
               "its own relationship)")
        out.append({"text": said, "reason": why + "; answering without it would answer a wider question",
                    "suggestions": [], "not_in_atlas": False, "structural": True})
    return out


def _all_rels(constraints) -> set[str]:
    """rels_of over a reading and every reading nested in it."""
    out = rels_of(constraints)
    for c in constraints:
        if c.sub is not None:
            out |= _all_rels(c.sub.constraints)
    return out


def _inner_left_out(found) -> list[dict]:
    """Relation verbs inside a nested hop's own phrase that neither the hop nor anything nested in it reads
    ('applied to open LLMs based on X' read as applied to open LLMs and applied to X: 'based' was lost)."""
    out = []
    for _, cs in found:
        for c in cs:
            if c.kind != "nested" or c.sub is None or named(c) or not c.text:
                continue
            toks, have = c.text.split(), _all_rels([c])
            for j in range(1, len(toks)):  # the first word is the hop's own verb
                rels = wants(toks, j, c.sub.target)
                if rels and not rels & have:
                    out.append({"text": toks[j], "reason": "a relation word the reading does not use (it would need "
                                f"{' or '.join(sorted(rels))}); answering without it would answer a wider question",
                                "suggestions": [], "not_in_atlas": False, "structural": True})
    return out


# words that narrow the answer through a property, an order or the intent: never left unread ('recent models
# trained on xP3' answered as every model trained on it is a wider question)
WIDENING = {
    "time": (frozenset("recent recently new newly newer older earlier later prior latest".split()),
             "a time word the reading does not use (say a year: 'since 2023', or 'the newest')"),
    "number": (frozenset("two three four five six seven eight nine ten".split()),
               "a number the reading does not use (say 'the 3 newest ...' or 'top 3 ... by ...')"),
    "size": (frozenset("parameter parameters params size sizes sized".split()),
             "a size word the reading does not use (say 'above 7B parameters')"),
    "rank": (frozenset("top ranked rank count total".split()),
             "a ranking word the reading does not use (say 'the most ...', 'how many ...')"),
    "taxonomy": (frozenset("taxonomy category categories branch subcategory".split()),
                 "a taxonomy word the reading does not use (name the category)"),
}


def widening_left_out(words: list[str], used: list[bool], target: str, constraints, intent_kind: str,
                      order) -> list[dict]:
    """Unused words of time, number, size, ranking or taxonomy that no part of the reading stands for."""
    fields = {c.field for c in constraints if c.kind == "prop"} | ({order.field} if order is not None else set())
    have = {
        "time": "year" in fields or any(c.kind == "prop" and c.field == "in_survey" and c.value is False
                                        for c in constraints),  # 'new since the survey'; not 'in the survey'
        "number": order is not None and order.k > 1 or intent_kind == "ranking" or target == "Category",  # 'the
        # two families of the taxonomy': its fixed shape
        "size": any(f and f.startswith("parameters") for f in fields) or intent_kind == "ranking",
        "rank": intent_kind in ("count", "ranking") or order is not None,
        "taxonomy": target == "Category" or any(c.kind == "category" for c in constraints),
    }
    out = []
    for i, w in enumerate(words):
        for kind, (said, why) in WIDENING.items():
            if w == "top" and words[i - 1:i] == ["on"] and words[i + 1:i + 2] == ["of"]:
                continue  # 'fine-tuned on top of BLOOMZ': lineage
            if not used[i] and w in said and not have[kind]:
                out.append({"text": w, "reason": why, "suggestions": [], "not_in_atlas": False, "structural": True})
    return out
