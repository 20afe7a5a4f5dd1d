"""Answering value and yes/no questions (graph.ask.values readings) on a store, with their sources.

A value is read through the store: a property with ``get_node``, a relationship (or a property one hop
away) with one structured query run by the store's own executor; its sources are the provenance of
the relationships it comes from, or, for a property, the record's own references (the paper that
introduces it, its arXiv / ACL / DOI ids, its official page). A yes/no question runs the structured
query of its conditions restricted to the subject; "no" where the subject fails, "not recorded" where
a property it tests is empty. ``Answer.value`` holds it all, with one sentence for people.
"""
from __future__ import annotations

from graph import schema
from graph.ask import attributes as A
from graph.ask import explain, logic
from graph.ask.answer import Answer, Evidence, Result
from graph.ask.sizes import human
from graph.query import PARTNERED, Constraint, StructuredQuery
from graph.store import cypher_exec as cy


def fmt(prop: str | None, v) -> str:
    """A value for people: 176B (not 176000000000), 'open', '2 (The Hopefuls)', lists joined."""
    if isinstance(v, bool):
        return ("open" if v else "closed") if prop == "open" else ("yes" if v else "no")
    if prop == "resource_class" and isinstance(v, int):
        return f"{v} ({schema.RESOURCE_CLASS_NAMES.get(v, '?')})"
    if isinstance(v, int) and v >= 1_000_000:
        return human(v)
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _refs(store, sid: str) -> list[str]:
    """A record's own references: the provenance of the paper(s) introducing it, its ids, its page."""
    node = store.get_node(sid) or {}
    papers = [ln.id for ln in store.links([sid], ("INTRODUCES",)).get(sid, []) if ln.direction == "in"]
    out: list[str] = []
    if papers:
        for e in store.subgraph([sid] + papers).edges:
            if e["type"] == "INTRODUCES" and e["target"] == sid:
                out += list(e.get("provenance") or [])
    for key in ("arxiv", "acl", "doi"):
        if node.get(key):
            out.append(f"{key}:{node[key]}")
    if isinstance(node.get("url"), str) and node["url"].startswith(("http://", "https://")):
        out.append(f"url:{node['url']}")
    return list(dict.fromkeys(out))


def _edge_refs(store, sid: str, ids: list[str], rel: str) -> dict[str, list[str]]:
    """{other id: provenance of the ``rel`` relationships between the subject and it}."""
    out: dict[str, list[str]] = {}
    for e in store.subgraph([sid] + ids).edges:
        if e["type"] == rel and sid in (e["source"], e["target"]):
            other = e["target"] if e["source"] == sid else e["source"]
            out.setdefault(other, [])
            out[other] += [r for r in e.get("provenance") or [] if r not in out[other]]
    return out


def sources(refs) -> list[dict]:
    return [{"ref": r, "url": schema.provenance_url(r)} for r in dict.fromkeys(refs)]


def _cite(refs) -> str:
    refs = list(dict.fromkeys(refs))
    return f" [{'; '.join(refs)}]" if refs else ""


def _end(said: str, refs) -> str:
    """The sentence, its sources in brackets, one full stop."""
    return said.rstrip(". ") + _cite(refs) + "."


VIA_PAPER = " (via the paper that introduces it)"


