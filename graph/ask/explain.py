"""How an answer explains itself: each constraint in words, the interpretation of the whole question,
evidence paths rendered as text, and which constraint emptied an empty answer.
"""
from __future__ import annotations

from graph.ask.answer import Answer, Evidence
from graph.query import Constraint, StructuredQuery
from graph.schema import YEAR_MEANING

MAX_PATHS = 5  # evidence paths shown per constraint (the total is given too)



def plural(label: str) -> str:
    """A label in the plural, as the interpretation writes it ("Categories", "Models")."""
    return label[:-1] + "ies" if label.endswith("y") else label + "s"

def _name(nodes, nid) -> str:
    return nodes.get(nid, {}).get("name", nid)


def describe(c: Constraint, nodes: dict, target: str) -> str:
    """One constraint in words, e.g. 'classified under Parameter-frozen alignment (cat:pfa), at any depth'."""
    if c.kind == "any":
        text = "any of: " + "; ".join(_describe(a, nodes, target) for a in c.alternatives)
    else:
        text = _describe(c, nodes, target)
    return f"NOT {text}" if c.negate else text


def _value(v) -> str:
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1_000_000:
        from graph.ask.sizes import human
        return human(v)
    return repr(v)


def _describe(c: Constraint, nodes: dict, target: str) -> str:
    ref = f"{_name(nodes, c.id)} ({c.id})" if c.id else ""
    pat = c.pattern(target)
    partner = ""
    if pat and pat[0][0].rel == "INTRODUCES" and pat[0][0].lo == 0:  # the pattern starts at the INTRODUCES partner
        partner = " (itself or what it introduces)" if target == "Paper" else " (itself or via the paper that introduces it)"
    if c.kind == "nested":
        arrow = f"-[:{c.rel}]->" if c.dir == "out" else f"<-[:{c.rel}]-"
        hop = "transitively " if c.rel == "DERIVED_FROM" else ""
        via = ""
        if pat and c.rel != "DERIVED_FROM" and any(s.rel == "INTRODUCES" and s.lo == 0 for s in pat[0]):
            via = (" (or what it introduces)" if c.sub.target == "Paper" else " (or via the paper that introduces it)") \
                if c.dir == "in" else partner
        art = "an" if c.sub.target[0] in "AEIOU" else "a"
        return f"{arrow} {hop}{art} {c.sub.target}{via} that is:"
    if c.kind == "related":
        role = f" {{role: {c.role}}}" if c.role else ""
        arrow = f"-[:{c.rel}{role}]->" if c.dir == "out" else f"<-[:{c.rel}{role}]-"
        test = f" with {c.field} {c.op} {c.value!r}" if c.field else ""
        return f"{arrow} any {c.label}{test}{partner}"
    if c.kind == "category":
        return f"classified under {ref}, at any depth{partner}"
    if c.kind == "lineage":
        return f"derived from {ref}, transitively" if c.direction == "descendants" else f"what {ref} is built on, transitively"
    if c.kind == "link":
        role = f" as {c.role}" if c.role else ""
        arrow = f"-[:{c.rel}]->" if c.dir == "out" else f"<-[:{c.rel}]-"
        if pat and pat[0][-1].rel == "INTRODUCES" and pat[0][-1].lo == 0 and c.dir == "in":
            partner = " (itself or what it introduces)" if c.label == "Paper" else " (itself or via the paper that introduces it)"
        return f"{arrow} {ref}{role}{partner}"
    if c.kind == "language_group":
        what = {"resource_class": "resource class (Joshi et al. 2020)"}.get(c.field, c.field)
        role = f" ({c.role})" if c.role else ""
        if target == "Language":
            return f"{what} {c.op} {c.value!r}"
        return f"covers a language{role} with {what} {c.op} {c.value!r}{partner}"
    meaning = YEAR_MEANING.get(target) if c.field == "year" else None
    return f"{c.field} {c.op} {_value(c.value)}" + (f" ({meaning})" if meaning else "")


def interpretation(query: StructuredQuery, nodes: dict, kind: str = "list", ignored=(), extra=()) -> str:
    """The question as understood, one line per constraint with the words it came from."""
    many = plural(query.target)
    head = {"count": f"How many {many}", "ranking": f"{many} ranked"}.get(kind, many)
    parts = [head] + _lines(query, nodes, "  ")
    if query.order is not None:
        o = query.order
        parts.append(f"  - only the {'highest' if o.order == 'desc' else 'lowest'} {o.field}"
                     f"{f' (top {o.k} values)' if o.k > 1 else ''}, ties kept; results without it left out"
                     + (f"  [from '{o.text}']" if getattr(o, "text", "") else ""))
    if query.aggregate is not None:
        a = query.aggregate
        arrow = f"-[:{a.rel}]->" if a.dir == "out" else f"<-[:{a.rel}]-"
        cut = f"top {a.k} (ties kept)" if a.k else "all"
        via = ", itself or via its paper" if a.via_partner else ""
        parts.append(f"  - ranked by the number of distinct {plural(a.label)} {arrow}{via}, "
                     f"{'most' if a.order == 'desc' else 'fewest'} first; {cut}")
    if not query.constraints and query.aggregate is None:
        parts.append("  - (no constraints: every node of this label)")
    parts += [f"  - {e}" for e in extra]
    if ignored:
        parts.append("  - ignored at your request: " + ", ".join(f"'{w}'" for w in ignored))
    return "\n".join(parts)


