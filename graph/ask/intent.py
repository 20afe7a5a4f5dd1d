"""What kind of answer a question wants: a list (the default), a count ("how many", "number of"), a
ranking ("which language is covered by the most data sets", "top 5 models by descendants"), a
comparison ("compare X and Y", "X vs Y", "how is X different from Y") or a path between two nodes
("how is X connected to Y", "what links X and Y"). Cue words found here are marked as placed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ask import vocab as V

CJK_COUNT, CJK_COMPARE = V.CJK_COUNT, V.CJK_COMPARE
RANK_NUMBER = re.compile(r"^(?:top|first)$")
SIZE_RANK = {"largest": "desc", "biggest": "desc", "smallest": "asc", "tiniest": "asc"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}


@dataclass
class Intent:
    kind: str = "list"  # list | count | ranking | comparison | path
    limit: int | None = None  # ranking: how many to keep (ties at the cut kept)
    order: str = "desc"  # ranking: desc (most) | asc (fewest)
    counted: str | None = None  # ranking: the label counted ("most data sets" -> Dataset)
    counted_word: str = ""
    counted_at: int = -1


def _phrase_at(words, i, phrases) -> int:
    """Words of the longest phrase of ``phrases`` starting at word i (0 if none)."""
    from graph.ask.entities import phrase_at

    hit = phrase_at(words, i, phrases)
    return hit[0] if hit else 0


def find(words: list[str], used: list[bool]) -> Intent:
    """The intent of the question, marking its cue words used."""
    text = " ".join(words)
    for i in range(len(words)):  # comparison
        n = _phrase_at(words, i, V.COMPARE_CUES)
        if n and not any(used[i:i + n]):
            used[i:i + n] = [True] * n
            for k, w in enumerate(words):
                if w in ("how", "is", "are", "does", "do", "what", "s", "the", "between", "and", "with", "to", "from",
                         "differ", "different", "versus", "vs", "compare") and not used[k]:
                    used[k] = True
            return Intent("comparison")
    if any(c in text for c in CJK_COMPARE):
        return Intent("comparison")
    for i in range(len(words)):  # path between two nodes
        n = _phrase_at(words, i, V.PATH_CUES)
        if n and not any(used[i:i + n]) and (words[0] in ("how", "what", "is", "are", "in", "which", "show", "find")
                                             or words[i] in ("connection", "connections", "path", "link", "links",
                                                             "relationship", "relation")):
            used[i:i + n] = [True] * n
            for k, w in enumerate(words):
                if w in ("how", "is", "are", "what", "and", "to", "with", "between", "from", "the", "a", "in",
                         "way", "ways", "through", "which") and not used[k]:
                    used[k] = True
            return Intent("path")
    intent = _cjk_ranking(text)
    for i in range(len(words) if intent.kind == "list" else 0):  # ranking
        if used[i]:
            continue
        n = _phrase_at(words, i, V.RANK_MOST)
        order = "desc"
        if not n and _phrase_at(words, i, V.RANK_FEWEST):
            n = _phrase_at(words, i, V.RANK_FEWEST)
            order = "asc"
        limit = None
        if not n and RANK_NUMBER.match(words[i]) and i + 1 < len(words):
            num = words[i + 1]
            k = int(num) if num.isdigit() else NUMBER_WORDS.get(num)
            if k:
                n, limit = 2, k
        if not n:
            continue
        j = i + n
        counted, at = _counted(words, j, j + 4)  # the kind counted: "most data sets", "fewest languages"
        if limit is not None:  # "top 5 languages by number of data sets"
            for k in range(i + 2, len(words) - 1):
                if words[k] in ("by", "with") and not used[k]:
                    by_counted, by_at = _counted(words, k + 1, k + 5)
                    if by_counted:
                        counted, at = by_counted, by_at
                    for m in range(k, at):
                        if words[m] in ("by", "with", "number", "of", "count", "the", "most"):
                            used[m] = True
                    break
        if counted is None:
            continue
        if counted != "descendants" and not any(w in V.TARGET_WORDS for w in words[:i]):
            nxt = next((m for m in range(at + 1, len(words)) if words[m] in V.TARGET_WORDS), None)
            if nxt is not None:  # "the least used technique across papers": the first kind word is the target
                counted, at = V.TARGET_WORDS[words[nxt]], nxt
        if limit is None:  # "the five languages with the most papers", "the 3 languages most often ..."
            for k, w in enumerate(words[:i + 1]):
                num = int(w) if w.isdigit() and int(w) < 1000 else NUMBER_WORDS.get(w)
                if num:
                    limit = num
                    used[k] = True
                    break
        used[i:j] = [True] * n
        used[at] = True
        intent = Intent("ranking", limit=limit, order=order, counted=counted, counted_word=words[at], counted_at=at)
        break
    for i, w in enumerate(words):  # "the largest model", "the smallest models": a ranking by parameter count
        if intent.kind == "list" and w in SIZE_RANK and not used[i] and any(
                x in ("model", "models", "llm", "llms") for x in words[i + 1:i + 3]):
            used[i] = True
            intent = Intent("ranking", order=SIZE_RANK[w], counted="size", counted_word=w)
            for k, x in enumerate(words[:i]):  # "the 3 smallest models"
                num = int(x) if x.isdigit() and int(x) < 1000 else NUMBER_WORDS.get(x)
                if num and not used[k]:
                    intent.limit, used[k] = num, True
                    break
    for i in range(len(words)):  # count ("how many models", "number of papers")
        n = _phrase_at(words, i, V.COUNT_CUES)
        if n and not any(used[i:i + n]):
            if words[i] == "count" and i > 0 and words[i - 1] not in ("the", "a"):
                pass
            used[i:i + n] = [True] * n
            if intent.kind == "list":
                intent = Intent("count")
            break
    if intent.kind == "list" and any(c in text.replace("参数量", "") for c in CJK_COUNT):
        intent = Intent("count")
    return intent


def _cjk_ranking(text: str) -> Intent:
    """'哪种语言被最多的数据集覆盖', '가장 많은 데이터셋이 다루는 언어': the kind word right after the cue is counted."""
    for cues, order in ((V.CJK_RANK_MOST, "desc"), (V.CJK_RANK_FEWEST, "asc")):
        for cue in cues:
            k = text.find(cue)
            if k < 0:
                continue
            after = text[k + len(cue):k + len(cue) + 12]
            hits = [(after.find(w), -len(w), lab) for w, lab in V.CJK_TARGET_WORDS.items() if w in after]
            if hits:
                return Intent("ranking", order=order, counted=min(hits)[2], counted_word=cue)
    return Intent()


def _counted(words, lo: int, hi: int) -> tuple[str | None, int]:
    """(the kind a ranking counts, its position) from the first kind word or lineage noun in words[lo:hi]."""
    for k in range(lo, min(len(words), hi)):
        if words[k] in V.TARGET_WORDS:
            return V.TARGET_WORDS[words[k]], k
        if words[k] in V.LINEAGE_DESC_NOUNS:
            return "descendants", k
    return None, -1