def _sentence(name: str, label: str, attr: A.Attribute, values: list[dict]) -> str:
    every = attr.prop is None and all(v.get("via_paper") for v in values)  # said once, not after each
    texts = [v["text"] + (VIA_PAPER if v.get("via_paper") and attr.prop is None and not every else "")
             for v in values]
    joined = ", ".join(texts[:-1]) + (" and " if len(texts) > 1 else "") + texts[-1]
    if attr.prop is None:
        return f"{name} {A.REL_VERBS.get(attr.hop[0], attr.hop[0])} {joined}{VIA_PAPER if every else ''}"
    if attr.hop:
        whose = f"{name}'s {'organisation' if attr.hop[2] == 'Organization' else attr.hop[2].lower()}"
        if attr.prop == "country":
            return "; ".join(f"{name} was developed by {v['of']['name']}{VIA_PAPER if v.get('via_paper') else ''}, "
                             f"based in {v['text']}" for v in values)
        return "; ".join(f"the {A.noun(attr)} of {whose} {v['of']['name']}"
                         f"{VIA_PAPER if v.get('via_paper') else ''} is {v['text']}" for v in values)
    v = values[0]
    if attr.prop == "year":
        return f"{name} was {'published' if label == 'Paper' else 'released'} in {joined}"
    if attr.prop == "parameters":
        return f"{name} has {joined} parameters"
    if attr.prop == "open":
        return f"{name} is open: released (weights, code or data)" if v["value"] else f"{name} is not open"
    if attr.prop == "country":
        return f"{name} is based in {joined}"
    if attr.prop == "description":
        return f"{name}: {joined}"
    return f"the {A.noun(attr)} of {name} is {joined}"


def hop_query(sid: str, label: str, attr: A.Attribute, said: str = "") -> StructuredQuery:
    """The nodes at the other end of the subject's relationship, by the rule of the list answers: a work
    counts itself or via the paper that introduces it, a paper with what it introduces ('what techniques does
    BLOOMZ use' holds those of the BLOOMZ paper, as 'which models use X' lists BLOOMZ for them)."""
    rel, d, other = attr.hop
    if d == "out" and rel not in LINEAGE_FREE and label in PARTNERED:
        me = StructuredQuery(label, [Constraint("prop", field="id", value=sid, text=said)])
        return StructuredQuery(other, [Constraint("nested", rel=rel, dir="in", role=attr.role, sub=me, text=said)])
    return StructuredQuery(other, [Constraint("link", id=sid, rel=rel, dir="in" if d == "out" else "out",
                                              role=attr.role, via_partner=False, text=said)])


