"""Parameter sizes as numbers: "models above 100B parameters", "under 1 billion", "between 1B and 10B", "7B models".

The data holds ``parameters`` as the paper states it ("560M-176B", "7B, 13B", "47B total, 13B active");
``sizes`` reads every number in it, and a size question keeps the models with a size on the asked
side: above X means the largest size is above X, below X that the smallest is below it.
"""
from __future__ import annotations

import re

from graph.ask import vocab as V

_NUM = re.compile(r"(\d+(?:\.\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)\b", re.IGNORECASE)
CJK_ABOVE = ("超过", "大于", "以上", "多于", "이상", "초과", "넘는", "넘은")
CJK_BELOW = ("小于", "以下", "少于", "不到", "미만", "이하")
WORDS = ("parameters", "parameter", "params", "param", "size", "sized", "weights", "scale")


def sizes(text: str) -> list[float]:
    """Every parameter count written in ``text``.

    >>> sizes("560M-176B"), sizes("47B total, 13B active per token")
    ([560000000.0, 176000000000.0], [47000000000.0, 13000000000.0])
    """
    return [float(n) * V.SIZE_UNITS[u.lower()] for n, u in _NUM.findall(text or "")]


def human(n: float) -> str:
    for unit, f in (("T", 1e12), ("B", 1e9), ("M", 1e6)):
        if n >= f:
            return f"{n / f:g}{unit}"
    return f"{n:g}"


def _size_at(words: list[str], i: int) -> tuple[float, int] | None:
    """(size, words used) for '100b', '100 b', '100 billion' starting at word i."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|mn|b|bn|t)(\+?)", words[i])
    if m:
        return float(m.group(1)) * V.SIZE_UNITS[m.group(2)], 1
    if re.fullmatch(r"\d+(?:\.\d+)?", words[i]) and i + 1 < len(words) and words[i + 1] in V.SIZE_UNITS:
        return float(words[i]) * V.SIZE_UNITS[words[i + 1]], 2
    return None


def find(words: list[str], used: list[bool]) -> tuple[str, float, float | None, str] | None:
    """(op, size, upper size for 'between', the words said) of a size condition, marking its words; else None.

    >>> w = "models above 100b parameters".split(); find(w, [False] * 4)
    ('>', 100000000000.0, None, 'above 100b parameters')
    """
    for i in range(len(words)):
        if used[i]:
            continue
        hit = _size_at(words, i)
        if hit is None:
            continue
        size, n = hit
        plus = words[i + n - 1].endswith("+")
        before = " ".join(words[max(0, i - 3):i])
        op, start = "=", i
        around = "".join(words[max(0, i - 2):i + 3])
        if any(c in around for c in CJK_ABOVE):
            op = ">"
        elif any(c in around for c in CJK_BELOW):
            op = "<"
        if op != "=":
            used[i:i + n] = [True] * n
            return op, size, None, words[i]
        for cues, o in ((V.SIZE_ABOVE, ">"), (V.SIZE_BELOW, "<")):
            for c in sorted(cues, key=len, reverse=True):
                if before == c or before.endswith(" " + c):
                    op, start = o, i - len(c.split())
                    break
            if op != "=":
                break
        upper = None
        if words[start - 1:start] == ["between"] or before.endswith("between"):
            start = i - 1
        j = i + n
        if j + 1 < len(words) and words[j] in ("and", "to") and _size_at(words, j + 1):
            upper, m = _size_at(words, j + 1)
            op, j = "between", j + 1 + m
        if j < len(words) and words[j] in ("and", "or") and j + 1 < len(words) and words[j + 1] in ("more", "above", "larger", "bigger"):
            op, j = ">=", j + 2
        if j < len(words) and words[j] in ("and", "or") and j + 1 < len(words) and words[j + 1] in ("less", "below", "smaller", "fewer"):
            op, j = "<=", j + 2
        if j < len(words) and words[j] in ("plus",):
            op, j = ">=", j + 1
        has_word = j < len(words) and words[j] in WORDS
        if not has_word and op == "=" and not (j < len(words) and words[j] in ("model", "models", "llm", "llms", "version", "versions")):
            continue
        end = j + (1 if has_word else 0)
        tail = words[end:end + 2]
        if tail in (["or", "more"], ["or", "larger"], ["or", "bigger"], ["or", "above"]):
            op, end = ">=", end + 2
        elif tail in (["or", "less"], ["or", "fewer"], ["or", "smaller"], ["or", "below"]):
            op, end = "<=", end + 2
        if plus and op == "=":
            op = ">="
        if any(used[start:end]):
            continue
        used[start:end] = [True] * (end - start)
        return op, size, upper, " ".join(words[start:end])
    return None


def matches(text: str, op: str, size: float, upper: float | None) -> bool:
    """Whether a ``parameters`` text meets the condition (a missing or unreadable text never does)."""
    s = sizes(text)
    if not s:
        return False
    if op == ">":
        return max(s) > size
    if op == ">=":
        return max(s) >= size
    if op == "<":
        return min(s) < size
    if op == "<=":
        return min(s) <= size
    if op == "between":
        return any(size <= x <= upper for x in s)
    return any(abs(x - size) < 1e-6 * size for x in s)
