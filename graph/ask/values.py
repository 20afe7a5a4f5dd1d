"""Reading value and yes/no questions about one named entity, before the list grammar sees them.

"when was BLOOM released", "how many parameters does BLOOM have", "where is the lab behind HyperCLOVA X
based", "which languages does mT5 cover": one subject, one attribute (graph.ask.attributes), every other
word a function word; a word left over withholds the answer when the attribute was asked for plainly,
else the list grammar reads the question. "is LLaMA open", "does BLOOM cover Swahili", "was mT5 released
in 2020": the rest of the question is read by the list grammar as conditions on the subject's label
("models open"), and the answer is whether the subject meets them. "are there models from Naver": whether
the list is empty. Lineage ("what is BLOOMZ built on") stays with the list grammar, which reads it
transitively.
"""
from __future__ import annotations

import re

from graph.ask import attributes as A
from graph.ask import entities
from graph.ask import verbs as relation_verbs
from graph.ask import vocab as V
from graph.ask.entities import Mention
from graph.ask.reading import Reading
from graph.ask.typos import question_words
from graph.search.fuzzy import has_cjk

AUX = ("is", "are", "was", "were", "does", "do", "did", "has", "have", "had", "can")
WH = ("when", "where", "who", "what", "which", "how", "whose")
PLURAL = {"Paper": "papers", "Method": "methods", "Model": "models", "Dataset": "datasets", "Language": "languages",
          "Technique": "techniques", "Frontier": "frontiers", "Organization": "organizations",
          "Category": "categories"}
# casual openings before the question proper: "hey", "pls", "can you tell me", "i'd like to know"
_LEAD = re.compile(r"^(?:(?:hey|hi|hello|yo|ok|okay|so|um|uh|pls|plz|please|kindly|quick question|question)\s+)*"
                   r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|plz\s+|kindly\s+)?"
                   r"(?:tell\s+me|show\s+me|give\s+me|let\s+me\s+know|check|say|tell|list|show|find)?\s*)?"
                   r"(?:(?:i\s+d\s+like\s+to\s+know|i\s+would\s+like\s+to\s+know|i\s+want\s+to\s+know|i\s+wanna\s+know|"
                   r"i\s+wonder|i\s+m\s+wondering|i\s+am\s+wondering|do\s+you\s+know|tell\s+me|let\s+me\s+know|"
                   r"please\s+tell\s+me)\s+)?")
LINEAGE_LABELS = ("Model", "Method", "Dataset")  # DERIVED_FROM's ends
LINEAGE_NOUNS = frozenset(p for p in V.LINEAGE_DESC_NOUNS + V.LINEAGE_ANC_NOUNS + V.LINEAGE_FAMILY if " " not in p)
LINEAGE_PHRASES = tuple(f" {p} " for p in V.DESCENDANT_CUES + V.ANCESTOR_AFTER if " " in p)


def lineage_asked(words) -> bool:
    """'what is BLOOMZ built on', 'derivatives of LLaMA', 'the BLOOM family': the list grammar's lineage."""
    text = f" {' '.join(words)} "
    return any(w in LINEAGE_NOUNS for w in words) or any(p in text for p in LINEAGE_PHRASES) \
        or bool(re.search(r" (?:(?:built|based) (?:on|upon|off)|(?:built|derived|fine tuned|finetuned|adapted) from)\b",
                          text))


def lead(words: list[str]) -> int:
    """How many words the casual opening takes ("hey can you tell me ...")."""
    m = _LEAD.match(" ".join(words) + " ")
    return len(m.group(0).split()) if m else 0


CJK_ASKED = ("什么", "哪", "谁", "吗", "뭐", "무엇", "언제", "어디", "누가", "어느", "어떤")


def asked_word(question: str) -> str | None:
    """The wh-word or verb a question opens with ("what", "when", "is"), after any casual opening, or the
    question word of a Chinese or Korean one (什么, 뭐); None for a phrase ("code-switching for Swahili")."""
    if has_cjk(question):
        return next((c for c in CJK_ASKED if c in question), None)
    words = question_words(question)
    k = lead(words)
    return words[k] if k < len(words) and (words[k] in WH or words[k] in AUX) else None


