"""Run the ask corpus on a store and score each answer against the reference.

``load_corpus()`` reads tests/ask_corpus/*.yaml; ``run_corpus(store)`` asks every question through
``graph.ask.ask`` and checks the typed Answer (status, kind, results, count, comparison, unplaced)
against ``reference.expected``; ``accuracy_by_family(records)`` summarises. Used by
tests/test_ask_corpus.py and bench/bench_corpus.py.
"""
from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import yaml

from tests.ask_corpus import reference

CORPUS = Path(__file__).resolve().parent


def load_corpus(families: list[str] | None = None) -> dict[str, list[dict]]:
    """{family: [item, ...]} from every corpus YAML file (item: q, intent, optional unplaced)."""
    out: dict[str, list[dict]] = {}
    for f in sorted(CORPUS.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        fam = doc["family"]
        if families and fam not in families:
            continue
        out.setdefault(fam, []).extend(doc["questions"])
    return out


def _ids(answer) -> list[str]:
    return [r.id for r in (answer.results or [])]


def _fmt(ids, limit=8) -> str:
    ids = sorted(ids)
    return ", ".join(ids[:limit]) + (f", ... ({len(ids)})" if len(ids) > limit else "")


def check(answer, exp: dict) -> tuple[bool, str]:
    """(ok, why-not) for one Answer against one expected answer from reference.expected."""
    kind = exp["kind"]
    if kind == "withheld":
        if answer.status != "withheld":
            return False, f"answered ({answer.kind}, {len(answer.results or [])} results) instead of withheld"
        want = exp.get("unplaced")
        if want:
            words = [w.lower() for w in (want if isinstance(want, list) else [want])]
            texts = [str(u.get("text", "")).lower() for u in (answer.unplaced or [])]
            if not any(w in t or (t and t in w) for w in words for t in texts):
                return False, f"withheld, but unplaced {texts} does not name {words}"
        return True, ""
    if answer.status != "answered":
        return False, f"withheld ({answer.withheld_reason}; unplaced {[u.get('text') for u in answer.unplaced or []]})"
    if kind in ("value", "yesno"):
        return check_value(answer, exp)
    v = getattr(answer, "value", None) or {}
    listed = (answer.kind == "value" and v.get("property") is None) or (answer.kind == "yesno"
                                                                         and v.get("attribute") == "exists")
    if answer.kind != kind and not (kind == "list" and listed):
        return False, f"kind {answer.kind!r}, expected {kind!r}"  # a relationship's value is its list
    if kind == "list":
        got, want = set(_ids(answer)), exp["ids"]
        if got == want:
            return True, ""
        return False, f"missing [{_fmt(want - got)}] extra [{_fmt(got - want)}]"
    if kind == "count":
        if answer.count == exp["count"]:
            return True, ""
        return False, f"count {answer.count}, expected {exp['count']}"
    if kind == "comparison":
        items = list((answer.comparison or {}).get("items") or [])
        if set(items) == set(exp["items"]) and len(items) == 2:
            return True, ""
        return False, f"compared {items}, expected {exp['items']}"
    if kind == "ranking":
        return check_ranking(answer, exp)
    raise ValueError(f"unknown expected kind {kind!r}")


def check_value(answer, exp: dict) -> tuple[bool, str]:
    """A value answer: the values (property values, or ids of related nodes) as the reference has them, and
    "not recorded" exactly when it has none; a yes/no answer: yes, no or not recorded (None)."""
    if answer.kind != exp["kind"] or not getattr(answer, "value", None):
        return False, f"kind {answer.kind!r}, expected {exp['kind']!r}"
    v = answer.value
    if exp["kind"] == "yesno":
        if v.get("answer") == exp["answer"] and (v.get("answer") is None) == (not v.get("recorded")):
            return True, ""
        return False, f"answered {v.get('answer')!r}, expected {exp['answer']!r}"
    got = {x.get("id", x.get("value")) if not isinstance(x.get("value"), list) else tuple(x["value"])
           for x in v.get("values") or []}
    if got == exp["values"] and v.get("recorded") == bool(exp["values"]):
        return True, ""
    return False, f"values {sorted(map(str, got))}, expected {sorted(map(str, exp['values']))}"


def check_ranking(answer, exp: dict) -> tuple[bool, str]:
    """Values right, ordered, and the top k right with ties at the cut handled.

    The results must hold every candidate strictly better than the k-th value, then only candidates
    tied at the k-th value (any number of them, at least enough to reach k).
    """
    ranking, k = exp["ranking"], exp["top"]
    if not ranking:
        return (not answer.results), "expected no candidates"
    ref = dict(ranking)
    desc = exp.get("order", "desc") == "desc"
    kth = ranking[min(k, len(ranking)) - 1][1]
    better = {i for i, v in ranking if (v > kth if desc else v < kth)}
    tied = {i for i, v in ranking if v == kth}
    res = answer.results or []
    for r in res:
        if r.id not in ref:
            return False, f"{r.id} is not a candidate"
        if r.value != ref[r.id]:
            return False, f"{r.id} value {r.value}, expected {ref[r.id]}"
    vals = [r.value for r in res]
    if vals != sorted(vals, reverse=desc):
        return False, f"not ordered: {vals}"
    got = [r.id for r in res]
    head = set(got[:len(better)])
    if head != better:
        return False, f"top: got [{_fmt(head)}], expected [{_fmt(better)}] (then ties at {kth})"
    rest = got[len(better):]
    if not set(rest) <= tied or len(got) < min(k, len(ranking)):
        return False, f"after the top, got [{_fmt(rest)}]; expected some of the tied at {kth}: [{_fmt(tied)}]"
    return True, ""


def run_corpus(store, families: list[str] | None = None, ask=None, timing: bool = False) -> list[dict]:
    """One record per question: family, q, ok, why, ms (and the expected answer)."""
    if ask is None:
        from graph.ask import ask
    g = reference.graph()
    records = []
    for fam, items in load_corpus(families).items():
        for item in items:
            exp = reference.expected(item, g)
            t0 = time.perf_counter()
            try:
                answer = ask(store, item["q"])
                ms = (time.perf_counter() - t0) * 1000
                ok, why = check(answer, exp)
            except Exception as exc:  # a crash is a wrong answer, reported with the rest
                ms = (time.perf_counter() - t0) * 1000
                ok, why = False, f"{type(exc).__name__}: {exc}"
            records.append({"family": fam, "q": item["q"], "ok": ok, "why": why, "ms": ms})
    return records


def accuracy_by_family(records: list[dict]) -> dict[str, dict]:
    """{family: {n, right, accuracy}} plus "all"."""
    agg: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        for key in (r["family"], "all"):
            agg[key][0] += 1
            agg[key][1] += bool(r["ok"])
    return {k: {"n": n, "right": right, "accuracy": right / n if n else 0.0} for k, (n, right) in agg.items()}


def wrong_report(records: list[dict]) -> str:
    """The wrong questions, one a line: the question and why."""
    return "\n".join(f"  [{r['family']}] {r['q']!r}: {r['why']}" for r in records if not r["ok"])
