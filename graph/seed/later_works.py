"""Works added after the survey: the one rule for their mark (✦) that every list, table and canvas shows, and
the checks that keep them sound (each has a reference, lineage runs forward).

Validation (graph/seed/validate.py) calls ``later_work_problems`` on the validated nodes and edges; each
problem is (file, line, id, message) like every other validation error.
"""
from __future__ import annotations

# --- the mark ---------------------------------------------------------------------------------------
SURVEY_DATE = "2024-04"  # Qin et al., arXiv:2404.04925
MARK = "✦"
MARK_MEANS = f"{MARK} added after the survey ({SURVEY_DATE})"
AFTER_SURVEY = "after_survey"  # the boolean field a row or an export carries instead of the glyph


def after_survey(record) -> bool:
    """Whether ``record`` (a node record, or a row carrying ``after_survey``) is a work added after the survey:
    its record says ``in_survey: false``. Anything else (no record, no flag) is not."""
    if not isinstance(record, dict):
        return False
    return record.get("in_survey", True) is False or record.get(AFTER_SURVEY) is True


def later_mark(record) -> str:
    """The mark to put in front of a name: "✦ " for a work added after the survey, else ""."""
    return f"{MARK} " if after_survey(record) else ""


def marked_name(record, name=None) -> str:
    """``name`` (default: the record's name, else its id) with the post-survey mark in front when it carries it."""
    rec = record if isinstance(record, dict) else {}
    text = str(name if name is not None else rec.get("name") or rec.get("id", ""))
    return later_mark(rec) + text


# What counts as a reference on a record: a paper's arxiv / acl / doi or any record's url, or a provenance
# reference that names a source (not survey: or list:, which later works cannot cite).
REFERENCE_PROPS = ("arxiv", "acl", "doi", "url")
SOURCE_REFS = ("arxiv:", "acl:", "doi:", "url:")


def _has_reference(node: dict, refs=()) -> bool:
    return any(node.get(p) for p in REFERENCE_PROPS) or any(str(r).startswith(SOURCE_REFS) for r in refs)


def missing_references(nodes: dict, edges: list[dict], refs: dict | None = None) -> list[tuple[str, str]]:
    """(id, why) for each later record (in_survey: false) of a work with no reference of its own.

    A later paper needs an arXiv id, an ACL Anthology id, a DOI, a url or a source in its provenance. A
    later model, data set or method needs a url or a source in its provenance (its card, official page or
    paper), or a paper with a reference that introduces it. ``refs``: id -> the provenance its record cites.
    """
    refs = refs or {}
    introduced_by: dict[str, list[str]] = {}
    for e in edges:
        if e["type"] == "INTRODUCES":
            introduced_by.setdefault(e["target"], []).append(e["source"])
    out = []
    for nid, n in nodes.items():
        if n.get("in_survey") is not False or n["label"] not in ("Paper", "Model", "Dataset", "Method") \
                or _has_reference(n, refs.get(nid, ())):
            continue
        if n["label"] == "Paper":
            out.append((nid, "a later paper needs a reference: arxiv, acl, doi, url or an arxiv:/acl:/doi:/url: provenance"))
        elif not any(_has_reference(nodes[p], refs.get(p, ())) for p in introduced_by.get(nid, ())):
            out.append((nid, "a later work needs a reference: a url or arxiv:/acl:/doi:/url: provenance "
                              "(model card, official page, paper) or a paper with one that introduces it"))
    return out

def lineage_out_of_order(nodes: dict, edges: list[dict]) -> list[tuple[str, str]]:
    """(child id, why) for each DERIVED_FROM whose child has an earlier year than its parent and no note."""
    out = []
    for e in edges:
        if e["type"] != "DERIVED_FROM" or e.get("note"):
            continue
        child, parent = nodes[e["source"]], nodes[e["target"]]
        cy, py = child.get("year"), parent.get("year")
        if isinstance(cy, int) and isinstance(py, int) and cy < py:
            out.append((child["id"], f"derived_from -> {parent['id']}: {child['id']} ({cy}) is older than its "
                                     f"parent ({py}); fix a year, split the record, or explain it in the entry's note"))
    return out


def later_work_problems(nodes: dict, edges: list[dict], records: list) -> list[tuple[str, int, str, str]]:
    """Every problem of both checks, placed at its record's file and line (``records``: crosscheck.Rec)."""
    at = {r.props["id"]: (r.file, r.line) for r in records}
    refs = {r.props["id"]: [ref for _, ref in r.refs] for r in records}
    found = missing_references(nodes, edges, refs) + lineage_out_of_order(nodes, edges)
    return [(*at.get(nid, ("seed_data", 0)), nid, msg) for nid, msg in found]