def read(parser, question: str, ignore=()) -> Reading | None:
    """The reading of a value, yes/no or existence question, or None for the list grammar."""
    if ignore:
        return None
    if has_cjk(question):
        from graph.ask import values_cjk
        return values_cjk.read(parser, question)
    words = question_words(question)
    notes: list[str] = []
    words = parser._fix_typos(words, [False] * len(words), notes)
    start = lead(words)
    if start >= len(words):
        return None
    head = words[start]
    if head in AUX or head in ("if", "whether"):
        r = _yesno(parser, words, start)
    else:
        r = _value(parser, words, start)
    if r is not None:
        r.notes = notes + r.notes
        subj = r.subject
        if subj is not None and subj.kinds:  # 'when was Okapi released': the model or the data set?
            fit = [x for x in subj.kinds if parser.linkable.nodes[x]["label"] == r.op] if r.kind == "label" else []
            if fit:
                subj.id, subj.label, subj.kinds = fit[0], r.op, []
            else:
                r.unplaced.append(entities.shared_name_unplaced(parser.linkable.nodes, subj))
    return r


VERB_LIKE = frozenset({"work", "works", "study", "studies", "data"})  # kind words that are verbs here too
ASPECT = frozenset({"the", "a", "an", "weights", "weight", "checkpoints", "checkpoint", "code", "of"})


def _subject_at(mentions, k: int, words) -> Mention | None:
    """The mention right after the verb ("is LLaMA ...", "are the weights of X-ELM ...")."""
    while k < len(words) and words[k] in ASPECT:
        k += 1
    return next((m for m in mentions if m.start == k), None)


def _yesno(parser, words, start) -> Reading | None:
    k = start + 1
    if words[start] in ("if", "whether"):
        used = [True] * (start + 1) + [False] * (len(words) - start - 1)
        subj = _subject_at(entities.find(parser, words, used), k, words)
        if subj is None or subj.end >= len(words) or words[subj.end] not in AUX:
            return None
        rest = words[subj.end + 1:]
    else:
        if words[k:k + 1] in (["all"], ["every"], ["each"]) or words[k:k + 2] in (["there", "all"],):
            return Reading("yesno", None, unplaced=[{"text": words[k], "reason": "a question about all of a kind "
                           "is not answered; ask for the list, or for those that are not", "suggestions": [],
                           "not_in_atlas": False}])
        if words[k:k + 1] in (["there"], ["any"]):
            return Reading("exists", rest=" ".join(words[k + (words[k] == "there"):]))
        used = [True] * k + [False] * (len(words) - k)
        subj = _subject_at(entities.find(parser, words, used), k, words)
        if subj is None:
            return None
        nxt = words[subj.end] if subj.end < len(words) else ""
        if nxt in V.TARGET_WORDS and V.TARGET_WORDS[nxt] != subj.label:
            return None  # "are Korean models open": Korean modifies a kind, it is no subject
        rest = words[subj.end + (V.TARGET_WORDS.get(nxt) == subj.label):]
    kind = [w for w in rest if w not in ("a", "an", "the", "one", "kind", "type", "of")]
    if len(kind) == 1 and kind[0] in V.TARGET_WORDS:  # "is Bactrian-X a dataset": its label
        return Reading("label", subj, cue=kind[0], op=V.TARGET_WORDS[kind[0]])
    after = [w for w in rest[rest.index("than") + 1:] if w not in ("the", "a", "an")] if "than" in rest else []
    if after and not after[0][:1].isdigit():
        return _comparison(parser, words, subj, rest)  # "than BLOOM", not "than 100B" (a size condition)
    return Reading("yesno", subj, rest=" ".join([PLURAL[subj.label]] + rest))


# "is Aya 23 newer than BLOOM", "is BLOOM bigger than GPT-3": one property of two things, compared
COMPARATIVES = {"newer": ("year", ">"), "later": ("year", ">"), "younger": ("year", ">"), "older": ("year", "<"),
                "earlier": ("year", "<"), "bigger": ("parameters_max", ">"), "larger": ("parameters_max", ">"),
                "smaller": ("parameters_max", "<")}


