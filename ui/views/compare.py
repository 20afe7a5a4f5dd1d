"""Two to six methods, models or data sets side by side: one row per attribute, one column per entity."""
from __future__ import annotations

import csv
import io

from graph import schema
from ui.views.entity import entity_links
from graph.store.index import index

COMPARE_LABELS = ("Method", "Model", "Dataset")
MAX_COMPARE = 6


def compare_candidates(store) -> list[dict]:
    """Every method, model and data set: id, label, name, after_survey (for the picker)."""
    idx = index(store)
    return [{"id": n["id"], "label": label, "name": n.get("name", n["id"]), "after_survey": idx.after_survey(n["id"])}
            for label in COMPARE_LABELS for n in idx.by_label(label)]


def telling_pair(store) -> list[str]:
    """The default comparison: the model most built upon and the derivative of it that is itself most built
    upon (a base and its best-known child), or the first two candidates when no model has a derivative."""
    idx = index(store)
    models = idx.by_label("Model")
    kids = {m["id"]: [s for s in idx.sources(m["id"], "DERIVED_FROM") if idx.nodes.get(s, {}).get("label") == "Model"]
            for m in models}
    base = max(models, key=lambda m: (len(kids[m["id"]]), -len(m.get("name", ""))), default=None)
    if base is None or not kids[base["id"]]:
        return [c["id"] for c in compare_candidates(store)[:2]]
    child = max(sorted(kids[base["id"]]), key=lambda k: len(kids.get(k, ())))
    return [base["id"], child]


def _names_of(idx, ids, marked: bool = False) -> str:
    """The names of ``ids``, sorted, distinct; with ``marked``, each later work's with the post-survey mark."""
    names = {(idx.marked(i) if marked else idx.name(i)): idx.name(i) for i in ids}
    return ", ".join(sorted(names, key=lambda n: names[n].lower()))


def compare_table(store, ids: list[str], marked: bool = False) -> dict:
    """``columns`` (entity names, in the order asked) and ``rows`` (attribute + one value per entity; the
    ``after_survey`` row says true or false). Unknown ids are left out and listed in ``unknown``; more than
    MAX_COMPARE ids are cut. ``marked`` (the page's table, not the CSV): names carry the post-survey mark."""
    idx = index(store)

    def _names(idx_, ids_) -> str:
        return _names_of(idx_, ids_, marked)

    known = [i for i in ids if i in idx.nodes][:MAX_COMPARE]
    unknown = [i for i in ids if i not in idx.nodes]
    attrs: list[tuple[str, callable]] = [
        ("id", lambda i, n: i),
        ("type", lambda i, n: n.get("label", "?")),
        ("after_survey", lambda i, n: "true" if idx.after_survey(i) else "false"),
        ("year", lambda i, n: n.get("year", "")),
        ("category", lambda i, n: _names(idx, idx.targets(i, "CLASSIFIED_AS"))),
        ("techniques", lambda i, n: _names(idx, idx.targets(i, "USES_TECHNIQUE"))),
        ("languages", lambda i, n: _languages(idx, i, marked)),
        ("low-resource languages", lambda i, n: _names(idx, [
            lang for lang in idx.languages_of(i)
            if schema.is_low_resource(idx.nodes.get(lang, {}).get("resource_class"))])),
        ("base model / derived from", lambda i, n: _names(idx, idx.targets(i, "DERIVED_FROM")
                                                          + idx.targets(i, "APPLIED_TO"))),
        ("data (trained on)", lambda i, n: _names(idx, idx.targets(i, "TRAINED_ON"))),
        ("evaluated on", lambda i, n: _names(idx, idx.targets(i, "EVALUATED_ON"))),
        ("stage", lambda i, n: n.get("stage", "")),
        ("parameters", lambda i, n: n.get("parameters", "")),
        ("open", lambda i, n: {True: "yes", False: "no"}.get(n.get("open"), "")),
        ("developed by", lambda i, n: _names(idx, idx.targets(i, "DEVELOPED_BY"))),
        ("introduced in", lambda i, n: _names(idx, idx.sources(i, "INTRODUCES"))),
        ("frontiers", lambda i, n: _names(idx, idx.targets(i, "ADDRESSES"))),
        ("links", lambda i, n: " ".join(link["url"] for link in _links(idx, i))),
    ]
    columns = [idx.marked(i) if marked else idx.name(i) for i in known]
    # Two entities may share a display name; keep column headers distinct.
    columns = [c if columns.count(c) == 1 else f"{c} ({i})" for c, i in zip(columns, known)]
    rows = []
    for attr, fn in attrs:
        values = [fn(i, idx.nodes[i]) for i in known]
        if attr != "id" and all(v in ("", None) for v in values):
            continue
        rows.append({"attribute": attr, **{c: ("" if v is None else str(v)) for c, v in zip(columns, values)}})
    return {"ids": known, "columns": columns, "rows": rows, "unknown": unknown}


def _languages(idx, item: str, marked: bool = False) -> str:
    langs = idx.languages_of(item)
    if len(langs) > 12:
        return f"{len(langs)} languages: " + _names_of(idx, langs[:12], marked) + ", …"
    return _names_of(idx, langs, marked)


def _links(idx, item: str) -> list[dict]:
    node = idx.nodes[item]
    links = entity_links(node)
    for paper in idx.sources(item, "INTRODUCES"):
        links += entity_links(idx.nodes.get(paper, {}))
    seen, out = set(), []
    for link in links:
        if link["url"] not in seen:
            seen.add(link["url"])
            out.append(link)
    return out


def table_csv(table: dict) -> str:
    """The compare table as CSV text (attribute column first)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["attribute", *table["columns"]])
    for row in table["rows"]:
        w.writerow([row["attribute"], *(row.get(c, "") for c in table["columns"])])
    return buf.getvalue()