def _lines(query: StructuredQuery, nodes: dict, indent: str) -> list[str]:
    """One line per constraint; a nested constraint's own constraints indented beneath it."""
    out = []
    for c in query.constraints:
        out.append(f"{indent}- {describe(c, nodes, query.target)}  [from '{c.text}']")
        if c.kind == "nested":
            out += _lines(c.sub, nodes, indent + "    ") or [f"{indent}    - (any {c.sub.target})"]
    return out


def render_path(nodes_meta, path) -> dict:
    ids, hops = path
    text = ids[0]
    rels = []
    for k, (rtype, role, source) in enumerate(hops):
        forward = source == ids[k]
        props = f" {{role: {role}}}" if role else ""
        text += f" -[:{rtype}{props}]-> " if forward else f" <-[:{rtype}{props}]- "
        nxt = ids[k + 1]
        rc = nodes_meta.get(nxt, {}).get("resource_class")
        text += nxt + (f" (class {rc})" if nodes_meta.get(nxt, {}).get("label") == "Language" and rc is not None else "")
        rels.append({"type": rtype, "role": role, "dir": "->" if forward else "<-"})
    return {"nodes": list(ids), "rels": rels, "text": text}


def evidence(query: StructuredQuery, ev: list, nodes: dict) -> tuple[list[Evidence], int | None]:
    """Typed evidence per constraint, and the aggregate count when the query ranks."""
    out, value = [], None
    for item in ev[len(query.constraints):]:
        if isinstance(item, dict) and (item.get("aggregate") == "count" or "order" in item):
            value = item.get("value")
    texts = _texts(query, nodes)
    for text, e in zip(texts, ev):
        if isinstance(e, dict) and e.get("absent"):
            out.append(Evidence(text, absent=True))
        elif isinstance(e, dict):
            out.append(Evidence(text, property=e.get("property"), value=e.get("value")))
        else:
            ranked = sorted(e, key=lambda p: (len(p[0]), p))
            out.append(Evidence(text, paths=[render_path(nodes, p) for p in ranked[:MAX_PATHS]], total_paths=len(e)))
    return out, value


_TEXTS: dict = {}


def _texts(query: StructuredQuery, nodes: dict) -> list[str]:
    """``describe`` of each constraint, once per query (not once per result row)."""
    key = (id(query), id(nodes))
    hit = _TEXTS.get(key)
    if hit is None or hit[0] is not query:
        if len(_TEXTS) > 64:
            _TEXTS.clear()
        hit = _TEXTS[key] = (query, [describe(c, nodes, query.target) for c in query.constraints])
    return hit[1]


def why_empty(store, query: StructuredQuery, nodes: dict, label_count: int | None = None) -> str:
    """Which constraint emptied the answer: the first whose prefix of the constraints has no result.

    Prefix sizes only shrink, so the prefixes are tried from the longest non-empty candidate backwards
    (usually one run: the last constraint is the one that empties); the whole query is known to be empty
    and the label's size is known, so neither is run again."""
    cs = query.constraints
    total = label_count if label_count is not None else len(store.execute(StructuredQuery(query.target, [])))
    if total == 0:
        return f"there are no {query.target} nodes in the graph"
    k, before = len(cs), 0
    while k > 1:
        before = len(store.execute(StructuredQuery(query.target, cs[:k - 1])))
        if before:
            break
        k -= 1
    if k <= 1:
        k, before = 1, total
    if not cs:
        return "no result"
    c = cs[k - 1]
    return (f"{before} {query.target.lower()}(s) matched the constraints before it; none is "
            f"{describe(c, nodes, query.target)} [from '{c.text}']")


def reason(unplaced: list[dict]) -> str:
    """Why nothing was run: each unplaced word with its reason, and what the reader can do."""
    parts = []
    for u in unplaced:
        s = f"'{u['text']}': {u['reason']}"
        if u.get("mentioned"):
            s += f" ({u['mentioned']})"
        elif u.get("not_in_atlas") and u["reason"] == "not understood":
            s += " (not in the atlas)"
        parts.append(s)
    return "could not place " + "; ".join(parts) + ". Nothing was run: rephrase, pick a suggestion, or ignore these words."


def withheld_reading(question, reading, parser, listed: Answer | None = None) -> Answer:
    """A value or yes/no question withheld: its unplaced words (or those of the list it leads to) and why."""
    unplaced = listed.unplaced if listed is not None else reading.unplaced
    why = listed.withheld_reason if listed is not None and listed.withheld_reason else reason(unplaced) \
        if unplaced else "a value question needs one thing the atlas holds and what to tell about it"
    return Answer(question, "", None, "", {}, "", status="withheld", kind="value", unplaced=unplaced,
                  withheld_reason=why, notes=reading.notes, empty_reason=f"not answered: {why}")