def answer_value(store, parser, reading, question: str) -> Answer:
    """The value of one attribute of the subject, with its sources; 'not recorded' when it is empty."""
    subj, attr = reading.subject, reading.attribute
    sid, label = subj.id, subj.label
    nodes = parser.nodes
    name = nodes.get(sid, {}).get("name", sid)
    subject = {"id": sid, "label": label, "name": name}
    said = subj.text or name
    if reading.other is not None:  # "when did Google release mT5": only if the atlas says Google made mT5
        by = reading.other
        check = StructuredQuery(label, [Constraint("prop", field="id", value=sid, text=said),
                                        Constraint("link", id=by.id, rel="DEVELOPED_BY", text=by.text)])
        if label not in schema.REL_TYPES["DEVELOPED_BY"].sources or sid not in store.execute(check):
            reading.unplaced = [{"text": by.text or by.id, "reason": f"the atlas does not record "
                                 f"{nodes.get(by.id, {}).get('name', by.id)} as behind {name}", "suggestions": [],
                                 "not_in_atlas": False}]
            return explain.withheld_reading(question, reading, parser)
    values, results, refs = [], [], []
    if attr.hop is None:
        query = StructuredQuery(label, [Constraint("prop", field="id", value=sid, text=said)])
        cypher, params = f"MATCH (x:{label} {{id: $id}})\nRETURN x.{attr.prop} AS value", {"id": sid}
        v = (store.get_node(sid) or {}).get(attr.prop)
        if v not in (None, "", []):
            refs = _refs(store, sid)
            values.append({"value": v, "text": fmt(attr.prop, v), "sources": sources(refs)})
            results.append(Result(sid, label, name, [Evidence(attr.prop, property=attr.prop, value=v)]))
    else:
        rel, d, other = attr.hop
        query = hop_query(sid, label, attr, said)
        cypher, params = cy.compile_query(query)
        found = store.execute(query)
        edge = _edge_refs(store, sid, sorted(found), rel) if found else {}
        for oid in sorted(found):
            oname = nodes.get(oid, {}).get("name", oid)
            evs, _ = explain.evidence(query, found[oid], nodes)
            if attr.prop is None:
                via = [] if oid in edge else _path_refs(store, evs)  # only through the paper that introduces it
                own = edge.get(oid, []) or via
                values.append({"value": oid, "text": oname, "id": oid, "sources": sources(own),
                               "via_paper": oid not in edge})
                refs += own
                results.append(Result(oid, other, oname, evs))
                continue
            v = (store.get_node(oid) or {}).get(attr.prop)
            if v in (None, "", []):
                continue
            own = (edge.get(oid, []) or _path_refs(store, evs)) + (
                [f"url:{nodes[oid]['url']}"] if attr.prop == "country"
                and str(nodes.get(oid, {}).get("url", "")).startswith("http") else [])
            values.append({"value": v, "text": fmt(attr.prop, v), "of": {"id": oid, "label": other, "name": oname},
                           "sources": sources(own), "via_paper": oid not in edge})
            refs += own
            results.append(Result(oid, other, oname, evs + [Evidence(attr.prop, property=attr.prop, value=v)]))
    hop = f" via {attr.hop[0]} ({'->' if attr.hop[1] == 'out' else '<-'} {attr.hop[2]})" if attr.hop else ""
    if attr.hop and query.constraints[0].kind == "nested":
        hop += ", itself or via the paper that introduces it" if label != "Paper" else \
            ", itself or what it introduces"
    interp = (f"The {A.noun(attr)} of {name} ({sid}){hop}\n  - subject {name} ({sid})  [from '{said}']"
              f"\n  - {attr.prop or attr.hop[0]}  [from '{reading.cue}']")
    if reading.other is not None:
        interp += (f"\n  - -[:DEVELOPED_BY]-> {nodes.get(reading.other.id, {}).get('name')} ({reading.other.id}),"
                   f" checked  [from '{reading.other.text}']")
    sentence = _end(_sentence(name, label, attr, values), refs) if values else \
        f"The atlas does not record {name}'s {A.noun(attr)}."
    value = {"subject": subject, "attribute": attr.key, "property": attr.prop,
             "via": {"rel": attr.hop[0], "dir": attr.hop[1], "label": attr.hop[2]} if attr.hop else None,
             "values": values, "recorded": bool(values), "answer": None, "sentence": sentence, "sources": sources(refs)}
    return Answer(question, interp, query, cypher, params, store.backend, kind="value", results=results,
                  value=value, notes=reading.notes,
                  empty_reason=None if values else f"the atlas does not record {name}'s {A.noun(attr)}")


