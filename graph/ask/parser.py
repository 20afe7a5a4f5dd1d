"""Question -> StructuredQuery, deterministically: fixed vocabulary (vocab.py) plus fuzzy entity linking.

Steps, each recorded in ``Parse.notes``: fix typos in function words ("wich modles" -> "which
models"), find the target word, then dataset stage/construction, years, open/closed, language groups,
then entities (exact names and aliases first, longest span first; fuzzy next; Chinese and Korean
aliases found as substrings), then the relation each entity takes from the cue words around it.
Words nothing explains are returned with "did you mean" suggestions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from graph import schema
from graph.ask import gaps, paper_props
from graph.ask import vocab as V
from graph.query import Constraint, StructuredQuery
from graph.search import SearchIndex, has_cjk, norm

LABEL_PRIORITY = ("Category", "Technique", "Frontier", "Model", "Method", "Dataset", "Language", "Organization")
CLASSIFIABLE = ("Paper", "Method", "Model", "Dataset")
_FIX_VOCAB = sorted(w for w in set(V.TARGET_WORDS) | V.STOP | V.CUE_WORDS if len(w) >= 4)


MAX_QUESTION_CHARS = 500  # a question, not a document


@dataclass
class Mention:
    start: int
    end: int
    id: str
    label: str
    score: float
    alternatives: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Parse:
    """The query plus everything needed to explain it."""

    query: StructuredQuery
    mentions: list[Mention]
    unplaced: list[dict]
    notes: list[str]
    target_given: bool


def _phrase_at(words, i, phrases) -> tuple[int, str] | None:
    """Longest phrase of ``phrases`` (normalised) starting at word i: (n words, phrase)."""
    best = None
    for p in phrases:
        pw = norm(p).split()
        if words[i:i + len(pw)] == pw and (best is None or len(pw) > best[0]):
            best = (len(pw), p)
    return best


def _ends_with(words, phrases) -> bool:
    text = " ".join(w for w in words if w not in ("the", "a", "an"))
    return any(text == norm(p) or text.endswith(" " + norm(p)) for p in phrases)


def _starts_with(words, phrases) -> bool:
    text = " ".join(words)
    return any(text == norm(p) or text.startswith(norm(p) + " ") for p in phrases)


class Parser:
    """A parser bound to one store's search indexes (entities, and language group values)."""

    def __init__(self, index: SearchIndex):
        self.index = index
        self.linkable = SearchIndex([n for n in index.nodes.values() if n.get("label") != "Paper"])
        langs = [n for n in index.nodes.values() if n.get("label") == "Language"]
        self.alias_words = {w for nm in self.linkable.norms for w in nm.split()}
        self.lang_names = {norm(n["name"]) for n in langs}
        self.venues, self.authors = paper_props.lookups(index.nodes)
        self.groups: dict[str, tuple[str, str]] = {}  # normalised value -> (field, value)
        for fld in ("script", "genus", "family"):
            for n in langs:
                v = n.get(fld)
                if isinstance(v, str) and v:
                    self.groups.setdefault(norm(v), (fld, v))

    # -- entry point -----------------------------------------------------------------------------
    def parse(self, question: str) -> Parse:
        """The structured query for ``question``; ValueError past MAX_QUESTION_CHARS (parsing cost grows with it)."""
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"question too long: {len(question)} characters (the limit is {MAX_QUESTION_CHARS})")
        notes: list[str] = []
        words = norm(question).split()
        used = [False] * len(words)
        found: list[tuple[int, Constraint]] = []
        words = self._fix_typos(words, notes)

        target = self._target(words, used)
        cjk_text = " ".join(w for w in words if has_cjk(w))
        if target is None:
            for w, lab in V.CJK_TARGET_WORDS.items():
                if w in cjk_text:
                    target = lab
                    break
        if target == "Dataset":
            self._dataset_props(words, used, found)
        self._years(words, used, found)
        if target in (None, "Paper"):
            paper_props.find(words, used, found, self.venues, self.authors)
        self._open(words, used, found)
        self._groups(words, used, found)
        regions = self._regions(words, used)
        mentions = self._entities(words, used)
        mentions += self._cjk_entities(words, used, found)
        if target is None:
            target = next((m.label for m in mentions if m.label in ("Model", "Method", "Dataset")
                           and self._lineage(words, m)), None)
        target_given = target is not None
        if target is None:
            target = "Dataset" if any(c.field in ("stage", "construction") for _, c in found) else "Paper"
            notes.append(f"no target word; answering with {target.lower()}s")
        unplaced = gaps.related_constraints(words, used, target, found)
        for m in mentions:
            c = self._relation(words, m, target)
            if c is None:
                unplaced.append({"text": " ".join(words[m.start:m.end]), "reason":
                                 f"{m.label} {m.id} cannot constrain {target.lower()}s", "suggestions": []})
            else:
                found.append((m.start, c))
        found = [(p, c) for p, c in found if self._applicable(c, target, unplaced)]
        found.sort(key=lambda pc: pc[0])
        for p, c in found:
            negation = gaps.negation_before(words, used, p) if c.pattern(target) is not None else []
            if negation:
                c.negate = True
                for k in negation:
                    used[k] = True
        unplaced += regions + self._leftovers(words, used)
        unplaced += [{"text": t, "reason": "not understood", "suggestions": []} for t in self._cjk_left]
        return Parse(StructuredQuery(target, [c for _, c in found]), mentions, unplaced, notes, target_given)

    # -- steps ---------------------------------------------------------------------------------
    def _fix_typos(self, words, notes):
        out = []
        for w in words:
            if (len(w) >= 4 and not has_cjk(w) and w not in _FIX_VOCAB and w not in self.alias_words
                    and not w.isdigit()):
                hit = process.extractOne(w, _FIX_VOCAB, scorer=fuzz.ratio, score_cutoff=80)
                if hit:
                    notes.append(f"read '{w}' as '{hit[0]}'")
                    w = hit[0]
            out.append(w)
        return out

    def _target(self, words, used):
        for i, w in enumerate(words):
            if w in V.TARGET_WORDS and not (w == "data" and i and words[i - 1] == "training"):
                used[i] = True
                return V.TARGET_WORDS[w]
        return None

    def _mark(self, used, i, n):
        if any(used[i:i + n]):
            return False
        used[i:i + n] = [True] * n
        return True

    def _dataset_props(self, words, used, found):
        for table, fld in ((V.CONSTRUCTION_WORDS, "construction"), (V.STAGE_WORDS, "stage")):
            for i in range(len(words)):
                hit = _phrase_at(words, i, table)
                if hit and self._mark(used, i, hit[0]):
                    found.append((i, Constraint("prop", field=fld, value=table[hit[1]], text=hit[1])))

    def _years(self, words, used, found):
        text = " ".join(words)
        starts = [len(" ".join(words[:i])) + (1 if i else 0) for i in range(len(words))]
        for rx, parts in V.YEAR_PATTERNS:
            for m in rx.finditer(text):
                i = max(k for k, s in enumerate(starts) if s <= m.start())
                j = max(k for k, s in enumerate(starts) if s < m.end()) + 1
                if not self._mark(used, i, j - i):
                    continue
                for op, g in parts:
                    found.append((i, Constraint("prop", field="year", op=op, value=int(m.group(g)), text=m.group(0))))

    def _open(self, words, used, found):
        for i in range(len(words)):
            hit = _phrase_at(words, i, V.OPEN_WORDS)
            if hit and not used[i] and self._mark(used, i, hit[0]):
                found.append((i, Constraint("prop", field="open", value=V.OPEN_WORDS[hit[1]], text=hit[1])))

    def _groups(self, words, used, found):
        for i in range(len(words)):
            role = self._role(words[max(0, i - 4):i])
            hit = _phrase_at(words, i, V.LOW_RESOURCE_WORDS)
            if hit and self._mark(used, i, hit[0]):
                found.append((i, Constraint("language_group", field="resource_class", op="<=",
                                            value=schema.LOW_RESOURCE_MAX_CLASS, role=role, text=hit[1])))
                continue
            hit = _phrase_at(words, i, V.HIGH_RESOURCE_WORDS)
            if hit and self._mark(used, i, hit[0]):
                found.append((i, Constraint("language_group", field="resource_class", op=">=",
                                            value=V.HIGH_RESOURCE_MIN_CLASS, role=role, text=hit[1])))
                continue
            for n in (3, 2, 1):
                said = " ".join(words[i:i + n])
                val = V.GROUP_SYNONYMS.get(said, said)
                if val not in self.groups or any(used[i:i + n]):
                    continue
                nxt = words[i + n] if i + n < len(words) else ""
                if val in self.lang_names and nxt not in ("script", "scripts", "family", "languages"):
                    continue  # 'Bengali' is the language unless 'Bengali script'
                fld, value = self.groups[val]
                self._mark(used, i, n + (1 if nxt in ("script", "scripts", "family", "languages", "language") else 0))
                found.append((i, Constraint("language_group", field=fld, value=value, role=role, text=said)))
                break

    def _regions(self, words, used) -> list[dict]:
        out = []
        for i in range(len(words)):
            hit = _phrase_at(words, i, V.REGION_WORDS)
            if hit and self._mark(used, i, hit[0]):
                out.append({"text": hit[1], "reason": "the graph holds no regions; ask by family, genus or script "
                            "(e.g. Bantu, Indo-Aryan, Devanagari) or name the languages", "suggestions": []})
        return out

    def _entities(self, words, used) -> list[Mention]:
        mentions = []
        skip = V.STOP | V.CUE_WORDS | set(V.TARGET_WORDS)
        for fuzzy in (False, True):
            for n in ((2, 1) if fuzzy else range(6, 0, -1)):
                for i in range(len(words) - n + 1):
                    span = words[i:i + n]
                    if any(used[i:i + n]) or all(w in skip for w in span) or any(has_cjk(w) for w in span):
                        continue
                    text = " ".join(span)
                    if fuzzy and (len(text.replace(" ", "")) < 4 or span[0] in skip or span[-1] in skip):
                        continue
                    m = self._link(words, i, i + n, text, fuzzy)
                    if m:
                        used[i:i + n] = [True] * n
                        mentions.append(m)
        return sorted(mentions, key=lambda m: m.start)

    def _link(self, words, i, j, text, fuzzy) -> Mention | None:
        if not fuzzy:
            ids = self.linkable.exact_ids(text)
            if not ids:
                return None
            cands = [(100.0, x) for x in ids]
            cands += [(h.score, h.id) for h in self.linkable.search(text, limit=8, min_score=92)
                      if h.id not in ids and self.linkable.nodes[h.id]["label"] in ("Category", "Technique")]
        else:
            need = 80 if len(text) <= 6 else 85
            cands = [(h.score, h.id) for h in self.linkable.search(text, limit=8, min_score=need)]
            if not cands:
                return None
        best = max(s for s, _ in cands)
        close = [(s, x) for s, x in cands if s >= best - 8]
        use_cue = _ends_with(words[max(0, i - 3):i], V.USE_CUES)

        def rank(sx):
            s, x = sx
            lab = self.linkable.nodes[x]["label"]
            pri = LABEL_PRIORITY.index(lab) if lab in LABEL_PRIORITY else 99
            if use_cue and lab == "Technique":
                pri = -1
            exact_bonus = 0 if s >= 100 or lab in ("Category", "Technique") else 1
            return (exact_bonus, pri, -s, x)

        close.sort(key=rank)
        s, x = close[0]
        return Mention(i, j, x, self.linkable.nodes[x]["label"], s, [y for _, y in close[1:]])

    def _cjk_entities(self, words, used, found) -> list[Mention]:
        """Chinese/Korean aliases found as substrings of each run of CJK words; the rest is left over."""
        mentions, i = [], 0
        self._cjk_left = []
        while i < len(words):
            if not has_cjk(words[i]) or used[i]:
                i += 1
                continue
            j = i
            while j < len(words) and has_cjk(words[j]) and not used[j]:
                j += 1
            rest = " ".join(words[i:j])
            for low in V.CJK_LOW_RESOURCE:
                if low in rest:
                    rest = rest.replace(low, " " * len(low))
                    found.append((i, Constraint("language_group", field="resource_class", op="<=",
                                                value=schema.LOW_RESOURCE_MAX_CLASS, text=low)))
            taken = []
            for s, e, nid in sorted(self.linkable.cjk_matches(rest), key=lambda t: (-(t[1] - t[0]), t[0])):
                if not any(s < e2 and s2 < e for s2, e2, _ in taken):
                    taken.append((s, e, nid))
            for s, e, nid in sorted(taken):
                mentions.append(Mention(i, i + 1, nid, self.linkable.nodes[nid]["label"], 100.0, text=rest[s:e]))
                rest = rest[:s] + " " * (e - s) + rest[e:]
            for filler in sorted(list(V.CJK_TARGET_WORDS) + list(V.CJK_FILLER), key=len, reverse=True):
                rest = rest.replace(filler, " ")
            if rest.split():
                self._cjk_left.append(" ".join(rest.split()))
            used[i:j] = [True] * (j - i)
            i = j
        return mentions

    # -- relations -------------------------------------------------------------------------------
    def _role(self, before) -> str | None:
        if _ends_with(before, V.TRAIN_CUES):
            return "trained_on"
        if _ends_with(before, V.EVAL_CUES):
            return "evaluated"
        return None

    def _lineage(self, words, m: Mention) -> str | None:
        before, after = words[max(0, m.start - 4):m.start], words[m.end:]
        if _ends_with(before, V.ANCESTOR_BEFORE) or (_starts_with(after, V.ANCESTOR_AFTER)
                                                     and _ends_with(before, ("what", "what is", "what was", "what are", "which", "what does", "what do"))):
            return "ancestors"
        if _ends_with(before, V.DESCENDANT_CUES):
            return "descendants"
        return None

    def _relation(self, words, m: Mention, target: str) -> Constraint | None:
        before = words[max(0, m.start - 4):m.start]
        around = " ".join(words[max(0, m.start - 4):m.end + 3])
        text = m.text or " ".join(words[m.start:m.end])
        lab, eid = m.label, m.id

        def link(rel, d, via=True, role=None):
            return Constraint("link", id=eid, rel=rel, dir=d, role=role, via_partner=via, text=text)

        if lab == "Category":
            return Constraint("category", id=eid, text=text) if target in CLASSIFIABLE else None
        if lab == "Technique":
            return link("USES_TECHNIQUE", "out") if target in CLASSIFIABLE else None
        if lab == "Frontier":
            return link("ADDRESSES", "out") if target in ("Paper", "Method", "Dataset", "Model") else None
        if lab == "Language":
            return link("COVERS_LANGUAGE", "out", role=self._role(before)) if target in CLASSIFIABLE else None
        if lab == "Organization":
            return link("DEVELOPED_BY", "out", via=False) if target in ("Model", "Method", "Dataset") else None
        lineage = self._lineage(words, m)
        if lineage and target == lab:
            return Constraint("lineage", id=eid, direction=lineage, text=text)
        evaluated = any(norm(c) in around for c in V.EVAL_CUES)
        if target == "Language":
            return link("COVERS_LANGUAGE", "in", via=False)
        if target == "Technique":
            return link("USES_TECHNIQUE", "in", via=False)
        if target == "Frontier":
            return link("ADDRESSES", "in", via=False)
        if target == "Organization":
            return link("DEVELOPED_BY", "in", via=False)
        if lab == "Dataset" and target in ("Model", "Method", "Paper"):
            if target == "Paper" or evaluated or (self.index.nodes[eid].get("stage") == "evaluation"
                                                  and not any(norm(c) in around for c in V.TRAIN_CUES)):
                return link("EVALUATED_ON", "out")
            return link("TRAINED_ON", "out")
        if target == "Dataset" and lab in ("Model", "Method"):
            return link("EVALUATED_ON" if evaluated else "TRAINED_ON", "in", via=False)
        if target == "Paper":
            return link("INTRODUCES", "out", via=False)
        if target == "Method" and lab == "Model":
            return link("APPLIED_TO", "out", via=False)
        if target == "Model" and lab == "Method":
            return link("APPLIED_TO", "in", via=False)
        if target == lab:
            return Constraint("lineage", id=eid, direction="descendants", text=text)
        return None

    def _applicable(self, c: Constraint, target: str, unplaced: list) -> bool:
        if c.kind == "prop":
            if schema.NODE_TYPES[target].prop(c.field) is None:
                unplaced.append({"text": c.text, "reason": f"{target.lower()}s have no {c.field}", "suggestions": []})
                return False
        if c.kind == "language_group" and target not in CLASSIFIABLE + ("Language",):
            unplaced.append({"text": c.text, "reason": f"{target.lower()}s cover no languages", "suggestions": []})
            return False
        return True

    def _leftovers(self, words, used) -> list[dict]:
        out = []
        skip = V.STOP | V.CUE_WORDS | set(V.TARGET_WORDS)
        for i, w in enumerate(words):
            if used[i] or w in skip or re.fullmatch(r"[\W\d_]*", w):
                continue
            hits = self.index.search(w, limit=3, min_score=50)
            out.append({"text": w, "reason": "not understood",
                        "suggestions": [{"id": h.id, "name": h.name, "label": h.label, "score": h.score} for h in hits]})
        return out
