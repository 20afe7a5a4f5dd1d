"""Splitting a question into words and fixing them before they are read: typos of the grammar's own words
("wich modles"), a typo inside a multi-word name ("retreival augmented alignment"), facts the atlas does not
record ("GPUs"), words the user asked to ignore, and the words left over that nothing placed.

A mixin of graph.ask.parser.Parser: it uses the parser's name vocabulary (``alias_words``, ``_alias_list``,
``linkable``).
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from graph.ask import entities, gaps
from graph.ask import vocab as V
from graph.ask.words import english_words, is_word  # noqa: F401  (the typo fixes' own test)
from graph.search.fuzzy import has_cjk, norm

_FIX_VOCAB = sorted(w for w in set(V.TARGET_WORDS) | V.STOP | V.CUE_WORDS | set(V.ABSENT_FACTS) | V.FIELD_WORDS
                    | {w for t in (V.CONSTRUCTION_WORDS, V.STAGE_WORDS) for p in t for w in norm(p).split()}
                    if len(w) >= 4)
_KNOWN = set(gaps.NEGATION_WORDS) | {w for table in (V.CONSTRUCTION_WORDS, V.STAGE_WORDS, V.OPEN_WORDS, V.DEMONYMS, V.REGIONS, V.PHRASES)
          for p in table for w in norm(p).split()} | set(_FIX_VOCAB) | {w for p in V.LOW_RESOURCE_WORDS +
                                                                         V.HIGH_RESOURCE_WORDS for w in norm(p).split()}


_LEFTOVER_SKIP = frozenset(V.STOP | V.CUE_WORDS | set(V.TARGET_WORDS))  # function words, never left over
_PHRASE_HEADS = frozenset(k.split(" ")[0] for k in V.PHRASES)  # the words a fixed phrase can start with


def question_words(question: str) -> list[str]:
    """The question's words, normalised, with the fixed phrases (``V.PHRASES``) read as one word."""
    words = norm(entities.split_scripts(question)).split()
    out, i = [], 0
    while i < len(words):
        if words[i] not in _PHRASE_HEADS:  # no fixed phrase starts here
            out.append(words[i])
            i += 1
            continue
        for n in (3, 2, 1):
            key = " ".join(words[i:i + n])
            if len(words[i:i + n]) == n and key in V.PHRASES:
                out.append(V.PHRASES[key])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return [("and" if w == "but" and out[k + 1:k + 2] and out[k + 1] in BUT_NEGATED else w)
            for k, w in enumerate(out)]


BUT_NEGATED = ("not", "without", "never", "no")  # 'X but not Y' is 'X and not Y', wherever 'and not' is read



class WordFixes:
    """The word-fixing steps of the parser."""

    def _fix_typos(self, words, used, notes):
        out = []
        for i, w in enumerate(words):
            if (len(w) >= 4 and not used[i] and not has_cjk(w) and w not in _KNOWN and w not in self.alias_words
                    and not any(ch.isdigit() for ch in w)):
                hit = process.extractOne(w, _FIX_VOCAB, scorer=fuzz.ratio, score_cutoff=80)
                name = process.extractOne(w, self._alias_list, scorer=fuzz.ratio, score_cutoff=80) if hit else None
                # a content word must not become a function word: one edit at most, unless it becomes a kind word
                edits = OSA.distance(w, hit[0]) if hit else 99
                if hit and (edits <= 1 or (hit[0] in V.TARGET_WORDS and edits <= 2)) \
                        and not (name and name[0] != hit[0] and name[1] >= hit[1]) and not is_word(w):
                    notes.append(f"read '{w}' as '{hit[0]}'")
                    w = hit[0]
                else:
                    w = self._fix_name_word(w, words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "",
                                            notes)
            out.append(w)
        return out

    def _fix_name_word(self, w: str, before: str, after: str, notes) -> str:
        """A long word one edit (or one swap of neighbours) from exactly one word of the names, read as that
        word when it then forms part of a name with the word beside it ('retreival augmented alignment' ->
        the category): a typo inside a multi-word name, never a word that merely looks like one ('larger')."""
        if len(w) < 6 or is_word(w):
            return w
        close = [c for c, _, _ in process.extract(w, self._alias_list, scorer=OSA.distance, score_cutoff=1,
                                                  limit=3)]
        if len(close) != 1:
            return w
        pairs = [f"{before} {close[0]}" if before else None, f"{close[0]} {after}" if after else None]
        if not any(p and any(p in nm for nm in self.linkable.norms) for p in pairs):
            return w
        notes.append(f"read '{w}' as '{close[0]}'")
        return close[0]

    def _absent_facts(self, words, used, unplaced):
        for i, w in enumerate(words):
            if w in V.ABSENT_FACTS and not used[i] and not self._in_name(words, i):  # not "long-context modelling"
                used[i] = True
                unplaced.append({"text": w, "reason": f"the atlas does not record {V.ABSENT_FACTS[w]}",
                                 "suggestions": [], "not_in_atlas": True, "absent": True})

    def _ignore(self, words, used, ignore) -> list[str]:
        out = []
        for phrase in ignore:
            pw = question_words(phrase)
            for i in range(len(words) - len(pw) + 1):
                if pw and words[i:i + len(pw)] == pw:
                    used[i:i + len(pw)] = [True] * len(pw)
                    out.append(phrase)
            if pw and has_cjk(phrase):
                for i, w in enumerate(words):
                    if " ".join(pw) in w:
                        words[i] = w.replace(" ".join(pw), " ").strip() or w
                        out.append(phrase)
        return sorted(set(out))

    def _leftovers(self, words, used) -> list[dict]:
        out = []
        skip = _LEFTOVER_SKIP
        for i, w in enumerate(words):
            if not used[i] and re.fullmatch(r"\d+(?:\.\d+)?[kmbt]?\+?", w):
                out.append({"text": w, "reason": "a number is read only as a year or a parameter size (a count of "
                            "languages, papers or versions is not in the atlas)", "suggestions": [],
                            "not_in_atlas": True})
                continue
            if used[i] or w in skip or re.fullmatch(r"[\W\d_]*", w) or has_cjk(w):
                continue
            hits = self.index.search(w, limit=3, min_score=60)
            out.append({"text": w, "reason": "not understood",
                        "suggestions": [{"id": h.id, "name": h.name, "label": h.label} for h in hits],
                        "not_in_atlas": not any(h.score >= 85 for h in hits)})
        return out