def answer_yesno(store, parser, reading, parse, question: str) -> Answer:
    """Whether the subject meets the conditions the rest of the question states ('is LLaMA open')."""
    subj = reading.subject
    sid, label, nodes = subj.id, subj.label, parser.nodes
    name = nodes.get(sid, {}).get("name", sid)
    me = Constraint("prop", field="id", value=sid, text=subj.text or name)
    queries = [StructuredQuery(q.target, [me] + q.constraints) for q in logic.expand(parse.target, parse.groups)]
    hit = None
    for q in queries:
        rows = store.execute(q)
        if sid in rows:
            hit = (q, rows[sid])
            break
    first = queries[0]
    conds = "; ".join(explain.describe(c, nodes, label) for c in first.constraints[1:])
    node = store.get_node(sid) or {}
    missing = [c.field for q in queries for c in q.constraints[1:] if c.kind == "prop" and node.get(c.field) is None]
    missing += [] if hit is not None or len(queries) > 1 else _unrecorded(store, sid, label, first)
    results, refs = [], []
    if hit is not None:
        evs, _ = explain.evidence(hit[0], hit[1], nodes)
        results.append(Result(sid, label, name, evs))
        refs = _refs(store, sid) if any(c.kind == "prop" for c in hit[0].constraints[1:]) else []
        refs += _path_refs(store, evs)
        answer = True
        said = (f"{name} is open: released (weights, code or data)" if _only_open(first) and node.get("open")
                else f"Yes: {name} — {conds}")
    elif missing and len(queries) == 1:
        answer, said = None, f"The atlas does not record {name}'s " + ", ".join(
            A.PROP_NOUNS.get(m, A.REL_NOUNS.get(m, m)) for m in dict.fromkeys(missing))
    else:
        answer = False
        shown = "; ".join(f"{m} = {fmt(m, node.get(m))}" for m in dict.fromkeys(
            c.field for c in first.constraints[1:] if c.kind == "prop" and node.get(c.field) is not None))
        said = f"No: {name} is not open" if _only_open(first) else f"No: {name} does not meet: {conds}"
        said += f" (the atlas records {shown})" if shown and not _only_open(first) else ""
        refs = _refs(store, sid) if shown or _only_open(first) else []
    sentence = _end(said, refs)
    interp = f"Is {name} ({sid}) one of these?\n" + explain.interpretation(first, nodes, "list", parse.ignored)
    if len(queries) > 1:
        interp += f"\n  - any of {len(queries)} alternatives"
    text, params = cy.compile_query(first)
    value = {"subject": {"id": sid, "label": label, "name": name}, "attribute": "conditions", "property": None,
             "via": None, "values": [], "recorded": answer is not None, "answer": answer, "sentence": sentence,
             "sources": sources(refs)}
    return Answer(question, interp, first, text, params, store.backend, kind="yesno", results=results, value=value,
                  notes=reading.notes + parse.notes, ignored=parse.ignored)


def answer_compare(store, parser, reading, question: str) -> Answer:
    """'is Aya 23 newer than BLOOM': the same property of both, compared; 'not recorded' if either lacks it."""
    a, b, prop, op = reading.subject, reading.other, reading.attribute.prop, reading.op
    nodes = parser.nodes
    query = StructuredQuery(a.label, [Constraint("prop", field="id", op="in", value=[a.id, b.id], text=a.text)])
    found = store.execute(query) if a.label == b.label else {}
    va, vb = ((store.get_node(x.id) or {}).get(prop) for x in (a, b))
    na, nb = (nodes.get(x.id, {}).get("name", x.id) for x in (a, b))
    word = reading.cue.split()[0]
    if va is None or vb is None:
        answer, said, refs = None, "The atlas does not record the " + A.noun(A.Attribute(prop)) + " of " + (
            na if va is None else nb), []
    else:
        answer = va > vb if op == ">" else va < vb
        refs = _refs(store, a.id) + _refs(store, b.id)
        said = (f"{'Yes' if answer else 'No'}: {na} ({fmt(prop, va)}) is {'' if answer else 'not '}{word} than "
                f"{nb} ({fmt(prop, vb)})")
    results = [Result(x.id, x.label, nodes.get(x.id, {}).get("name", x.id),
                      [Evidence(prop, property=prop, value=v)]) for x, v in ((a, va), (b, vb)) if x.id in found or
               a.label != b.label]
    interp = (f"Is {na} ({a.id}) {word} than {nb} ({b.id})? Compares their {prop}  [from '{reading.cue}']")
    text, params = cy.compile_query(query)
    value = {"subject": {"id": a.id, "label": a.label, "name": na}, "attribute": prop, "property": prop,
             "via": None, "values": [{"value": va, "text": fmt(prop, va) if va is not None else None, "id": a.id},
                                     {"value": vb, "text": fmt(prop, vb) if vb is not None else None, "id": b.id}],
             "recorded": answer is not None, "answer": answer, "sentence": _end(said, refs),
             "sources": sources(refs)}
    return Answer(question, interp, query, text, params, store.backend, kind="yesno", results=results, value=value,
                  notes=reading.notes)


LINEAGE_FREE = ("DERIVED_FROM", "SUBCATEGORY_OF", "INTRODUCES")  # no such edge says something: a base model