def _comparison(parser, words, subj, rest) -> Reading:
    """The subject's property against another thing's: 'newer than', 'bigger than'; anything else beside
    'than' is withheld, never read as another condition."""
    k = rest.index("than")
    said = [w for w in rest[:k] if w not in ("more", "recent", "released", "the", "a", "an")]
    if rest[:k] in (["more", "recent"], ["released", "later"], ["released", "earlier"]):
        said = ["newer" if "recent" in rest[:k] or "later" in rest[:k] else "older"]
    tail = rest[k + 1:]
    used = [True] * (len(words) - len(tail)) + [False] * len(tail)
    others = entities.find(parser, words, used)
    left = [w for i, w in enumerate(words) if not used[i] and w not in ("the", "a", "an", "model", "one")]
    if len(said) != 1 or said[0] not in COMPARATIVES or len(others) != 1 or left:
        bad = " ".join(rest[:k]) or "than"
        return Reading("yesno", subj, unplaced=[{"text": bad, "reason": "a comparison of two things is read for "
                       "newer / older / bigger / smaller than one other thing", "suggestions": [],
                       "not_in_atlas": False}])
    prop, op = COMPARATIVES[said[0]]
    return Reading("compare", subj, A.Attribute(prop), cue=f"{said[0]} than", other=others[0], op=op)


def _cues(words, used) -> list[tuple[int, int, tuple]]:
    """(start, end, properties) of each property phrase among the unused words, longest first."""
    out, taken = [], [False] * len(words)
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            if any(used[i:i + n]) or any(taken[i:i + n]):
                continue
            props = A.PROP_PHRASES.get(" ".join(words[i:i + n]))
            if props:
                taken[i:i + n] = [True] * n
                out.append((i, i + n, props))
    return sorted(out)


