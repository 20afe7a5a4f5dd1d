"""Validate a seed_data directory and turn it into GraphData; every error names file, line and id.

Nothing is returned from a data set with any error: `load_dataset` raises DataError listing them all,
so a caller (CLI, embedded store, Bolt loader) never sees half a graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import iso639
import networkx as nx
from pydantic import ValidationError

from graph import schema
from graph.schema.model import GraphData
from graph.seed.errors import DataError, Issue  # noqa: F401 - re-exported: callers catch graph.seed.validate.DataError
from graph.seed.crosscheck import Rec, crosscheck
from graph.seed.derived import derive
from graph.seed.later_works import later_work_problems
from graph.seed.records import normalise_record, record_model
from graph.seed.safety import record_problems, ref_problem
from graph.seed.yamlio import LINE, LINES, SeedFileError, read_records, strip_lines

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "seed_data"


@dataclass
class _Ctx:
    issues: list[Issue] = field(default_factory=list)

    def add(self, file: str, line: int, id_: str, msg: str) -> None:
        self.issues.append(Issue(file, line or 0, id_, msg))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _check_provenance(ctx: _Ctx, refs: list[str], file: str, line: int, id_: str, where: str) -> None:
    for ref in refs:
        if not schema.PROVENANCE_RE.match(ref):
            ctx.add(file, line, id_, f"{where}: provenance {ref!r} is not survey:/list:/arxiv:/acl:/doi:/url:")
        elif ref_problem(ref):
            ctx.add(file, line, id_, f"{where}: provenance {ref_problem(ref)}")


def _check_safe_text(ctx: _Ctx, file: str, rec: dict, props: dict, id_: str) -> None:
    """Text that could become markup or a bad link (graph/seed/safety.py), each with its field's line."""
    for key, why in record_problems(props):
        ctx.add(file, _field_line(rec, (key,)), id_, f"{key}: {why}")


def check_iso639_3(code: str) -> str | None:
    """None when ``code`` is an active ISO 639-3 code of a language (python-iso639's registry), else why not.

    >>> check_iso639_3("tgl") is None, check_iso639_3("en")
    (True, "'en' is not a three-letter lowercase ISO 639-3 code")
    """
    if not isinstance(code, str) or len(code) != 3 or not code.isascii() or not code.isalpha() or not code.islower():
        return f"{code!r} is not a three-letter lowercase ISO 639-3 code"
    if "qaa" <= code <= "qtz":
        return f"{code!r} is in the range reserved for local use (qaa-qtz), not a language"
    try:
        lang = iso639.Language.from_part3(code)
    except iso639.LanguageNotFoundError:
        return f"{code!r} is not in the ISO 639-3 code table"
    if lang.scope == "S":
        return f"{code!r} is a special code ({lang.name}), not a language"
    if getattr(lang, "status", "A") != "A":
        return f"{code!r} is a retired ISO 639-3 code"
    return None


def _read_dir(data_dir: Path, shown: str, ctx: _Ctx) -> dict[str, list[dict]]:
    """The records of each label's seed file in one folder (empty where the file is absent)."""
    by_label: dict[str, list[dict]] = {}
    known = {nt.file for nt in schema.NODE_TYPES.values()}
    for path in sorted(data_dir.glob("*.y*ml")):
        if path.name not in known:
            ctx.add(f"{shown}/{path.name}", 0, "", f"unknown seed file (expected one of: {', '.join(sorted(known))})")
    for nt in schema.NODE_TYPES.values():
        path = data_dir / nt.file
        if not path.exists():
            by_label[nt.label] = []
            continue
        try:
            by_label[nt.label] = read_records(path, display_name=f"{shown}/{nt.file}")
        except SeedFileError as exc:
            ctx.add(exc.file, exc.line or 0, "", exc.message)
            by_label[nt.label] = []
    return by_label


def _record_files(data_dir: Path, ctx: _Ctx) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """The main seed files' records and those of ``since_survey/`` (the post-survey works), by label."""
    main = _read_dir(data_dir, data_dir.name, ctx)
    since_dir = data_dir / schema.SINCE_SURVEY_DIR
    since = _read_dir(since_dir, f"{data_dir.name}/{schema.SINCE_SURVEY_DIR}", ctx) if since_dir.is_dir() else {}
    return main, since


