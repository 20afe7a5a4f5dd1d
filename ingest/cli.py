"""`python -m ingest`: validate seed data, report what it holds, draft records (companion list, BibTeX, arXiv), load into a Bolt server.

Each command is a thin shell over one function of ingest/ (validate.load_dataset, companion_list.parse_*,
bibtex.import_bibtex, arxiv_api.add_arxiv), so the CLI and the Python API say the same thing.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graph.seed.validate import DEFAULT_DATA_DIR, DataError, load_dataset


def _load(args):
    """The data set at ``args.data``, or None after printing why it cannot be read (the caller exits 1)."""
    try:
        return load_dataset(args.data)
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return None


def cmd_validate(args) -> int:
    data = _load(args)
    if data is None:
        return 1
    if args.survey_only:  # everything is validated; the counts are the survey's
        from graph.seed.survey import survey_only

        data = survey_only(data)
    counts = data.counts()
    ambiguous = None
    if args.report:  # names that resolve to more than one entity (graph.search.resolve says "did you mean" for them)
        from graph.search.resolve import ambiguous_names

        ambiguous = ambiguous_names(data.nodes.values())
    if args.json:
        extra = {"ambiguous_names": [{"name": n, "ids": ids} for n, ids in ambiguous]} if ambiguous is not None else {}
        print(json.dumps({"ok": True, **counts, **extra}, indent=2, ensure_ascii=False))
    else:
        print(f"ok: {counts['total_nodes']} nodes, {counts['total_relationships']} relationships in {args.data}")
        if ambiguous is not None:
            print(f"{len(ambiguous)} name(s) resolve to more than one entity (resolve asks which one):")
            for name, ids in ambiguous:
                print(f"  {name}: {', '.join(ids)}")
    return 0


def cmd_report(args) -> int:
    from graph.seed.holdings import holdings, render

    data = _load(args)
    if data is None:
        return 1
    h = holdings(data)
    print(json.dumps(h, indent=2, ensure_ascii=False) if args.json else render(h))
    return 0


def _output_ok(args) -> bool:
    """Say in one line why ``-o`` cannot be written, before any work (exit 2 follows)."""
    from ingest.drafts import DraftError, check_output

    if not args.output:
        return True
    try:
        check_output(Path(args.output), args.force)
    except DraftError as exc:
        print(f"error: {exc}; nothing written", file=sys.stderr)
        return False
    return True


def _read_input(path: str, limit: int) -> str:
    """The UTF-8 text of an input file, its size checked before it is read (DraftError when too large)."""
    from ingest.drafts import DraftError

    size = Path(path).stat().st_size
    if size > limit:
        raise DraftError(f"{path}: {size:,} bytes; at most {limit:,} are read")
    return Path(path).read_text(encoding="utf-8")


def cmd_import_list(args) -> int:
    from ingest.companion_list import MAX_LIST, ImportError_, parse_data_resources, parse_paperlist, to_yaml
    from ingest.drafts import DraftError, write_atomically

    if not _output_ok(args):
        return 2
    try:
        text = _read_input(args.markdown, MAX_LIST)
        records = parse_data_resources(text) if args.kind == "datasets" else parse_paperlist(text)
    except UnicodeDecodeError as exc:
        print(f"{args.markdown}: not UTF-8 text ({exc.reason} at byte {exc.start})", file=sys.stderr)
        return 1
    except (OSError, ImportError_, DraftError) as exc:
        print(f"{args.markdown}: {exc}", file=sys.stderr)
        return 1
    out = to_yaml(records, header=f"# Draft imported from {Path(args.markdown).name}; curate before use.")
    if args.output:
        try:
            write_atomically(Path(args.output), out, args.force)
        except (DraftError, OSError) as exc:
            print(f"error: {exc}; nothing written", file=sys.stderr)
            return 2
        print(f"wrote {len(records)} draft {args.kind} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 0


def _write_drafts(records: list[dict], report: list[str], source: str, args) -> int:
    from ingest.drafts import DraftError, drafts_yaml, write_atomically

    if args.since_survey:
        for rec in records:
            rec["in_survey"] = False
    text = drafts_yaml(records, source)
    if args.output:
        try:
            write_atomically(Path(args.output), text, args.force)
        except (DraftError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        report = [*report, f"wrote {len(records)} draft(s) to {args.output}"]
    else:
        sys.stdout.write(text)
    print("\n".join(report), file=sys.stderr)
    return 0


def cmd_import_bibtex(args) -> int:
    from ingest.bibtex import MAX_BIB, import_bibtex
    from ingest.drafts import Curated, DraftError

    if not _output_ok(args):
        return 2
    try:
        text = _read_input(args.bibfile, MAX_BIB)
        result = import_bibtex(text, Curated.from_data_dir(args.data), source=Path(args.bibfile).name)
    except UnicodeDecodeError as exc:
        print(f"error: {args.bibfile}: not UTF-8 text ({exc.reason} at byte {exc.start}); nothing written", file=sys.stderr)
        return 2
    except (OSError, DraftError) as exc:
        print(f"error: {exc}; nothing written", file=sys.stderr)
        return 2
    return _write_drafts(result.records, result.report(), Path(args.bibfile).name, args)


def cmd_add_arxiv(args) -> int:
    from ingest.arxiv_api import ArxivError, ArxivOffline, add_arxiv
    from ingest.drafts import Curated, DraftError

    if not _output_ok(args):
        return 2
    if not 0 < args.timeout <= 600:
        print(f"error: --timeout must be more than 0 and at most 600 seconds (got {args.timeout:g})", file=sys.stderr)
        return 2
    try:
        result = add_arxiv(args.ids, Curated.from_data_dir(args.data), timeout=args.timeout)
    except ArxivOffline as exc:
        print(f"offline: {exc}; nothing written", file=sys.stderr)
        return 3
    except (ArxivError, DraftError) as exc:
        print(f"error: {exc}; nothing written", file=sys.stderr)
        return 2
    return _write_drafts(result.records, result.report(), "the arXiv API", args)


def cmd_load(args) -> int:
    from ingest.bolt_load import run_cli

    return run_cli(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check seed_data against the schema; exit 1 with file:line errors")
    v.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    v.add_argument("--json", action="store_true")
    v.add_argument("--survey-only", action="store_true", help="count only the survey's graph (all is validated)")
    v.add_argument("--report", action="store_true", help="also list the names that resolve to more than one entity")
    v.set_defaults(func=cmd_validate)

    rp = sub.add_parser("report", help="works per year and per taxonomy branch, the survey's beside later ones")
    rp.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    rp.add_argument("--json", action="store_true")
    rp.set_defaults(func=cmd_report)

    im = sub.add_parser("import-list", help="draft seed records from the companion list's Markdown")
    im.add_argument("markdown")
    im.add_argument("--kind", choices=["papers", "datasets"], default="papers")
    im.add_argument("-o", "--output", help="a new YAML file to write (an existing one only with --force)")
    im.add_argument("--force", action="store_true", help="replace an existing output file (never one in seed_data)")
    im.set_defaults(func=cmd_import_list)

    bib = sub.add_parser("import-bibtex", help="draft Paper records from a BibTeX file (YAML to stdout, or -o FILE)")
    bib.add_argument("bibfile")
    bib.add_argument("-o", "--output", help="a new YAML file to write (an existing one only with --force)")
    bib.add_argument("--force", action="store_true", help="replace an existing output file (never one in seed_data)")
    bib.add_argument("--since-survey", action="store_true", help="mark the drafts in_survey: false")
    bib.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the curated seed data not to duplicate")
    bib.set_defaults(func=cmd_import_bibtex)

    ax = sub.add_parser("add-arxiv", help="draft Paper records from arXiv's metadata API (needs internet)")
    ax.add_argument("ids", nargs="+", metavar="ID", help="arXiv ids, e.g. 2212.10755 (a version suffix is dropped)")
    ax.add_argument("-o", "--output", help="a new YAML file to write (an existing one only with --force)")
    ax.add_argument("--force", action="store_true", help="replace an existing output file (never one in seed_data)")
    ax.add_argument("--since-survey", action="store_true", help="mark the drafts in_survey: false")
    ax.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for arXiv")
    ax.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the curated seed data not to duplicate")
    ax.set_defaults(func=cmd_add_arxiv)

    ld = sub.add_parser("load", help="load seed_data into a Bolt server (Neo4j or FalkorDB): UNWIND + MERGE batches")
    ld.add_argument("--target", choices=["neo4j"], default="neo4j", help="neo4j: any Bolt server")
    ld.add_argument("--uri", help="Bolt URI (default: NEO4J_URI)")
    ld.add_argument("--user", help="user name (default: NEO4J_USERNAME)")
    ld.add_argument("--password", help="password (default: NEO4J_PASSWORD; prefer the variable)")
    ld.add_argument("--database", help="database (default: NEO4J_DATABASE)")
    ld.add_argument("--wipe", action="store_true", help="delete the whole graph first")
    ld.add_argument("--prune", action="store_true", help="delete nodes and relationships not in the data")
    ld.add_argument("--dry-run", action="store_true", help="validate and print what would be written")
    ld.add_argument("--survey-only", action="store_true", help="load only the survey's graph (with --prune, remove later work)")
    ld.add_argument("--batch-size", type=int, default=1000)
    ld.add_argument("--quiet", action="store_true", help="no progress bar")
    ld.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    ld.set_defaults(func=cmd_load)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
