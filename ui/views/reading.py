"""An answer's reading in plain English sentences with names ("uses the technique Code-switching"), read from
the structured query (``Answer.to_json()["query"]``), evidence paths as names, values formatted (7B, 176B).

Presentation only: graph.ask computes the query; this never changes what is asked, only how it is said.
"""
from __future__ import annotations

from graph import schema
from graph.store.index import index

NOUN = {"Paper": "paper", "Method": "method", "Model": "model", "Dataset": "data set", "Language": "language",
        "Technique": "technique", "Category": "category", "Frontier": "frontier", "Organization": "organisation"}
PLURAL = {"Paper": "papers", "Method": "methods", "Model": "models", "Dataset": "data sets",
          "Language": "languages", "Technique": "techniques", "Category": "categories", "Frontier": "frontiers",
          "Organization": "organisations"}
# (relationship, direction seen from the thing asked about) -> verb phrase before "the <noun> <name>"
VERB = {("USES_TECHNIQUE", "out"): "uses", ("USES_TECHNIQUE", "in"): "is the technique of",
        ("COVERS_LANGUAGE", "out"): "covers", ("COVERS_LANGUAGE", "in"): "is covered by",
        ("DERIVED_FROM", "out"): "is derived from", ("DERIVED_FROM", "in"): "is the base of",
        ("INTRODUCES", "out"): "introduces", ("INTRODUCES", "in"): "is introduced in",
        ("APPLIED_TO", "out"): "is applied to", ("APPLIED_TO", "in"): "has applied to it",
        ("TRAINED_ON", "out"): "is trained on", ("TRAINED_ON", "in"): "is training data of",
        ("EVALUATED_ON", "out"): "is evaluated on", ("EVALUATED_ON", "in"): "is the benchmark of",
        ("ADDRESSES", "out"): "addresses", ("ADDRESSES", "in"): "is addressed by",
        ("DEVELOPED_BY", "out"): "is developed by", ("DEVELOPED_BY", "in"): "developed",
        ("CLASSIFIED_AS", "out"): "is classified as", ("CLASSIFIED_AS", "in"): "classifies",
        ("SUBCATEGORY_OF", "out"): "is a subcategory of", ("SUBCATEGORY_OF", "in"): "has the subcategory"}
ROLE = {"trained_on": "as a training language", "targeted": "as a target language",
        "evaluated": "as an evaluation language"}
OP = {"=": "of", "!=": "other than", ">": "above", ">=": "of at least", "<": "below", "<=": "of at most",
      "in": "among"}
FIELD = {"parameters_max": "parameter count", "resource_class": "resource class (Joshi et al. 2020)",
         "year": "year"}


def value_text(field: str | None, value) -> str:
    """A value as a reader says it: parameter counts as 7B / 176B, lists joined, booleans as words."""
    from graph.ask.sizes import human

    if isinstance(value, (list, tuple, set, frozenset)):
        items = [value_text(field, v) for v in value]
        return ", ".join(items[:-1]) + (" or " if len(items) > 1 else "") + items[-1] if items else "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)) and field and "param" in field and abs(value) >= 1_000_000:
        return human(value)
    return str(value)


def _name(idx, node_id) -> str:
    """The node's name, with the post-survey mark in front when it carries it."""
    return idx.marked(node_id) if node_id else "?"


def _thing(idx, node_id: str) -> str:
    """'the technique Code-switching': the end node's kind and name."""
    noun = NOUN.get(schema.label_of(node_id) or "", "entity")
    return f"the {noun} {_name(idx, node_id)}"


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _test(field, op, value, lead: str = "has") -> str:
    """'has a parameter count above 100B' (lead "with" inside another phrase); open/closed as words."""
    if field == "open" and op == "=" and isinstance(value, bool):
        word = "open" if value else "closed"
        return f"is {word}" if lead == "has" else f"that is {word}"
    words = FIELD.get(field, str(field).replace("_", " "))
    if op == "in" and isinstance(value, (list, tuple)) and len(value) == 1:
        op = "="
    return f"{lead} {_a(words)} {OP.get(op, op)} {value_text(field, value)}"


def phrase(idx, c: dict, target: str) -> str:
    """One constraint (``Constraint.to_dict()``) as a verb phrase about the thing asked for."""
    kind = c.get("kind")
    neg = bool(c.get("negate"))
    if kind == "any":
        parts = [phrase(idx, a, target) for a in c.get("alternatives") or []]
        return ("neither " + " nor ".join(parts)) if neg else " or ".join(parts)
    text = _phrase(idx, c, target)
    return f"not: {text}" if neg else text


def _phrase(idx, c: dict, target: str) -> str:
    kind, rel, d = c.get("kind"), c.get("rel"), c.get("dir", "out")
    role = f" {ROLE[c['role']]}" if c.get("role") in ROLE else ""
    if kind == "category":
        return f"is classified under {_thing(idx, c.get('id'))} (or anything below it)"
    if kind == "lineage":
        if c.get("direction") == "descendants":
            return f"is derived from {_thing(idx, c.get('id'))}, directly or through others"
        return f"is what {_thing(idx, c.get('id'))} is built on, directly or through others"
    if kind == "link":
        return f"{VERB.get((rel, d), rel)} {_thing(idx, c.get('id'))}{role}"
    if kind == "language_group":
        if target == "Language":
            return _test(c.get("field"), c.get("op", "="), c.get("value"))
        return f"covers a language{role} {_test(c.get('field'), c.get('op', '='), c.get('value'), 'with')}"
    if kind == "related":
        noun = NOUN.get(c.get("label") or "", "entity")
        test = f" {_test(c.get('field'), c.get('op', '='), c.get('value'), 'with')}" if c.get("field") else ""
        return f"{VERB.get((rel, d), rel)} {_a(noun)}{test}{role}"
    if kind == "nested":
        sub = c.get("sub") or {}
        noun = NOUN.get(sub.get("target") or "", "entity")
        inner = " and ".join(phrase(idx, s, sub.get("target", "")) for s in sub.get("constraints") or [])
        return f"{VERB.get((rel, d), rel)} {_a(noun)}" + (f" that {inner}" if inner else "")
    if kind == "prop":
        return _test(c.get("field"), c.get("op", "="), c.get("value"))
    return str(c.get("text") or kind)