def _field_line(rec: dict, loc: tuple) -> int:
    lines = rec.get(LINES, {})
    if loc and isinstance(loc[0], str) and loc[0] in lines:
        return lines[loc[0]]
    return rec.get(LINE, 0)


def validate_records(by_label: dict[str, list[dict]], data_dir_name: str = "seed_data",
                     since_survey: dict[str, list[dict]] | None = None) -> GraphData:
    """Check records of every label against the schema and each other; GraphData or DataError.

    ``since_survey`` holds the records of the post-survey files (seed_data/since_survey/), by label.
    """
    ctx = _Ctx()
    return _validate(by_label, data_dir_name, ctx, since_survey or {})


def _sources(by_label: dict, since: dict, dname: str):
    """(label, file shown in errors, records, whether the file is a main one) for every seed file."""
    for label, records in by_label.items():
        yield label, f"{dname}/{schema.NODE_TYPES[label].file}", records, True
    for label, records in since.items():
        yield label, f"{dname}/{schema.SINCE_SURVEY_DIR}/{schema.NODE_TYPES[label].file}", records, False


def _validate(by_label: dict[str, list[dict]], dname: str, ctx: _Ctx, since: dict | None = None) -> GraphData:
    nodes: dict[str, dict] = {}
    where: dict[str, tuple[str, int]] = {}
    pending_edges: list[tuple[str, int, str, str, str, str, dict]] = []  # file,line,owner,src,tgt,type,props
    checked: list[Rec] = []  # every record that passed the schema, for the cross-checks

    for label, file, records, main_file in _sources(by_label, since or {}, dname):
        nt = schema.NODE_TYPES[label]
        model = record_model(label)
        for rec in records:
            line = rec.get(LINE, 0)
            rid = rec.get("id") if isinstance(rec.get("id"), str) else "?"
            clean = normalise_record(label, strip_lines(rec))
            try:
                parsed = model.model_validate(clean)
            except ValidationError as exc:
                for err in exc.errors():
                    loc = err["loc"]
                    path = ".".join(str(p) for p in loc) or "record"
                    msg = err["msg"]
                    if err["type"] == "extra_forbidden":
                        msg = f"unknown property or relationship field for {label}"
                    ctx.add(file, _field_line(rec, loc), rid, f"{path}: {msg}")
                continue
            data = parsed.model_dump(exclude_none=True)
            m = schema.ID_RE.match(data["id"])
            if not m or m.group(1) != nt.prefix:
                ctx.add(file, line, rid, f"id must look like '{nt.prefix}:<slug>' (lowercase, digits, '-', '.', '+')")
                continue
            if data["id"] in where:
                f0, l0 = where[data["id"]]
                ctx.add(file, line, rid, f"duplicate id (first defined at {f0}:{l0})")
                continue
            where[data["id"]] = (file, line)
            default_prov = _as_list(data.pop("provenance", None))
            _check_provenance(ctx, default_prov, file, line, rid, "provenance")
            props = {"id": data["id"], "label": label, "name": data["name"]}
            for p in nt.all_props:
                if p.name in data:
                    props[p.name] = data[p.name]
            if not main_file and props.get("in_survey") is not False:
                ctx.add(file, _field_line(rec, ("in_survey",)), rid,
                        "in_survey: a record under since_survey/ must say 'in_survey: false'")
            props["in_survey"] = props.get("in_survey", True)
            if label == "Language":
                problem = check_iso639_3(props["iso639_3"])
                if problem:
                    ctx.add(file, _field_line(rec, ("iso639_3",)), rid, f"iso639_3: {problem}")
                elif props["id"] != f"lang:{props['iso639_3']}":
                    ctx.add(file, line, rid, f"a Language id must be 'lang:<iso639_3>' (here lang:{props['iso639_3']})")
                rc = props.get("resource_class")
                if rc is not None and not 0 <= rc <= 5:
                    ctx.add(file, _field_line(rec, ("resource_class",)), rid, "resource_class must be 0-5 (Joshi et al. 2020)")
                if rc is not None and not props.get("resource_class_source"):
                    props["resource_class_source"] = schema.RESOURCE_CLASS_SOURCE
            _check_safe_text(ctx, file, rec, props, rid)
            props.update(derive(label, props))
            nodes[props["id"]] = props
            rec_at = Rec(file, line, props, rec.get(LINES, {}), [(line, ref) for ref in default_prov])
            checked.append(rec_at)
            for rt in schema.REL_TYPES.values():
                for fname, forward in ((rt.field, True), (rt.inverse_field, False)):
                    if not fname or fname not in data:
                        continue
                    fline = _field_line(rec, (fname,))
                    for entry in data[fname]:
                        eprops = {"to": entry} if isinstance(entry, str) else dict(entry)
                        other = eprops.pop("to")
                        prov = _as_list(eprops.pop("provenance", None)) or default_prov
                        if not prov:
                            ctx.add(file, fline, rid, f"{fname} -> {other}: no provenance (give one on the entry or the record)")
                            continue
                        _check_provenance(ctx, prov, file, fline, rid, f"{fname} -> {other}")
                        rec_at.refs += [(fline, ref) for ref in _as_list(eprops.get("provenance"))]
                        eprops["provenance"] = prov
                        src, tgt = (props["id"], other) if forward else (other, props["id"])
                        eprops["in_survey"] = props["in_survey"]  # the declaring record's; ends checked below
                        pending_edges.append((file, fline, rid, src, tgt, rt.type, eprops))

    edges: list[dict] = []
    seen: dict[tuple, tuple[str, int]] = {}
    for file, line, owner, src, tgt, rtype, eprops in pending_edges:
        rt = schema.REL_TYPES[rtype]
        ok = True
        for end, allowed in ((src, rt.sources), (tgt, rt.targets)):
            if end not in nodes:
                ctx.add(file, line, owner, f"{rtype}: unknown id {end!r}")
                ok = False
            elif nodes[end]["label"] not in allowed:
                ctx.add(file, line, owner, f"{rtype}: {end} is a {nodes[end]['label']}, expected {'/'.join(allowed)}")
                ok = False
        if not ok:
            continue
        if src == tgt:
            ctx.add(file, line, owner, f"{rtype}: a node cannot relate to itself")
            continue
        key = (src, tgt, schema.edge_key(rtype, eprops))
        if key in seen:
            f0, l0 = seen[key]
            ctx.add(file, line, owner, f"{rtype} {src} -> {tgt}: duplicate relationship (first at {f0}:{l0})")
            continue
        seen[key] = (file, line)
        eprops["in_survey"] = eprops["in_survey"] and nodes[src]["in_survey"] and nodes[tgt]["in_survey"]
        edges.append({"source": src, "target": tgt, "type": rtype, **eprops})

    for rt in schema.REL_TYPES.values():
        if not rt.acyclic:
            continue
        g = nx.DiGraph((e["source"], e["target"]) for e in edges if e["type"] == rt.type)
        for cycle in nx.simple_cycles(g):
            first = min(cycle)
            file, line = where[first]
            ctx.add(file, line, first, f"{rt.type} cycle: {' -> '.join(cycle + [cycle[0]])}")
            break

    for file, line, id_, msg in crosscheck(checked):
        ctx.add(file, line, id_, msg)
    for file, line, id_, msg in later_work_problems(nodes, edges, checked):
        ctx.add(file, line, id_, msg)
    if ctx.issues:
        raise DataError(ctx.issues)
    edges.sort(key=lambda e: (e["type"], e["source"], e["target"], e.get("role", "")))
    return GraphData(nodes=dict(sorted(nodes.items())), edges=edges)


def load_dataset(data_dir: Path | str | None = None) -> GraphData:
    """Read and validate every seed file of ``data_dir``; GraphData, or DataError with every problem."""
    data_dir = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        raise DataError([Issue(str(data_dir), 0, "", "not a directory")])
    ctx = _Ctx()
    by_label, since = _record_files(data_dir, ctx)
    return _validate(by_label, data_dir.name, ctx, since)