def _unrecorded(store, sid: str, label: str, q: StructuredQuery) -> list[str]:
    """Relationship types a positive condition tests of which the subject (with the paper that introduces
    it, where the condition goes through it) has none at all: 'does mT5 cover Korean' when the atlas
    records no language of mT5 is not a no."""
    out = []
    for c in q.constraints[1:]:
        pats = c.patterns(label) if not c.negate else None
        for segs, _ in pats or []:
            seg = next((x for x in segs if x.rel != "INTRODUCES" or x.lo > 0), None)
            if seg is None or seg.rel in LINEAGE_FREE or seg.dir != "out":
                continue
            holders = [sid]
            if segs[0].rel == "INTRODUCES" and segs[0].lo == 0:
                holders += [ln.id for ln in store.links([sid], ("INTRODUCES",)).get(sid, [])]
            links = store.links(holders, (seg.rel,))
            if not any(ln.direction == "out" for h in holders for ln in links.get(h, [])):
                out.append(seg.rel)
    return out


def answer_label(store, parser, reading, question: str) -> Answer:
    """'is Bactrian-X a dataset': whether the thing named is of that kind (its label)."""
    subj, label = reading.subject, reading.op
    name = parser.nodes.get(subj.id, {}).get("name", subj.id)
    query = StructuredQuery(subj.label, [Constraint("prop", field="id", value=subj.id, text=subj.text or name)])
    found = store.execute(query)
    answer = subj.id in found and subj.label == label
    kind = f"{'an' if label[0] in 'AEIOU' else 'a'} {label.lower()}"
    said = f"Yes: {name} is {kind}" if answer else f"No: {name} is not {kind}; it is a {subj.label.lower()}"
    text, params = cy.compile_query(query)
    value = {"subject": {"id": subj.id, "label": subj.label, "name": name}, "attribute": "label", "property": None,
             "via": None, "values": [{"value": subj.label, "text": subj.label}], "recorded": True, "answer": answer,
             "sentence": _end(said, []), "sources": []}
    return Answer(question, f"Is {name} ({subj.id}) {kind}?  [from '{reading.cue}']", query, text, params,
                  store.backend, kind="yesno", results=[Result(subj.id, subj.label, name)], value=value,
                  notes=reading.notes)


def _only_open(q: StructuredQuery) -> bool:
    cs = q.constraints[1:]
    return len(cs) == 1 and cs[0].kind == "prop" and cs[0].field == "open" and cs[0].value is True


def _path_refs(store, evs: list[Evidence]) -> list[str]:
    """The provenance of every relationship on the evidence paths shown."""
    pairs = {}
    for e in evs:
        for p in e.paths:
            for (a, b), r in zip(zip(p["nodes"], p["nodes"][1:]), p["rels"]):
                pairs[(a, b) if r["dir"] == "->" else (b, a), r["type"]] = True
    if not pairs:
        return []
    ids = sorted({x for (ab, _) in pairs for x in ab})
    out = []
    for e in store.subgraph(ids).edges:
        if ((e["source"], e["target"]), e["type"]) in pairs:
            out += list(e.get("provenance") or [])
    return list(dict.fromkeys(out))


def answer_exists(store, question: str, listed: Answer) -> Answer:
    """'are there models from Naver': yes with how many (the list behind it), or no."""
    n = len(listed.results)
    head = ", ".join(r.name for r in listed.results[:5]) + (f" and {n - 5} more" if n > 5 else "")
    target = listed.query.target.lower() if listed.query is not None else "result"
    sentence = f"Yes: {n} {target}(s): {head}." if n else f"No: the atlas holds no such {target}."
    listed.value = {"subject": None, "attribute": "exists", "property": None, "via": None, "values": [],
                    "recorded": True, "answer": bool(n), "sentence": sentence, "sources": []}
    listed.kind, listed.count, listed.question = "yesno", n, question
    listed.empty_reason = None
    return listed
