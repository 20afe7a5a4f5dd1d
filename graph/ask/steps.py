"""The parser's steps that read conditions other than named entities: data set stage and construction,
years (exact, since, before, between; Chinese and Korean too), open or closed, parameter sizes,
organisation places, language groups and regions. A mixin of Parser (parser.py), kept apart for size.
"""
from __future__ import annotations

import re

from graph import schema
from graph.ask import entities, gaps, sizes
from graph.ask import vocab as V
from graph.query import Constraint
from graph.search.fuzzy import has_cjk, norm


def _phrase_at(words, i, phrases):
    """Longest phrase of ``phrases`` starting at word i: (n words, phrase), or None (entities.phrase_at)."""
    return entities.phrase_at(words, i, phrases)


def language_place(words, i: int, n: int, prev: str) -> bool:
    """Whether the place word at i..i+n speaks of languages: 'African languages', 'in Korean', 'languages
    spoken in India', 'languages of Europe' (a place adjective after a bare 'in' names a language: 'datasets
    in Korean'); never an organisation's country."""
    said, nxt = " ".join(words[i:i + n]), words[i + n] if i + n < len(words) else ""
    if nxt in V.LANGUAGE_CONTEXT:
        return True
    before = [w for w in words[max(0, i - 4):i] if w not in ("the", "a")]
    cue = next((k for k in range(len(before) - 1, -1, -1) if before[k] in ("in", "of", "from", "across")), None)
    if cue is not None and any(w in V.LANGUAGE_CONTEXT for w in before[max(0, cue - 2):cue]):
        return True  # 'languages in Africa', 'languages spoken in India', 'speakers of Swiss German'
    return (" " + prev).endswith(" in") and not (" " + prev).endswith(tuple(f" {c} in" for c in V.ORG_PLACE_VERBS)) \
        and said in V.PLACE_ADJECTIVES