def _value(parser, words, start) -> Reading | None:
    used = [True] * start + [False] * (len(words) - start)
    multi = [c for c in _cues(words, used) if c[1] - c[0] > 1]  # "arxiv id", "release date": before names
    for i, j, _ in multi:
        used[i:j] = [True] * (j - i)
    head = words[start]
    if lineage_asked(words) and not any(w in ("family", "families") for w in words):
        return None  # lineage is read by the list grammar, transitively
    cued = bool(multi) or head in ("when", "where", "who") or bool(_cues(words, used))
    # names written exactly are enough to tell a value question; a misspelt one is looked for (fuzzy search,
    # the costly part) only when an attribute was asked for
    mentions = entities.find(parser, words, used, fuzzy_too=cued)
    for i, j, _ in multi:
        used[i:j] = [False] * (j - i)
    if lineage_asked(words) and any(m.label in LINEAGE_LABELS for m in mentions):
        return None  # lineage is read by the list grammar, transitively
    cues = _cues(words, used)
    verbs = set(words)
    wh: list[tuple[str, str]] = []  # (property or "@Organization", the words)
    if head == "when":
        wh.append(("year", "when"))
    elif head == "where":
        if verbs & A.WHERE_VENUE:
            wh.append(("venue", "where ... " + next(iter(sorted(verbs & A.WHERE_VENUE)))))
        elif verbs & A.WHERE_COUNTRY:
            wh.append(("country", "where ... " + next(iter(sorted(verbs & A.WHERE_COUNTRY)))))
    elif head == "who" and verbs & A.WHO_DEVELOPED and not verbs & A.WHO_WROTE:
        wh.append(("@Organization", "who ... " + next(iter(sorted(verbs & A.WHO_DEVELOPED)))))
    strong = bool(wh) or any(p != ("description",) for _, _, p in cues)
    by = None
    orgs = [m for m in mentions if m.label == "Organization"]
    if strong and len(mentions) == 2 and len(orgs) == 1 and verbs & A.WHO_DEVELOPED:
        by = orgs[0]  # "when did Google release mT5": mT5's value, once the atlas confirms Google made it
        by.text = by.text or " ".join(words[by.start:by.end])
        mentions = [m for m in mentions if m is not by]
    if len(mentions) != 1:
        if strong and len(mentions) > 1 and head in WH:
            return Reading("value", None, unplaced=[{
                "text": " ".join(words[m.start:m.end]), "reason": "a question about a value names one thing; "
                "this one names " + ", ".join(m.id for m in mentions), "suggestions": [], "not_in_atlas": False}
                for m in mentions[1:]])
        return None
    subj = mentions[0]
    label = subj.label
    found: dict[A.Attribute, str] = {}
    description = None
    for i, j, props in cues:
        said = " ".join(words[i:j])
        for k in range(i, j):
            used[k] = True
        if props == ("description",):
            description = said
            continue
        attr = next((a for a in (A.resolve_prop(label, p) for p in props) if a), None)
        if attr is None:
            return None  # "family" of a model is its lineage, not a language family
        found.setdefault(attr, said)
    kinds = {V.TARGET_WORDS[w] for k, w in enumerate(words) if not used[k] and w in V.TARGET_WORDS
             and w not in VERB_LIKE} - {label}
    for p, said in wh:
        attr = A.resolve_rel(label, "Organization", None) if p == "@Organization" else A.resolve_prop(label, p)
        if attr is None:
            return None
        found.setdefault(attr, said)
    hops = {a.hop[2] for a in found if a.hop}
    for other in kinds - hops:
        from graph.ask.gaps import _cue
        attr = A.resolve_rel(label, other, _cue(words, ""))
        if attr is None:
            return None
        found.setdefault(attr, next(w for w in words if V.TARGET_WORDS.get(w) == other))
    rels = {a for a in found if a.prop is None}
    if rels and len(found) > len(rels):  # "the lab behind X": the organisation, then its country
        merged = {}
        for a, said in found.items():
            if a.prop is None:
                continue
            if a.hop and a.hop[2] in {r.hop[2] for r in rels}:
                merged[a] = said
            elif a.hop is None:  # "when was the XGLM paper published": the year of its paper
                for r in rels:
                    if r.hop[2] in A.labels_with(a.prop):
                        merged[A.Attribute(a.prop, r.hop)] = said
        found = merged or found
    adjacent = {subj.start - 1, subj.end}  # "the BLOOM model": the kind word of the subject itself
    told = head in ("what", "who", "tell", "describe", "explain", "about") or "tell" in words[:start]
    plain = all(used[k] or w in V.STOP or w in V.FIELD_WORDS or w in ("describe", "explain", "about", "summary")
                for k, w in enumerate(words) if not (subj.start <= k < subj.end))
    if not found and description and told and plain and not any(
            w in V.TARGET_WORDS and k not in adjacent for k, w in enumerate(words)):
        found = {A.Attribute("description"): description}
    if len(found) != 1:
        if head == "how" and words[start + 1:start + 2] and words[start + 1] in AUX and not found:
            return Reading("value", None, unplaced=[{"text": "how", "reason": "how a thing works or was made is not "
                           "in the atlas (it records what, who, when, which)", "suggestions": [],
                           "not_in_atlas": True}])  # "how does BLOOM work"
        return None
    (attr, said), = found.items()
    if attr.prop is None and words[subj.end:subj.end + 1] == ["paper"] and parser.named_kind(words, subj.end) \
            and any(w in V.TARGET_WORDS for k, w in enumerate(words) if k != subj.end):
        return None  # 'models introduced in the BLOOMZ paper': the paper is the subject, for the list grammar
    if attr.hop and any(not used[k] and (r := relation_verbs.wants(words, k, label))
                        and not r & relation_verbs.rels_of_attribute(attr)
                        for k in range(len(words))):
        return None  # 'datasets BLOOM was trained and evaluated on': two relations, for the list grammar
    if attr.prop != "parameters" and re.search(r"\b(?:how many|number of|count)\b", " ".join(words)):
        return None  # "how many languages does XNLI cover": a count, read by the list grammar
    for k, w in enumerate(words):
        if not used[k] and (w in V.TARGET_WORDS or w in A.NEUTRAL):
            used[k] = True
    left = [w for k, w in enumerate(words) if not used[k]]
    if left:
        if not strong:
            return None
        return Reading("value", subj, attr, cue=said, unplaced=[
            {"text": w, "reason": "not understood", "suggestions": [
                {"id": h.id, "name": h.name, "label": h.label} for h in parser.index.search(w, limit=3, min_score=60)],
             "not_in_atlas": True} for w in left])
    return Reading("value", subj, attr, cue=said, other=by)