def reading(store, answer: dict) -> dict:
    """``{"head", "sentences", "ranking"}``: the question as understood, in plain words with names."""
    q = answer.get("query") or {}
    target = q.get("target", "")
    idx = index(store)
    plural = PLURAL.get(target, f"{target}s")
    head = {"count": f"How many {plural}", "ranking": f"{plural.capitalize()}, ranked"}.get(
        answer.get("kind"), plural.capitalize())
    if q.get("constraints"):
        head += ", each of which"
    sentences = [phrase(idx, c, target) for c in q.get("constraints") or []]
    ranking = ""
    agg = q.get("aggregate")
    if agg:
        how = "most" if agg.get("order", "desc") == "desc" else "fewest"
        top = f"; the top {agg['k']} (ties kept)" if agg.get("k") else ""
        ranking = (f"ranked by how many {PLURAL.get(agg.get('label'), 'items')} each "
                   f"{VERB.get((agg.get('rel'), agg.get('dir', 'out')), agg.get('rel'))}, {how} first{top}")
    order = q.get("order")
    if order:
        best = "highest" if order.get("order", "desc") == "desc" else "lowest"
        field = FIELD.get(order.get("field"), str(order.get("field")).replace("_", " "))
        top = f" (top {order['k']}, ties kept)" if order.get("k", 1) > 1 else ""
        ranking = f"keeping those with the {best} {field}{top}"
    ranked = ranked_property(answer)
    if answer.get("kind") == "ranking" and not ranking and ranked:
        ranking = f"ranked by {FIELD.get(ranked, ranked.replace('_', ' '))}"
    return {"head": head, "sentences": sentences, "ranking": ranking}


def path_words(idx, path: dict, start: str = "") -> str:
    """An evidence path as names: 'CLP → uses → Code-switching' ('uses → Code-switching' from ``start``)."""
    nodes = path.get("nodes") or []
    out = _name(idx, nodes[0]) if nodes and nodes[0] != start else ""
    for k, rel in enumerate(path.get("rels") or []):
        d = "out" if rel.get("dir") == "->" else "in"
        verb = VERB.get((rel.get("type"), d), str(rel.get("type")))
        out += f" → {verb} → {_name(idx, nodes[k + 1])}" if k + 1 < len(nodes) else ""
    return out.removeprefix(" → ")


def evidence_words(store, evidence: list[dict], start: str = "", query: dict | None = None) -> str:
    """The evidence of one result row (``start``) as names, one part per constraint of ``query``."""
    idx = index(store)
    constraints = (query or {}).get("constraints") or []
    target = (query or {}).get("target", "")
    parts = []
    for i, item in enumerate(evidence):
        if item.get("absent"):
            what = _phrase(idx, constraints[i], target) if i < len(constraints) and constraints[i].get("kind") != "any" \
                else "the link asked about"
            parts.append(f"none found, as asked: {what}")
        elif "property" in item:
            prop = item["property"]
            parts.append(f"{FIELD.get(prop, prop)}: {value_text(prop, item['value'])}")
        elif item.get("paths"):
            more = item.get("total_paths", 1) - 1
            parts.append(path_words(idx, item["paths"][0], start) + (f" (+{more} more)" if more > 0 else ""))
    return "; ".join(parts)


def ranked_property(answer: dict) -> str:
    """The property a ranking's values are (the evidence item holding each row's value), or ""."""
    for r in answer.get("results") or []:
        for item in r.get("evidence") or []:
            if "property" in item and "value" in r and item.get("value") == r["value"]:
                return str(item["property"])
    return ""


def result_table(store, answer: dict) -> list[dict]:
    """The answer's rows for the table: name, type, after_survey (the mark, as a boolean), the ranked or ordered
    value formatted, evidence as names (each marked when added after the survey)."""
    order = (answer.get("query") or {}).get("order")
    agg = (answer.get("query") or {}).get("aggregate")
    field = order["field"] if order else ("" if agg else ranked_property(answer))
    col = FIELD.get(field, field.replace("_", " ")) if field else (
        f"number of {PLURAL.get(agg.get('label'), 'items')}" if agg else "value")
    rows = []
    for r in answer.get("results") or []:
        row = {"name": r["name"], "type": r["label"], "after_survey": index(store).after_survey(r["id"])}
        if "value" in r:
            row[col] = value_text(field, r["value"])
        row["evidence"] = evidence_words(store, r.get("evidence") or [], r["id"], answer.get("query"))
        row["id"] = r["id"]
        rows.append(row)
    return rows


def marked_names(store, ids) -> dict:
    """id -> name with the post-survey mark, for the ids an answer shows (e.g. a comparison's two items)."""
    idx = index(store)
    return {i: idx.marked(i) for i in ids}


def answer_export(store, answer: dict) -> dict:
    """The answer's JSON as downloaded: each result with ``after_survey`` (a boolean, never a glyph in the name)."""
    idx = index(store)
    return {**answer, "results": [{**r, "after_survey": idx.after_survey(r["id"])} for r in answer.get("results") or []]}