class Steps:
    """Condition-reading steps; each marks the words it places in ``used`` and appends to ``found``."""

    def _role(self, before):
        from graph.ask.relations import role
        return role(before)

    def _mark(self, used, i, n):
        if any(used[i:i + n]):
            return False
        used[i:i + n] = [True] * n
        return True

    def _dataset_props(self, words, used, found, target):
        """Stage and construction words; with no target word only construction ('machine translated') reads
        as data sets ('instruction tuning for Italian' is the technique)."""
        tables = ((V.CONSTRUCTION_WORDS, "construction"), (V.STAGE_WORDS, "stage")) if target == "Dataset" \
            else ((V.CONSTRUCTION_WORDS, "construction"),)
        for table, fld in tables:
            for i in range(len(words)):
                hit = _phrase_at(words, i, table)
                if hit and (entities._ends_with(words[max(0, i - 3):i], V.USE_CUES) or "or" in words[max(0, i - 2):i]
                            and any(w in V.USE_CUES for w in words[max(0, i - 6):i])):
                    continue  # 'data sets using translation / instruction tuning': the technique, not the data's
                if hit and hit[0] == 1 and self._in_name(words, i):
                    continue  # 'preference optimisation': a technique's name, not the RLHF stage
                if hit and self._mark(used, i, hit[0]):
                    found.append((i, [Constraint("prop", field=fld, value=table[hit[1]], text=hit[1])]))

    def _years(self, words, used, found):
        text = " ".join(words)
        cjk = re.compile(r"((?:19|20)\d\d) ?[年년]\S*")  # '2023年以来', '2023년 이후': the word after says which way
        for i, w in enumerate(words):
            if re.fullmatch(r"(?:19|20)\d\d", w) and i + 1 < len(words) and has_cjk(words[i + 1]) and not used[i]:
                after = "".join(words[i + 1:i + 3])
                op = "<" if any(c in after for c in ("以前", "之前", "이전")) else \
                    ">=" if any(c in after for c in ("以后", "之后", "以来", "이후", "부터", "후")) else "="
                used[i] = True
                found.append((i, [Constraint("prop", field="year", op=op, value=int(w), text=w + after[:3])]))
        del cjk
        starts = [len(" ".join(words[:i])) + (1 if i else 0) for i in range(len(words))]
        for rx, parts in V.YEAR_PATTERNS:
            for m in rx.finditer(text):
                i = max(k for k, s in enumerate(starts) if s <= m.start())
                j = max(k for k, s in enumerate(starts) if s < m.end()) + 1
                if not self._mark(used, i, j - i):
                    continue
                for op, g in parts:  # 'between 2021 and 2023' is two conditions, both to hold
                    found.append((i, [Constraint("prop", field="year", op=op, value=int(m.group(g)), text=m.group(0))]))

    def _open(self, words, used, found):
        for i in range(len(words)):
            hit = _phrase_at(words, i, V.OPEN_WORDS)
            if hit and not used[i] and self._mark(used, i, hit[0]):
                found.append((i, [Constraint("prop", field="open", value=V.OPEN_WORDS[hit[1]], text=hit[1])]))

    def _cjk_props(self, cjk_text, found):
        for word, value in sorted(V.CJK_OPEN.items(), key=lambda kv: -len(kv[0])):
            if word in cjk_text:
                found.append((0, [Constraint("prop", field="open", value=value, text=word)]))
                break
        if self._target_label == "Dataset":
            seen = set()
            for word, (fld, value) in sorted(V.CJK_DATASET_PROPS.items(), key=lambda kv: -len(kv[0])):
                if word in cjk_text and fld not in seen:
                    seen.add(fld)
                    self.cjk_consumed.append(word)
                    found.append((0, [Constraint("prop", field=fld, value=value, text=word)]))

    def _cjk_no_kind(self, cjk_text, target, found):
        """'没有任何数据集', '데이터셋이 없는': no node of that kind is related to the target (a negated related)."""
        for w, lab in V.CJK_TARGET_WORDS.items():
            k = cjk_text.find(w)
            if k < 0 or lab == target:
                continue
            before, after = cjk_text[max(0, k - 4):k].replace(" ", ""), cjk_text[k + len(w):k + len(w) + 5]
            if before.endswith(("没有", "没有任何", "无", "没")) or any(n in after for n in ("없는", "없이", "없")):
                rel = gaps.relation_between(target, lab, None)
                if rel:
                    self.cjk_consumed.append(w)
                    found.append((0, [Constraint("related", rel=rel[0], dir=rel[1], label=lab, negate=True,
                                                 via_partner=rel[0] != "INTRODUCES", text=w)]))

    def _sizes(self, words, used, found, unplaced):
        """'above 100B parameters' -> parameters_max > 1e11; 'under 1B' -> parameters_min < 1e9; '7B models' ->
        a size range that includes 7B; 'between 1B and 10B' -> a range that overlaps it."""
        hit = sizes.find(words, used)
        if hit is None:
            return
        op, size, upper, said = hit
        n = int(size)
        side = next((w for w in words if w in ("largest", "biggest", "smallest")), None)
        if side and op in (">", ">=", "<", "<="):  # 'whose largest version is under 10B'
            found.append((0, [Constraint("prop", field="parameters_max" if side != "smallest" else "parameters_min",
                                         op=op, value=n, text=f"{side} {said}")]))
            return
        if op in (">", ">="):
            cs = [("parameters_max", op, n)]
        elif op in ("<", "<="):
            cs = [("parameters_min", op, n)]
        elif op == "between":
            cs = [("parameters_max", ">=", n), ("parameters_min", "<=", int(upper))]
        else:
            cs = [("parameters_min", "<=", n), ("parameters_max", ">=", n)]
        i = words.index(said.split()[0]) if said.split()[0] in words else 0
        for fld, o, v in cs:
            found.append((i, [Constraint("prop", field=fld, op=o, value=v, text=said)]))

    def _places(self, words, used, found, unplaced, target):
        """Organisation country or region: 'Korean labs', 'European organisations', 'models from China'."""
        last_place = -9
        for i in range(len(words)):
            for n in (3, 2, 1):
                if i + n > len(words) or any(used[i:i + n]):
                    continue
                said = " ".join(words[i:i + n])
                if n > 1 and said not in V.DEMONYMS and said not in V.REGIONS and said not in self.places.elsewhere:
                    continue
                countries = self.places.countries_for(said)
                if countries is None:
                    continue
                nxt = words[i + n] if i + n < len(words) else ""
                prev = " ".join(w for w in words[max(0, i - 3):i] if w not in ("the", "a"))
                org_word = nxt in V.ORG_NOUNS or (target == "Organization" and nxt in V.TARGET_WORDS)
                from_cue = (" " + prev).endswith((" from", " in", " based in", " developed in", " made in", " by",
                                                  " outside", " outside of")) or (i - 2 == last_place and words[i - 1] in ("or", "and", "nor"))
                org_target = target in ("Model", "Method", "Dataset", "Organization", None)
                if self._in_name(words, i):
                    continue  # 'the AI Singapore lab': a word of a name, not a place
                if said == "us" and not org_word:
                    continue  # 'us' is a pronoun unless 'US companies'
                if not org_word and language_place(words, i, n, prev):
                    continue  # 'in African languages', 'datasets in Korean': a language's place, never a lab's
                if not (org_word or (from_cue and org_target) or (target == "Organization" and said in V.DEMONYMS)):
                    continue  # 'Chinese' is the language unless it modifies labs, organisations, companies
                used[i:i + n] = [True] * n
                if org_word and nxt in V.ORG_NOUNS:
                    used[i + n] = True
                text = said + (f" {nxt}" if org_word and nxt in V.ORG_NOUNS else "")
                for k in range(max(0, i - 3), i):
                    if words[k] in ("outside", "of") and prev.endswith(("outside", "outside of")):
                        used[k] = True
                self._place(said, text, i, target, found, unplaced, countries,
                            negate=(" " + prev).endswith((" outside", " outside of")))
                last_place = i + n - 1
                break

    def _place(self, word, text, pos, target, found, unplaced, countries=None, negate=False) -> bool:
        """Add the constraint 'developed by an organisation in one of these countries' (or, for organisations,
        'country in ...'); a place with no organisation in the atlas is reported instead."""
        if countries is None:
            countries = self.places.countries_for(word)
            if countries is None:
                return False
        if not countries:
            unplaced.append({"text": text, "reason": "no organisation in the atlas is based there",
                             "suggestions": [], "not_in_atlas": True, "empty": True})
            return True
        self._notes.append(f"read '{text}' as organisations in {self.places.label(countries)}")
        if target == "Organization":
            found.append((pos, [Constraint("prop", field="country", op="in", value=countries, text=text)]))
        else:
            found.append((pos, [Constraint("related", rel="DEVELOPED_BY", dir="out", label="Organization",
                                           field="country", op="in", value=countries, negate=negate, text=text)]))
        return True

    def _groups(self, words, used, found):
        for i in range(len(words)):
            r = self._role(words[max(0, i - 4):i])
            hit = _phrase_at(words, i, V.LOW_RESOURCE_WORDS)
            if hit and self._mark(used, i, hit[0]):
                found.append((i, [Constraint("language_group", field="resource_class", op="<=",
                                             value=schema.LOW_RESOURCE_MAX_CLASS, role=r, text=hit[1])]))
                continue
            hit = _phrase_at(words, i, V.HIGH_RESOURCE_WORDS)
            if hit and self._mark(used, i, hit[0]):
                found.append((i, [Constraint("language_group", field="resource_class", op=">=",
                                             value=V.HIGH_RESOURCE_MIN_CLASS, role=r, text=hit[1])]))
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
                self._mark(used, i, n)
                if nxt in ("script", "scripts", "family", "languages", "language"):
                    used[i + n] = True
                found.append((i, [Constraint("language_group", field=fld, value=value, role=r, text=said)]))
                break

    def _language_words(self) -> frozenset:
        """The names and aliases of languages ('chinese' of Mandarin Chinese): such a word before 'language' is
        the language, not a region."""
        if getattr(self, "_lang_words", None) is None:
            names = [norm(t) for n in self.linkable.nodes.values() if n.get("label") == "Language"
                     for t in [n.get("name"), *(n.get("aliases") or [])] if isinstance(t, str)]
            self._lang_words = frozenset(names)
        return self._lang_words

    def _regions(self, words, used) -> list[dict]:
        out = []
        for i in range(len(words)):
            hit = _phrase_at(words, i, V.REGION_WORDS)
            if not hit:  # 'Swiss languages', 'languages spoken in Nigeria': a place of languages, no language's name
                hit = next(((n, " ".join(words[i:i + n])) for n in (3, 2, 1) if i + n <= len(words)
                            and " ".join(words[i:i + n]) not in self._language_words() and (n == 1 or " ".join(
                                words[i:i + n]) in V.DEMONYMS or " ".join(words[i:i + n]) in self.places.elsewhere)
                            and self.places.countries_for(" ".join(words[i:i + n])) is not None
                            and language_place(words, i, n, " ".join(words[max(0, i - 3):i]))), None)
            if hit and self._mark(used, i, hit[0]):
                out.append({"text": hit[1], "reason": "the graph holds no regions for languages; ask by family, "
                            "genus or script (e.g. Bantu, Indo-Aryan, Devanagari) or name the languages",
                            "suggestions": [], "not_in_atlas": True})
        return out
