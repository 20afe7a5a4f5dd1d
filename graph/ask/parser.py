"""Question -> target, constraint groups and intent, deterministically; every word placed or reported.

Steps: split Latin from CJK, read field-wide phrases ("large language models" is the model target,
"multilingual" narrows nothing), fix typos in function words, find the intent (count, ranking,
comparison, path; intent.py), the target word, then data set stage/construction, years, venue and
author, open/closed, parameter sizes, organisation places, language groups, then entities
(entities.py) and the relation each takes (relations.py); "X or Y" makes one group of alternatives
and a negation covers the whole group (logic.py). Words nothing explains come back as ``unplaced``
with did-you-mean candidates, and the question is then not run.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from graph import schema
from graph.ask import compose, concepts, entities, gaps, logic, paper_props, participles, qualifiers, ranking, verbs
from graph.ask import intent as intents
from graph.ask import vocab as V
from graph.ask.entities import Mention
from graph.ask.loaded import Loaded
from graph.ask.places import Places
from graph.ask.relations import applicable, coordinated, lineage, relation
from graph.ask.steps import Steps
from graph.ask.typos import WordFixes
from graph.ask.typos import question_words as _words
from graph.query import Constraint
from graph.search.fuzzy import SearchIndex, compact, has_cjk, norm

MAX_QUESTION_CHARS = 500  # a question, not a document
ROLES = ("trained_on", "evaluated")


@dataclass
class Parse:
    """The target and constraint groups, plus everything needed to explain them."""

    target: str
    groups: list[logic.Group]
    intent: intents.Intent
    mentions: list[Mention]
    unplaced: list[dict]
    notes: list[str]
    target_given: bool
    ignored: list[str] = field(default_factory=list)
    singular: bool = False  # the target word was singular ("which language ..."): a ranking keeps the top one
    cue: str | None = None  # "evaluated" | "trained_on" when the question says so (picks the relationship)
    order: object = None  # graph.query.Order of a superlative ("the newest ..."), else None

    @property
    def query(self):
        """The structured query of the first alternative of every group (the whole query when no group has
        alternatives)."""
        return logic.expand(self.target, self.groups)[0]


def _phrase_at(words, i, phrases) -> tuple[int, str] | None:
    """Longest phrase of ``phrases`` (normalised) starting at word i: (n words, phrase)."""
    return entities.phrase_at(words, i, phrases)


# the nouns that type a name before them ('the Meta lab'); not 'subcategory' ('the PFA subcategory' is under PFA)
KIND_NOUNS = frozenset({"frontier", "organisation", "organization", "lab", "company", "institution", "technique",
                        "category", "language", "model", "dataset", "benchmark", "corpus", "method", "approach",
                        "paper"})


class Parser(Steps, WordFixes, Loaded):
    """A parser bound to one store's search index (entities, language groups, venues, countries)."""

    def __init__(self, index: SearchIndex, category_parents: dict[str, set] | None = None):
        self._index = index
        self.nodes = index.nodes  # every node by id (papers included)
        self.category_parents = category_parents or {}
        self.label_counts: dict[str, int] = {}
        for n in index.nodes.values():
            self.label_counts[n.get("label")] = self.label_counts.get(n.get("label"), 0) + 1
        self._matcher = None
        self.linkable = SearchIndex(participles.with_participles(  # 'instruction-tuned': Instruction tuning
            [n for n in index.nodes.values() if n.get("label") != "Paper"]))
        langs = [n for n in index.nodes.values() if n.get("label") == "Language"]
        self.alias_words = {w for nm in self.linkable.norms for w in nm.split()}
        self.concept_words = concepts.concept_words(self.linkable.nodes)
        self._alias_list = sorted(w for w in self.alias_words if len(w) >= 4 and not has_cjk(w))
        self.lang_names = {norm(n["name"]) for n in langs}
        self.venues, self.authors = paper_props.lookups(index.nodes)
        self.places = Places({n["country"] for n in index.nodes.values()
                              if n.get("label") == "Organization" and n.get("country")})
        self.groups: dict[str, tuple[str, str]] = {}  # normalised value -> (field, value)
        for fld in ("script", "genus", "family"):
            for n in langs:
                v = n.get(fld)
                if isinstance(v, str) and v:
                    self.groups.setdefault(norm(v), (fld, v))

    # -- entry point -----------------------------------------------------------------------------
    def parse(self, question: str, ignore=()) -> Parse:
        """The parse of ``question``; ``ignore``: words the user asked to leave out. ValueError past
        MAX_QUESTION_CHARS (parsing cost grows with it). A question with relation phrases between kinds is
        a tree (graph.ask.compose): each nested question is parsed the same way."""
        if len(question) > MAX_QUESTION_CHARS:
            raise ValueError(f"question too long: {len(question)} characters (the limit is {MAX_QUESTION_CHARS})")
        from graph.ask.chains import parse_tree
        return parse_tree(self, question, _words(question), ignore)

    def _flat(self, question: str, ignore=(), words=None, pre_used=None, extra=()) -> Parse:
        """One level of the tree: ``words`` (the question's, or a part of them) with ``pre_used`` words
        already placed and ``extra`` constraints (position, [constraint]) placed by the caller."""
        notes: list[str] = []
        self._notes = notes
        words = _words(question) if words is None else list(words)
        used = list(pre_used) if pre_used is not None else [False] * len(words)
        ignored = self._ignore(words, used, ignore)
        found: list[tuple[int, list[Constraint]]] = []
        self._singular = False
        self._benchmark = False
        unplaced: list[dict] = []
        qualifiers.survey(words, used, found, notes)
        sup = qualifiers.superlative(words, used, lambda k: self._kind_at(words, k))
        words = self._fix_typos(words, used, notes)
        self._absent_facts(words, used, unplaced)
        intent = intents.find(words, used)
        if intent.kind == "ranking" and intent.counted_at >= 0:
            used[intent.counted_at] = True
        target = self._target(words, used)
        cjk_text = " ".join(w for w in words if has_cjk(w))
        if target is None and cjk_text:  # Chinese and Korean put the head noun last: the last kind word
            at = [(cjk_text.rfind(w), len(w), lab) for w, lab in V.CJK_TARGET_WORDS.items() if w in cjk_text]
            negated = {lab for w, lab in V.CJK_TARGET_WORDS.items() if w in cjk_text and (
                cjk_text[max(0, cjk_text.find(w) - 4):cjk_text.find(w)].replace(" ", "").endswith(("没有", "没有任何", "无"))
                or "없" in cjk_text[cjk_text.find(w) + len(w):cjk_text.find(w) + len(w) + 4])}
            if len({a[2] for a in at} - negated) >= 1:
                at = [a for a in at if a[2] not in negated]
            if intent.kind == "ranking" and any(lab != intent.counted for _, _, lab in at):
                at = [a for a in at if a[2] != intent.counted]  # the counted kind is not the target
            if at:
                target = max(at)[2]
        if target == "Dataset" or (target is None and intent.kind not in ("comparison", "path")):
            self._dataset_props(words, used, found, target)
        if self._benchmark and not any(c.field == "stage" for _, cs in found for c in cs):
            found.append((0, [Constraint("prop", field="stage", value="evaluation", text="benchmarks")]))
        self._years(words, used, found)
        if target in (None, "Paper"):
            in_names = [k for k in range(len(words)) if not used[k] and self._in_name(words, k)]
            for k in in_names:  # 'evaluated on WMT Dataset': a data set's name, not the WMT venue
                used[k] = True
            for p, c in paper_props.find_all(words, used, self.venues, self.authors):
                found.append((p, [c]))
            for k in in_names:
                used[k] = False
        self._open(words, used, found)
        self._target_label = target
        self.cjk_consumed: list[str] = []
        if sup is None and cjk_text and (sup := qualifiers.cjk_superlative(cjk_text)):
            self.cjk_consumed.append(sup[1])  # '제일 최신 모델', '最新的模型'
        self._cjk_props(cjk_text, found)
        self._cjk_no_kind(cjk_text, target, found)
        self._sizes(words, used, found, unplaced)
        if target == "Category":
            for i, w in enumerate(words):
                lvl = {"family": "family", "families": "family", "subcategory": "subcategory"}.get(w)
                if lvl and not used[i] and schema.NODE_TYPES["Category"].prop("level") is not None:
                    used[i] = True
                    found.append((i, [Constraint("prop", field="level", value=lvl, text=w)]))
        self._places(words, used, found, unplaced, target)
        self._groups(words, used, found)
        unplaced += self._regions(words, used)
        mentions = entities.find(self, words, used)
        entities.absorb_name_words(self, words, used, mentions)
        mentions = sorted(mentions + concepts.find_concept_words(self, words, used), key=lambda m: m.start)
        for i, w in enumerate(words):  # words of the whole field narrow nothing: placed, never linked alone
            if w in V.FIELD_WORDS:
                used[i] = True
        place = (lambda word, text, pos: self._place(word, text, pos, target, found, unplaced))
        cjk_mentions, cjk_left = entities.find_cjk(self, words, used, found_flat := [], place)
        found += [(p, [c]) for p, c in found_flat]
        mentions = sorted(mentions + cjk_mentions, key=lambda m: m.start)
        for m in [m for m in mentions if m.kinds]:  # a name several kinds share, the kind unsaid: withheld
            same = [x for x in m.kinds if self.linkable.nodes[x]["label"] == target]
            if len(same) == 1 and lineage(words, m):  # lineage joins one kind: 'Okapi was built on which models'
                m.id, m.label, m.kinds = same[0], target, []
                continue
            unplaced.append(entities.shared_name_unplaced(self.linkable.nodes, m))
            mentions.remove(m)
        if target is None:
            target = self._implicit_target(words, used, mentions, intent, found)
        target_given = target is not None
        if target is None:
            target = "Dataset" if any(c.field in ("stage", "construction") for _, cs in found for c in cs) else "Paper"
            if found or mentions:
                notes.append(f"no target word; answering with {target.lower()}s")
        for m in mentions:  # "the BLOOM model", "the model BLOOM": the kind word names the mention's label
            for k in (m.end, m.start - 1):
                if 0 <= k < len(words) and not used[k] and (V.TARGET_WORDS.get(words[k]) == m.label or k == m.end
                                                            and self.named_kind(words, k) == "paper"):
                    used[k] = True
        order = None
        if sup is not None:
            at, said, fld, how, k = sup
            order = qualifiers.order_for(target, fld, how, k)
            if order is None:
                unplaced.append({"text": said, "reason": f"{target.lower()}s have no {fld.split('_')[0]} to rank by",
                                 "suggestions": [], "not_in_atlas": False})
            else:
                order.text = said
        rel_found: list = []
        unplaced += gaps.related_constraints(words, used, target, rel_found)
        found += [(p, [c]) for p, c in rel_found]
        if intent.kind not in ("comparison", "path"):
            for m in mentions:
                cs = relation(self, words, m, target)
                both = coordinated(words, m) and [relation(self, words, m, target, cue=r) for r in ROLES]
                if both and all(both) and both[0] != both[1]:  # 'trained on and evaluated on X': both hold
                    found += [(m.start, c) for c in both] if coordinated(words, m) == "and" else \
                        [(m.start, both[0] + both[1])]
                    continue
                if cs is None:
                    unplaced.append({"text": m.text or " ".join(words[m.start:m.end]), "reason":
                                     f"{m.label} {m.id} cannot constrain {target.lower()}s", "suggestions": [],
                                     "not_in_atlas": False})
                    continue
                if m.negated and all(c.pattern(target) is not None for c in cs):
                    cs = [replace(c, negate=True) for c in cs] if len(cs) == 1 else \
                        [Constraint("any", alternatives=cs, negate=True, text=cs[0].text)]
                if m.or_prev and found and found[-1][0] == m.start:
                    found[-1] = (m.start, found[-1][1] + cs)
                else:
                    found.append((m.start, cs))
        found += list(extra)
        kept = []
        for p, cs in found:
            why = next((applicable(c, target) for c in cs if applicable(c, target)), None)
            if why:
                unplaced.append({"text": cs[0].text, "reason": why, "suggestions": [], "not_in_atlas": False})
            else:
                kept.append((p, cs))
        if intent.kind == "ranking" and intent.counted_at >= 0:  # 'applied to the most models that support X'
            unplaced += [{"text": cs[0].text, "reason": f"a condition on the {intent.counted_word} counted, not on the "
                          f"{target.lower()}s: not answered yet", "suggestions": [], "not_in_atlas": False,
                          "structural": True} for p, cs in kept if p > intent.counted_at]
            kept = [(p, cs) for p, cs in kept if p <= intent.counted_at]
        groups = logic.group(words, used, kept, target)
        groups, odd = logic.without_nested_mixes(words, used, groups)  # 'not used by the X paper', '... or the Y paper'
        unplaced += odd
        unplaced += self._leftovers(words, used)
        if intent.kind not in ("comparison", "path") and not unplaced:  # a relation verb no constraint reads
            ids = verbs.categories_of([c for _, cs in kept for c in cs])
            unplaced += verbs.widening_left_out(words, used, target, [c for _, cs in kept for c in cs], intent.kind,
                                                order)
            unplaced += verbs.left_out(words, used, target, [(g.pos, g.alts) for g in groups],
                                       ranking.rels(target, intent, gaps._cue(words, "")),
                                       {w for i in ids for n in self.names_of(i) for w in norm(n).split()})
        unplaced += [{"text": t, "reason": "not understood", "suggestions": [], "not_in_atlas": True}
                     for t in cjk_left]
        if not target_given and not groups and not mentions and not unplaced and intent.kind == "list":
            unplaced.append({"text": question.strip() or "(empty)", "reason": "names nothing the atlas holds",
                             "suggestions": [], "not_in_atlas": True})
        return Parse(target, groups, intent, mentions, unplaced, notes, target_given, ignored,
                     singular=self._singular, cue=gaps._cue(words, ""), order=order)

    # -- steps ---------------------------------------------------------------------------------
    def _target(self, words, used):
        for i, w in enumerate(words):
            if used[i]:
                continue
            if w == "who" and any(x in words[i + 1:i + 4] for x in ("developed", "made", "built", "created",
                                                                     "released", "trained", "develops", "makes")):
                used[i] = True
                return "Organization"
            if w in V.TARGET_WORDS and (self._in_name(words, i) or self.named_kind(words, i)):
                continue  # 'language-extension papers': the word is part of a name; 'the Meta lab': its kind
            if w in V.TARGET_WORDS and not (w == "data" and i and words[i - 1] == "training"):
                used[i] = True
                self._singular = not w.endswith(("s", "a")) or w in ("corpus", "focus")
                self._benchmark = w in ("benchmark", "benchmarks")
                return V.TARGET_WORDS[w]
            nxt = " ".join(words[i:i + 2])
            if (w in V.LINEAGE_DESC_NOUNS + V.LINEAGE_ANC_NOUNS and words[i + 1:i + 2] == ["of"]) or \
                    (nxt in V.LINEAGE_ANC_NOUNS and words[i + 2:i + 3] == ["of"]):
                return None  # "derivatives of X": the target is X's label
            if w in ("family", "families") and ("taxonomy" in words[max(0, i - 1):i + 4]):
                return "Category"  # "the two families of the taxonomy"; the level is read later
            if w in V.LINEAGE_DESC_NOUNS:
                return None  # "how many derivatives does BLOOM have", "LLaMA derivatives that ...": X's label
        return None

    def _kind_at(self, words, i) -> str | None:
        """The label a kind word at i names ("models", "benchmarks"), or None (not one, inside a name, or the
        kind of the name before it: 'the hallucination frontier', 'the BLOOMZ paper')."""
        w = words[i] if 0 <= i < len(words) else ""
        if w not in V.TARGET_WORDS or (w == "data" and i and words[i - 1] == "training"):
            return None
        return None if self._in_name(words, i) or self.named_kind(words, i) else V.TARGET_WORDS[w]

    def named_kind(self, words, i) -> str | None:
        """'kind' when the singular kind word at i follows a name of that kind ('the Meta organization', 'the
        hallucination frontier'), 'paper' when 'paper' follows the name of a work a paper introduces ('the
        BLOOMZ paper'), else None."""
        w = words[i] if 0 <= i < len(words) else ""
        lab = V.TARGET_WORDS.get(w) if w in KIND_NOUNS else None
        if lab is None:
            return None
        for n in (4, 3, 2, 1):
            span = words[max(0, i - n):i]
            if len(span) < n or all(x in V.TARGET_WORDS or x in V.STOP for x in span):
                continue
            labels = {self.linkable.nodes[x]["label"] for x in self.linkable.exact_ids(" ".join(span))}
            if lab in labels:
                return "kind"
            if lab == "Paper" and labels & {"Model", "Method", "Dataset"}:
                return "paper"
        return None

    def _in_name(self, words, i) -> bool:
        """Whether word i is inside a two- or three-word span that is exactly some node's name or alias."""
        for n in (3, 2):
            for a in range(max(0, i - n + 1), min(i, len(words) - n) + 1):
                span = words[a:a + n]
                if len(span) == n and not all(w in V.TARGET_WORDS or w in V.STOP for w in span) \
                        and compact(" ".join(span)) in self.linkable.exact:
                    return True
        return False

    def _implicit_target(self, words, used, mentions, intent, found):
        if intent.kind in ("comparison", "path"):
            return mentions[0].label if mentions else None
        for m in mentions:  # "what sits under downstream finetuning alignment"
            if m.label == "Category" and words[max(0, m.start - 1):m.start] in (["under"], ["below"], ["beneath"]) \
                    and words[0] in ("what", "which"):
                return "Category"
        from graph.ask.relations import lineage
        for m in mentions:
            if m.label in ("Model", "Method", "Dataset") and lineage(words, m):
                for i, w in enumerate(words):
                    if w in V.LINEAGE_DESC_NOUNS + V.LINEAGE_ANC_NOUNS + V.LINEAGE_FAMILY + ("base",):
                        used[i] = True
                return m.label
        return None
